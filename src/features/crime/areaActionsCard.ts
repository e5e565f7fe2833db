import type { ActionSummary, Answer } from '../../core/answer';
import type { CardJson } from '../../core/turn';
import { askAction } from '../../cards/common';

/** Open actions shown under an area's figures; more than this and the card links to the full list. */
const MAX_LISTED = 6;

/**
 * Adds "Actions in <area>" under a crime card's figures: title, status and RAG in words, so a
 * member sees what the partnership is doing about the place they asked about.
 */
export function withAreaActions(card: CardJson, answer: Answer): CardJson {
  const actions: ActionSummary[] = answer.actions ?? [];
  if (!answer.area || answer.area.type === 'district' || !Array.isArray(card.body)) return card;
  const heading = {
    type: 'TextBlock',
    text: actions.length ? `Open actions in ${answer.area.name} (${actions.length})` : `No open actions in the plan are tagged to ${answer.area.name}.`,
    weight: 'Bolder',
    wrap: true,
    spacing: 'Medium',
  };
  const rows = actions.slice(0, MAX_LISTED).map((a) => ({
    type: 'TextBlock',
    text: `${a.id} ${a.title}: ${a.status}${a.rag ? `, ${a.rag}` : ''}`,
    wrap: true,
    spacing: 'Small',
  }));
  const more = actions.length > MAX_LISTED ? [{ type: 'ActionSet', actions: [askAction(`actions in ${answer.area.name}`, `All ${actions.length} actions`)] }] : [];
  const body = card.body as CardJson[];
  // Keep the footer (sources and caveats) last: insert before the first element with a sources id, if any.
  const footerAt = body.findIndex((e) => typeof e.id === 'string' && /^(sources|caveats)/.test(e.id as string));
  const at = footerAt >= 0 ? footerAt : body.length;
  return { ...card, body: [...body.slice(0, at), heading, ...rows, ...more, ...body.slice(at)] };
}
