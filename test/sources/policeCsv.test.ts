import { mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { FakeClock } from '../../src/core/clock';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { ImportRefused, importPoliceCsv, STREET_COLUMNS } from '../../src/sources/policeCsv';
import { CrimeRepo } from '../../src/store/crimeRepo';
import type { Store } from '../../src/store/db';
import { describeEachStore } from '../support/stores';

const IN_A = 'E01019526'; // Chesterfield 001A
const IN_B = 'E01033387'; // Chesterfield 010F
const ELSEWHERE = 'E01019400'; // a North East Derbyshire LSOA: not in the pack
const clock = new FakeClock('2021-03-01T09:00:00Z');

type Row = [id: string, month: string, lsoa: string, type: string];

function streetCsv(rows: Row[]): string {
  const lines = [STREET_COLUMNS.join(',')];
  for (const [id, month, lsoa, type] of rows) {
    const located = lsoa !== '';
    lines.push(
      [id, month, 'Derbyshire Constabulary', 'Derbyshire Constabulary', located ? '-1.42' : '', located ? '53.23' : '', located ? 'On or near High Street' : 'No Location', lsoa, located ? 'Chesterfield 001A' : '', type, type === 'Anti-social behaviour' ? '' : 'Under investigation', ''].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function zipOf(path: string, entries: Record<string, string>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject);
  });
}

async function lsoaCounts(store: Store, month: string, category: string): Promise<Record<string, number>> {
  const rows = await new CrimeRepo(store).countsByArea([{ areaType: 'lsoa', codes: 'all', from: month, to: month }], [category]);
  return Object.fromEntries(rows.map((r) => [r.areaCode, r.count]));
}

describeEachStore('csp import police-csv', (getStore) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-police-csv-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const deps = () => ({ store: getStore(), pack: chesterfieldPack, clock });
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  const june: Row[] = [
    ['a1', '2018-06', IN_A, 'Burglary'],
    ['a2', '2018-06', IN_A, 'Burglary'],
    ['', '2018-06', IN_A, 'Anti-social behaviour'],
    ['a3', '2018-06', IN_B, 'Shoplifting'],
    ['a4', '2018-06', ELSEWHERE, 'Burglary'],
    ['a5', '2018-06', '', 'Violence and sexual offences'],
  ];

  it('counts the pack\'s LSOAs per month and category and leaves out other districts and unmapped crimes', async () => {
    const file = write('2018-06-derbyshire-street.csv', streetCsv(june));
    const summary = await importPoliceCsv(deps(), [file]);
    expect([summary.rows, summary.kept, summary.outsideArea, summary.unmapped, summary.badRowCount]).toEqual([6, 4, 1, 1, 0]);
    expect(summary.months).toEqual([{ month: '2018-06', records: 4, files: ['2018-06-derbyshire-street.csv'] }]);
    expect(await lsoaCounts(getStore(), '2018-06', 'burglary')).toEqual({ [IN_A]: 2 });
    expect(await lsoaCounts(getStore(), '2018-06', 'shoplifting')).toEqual({ [IN_B]: 1 });
    expect(await lsoaCounts(getStore(), '2018-06', 'anti-social-behaviour')).toEqual({ [IN_A]: 1 });
    expect(summary.warnings).toEqual([]);
  });

  it('re-importing a month replaces it: the same file changes nothing, a re-supplied file replaces the figures', async () => {
    const file = write('2018-06-derbyshire-street.csv', streetCsv(june));
    await importPoliceCsv(deps(), [file]);
    await importPoliceCsv(deps(), [file]);
    expect(await lsoaCounts(getStore(), '2018-06', 'burglary')).toEqual({ [IN_A]: 2 });

    write('2018-06-derbyshire-street.csv', streetCsv([['b1', '2018-06', IN_B, 'Burglary']]));
    await importPoliceCsv(deps(), [file]);
    expect(await lsoaCounts(getStore(), '2018-06', 'burglary')).toEqual({ [IN_B]: 1 });
    expect(await lsoaCounts(getStore(), '2018-06', 'shoplifting')).toEqual({});
  });

  it('reports each bad row with its file and line, skips it and imports the rest', async () => {
    const text = streetCsv([
      ['a1', '2018-06', IN_A, 'Burglary'], // line 2
      ['a2', '2018-6', IN_A, 'Burglary'], // line 3: bad month
      ['a3', '2018-06', IN_A, 'Jaywalking'], // line 4: unknown type
      ['a4', '2018-06', IN_A, 'Burglary'], // line 5
    ]).replace(/\n$/, '\nshort,row\n'); // line 6: too few fields
    const file = write('2018-06-derbyshire-street.csv', text);
    const summary = await importPoliceCsv(deps(), [file]);
    expect(summary.badRows).toEqual([
      { file: '2018-06-derbyshire-street.csv', line: 3, reason: 'month "2018-6" is not YYYY-MM' },
      { file: '2018-06-derbyshire-street.csv', line: 4, reason: 'crime type "Jaywalking" is not a police.uk category' },
      { file: '2018-06-derbyshire-street.csv', line: 6, reason: 'has 2 fields, expected 12' },
    ]);
    expect(await lsoaCounts(getStore(), '2018-06', 'burglary')).toEqual({ [IN_A]: 2 });
  });

  it('reads the street-level files of an archive zip and ignores its outcomes files', async () => {
    const zipPath = join(dir, '2018-07.zip');
    await zipOf(zipPath, {
      '2018-06/2018-06-derbyshire-street.csv': streetCsv(june),
      '2018-06/2018-06-derbyshire-outcomes.csv': 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n',
      '2018-07/2018-07-derbyshire-street.csv': streetCsv([['c1', '2018-07', IN_B, 'Robbery']]),
      '2018-07/2018-07-btp-street.csv': streetCsv([['c2', '2018-07', IN_B, 'Robbery']]),
    });
    const summary = await importPoliceCsv(deps(), [zipPath]);
    expect(summary.files).toHaveLength(3);
    expect(summary.months.map((m) => [m.month, m.records])).toEqual([['2018-06', 4], ['2018-07', 2]]);
    expect(await lsoaCounts(getStore(), '2018-07', 'robbery')).toEqual({ [IN_B]: 2 });
    expect(await new CrimeRepo(getStore()).completeMonths('police.uk')).toEqual(['2018-06', '2018-07']);
  });

  it('counts a file given twice (alone and inside an archive) once', async () => {
    const file = write('2018-06-derbyshire-street.csv', streetCsv(june));
    const zipPath = join(dir, 'archive.zip');
    await zipOf(zipPath, { '2018-06/2018-06-derbyshire-street.csv': streetCsv(june) });
    const summary = await importPoliceCsv(deps(), [file, zipPath]);
    expect(summary.warnings[0]).toMatch(/given twice/);
    expect(await lsoaCounts(getStore(), '2018-06', 'burglary')).toEqual({ [IN_A]: 2 });
  });

  it('refuses a truncated zip and writes nothing, even from the good files given with it', async () => {
    const good = write('2018-05-derbyshire-street.csv', streetCsv([['d1', '2018-05', IN_A, 'Drugs']]));
    const zipPath = join(dir, 'archive.zip');
    await zipOf(zipPath, { '2018-06/2018-06-derbyshire-street.csv': streetCsv(june) });
    const whole = readFileSync(zipPath);
    writeFileSync(zipPath, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await expect(importPoliceCsv(deps(), [good, zipPath])).rejects.toThrow(ImportRefused);
    await expect(importPoliceCsv(deps(), [good, zipPath])).rejects.toThrow(/archive\.zip: .*truncated/);
    expect(await new CrimeRepo(getStore()).datasetKind()).toBe('empty');
  });

  it('refuses a CSV of another format and says what it is', async () => {
    const good = write('2018-06-derbyshire-street.csv', streetCsv(june));
    const local = write('extract.csv', 'month,area_type,area_code,area_name,measure,count,source,extracted_on\n2018-06,lsoa,E01019526,x,hate-crime,3,Force,2018-07-10\n');
    await expect(importPoliceCsv(deps(), [good, local])).rejects.toThrow(/extract\.csv: this is a local extract; load it with `csp import local-csv`/);
    const outcomes = write('2018-06-derbyshire-outcomes.csv', 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n');
    await expect(importPoliceCsv(deps(), [outcomes])).rejects.toThrow(/outcomes file/);
    expect(await new CrimeRepo(getStore()).datasetKind()).toBe('empty');
  });

  it('warns when a month is replaced without the force\'s own file', async () => {
    const btp = write('2018-06-btp-street.csv', streetCsv([['e1', '2018-06', IN_B, 'Other theft']]));
    const summary = await importPoliceCsv(deps(), [btp]);
    expect(summary.warnings).toEqual([expect.stringMatching(/2018-06 .*no derbyshire street-level file/)]);
  });
});
