import { Kysely, sql } from 'kysely';
import { isPostgres } from './util';

/**
 * Ward month totals written at import, so that a ward's series and a district's ranking read one
 * row per ward and month instead of every LSOA's: the LSOA counts of each district rolled up
 * through its LSOA→ward lookup month by month (the ward set in force), kept with the lookup they
 * were rolled up through (and its fingerprint, which readers compare with their own pack's).
 * Counts stored by ward (API syncs, local extracts) stay in crime_count and are read beside the
 * totals.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // On SQLite the rows live in their key (without rowid), so that a ranking reads the key alone.
  let totals = db.schema
    .createTable('crime_ward_total')
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('ward', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('crime_ward_total_pk', ['district', 'category', 'month', 'ward', 'source']);
  if (!isPostgres(db)) totals = totals.modifyEnd(sql`without rowid`);
  await totals.execute();
  // One ward over many months (a ward's series).
  await db.schema.createIndex('crime_ward_total_by_ward').on('crime_ward_total').columns(['district', 'category', 'ward', 'month', 'count']).execute();

  await db.schema
    .createTable('ward_lookup')
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('lsoa', 'text', (c) => c.notNull())
    .addColumn('first_month', 'text', (c) => c.notNull())
    .addColumn('last_month', 'text', (c) => c.notNull())
    .addColumn('ward', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ward_lookup_pk', ['district', 'lsoa', 'first_month'])
    .execute();
  await db.schema
    .createTable('ward_lookup_fingerprint')
    .addColumn('district', 'text', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['ward_lookup_fingerprint', 'ward_lookup', 'crime_ward_total']) await db.schema.dropTable(t).execute();
}
