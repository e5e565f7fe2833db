import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../src/core/clock';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { districtArea } from '../../src/domain/areas/resolve';
import { CrimeQueries } from '../../src/features/crime/queries';
import { importPoliceCsv, STREET_COLUMNS } from '../../src/sources/policeCsv';
import { CrimeRepo } from '../../src/store/crimeRepo';
import type { Store } from '../../src/store/db';
import { neighbourPack, saveNeighbourPack } from '../support/neighbourPack';
import { describeEachStore } from '../support/stores';

const CHESTERFIELD_LSOA = 'E01019526';
const BOLSOVER_LSOA = 'E01019400';
const UNKNOWN_LSOA = 'E01099999'; // a Derbyshire LSOA of no district this store knows
const clock = new FakeClock('2024-05-01T09:00:00Z');

function streetCsv(rows: [month: string, lsoa: string, type: string][]): string {
  const lines = [STREET_COLUMNS.join(',')];
  rows.forEach(([month, lsoa, type], i) =>
    lines.push([`id${i}`, month, 'Derbyshire Constabulary', 'Derbyshire Constabulary', '-1.4', '53.2', 'On or near A Street', lsoa, 'x', type, '', ''].join(',')),
  );
  return `${lines.join('\n')}\n`;
}

const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

async function districtTotal(store: Store, pack: typeof chesterfieldPack, month: string): Promise<number> {
  const q = new CrimeQueries(new CrimeRepo(store, pack.district.code), pack, { suppressionThreshold: 5 });
  return (await q.total(districtArea(pack), null, { from: month, to: month })).count;
}

describeEachStore('one store, many districts', (store) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-forcewide-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, rows: [string, string, string][]) => {
    const path = join(dir, name);
    writeFileSync(path, streetCsv(rows));
    return path;
  };

  it('a force-wide file fills every district the store knows, and reports rows of unknown districts', async () => {
    await saveNeighbourPack(store());
    const path = file('2024-03-derbyshire-street.csv', [
      ...repeat(3, ['2024-03', CHESTERFIELD_LSOA, 'Burglary'] as [string, string, string]),
      ...repeat(5, ['2024-03', BOLSOVER_LSOA, 'Drugs'] as [string, string, string]),
      ...repeat(2, ['2024-03', UNKNOWN_LSOA, 'Drugs'] as [string, string, string]),
    ]);
    const summary = await importPoliceCsv({ store: store(), pack: chesterfieldPack, clock }, [path]);
    expect(summary.kept).toBe(8);
    expect(summary.outsideArea).toBe(2);
    expect(summary.districts?.map((d) => [d.name, d.records])).toEqual([
      ['Bolsover', 5],
      ['Chesterfield', 3],
    ]);
    expect(await districtTotal(store(), chesterfieldPack, '2024-03')).toBe(3);
    expect(await districtTotal(store(), neighbourPack, '2024-03')).toBe(5);
    // Each district's month is recorded as its own import.
    expect((await new CrimeRepo(store(), neighbourPack.district.code).imports()).map((i) => i.month)).toEqual(['2024-03']);
  });

  it('two districts imported from separate files keep their own figures', async () => {
    await saveNeighbourPack(store());
    // Imported one after the other, as two partnerships would: the second never deletes the first's month.
    await importPoliceCsv({ store: store(), pack: chesterfieldPack, clock }, [file('chesterfield-2024-03.csv', repeat(4, ['2024-03', CHESTERFIELD_LSOA, 'Burglary']))]);
    await importPoliceCsv({ store: store(), pack: neighbourPack, clock }, [file('bolsover-2024-03.csv', repeat(6, ['2024-03', BOLSOVER_LSOA, 'Burglary']))]);
    expect(await districtTotal(store(), chesterfieldPack, '2024-03')).toBe(4);
    expect(await districtTotal(store(), neighbourPack, '2024-03')).toBe(6);
  });

  it("re-importing one district's month leaves the other district's alone", async () => {
    await saveNeighbourPack(store());
    await importPoliceCsv({ store: store(), pack: chesterfieldPack, clock }, [
      file('2024-03-derbyshire-street.csv', [...repeat(3, ['2024-03', CHESTERFIELD_LSOA, 'Burglary']), ...repeat(5, ['2024-03', BOLSOVER_LSOA, 'Drugs'])] as [string, string, string][]),
    ]);
    const repo = new CrimeRepo(store());
    await repo.replaceMonth({ source: 'police.uk', month: '2024-03', district: neighbourPack.district.code, origin: 'api', importedAt: clock.now().toISOString(), records: 9 }, [
      { areaType: 'lsoa', areaCode: BOLSOVER_LSOA, category: 'drugs', count: 9 },
    ]);
    expect(await districtTotal(store(), neighbourPack, '2024-03')).toBe(9);
    expect(await districtTotal(store(), chesterfieldPack, '2024-03')).toBe(3);
    // The force file again: Bolsover's month would shrink from 9 to 5, which is refused district by district…
    const again = () => file('2024-03-derbyshire-street.csv', [...repeat(3, ['2024-03', CHESTERFIELD_LSOA, 'Burglary']), ...repeat(5, ['2024-03', BOLSOVER_LSOA, 'Drugs'])] as [string, string, string][]);
    await expect(importPoliceCsv({ store: store(), pack: neighbourPack, clock }, [again()])).rejects.toThrow(/Bolsover 2024-03: 9 → 5 records/);
    expect(await districtTotal(store(), neighbourPack, '2024-03')).toBe(9);
    // …and when told to replace: both replaced, neither double-counted.
    await importPoliceCsv({ store: store(), pack: neighbourPack, clock }, [again()], { replace: true });
    expect(await districtTotal(store(), neighbourPack, '2024-03')).toBe(5);
    expect(await districtTotal(store(), chesterfieldPack, '2024-03')).toBe(3);
  });

  it('a district with no crime in its force file that month is stored as a month of none, not left holding an older import', async () => {
    await saveNeighbourPack(store());
    await importPoliceCsv({ store: store(), pack: chesterfieldPack, clock }, [file('2024-03-derbyshire-street.csv', [...repeat(5, ['2024-03', BOLSOVER_LSOA, 'Drugs'] as [string, string, string])])]);
    expect(await districtTotal(store(), neighbourPack, '2024-03')).toBe(5);
    await importPoliceCsv({ store: store(), pack: chesterfieldPack, clock }, [file('2024-03-derbyshire-street.csv', [['2024-03', CHESTERFIELD_LSOA, 'Drugs']])], { replace: true });
    expect(await districtTotal(store(), neighbourPack, '2024-03')).toBe(0);
    expect((await new CrimeRepo(store(), neighbourPack.district.code).imports()).map((i) => i.month)).toEqual(['2024-03']);
  });

  it('rows stored before the store knew districts are adopted by the district it served', async () => {
    await store().db.insertInto('crime_count').values({ source: 'police.uk', month: '2024-01', district: '', area_type: 'lsoa', area_code: CHESTERFIELD_LSOA, category: 'burglary', count: 7 }).execute();
    await store().db.insertInto('crime_count').values({ source: 'police.uk', month: '2024-01', district: '', area_type: 'lsoa', area_code: CHESTERFIELD_LSOA, category: '_all-crime', count: 7 }).execute();
    await store().db.insertInto('crime_import').values({ source: 'police.uk', month: '2024-01', district: '', scope: '*', origin: 'old', imported_at: '2024-02-01T00:00:00Z', records: 7, as_of: null, source_name: null }).execute();
    expect(await districtTotal(store(), chesterfieldPack, '2024-01')).toBe(0);
    expect(await new CrimeRepo(store()).adoptLegacy(chesterfieldPack.district.code)).toBe(true);
    expect(await districtTotal(store(), chesterfieldPack, '2024-01')).toBe(7);
    expect(await new CrimeRepo(store()).adoptLegacy(chesterfieldPack.district.code)).toBe(false);
    const totals = await new CrimeRepo(store()).districtMonthTotals([chesterfieldPack.district.code], ['_all-crime'], '2024-01', '2024-01');
    expect(totals).toEqual([{ district: chesterfieldPack.district.code, month: '2024-01', count: 7 }]);
  });
});
