import type { Answer } from '../../core/answer';
import type { FeatureRoutes, IntentResult, Reply, RequestContext } from '../../core/turn';
import type { AppDeps } from '../deps';
import { renderTextAnswerCard } from '../../cards/common';
import { MAX_MINUTES_BYTES, minutesVerbs, previewCardForFile, previewCardForText } from './minutesApp';

const MINUTES_HOW =
  'To import minutes, send them to me in a personal chat: paste them after "import minutes" in one message, or attach them as a .txt or .docx file. I will show what I found before anything is created.';

/** Committee minutes in: pasted or sent as a file, previewed, then the follow-ups created on confirmation. */
export function minutesRoutes(deps: AppDeps): FeatureRoutes {
  return {
    feature: 'minutes',
    intents: { 'minutes.import': (q, ctx) => minutesFromChat(q.minutesText ?? '', ctx, deps) },
    verbs: minutesVerbs(deps),
  };
}

/** "import minutes" followed by pasted minutes: a preview card for a coordinator in personal chat. */
async function minutesFromChat(text: string, ctx: RequestContext, deps: AppDeps): Promise<IntentResult> {
  if (ctx.conversation.type !== 'personal' || text.trim().length === 0) return textAnswer(MINUTES_HOW);
  return replyAsResult(await previewCardForText(text, ctx, deps));
}

/** A .txt or .docx file of minutes sent in chat; `fetch` downloads it (the Teams edge knows how). */
export async function minutesFromFile(name: string, fetch: (maxBytes: number) => Promise<Buffer>, ctx: RequestContext, deps: AppDeps): Promise<Reply> {
  if (ctx.conversation.type !== 'personal') return { text: MINUTES_HOW };
  if (!/\.(txt|docx)$/i.test(name)) return { text: `I can read minutes from .txt or .docx files; "${name}" is neither.` };
  return previewCardForFile(name, await fetch(MAX_MINUTES_BYTES + 1), ctx, deps);
}

/** A plain reply about importing minutes: its own short card, not the welcome card. */
function textAnswer(text: string): IntentResult {
  const answer: Answer = { intent: 'help', text };
  return { answer, card: renderTextAnswerCard(answer) };
}

function replyAsResult(reply: Reply): IntentResult {
  if (!reply.card) return textAnswer(reply.text ?? '');
  return { answer: { intent: 'help', text: reply.text ?? 'Minutes preview' }, card: reply.card };
}
