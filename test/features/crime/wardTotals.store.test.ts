import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';
import type { AreaRef } from '../../../src/domain/areas/pack';
import { wardLookupFingerprint } from '../../../src/domain/areas/wardLookup';
import { CrimeQueries } from '../../../src/features/crime/queries';
import { CrimeRepo } from '../../../src/store/crimeRepo';
import { openDemoDeps } from '../../support/demoStore';

// The demo partnership's own pack: two ward sets (2015 and 2023), 13 LSOAs straddling a 2023
// boundary, and demo data with local measures, read through ward month totals and from LSOAs.
describe("Chesterfield's wards read from the month totals rolled up at import", () => {
  test('are every ward, measure and period added up from its LSOAs, across the 2023 ward change', async () => {
    const deps = await openDemoDeps();
    try {
      const district = chesterfieldPack.district.code;
      const repo = new CrimeRepo(deps.store, district);
      expect(await repo.followWardLookup(chesterfieldPack)).toBe(true);
      // A month under the 2023 wards, imported after the lookup: every LSOA a different count.
      await repo.replaceMonth(
        { source: 'demo', month: '2023-06', district, origin: 'test', importedAt: '2023-07-01T00:00:00.000Z', records: 1 },
        chesterfieldPack.lsoas.map((l, i) => ({ areaType: 'lsoa' as const, areaCode: l.code, category: 'burglary', count: i + 1 })),
      );
      expect((await repo.facts()).wardTotalsLookup).toBe(wardLookupFingerprint(chesterfieldPack));
      const direct = new CrimeQueries(repo, chesterfieldPack, { suppressionThreshold: 5 });
      const at = direct.at(await deps.snapshots.current());
      const wards: AreaRef[] = chesterfieldPack.wardSets.flatMap((s) => s.wards.map((w) => ({ code: w.code, name: w.name, type: 'ward' as const })));
      const periods = [
        { from: '2018-02', to: '2021-01' },
        { from: '2020-02', to: '2021-01' },
        { from: '2021-01', to: '2023-06' },
        { from: '2023-06', to: '2023-06' },
      ];
      for (const slug of [null, 'burglary', 'anti-social-behaviour', 'hate-crime']) {
        for (const period of periods) {
          expect(await at.ranking(slug, period)).toEqual(await direct.ranking(slug, period));
          for (const ward of wards) expect(await at.series(ward, slug, period.from, period.to)).toEqual(await direct.series(ward, slug, period.from, period.to));
        }
      }
      for (const ward of wards.slice(0, 5)) expect(await at.breakdown(ward, periods[1])).toEqual(await direct.breakdown(ward, periods[1]));
      // Not all zeros: the 2023 wards have their June burglaries.
      expect((await at.ranking('burglary', periods[3])).reduce((s, r) => s + r.count, 0)).toBe((chesterfieldPack.lsoas.length * (chesterfieldPack.lsoas.length + 1)) / 2);
    } finally {
      await deps.cleanup();
    }
  }, 120_000);
});
