import { chesterfieldPack as pack } from '../../../src/domain/areas/chesterfield';
import { bestFitWards } from '../../../src/domain/areas/resolve';
import { packProblems } from '../../../src/domain/areas/validate';
import { itWithSharedData, readSimpleCsv, sharedPath } from '../../support/sharedData';

const csv = (name: string) => readSimpleCsv(sharedPath(name));

describe('the built-in Chesterfield pack', () => {
  it('has the 19 wards of 2015–2023 and the 16 wards from May 2023, back to back', () => {
    const [old, current] = pack.wardSets;
    expect(old.wards).toHaveLength(19);
    expect(current.wards).toHaveLength(16);
    expect([old.from, old.to, current.from, current.to]).toEqual(['2015-05-07', '2023-05-03', '2023-05-04', null]);
    expect(new Set([...old.wards, ...current.wards].map((w) => w.code)).size).toBe(35);
  });

  it('has 69 LSOAs whose populations add up to about the borough (~104,000)', () => {
    expect(pack.lsoas).toHaveLength(69);
    const total = pack.lsoas.reduce((s, l) => s + l.population, 0);
    expect(total).toBeGreaterThan(100_000);
    expect(total).toBeLessThan(110_000);
    expect(pack.lsoas.every((l) => l.population > 500 && l.population < 4000)).toBe(true);
  });

  it('puts every LSOA in exactly one best-fit ward of each set, and is internally consistent', () => {
    for (const set of pack.wardSets) expect(bestFitWards(set).size).toBe(69);
    expect(packProblems(pack)).toEqual([]);
  });

  it('lists the shares of LSOAs that straddle 2023 ward boundaries, adding up to about 1', () => {
    const current = pack.wardSets[1];
    const byLsoa = new Map<string, number>();
    for (const r of current.lookup) byLsoa.set(r.lsoa, (byLsoa.get(r.lsoa) ?? 0) + r.share);
    for (const [, total] of byLsoa) expect(total).toBeGreaterThan(0.94);
    expect(new Set(current.lookup.filter((r) => r.share < 0.95).map((r) => r.lsoa)).size).toBeGreaterThanOrEqual(13);
  });

  it('Staveley means the same LSOAs as the three 2023 Staveley wards', () => {
    const staveley = pack.groups.find((g) => g.name === 'Staveley');
    const best = bestFitWards(pack.wardSets[1]);
    const inStaveleyWards = [...best].filter(([, w]) => ['E05015180', 'E05015181', 'E05015182'].includes(w)).map(([l]) => l);
    expect([...(staveley?.lsoas ?? [])].sort()).toEqual(inStaveleyWards.sort());
  });

  itWithSharedData('matches the ONS lookups and populations in ../shared/data', () => {
    const pops = csv('lsoa-counts-2019-chesterfield.csv');
    for (const r of pops) expect(pack.lsoas.find((l) => l.code === r.LSOA)).toEqual({ code: r.LSOA, name: r.Name, population: Number(r.Population) });
    for (const [i, file] of ['lsoa-to-ward-2015-2023.csv', 'lsoa-to-ward-2023.csv'].entries()) {
      const best = bestFitWards(pack.wardSets[i]);
      for (const r of csv(file)) {
        expect(best.get(r.lsoa_code)).toBe(r.ward_code);
        expect(pack.wardSets[i].wards.find((w) => w.code === r.ward_code)?.name).toBe(r.ward_name);
      }
    }
  });
});
