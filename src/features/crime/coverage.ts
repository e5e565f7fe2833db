/**
 * Which months of a period the data covers, and what may be compared with what. Pure: it is given
 * the months imported (per source, as the store records them) and says which are missing. A month
 * with no import is a gap, never a zero; a comparison pairs month with month and keeps only the
 * pairs both periods hold, or is refused with a sentence when none are left.
 */
import type { Period } from '../../core/answer';
import { changePct } from '../../core/answer';
import { formatCount, formatOneDecimal } from './text';
import { formatMonth, formatPeriod, monthRange } from '../../domain/crime/periods';

export interface PeriodCoverage {
  period: Period;
  covered: string[];
  missing: string[];
}

export function coverageOf(period: Period, imported: ReadonlySet<string>): PeriodCoverage {
  const months = monthRange(period.from, period.to);
  return { period, covered: months.filter((m) => imported.has(m)), missing: months.filter((m) => !imported.has(m)) };
}

/** Months as short runs: "Jul 2019 – Dec 2019, Mar 2020". */
export function describeMonths(months: string[]): string {
  const runs: { from: string; to: string }[] = [];
  for (const m of [...months].sort()) {
    const last = runs[runs.length - 1];
    if (last && monthRange(last.to, m).length === 2) last.to = m;
    else runs.push({ from: m, to: m });
  }
  return runs.map((r) => (r.from === r.to ? formatMonth(r.from) : formatPeriod(r))).join(', ');
}

/** A series with its uncovered months as null: shown as "no data", never as 0. */
export function withGaps<T extends { month: string; count: number }>(points: T[], imported: ReadonlySet<string>): (Omit<T, 'count'> & { count: number | null })[] {
  return points.map((p) => (imported.has(p.month) ? p : { ...p, count: null }));
}

/**
 * How a period compares with the one before it (or a year before), month by month in order: the
 * i-th month of one with the i-th of the other. Only pairs both periods hold are compared.
 */
export interface Comparability {
  current: PeriodCoverage;
  previous: PeriodCoverage | null;
  /** The months compared, each with its counterpart; all of them when nothing is missing. */
  pairs: { month: string; previousMonth: string }[];
  /** Every month of both periods is covered. */
  complete: boolean;
}

export function comparability(period: Period, previousPeriod: Period | null, imported: ReadonlySet<string>): Comparability {
  const current = coverageOf(period, imported);
  if (!previousPeriod) return { current, previous: null, pairs: [], complete: current.missing.length === 0 };
  const previous = coverageOf(previousPeriod, imported);
  const a = monthRange(period.from, period.to);
  const b = monthRange(previousPeriod.from, previousPeriod.to);
  const pairs = a.flatMap((month, i) => (i < b.length && imported.has(month) && imported.has(b[i]) ? [{ month, previousMonth: b[i] }] : []));
  return { current, previous, pairs, complete: current.missing.length === 0 && previous.missing.length === 0 };
}

/** The sentence naming what is missing (none when every month is covered). */
export function gapSentence(c: Comparability): string | null {
  const parts: string[] = [];
  if (c.current.missing.length) parts.push(describeMonths(c.current.missing));
  if (c.previous?.missing.length) parts.push(describeMonths(c.previous.missing));
  if (parts.length === 0) return null;
  return `No data is held for ${parts.join(' or ')}: those months are gaps, not zeros, and are left out of the figures.`;
}

/**
 * The comparison when a month of either period is missing: never the whole of one period against
 * part of the other. Like with like over the months both hold, with its own figures, or a sentence
 * saying why there is none. Null when nothing is missing (the ordinary comparison stands).
 */
export function comparisonSentence(
  c: Comparability,
  current: { month: string; count: number | null }[],
  previous: { month: string; count: number | null }[],
  unit: string,
): string | null {
  if (!c.previous || c.complete) return null;
  if (c.pairs.length === 0) {
    return `No change is given: the data holds none of the same months of ${formatPeriod(c.current.period)} and ${formatPeriod(c.previous.period)}, so they cannot be compared like with like.`;
  }
  const now = sumOf(current, c.pairs.map((p) => p.month));
  const before = sumOf(previous, c.pairs.map((p) => p.previousMonth));
  const pct = changePct(now, before);
  const change =
    now === before ? 'unchanged' : before === 0 || pct === null ? 'up from none' : `${now > before ? 'up' : 'down'} ${Math.abs(pct) < 0.1 ? 'less than 0.1' : formatOneDecimal(Math.abs(pct))}%`;
  return (
    `So the whole periods are not compared. Like with like, over the months both hold ` +
    `(${describeMonths(c.pairs.map((p) => p.month))} against ${describeMonths(c.pairs.map((p) => p.previousMonth))}): ` +
    `${formatCount(now)} ${unit} against ${formatCount(before)}, ${change}.`
  );
}

/** Sums the counts of the given months (a series' nulls and missing months count as nothing to add). */
export function sumOf(points: { month: string; count: number | null }[], months: Iterable<string>): number {
  const wanted = new Set(months);
  return points.reduce((s, p) => s + (wanted.has(p.month) && p.count !== null ? p.count : 0), 0);
}
