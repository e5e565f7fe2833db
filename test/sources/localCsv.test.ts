import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../src/core/clock';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { importLocalCsv, LocalCsvRefused } from '../../src/sources/localCsv';
import { ImportRefused } from '../../src/sources/policeCsv';
import { CrimeRepo } from '../../src/store/crimeRepo';
import type { Store } from '../../src/store/db';
import { describeEachStore } from '../support/stores';
import { crimeTablesHash } from '../support/crimeDump';

const HEADER = 'month,area_type,area_code,area_name,measure,count,source,extracted_on';
const clock = new FakeClock('2021-03-01T09:00:00Z');

async function counts(store: Store, areaType: 'lsoa' | 'ward', month: string, category: string): Promise<Record<string, number>> {
  const rows = await new CrimeRepo(store).countsByArea([{ areaType, codes: 'all', from: month, to: month }], [category]);
  return Object.fromEntries(rows.map((r) => [r.areaCode, r.count]));
}

describeEachStore('csp import local-csv', (getStore) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-local-csv-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const deps = () => ({ store: getStore(), pack: chesterfieldPack, clock });
  const write = (lines: string[]) => {
    const p = join(dir, 'extract.csv');
    writeFileSync(p, `${[HEADER, ...lines].join('\n')}\n`);
    return p;
  };

  it('loads measures by LSOA and by ward, named by slug or by name', async () => {
    const file = write([
      '2020-06,lsoa,E01019526,Chesterfield 001A,hate-crime,3,Derbyshire Constabulary,2020-07-10',
      '2020-06,lsoa,E01033387,Chesterfield 010F,Hate crime,7,Derbyshire Constabulary,2020-07-10',
      '2020-06,ward,E05003339,St Leonard\'s,Violence without injury,12,Derbyshire Constabulary,2020-07-10',
      '2020-07,ward,E05003339,St Leonard\'s,violence-without-injury,9,Derbyshire Constabulary,2020-08-11',
    ]);
    const summary = await importLocalCsv(deps(), file);
    expect(summary.rows).toBe(4);
    expect(summary.measures).toEqual(['hate-crime', 'violence-without-injury']);
    expect(summary.asOf).toBe('2020-08-11');
    expect(await counts(getStore(), 'lsoa', '2020-06', 'hate-crime')).toEqual({ E01019526: 3, E01033387: 7 });
    expect(await counts(getStore(), 'ward', '2020-07', 'violence-without-injury')).toEqual({ E05003339: 9 });
  });

  it('replaces a month\'s measures on re-import and leaves the other measures of that month alone', async () => {
    write([
      '2020-06,lsoa,E01019526,,hate-crime,3,Force,2020-07-10',
      '2020-06,lsoa,E01019526,,stalking-and-harassment,4,Force,2020-07-10',
    ]);
    await importLocalCsv(deps(), join(dir, 'extract.csv'));
    write(['2020-06,lsoa,E01019526,,hate-crime,5,Force,2020-07-20']);
    await importLocalCsv(deps(), join(dir, 'extract.csv'));
    expect(await counts(getStore(), 'lsoa', '2020-06', 'hate-crime')).toEqual({ E01019526: 5 });
    expect(await counts(getStore(), 'lsoa', '2020-06', 'stalking-and-harassment')).toEqual({ E01019526: 4 });
  });

  it('refuses to replace a month\'s measure with markedly fewer areas unless told to, and changes nothing', async () => {
    const lsoas = chesterfieldPack.lsoas.slice(0, 5).map((l) => l.code);
    write(lsoas.map((c) => `2020-06,lsoa,${c},,hate-crime,3,Force,2020-07-10`));
    await importLocalCsv(deps(), join(dir, 'extract.csv'));
    const before = await crimeTablesHash(getStore());
    write(lsoas.slice(0, 2).map((c) => `2020-06,lsoa,${c},,hate-crime,3,Force,2020-07-20`));
    await expect(importLocalCsv(deps(), join(dir, 'extract.csv'))).rejects.toThrow(/2020-06 hate-crime: 5 → 2 records[\s\S]*--replace/);
    expect(await crimeTablesHash(getStore())).toBe(before);
    const s = await importLocalCsv(deps(), join(dir, 'extract.csv'), { replace: true });
    expect(s.changes).toEqual([{ month: '2020-06 hate-crime', before: 5, after: 2 }]);
  });

  it('refuses an over-long record and reports bytes that are not UTF-8, changing nothing', async () => {
    const before = await crimeTablesHash(getStore());
    const long = write([`2020-06,lsoa,E01019526,${'x'.repeat(100_000)},hate-crime,3,Force,2020-07-10`]);
    await expect(importLocalCsv(deps(), long)).rejects.toThrow(/record longer than 64 KB/);
    const p = join(dir, 'latin1.csv');
    writeFileSync(p, Buffer.concat([Buffer.from(`${HEADER}\n2020-06,lsoa,E01019526,St Leonard`), Buffer.from([0x92]), Buffer.from('s,hate-crime,3,Force,2020-07-10\n')]));
    await expect(importLocalCsv(deps(), p)).rejects.toThrow(/line 2: is not valid UTF-8/);
    expect(await crimeTablesHash(getStore())).toBe(before);
  });

  it('refuses a file with bad rows, lists every problem by line and writes nothing', async () => {
    const file = write([
      '2020-06,lsoa,E01019526,,hate-crime,3,Force,2020-07-10', // line 2: fine
      '2020-13,lsoa,E01019526,,hate-crime,3,Force,2020-07-10', // line 3
      '2020-06,parish,E01019526,,hate-crime,3,Force,2020-07-10', // line 4
      '2020-06,lsoa,E01019526,,burglary,3,Force,2020-07-10', // line 5: a police.uk category, not a local measure
      '2020-06,lsoa,E01019526,,domestic-abuse,-2,Force,2020-07-10', // line 6
      '2020-06,lsoa,E01099999,,domestic-abuse,2,Force,2020-07-10', // line 7: not in the district
      '2020-06,ward,E05015179,Spire,domestic-abuse,2,Force,2020-07-10', // line 8: a 2023 ward in 2020
      '2020-06,lsoa,E01019526,,hate-crime,4,Force,2020-07-10', // line 9: repeats line 2
      '2020-06,lsoa,E01019526,,hate-crime,4,Force,2020-02-30', // line 10: no such date (and a repeat)
    ]);
    const failure = importLocalCsv(deps(), file);
    await expect(failure).rejects.toThrow(LocalCsvRefused);
    const err = (await failure.catch((e: unknown) => e)) as LocalCsvRefused;
    expect(err.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(err.problems[0].reason).toMatch(/YYYY-MM/);
    expect(err.problems[2].reason).toMatch(/measure "burglary" is not one of/);
    expect(err.problems[5].reason).toMatch(/E05015179 is not a Chesterfield ward in 2020-06/);
    expect(err.problems[6].reason).toMatch(/repeats line 2/);
    expect(err.message).toMatch(/^extract\.csv: not loaded, 8 problems/);
    expect(await new CrimeRepo(getStore()).datasetKind()).toBe('empty');
  });

  it('refuses a street-level police.uk file with a pointer to the right layout', async () => {
    const p = join(dir, 'street.csv');
    writeFileSync(p, 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n');
    await expect(importLocalCsv(deps(), p)).rejects.toThrow(ImportRefused);
    await expect(importLocalCsv(deps(), p)).rejects.toThrow(/header must be month,area_type/);
  });

  it('refuses LSOA and ward rows for the same measure and month, which would count twice', async () => {
    const file = write([
      '2020-06,lsoa,E01033387,,hate-crime,3,Force,2020-07-10',
      '2020-06,ward,E05003339,,hate-crime,5,Force,2020-07-10',
    ]);
    await expect(importLocalCsv(deps(), file)).rejects.toThrow(/line 3: hate-crime for 2020-06 is given by lsoa on line 2 and by ward here/);
  });
});
