import type { Answer } from '../core/answer';
import type { Query, QueryIntent } from '../core/query';
import type { Logger } from '../core/log';
import { correlationId } from '../core/log';
import { helpAnswer, HelpCoverage, roleToTell } from '../features/help/help';
import type { CardJson, FeatureRoutes, IntentHandler, InvokeOutcome, InvokeRequest, Reply, RequestContext, VerbHandler } from '../core/turn';
import { cleanQuestion, MAX_QUESTION_CHARS } from '../ask/normalise';

/** The most of a message the bot reads at all (pasted minutes); Teams itself caps messages near this. */
export const MAX_MESSAGE_CHARS = 100_000;

export interface AssistantParts {
  districtName: string;
  /** The wards the bot knows and the months its figures cover, told in help. */
  coverage?(ctx: RequestContext): Promise<HelpCoverage>;
  understand(text: string, ctx: RequestContext): Promise<Query> | Query;
  /** Every feature's routes: the intents and card verbs each answers. */
  routes: readonly FeatureRoutes[];
  /** The card of an Answer whose feature drew none (help, clarification, not understood). */
  renderAnswer(answer: Answer, ctx: RequestContext): CardJson;
  /** A short card of an Answer's text and suggestions (for replies that are not the help card). */
  renderText(answer: Answer): CardJson;
  /** Told of a card verb no feature answers (forged, or from an older version of the bot). */
  onUnknownVerb?(req: InvokeRequest, ctx: RequestContext): Promise<void>;
  log: Logger;
}

/** The intents and verbs of every feature in one table each; a name claimed twice is a wiring fault. */
export function mountRoutes(routes: readonly FeatureRoutes[]): { intents: Map<QueryIntent, IntentHandler>; verbs: Map<string, VerbHandler>; ahead: Set<QueryIntent> } {
  const intents = new Map<QueryIntent, IntentHandler>();
  const ahead = new Set<QueryIntent>();
  const verbs = new Map<string, VerbHandler>();
  const owner = new Map<string, string>();
  const claim = (name: string, feature: string) => {
    const had = owner.get(name);
    if (had) throw new Error(`"${name}" is answered by both ${had} and ${feature}`);
    owner.set(name, feature);
  };
  for (const r of routes) {
    for (const [intent, handler] of Object.entries(r.intents ?? {}) as [QueryIntent, IntentHandler | undefined][]) {
      if (!handler) continue;
      claim(`intent ${intent}`, r.feature);
      intents.set(intent, handler);
    }
    for (const [verb, handler] of Object.entries(r.verbs ?? {})) {
      claim(`verb ${verb}`, r.feature);
      verbs.set(verb, handler);
    }
    for (const intent of r.answeredAhead ?? []) {
      if (!r.intents?.[intent]) throw new Error(`${r.feature} says "${intent}" may be answered ahead, but does not answer it`);
      ahead.add(intent);
    }
  }
  return { intents, verbs, ahead };
}

/** Thrown for faults of the bot (not the user); answered with an apology and a correlation id. */
export class BotFault extends Error {}

/**
 * The bot's brain, free of Teams: a question in, an Answer (and its card) out; a card verb in,
 * an outcome out. The bot layer and the CLI both call it, so they answer alike.
 */
export class Assistant {
  private readonly intents: Map<QueryIntent, IntentHandler>;
  private readonly verbs: Map<string, VerbHandler>;
  private readonly ahead: Set<QueryIntent>;

  constructor(private readonly parts: AssistantParts) {
    ({ intents: this.intents, verbs: this.verbs, ahead: this.ahead } = mountRoutes(parts.routes));
  }

  /** The Answer object for a question (what `csp ask --json` prints). */
  async answer(rawText: string, ctx: RequestContext): Promise<{ answer: Answer; card?: CardJson }> {
    const text = cleanQuestion(rawText);
    if (text.length === 0) return { answer: await this.help(ctx, 'You sent an empty message.') };
    return this.answerQuery(await this.read(rawText, ctx), ctx);
  }

  /** What a question asks, read and not yet answered (the message extension answers only some intents). */
  read(rawText: string, ctx: RequestContext): Promise<Query> | Query {
    // The parser bounds questions itself; pasted minutes ("import minutes …") need the whole text.
    return this.parts.understand(rawText.slice(0, MAX_MESSAGE_CHARS), ctx);
  }

  /** The Answer (and its card, when the feature drew one) to a question already read. */
  async answerQuery(query: Query, ctx: RequestContext): Promise<{ answer: Answer; card?: CardJson }> {
    const handler = this.intents.get(query.intent);
    if (!handler) return { answer: await this.notUnderstood(query, ctx) };
    const result = await handler(query, ctx);
    const out = 'answer' in result && 'card' in result ? result : { answer: result as Answer };
    // How the question was read (a follow-on, a corrected name, a word not used) is said first,
    // whatever feature built the answer; crime answers already lead with it. A kept result is
    // frozen (shared by every turn that asks the same), so the note goes on a copy.
    const reading = query.note ?? query.followsOn;
    if (reading && !out.answer.text.includes(reading)) return { ...out, answer: { ...out.answer, text: `${reading} ${out.answer.text}` } };
    return out;
  }

  /**
   * Starts answering a question before its turn is confirmed (see CspBot's answer ahead), where
   * the answer only reads kept data: the turn then finds it kept, or on its way. Anything else is
   * left for the turn. Nothing is sent or saved here; `ctx`'s state is a throwaway copy.
   */
  async answerAhead(rawText: string, ctx: RequestContext): Promise<void> {
    // Pasted minutes are a command, read only by the turn itself.
    if (rawText.length > MAX_QUESTION_CHARS || cleanQuestion(rawText).length === 0) return;
    const query = await this.read(rawText, ctx);
    if (this.ahead.has(query.intent)) await this.intents.get(query.intent)?.(query, ctx);
  }

  /** An Answer's card, as a chat reply would carry it. */
  cardFor(result: { answer: Answer; card?: CardJson }, ctx: RequestContext): CardJson {
    return result.card ?? this.parts.renderAnswer(result.answer, ctx);
  }

  /** A chat reply: the answer's card, with its text as the notification preview. */
  async respond(rawText: string, ctx: RequestContext): Promise<Reply & { answer: Answer }> {
    const { answer, card } = await this.answer(rawText, ctx);
    return { answer, text: undefined, card: this.cardFor({ answer, card }, ctx) };
  }

  async welcome(ctx: RequestContext): Promise<Reply> {
    const answer = await this.help(ctx);
    return { card: this.parts.renderAnswer({ ...answer, intent: 'help' }, ctx) };
  }

  private async help(ctx: RequestContext, lead?: string): Promise<Answer> {
    const coverage = this.parts.coverage ? await this.parts.coverage(ctx) : undefined;
    return helpAnswer(this.parts.districtName, roleToTell(ctx), lead, coverage);
  }

  async invoke(req: InvokeRequest, ctx: RequestContext): Promise<InvokeOutcome> {
    if (req.verb === 'ask') {
      const question = readQuestion(req.data);
      if (question === undefined) return { kind: 'error', status: 400, message: 'This button carries no question.' };
      if (req.trigger === 'automatic') return { kind: 'message', text: 'Nothing to refresh.' };
      const reply = await this.respond(question, ctx);
      return { kind: 'message', text: `Answering: ${question.slice(0, 120)}`, post: reply };
    }
    const handler = this.verbs.get(req.verb);
    if (!handler) {
      this.parts.log.warn({ verb: req.verb.slice(0, 80), actor: ctx.actor.aadObjectId, correlationId: ctx.correlationId }, 'unknown card verb');
      await this.parts.onUnknownVerb?.(req, ctx);
      return { kind: 'error', status: 400, message: 'This card button is not recognised. It may come from an older version of the bot: ask the question again for a fresh card.' };
    }
    return handler(req, ctx);
  }

  private async notUnderstood(query: Query, ctx: RequestContext): Promise<Answer> {
    if (query.intent === 'clarify' && query.clarify) {
      return { intent: 'clarify', text: query.clarify.question, suggestions: query.clarify.options.map((o) => o.text) };
    }
    // The questions offered name this partnership's own wards.
    const base = await this.help(ctx);
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
