import { Kysely } from 'kysely';

/**
 * Reminders survive a crash mid-send. A delivery is marked `sending` (with when) before the send and
 * `sent` after it; a live instance renews the lease of what it holds, so another takes over a dead
 * one's rows once a short lease runs out. A row found `sending` after a crash is sent again once and
 * flagged `possibly_duplicated`: the recipient may have had it already.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reminder').addColumn('sending_at', 'text').execute();
  await db.schema
    .alterTable('reminder')
    .addColumn('possibly_duplicated', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Takeover looks for held rows whose lease ran out.
  await db.schema.createIndex('reminder_lease').on('reminder').columns(['state', 'lease_until']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reminder_lease').execute();
  await db.schema.alterTable('reminder').dropColumn('possibly_duplicated').execute();
  await db.schema.alterTable('reminder').dropColumn('sending_at').execute();
}
