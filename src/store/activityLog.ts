import type { QueryCreator } from 'kysely';
import { prepared, type Store } from './db';
import type { Schema } from './schema';

/** Records an activity id (received at an ISO time) unless it is there already: atomic on both dialects, so two instances agree. */
export function recordActivity(db: QueryCreator<Schema>, activityId: string, receivedAt: string) {
  return db
    .insertInto('processed_activity')
    .values({ activity_id: activityId, received_at: receivedAt })
    .onConflict((oc) => oc.column('activity_id').doNothing());
}

/**
 * Remembers which activities have been handled, so a re-delivered activity (Teams resends after a
 * slow reply) is ignored. Written as the bot's bookkeeping (see `prepared` in db.ts). A turn
 * records its activity as it opens (turnOpening.ts); this serves the others.
 */
export class ProcessedActivities {
  private readonly record;

  constructor(private readonly store: Store) {
    this.record = prepared(store, ['activityId', 'at'], (v) => recordActivity(store.db, v.activityId, v.at).returning('activity_id'), { bookkeeping: true });
  }

  /** True the first time an id is seen; false for a repeat. */
  async firstSeen(activityId: string, at: Date): Promise<boolean> {
    return (await this.record({ activityId, at: at.toISOString() })).rows.length > 0;
  }

  /** Forgets ids older than `before`; Teams does not resend after a day. */
  async prune(before: Date): Promise<void> {
    await this.store.db.deleteFrom('processed_activity').where('received_at', '<', before.toISOString()).execute();
  }
}
