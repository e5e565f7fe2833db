import { ALL_CRIME_KEY, CrimeCountRow, CrimeRepo, MonthImport } from '../../src/store/crimeRepo';
import { describeEachStore } from '../support/stores';
import { AppMetaRepo } from '../../src/store/appMetaRepo';
import { readDataVersion } from '../../src/store/dataVersions';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { wardLookupFingerprint } from '../../src/domain/areas/wardLookup';
import { GRID_CATEGORIES } from '../../src/sources/forceWide';
import { rewriteWardTotals } from '../../src/store/wardTotals';

function imp(month: string, source: MonthImport['source'] = 'police.uk', extra: Partial<MonthImport> = {}): MonthImport {
  return { source, month, district: 'E07000034', origin: `${month}-derbyshire-street.csv`, importedAt: '2021-03-01T09:00:00.000Z', records: 3, ...extra };
}
const lsoa = (areaCode: string, category: string, count: number): CrimeCountRow => ({ areaType: 'lsoa', areaCode, category, count });
const all = (from: string, to: string) => [{ areaType: 'lsoa' as const, codes: 'all' as const, from, to }];

describeEachStore('CrimeRepo', (store) => {
  it('re-importing a month replaces it: the same file twice gives the same figures, never double', async () => {
    const repo = new CrimeRepo(store());
    const rows = [lsoa('E01019526', 'burglary', 3), lsoa('E01019527', 'burglary', 2), lsoa('E01019526', 'anti-social-behaviour', 7)];
    await repo.replaceMonth(imp('2020-01'), rows);
    await repo.replaceMonth(imp('2020-01'), rows);
    expect(await repo.countsByMonth(all('2020-01', '2020-01'), ['burglary'])).toEqual([{ month: '2020-01', count: 5 }]);
    expect(await repo.countsByMonth(all('2020-01', '2020-01'), ['anti-social-behaviour'])).toEqual([{ month: '2020-01', count: 7 }]);
    // A re-supplied month with different figures wins outright.
    await repo.replaceMonth(imp('2020-01'), [lsoa('E01019526', 'burglary', 1)]);
    expect(await repo.countsByMonth(all('2020-01', '2020-01'), ['burglary'])).toEqual([{ month: '2020-01', count: 1 }]);
    expect(await repo.countsByMonth(all('2020-01', '2020-01'), ['anti-social-behaviour'])).toEqual([]);
  });

  it('sums duplicate rows of one area and category within a month', async () => {
    const repo = new CrimeRepo(store());
    await repo.replaceMonth(imp('2020-02'), [lsoa('E01019526', 'drugs', 2), lsoa('E01019526', 'drugs', 4)]);
    expect(await repo.countsByArea(all('2020-02', '2020-02'), ['drugs'])).toEqual([{ areaType: 'lsoa', areaCode: 'E01019526', count: 6 }]);
  });

  it('keeps all crime as every police.uk category except ASB', async () => {
    const repo = new CrimeRepo(store());
    await repo.replaceMonth(imp('2020-03'), [lsoa('A', 'burglary', 2), lsoa('A', 'violent-crime', 5), lsoa('A', 'anti-social-behaviour', 9)]);
    expect(await repo.countsByMonth(all('2020-03', '2020-03'), [ALL_CRIME_KEY])).toEqual([{ month: '2020-03', count: 7 }]);
  });

  it('replaceMonths is all-or-nothing: a bad row in the last month leaves every month untouched', async () => {
    const repo = new CrimeRepo(store());
    await repo.replaceMonth(imp('2020-01'), [lsoa('A', 'burglary', 4)]);
    await expect(
      repo.replaceMonths([
        { imp: imp('2020-01'), rows: [lsoa('A', 'burglary', 40)] },
        { imp: imp('2020-02'), rows: [lsoa('A', 'burglary', 1)] },
        { imp: imp('2020-03'), rows: [lsoa('A', 'burglary', Number.NaN)] },
      ]),
    ).rejects.toThrow(/count must be a whole number/);
    expect(await repo.countsByMonth(all('2020-01', '2020-12'), ['burglary'])).toEqual([{ month: '2020-01', count: 4 }]);
    expect(await repo.completeMonths('police.uk')).toEqual(['2020-01']);
  });

  it('replaceMonths lands a whole file in one go and records each month as complete', async () => {
    const repo = new CrimeRepo(store());
    await repo.replaceMonths([
      { imp: imp('2020-02'), rows: [lsoa('A', 'burglary', 1)] },
      { imp: imp('2020-01'), rows: [] },
    ]);
    expect(await repo.completeMonths('police.uk')).toEqual(['2020-01', '2020-02']);
    expect(await repo.latestMonth()).toBe('2020-02');
    expect(await repo.earliestMonth('police.uk')).toBe('2020-01');
    expect(await repo.latestMonth('local')).toBeNull();
  });

  it('a local month carrying no measure changes nothing', async () => {
    const repo = new CrimeRepo(store());
    await repo.replaceMonth(imp('2020-06', 'local'), [{ areaType: 'ward', areaCode: 'W1', category: 'hate-crime', count: 3 }]);
    await repo.replaceMonth(imp('2020-06', 'local', { records: 0 }), []);
    expect(await repo.imports({ source: ['local'], scope: ['hate-crime'] })).toHaveLength(1);
    expect(await repo.countsByMonth([{ areaType: 'ward', codes: ['W1'], from: '2020-06', to: '2020-06' }], ['hate-crime'])).toEqual([{ month: '2020-06', count: 3 }]);
  });

  it('a local extract replaces only the measures it carries for that month', async () => {
    const repo = new CrimeRepo(store());
    await repo.replaceMonth(imp('2020-05', 'local', { sourceName: 'Derbyshire Constabulary', asOf: '2021-02-10' }), [
      { areaType: 'ward', areaCode: 'W1', category: 'hate-crime', count: 3 },
    ]);
    await repo.replaceMonth(imp('2020-05', 'local'), [{ areaType: 'ward', areaCode: 'W1', category: 'stalking-and-harassment', count: 8 }]);
    expect(await repo.countsByCategory([{ areaType: 'ward', codes: ['W1'], from: '2020-05', to: '2020-05' }], ['hate-crime', 'stalking-and-harassment'])).toEqual(
      expect.arrayContaining([
        { category: 'hate-crime', count: 3 },
        { category: 'stalking-and-harassment', count: 8 },
      ]),
    );
    expect(await repo.hasCategory('hate-crime')).toBe(true);
    expect(await repo.hasCategory('domestic-abuse')).toBe(false);
    const hate = await repo.imports({ source: ['local'], scope: ['hate-crime'] });
    expect(hate).toEqual([expect.objectContaining({ sourceName: 'Derbyshire Constabulary', asOf: '2021-02-10', month: '2020-05' })]);
  });

  it('tells demo data from real data, and clearing the demo leaves the store empty', async () => {
    const repo = new CrimeRepo(store());
    expect(await repo.datasetKind()).toBe('empty');
    await repo.replaceMonth(imp('2019-01', 'demo'), [lsoa('A', 'burglary', 2)]);
    expect(await repo.datasetKind()).toBe('demo');
    await repo.clearDemo();
    expect(await repo.datasetKind()).toBe('empty');
    expect(await repo.countsByMonth(all('2019-01', '2019-01'), ['burglary'])).toEqual([]);
    await repo.replaceMonth(imp('2019-01'), [lsoa('A', 'burglary', 2)]);
    expect(await repo.datasetKind()).toBe('real');
  });

  it('knows which categories a district stores by ward', async () => {
    const repo = new CrimeRepo(store());
    await repo.replaceMonth(imp('2020-05'), [lsoa('A', 'burglary', 2)]);
    await repo.replaceMonth(imp('2020-05', 'local', { district: 'E07000035' }), [{ areaType: 'ward', areaCode: 'W1', category: 'hate-crime', count: 3 }]);
    expect(await repo.forDistrict('E07000034').facts()).toEqual({ wardRowCategories: [], wardTotalsLookup: null });
    expect(await repo.forDistrict('E07000035').facts()).toEqual({ wardRowCategories: ['hate-crime'], wardTotalsLookup: null });
  });

  it('sums a read over more areas than one statement takes, with the rows stored by ward, exactly', async () => {
    const repo = new CrimeRepo(store(), 'E07000034');
    const codes = Array.from({ length: 12_001 }, (_, i) => `E01${String(i).padStart(6, '0')}`);
    await repo.replaceMonth(imp('2020-06'), [...codes.map((c, i) => lsoa(c, 'burglary', 1 + (i % 3))), { areaType: 'ward', areaCode: 'W1', category: 'burglary', count: 5 }]);
    const expected = codes.reduce((sum, _, i) => sum + 1 + (i % 3), 0);
    const slices = [
      { areaType: 'lsoa' as const, codes, from: '2020-06', to: '2020-06' },
      { areaType: 'ward' as const, codes: ['W1'], from: '2020-06', to: '2020-06' },
    ];
    expect(await repo.countsByMonth(slices, ['burglary', ALL_CRIME_KEY])).toEqual([{ month: '2020-06', count: 2 * (expected + 5) }]);
    const byArea = await repo.countsByArea(slices, ['burglary']);
    expect(byArea).toHaveLength(12_002);
    expect(byArea.find((r) => r.areaCode === 'W1')).toEqual({ areaType: 'ward', areaCode: 'W1', count: 5 });
    expect(byArea.find((r) => r.areaCode === codes[12_000])).toEqual({ areaType: 'lsoa', areaCode: codes[12_000], count: 1 + (12_000 % 3) });
  });

  it("following a pack's lookup gives the figures a new version only where there are counts: an empty store stays empty", async () => {
    const repo = new CrimeRepo(store(), chesterfieldPack.district.code);
    expect(await repo.followWardLookup(chesterfieldPack)).toBe(true);
    expect(await new AppMetaRepo(store()).isEmpty()).toBe(true);
    await repo.replaceMonth(imp('2020-01'), [lsoa(chesterfieldPack.lsoas[0].code, 'burglary', 2)]);
    const before = (await readDataVersion(store())).crime;
    const redrawn = { ...chesterfieldPack, wardSets: chesterfieldPack.wardSets.slice(0, 1) };
    expect(await repo.followWardLookup(redrawn)).toBe(true);
    expect((await readDataVersion(store())).crime).not.toBe(before);
    expect((await repo.facts()).wardTotalsLookup).toBe(wardLookupFingerprint(redrawn));
  });

  it('ward totals of months written as grids are what the SQL roll-up makes of their counts, across a ward change', async () => {
    const district = chesterfieldPack.district.code;
    const repo = new CrimeRepo(store(), district);
    await repo.followWardLookup(chesterfieldPack);
    // Chesterfield's LSOAs and one the lookup does not hold; months either side of the 2023 wards.
    const areas = [...chesterfieldPack.lsoas.map((l) => l.code), 'E01999999'];
    const months = ['2023-04', '2023-05', '2023-06'];
    await repo.replaceMonthGrids(
      months.map((month, m) => {
        const counts = new Uint16Array(areas.length * GRID_CATEGORIES.length).map((_, i) => ((i * 7 + m * 3) % 11 === 0 ? 0 : (i * 13 + m) % 5));
        return { imp: imp(month, 'police.uk', { district }), grid: { areaType: 'lsoa' as const, areas, categories: GRID_CATEGORIES, counts } };
      }),
    );
    const stored = () => store().db.selectFrom('crime_ward_total').selectAll().orderBy(['district', 'category', 'month', 'ward', 'source']).execute();
    const fromGrids = await stored();
    await store().db.transaction().execute((trx) => rewriteWardTotals(trx, district));
    expect(fromGrids).toEqual(await stored());
    expect(new Set(fromGrids.map((r) => r.month))).toEqual(new Set(months));
  });

  it('refuses a month that is not YYYY-MM', async () => {
    const repo = new CrimeRepo(store());
    await expect(repo.replaceMonth(imp('2020-13'), [])).rejects.toThrow(/YYYY-MM/);
  });
});
