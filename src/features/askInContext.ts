import type { Query } from '../core/query';
import type { RequestContext } from '../core/turn';
import { readInContext, textToRead, type AskContext } from '../ask/context';
import { MAX_QUESTION_CHARS } from '../ask/normalise';
import { FollowUpRepo } from '../store/followUpRepo';
import { partnershipOf, type AppDeps } from './deps';
import type { QuestionReader } from './questionReader';
import { today } from './actions/rag';

/** Where one person's conversation context lives between messages: the turn state's "ask" slot. */
export interface AskState {
  get(): Promise<AskContext | undefined>;
  set(value: AskContext | undefined): void;
}

/** The "ask" slot of the turn's state: one store read per turn at most, saved after the turn. */
export function turnAskState(ctx: RequestContext): AskState {
  return { get: () => ctx.state.get('ask'), set: (value) => ctx.state.set('ask', value) };
}

const LAST_MEETING = /\b(?:last|previous|latest|most recent) (?:committee |csp |partnership |board )?(?:meeting|committee|board)\b/i;

/**
 * Reads a message in the light of the same person's last messages in the same conversation:
 * one read of the context per turn, and the last meeting's date only when the words need it.
 */
export function contextualReader(
  deps: AppDeps,
  reader: QuestionReader,
  stateOf: (ctx: RequestContext) => AskState = turnAskState,
): (text: string, ctx: RequestContext) => Promise<Query> {
  return async (text, ctx) => {
    const version = await deps.snapshots.ofTurn(ctx);
    const lastMeeting = LAST_MEETING.test(text.slice(0, MAX_QUESTION_CHARS)) ? await new FollowUpRepo(deps.store, partnershipOf(deps)).lastMeetingDate(today(ctx.now)) : undefined;
    // Pasted minutes are a command of their own, never a follow-up.
    if (text.length > MAX_QUESTION_CHARS) return reader(text, ctx.now, version, lastMeeting);
    const state = stateOf(ctx);
    const [vocab, saved] = await Promise.all([reader.vocabulary(version), state.get()]);
    const query = await reader(textToRead(text, saved, ctx.now), ctx.now, version, lastMeeting);
    const reading = readInContext(text, vocab, saved, ctx.now, { read: () => query });
    state.set(sameButLater(saved, reading.context, ctx.now) ? saved : reading.context);
    return reading.query;
  };
}

/** A context only a few minutes older than the message is not rewritten to move its time on. */
const REFRESH_AFTER_MS = 5 * 60_000;

/**
 * True when the new context says what the saved one says, bar its time, and the saved one is
 * recent: the same question asked again then costs no write (the context lasts from 25 to 30
 * minutes of silence instead of exactly 30).
 */
function sameButLater(saved: AskContext | undefined, next: AskContext, now: Date): saved is AskContext {
  if (!saved) return false;
  if (now.getTime() - Date.parse(saved.at) >= REFRESH_AFTER_MS) return false;
  return JSON.stringify({ ...saved, at: '' }) === JSON.stringify({ ...next, at: '' });
}
