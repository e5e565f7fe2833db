import type { Actor } from './roles';
import type { ConversationType } from '../store/conversationRepo';
import type { TurnState } from './turnState';

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

/** A module that answers card verbs with a given prefix (e.g. "action."). */
export interface VerbHandler {
  prefix: string;
  handle(req: InvokeRequest, ctx: RequestContext): Promise<InvokeOutcome>;
}
