import type { QueryCreator } from 'kysely';
import { NO_FLUSH_WAIT, type Store } from './db';
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
 * slow reply) is ignored. Written as the bot's bookkeeping (see writeBookkeeping in db.ts).
 */
export class ProcessedActivities {
  constructor(private readonly store: Store) {}

  /** True the first time an id is seen; false for a repeat. */
  async firstSeen(activityId: string, at: Date): Promise<boolean> {
    const insert = recordActivity(this.store.db, activityId, at.toISOString());
    if (this.store.dialect !== 'postgres') return Number((await insert.executeTakeFirst()).numInsertedOrUpdatedRows ?? 0) > 0;
    const row = await this.store.db
      .with('recorded', () => insert.returning('activity_id'))
      .selectNoFrom((eb) => [eb.selectFrom('recorded').select(eb.fn.countAll<string>().as('n')).as('recorded'), NO_FLUSH_WAIT.as('flush')])
      .executeTakeFirstOrThrow();
    return Number(row.recorded) > 0;
  }

  /** Forgets ids older than `before`; Teams does not resend after a day. */
  async prune(before: Date): Promise<void> {
    await this.store.db.deleteFrom('processed_activity').where('received_at', '<', before.toISOString()).execute();
  }
}
