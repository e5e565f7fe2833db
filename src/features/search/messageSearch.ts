import type { Answer } from '../../core/answer';
import type { Query } from '../../core/query';
import type { CardJson } from '../../core/turn';
import { isCrimeIntent, rankOf } from '../crime/answer';
import { answerHeading } from '../crime/cards';
import { formatPeriod } from '../../domain/crime/periods';
import { countPhrase, formatCount, formatOneDecimal, ordinal, unitFor } from '../crime/text';
import { shortenText } from '../../cards/common';
import { exampleWards, type ExampleQuestion } from '../help/examples';
import type { AreaPack } from '../../domain/areas/pack';
import { latestWardSet } from '../../domain/areas/resolve';

/**
 * The message extension's search: what a councillor types in the compose box ("burglary Walton")
 * is read as a question, exactly as in chat, and the answer card is offered for insertion. Only
 * crime and ASB figures are offered: they are public, read-only, and the same for everyone. The
 * action plan (which may hold exempt items) and follow-ups (which a question can create) are for
 * the chat with the bot, so those questions, unknown ones and an empty box get suggestions.
 */

/** One result in the list under the compose box. */
export interface SearchItem {
  /** The result's first line, e.g. "Burglary in Walton, Feb 2020 – Jan 2021". */
  title: string;
  /** Its second line: the headline figure, or why it is offered. */
  text: string;
  /** The question it answers; a result without a card is answered when picked. */
  question: string;
  /** The card inserted when the result is picked (absent for suggestions). */
  card?: CardJson;
}

/** What the search needs from the assistant: the same reading and the same Answer as chat. */
export interface SearchPorts {
  read(text: string): Promise<Query> | Query;
  answer(query: Query): Promise<{ answer: Answer; card: CardJson }>;
  /** Questions offered when the box is empty or the question was not understood (see searchExamples). */
  examples: readonly ExampleQuestion[];
}

/** Questions the compose box offers when empty or not understood: figures only, for the partnership's own wards and areas. */
export function searchExamples(pack: AreaPack): ExampleQuestion[] {
  const named = exampleWards(latestWardSet(pack)?.wards ?? []);
  const area = pack.groups[0]?.name;
  return [
    ...(named ? [{ label: `Burglary in ${named[0]}`, question: `burglary in ${named[0]}` }] : [{ label: 'Burglary', question: 'burglary' }]),
    ...(area ? [{ label: `Violence in ${area}`, question: `violence in ${area}` }] : []),
    ...(named ? [{ label: `ASB trend in ${named[1]}`, question: `ASB trend in ${named[1]}` }] : [{ label: 'ASB trend', question: 'ASB trend' }]),
    { label: 'Wards ranked by burglary', question: 'Which wards have the most burglary per 1,000 residents?' },
  ];
}

/** Results shown at most (Teams lists about ten; more is noise). */
const MAX_ITEMS = 5;
/** Suggestions offered under an answer. */
const MAX_FOLLOW_ONS = 3;
/** Teams cuts preview lines at about this length anyway. */
const TITLE_MAX = 80;
const TEXT_MAX = 160;

const ONLY_FIGURES =
  'Here I insert crime and ASB figures; ask me in chat for the action plan and follow-ups.';

/** The results for what was typed: the answer first, then questions that follow on from it. */
export async function searchAnswers(typed: string, ports: SearchPorts): Promise<SearchItem[]> {
  const text = typed.trim();
  if (text === '') return examples(ports, 'Suggested question: pick it to insert the answer.');
  const query = await ports.read(text);
  if (query.intent === 'clarify' && query.clarify) {
    return query.clarify.options.slice(0, MAX_ITEMS).map((o) => ({ title: shortenText(o.label, TITLE_MAX), text: shortenText(query.clarify?.question ?? '', TEXT_MAX), question: o.text }));
  }
  if (!isCrimeIntent(query.intent)) {
    const why = query.intent === 'unknown' || query.intent === 'help' ? `I could not read "${shortenText(text, 60)}" as a question about crime or ASB. Try this instead.` : ONLY_FIGURES;
    return examples(ports, why);
  }
  const { answer, card } = await ports.answer(query);
  const first: SearchItem = { title: shortenText(answerHeading(answer), TITLE_MAX), text: shortenText(headline(answer), TEXT_MAX), question: text, card };
  const followOns = (answer.suggestions ?? []).slice(0, MAX_FOLLOW_ONS).map((q) => ({ title: shortenText(q, TITLE_MAX), text: 'A question that follows on: pick it to insert its answer.', question: q }));
  return [first, ...followOns];
}

/** The answer to a picked suggestion, or undefined when it is not a question the extension answers. */
export async function pickAnswer(question: string, ports: SearchPorts): Promise<SearchItem | undefined> {
  const items = await searchAnswers(question, ports);
  return items[0]?.card ? items[0] : undefined;
}

function examples(ports: SearchPorts, text: string): SearchItem[] {
  return ports.examples.map((e) => ({ title: e.label, text, question: e.question }));
}

/** The figure a councillor would quote, in words: "23 crimes, down 12.5% on the previous period". */
export function headline(answer: Answer): string {
  const unit = unitFor(answer.category);
  if (answer.intent === 'crime.rank' && answer.ranking && answer.ranking.length > 0) {
    const top = answer.ranking.find((r) => !r.suppressed);
    const asked = answer.area?.type === 'ward' ? rankOf(answer.ranking, answer.area.code, false) : null;
    if (asked) return `${answer.area?.name}: ${asked.joint ? 'joint ' : ''}${ordinal(asked.rank)} of ${asked.of} wards (${countPhrase(asked.row.count, unit)})`;
    if (top) return `Highest: ${top.area.name}, ${countPhrase(top.count, unit)}${top.per1000 !== null ? ` (${formatOneDecimal(top.per1000)} per 1,000 residents)` : ''}`;
  }
  if (answer.intent === 'crime.breakdown' && answer.breakdown && answer.breakdown.length > 0) {
    const total = answer.breakdown.reduce((s, r) => s + r.count, 0);
    const top = answer.breakdown[0];
    return `${formatCount(total)} crimes; most: ${top.category.name} (${formatCount(top.count)})`;
  }
  if (answer.intent === 'crime.compare_areas' && answer.ranking && answer.ranking.length > 0) {
    return answer.ranking.map((r) => `${r.area.name} ${r.suppressed ? 'not shown' : formatCount(r.count)}`).join('; ');
  }
  if (answer.total !== null && answer.total !== undefined) {
    const change = changeWords(answer);
    return `${countPhrase(answer.total, unit)}${change ? `, ${change}` : ''}`;
  }
  // No figure to quote (no data for the area or period): the answer's own words say why.
  return answer.text;
}

function changeWords(answer: Answer): string {
  const { total, previousTotal, changePct } = answer;
  if (total === null || total === undefined || previousTotal === null || previousTotal === undefined) return '';
  const against = answer.previousPeriod ? `against ${formatPeriod(answer.previousPeriod)}` : 'on the previous period';
  if (total === previousTotal) return `unchanged ${against}`;
  if (changePct === null || changePct === undefined) return `up from none ${against}`;
  return `${total > previousTotal ? 'up' : 'down'} ${formatOneDecimal(Math.abs(changePct))}% ${against}`;
}
