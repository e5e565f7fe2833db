import type { CardJson } from '../../core/turn';
import type { Answer, AnswerIntent, Period } from '../../core/answer';
import { DEFAULT_SUPPRESSION_THRESHOLD, isCrimeIntent, rankOf } from './answer';
import { formatMonth, formatPeriod } from '../../domain/crime/periods';
import { categoryTitle, countPhrase, formatCount, formatOneDecimal, ordinal, suppressedPhrase, unitFor } from './text';
import { answerFooter, figuresTable, MAX_CARD_TEXT, renderTextAnswerCard, shortenText, sourcesLine, templateSafe, withAnswerFooter, withChartTable } from '../../cards/common';
import { assertCardFits, cardBytes, CARD_BUDGET_BYTES, renderCard } from '../../cards/template';

/**
 * Crime answers as Adaptive Cards: the text answer first, then the figures as a chart with a
 * table (charts do not draw on every client, and a table is what a screen reader reads), then
 * sources, caveats and follow-up questions. Long lists are cut until the card fits the budget.
 */

export interface CardOptions {
  /** Local counts below this are shown as "fewer than N" (CSP_SUPPRESSION_THRESHOLD). */
  suppressionThreshold?: number;
}

export type AnswerCardRenderer = (answer: Answer, options: CardOptions) => CardJson;

/** Rows a ranking, breakdown or comparison shows before trimming for size. */
const MAX_ROWS = 25;
/** Area names longer than this are cut on cards (ward names are short; imported names may not be). */
const NAME_MAX = 48;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function hidden(options: CardOptions): string {
  return capitalise(suppressedPhrase(options.suppressionThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD));
}

/**
 * Builds a card at decreasing row limits (and, last, a shorter text) until it fits the budget;
 * the last attempt is checked by assertCardFits.
 */
function fit(
  build: (rowLimit: number, textMax: number, compact: boolean) => CardJson,
  rows: number,
  steps: number[] = [MAX_ROWS, 15, 10, 5, 3],
): CardJson {
  const limits = [...new Set([Math.min(rows, steps[0]), ...steps.slice(1)].filter((n) => n <= Math.max(rows, steps[steps.length - 1])))];
  let card: CardJson | undefined;
  for (const [textMax, compact] of [
    [MAX_CARD_TEXT, false],
    [1000, false],
    [1000, true],
    [300, true],
  ] as const) {
    for (const limit of limits) {
      card = build(limit, textMax, compact);
      if (cardBytes(card) <= CARD_BUDGET_BYTES) return card;
    }
  }
  return assertCardFits(card as CardJson);
}

/** Chart colours (Teams' named chart colours): one for the figures, a light contrasting one for the comparison or the area asked about. */
const MAIN_COLOUR = 'categoricalBlue';
const CONTRAST_COLOUR = 'categoricalMarigold';

function finish(name: string, data: object, answer: Answer, compact: boolean, table?: CardJson): CardJson {
  const card = renderCard(name, templateSafe({ heading: answerHeading(answer), ...data }));
  return withAnswerFooter(table ? withChartTable(card, templateSafe(table)) : card, answerFooter(answer), { compact });
}

/** What the card answers, as its heading: "ASB in Rother, Feb 2020 – Jan 2021"; "Burglary by ward, …". */
export function answerHeading(answer: Answer): string {
  const what = categoryTitle(answer.category);
  const when = answer.period ? `, ${formatPeriod(answer.period)}` : '';
  const where = shortenText(answer.area?.name ?? 'the district', NAME_MAX);
  switch (answer.intent) {
    case 'crime.rank':
      return `${what}${answer.ranking && rankedByRate(answer.ranking) ? ' per 1,000 residents' : ''} by ward${when}`;
    case 'crime.breakdown':
      return `Crime by type in ${where}${when}`;
    case 'crime.compare_areas':
      return `${what}: ${shortenText((answer.areas ?? []).map((a) => a.name).join(', '), 120) || 'areas compared'}${when}`;
    default:
      return `${what} in ${where}${when}`;
  }
}

function inPeriod(month: string, p: Period | null | undefined): boolean {
  return !!p && month >= p.from && month <= p.to;
}

/** A null count is a month with no data loaded: "No data" in the table, no point on the chart. */
interface SplitSeries {
  current: { month: string; count: number | null; suppressed?: boolean }[];
  previous: { month: string; count: number | null; suppressed?: boolean }[];
}

/** The Answer's series, cut into the period and the comparison period. */
export function splitSeries(answer: Answer): SplitSeries {
  const series = answer.series ?? [];
  return {
    current: series.filter((m) => inPeriod(m.month, answer.period)),
    previous: series.filter((m) => inPeriod(m.month, answer.previousPeriod)),
  };
}

function changeWords(answer: Answer): string {
  const { total, previousTotal, changePct } = answer;
  if (total === null || total === undefined || previousTotal === null || previousTotal === undefined) return 'Not available';
  if (total === previousTotal) return 'Unchanged';
  if (changePct === null || changePct === undefined) return 'Up from none';
  return `${total > previousTotal ? 'Up' : 'Down'} ${formatOneDecimal(Math.abs(changePct))}%`;
}

/** The headline figures as facts: this period, the one before, the change, the rank or rate. */
function headlineFacts(answer: Answer, options: CardOptions): { title: string; value: string }[] {
  const unit = unitFor(answer.category);
  const facts: { title: string; value: string }[] = [];
  if (answer.period) {
    facts.push({ title: formatPeriod(answer.period), value: answer.total === null || answer.total === undefined ? `Not shown (${hidden(options).toLowerCase()} in a month)` : countPhrase(answer.total, unit) });
  }
  if (answer.previousPeriod) {
    facts.push({
      title: formatPeriod(answer.previousPeriod),
      value: answer.previousTotal === null || answer.previousTotal === undefined ? 'Not shown' : countPhrase(answer.previousTotal, unit),
    });
    facts.push({ title: 'Change', value: changeWords(answer) });
  }
  if (answer.area?.type === 'ward' && answer.ranking) {
    const r = rankOf(answer.ranking, answer.area.code, rankedByRate(answer.ranking));
    if (r) {
      facts.push({ title: 'Rank among wards', value: `${r.joint ? 'Joint ' : ''}${ordinal(r.rank)} of ${r.of}` });
      if (r.row.per1000 !== null) facts.push({ title: 'Per 1,000 residents', value: formatOneDecimal(r.row.per1000) });
    }
  }
  return facts;
}

export function renderTrendCard(answer: Answer, options: CardOptions = {}): CardJson {
  const { current, previous } = splitSeries(answer);
  if (!answer.period || current.length === 0) return renderTextAnswerCard(answer, answerHeading(answer));
  const unitTitle = capitalise(unitFor(answer.category));
  // Points are labelled by the initial of their month ("F M A M J J A S O N D J"): on a narrow card
  // Teams gives each month about 20 pixels and cuts longer labels to "F…". The axis title names the
  // months, and the table has them in full. Labels must differ (the chart keys points by label), so
  // repeated initials carry zero-width spaces, which do not show.
  const label = (month: string, i: number) => `${formatMonth(month).charAt(0)}${'\u200b'.repeat(i)}`;
  // Both series are plotted against this period's month labels, so points pair up by position.
  const points = (list: SplitSeries['current'], labels: SplitSeries['current']) =>
    list.flatMap((m, i) => (m.suppressed || m.count === null ? [] : [{ x: label(labels[i]?.month ?? m.month, i), y: m.count }]));
  const cell = (m: SplitSeries['current'][number] | undefined) =>
    m === undefined ? '–' : m.suppressed ? hidden(options) : m.count === null ? 'No data' : formatCount(m.count);
  const where = answer.area?.name ?? '';
  return fit(
    (limit, textMax, compact) => {
      // A very long period keeps its latest months on the card; the text still gives the totals.
      const offset = Math.max(0, current.length - limit);
      const cur = current.slice(offset);
      const prevShown = previous.slice(offset, offset + cur.length);
      // The periods differ by their words in the legend and by a dark and a light colour, never by hue alone.
      const chart = [{ legend: formatPeriod(answer.period as Period), color: MAIN_COLOUR, values: points(cur, cur) }];
      if (answer.previousPeriod && prevShown.length > 0) {
        chart.push({ legend: formatPeriod(answer.previousPeriod), color: CONTRAST_COLOUR, values: points(prevShown, cur) });
      }
      const periodHeading = formatPeriod(answer.period as Period);
      const previousHeading = answer.previousPeriod ? formatPeriod(answer.previousPeriod) : 'Previous period';
      const table = figuresTable(
        [periodHeading, unitTitle, previousHeading, unitTitle],
        cur.map((m, i) => ({ cells: [formatMonth(m.month), cell(m), prevShown[i] ? formatMonth(prevShown[i].month) : '–', cell(prevShown[i])] })),
        [1, 1, 1, 1],
      );
      return finish(
        'crime-trend',
        {
          text: shortenText(answer.text, textMax),
          facts: headlineFacts(answer, options),
          chart,
          chartTitle: `${unitTitle} in ${shortenText(where, NAME_MAX)} by month`,
          xAxisTitle: `Month, ${formatMonth(cur[0].month)} to ${formatMonth(cur[cur.length - 1].month)}`,
          trimNote: cur.length < current.length ? `Showing the latest ${cur.length} of ${current.length} months.` : '',
        },
        answer,
        compact,
        table,
      );
    },
    current.length,
    [current.length, 24, 12],
  );
}

export function renderTotalCard(answer: Answer, options: CardOptions = {}): CardJson {
  if (!answer.period) return renderTextAnswerCard(answer, answerHeading(answer));
  return fit((_l, textMax, compact) => finish('crime-total', { text: shortenText(answer.text, textMax), facts: headlineFacts(answer, options) }, answer, compact), 1);
}

/** True when the ranking is ordered by rate rather than by count (asked "per 1,000 residents"). */
function rankedByRate(ranking: NonNullable<Answer['ranking']>): boolean {
  const shown = ranking.filter((r) => !r.suppressed);
  const nonIncreasing = (vals: number[]) => vals.every((v, i) => i === 0 || v <= vals[i - 1]);
  const byCount = nonIncreasing(shown.map((r) => r.count));
  return !byCount && nonIncreasing(shown.map((r) => r.per1000 ?? -1));
}

export function renderRankCard(answer: Answer, options: CardOptions = {}): CardJson {
  const ranking = answer.ranking ?? [];
  if (ranking.length === 0) return renderTextAnswerCard(answer, answerHeading(answer));
  const byRate = rankedByRate(ranking);
  const unitTitle = capitalise(unitFor(answer.category));
  const asked = answer.area?.type === 'ward' ? answer.area.code : null;
  const rankLabel = (code: string) => {
    const r = rankOf(ranking, code, byRate);
    return r ? `${r.joint ? '=' : ''}${r.rank}` : '–';
  };
  const valueTitle = byRate ? 'Per 1,000 residents' : unitTitle;
  const build = (limit: number, textMax: number, compact: boolean) => {
    let shown = ranking.slice(0, limit);
    const askedRow = asked ? ranking.find((r) => r.area.code === asked) : undefined;
    if (askedRow && !shown.includes(askedRow)) shown = [...shown, askedRow];
    const name = (r: (typeof ranking)[number]) => `${shortenText(r.area.name, NAME_MAX)}${r.area.code === asked ? ' (asked about)' : ''}`;
    const table = figuresTable(
      ['Rank', 'Ward', unitTitle, 'Per 1,000 residents'],
      shown.map((r) => ({
        cells: [r.suppressed ? '–' : rankLabel(r.area.code), name(r), r.suppressed ? hidden(options) : formatCount(r.count), r.per1000 === null || r.suppressed ? '–' : formatOneDecimal(r.per1000)],
        bold: r.area.code === asked,
      })),
      [2, 5, 3, 3],
    );
    // One colour; the ward asked about stands out in a second one and is named "(asked about)".
    const chart = shown
      .filter((r) => !r.suppressed && (!byRate || r.per1000 !== null))
      .map((r) => ({ x: name(r), y: byRate ? (r.per1000 as number) : r.count, color: r.area.code === asked ? CONTRAST_COLOUR : MAIN_COLOUR }));
    const left = ranking.length - Math.min(limit, ranking.length);
    return finish(
      'crime-rank',
      {
        text: shortenText(answer.text, textMax),
        chart,
        chartTitle: `${valueTitle} by ward`,
        // The value axis runs along the bottom (x), the wards down the side (y).
        xAxisTitle: valueTitle,
        yAxisTitle: 'Ward',
        trimNote: left > 0 ? `Showing the top ${Math.min(limit, ranking.length)} of ${ranking.length} wards.` : '',
      },
      answer,
      compact,
      table,
    );
  };
  return fit(build, ranking.length);
}

export function renderBreakdownCard(answer: Answer, options: CardOptions = {}): CardJson {
  void options;
  const breakdown = answer.breakdown ?? [];
  if (breakdown.length === 0) return renderTextAnswerCard(answer, answerHeading(answer));
  const total = breakdown.reduce((s, r) => s + r.count, 0);
  const build = (limit: number, textMax: number, compact: boolean) => {
    const shown = breakdown.slice(0, limit);
    const rest = breakdown.slice(limit);
    const restCount = rest.reduce((s, r) => s + r.count, 0);
    const share = (n: number) => (total > 0 ? `${formatOneDecimal((n / total) * 100)}%` : '–');
    const rows = shown.map((r) => ({ cells: [shortenText(r.category.name, NAME_MAX), formatCount(r.count), share(r.count)] }));
    if (rest.length > 0) rows.push({ cells: [`Other categories (${rest.length})`, formatCount(restCount), share(restCount)] });
    // Bars with their names and counts written out: a donut of a dozen shades could be read by its legend only.
    const chart = [
      ...shown.filter((r) => r.count > 0).map((r) => ({ x: shortenText(r.category.name, NAME_MAX), y: r.count, color: MAIN_COLOUR })),
      ...(restCount > 0 ? [{ x: 'Other categories', y: restCount, color: MAIN_COLOUR }] : []),
    ];
    return finish(
      'crime-breakdown',
      {
        text: shortenText(answer.text, textMax),
        chart,
        chartTitle: 'Crimes by type',
        trimNote: rest.length > 0 ? `The ${rest.length} smallest categories are added together as "Other categories".` : '',
      },
      answer,
      compact,
      figuresTable(['Category', 'Count', 'Share of crime'], rows, [4, 2, 2]),
    );
  };
  return fit(build, breakdown.length);
}

export function renderCompareCard(answer: Answer, options: CardOptions = {}): CardJson {
  const rows = answer.ranking ?? [];
  if (rows.length === 0) return renderTextAnswerCard(answer, answerHeading(answer));
  const unitTitle = capitalise(unitFor(answer.category));
  const build = (limit: number, textMax: number, compact: boolean) => {
    const shown = rows.slice(0, limit);
    return finish(
      'crime-compare',
      {
        text: shortenText(answer.text, textMax),
        chart: shown.filter((r) => !r.suppressed).map((r) => ({ x: shortenText(r.area.name, NAME_MAX), y: r.count, color: MAIN_COLOUR })),
        chartTitle: `${unitTitle} by area`,
        yAxisTitle: unitTitle,
        trimNote: rows.length > shown.length ? `Showing ${shown.length} of ${rows.length} areas.` : '',
      },
      answer,
      compact,
      figuresTable(
        ['Area', unitTitle, 'Per 1,000 residents'],
        shown.map((r) => ({
          cells: [shortenText(r.area.name, NAME_MAX), r.suppressed ? hidden(options) : formatCount(r.count), r.per1000 === null || r.suppressed ? '–' : formatOneDecimal(r.per1000)],
        })),
        [4, 2, 2],
      ),
    );
  };
  return fit(build, rows.length);
}

export const CRIME_CARD_RENDERERS: Readonly<Record<string, AnswerCardRenderer>> = {
  'crime.trend': renderTrendCard,
  'crime.total': renderTotalCard,
  'crime.rank': renderRankCard,
  'crime.breakdown': renderBreakdownCard,
  'crime.compare_areas': renderCompareCard,
};

/**
 * A card renderer for every Answer: crime intents get their own cards, any intent in `extra`
 * gets its renderer (the action and follow-up modules add theirs), everything else the text
 * card with its suggestion buttons. No registry is kept between calls: compose it once.
 */
export function createAnswerRenderer(
  extra: Partial<Record<AnswerIntent, AnswerCardRenderer>> = {},
  defaults: CardOptions = {},
): (answer: Answer, options?: CardOptions) => CardJson {
  return (answer, options = {}) => {
    const opts = { ...defaults, ...options };
    const own = extra[answer.intent];
    if (own) return own(answer, opts);
    if (isCrimeIntent(answer.intent)) return CRIME_CARD_RENDERERS[answer.intent](answer, opts);
    return renderTextAnswerCard(answer);
  };
}

/** The default renderer: crime cards, and the text card for anything else. */
export const renderAnswerCard: (answer: Answer, options?: CardOptions) => CardJson = createAnswerRenderer();

/** Caveats an unfurled link card carries at most (sample data first); the rest are in chat. */
const UNFURL_NOTES = 4;

/**
 * A police.uk link unfurled: the area's all-crime and ASB figures. Teams shows link previews only
 * from Adaptive Cards 1.3 and earlier, so this card has no chart, table or Execute buttons; it
 * links back to the page that was pasted.
 */
export function renderAreaFiguresCard(areaName: string, answers: readonly Answer[], link: string): CardJson {
  const facts = answers.flatMap((a) => {
    if (!a.period || a.total === null || a.total === undefined) return [];
    const unit = unitFor(a.category);
    const before =
      a.previousPeriod && a.previousTotal !== null && a.previousTotal !== undefined
        ? ` (${changeWords(a).toLowerCase()} on ${formatPeriod(a.previousPeriod)}: ${countPhrase(a.previousTotal, unit)})`
        : '';
    return [{ title: `${categoryTitle(a.category)}, ${formatPeriod(a.period)}`, value: `${countPhrase(a.total, unit)}${before}` }];
  });
  const notes = [...new Set(answers.flatMap((a) => a.caveats ?? []))].slice(0, UNFURL_NOTES);
  const sources = [...new Map(answers.flatMap((a) => a.sources ?? []).map((s) => [`${s.name}|${s.asOf}`, s])).values()];
  return assertCardFits(
    renderCard(
      'crime-unfurl',
      templateSafe({
        title: `Crime and ASB in ${shortenText(areaName, NAME_MAX)}`,
        subtitle: 'Figures from the Community Safety Assistant for the area of this police.uk page.',
        facts,
        notes,
        sources: sourcesLine(sources),
        link,
      }),
    ),
  );
}
