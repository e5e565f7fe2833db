import { Kysely } from 'kysely';
import { serialType } from './util';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_up')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('due_precision', 'text', (c) => c.notNull())
    .addColumn('due_month', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('snoozed_until', 'text')
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_meeting_date', 'text')
    .addColumn('source_meeting_title', 'text')
    .addColumn('source_minute_ref', 'text')
    .addColumn('source_text', 'text')
    .addColumn('source_key', 'text', (c) => c.unique())
    .addColumn('action_id', 'text')
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('schedule_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('follow_up_status_due').on('follow_up').columns(['status', 'due_date']).execute();
  await db.schema
    .createTable('follow_up_recipient')
    .addColumn('follow_up_id', 'text', (c) => c.notNull().references('follow_up.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('muted', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('follow_up_recipient_pk', ['follow_up_id', 'kind', 'target'])
    .execute();
  await db.schema
    .createTable('follow_up_history')
    .addColumn('id', serialType(db), (c) => c.primaryKey())
    .addColumn('follow_up_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follow_up_history_item').on('follow_up_history').columns(['follow_up_id', 'at']).execute();
  await db.schema
    .createTable('reminder')
    .addColumn('id', serialType(db), (c) => c.primaryKey())
    .addColumn('send_key', 'text', (c) => c.notNull().unique())
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('fire_at', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('escalation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('conversation_key', 'text')
    .addColumn('outcome', 'text')
    .addColumn('last_code', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reminder_due').on('reminder').columns(['state', 'fire_at']).execute();
  await db.schema.createIndex('reminder_item').on('reminder').columns(['item_kind', 'item_id']).execute();
  await db.schema
    .createTable('reminder_attempt')
    .addColumn('id', serialType(db), (c) => c.primaryKey())
    .addColumn('reminder_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('code', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('reminder_attempt_reminder').on('reminder_attempt').column('reminder_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['reminder_attempt', 'reminder', 'follow_up_history', 'follow_up_recipient', 'follow_up']) {
    await db.schema.dropTable(t).execute();
  }
}
