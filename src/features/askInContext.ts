import { LRUCache } from 'lru-cache';
import type { Query } from '../core/query';
import type { RequestContext } from '../core/turn';
import { CONTEXT_TTL_MS, readInContext, textToRead, type AskContext } from '../ask/context';
import { MAX_QUESTION_CHARS } from '../ask/normalise';
import { FollowUpRepo } from '../store/followUpRepo';
import type { AppDeps } from './deps';
import type { QuestionReader } from './questionReader';
import { today } from './actions/rag';

/** Where one person's conversation context lives between messages. */
export interface AskState {
  get(): Promise<AskContext | undefined>;
  set(value: AskContext | undefined): void;
}

/** People whose context an instance keeps in memory when no turn state is given. */
const KEPT_CONVERSATIONS = 5000;

/**
 * Context kept in this process, per person per conversation, for 30 minutes. Used when the
 * turn carries no shared state (the CLI, and until turn state is on every request).
 */
export function memoryAskState(): (ctx: RequestContext) => AskState {
  const kept = new LRUCache<string, AskContext>({ max: KEPT_CONVERSATIONS, ttl: CONTEXT_TTL_MS });
  return (ctx) => {
    const key = `${ctx.conversation.key}\u0000${ctx.actor.aadObjectId}`;
    return {
      get: async () => kept.get(key),
      set: (value) => (value ? kept.set(key, value) : kept.delete(key)),
    };
  };
}

const LAST_MEETING = /\b(?:last|previous|latest|most recent) (?:committee |csp |partnership |board )?(?:meeting|committee|board)\b/i;

/**
 * Reads a message in the light of the same person's last messages in the same conversation:
 * one read of the context per turn, and the last meeting's date only when the words need it.
 */
export function contextualReader(
  deps: AppDeps,
  reader: QuestionReader,
  stateOf: (ctx: RequestContext) => AskState,
): (text: string, ctx: RequestContext) => Promise<Query> {
  return async (text, ctx) => {
    const version = await deps.snapshots.ofTurn(ctx);
    const lastMeeting = LAST_MEETING.test(text.slice(0, MAX_QUESTION_CHARS)) ? await new FollowUpRepo(deps.store).lastMeetingDate(today(ctx.now)) : undefined;
    // Pasted minutes are a command of their own, never a follow-up.
    if (text.length > MAX_QUESTION_CHARS) return reader(text, ctx.now, version, lastMeeting);
    const state = stateOf(ctx);
    const [vocab, saved] = await Promise.all([reader.vocabulary(version), state.get()]);
    const query = await reader(textToRead(text, saved, ctx.now), ctx.now, version, lastMeeting);
    const reading = readInContext(text, vocab, saved, ctx.now, { read: () => query });
    state.set(reading.context);
    return reading.query;
  };
}
