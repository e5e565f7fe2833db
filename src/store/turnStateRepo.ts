import { prepared, type Store } from './db';
import type { StoredSlots, TurnStateKey, TurnStateStore } from '../core/turnState';

/** Default spell of silence after which a conversation forgets what was being talked about. */
export const DEFAULT_CONTEXT_MINUTES = 30;

/** Turn state in the store: one row per (conversation, person), so any instance can take the next message. */
export class TurnStateRepo implements TurnStateStore {
  private readonly ttlMs: number;
  private readonly write;

  constructor(
    private readonly store: Store,
    options: { minutes?: number } = {},
  ) {
    this.ttlMs = (options.minutes ?? DEFAULT_CONTEXT_MINUTES) * 60_000;
    // Bookkeeping (see `prepared`): lost only with a crash of the database server in the next
    // fraction of a second, when the person's next message would start without its context.
    this.write = prepared(
      store,
      ['conversationKey', 'personId', 'slots', 'updatedAt', 'expiresAt'],
      (v) => {
        const values = { slots: v.slots, updated_at: v.updatedAt, expires_at: v.expiresAt };
        return store.db
          .insertInto('turn_state')
          .values({ conversation_key: v.conversationKey, person_id: v.personId, ...values })
          .onConflict((oc) => oc.columns(['conversation_key', 'person_id']).doUpdateSet(values));
      },
      { bookkeeping: true },
    );
  }

  async load(key: TurnStateKey, now: Date): Promise<StoredSlots> {
    const row = await this.store.db
      .selectFrom('turn_state')
      .select('slots')
      .where('conversation_key', '=', key.conversationKey)
      .where('person_id', '=', key.personId)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return row ? parseSlots(row.slots) : {};
  }

  async save(key: TurnStateKey, slots: StoredSlots, now: Date): Promise<void> {
    await this.write({
      conversationKey: key.conversationKey,
      personId: key.personId,
      slots: JSON.stringify(slots),
      updatedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.ttlMs).toISOString(),
    });
  }

  /** Removes expired state (the daily clean-up); returns how many rows went. */
  async pruneExpired(now: Date): Promise<number> {
    const r = await this.store.db.deleteFrom('turn_state').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

/** A row that is not a JSON object (damaged, or written by something else) reads as no state: forgetting is safe, failing the turn is not. */
export function parseSlots(text: string): StoredSlots {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as StoredSlots) : {};
  } catch {
    return {};
  }
}
