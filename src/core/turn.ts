import type { Actor } from './roles';
import type { Answer } from './answer';
import type { Query, QueryIntent } from './query';
import type { TurnState } from './turnState';

/** Where a conversation happens; exempt items are shown only in personal chats. */
export type ConversationType = 'personal' | 'groupChat' | 'channel';

/** An Adaptive Card as plain JSON. */
export type CardJson = Record<string, unknown>;

/** Everything the domain needs to know about who is asking and where; built by the bot layer. */
export interface RequestContext {
  actor: Actor;
  conversation: { key: string; id: string; tenantId: string; type: ConversationType };
  now: Date;
  correlationId: string;
  /** What this person was last talking about in this conversation (read lazily, saved after the turn). */
  state: TurnState;
}

/** A reply to a chat message: text, a card, or both. */
export interface Reply {
  text?: string;
  card?: CardJson;
}

/**
 * The answer to a card's Action.Execute. `updateOriginal` is sent to everyone in the conversation
 * (the message the card came from is replaced); `card` is what the person who pressed sees;
 * `post` is sent as a new message in the conversation (e.g. the answer to a suggested question).
 */
export type InvokeOutcome =
  | { kind: 'card'; card: CardJson; updateOriginal?: CardJson; post?: Reply }
  | { kind: 'message'; text: string; post?: Reply }
  | { kind: 'error'; status: 400 | 403 | 404 | 409 | 500; message: string };

export interface InvokeRequest {
  verb: string;
  data: unknown;
  /** `automatic` is a card refresh: return the card only, never send or update. */
  trigger: 'manual' | 'automatic';
}

/** Answers one card verb (e.g. "action.save"). */
export type VerbHandler = (req: InvokeRequest, ctx: RequestContext) => Promise<InvokeOutcome>;

/** What a question's handler gives back: the Answer, with the card made for it when the feature draws its own. */
export type IntentResult = Answer | { answer: Answer; card: CardJson };
export type IntentHandler = (query: Query, ctx: RequestContext) => Promise<IntentResult>;

/**
 * What a feature answers: the question intents and the card verbs it owns. The router mounts
 * every feature's routes; an intent or verb claimed twice stops start-up.
 */
export interface FeatureRoutes {
  feature: string;
  intents?: Partial<Record<QueryIntent, IntentHandler>>;
  verbs?: Record<string, VerbHandler>;
  /**
   * Intents whose answers only read kept data and write nothing (not even the turn's state): the
   * bot may start them while the turn is still being opened, as a guess the turn then confirms.
   */
  answeredAhead?: readonly QueryIntent[];
}
