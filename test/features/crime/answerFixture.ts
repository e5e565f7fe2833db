import type { Source, Period } from '../../../src/core/answer';
import type { AreaPack, AreaRef } from '../../../src/domain/areas/pack';
import type { CrimeFigures } from '../../../src/features/crime/answer';
import { categoryBySlug, isLocalMeasure, POLICE_CATEGORIES } from '../../../src/domain/crime/categories';
import { monthRange } from '../../../src/domain/crime/periods';
import type { RankingRow, SeriesPoint } from '../../../src/features/crime/queries';

/*
 * A district small enough to add up on paper: three wards, one LSOA each, one ward set.
 *   Rother  R (L1, 5,000 residents)   Hasland H (L2, 2,000)   Walton W (L3, 1,600)
 *   group "North" = Rother + Hasland (7,000); district 8,600.
 * Months: Feb 2019 – Jan 2021 (data range). With no period asked, the period is Feb 2020 –
 * Jan 2021 and the previous period Feb 2019 – Jan 2020.
 *
 * ASB per month             previous (Feb 19–Jan 20)   current (Feb 20–Jan 21)
 *   Rother                  10                          10, but May 2020 = 40   → 120 / 150
 *   Hasland                 5                           20                      → 60 / 240
 *   Walton                  8                           8                       → 96 / 96
 * Burglary                  Rother 3 / 2 (36 / 24); Hasland 0 / 0; Walton 0, then 1 in Jun 2020 only
 * Violence (violent-crime)  Rother 5 / 5 (60 / 60); Hasland 0; Walton 2 / 2 (24 / 24)
 * Hate crime (local, only when `withHateCrime`):
 *   Rother 6 every month, but Mar 2020 = 2 (below the threshold of 5);  Walton 6 every month.
 */

export const pack: AreaPack = {
  district: { code: 'E07999999', name: 'Testshire', aliases: [] },
  policeForce: 'testshire',
  wardSets: [
    {
      id: 'only',
      from: '2015-05-07',
      to: null,
      wards: [
        { code: 'R', name: 'Rother' },
        { code: 'H', name: 'Hasland' },
        { code: 'W', name: 'Walton' },
      ],
      lookup: [
        { lsoa: 'L1', ward: 'R', share: 1 },
        { lsoa: 'L2', ward: 'H', share: 1 },
        { lsoa: 'L3', ward: 'W', share: 1 },
      ],
    },
  ],
  lsoas: [
    { code: 'L1', name: 'Testshire 001A', population: 5000 },
    { code: 'L2', name: 'Testshire 002A', population: 2000 },
    { code: 'L3', name: 'Testshire 003A', population: 1600 },
  ],
  groups: [{ code: 'group:north', name: 'North', lsoas: ['L1', 'L2'], aliases: [] }],
  wardAliases: {},
};

export const ROTHER: AreaRef = { code: 'R', name: 'Rother', type: 'ward' };
export const HASLAND: AreaRef = { code: 'H', name: 'Hasland', type: 'ward' };
export const WALTON: AreaRef = { code: 'W', name: 'Walton', type: 'ward' };
export const NORTH: AreaRef = { code: 'group:north', name: 'North', type: 'group' };
export const DISTRICT: AreaRef = { code: 'E07999999', name: 'Testshire', type: 'district' };

export const ASB = { slug: 'anti-social-behaviour', name: 'Anti-social behaviour' };
export const BURGLARY = { slug: 'burglary', name: 'Burglary' };
export const VIOLENCE = { slug: 'violent-crime', name: 'Violence and sexual offences' };
export const HATE = { slug: 'hate-crime', name: 'Hate crime' };

const EARLIEST = '2019-02';
const LATEST = '2021-01';
const THRESHOLD = 5;
const isCurrent = (m: string) => m >= '2020-02';

/** Count for one ward, category and month, exactly as the table above says. */
export function cell(ward: string, slug: string, month: string, withHateCrime: boolean): number {
  const cur = isCurrent(month);
  switch (slug) {
    case 'anti-social-behaviour':
      if (ward === 'R') return cur && month === '2020-05' ? 40 : 10;
      if (ward === 'H') return cur ? 20 : 5;
      return 8;
    case 'burglary':
      if (ward === 'R') return cur ? 2 : 3;
      if (ward === 'W') return month === '2020-06' ? 1 : 0;
      return 0;
    case 'violent-crime':
      if (ward === 'R') return 5;
      if (ward === 'W') return 2;
      return 0;
    case 'hate-crime':
      if (!withHateCrime) return 0;
      if (ward === 'R') return month === '2020-03' ? 2 : 6;
      if (ward === 'W') return 6;
      return 0;
    default:
      return 0;
  }
}

const WARDS_OF: Record<string, string[]> = { R: ['R'], H: ['H'], W: ['W'], 'group:north': ['R', 'H'], E07999999: ['R', 'H', 'W'] };
const POPULATION: Record<string, number> = { R: 5000, H: 2000, W: 1600 };
const ALL_CRIME = POLICE_CATEGORIES.filter((c) => c.slug !== 'anti-social-behaviour').map((c) => c.slug);

export interface FixtureOptions {
  sample?: boolean;
  withHateCrime?: boolean;
  /** Counts calls, to show what an answer reads. */
  calls?: string[];
}

/** The fixture as CrimeFigures, with the same suppression rule as CrimeQueries. */
export function fixtureFigures(options: FixtureOptions = {}): CrimeFigures {
  const hate = options.withHateCrime ?? false;
  const count = (area: AreaRef, slug: string | null, month: string) =>
    (slug === null ? ALL_CRIME : [slug]).reduce((s, c) => s + WARDS_OF[area.code].reduce((t, w) => t + cell(w, c, month, hate), 0), 0);
  const suppresses = (area: AreaRef, slug: string | null) => slug !== null && isLocalMeasure(slug) && area.type !== 'district';
  const small = (n: number) => n > 0 && n < THRESHOLD;
  const series = async (area: AreaRef, slug: string | null, from: string, to: string): Promise<SeriesPoint[]> =>
    monthRange(from, to).map((month) => {
      const n = count(area, slug, month);
      return suppresses(area, slug) && small(n) ? { month, count: 0, suppressed: true } : { month, count: n };
    });
  return {
    async dataRange(slug) {
      if (slug && isLocalMeasure(slug) && !hate) return null;
      return { earliest: EARLIEST, latest: LATEST };
    },
    series,
    async total(area, slug, period: Period) {
      const months = await series(area, slug, period.from, period.to);
      if (months.some((m) => m.suppressed)) return { count: 0, suppressed: true };
      const n = months.reduce((s, m) => s + m.count, 0);
      return suppresses(area, slug) && small(n) ? { count: 0, suppressed: true } : { count: n, suppressed: false };
    },
    async ranking(slug, period) {
      const rows: RankingRow[] = [];
      for (const w of pack.wardSets[0].wards) {
        const area: AreaRef = { code: w.code, name: w.name, type: 'ward' };
        const months = await series(area, slug, period.from, period.to);
        const n = months.reduce((s, m) => s + m.count, 0);
        if (months.some((m) => m.suppressed) || (suppresses(area, slug) && small(n))) rows.push({ area: { code: w.code, name: w.name }, count: 0, per1000: null, suppressed: true });
        else rows.push({ area: { code: w.code, name: w.name }, count: n, per1000: Math.round((n / POPULATION[w.code]) * 10000) / 10 });
      }
      return rows.sort((a, b) => Number(a.suppressed ?? false) - Number(b.suppressed ?? false) || b.count - a.count || a.area.name.localeCompare(b.area.name));
    },
    async breakdown(area, period) {
      return POLICE_CATEGORIES.map((c) => ({
        category: { slug: c.slug, name: c.name },
        count: monthRange(period.from, period.to).reduce((s, m) => s + count(area, c.slug, m), 0),
      })).sort((a, b) => b.count - a.count || a.category.name.localeCompare(b.category.name));
    },
    async provenance(slug): Promise<Source[]> {
      if (options.sample) return [{ name: 'Sample data (synthetic)', asOf: '2026-11-01' }];
      if (slug && isLocalMeasure(slug)) return [{ name: 'Testshire Police extract (hate.csv)', asOf: '2021-02-10' }];
      return [{ name: 'police.uk street-level crime data. Contains public sector information licensed under the Open Government Licence v3.0.', asOf: '2021-03-04' }];
    },
    async isSampleData() {
      return options.sample ?? false;
    },
    async hasData(slug) {
      if (slug && isLocalMeasure(slug)) return hate && slug === 'hate-crime';
      return slug === null || !!categoryBySlug(slug);
    },
    notes() {
      return [];
    },
  };
}
