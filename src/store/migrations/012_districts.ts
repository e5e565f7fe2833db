import { Kysely, sql } from 'kysely';

/**
 * One store, many districts: every count and every import record names the district (local
 * authority code) it belongs to, so that a district's month is replaced without touching its
 * neighbours' and every figure reads its own district only. Rows written before this migration
 * carry '' and are adopted by the district the store served (CSP_AREA) at the next start.
 * Also: month totals per district and category written at import (comparisons and district
 * figures read one row per month), and the partnership each conversation is bound to.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('crime_count').addColumn('district', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.dropIndex('crime_count_by_area').execute();
  await db.schema.dropIndex('crime_count_by_month').execute();
  // As before, each ending in count so that series and rankings are answered from the index alone,
  // now led by the district every read names.
  await db.schema.createIndex('crime_count_by_area').on('crime_count').columns(['district', 'category', 'area_type', 'area_code', 'month', 'count']).execute();
  await db.schema.createIndex('crime_count_by_month').on('crime_count').columns(['district', 'category', 'area_type', 'month', 'area_code', 'count']).execute();
  // Replacing one district's month (source, month, district) reads crime_count_by_month by its
  // district: no index of its own, which would cost every import more than it saves.

  // crime_import's primary key gains the district: rebuilt (SQLite cannot change a primary key).
  await db.schema
    .createTable('crime_import_new')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('as_of', 'text')
    .addColumn('source_name', 'text')
    .addPrimaryKeyConstraint('crime_import_district_pk', ['source', 'month', 'district', 'scope'])
    .execute();
  await sql`insert into crime_import_new (source, month, district, scope, origin, imported_at, records, as_of, source_name)
    select source, month, '', scope, origin, imported_at, records, as_of, source_name from crime_import`.execute(db);
  await db.schema.dropTable('crime_import').execute();
  await db.schema.alterTable('crime_import_new').renameTo('crime_import').execute();
  await db.schema.createIndex('crime_import_by_district').on('crime_import').columns(['district', 'source', 'month']).execute();

  await db.schema
    .createTable('crime_total')
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('crime_total_pk', ['district', 'category', 'month', 'source'])
    .execute();
  await db.schema.createIndex('crime_total_by_month').on('crime_total').columns(['category', 'month', 'district', 'count']).execute();

  await db.schema
    .createTable('conversation_partnership')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('bound_by', 'text', (c) => c.notNull())
    .addColumn('bound_at', 'text', (c) => c.notNull())
    .execute();

  // A most-similar group chosen by the partnership (else one is computed from what the store holds).
  await db.schema
    .createTable('similar_group')
    .addColumn('district', 'text', (c) => c.primaryKey())
    .addColumn('members', 'text', (c) => c.notNull())
    .addColumn('how', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['similar_group', 'conversation_partnership', 'crime_total']) await db.schema.dropTable(t).execute();
}
