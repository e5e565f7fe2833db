import { Kysely } from 'kysely';

/**
 * Follow-ups read from exempt (Part 2) minutes items were stored as public before the importer
 * gave them their classification: they are marked exempt here, found by the note the importer has
 * always written on them. Nothing else is changed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('follow_up')
    .set({ classification: 'exempt' })
    .where('classification', '=', 'public')
    .where('source_key', 'is not', null)
    .where('source_kind', 'in', ['resolution', 'request'])
    .where('detail', 'like', '%Exempt (Part 2) item.%')
    .execute();
}

/** Which follow-ups were marked is not kept: going back leaves them exempt, the safer reading. */
export async function down(): Promise<void> {}
