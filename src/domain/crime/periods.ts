import type { PeriodSpec } from '../../core/query';
import type { Period } from '../../core/answer';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

function parts(month: string): [number, number] {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month (YYYY-MM): "${month}"`);
  return [Number(m[1]), Number(m[2])];
}

function index(month: string): number {
  const [y, m] = parts(month);
  return y * 12 + (m - 1);
}

function fromIndex(i: number): string {
  const y = Math.floor(i / 12);
  return `${String(y).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** `month` moved by `n` months (negative: earlier). */
export function addMonths(month: string, n: number): string {
  return fromIndex(index(month) + n);
}

/** Number of months from `from` to `to` inclusive (0 when `to` is before `from`). */
export function monthCount(from: string, to: string): number {
  return Math.max(0, index(to) - index(from) + 1);
}

/** Every month from `from` to `to`, inclusive, in order. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = index(from); i <= index(to); i++) out.push(fromIndex(i));
  return out;
}

/** 'Feb 2020' */
export function formatMonth(month: string): string {
  const [y, m] = parts(month);
  return `${SHORT[m - 1]} ${y}`;
}

/** 'February 2020', for sentences. */
export function formatMonthLong(month: string): string {
  const [y, m] = parts(month);
  return `${LONG[m - 1]} ${y}`;
}

/** 'Feb 2020 – Jan 2021'; one month alone is 'Feb 2020'. */
export function formatPeriod(period: Period): string {
  return period.from === period.to ? formatMonth(period.from) : `${formatMonth(period.from)} – ${formatMonth(period.to)}`;
}

export interface ResolvedPeriod {
  /** The months the figures use, within the data. When `noData`, the months asked for. */
  period: Period;
  /** The equal-length period just before (year-on-year: the same months a year earlier); null when the data do not cover it. */
  previousPeriod: Period | null;
  /** Plain sentences saying what was clipped or left out, for the answer's caveats. */
  notes: string[];
  /** True when no month asked for has data. */
  noData: boolean;
}

/** The months a spec asks for, before clipping. Relative words count from the latest month with data. */
function requested(spec: PeriodSpec | undefined, latest: string): Period {
  const [latestYear] = parts(latest);
  if (!spec) return { from: addMonths(latest, -11), to: latest };
  switch (spec.kind) {
    case 'last-months':
      return { from: addMonths(latest, -(Math.max(1, spec.months) - 1)), to: latest };
    case 'range':
      return index(spec.from) <= index(spec.to) ? { from: spec.from, to: spec.to } : { from: spec.to, to: spec.from };
    case 'since':
      return { from: spec.from, to: latest };
    case 'year':
      return { from: `${spec.year}-01`, to: `${spec.year}-12` };
    case 'this-year':
      return { from: `${latestYear}-01`, to: latest };
    case 'last-year':
      return { from: `${latestYear - 1}-01`, to: `${latestYear - 1}-12` };
  }
}

/**
 * Resolves a period as DESIGN.md says: relative words against the latest month with data; no
 * period means the last 12 months against the previous 12; the previous period is the
 * equal-length stretch just before (or, year-on-year, the same months a year earlier). Months
 * outside the data are left out and a note says so; a comparison the data cannot cover is dropped
 * (previousPeriod null), with a note, rather than compared over fewer months.
 */
export function resolvePeriod(
  spec: PeriodSpec | undefined,
  data: { earliest: string; latest: string },
  comparison: 'previous' | 'year-on-year' = 'previous',
): ResolvedPeriod {
  const asked = requested(spec, data.latest);
  const notes: string[] = [];
  const from = index(asked.from) < index(data.earliest) ? data.earliest : asked.from;
  const to = index(asked.to) > index(data.latest) ? data.latest : asked.to;
  if (index(from) > index(to)) {
    notes.push(
      `There is no data for ${formatPeriod(asked)}: figures cover ${formatPeriod({ from: data.earliest, to: data.latest })}.`,
    );
    return { period: asked, previousPeriod: null, notes, noData: true };
  }
  if (from !== asked.from) notes.push(`There is no data before ${formatMonthLong(data.earliest)}, so the figures start then.`);
  if (to !== asked.to) notes.push(`${formatMonthLong(data.latest)} is the latest month with data, so the figures stop there.`);
  const period = { from, to };
  const length = monthCount(from, to);
  const previous =
    comparison === 'year-on-year'
      ? { from: addMonths(from, -12), to: addMonths(to, -12) }
      : { from: addMonths(from, -length), to: addMonths(from, -1) };
  let previousPeriod: Period | null = previous;
  if (index(previous.from) < index(data.earliest)) {
    previousPeriod = null;
    notes.push(
      `There is no data for all of ${formatPeriod(previous)} (figures start in ${formatMonthLong(data.earliest)}), so there is no comparison with it.`,
    );
  }
  return { period, previousPeriod, notes, noData: false };
}
