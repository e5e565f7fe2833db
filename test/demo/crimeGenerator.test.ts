import { changePct } from '../../src/core/answer';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { ALL_CRIME_SLUGS } from '../../src/domain/crime/categories';
import { monthRange } from '../../src/domain/crime/periods';
import { LSOA_YEAR } from '../../src/demo/baseRates';
import { DemoMonth, generateDemoCrime, mulberry32 } from '../../src/demo/crimeGenerator';

const demo = generateDemoCrime();
const allCrime = new Set(ALL_CRIME_SLUGS);

function sum(from: string, to: string, pick: (category: string) => boolean, data: DemoMonth[] = demo): number {
  return data
    .filter((m) => m.month >= from && m.month <= to)
    .reduce((s, m) => s + m.rows.filter((r) => pick(r.category)).reduce((t, r) => t + r.count, 0), 0);
}
const is = (slug: string) => (c: string) => c === slug;
const previousYear = (pick: (c: string) => boolean) => sum('2019-02', '2020-01', pick);
const covidYear = (pick: (c: string) => boolean) => sum('2020-02', '2021-01', pick);

describe('the demo crime generator', () => {
  it('gives the same figures every time for the same seed, and different ones for another seed', () => {
    expect(generateDemoCrime()).toEqual(demo);
    expect(generateDemoCrime(7)).not.toEqual(demo);
    const a = mulberry32(1);
    const b = mulberry32(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('covers every Chesterfield LSOA, February 2018 – January 2021', () => {
    expect(demo.map((m) => m.month)).toEqual(monthRange('2018-02', '2021-01'));
    const lsoas = new Set(demo.flatMap((m) => m.rows.map((r) => r.areaCode)));
    expect([...lsoas].sort()).toEqual(chesterfieldPack.lsoas.map((l) => l.code).sort());
    expect(demo.every((m) => m.rows.every((r) => r.areaType === 'lsoa' && Number.isInteger(r.count) && r.count > 0))).toBe(true);
  });

  it('meets the worked example: all crime down 6.2 % in Feb 2020 – Jan 2021 on the previous 12 months', () => {
    expect(changePct(covidYear((c) => allCrime.has(c)), previousYear((c) => allCrime.has(c)))).toBe(-6.2);
  });

  it('meets the worked example: public order, violence without injury and hate crime reports all rose', () => {
    for (const slug of ['public-order', 'violence-without-injury', 'hate-crime']) {
      expect(covidYear(is(slug))).toBeGreaterThan(previousYear(is(slug)));
    }
  });

  it('shows the spring 2020 lockdown: ASB and public order up, theft, shoplifting and burglary down', () => {
    const spring = (year: number, slug: string) => sum(`${year}-04`, `${year}-06`, is(slug));
    for (const slug of ['anti-social-behaviour', 'public-order']) expect(spring(2020, slug)).toBeGreaterThan(spring(2019, slug) * 1.1);
    for (const slug of ['other-theft', 'shoplifting', 'burglary']) expect(spring(2020, slug)).toBeLessThan(spring(2019, slug) * 0.9);
  });

  it('has more ASB in summer than in winter', () => {
    expect(sum('2018-06', '2018-08', is('anti-social-behaviour'))).toBeGreaterThan(sum('2018-12', '2019-02', is('anti-social-behaviour')) * 1.2);
  });

  it('keeps local measures consistent with police.uk categories in every LSOA and month', () => {
    for (const m of demo) {
      const cell = new Map<string, Map<string, number>>();
      for (const r of m.rows) cell.set(r.areaCode, (cell.get(r.areaCode) ?? new Map()).set(r.category, r.count));
      for (const c of cell.values()) {
        const n = (slug: string) => c.get(slug) ?? 0;
        expect(n('violence-without-injury') + n('stalking-and-harassment')).toBeLessThanOrEqual(n('violent-crime'));
        expect(n('hate-crime')).toBeLessThanOrEqual(n('violent-crime') + n('public-order'));
      }
    }
  });

  it('runs at the level of the real year it is calibrated to (within 10 %)', () => {
    const realYear = Object.values(LSOA_YEAR).reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
    const demoYear = previousYear((c) => allCrime.has(c) || c === 'anti-social-behaviour');
    expect(Math.abs(demoYear - realYear) / realYear).toBeLessThan(0.1);
  });
});
