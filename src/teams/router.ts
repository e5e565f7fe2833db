import type { Answer } from '../core/answer';
import type { Query, QueryIntent } from '../core/query';
import type { Logger } from '../core/log';
import { correlationId } from '../core/log';
import { helpAnswer } from '../features/help/help';
import type { CardJson, InvokeOutcome, InvokeRequest, Reply, RequestContext, VerbHandler } from '../core/turn';
import { describeRole } from '../core/roles';
import { cleanQuestion, MAX_QUESTION_CHARS } from '../ask/normalise';

/** The most of a message the bot reads at all (pasted minutes); Teams itself caps messages near this. */
export const MAX_MESSAGE_CHARS = 100_000;

export type IntentResult = Answer | { answer: Answer; card: CardJson };
export type IntentHandler = (query: Query, ctx: RequestContext) => Promise<IntentResult>;

export interface AssistantParts {
  districtName: string;
  understand(text: string, ctx: RequestContext): Promise<Query> | Query;
  answerers: Partial<Record<QueryIntent, IntentHandler>>;
  /** Turns an Answer into a card (dispatching on intent). */
  renderAnswer(answer: Answer, ctx: RequestContext): CardJson;
  /** A short card of an Answer's text and suggestions (for replies that are not the help card). */
  renderText(answer: Answer): CardJson;
  verbs: VerbHandler[];
  log: Logger;
}

/** Thrown for faults of the bot (not the user); answered with an apology and a correlation id. */
export class BotFault extends Error {}

/**
 * The bot's brain, free of Teams: a question in, an Answer (and its card) out; a card verb in,
 * an outcome out. The bot layer and the CLI both call it, so they answer alike.
 */
export class Assistant {
  constructor(private readonly parts: AssistantParts) {}

  /** The Answer object for a question (what `csp ask --json` prints). */
  async answer(rawText: string, ctx: RequestContext): Promise<{ answer: Answer; card?: CardJson }> {
    const text = cleanQuestion(rawText);
    if (text.length === 0) return { answer: helpAnswer(this.parts.districtName, ctx.actor.role, 'You sent an empty message.') };
    // The parser bounds questions itself; pasted minutes ("import minutes …") need the whole text.
    const query = await this.parts.understand(rawText.slice(0, MAX_MESSAGE_CHARS), ctx);
    if (query.intent === 'help') return { answer: helpAnswer(this.parts.districtName, ctx.actor.role) };
    if (query.intent === 'whoami') {
      const answer: Answer = {
        intent: 'help',
        text: `You are ${ctx.actor.name}, with the role ${describeRole(ctx.actor.role)}.`,
        suggestions: ['help'],
      };
      return { answer, card: this.parts.renderText(answer) };
    }
    const handler = this.parts.answerers[query.intent];
    if (!handler) return { answer: this.notUnderstood(query, ctx) };
    const result = await handler(query, ctx);
    const out = 'answer' in result && 'card' in result ? result : { answer: result as Answer };
    // An answer read from the conversation says so first, whatever built it.
    if (query.followsOn && !out.answer.text.startsWith(query.followsOn)) out.answer = { ...out.answer, text: `${query.followsOn} ${out.answer.text}` };
    return out;
  }

  /** A chat reply: the answer's card, with its text as the notification preview. */
  async respond(rawText: string, ctx: RequestContext): Promise<Reply & { answer: Answer }> {
    const { answer, card } = await this.answer(rawText, ctx);
    return { answer, text: undefined, card: card ?? this.parts.renderAnswer(answer, ctx) };
  }

  welcome(ctx: RequestContext): Reply {
    const answer = helpAnswer(this.parts.districtName, ctx.actor.role);
    return { card: this.parts.renderAnswer({ ...answer, intent: 'help' }, ctx) };
  }

  async invoke(req: InvokeRequest, ctx: RequestContext): Promise<InvokeOutcome> {
    if (req.verb === 'ask') {
      const question = readQuestion(req.data);
      if (question === undefined) return { kind: 'error', status: 400, message: 'This button carries no question.' };
      if (req.trigger === 'automatic') return { kind: 'message', text: 'Nothing to refresh.' };
      const reply = await this.respond(question, ctx);
      return { kind: 'message', text: `Answering: ${question.slice(0, 120)}`, post: reply };
    }
    const handler = this.parts.verbs.find((v) => req.verb.startsWith(v.prefix));
    if (!handler) {
      this.parts.log.warn({ verb: req.verb, actor: ctx.actor.aadObjectId, correlationId: ctx.correlationId }, 'unknown card verb');
      return { kind: 'error', status: 400, message: 'This card button is not recognised. It may come from an older version of the bot: ask the question again for a fresh card.' };
    }
    return handler.handle(req, ctx);
  }

  private notUnderstood(query: Query, ctx: RequestContext): Answer {
    if (query.intent === 'clarify' && query.clarify) {
      return { intent: 'clarify', text: query.clarify.question, suggestions: query.clarify.options.map((o) => o.text) };
    }
    const base = helpAnswer(this.parts.districtName, ctx.actor.role);
    const note = (query as Query & { note?: string }).note;
    return {
      intent: 'unknown',
      text: `${note ? `${note} ` : ''}I did not understand that. I answer questions about crime and anti-social behaviour in ${this.parts.districtName}, the partnership's action plan and the committee's follow-ups.`,
      suggestions: base.suggestions,
    };
  }
}

function readQuestion(data: unknown): string | undefined {
  if (data && typeof data === 'object' && 'question' in data) {
    const q = (data as { question: unknown }).question;
    if (typeof q === 'string' && q.trim().length > 0) return q.slice(0, MAX_QUESTION_CHARS);
  }
  return undefined;
}

export { correlationId };
