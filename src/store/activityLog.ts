import type { Store } from './db';

/**
 * Remembers which activities have been handled, so a re-delivered activity (Teams resends after a
 * slow reply) is ignored. Insert-if-absent is atomic on both dialects, so two instances agree.
 */
export class ProcessedActivities {
  constructor(private readonly store: Store) {}

  /** True the first time an id is seen; false for a repeat. */
  async firstSeen(activityId: string, at: Date): Promise<boolean> {
    const r = await this.store.db
      .insertInto('processed_activity')
      .values({ activity_id: activityId, received_at: at.toISOString() })
      .onConflict((oc) => oc.column('activity_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Forgets ids older than `before`; Teams does not resend after a day. */
  async prune(before: Date): Promise<void> {
    await this.store.db.deleteFrom('processed_activity').where('received_at', '<', before.toISOString()).execute();
  }
}
