import { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('crime_count')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('area_type', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('crime_count_pk', ['source', 'month', 'area_type', 'area_code', 'category'])
    .execute();
  // Both indexes end in count so that series and rankings are answered from the index alone.
  // One area over many months (a ward's series):
  await db.schema
    .createIndex('crime_count_by_area')
    .on('crime_count')
    .columns(['category', 'area_type', 'area_code', 'month', 'count'])
    .execute();
  // Every area over a few months (a district ranking); area_type before month so that the ward-row
  // query of a ranking does not wade through the LSOA rows of those months.
  await db.schema
    .createIndex('crime_count_by_month')
    .on('crime_count')
    .columns(['category', 'area_type', 'month', 'area_code', 'count'])
    .execute();
  await db.schema
    .createTable('crime_import')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('as_of', 'text')
    .addColumn('source_name', 'text')
    .addPrimaryKeyConstraint('crime_import_pk', ['source', 'month', 'scope'])
    .execute();
  await db.schema
    .createTable('area_pack')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('pack_json', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['area_pack', 'crime_import', 'crime_count']) await db.schema.dropTable(t).execute();
}
