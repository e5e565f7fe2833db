import type { CardJson } from '../core/turn';
import type { Answer, Source } from '../core/answer';
import { formatMonth } from '../domain/crime/periods';
import { assertCardFits, cardBytes, CARD_BUDGET_BYTES, renderCard } from './template';

/**
 * Pieces every answer card shares: the sources line, the caveats behind a "Show caveats" toggle,
 * and follow-up questions as buttons. Card modules render their own template, then call
 * `withAnswerFooter` so that every answer ends the same way.
 */

/** The card verb for "ask this question": the bot answers `data.question` as if it were typed. */
export const ASK_VERB = 'ask';

/** Teams shows about six buttons in a row; more get hidden behind "…". */
export const MAX_SUGGESTIONS = 4;
/** Button titles beyond this are cut at a word, the whole question in the tooltip (Teams cuts long titles itself). */
const BUTTON_TITLE_MAX = 40;
/** Longest answer text a card carries; the rest would not be read in chat anyway. */
export const MAX_CARD_TEXT = 4000;
/** Sources and caveats beyond this many are not carried on a card. */
const MAX_FOOTER_ITEMS = 10;
/** Id of the caveats container, the target of the toggle. */
export const CAVEATS_ID = 'caveats';

export interface AnswerFooter {
  sources?: Source[];
  caveats?: string[];
  suggestions?: string[];
}

/** Cuts text to `max` characters (by code point), ending with "…". */
export function shortenText(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/**
 * Data handed to a template is made inert: a "${" in a ward name or a question would otherwise
 * read as a template expression left unexpanded. A zero-width space keeps it looking the same.
 */
export function templateSafe<T>(value: T): T {
  // Almost no data holds a "${": it is then handed over as it is, without a copy.
  if (!holdsTemplateMark(value)) return value;
  if (typeof value === 'string') return value.replace(/\$\{/g, '$\u200b{') as T;
  if (Array.isArray(value)) return value.map((v) => templateSafe(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, templateSafe(v)])) as T;
  }
  return value;
}

function holdsTemplateMark(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(holdsTemplateMark);
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) if (holdsTemplateMark(v)) return true;
  }
  return false;
}

/** "Jan 2021" for a month, "3 Feb 2021" for a date, else as given. */
export function formatAsOf(asOf: string): string {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(asOf)) return formatMonth(asOf);
  const d = /^(\d{4})-(0[1-9]|1[0-2])-(\d{2})/.exec(asOf);
  if (d) return `${Number(d[3])} ${formatMonth(`${d[1]}-${d[2]}`)}`;
  return asOf;
}

/**
 * "Source: police.uk street-level crime data. Contains public sector information licensed under
 * the Open Government Licence v3.0. Figures to Jan 2021."
 */
export function sourcesLine(sources: readonly Source[] | undefined): string {
  if (!sources || sources.length === 0) return '';
  const parts = sources.map((s) => {
    const name = s.name.trim();
    const stop = /[.!?]$/.test(name) ? '' : '.';
    if (!s.asOf) return `${name}${stop}`;
    const when = /^\d{4}-\d{2}$/.test(s.asOf) ? `Figures to ${formatAsOf(s.asOf)}.` : `As of ${formatAsOf(s.asOf)}.`;
    return `${name}${stop} ${when}`;
  });
  return `${sources.length === 1 ? 'Source' : 'Sources'}: ${parts.join(' ')}`;
}

/**
 * A button label of at most `max` characters, cut at a word (a label cut mid-word, "…sexual of",
 * reads as a different question); undefined when the text fits whole.
 */
export function shortLabel(text: string, max: number = BUTTON_TITLE_MAX): string | undefined {
  const chars = [...text];
  if (chars.length <= max) return undefined;
  const head = chars.slice(0, max - 1).join('');
  const cut = head.lastIndexOf(' ');
  // A single very long word is cut where it must be.
  return `${(cut > max / 2 ? head.slice(0, cut) : head).replace(/[\s,;:–-]+$/u, '')}…`;
}

/** A button that asks the bot a question, answered like a typed one; a shortened label keeps the whole question as its tooltip. */
export function askAction(question: string, title: string = question): CardJson {
  const short = shortLabel(title);
  return { type: 'Action.Execute', title: short ?? title, ...(short ? { tooltip: shortenText(title, 500) } : {}), verb: ASK_VERB, data: { question } };
}

export function suggestionActions(suggestions: readonly string[] | undefined, max: number = MAX_SUGGESTIONS): CardJson[] {
  const seen = new Set<string>();
  const out: CardJson[] = [];
  for (const s of suggestions ?? []) {
    const q = s.trim();
    if (q === '' || seen.has(q.toLowerCase())) continue;
    seen.add(q.toLowerCase());
    out.push(askAction(q));
    if (out.length === max) break;
  }
  return out;
}

/** The toggle and the hidden list of caveats; nothing when there are none. */
export function caveatElements(caveats: readonly string[] | undefined, id: string = CAVEATS_ID): CardJson[] {
  if (!caveats || caveats.length === 0) return [];
  return [
    {
      type: 'ActionSet',
      actions: [{ type: 'Action.ToggleVisibility', title: `Show caveats (${caveats.length})`, targetElements: [id] }],
    },
    {
      type: 'Container',
      id,
      isVisible: false,
      items: caveats.map((c) => ({ type: 'TextBlock', text: `• ${c}`, wrap: true, size: 'Small' })),
    },
  ];
}

/** Appends the sources line, the caveats toggle and the suggestion buttons to a rendered card. */
export function withAnswerFooter(card: CardJson, footer: AnswerFooter, options: { compact?: boolean } = {}): CardJson {
  // Compact: for a card that is still over budget after its lists were cut (never with real sources and caveats).
  const [items, nameMax, caveatMax] = options.compact ? [4, 150, 300] : [MAX_FOOTER_ITEMS, 300, 600];
  const safe = templateSafe({
    sources: footer.sources?.slice(0, items).map((s) => ({ name: shortenText(s.name, nameMax), asOf: s.asOf })),
    caveats: footer.caveats?.slice(0, items).map((c) => shortenText(c, caveatMax)),
    suggestions: footer.suggestions?.map((q) => shortenText(q, options.compact ? 200 : 500)),
  });
  const body = Array.isArray(card.body) ? [...(card.body as CardJson[])] : [];
  const line = sourcesLine(safe.sources);
  if (line) body.push({ type: 'TextBlock', text: line, wrap: true, isSubtle: true, size: 'Small', spacing: 'Medium' });
  body.push(...caveatElements(safe.caveats));
  const existing = Array.isArray(card.actions) ? (card.actions as CardJson[]) : [];
  const actions = [...existing, ...suggestionActions(safe.suggestions)];
  const out: CardJson = { ...card, body };
  if (actions.length > 0) out.actions = actions;
  else delete out.actions;
  return out;
}

/** The footer of an Answer. */
export function answerFooter(answer: Answer): AnswerFooter {
  return { sources: answer.sources, caveats: answer.caveats, suggestions: answer.suggestions };
}

/** The heading a text answer begins with (every card begins with one, for screen-reader users). */
const TEXT_HEADINGS: Partial<Record<Answer['intent'], string>> = {
  // Neutral: a clarification either asks which was meant or says what is not held and offers the nearest.
  clarify: 'About your question',
  unknown: 'Not understood',
  help: 'Community Safety Assistant',
};

/** Id of the table a chart's "Show as table" button reveals (one chart per card). */
export const CHART_TABLE_ID = 'chartTable';

/** A table of figures: a header row, then one row per item (a row may be bold: the area asked about). */
export function figuresTable(headers: readonly string[], rows: readonly { cells: readonly string[]; bold?: boolean }[], widths: readonly number[]): CardJson {
  const cell = (text: string, bold: boolean) => ({ type: 'TableCell', items: [{ type: 'TextBlock', text, wrap: true, ...(bold ? { weight: 'Bolder' } : {}) }] });
  return {
    type: 'Table',
    firstRowAsHeader: true,
    gridStyle: 'default',
    columns: widths.map((width) => ({ width })),
    rows: [
      { type: 'TableRow', style: 'emphasis', cells: headers.map((h) => cell(h, true)) },
      ...rows.map((r) => ({ type: 'TableRow', cells: r.cells.map((c) => cell(c, r.bold === true)) })),
    ],
  };
}

/**
 * Puts a chart's figures in a table, for everyone: the table is the chart's fallback (clients that
 * draw no charts show it instead), and a "Show as table" button under the chart reveals it where
 * the chart is drawn, since a screen reader gets little from a drawn chart. A card whose chart was
 * left out (nothing to draw) shows the table in its place, after the text.
 */
export function withChartTable(card: CardJson, table: CardJson): CardJson {
  const body = Array.isArray(card.body) ? [...(card.body as CardJson[])] : [];
  const at = body.findIndex((e) => typeof e.type === 'string' && e.type.startsWith('Chart.'));
  if (at < 0) {
    const afterText = body.findIndex((e) => e.type === 'TextBlock' && e.style !== 'heading');
    body.splice(afterText < 0 ? body.length : afterText + 1, 0, table);
    return { ...card, body };
  }
  body[at] = { ...body[at], fallback: table };
  body.splice(
    at + 1,
    0,
    { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Show as table', tooltip: 'Show or hide the figures of the chart as a table', targetElements: [CHART_TABLE_ID] }] },
    { type: 'Container', id: CHART_TABLE_ID, isVisible: false, items: [table] },
  );
  return { ...card, body };
}

/**
 * A card for any answer that is text with follow-up questions (help, unknown, clarify, and any
 * intent without a card of its own). Over-long text is cut rather than refused.
 */
export function renderTextAnswerCard(answer: Answer, heading: string = TEXT_HEADINGS[answer.intent] ?? 'Community Safety Assistant'): CardJson {
  let max = MAX_CARD_TEXT;
  for (;;) {
    const compact = max < MAX_CARD_TEXT;
    const data = templateSafe({ heading: shortenText(heading, 200), text: shortenText(answer.text || ' ', max) });
    const card = withAnswerFooter(renderCard('answer-text', data), answerFooter(answer), { compact });
    if (cardBytes(card) <= CARD_BUDGET_BYTES || max < 200) return assertCardFits(card);
    max = Math.floor(max / 2);
  }
}
