import { Kysely, sql } from 'kysely';
import { isPostgres, serialType } from './util';

/**
 * One store, several partnerships: the action plan, follow-ups, minutes, report drafts, the leads
 * an imported plan names and reminder deliveries each belong to a partnership (its district
 * code). Rows written before carry '' and are adopted by the partnership the store served
 * (CSP_AREA) at the next start (PartnershipRepo.adoptLegacy); child rows (an action's history, a
 * follow-up's recipients and history, a document's paragraphs and links) go through their parent.
 *
 * Two partnerships' trackers both number their actions 2024-25/1, and may both import one set of
 * county minutes: an action's id, a follow-up's source key and a document's hash are unique
 * within a partnership, not across the store. SQLite cannot change a key in place, so those
 * three tables (and the action history, whose reference to its action gains the partnership) are
 * rebuilt; migrate() runs with foreign keys off on SQLite and checks them all before committing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await keysOnPostgres(db);
  else await keysOnSqlite(db);

  await db.schema.dropIndex('action_history_action').ifExists().execute();
  await db.schema.dropIndex('action_history_at').ifExists().execute();
  await db.schema.createIndex('action_history_action').on('action_history').columns(['partnership', 'action_id', 'version']).execute();
  // "What changed since the last meeting" reads one partnership's history by date.
  await db.schema.createIndex('action_history_at').on('action_history').columns(['partnership', 'at']).execute();
  await db.schema.createIndex('action_item_lead').ifNotExists().on('action_item').column('lead_aad_object_id').execute();

  await db.schema.dropIndex('follow_up_status_due').ifExists().execute();
  await db.schema.createIndex('follow_up_status_due').on('follow_up').columns(['partnership', 'status', 'due_date']).execute();

  for (const table of ['report_draft', 'plan_person', 'reminder']) {
    await db.schema.alterTable(table).addColumn('partnership', 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  // Drafts are read by their token alone (the link is the key); the plan's leads by partnership.
  await db.schema.createIndex('plan_person_partnership').on('plan_person').columns(['partnership', 'name_key']).execute();
  // The last digest sent to a partnership's committee.
  await db.schema.createIndex('reminder_partnership').on('reminder').columns(['partnership', 'item_kind', 'state', 'fire_at']).execute();
}

/** PostgreSQL changes keys in place (its default constraint names are those of the inline constraints of 003–005). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function keysOnPostgres(db: Kysely<any>): Promise<void> {
  for (const table of ['action_item', 'action_history', 'follow_up', 'minutes_document']) {
    await db.schema.alterTable(table).addColumn('partnership', 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  await sql`alter table action_history drop constraint action_history_action_id_fkey`.execute(db);
  await sql`alter table action_item drop constraint action_item_pkey`.execute(db);
  await sql`alter table action_item add constraint action_item_pkey primary key (partnership, id)`.execute(db);
  await sql`alter table action_history add constraint action_history_action_fk foreign key (partnership, action_id) references action_item (partnership, id) on update cascade`.execute(db);
  await sql`alter table follow_up drop constraint follow_up_source_key_key`.execute(db);
  await sql`alter table follow_up add constraint follow_up_source_key unique (partnership, source_key)`.execute(db);
  await sql`alter table minutes_document drop constraint minutes_document_content_hash_key`.execute(db);
  await sql`alter table minutes_document add constraint minutes_document_hash unique (partnership, content_hash)`.execute(db);
}

/** SQLite: each table whose key changes is made anew beside the old one, filled, and put in its place. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function keysOnSqlite(db: Kysely<any>): Promise<void> {
  await rebuild(db, 'action_item', (t) =>
    t
      .addColumn('partnership', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('id', 'text', (c) => c.notNull())
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
      .addPrimaryKeyConstraint('action_item_pkey', ['partnership', 'id']),
  );
  await rebuild(db, 'action_history', (t) =>
    t
      .addColumn('id', serialType(db), (c) => c.primaryKey())
      .addColumn('partnership', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('action_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_aad_object_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('old_value', 'text')
      .addColumn('new_value', 'text')
      .addColumn('note', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addForeignKeyConstraint('action_history_action_fk', ['partnership', 'action_id'], 'action_item', ['partnership', 'id'], (fk) => fk.onUpdate('cascade')),
  );
  await rebuild(db, 'follow_up', (t) =>
    t
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('partnership', 'text', (c) => c.notNull().defaultTo(''))
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
      .addColumn('source_key', 'text')
      .addColumn('action_id', 'text')
      .addColumn('classification', 'text', (c) => c.notNull().defaultTo('public'))
      .addColumn('schedule_json', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('follow_up_source_key', ['partnership', 'source_key']),
  );
  await rebuild(db, 'minutes_document', (t) =>
    t
      .addColumn('id', serialType(db), (c) => c.primaryKey())
      .addColumn('partnership', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('title', 'text')
      .addColumn('meeting_date', 'text')
      .addColumn('source_name', 'text')
      .addColumn('paragraph_count', 'integer', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .addColumn('imported_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('minutes_document_hash', ['partnership', 'content_hash']),
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TableBuilder = ReturnType<Kysely<any>['schema']['createTable']>;

/**
 * SQLite's way to change a table's keys: a new table with the new definition, every row copied
 * (the new partnership column left '' for adoption), the old one dropped and the new one renamed
 * into its place. Tables referring to it name it, so they refer to the new one; its indexes go
 * with the old table and are made again by the caller.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rebuild(db: Kysely<any>, table: string, define: (t: TableBuilder) => TableBuilder): Promise<void> {
  const next = `${table}_next`;
  await define(db.schema.createTable(next)).execute();
  const columns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows.map((r) => r.name);
  const list = sql.join(columns.map((c) => sql.ref(c)));
  await sql`insert into ${sql.table(next)} (${list}) select ${list} from ${sql.table(table)}`.execute(db);
  await db.schema.dropTable(table).execute();
  await db.schema.alterTable(next).renameTo(table).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('013_partnerships cannot be undone: restore a backup taken before it');
}
