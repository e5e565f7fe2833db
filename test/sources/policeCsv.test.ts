import { mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { FakeClock } from '../../src/core/clock';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { BadRowsRefused, ImportRefused, importPoliceCsv, ShrinkRefused, STREET_COLUMNS } from '../../src/sources/policeCsv';
import { crimeTablesHash } from '../support/crimeDump';
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
    await importPoliceCsv(deps(), [file], { replace: true }); // 1 record where 4 were: only when told
    expect(await lsoaCounts(getStore(), '2018-06', 'burglary')).toEqual({ [IN_B]: 1 });
    expect(await lsoaCounts(getStore(), '2018-06', 'shoplifting')).toEqual({});
  });

  const badFile = () =>
    streetCsv([
      ['a1', '2018-06', IN_A, 'Burglary'], // line 2
      ['a2', '2018-6', IN_A, 'Burglary'], // line 3: bad month
      ['a3', '2018-06', IN_A, 'Jaywalking'], // line 4: unknown type
      ['a4', '2018-06', IN_A, 'Burglary'], // line 5
    ]).replace(/\n$/, '\nshort,row\n'); // line 6: too few fields

  it('refuses a file with malformed rows, printing each with its line, and changes nothing', async () => {
    await importPoliceCsv(deps(), [write('2018-05-derbyshire-street.csv', streetCsv([['z1', '2018-05', IN_A, 'Drugs']]))]);
    const before = await crimeTablesHash(getStore());
    const file = write('2018-06-derbyshire-street.csv', badFile());
    const refused = await importPoliceCsv(deps(), [file]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRowsRefused);
    expect((refused as Error).message).toContain('2018-06-derbyshire-street.csv, line 3: month "2018-6" is not YYYY-MM');
    expect((refused as Error).message).toContain('line 4: crime type "Jaywalking" is not a police.uk category');
    expect((refused as Error).message).toContain('line 6: has 2 fields, expected 12');
    expect((refused as Error).message).toContain('--allow-bad-rows 3');
    await expect(importPoliceCsv(deps(), [file], { allowBadRows: 2 })).rejects.toThrow(/more than the 2 allowed/);
    expect(await crimeTablesHash(getStore())).toBe(before);
  });

  it('with --allow-bad-rows N, leaves out up to N malformed rows, reports each and imports the rest', async () => {
    const file = write('2018-06-derbyshire-street.csv', badFile());
    const summary = await importPoliceCsv(deps(), [file], { allowBadRows: 3 });
    expect(summary.badRows).toEqual([
      { file: '2018-06-derbyshire-street.csv', line: 3, reason: 'month "2018-6" is not YYYY-MM' },
      { file: '2018-06-derbyshire-street.csv', line: 4, reason: 'crime type "Jaywalking" is not a police.uk category' },
      { file: '2018-06-derbyshire-street.csv', line: 6, reason: 'has 2 fields, expected 12' },
    ]);
    expect(await lsoaCounts(getStore(), '2018-06', 'burglary')).toEqual({ [IN_A]: 2 });
  });

  it('refuses a file whose last record is cut off, whatever bad rows are allowed, and leaves the month as it was', async () => {
    const full = streetCsv(june);
    await importPoliceCsv(deps(), [write('2018-06-derbyshire-street.csv', full)]);
    const before = await crimeTablesHash(getStore());
    const cut = full.slice(0, full.lastIndexOf('Violence') + 4); // mid-way through the last row's crime type
    const file = write('2018-06-derbyshire-street.csv', cut);
    await expect(importPoliceCsv(deps(), [file], { allowBadRows: 100, replace: true })).rejects.toThrow(/is cut off: its last record \(line 7\)/);
    const quoted = write('2018-06-derbyshire-street.csv', `${full}a9,2018-06,D,D,-1.42,53.23,"On or near`);
    await expect(importPoliceCsv(deps(), [quoted], { allowBadRows: 100, replace: true })).rejects.toThrow(/is cut off/);
    expect(await crimeTablesHash(getStore())).toBe(before);
  });

  it('refuses a file whose rows are of another month than its name or folder says, and leaves that month alone', async () => {
    const may = streetCsv([['m1', '2018-05', IN_A, 'Burglary'], ['m2', '2018-05', IN_A, 'Burglary']]);
    await importPoliceCsv(deps(), [write('2018-05-derbyshire-street.csv', may)]);
    const before = await crimeTablesHash(getStore());
    const misnamed = write('2018-06-derbyshire-street.csv', streetCsv([['m3', '2018-05', IN_B, 'Robbery']]));
    await expect(importPoliceCsv(deps(), [misnamed], { replace: true })).rejects.toThrow(/named for 2018-06 but holds rows of another month: 1 for 2018-05 \(first on line 2\)/);
    const zipPath = join(dir, 'archive.zip');
    await zipOf(zipPath, { '2018-06/2018-05-derbyshire-street.csv': may });
    await expect(importPoliceCsv(deps(), [zipPath], { replace: true })).rejects.toThrow(/named for 2018-05 but filed in the folder 2018-06\//);
    await zipOf(zipPath, { '2018-06/derbyshire-street.csv': may });
    await expect(importPoliceCsv(deps(), [zipPath], { replace: true })).rejects.toThrow(/named for 2018-06 but holds rows of another month/);
    expect(await crimeTablesHash(getStore())).toBe(before);
  });

  it('refuses to replace a month with markedly fewer records unless told to, saying what would change', async () => {
    const file = write('2018-06-derbyshire-street.csv', streetCsv(june));
    await importPoliceCsv(deps(), [file]);
    const before = await crimeTablesHash(getStore());
    write('2018-06-derbyshire-street.csv', streetCsv(june.slice(0, 3))); // 3 of the 4 in the district
    const refused = await importPoliceCsv(deps(), [file]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ShrinkRefused);
    expect((refused as Error).message).toMatch(/2018-06: 4 → 3 records \(−25\.0 %\)/);
    expect((refused as Error).message).toMatch(/--replace/);
    expect(await crimeTablesHash(getStore())).toBe(before);
    const summary = await importPoliceCsv(deps(), [file], { replace: true });
    expect(summary.changes).toEqual([{ month: '2018-06', before: 4, after: 3 }]);
    expect(await lsoaCounts(getStore(), '2018-06', 'shoplifting')).toEqual({});
    // A month at 80 % or more of what it held is replaced without asking.
    write('2018-06-derbyshire-street.csv', streetCsv([...june.slice(0, 3), ['a9', '2018-06', IN_B, 'Drugs']]));
    expect((await importPoliceCsv(deps(), [file])).changes).toEqual([{ month: '2018-06', before: 3, after: 4 }]);
  });

  it('refuses a record longer than 64 KB without holding the file, and changes nothing', async () => {
    const before = await crimeTablesHash(getStore());
    const file = write('2018-06-derbyshire-street.csv', `${STREET_COLUMNS.join(',')}\n${'x'.repeat(8 * 1024 * 1024)}`);
    await expect(importPoliceCsv(deps(), [file])).rejects.toThrow(/line 2 is longer than 64 KB/);
    expect(await crimeTablesHash(getStore())).toBe(before);
  });

  it('refuses, unread, a zip entry that would unpack too large or is compressed far more than a CSV', async () => {
    const before = await crimeTablesHash(getStore());
    const zipPath = join(dir, 'bomb.zip');
    // Twenty megabytes of one repeated row: real rows never compress anywhere near this well.
    const row = `x,2018-06,D,D,-1.42,53.23,On or near X,${IN_A},Chesterfield 001A,Burglary,,\n`;
    await zipOf(zipPath, { '2018-06/2018-06-derbyshire-street.csv': STREET_COLUMNS.join(',') + '\n' + row.repeat(Math.ceil((20 * 1024 * 1024) / row.length)) });
    await expect(importPoliceCsv(deps(), [zipPath])).rejects.toThrow(/bomb\.zip:2018-06\/2018-06-derbyshire-street\.csv: is compressed \d+ to 1/);
    await zipOf(zipPath, { '2018-06/2018-06-derbyshire-street.csv': streetCsv(june) });
    await expect(importPoliceCsv(deps(), [zipPath], { limits: { maxEntryBytes: 100 } })).rejects.toThrow(/would unpack to .* MB, more than/);
    expect(await crimeTablesHash(getStore())).toBe(before);
  });

  it('refuses a zip entry whose header misstates its size, and writes nothing', async () => {
    const before = await crimeTablesHash(getStore());
    const zipPath = join(dir, 'archive.zip');
    const text = streetCsv(june);
    // The entry's uncompressed size in its central directory record (what the size caps are checked against).
    const declaring = async (bytes: number) => {
      await zipOf(zipPath, { '2018-06/2018-06-derbyshire-street.csv': text });
      const zip = readFileSync(zipPath);
      const at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      expect(zip.readUInt32LE(at + 24)).toBe(Buffer.byteLength(text));
      zip.writeUInt32LE(bytes, at + 24);
      writeFileSync(zipPath, zip);
    };
    await declaring(Buffer.byteLength(text) - 10);
    await expect(importPoliceCsv(deps(), [zipPath])).rejects.toThrow(/archive\.zip:2018-06\/2018-06-derbyshire-street\.csv: could not be read to the end \(more bytes than/);
    await declaring(Buffer.byteLength(text) + 10);
    await expect(importPoliceCsv(deps(), [zipPath])).rejects.toThrow(/could not be read to the end \(\d+ bytes where its header declares/);
    expect(await crimeTablesHash(getStore())).toBe(before);
  });

  it('reports a row that is not valid UTF-8 with its line', async () => {
    const text = Buffer.concat([Buffer.from(streetCsv(june.slice(0, 2))), Buffer.from('a8,2018-06,D,D,-1.42,53.23,On or near Caf'), Buffer.from([0xe9]), Buffer.from(`,${IN_A},Chesterfield 001A,Burglary,,\n`)]);
    const file = join(dir, '2018-06-derbyshire-street.csv');
    writeFileSync(file, text);
    await expect(importPoliceCsv(deps(), [file])).rejects.toThrow(/line 4: is not valid UTF-8/);
  });

  it('keeps a count past 65,535 in one LSOA, month and category whole', async () => {
    const row = `x,2018-06,D,D,-1.42,53.23,On or near X,${IN_A},Chesterfield 001A,Shoplifting,,\n`;
    const summary = await importPoliceCsv(deps(), [write('2018-06-derbyshire-street.csv', `${STREET_COLUMNS.join(',')}\n${row.repeat(65_540)}`)]);
    expect(summary.kept).toBe(65_540);
    expect(await lsoaCounts(getStore(), '2018-06', 'shoplifting')).toEqual({ [IN_A]: 65_540 });
  });

  it('says which: a row with coordinates but no LSOA in the district is not a row with no location', async () => {
    const text = streetCsv(june).replace(/\n$/, '\nc1,2018-06,D,D,-1.50,53.10,On or near Y,,,Burglary,,\n');
    const summary = await importPoliceCsv(deps(), [write('2018-06-derbyshire-street.csv', text)]);
    expect([summary.outsideArea, summary.unmapped]).toEqual([2, 1]);
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

  describe("police.uk's monthly archive, for chosen forces", () => {
    // An archive as police.uk publishes it: a folder per month, every force's files in each.
    const archive = async (extra: Record<string, string> = {}) => {
      const zipPath = join(dir, '2018-07.zip');
      await zipOf(zipPath, {
        '2018-06/2018-06-derbyshire-street.csv': streetCsv(june),
        '2018-06/2018-06-btp-street.csv': streetCsv([['t1', '2018-06', IN_B, 'Robbery']]),
        '2018-06/2018-06-nottinghamshire-street.csv': streetCsv([['n1', '2018-06', IN_A, 'Drugs']]),
        '2018-06/2018-06-nottinghamshire-outcomes.csv': 'Crime ID,Month\n',
        '2018-07/2018-07-derbyshire-street.csv': streetCsv([['c1', '2018-07', IN_B, 'Robbery']]),
        // Not even a CSV: read, it would refuse the import.
        '2018-07/2018-07-nottinghamshire-street.csv': 'this entry is damaged',
        ...extra,
      });
      return zipPath;
    };

    it('reads by default the forces of the districts the store knows, and British Transport Police, leaving the others unread', async () => {
      const summary = await importPoliceCsv(deps(), [await archive()]);
      expect(summary.forceChoice).toEqual({ kind: 'default', forces: ['derbyshire', 'btp'] });
      expect(summary.archives).toEqual([{ file: '2018-07.zip', held: ['btp', 'derbyshire', 'nottinghamshire'], read: ['btp', 'derbyshire'], files: 3, skipped: 2 }]);
      expect(summary.files).toEqual(['2018-07.zip:2018-06/2018-06-derbyshire-street.csv', '2018-07.zip:2018-06/2018-06-btp-street.csv', '2018-07.zip:2018-07/2018-07-derbyshire-street.csv']);
      expect(await lsoaCounts(getStore(), '2018-06', 'robbery')).toEqual({ [IN_B]: 1 });
      expect(await lsoaCounts(getStore(), '2018-06', 'drugs')).toEqual({});
    });

    it('reads only the forces named, whichever districts the store knows', async () => {
      const summary = await importPoliceCsv(deps(), [await archive()], { forces: ['derbyshire'] });
      expect(summary.archives[0]).toMatchObject({ read: ['derbyshire'], files: 2, skipped: 3 });
      expect(await lsoaCounts(getStore(), '2018-06', 'robbery')).toEqual({});
      expect(await lsoaCounts(getStore(), '2018-06', 'burglary')).toEqual({ [IN_A]: 2 });
    });

    it('reads every force when told to (and a damaged entry then refuses the import)', async () => {
      const before = await crimeTablesHash(getStore());
      await expect(importPoliceCsv(deps(), [await archive()], { forces: 'all' })).rejects.toThrow(/2018-07-nottinghamshire-street\.csv: the header is not police\.uk's street-level header/);
      expect(await crimeTablesHash(getStore())).toBe(before);
      const zipPath = await archive({ '2018-07/2018-07-nottinghamshire-street.csv': streetCsv([['n2', '2018-07', IN_A, 'Drugs']]) });
      const summary = await importPoliceCsv(deps(), [zipPath], { forces: 'all' });
      expect(summary.archives[0]).toMatchObject({ read: ['btp', 'derbyshire', 'nottinghamshire'], files: 5, skipped: 0 });
      expect(await lsoaCounts(getStore(), '2018-07', 'drugs')).toEqual({ [IN_A]: 1 });
    });

    it('refuses a force the archive does not hold, naming those it does, and changes nothing', async () => {
      const before = await crimeTablesHash(getStore());
      await expect(importPoliceCsv(deps(), [await archive()], { forces: ['derbyshire', 'leicestershire'] })).rejects.toThrow(
        /2018-07\.zip: no force "leicestershire" here: it holds street-level files of btp, derbyshire, nottinghamshire/,
      );
      expect(await crimeTablesHash(getStore())).toBe(before);
    });

    it('refuses an archive holding none of the forces of the districts the store knows, naming those it holds', async () => {
      const zipPath = join(dir, 'elsewhere.zip');
      await zipOf(zipPath, { '2018-06/2018-06-kent-street.csv': streetCsv([['k1', '2018-06', ELSEWHERE, 'Drugs']]) });
      await expect(importPoliceCsv(deps(), [zipPath])).rejects.toThrow(/elsewhere\.zip: holds no street-level files of derbyshire, btp \(the forces of the districts this store knows\); it holds files of kent\. Choose with --force <id>, or --all-forces/);
    });
  });

  it('warns when a month is replaced without the force\'s own file', async () => {
    const btp = write('2018-06-btp-street.csv', streetCsv([['e1', '2018-06', IN_B, 'Other theft']]));
    const summary = await importPoliceCsv(deps(), [btp]);
    expect(summary.warnings).toEqual([expect.stringMatching(/2018-06 .*no derbyshire street-level file/)]);
  });
});
