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
/** Button titles beyond this are cut (the full question still goes in the data). */
const BUTTON_TITLE_MAX = 60;
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
  if (typeof value === 'string') return value.replace(/\$\{/g, '$\u200b{') as T;
  if (Array.isArray(value)) return value.map((v) => templateSafe(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, templateSafe(v)])) as T;
  }
  return value;
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

/** A button that asks the bot a question, answered like a typed one. */
export function askAction(question: string, title: string = question): CardJson {
  return { type: 'Action.Execute', title: shortenText(title, BUTTON_TITLE_MAX), verb: ASK_VERB, data: { question } };
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

/**
 * A card for any answer that is text with follow-up questions (help, unknown, clarify, and any
 * intent without a card of its own). Over-long text is cut rather than refused.
 */
export function renderTextAnswerCard(answer: Answer): CardJson {
  let max = MAX_CARD_TEXT;
  for (;;) {
    const compact = max < MAX_CARD_TEXT;
    const card = withAnswerFooter(renderCard('answer-text', templateSafe({ text: shortenText(answer.text || ' ', max) })), answerFooter(answer), { compact });
    if (cardBytes(card) <= CARD_BUDGET_BYTES || max < 200) return assertCardFits(card);
    max = Math.floor(max / 2);
  }
}
