import type { Query } from '../../core/query';
import type { Answer, CategoryRef, Period, Source } from '../../core/answer';
import { changePct } from '../../core/answer';
import { comparability, comparisonSentence, gapSentence, withGaps } from './coverage';
import type { AreaPack, AreaRef } from '../../domain/areas/pack';
import { districtArea, populationOf } from '../../domain/areas/resolve';
import { crimeCaveats } from './caveats';
import { categoryBySlug, isLocalMeasure } from '../../domain/crime/categories';
import { addMonths, formatMonth, formatMonthLong, formatPeriod, monthCount, resolvePeriod } from '../../domain/crime/periods';
import type { BreakdownRow, RankingRow, SeriesPoint, TotalResult } from './queries';
import {
  categoryInSentence,
  categoryTitle,
  changeSentence,
  comparisonLabel,
  continueSentence,
  countPhrase,
  formatCount,
  formatOneDecimal,
  ordinal,
  suppressedPhrase,
  unitFor,
} from './text';

/**
 * The figures an answer is built from. `CrimeQueries` (queries.ts) is the real one; tests pass a
 * hand-computed one. Suppressed counts arrive as 0 with `suppressed: true` and are never shown.
 */
export interface CrimeFigures {
  dataRange(categorySlug: string | null): Promise<{ earliest: string; latest: string } | null>;
  series(area: AreaRef, categorySlug: string | null, from: string, to: string): Promise<SeriesPoint[]>;
  total(area: AreaRef, categorySlug: string | null, period: Period): Promise<TotalResult>;
  ranking(categorySlug: string | null, period: Period): Promise<RankingRow[]>;
  breakdown(area: AreaRef, period: Period): Promise<BreakdownRow[]>;
  provenance(categorySlug: string | null): Promise<Source[]>;
  isSampleData(): Promise<boolean>;
  hasData(categorySlug: string | null): Promise<boolean>;
  /** How an area's figures over a period were put together (ward boundary changes); null area: a ranking. */
  notes(area: AreaRef | null, period: Period): string[];
  /** Months imported for the category's source (coverage.ts): any other month is a gap, not a zero. */
  importedMonths?(categorySlug: string | null): Promise<ReadonlySet<string>>;
  /**
   * The source a category's figures come from: its data range, imported months and provenance are
   * those of the source, the same for every category of it.
   */
  sourceOf?(categorySlug: string | null): string;
}

export interface AnswerOptions {
  /** Local counts below this are withheld (CSP_SUPPRESSION_THRESHOLD); used for wording only. */
  suppressionThreshold?: number;
}

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export const CRIME_INTENTS = ['crime.trend', 'crime.total', 'crime.rank', 'crime.breakdown', 'crime.compare_areas'] as const;
export type CrimeIntent = (typeof CRIME_INTENTS)[number];

export function isCrimeIntent(intent: string): intent is CrimeIntent {
  return (CRIME_INTENTS as readonly string[]).includes(intent);
}

/** The command that loads measures police.uk does not publish. */
export const LOAD_LOCAL_COMMAND = 'csp import local-csv <file>';

/** Everything one answer needs to know before it reads figures. */
interface Context {
  query: Query;
  figures: CrimeFigures;
  pack: AreaPack;
  threshold: number;
  category: CategoryRef | null;
  slug: string | null;
  unit: 'crimes' | 'incidents';
  comparison: 'previous' | 'year-on-year';
}

/**
 * Answers a crime question (trend, total, rank, breakdown, compare) from the figures, as the
 * DESIGN's Answer: the numbers, a plain-language text written from them, sources, caveats and
 * follow-up questions. Every number in the text is one of the Answer's own figures.
 */
export async function answerCrime(query: Query, figures: CrimeFigures, pack: AreaPack, options: AnswerOptions = {}): Promise<Answer> {
  if (!isCrimeIntent(query.intent)) throw new Error(`answerCrime cannot answer intent ${query.intent}`);
  const category = query.category ? { slug: query.category.slug, name: categoryBySlug(query.category.slug)?.name ?? query.category.name } : null;
  const slug = category?.slug ?? null;
  const ctx: Context = {
    query,
    figures,
    pack,
    threshold: options.suppressionThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD,
    // A breakdown is across categories: a category named with it does not narrow it.
    category: query.intent === 'crime.breakdown' ? null : category,
    slug: query.intent === 'crime.breakdown' ? null : slug,
    unit: unitFor(query.intent === 'crime.breakdown' ? null : category),
    comparison: query.comparison ?? 'previous',
  };

  if (ctx.slug !== null && isLocalMeasure(ctx.slug) && !(await figures.hasData(ctx.slug))) return notLoaded(ctx);
  const range = await figures.dataRange(ctx.slug);
  if (!range) return nothingLoaded(ctx);
  const resolved = resolvePeriod(query.period, range, ctx.comparison);
  if (resolved.noData) return outsideData(ctx, resolved.period, resolved.notes, range.latest);

  const p = { period: resolved.period, previousPeriod: resolved.previousPeriod, notes: resolved.notes, latest: range.latest };
  switch (query.intent) {
    case 'crime.trend':
    case 'crime.total':
      return areaFigures(ctx, p);
    case 'crime.rank':
      return rankAnswer(ctx, p);
    case 'crime.breakdown':
      return breakdownAnswer(ctx, p);
    case 'crime.compare_areas':
      return compareAnswer(ctx, p);
  }
}

interface Resolved {
  period: Period;
  previousPeriod: Period | null;
  /** What resolvePeriod clipped or dropped, said in the text. */
  notes: string[];
  latest: string;
}

function areaOf(ctx: Context): AreaRef {
  return ctx.query.area ?? districtArea(ctx.pack);
}

/** A question read with a correction ("Taking “Rothr” as Rother.") says so first. */
function withQueryNote(ctx: Context, sentences: string[]): string {
  return [ctx.query.note, ...sentences].filter((s): s is string => !!s && s.trim() !== '').join(' ');
}

async function sourcesFor(ctx: Context, slug: string | null, latest: string): Promise<Source[]> {
  // The as-of a member needs is the last month the figures run to.
  return (await ctx.figures.provenance(slug)).map((s) => ({ name: s.name, asOf: latest }));
}

/** The total over a period, or null when it is withheld (a local measure with small counts). */
async function periodTotal(ctx: Context, area: AreaRef, slug: string | null, period: Period, points: SeriesPoint[]): Promise<number | null> {
  if (slug !== null && isLocalMeasure(slug) && area.type !== 'district') {
    const t = await ctx.figures.total(area, slug, period);
    return t.suppressed ? null : t.count;
  }
  return points.reduce((s, m) => s + m.count, 0);
}

/** The figures of one area for one category over the period and the comparison period. */
interface AreaPeriodFigures {
  /** Months with no data loaded carry null. */
  series: { month: string; count: number | null; suppressed?: boolean }[];
  /** Which months are missing, and the like-with-like comparison or why there is none (coverage.ts). */
  gapNotes: string[];
  current: SeriesPoint[];
  total: number | null;
  previousTotal: number | null;
  changePct: number | null;
  suppressed: boolean;
}

async function figuresOf(ctx: Context, area: AreaRef, slug: string | null, p: Resolved): Promise<AreaPeriodFigures> {
  const { current, previous } = await seriesOfBoth(ctx, area, slug, p);
  const total = await periodTotal(ctx, area, slug, p.period, current);
  const previousTotal = p.previousPeriod ? await periodTotal(ctx, area, slug, p.previousPeriod, previous) : null;
  const raw = [...previous, ...current].map((m) => (m.suppressed ? { month: m.month, count: 0, suppressed: true } : { month: m.month, count: m.count }));
  const imported = ctx.figures.importedMonths ? await ctx.figures.importedMonths(slug) : null;
  const cover = imported && comparability(p.period, p.previousPeriod, imported);
  const series = imported ? withGaps(raw, imported) : raw;
  // A period the data does not wholly cover is never compared whole: the comparison sentence says what is.
  const gapped = !!cover && !cover.complete;
  const likeForLike = gapped && cover && total !== null && previousTotal !== null ? comparisonSentence(cover, withGaps(current, imported!), withGaps(previous, imported!), ctx.unit) : null;
  return {
    series,
    gapNotes: cover ? [gapSentence(cover), likeForLike].filter((x): x is string => !!x) : [],
    current,
    total,
    previousTotal: gapped ? null : previousTotal,
    changePct: !gapped && total !== null && previousTotal !== null ? changePct(total, previousTotal) : null,
    suppressed: series.some((m) => m.suppressed) || total === null || (p.previousPeriod !== null && previousTotal === null),
  };
}

/** Which months of the period have no data (coverage.ts), as a sentence; none when all are loaded. */
async function missingMonths(ctx: Context, period: Period): Promise<string[]> {
  const imported = ctx.figures.importedMonths ? await ctx.figures.importedMonths(ctx.slug) : null;
  const sentence = imported && gapSentence(comparability(period, null, imported));
  return sentence ? [sentence] : [];
}

/** The series of the period and of the one before it: one read when they are adjacent (the usual case). */
async function seriesOfBoth(ctx: Context, area: AreaRef, slug: string | null, p: Resolved): Promise<{ current: SeriesPoint[]; previous: SeriesPoint[] }> {
  const prev = p.previousPeriod;
  if (prev && addMonths(prev.to, 1) === p.period.from) {
    const both = await ctx.figures.series(area, slug, prev.from, p.period.to);
    return { previous: both.filter((m) => m.month <= prev.to), current: both.filter((m) => m.month >= p.period.from) };
  }
  const current = await ctx.figures.series(area, slug, p.period.from, p.period.to);
  const previous = prev ? await ctx.figures.series(area, slug, prev.from, prev.to) : [];
  return { current, previous };
}

/** The month with the most, earliest on a tie; none when every shown month is zero. */
function peakMonth(points: SeriesPoint[]): SeriesPoint | null {
  let best: SeriesPoint | null = null;
  for (const m of points) if (!m.suppressed && m.count > 0 && (!best || m.count > best.count)) best = m;
  return best;
}

/** Competition rank ("joint 3rd") by count, or by rate when asked per 1,000 residents. */
export function rankOf(ranking: RankingRow[], code: string, perCapita: boolean): { rank: number; joint: boolean; of: number; row: RankingRow } | null {
  const row = ranking.find((r) => r.area.code === code);
  if (!row || row.suppressed) return null;
  const value = (r: RankingRow) => (perCapita ? (r.per1000 ?? -1) : r.count);
  const shown = ranking.filter((r) => !r.suppressed);
  const above = shown.filter((r) => value(r) > value(row)).length;
  const same = shown.filter((r) => value(r) === value(row)).length;
  return { rank: above + 1, joint: same > 1, of: ranking.length, row };
}

/**
 * Ranked highest first (or lowest first for "fewest", "quietest"): by count, or by rate per
 * 1,000 residents; withheld rows, and rows with no rate when ranking by rate, last; ties by name.
 */
function sortRanking(rows: RankingRow[], perCapita: boolean, order: 'asc' | 'desc' = 'desc'): RankingRow[] {
  const sign = order === 'asc' ? -1 : 1;
  return [...rows].sort(
    (a, b) =>
      Number(a.suppressed ?? false) - Number(b.suppressed ?? false) ||
      (perCapita ? Number(a.per1000 === null) - Number(b.per1000 === null) || sign * ((b.per1000 ?? 0) - (a.per1000 ?? 0)) : 0) ||
      sign * (b.count - a.count) ||
      a.area.name.localeCompare(b.area.name),
  );
}

function per1000Of(count: number, population: number): number | null {
  return population > 0 ? Math.round((count / population) * 10000) / 10 : null;
}

/** "412 incidents in Feb 2020 – Jan 2021", or what can be said when the total is withheld. */
function totalClause(ctx: Context, f: AreaPeriodFigures, period: Period): string {
  if (f.total !== null) return `${countPhrase(f.total, ctx.unit)} in ${formatPeriod(period)}`;
  return `the total for ${formatPeriod(period)} is not shown, as at least one month had ${suppressedPhrase(ctx.threshold)}`;
}

function changeClause(ctx: Context, f: AreaPeriodFigures, p: Resolved): string | null {
  if (!p.previousPeriod || f.total === null || f.gapNotes.length > 0) return null;
  const label = comparisonLabel(ctx.comparison, monthCount(p.period.from, p.period.to));
  if (f.previousTotal === null) return `the figure for ${label} is withheld (small numbers), so no change is given`;
  return continueSentence(changeSentence(f.total, f.previousTotal, f.changePct, label)).replace(/\.$/, '');
}

function suggestionCategory(category: CategoryRef | null): string {
  return category ? categoryInSentence(category) : 'crime';
}

function trendSuggestions(ctx: Context, area: AreaRef): string[] {
  const cat = suggestionCategory(ctx.category);
  const district = ctx.pack.district.name;
  const out: string[] = [];
  if (ctx.query.intent === 'crime.total') out.push(`${capitalise(cat)} trend in ${area.name}`);
  if (area.type !== 'district') out.push(`Compare ${area.name} with ${district} for ${cat}`);
  out.push(`Breakdown of crime in ${area.name}`);
  out.push(ctx.category ? `Which wards have the most ${cat}?` : 'Which wards have the most crime?');
  if (area.type !== 'district') out.push(`Actions in ${area.name}`);
  return out.slice(0, 4);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function caveatsFor(ctx: Context, slugs: (string | null)[], p: Resolved, extra: { rose: boolean; sample: boolean; suppressed: boolean; notes: string[] }): string[] {
  return [
    ...crimeCaveats({
      categories: slugs,
      period: p.period,
      previousPeriod: p.previousPeriod,
      rose: extra.rose,
      sampleData: extra.sample,
      suppressed: extra.suppressed,
      suppressionThreshold: ctx.threshold,
    }),
    ...extra.notes,
  ];
}

async function areaFigures(ctx: Context, p: Resolved): Promise<Answer> {
  const area = areaOf(ctx);
  // A ward's rank is read alongside its series (one wait, not two, where the store takes queries in
  // parallel); it goes unused only when the ward's total is withheld.
  const wardRanking = area.type === 'ward' ? ctx.figures.ranking(ctx.slug, p.period) : null;
  wardRanking?.catch(() => undefined);
  const [f, sample] = await Promise.all([figuresOf(ctx, area, ctx.slug, p), ctx.figures.isSampleData()]);
  const sentences: string[] = [];
  const change = changeClause(ctx, f, p);
  sentences.push(`${categoryTitle(ctx.category)} in ${area.name}: ${totalClause(ctx, f, p.period)}${change ? `, ${change}` : ''}.`);
  if (ctx.query.intent === 'crime.trend') {
    const peak = peakMonth(f.current);
    if (peak) sentences.push(`Highest month: ${formatMonth(peak.month)} (${formatCount(peak.count)}).`);
    const withheld = f.current.filter((m) => m.suppressed).length;
    if (withheld > 0) sentences.push(`${withheld === 1 ? '1 month has' : `${withheld} months have`} ${suppressedPhrase(ctx.threshold)} and ${withheld === 1 ? 'is' : 'are'} not shown.`);
  }

  let ranking: RankingRow[] | null = null;
  if (wardRanking && f.total !== null) {
    ranking = sortRanking(await wardRanking, ctx.query.perCapita ?? false);
    const r = rankOf(ranking, area.code, ctx.query.perCapita ?? false);
    if (r) {
      const rate = r.row.per1000 !== null ? ` (${formatOneDecimal(r.row.per1000)} per 1,000 residents)` : '';
      const basis = ctx.query.perCapita ? ' by rate' : '';
      sentences.push(`${area.name} ranks ${r.joint ? 'joint ' : ''}${ordinal(r.rank)} of ${r.of} wards${basis}${rate}.`);
    } else {
      ranking = null;
    }
  } else if (area.type !== 'ward' && f.total !== null) {
    const rate = per1000Of(f.total, populationOf(ctx.pack, area));
    if (rate !== null) sentences.push(`That is ${formatOneDecimal(rate)} per 1,000 residents.`);
  }
  sentences.push(...f.gapNotes, ...p.notes);

  return {
    intent: ctx.query.intent as Answer['intent'],
    area,
    category: ctx.category,
    period: p.period,
    previousPeriod: p.previousPeriod,
    total: f.total,
    previousTotal: f.previousTotal,
    changePct: f.changePct,
    series: f.series,
    ranking,
    breakdown: null,
    text: withQueryNote(ctx, sentences),
    sources: await sourcesFor(ctx, ctx.slug, p.latest),
    caveats: caveatsFor(ctx, [ctx.slug], p, {
      rose: f.changePct !== null && f.changePct > 0,
      sample,
      suppressed: f.suppressed,
      notes: ctx.figures.notes(area, p.period),
    }),
    suggestions: trendSuggestions(ctx, area),
  };
}

/** How many wards a ranking sentence names, unless the question says ("top 5 wards"). */
const RANK_TEXT_TOP = 3;

/** An answer about several areas has no one area's total, change or series. */
const NO_AREA_TOTAL = { total: null, previousTotal: null, changePct: null, series: null } as const;

/** How many wards a ranking by change names on each side, unless the question says. */
const CHANGE_TEXT_TOP = 5;

/**
 * "Which wards have seen ASB fall", "the biggest increases in burglary by ward": each ward's own
 * figures against its own earlier period, exactly as its trend gives them, ordered by the change
 * in count (a percentage of a small count says little). A gap in either period is not compared.
 */
async function changeRankAnswer(ctx: Context, p: Resolved): Promise<Answer> {
  const rankBy = ctx.query.rankBy ?? 'change';
  const what = ctx.category ? categoryInSentence(ctx.category) : 'crime';
  const wards = (await ctx.figures.ranking(ctx.slug, p.period)).map((r): AreaRef => ({ code: r.area.code, name: r.area.name, type: 'ward' }));
  const perWard = await Promise.all(wards.map(async (area) => ({ area, f: await figuresOf(ctx, area, ctx.slug, p) })));
  const label = p.previousPeriod ? comparisonLabel(ctx.comparison, monthCount(p.period.from, p.period.to)) : '';
  const sentences: string[] = [];
  const gap = perWard.find(({ f }) => f.gapNotes.length > 0);
  const compared = perWard.filter(({ f }) => f.total !== null && f.previousTotal !== null).map(({ area, f }) => ({ area, now: f.total as number, before: f.previousTotal as number }));
  if (!p.previousPeriod || gap || compared.length === 0) {
    sentences.push(`I cannot rank the wards by how ${what} changed in ${formatPeriod(p.period)}: ${gap ? gap.f.gapNotes[0] : `there are no figures for ${label || 'an earlier period'} to compare with.`}`);
  } else {
    const n = ctx.query.rankCount ?? CHANGE_TEXT_TOP;
    const rose = compared.filter((w) => w.now > w.before).sort((a, b) => b.now - b.before - (a.now - a.before) || a.area.name.localeCompare(b.area.name));
    const fell = compared.filter((w) => w.now < w.before).sort((a, b) => a.now - a.before - (b.now - b.before) || a.area.name.localeCompare(b.area.name));
    const same = compared.length - rose.length - fell.length;
    const item = (w: (typeof compared)[number]) => `${w.area.name} ${w.now > w.before ? 'up' : 'down'} ${formatCount(Math.abs(w.now - w.before))} (${formatCount(w.before)} to ${formatCount(w.now)})`;
    const list = (ws: typeof compared, verb: string) => (ws.length === 0 ? `No ward ${verb}.` : `${ws.length === compared.length ? 'Every ward' : `${ws.length} of ${compared.length} wards`} ${verb}${ws.length > n ? `; the ${n} with the largest change` : ''}: ${ws.slice(0, n).map(item).join('; ')}.`);
    sentences.push(`${capitalise(what)} by ward, ${formatPeriod(p.period)} against ${label}:`);
    if (rankBy !== 'fall') sentences.push(list(rose, 'rose'));
    if (rankBy !== 'rise') sentences.push(list(fell, 'fell'));
    if (rankBy === 'rise' && fell.length > 0) sentences.push(`${fell.length} fell.`);
    if (rankBy === 'fall' && rose.length > 0) sentences.push(`${rose.length} rose.`);
    if (same > 0) sentences.push(`${same} ${same === 1 ? 'was' : 'were'} unchanged.`);
    const withheld = perWard.length - compared.length;
    if (withheld > 0) sentences.push(`${withheld} ${withheld === 1 ? 'ward is' : 'wards are'} not compared: ${suppressedPhrase(ctx.threshold)} in a month.`);
  }
  sentences.push(...p.notes);
  return {
    intent: 'crime.rank',
    area: districtArea(ctx.pack),
    category: ctx.category,
    period: p.period,
    previousPeriod: p.previousPeriod,
    ...NO_AREA_TOTAL,
    // The card shows the sentence: a bar chart of counts would not show the changes ranked.
    ranking: [],
    breakdown: null,
    text: withQueryNote(ctx, sentences),
    sources: await sourcesFor(ctx, ctx.slug, p.latest),
    caveats: caveatsFor(ctx, [ctx.slug], p, { rose: false, sample: await ctx.figures.isSampleData(), suppressed: false, notes: ctx.figures.notes(null, p.period) }),
    suggestions: [`${capitalise(suggestionCategory(ctx.category))} trend in ${ctx.pack.district.name}`, `Which wards have the most ${suggestionCategory(ctx.category)}?`],
  };
}

async function rankAnswer(ctx: Context, p: Resolved): Promise<Answer> {
  if (ctx.query.rankBy) return changeRankAnswer(ctx, p);
  const perCapita = ctx.query.perCapita ?? false;
  const order = ctx.query.order ?? 'desc';
  const [raw, sample] = await Promise.all([ctx.figures.ranking(ctx.slug, p.period), ctx.figures.isSampleData()]);
  const ranking = sortRanking(raw, perCapita, order);
  const shown = ranking.filter((r) => !r.suppressed);
  const withheld = ranking.length - shown.length;
  const cat = categoryInSentence(ctx.category);
  const sentences: string[] = [];
  const what = ctx.category ? cat : 'crime';
  const top = shown.slice(0, ctx.query.rankCount ?? RANK_TEXT_TOP);
  if (top.length === 0 || top.every((r) => r.count === 0)) {
    sentences.push(`No ward has any ${what} recorded in ${formatPeriod(p.period)}.`);
  } else {
    const items = top.map((r) =>
      perCapita
        ? `${r.area.name} ${r.per1000 !== null ? formatOneDecimal(r.per1000) : 'no rate'} per 1,000 (${formatCount(r.count)})`
        : `${r.area.name} ${formatCount(r.count)}${r.per1000 !== null ? ` (${formatOneDecimal(r.per1000)} per 1,000 residents)` : ''}`,
    );
    const heading =
      order === 'asc'
        ? perCapita
          ? `Wards with the lowest rate of ${what} per 1,000 residents`
          : `Wards with the least ${what}`
        : perCapita
          ? `Wards with the highest rate of ${what} per 1,000 residents`
          : `Wards with the most ${what}`;
    sentences.push(`${heading}, ${formatPeriod(p.period)}: ${items.join('; ')}.`);
  }
  if (withheld > 0) sentences.push(`${withheld} ${withheld === 1 ? 'ward has' : 'wards have'} ${suppressedPhrase(ctx.threshold)} in a month and ${withheld === 1 ? 'is' : 'are'} not ranked.`);
  const asked = ctx.query.area;
  // "Where does Rother rank for ASB?": Rother's own count and rank come first, and are the total.
  let askedCount: number | null = null;
  if (asked?.type === 'ward') {
    const r = rankOf(ranking, asked.code, perCapita);
    if (r) {
      const rate = r.row.per1000 !== null ? `, ${formatOneDecimal(r.row.per1000)} per 1,000 residents` : '';
      const basis = perCapita ? ' by rate' : '';
      sentences.unshift(
        `${asked.name}: ${countPhrase(r.row.count, ctx.unit)} of ${what} in ${formatPeriod(p.period)}${rate}; it ranks ${r.joint ? 'joint ' : ''}${ordinal(r.rank)} of ${r.of} wards${basis}, 1st being the ${perCapita ? 'highest rate' : 'most'}.`,
      );
      askedCount = r.row.count;
    } else {
      sentences.unshift(`${asked.name} is not in this ranking for ${formatPeriod(p.period)}: its figures are withheld or it is not a ward of the boundaries in use then.`);
    }
  }
  const districtTotal = withheld === 0 ? shown.reduce((s, r) => s + r.count, 0) : null;
  if (districtTotal !== null) sentences.push(`${ctx.pack.district.name} in all: ${countPhrase(districtTotal, ctx.unit)}.`);
  const total = asked?.type === 'ward' ? askedCount : districtTotal;
  sentences.push(...(await missingMonths(ctx, p.period)), ...p.notes);
  const topWard = shown[0]?.area.name;
  const suggestions = [
    ...(topWard ? [`${capitalise(suggestionCategory(ctx.category))} trend in ${topWard}`] : []),
    perCapita ? `Which wards have the most ${suggestionCategory(ctx.category)}?` : `Which wards have the highest ${suggestionCategory(ctx.category)} per 1,000 residents?`,
    ...(topWard ? [`Breakdown of crime in ${topWard}`, `Actions in ${topWard}`] : []),
  ];
  return {
    intent: 'crime.rank',
    area: asked ?? districtArea(ctx.pack),
    category: ctx.category,
    period: p.period,
    previousPeriod: null,
    total,
    previousTotal: null,
    changePct: null,
    series: null,
    ranking,
    breakdown: null,
    text: withQueryNote(ctx, sentences),
    sources: await sourcesFor(ctx, ctx.slug, p.latest),
    caveats: caveatsFor(ctx, [ctx.slug], p, { rose: false, sample, suppressed: withheld > 0, notes: ctx.figures.notes(null, p.period) }),
    suggestions: suggestions.slice(0, 4),
  };
}

const BREAKDOWN_TEXT_TOP = 3;

async function breakdownAnswer(ctx: Context, p: Resolved): Promise<Answer> {
  const area = areaOf(ctx);
  const [rows, f, sample] = await Promise.all([ctx.figures.breakdown(area, p.period), figuresOf(ctx, area, null, p), ctx.figures.isSampleData()]);
  // ASB is incidents, not crimes: it is reported beside the crime categories, not inside their shares.
  const asb = rows.find((r) => r.category.slug === 'anti-social-behaviour');
  const crimes = rows
    .filter((r) => r.category.slug !== 'anti-social-behaviour')
    .sort((a, b) => b.count - a.count || a.category.name.localeCompare(b.category.name));
  const total = crimes.reduce((s, r) => s + r.count, 0);
  const sentences: string[] = [];
  const change = changeClause(ctx, { ...f, total, changePct: f.previousTotal !== null ? changePct(total, f.previousTotal) : null }, p);
  sentences.push(`Crime in ${area.name}: ${countPhrase(total, 'crimes')} in ${formatPeriod(p.period)}${change ? `, ${change}` : ''}.`);
  const top = crimes.filter((r) => r.count > 0).slice(0, BREAKDOWN_TEXT_TOP);
  if (top.length > 0) {
    const share = (n: number) => `${formatOneDecimal((n / total) * 100)}%`;
    sentences.push(`Largest: ${top.map((r) => `${categoryInSentence(r.category)} ${formatCount(r.count)} (${share(r.count)})`).join(', ')}.`);
  }
  if (asb) sentences.push(`ASB, counted separately: ${countPhrase(asb.count, 'incidents')}.`);
  sentences.push(...(f.gapNotes[0] ? [f.gapNotes[0]] : []), ...p.notes);
  const biggest = top[0]?.category;
  const suggestions = [
    `Crime trend in ${area.name}`,
    ...(biggest ? [`Which wards have the most ${categoryInSentence(biggest)}?`] : []),
    ...(area.type !== 'district' ? [`Actions in ${area.name}`, `Breakdown of crime in ${ctx.pack.district.name}`] : []),
  ];
  const previousTotal = f.previousTotal;
  return {
    intent: 'crime.breakdown',
    area,
    category: null,
    period: p.period,
    previousPeriod: p.previousPeriod,
    total,
    previousTotal,
    changePct: previousTotal !== null ? changePct(total, previousTotal) : null,
    series: f.series,
    ranking: null,
    breakdown: crimes,
    text: withQueryNote(ctx, sentences),
    sources: await sourcesFor(ctx, null, p.latest),
    caveats: caveatsFor(ctx, [null, ...(asb ? ['anti-social-behaviour'] : [])], p, {
      rose: previousTotal !== null && total > previousTotal,
      sample,
      suppressed: false,
      notes: ctx.figures.notes(area, p.period),
    }),
    suggestions: suggestions.slice(0, 4),
  };
}

/**
 * "Rother and Hasland combined": the areas' figures added, where they can be. Wards of one set never
 * overlap; a district holds its wards, and a named area may share LSOAs with a ward, so those are
 * told apart instead of added (a sum would count crimes twice).
 */
function combinedSentence(ctx: Context, perArea: { area: AreaRef; f: AreaPeriodFigures }[]): string {
  if (perArea.some(({ area }) => area.type !== 'ward')) return 'I show each area on its own: a district or a named area can overlap the others, so adding them would count some crimes twice.';
  if (perArea.some(({ f }) => f.total === null)) return 'I cannot give them together: one of them is not shown.';
  const total = perArea.reduce((s, { f }) => s + (f.total ?? 0), 0);
  const population = perArea.reduce((s, { area }) => s + populationOf(ctx.pack, area), 0);
  const rate = per1000Of(total, population);
  return `Together: ${countPhrase(total, ctx.unit)}${rate !== null ? ` (${formatOneDecimal(rate)} per 1,000 residents)` : ''}.`;
}

/** "What percentage of ASB is in Rother": an area's part of its district's figure, which includes it. */
function shareSentence(perArea: { area: AreaRef; f: AreaPeriodFigures }[]): string {
  const [part, whole] = perArea;
  if (perArea.length !== 2 || whole.area.type !== 'district' || part.area.type === 'district') return 'I give a share of the whole district only.';
  if (part.f.total === null || whole.f.total === null) return 'I cannot give its share: one of them is not shown.';
  if (whole.f.total === 0) return `${whole.area.name} had none, so there is no share to give.`;
  return `${part.area.name}'s share of ${whole.area.name}'s: ${formatOneDecimal((100 * part.f.total) / whole.f.total)}%.`;
}

/** "How many more in Rother than Hasland": the difference in count, whichever has more (each rate is given beside its count). */
function differenceSentence(ctx: Context, perArea: { area: AreaRef; f: AreaPeriodFigures }[]): string {
  if (perArea.length !== 2) return 'I give the difference between two areas only: each figure is above.';
  const [a, b] = perArea;
  if (a.f.total === null || b.f.total === null) return 'I cannot give the difference: one of them is not shown.';
  if (a.f.total === b.f.total) return `${a.area.name} and ${b.area.name} had the same number: ${countPhrase(a.f.total, ctx.unit)}.`;
  const [more, fewer] = a.f.total > b.f.total ? [a, b] : [b, a];
  const gap = (more.f.total ?? 0) - (fewer.f.total ?? 0);
  return `${more.area.name} had ${formatCount(gap)} more than ${fewer.area.name} (${formatCount(more.f.total ?? 0)} against ${formatCount(fewer.f.total ?? 0)}).`;
}

async function compareAnswer(ctx: Context, p: Resolved): Promise<Answer> {
  const asked = ctx.query.areas && ctx.query.areas.length > 0 ? ctx.query.areas : [areaOf(ctx)];
  // "Compare Rother" alone is compared with the district.
  const areas = asked.length === 1 && asked[0].type !== 'district' ? [asked[0], districtArea(ctx.pack)] : asked;
  const sample = await ctx.figures.isSampleData();
  const perArea: { area: AreaRef; f: AreaPeriodFigures; per1000: number | null }[] = [];
  for (const area of areas) {
    const f = await figuresOf(ctx, area, ctx.slug, p);
    perArea.push({ area, f, per1000: f.total !== null ? per1000Of(f.total, populationOf(ctx.pack, area)) : null });
  }
  const sentences = [`${categoryTitle(ctx.category)}, ${formatPeriod(p.period)}:`];
  for (const { area, f, per1000 } of perArea) {
    if (f.total === null) {
      sentences.push(`${area.name}: not shown, as at least one month had ${suppressedPhrase(ctx.threshold)}.`);
      continue;
    }
    const rate = per1000 !== null ? ` (${formatOneDecimal(per1000)} per 1,000 residents)` : '';
    const change = changeClause(ctx, f, p);
    sentences.push(`${area.name} ${countPhrase(f.total, ctx.unit)}${rate}${change ? `, ${change}` : ''}.`);
  }
  if (ctx.query.combined) sentences.push(combinedSentence(ctx, perArea));
  if (ctx.query.share) sentences.push(shareSentence(perArea));
  if (ctx.query.difference) sentences.push(differenceSentence(ctx, perArea));
  const rated = perArea.filter((a) => a.per1000 !== null && a.area.type !== 'district');
  if (rated.length > 1) {
    const highest = [...rated].sort((a, b) => (b.per1000 ?? 0) - (a.per1000 ?? 0))[0];
    sentences.push(`Highest rate: ${highest.area.name}.`);
  }
  sentences.push(...(perArea[0]?.f.gapNotes.slice(0, 1) ?? []), ...p.notes);
  const ranking: RankingRow[] = perArea
    .map(({ area, f, per1000 }) =>
      f.total === null ? { area: { code: area.code, name: area.name }, count: 0, per1000: null, suppressed: true } : { area: { code: area.code, name: area.name }, count: f.total, per1000 },
    )
    .sort((a, b) => Number(a.suppressed ?? false) - Number(b.suppressed ?? false) || b.count - a.count || a.area.name.localeCompare(b.area.name));
  const first = areas[0];
  const suggestions = [
    `${capitalise(suggestionCategory(ctx.category))} trend in ${first.name}`,
    ctx.category ? `Which wards have the most ${categoryInSentence(ctx.category)}?` : 'Which wards have the most crime?',
    `Breakdown of crime in ${first.name}`,
  ];
  const notes = [...new Set(perArea.flatMap(({ area }) => ctx.figures.notes(area, p.period)))];
  return {
    intent: 'crime.compare_areas',
    area: null,
    areas,
    category: ctx.category,
    period: p.period,
    previousPeriod: p.previousPeriod,
    ...NO_AREA_TOTAL,
    ranking,
    breakdown: null,
    text: withQueryNote(ctx, sentences),
    sources: await sourcesFor(ctx, ctx.slug, p.latest),
    caveats: caveatsFor(ctx, [ctx.slug], p, {
      rose: perArea.some(({ f }) => f.changePct !== null && f.changePct > 0),
      sample,
      suppressed: perArea.some(({ f }) => f.suppressed),
      notes,
    }),
    suggestions,
  };
}

/** A local measure with no extract loaded: say so, say how to load it, and give no figures. */
function notLoaded(ctx: Context): Answer {
  const measure = ctx.category ? categoryTitle(ctx.category) : 'This measure';
  const within = ctx.slug ? (categoryBySlug(ctx.slug) as { within?: string } | undefined)?.within : undefined;
  const withinName = within ? categoryBySlug(within)?.name : undefined;
  const sentences = [
    `police.uk does not publish ${categoryInSentence(ctx.category)} figures${withinName ? ` (it counts them within ${categoryInSentence({ slug: within ?? '', name: withinName })})` : ''}, and no local extract of ${categoryInSentence(ctx.category)} is loaded.`,
    `To answer this, load a force or analyst extract with \`${LOAD_LOCAL_COMMAND}\` (columns month, area_type, area_code, area_name, measure, count, source, extracted_on).`,
  ];
  const area = areaOf(ctx);
  const suggestions = withinName ? [`${withinName} trend in ${area.name}`, `Breakdown of crime in ${area.name}`] : [`Crime trend in ${area.name}`, `Breakdown of crime in ${area.name}`];
  return {
    intent: ctx.query.intent as Answer['intent'],
    area: ctx.query.intent === 'crime.compare_areas' ? null : area,
    areas: ctx.query.intent === 'crime.compare_areas' ? (ctx.query.areas ?? null) : null,
    category: ctx.category,
    period: null,
    previousPeriod: null,
    total: null,
    previousTotal: null,
    changePct: null,
    series: null,
    ranking: null,
    breakdown: null,
    text: withQueryNote(ctx, [`${measure}:`, ...sentences]),
    sources: [],
    caveats: [],
    suggestions,
  };
}

/** An empty store: nothing to count yet. */
function nothingLoaded(ctx: Context): Answer {
  return {
    intent: ctx.query.intent as Answer['intent'],
    area: ctx.query.area ?? districtArea(ctx.pack),
    category: ctx.category,
    text: withQueryNote(ctx, [
      `No crime figures are loaded yet for ${ctx.pack.district.name}.`,
      'Load police.uk data with `csp sync police --from YYYY-MM --to YYYY-MM` or `csp import police-csv <files>` (or `csp db seed-demo` for the demo data).',
    ]),
    sources: [],
    caveats: [],
    suggestions: ['Help'],
  };
}

/** The months asked for hold no data: say which months do, and why a recent month is missing. */
async function outsideData(ctx: Context, asked: Period, notes: string[], latest?: string): Promise<Answer> {
  const area = areaOf(ctx);
  const sample = await ctx.figures.isSampleData();
  const unpublished = latest !== undefined && asked.from > latest;
  // Months after the latest held: say which month is the latest and why, in one sentence.
  if (unpublished)
    notes = [
      `There are no figures from ${formatMonthLong(asked.from)} yet: police.uk publishes each month's figures about two months after the month ends, so the latest month held is ${formatMonthLong(latest)}.`,
    ];
  return {
    intent: ctx.query.intent as Answer['intent'],
    area,
    category: ctx.category,
    period: asked,
    previousPeriod: null,
    total: null,
    previousTotal: null,
    changePct: null,
    series: null,
    text: withQueryNote(ctx, notes),
    sources: [],
    caveats: sample ? crimeCaveats({ categories: [], period: null, previousPeriod: null, rose: false, sampleData: true, suppressed: false, suppressionThreshold: ctx.threshold }) : [],
    suggestions: [
      ...(unpublished ? [`${capitalise(suggestionCategory(ctx.category))} in ${area.name} in ${formatMonthLong(latest)}`] : []),
      `${capitalise(suggestionCategory(ctx.category))} trend in ${area.name}`,
    ],
  };
}
