import { Kysely } from 'kysely';
import { serialType } from './util';

/**
 * People named as leads in an imported action plan who have not yet spoken to the bot: known by
 * name (and e-mail when the tracker gives one), without an AAD or Teams id until they are linked.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan_person')
    .addColumn('id', serialType(db), (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('aad_object_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text')
    .execute();
  await db.schema.createIndex('plan_person_name_key').on('plan_person').column('name_key').execute();
  await db.schema.createIndex('plan_person_email').on('plan_person').column('email').execute();
  await db.schema.alterTable('person').addColumn('email', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('person').dropColumn('email').execute();
  await db.schema.dropTable('plan_person').execute();
}
