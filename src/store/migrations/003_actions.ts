import { Kysely } from 'kysely';
import { serialType } from './util';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('action_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('lead_name', 'text', (c) => c.notNull())
    .addColumn('lead_aad_object_id', 'text')
    .addColumn('lead_teams_user_id', 'text')
    .addColumn('lead_agency', 'text', (c) => c.notNull())
    .addColumn('partners_json', 'text', (c) => c.notNull())
    .addColumn('wards_json', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('original_target_date', 'text')
    .addColumn('target_date', 'text')
    .addColumn('target_date_reason', 'text')
    .addColumn('target_slips', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('committee_flag', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rag_override', 'text')
    .addColumn('rag_override_reason', 'text')
    .addColumn('update_text', 'text')
    .addColumn('update_author', 'text')
    .addColumn('update_as_of', 'text')
    .addColumn('success_measure', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_plan', 'text')
    .addColumn('source_meeting_date', 'text')
    .addColumn('source_minute_ref', 'text')
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_item_lead').on('action_item').column('lead_aad_object_id').execute();
  await db.schema
    .createTable('action_history')
    .addColumn('id', serialType(db), (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('action_item.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_aad_object_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('note', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_history_action').on('action_history').columns(['action_id', 'version']).execute();
  await db.schema.createIndex('action_history_at').on('action_history').column('at').execute();
  await db.schema
    .createTable('person')
    .addColumn('aad_object_id', 'text', (c) => c.primaryKey())
    .addColumn('teams_user_id', 'text')
    .addColumn('name', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['person', 'action_history', 'action_item']) await db.schema.dropTable(t).execute();
}
