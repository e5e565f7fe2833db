import { changePct } from '../core/answer';
import { chesterfieldPack } from '../domain/areas/chesterfield';
import { bestFitWards } from '../domain/areas/resolve';
import { ALL_CRIME_SLUGS } from '../domain/crime/categories';
import { addMonths, monthRange } from '../domain/crime/periods';
import type { CrimeCountRow } from '../store/crimeRepo';
import { CATEGORY_ORDER, LSOA_YEAR, WARD_JUNE_2018 } from './baseRates';

/*
 * The demo dataset: synthetic monthly counts per LSOA and category for Chesterfield over
 * February 2018 – January 2021, shaped like police.uk street-level data and calibrated to real
 * figures (baseRates.ts), plus three local measures police.uk does not publish. Everything comes
 * from one seeded PRNG, so the same seed always gives the same figures.
 *
 * The worked example's facts hold exactly (see `enforceWorkedExample`): all crime (every police.uk
 * category except ASB) in February 2020 – January 2021 is 6.2 % below the previous 12 months;
 * public order, violence without injury and hate crime all rose.
 */

export const DEMO_FROM = '2018-02';
export const DEMO_TO = '2021-01';
export const DEMO_SEED = 20210216;
/** The worked example's comparison. */
export const DEMO_CURRENT_YEAR = { from: '2020-02', to: '2021-01' };
export const DEMO_PREVIOUS_YEAR = { from: '2019-02', to: '2020-01' };
export const DEMO_TOTAL_CHANGE_PCT = -6.2;

export const DEMO_LOCAL_MEASURES = ['violence-without-injury', 'stalking-and-harassment', 'hate-crime'] as const;

export interface DemoMonth {
  month: string;
  /** Per LSOA: police.uk categories and the demo's local measures; zero counts are left out. */
  rows: CrimeCountRow[];
}

/** A small, fast, seedable PRNG (mulberry32): uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw: counting method for small means, a rounded normal for large ones. */
function poisson(rand: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rand();
    while (p > limit) {
      k++;
      p *= rand();
    }
    return k;
  }
  const u = Math.max(rand(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
}

type Category = (typeof CATEGORY_ORDER)[number];

/** Seasonal swing: amplitude and peak calendar month (ASB and bicycle theft peak in summer, burglary in the dark months). */
const SEASON: Record<Category, [number, number]> = {
  'anti-social-behaviour': [0.25, 7],
  'bicycle-theft': [0.35, 7],
  burglary: [0.12, 12],
  'criminal-damage-arson': [0.08, 10],
  drugs: [0.05, 7],
  'other-crime': [0.05, 7],
  'other-theft': [0.06, 8],
  'possession-of-weapons': [0.05, 7],
  'public-order': [0.08, 7],
  robbery: [0.08, 12],
  shoplifting: [0.08, 12],
  'theft-from-the-person': [0.1, 12],
  'vehicle-crime': [0.08, 11],
  'violent-crime': [0.08, 7],
};

/** How strongly Covid restrictions bit each month (1 = the spring 2020 lockdown). */
const LOCKDOWN: Record<string, number> = {
  '2020-03': 0.3,
  '2020-04': 1,
  '2020-05': 0.9,
  '2020-06': 0.6,
  '2020-07': 0.3,
  '2020-08': 0.2,
  '2020-09': 0.2,
  '2020-10': 0.35,
  '2020-11': 0.8,
  '2020-12': 0.5,
  '2021-01': 0.9,
};

/**
 * Change at full lockdown: Covid breaches were logged as ASB and public order; with shops shut
 * and people at home, theft, shoplifting, burglary and robbery fell; proactive stops raised drugs.
 */
const LOCKDOWN_RESPONSE: Record<Category, number> = {
  'anti-social-behaviour': 0.8,
  'bicycle-theft': 0.1,
  burglary: -0.35,
  'criminal-damage-arson': -0.1,
  drugs: 0.4,
  'other-crime': 0.05,
  'other-theft': -0.45,
  'possession-of-weapons': 0,
  'public-order': 0.25,
  robbery: -0.4,
  shoplifting: -0.5,
  'theft-from-the-person': -0.6,
  'vehicle-crime': -0.35,
  'violent-crime': -0.1,
};

/** Shares of violence and sexual offences that are violence without injury and stalking and harassment. */
const VWI_SHARE = 0.4;
const SH_SHARE = 0.3;
/** Hate-flagged share of public order and violent crimes. */
const HATE_SHARE = 0.04;

function season(category: Category, month: string): number {
  const [amplitude, peak] = SEASON[category];
  const m = Number(month.slice(5, 7));
  return 1 + amplitude * Math.cos((2 * Math.PI * (m - peak)) / 12);
}

const lockdown = (month: string) => LOCKDOWN[month] ?? 0;

/** Fraction of the way from the June 2018 level to the 2019 level: 0 up to June 2018, 1 from August 2019. */
function ramp(month: string): number {
  const done = monthRange('2018-06', month).length - 1;
  return Math.min(1, Math.max(0, done / 14));
}

interface Model {
  months: string[];
  lsoas: string[];
  /** Expected count [month][lsoa][category] before sampling. */
  mean: number[][][];
}

/**
 * Expected counts. Level: the LSOA's year (LSOA_YEAR) from August 2019; in June 2018 each ward
 * runs at its June 2018 count (shrunk towards the district's ratio, since one month of one ward
 * is noisy), ramping between. Then seasonality, the lockdown pattern, and one drift over
 * February 2020 – January 2021 chosen so that the expected change in all crime is −6.2 %.
 */
function model(): Model {
  const months = monthRange(DEMO_FROM, DEMO_TO);
  const lsoas = Object.keys(LSOA_YEAR).sort();
  const wardOf = bestFitWards(chesterfieldPack.wardSets[0]);
  const cats = CATEGORY_ORDER.map((c, i) => ({ c, i }));
  // Expected June 2018 count per ward and category at the 2019 level.
  const june2019 = new Map<string, number[]>();
  for (const l of lsoas) {
    const w = wardOf.get(l) as string;
    const acc = june2019.get(w) ?? CATEGORY_ORDER.map(() => 0);
    cats.forEach(({ c, i }) => (acc[i] += (LSOA_YEAR[l][i] / 12) * season(c, '2018-06')));
    june2019.set(w, acc);
  }
  const districtJune = cats.map(({ i }) => Object.values(WARD_JUNE_2018).reduce((s, r) => s + r[i], 0));
  const district2019 = cats.map(({ i }) => [...june2019.values()].reduce((s, r) => s + r[i], 0));
  const overall = districtJune.reduce((a, b) => a + b, 0) / district2019.reduce((a, b) => a + b, 0);
  const districtRatio = cats.map(({ i }) => (districtJune[i] + 30 * overall) / (district2019[i] + 30));
  const wardRatio = (w: string, i: number): number => {
    const expected = june2019.get(w)?.[i] ?? 0;
    const observed = WARD_JUNE_2018[w]?.[i];
    if (expected <= 0 || observed === undefined) return districtRatio[i];
    return (observed + 3 * districtRatio[i] * expected) / (4 * expected);
  };
  const mean = months.map((month) =>
    lsoas.map((l) => {
      const w = wardOf.get(l) as string;
      return cats.map(({ c, i }) => {
        const level = wardRatio(w, i) + (1 - wardRatio(w, i)) * ramp(month);
        return (LSOA_YEAR[l][i] / 12) * level * season(c, month) * (1 + LOCKDOWN_RESPONSE[c] * lockdown(month));
      });
    }),
  );
  // One drift over the Covid year so the expected change in all crime is the worked example's.
  const crimeIdx = cats.filter(({ c }) => ALL_CRIME_SLUGS.includes(c)).map(({ i }) => i);
  const sumOver = (from: string, to: string) =>
    months.reduce((s, m, mi) => (m >= from && m <= to ? s + mean[mi].reduce((t, row) => t + crimeIdx.reduce((u, i) => u + row[i], 0), 0) : s), 0);
  const drift = ((1 + DEMO_TOTAL_CHANGE_PCT / 100) * sumOver(DEMO_PREVIOUS_YEAR.from, DEMO_PREVIOUS_YEAR.to)) / sumOver(DEMO_CURRENT_YEAR.from, DEMO_CURRENT_YEAR.to);
  months.forEach((m, mi) => {
    if (m < DEMO_CURRENT_YEAR.from) return;
    for (const row of mean[mi]) for (const i of crimeIdx) row[i] *= drift;
  });
  return { months, lsoas, mean };
}

interface Counts {
  police: number[][][];
  /** [month][lsoa][vwi, stalking, hate] */
  local: number[][][];
}

function sample(m: Model, rand: () => number): Counts {
  const vIdx = CATEGORY_ORDER.indexOf('violent-crime');
  const poIdx = CATEGORY_ORDER.indexOf('public-order');
  const police = m.mean.map((byLsoa) => byLsoa.map((byCat) => byCat.map((mean) => poisson(rand, mean))));
  const local = m.months.map((month, mi) =>
    m.lsoas.map((_, li) => {
      // Violence without injury and stalking grew as a share of violence in 2020; hate crime reports rose.
      const covidYear = month >= DEMO_CURRENT_YEAR.from ? 1 : 0;
      const pVwi = VWI_SHARE * (1 + covidYear * (0.05 + 0.15 * lockdown(month)));
      const pSh = SH_SHARE * (1 + covidYear * 0.05);
      let vwi = 0;
      let sh = 0;
      for (let k = 0; k < police[mi][li][vIdx]; k++) {
        const u = rand();
        if (u < pVwi) vwi++;
        else if (u < pVwi + pSh) sh++;
      }
      const pHate = HATE_SHARE * (1 + covidYear * 0.12);
      let hate = 0;
      for (let k = 0; k < police[mi][li][vIdx] + police[mi][li][poIdx]; k++) if (rand() < pHate) hate++;
      return [vwi, sh, hate];
    }),
  );
  return { police, local };
}

/** Picks a cell with probability proportional to its weight. */
function pick(rand: () => number, weights: number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rand() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Makes the worked example's facts hold exactly whatever the draws gave: public order, violence
 * without injury and hate crime each at least a little up, then all crime exactly −6.2 % (to one
 * decimal), by adding or removing single crimes in cells picked by the same PRNG, never touching
 * violence or public order so the subsets stay consistent.
 */
function enforceWorkedExample(m: Model, counts: Counts, rand: () => number): void {
  const inYear = (y: { from: string; to: string }) => m.months.map((mo, i) => (mo >= y.from && mo <= y.to ? i : -1)).filter((i) => i >= 0);
  const cur = inYear(DEMO_CURRENT_YEAR);
  const prev = inYear(DEMO_PREVIOUS_YEAR);
  const vIdx = CATEGORY_ORDER.indexOf('violent-crime');
  const poIdx = CATEGORY_ORDER.indexOf('public-order');
  const sumPolice = (months: number[], cats: number[]) =>
    months.reduce((s, mi) => s + counts.police[mi].reduce((t, row) => t + cats.reduce((u, c) => u + row[c], 0), 0), 0);
  const sumLocal = (months: number[], k: number) => months.reduce((s, mi) => s + counts.local[mi].reduce((t, row) => t + row[k], 0), 0);
  const cells = cur.flatMap((mi) => m.lsoas.map((_, li) => [mi, li] as const));

  // Public order up: add to the spring 2020 lockdown, when Covid breaches were recorded.
  const spring = cells.filter(([mi]) => ['2020-04', '2020-05', '2020-06'].includes(m.months[mi]));
  while (sumPolice(cur, [poIdx]) < Math.ceil(sumPolice(prev, [poIdx]) * 1.05)) {
    const [mi, li] = spring[pick(rand, spring.map(([a, b]) => m.mean[a][b][poIdx]))];
    counts.police[mi][li][poIdx]++;
  }
  // Violence without injury up: reclassify violence with injury (the rest of violent crime) within a cell.
  const slack = (mi: number, li: number) => counts.police[mi][li][vIdx] - counts.local[mi][li][0] - counts.local[mi][li][1];
  while (sumLocal(cur, 0) < Math.ceil(sumLocal(prev, 0) * 1.03)) {
    const [mi, li] = cells[pick(rand, cells.map(([a, b]) => slack(a, b)))];
    counts.local[mi][li][0]++;
  }
  // Hate crime reports up: flag more of the public order and violent crimes already there.
  const unflagged = (mi: number, li: number) => counts.police[mi][li][vIdx] + counts.police[mi][li][poIdx] - counts.local[mi][li][2];
  while (sumLocal(cur, 2) < Math.ceil(sumLocal(prev, 2) * 1.05)) {
    const [mi, li] = cells[pick(rand, cells.map(([a, b]) => unflagged(a, b)))];
    counts.local[mi][li][2]++;
  }
  // All crime exactly −6.2 %: adjust the categories other than violence and public order.
  const crime = CATEGORY_ORDER.map((c, i) => (ALL_CRIME_SLUGS.includes(c) ? i : -1)).filter((i) => i >= 0);
  const adjustable = crime.filter((i) => i !== vIdx && i !== poIdx);
  const previous = sumPolice(prev, crime);
  let target = previous + Math.round((previous * DEMO_TOTAL_CHANGE_PCT) / 100);
  while (changePct(target, previous) !== DEMO_TOTAL_CHANGE_PCT) target += (changePct(target, previous) ?? 0) < DEMO_TOTAL_CHANGE_PCT ? 1 : -1;
  const slots = cells.flatMap(([mi, li]) => adjustable.map((c) => [mi, li, c] as const));
  let current = sumPolice(cur, crime);
  while (current !== target) {
    const up = current < target;
    const weights = slots.map(([mi, li, c]) => (up ? m.mean[mi][li][c] : counts.police[mi][li][c]));
    const [mi, li, c] = slots[pick(rand, weights)];
    counts.police[mi][li][c] += up ? 1 : -1;
    current += up ? 1 : -1;
  }
}

/** The whole demo dataset, month by month, oldest first. Same seed, same figures. */
export function generateDemoCrime(seed: number = DEMO_SEED): DemoMonth[] {
  const m = model();
  const rand = mulberry32(seed);
  const counts = sample(m, rand);
  enforceWorkedExample(m, counts, rand);
  return m.months.map((month, mi) => {
    const rows: CrimeCountRow[] = [];
    m.lsoas.forEach((areaCode, li) => {
      CATEGORY_ORDER.forEach((category, ci) => {
        const count = counts.police[mi][li][ci];
        if (count > 0) rows.push({ areaType: 'lsoa', areaCode, category, count });
      });
      DEMO_LOCAL_MEASURES.forEach((category, k) => {
        const count = counts.local[mi][li][k];
        if (count > 0) rows.push({ areaType: 'lsoa', areaCode, category, count });
      });
    });
    return { month, rows };
  });
}

/** The month after the demo's last, e.g. for a demo clock. */
export const DEMO_NEXT_MONTH = addMonths(DEMO_TO, 1);
