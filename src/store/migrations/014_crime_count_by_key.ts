import { Kysely, RawBuilder, sql } from 'kysely';
import { isPostgres } from './util';

/**
 * A police.uk import of a force or the country writes millions of counts. On SQLite crime_count
 * becomes WITHOUT ROWID, keyed (district, category, area_type, area_code, month, source): the
 * key of the index every read already used (a ward's series seeks its LSOAs and reads their
 * months in a row; a ranking reads its district's LSOAs in order), so the table is the index and
 * a count is written once, to one B-tree, instead of to four (the rows, the old primary key and
 * two covering indexes). Imports write in key order, so pages fill one after another.
 * On PostgreSQL only the primary key changes, to the same columns, so that both stores hold
 * exactly the same rows (a count is unique per district as well); its indexes stay.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return rekeyPostgres(db, sql`district, category, area_type, area_code, month, source`);
  await rebuild(db, sql`district, category, area_type, area_code, month, source`, sql`without rowid`);
  // Dropping the old table dropped its indexes (crime_count_by_area, crime_count_by_month) too.
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return rekeyPostgres(db, sql`source, month, area_type, area_code, category`);
  await rebuild(db, sql`source, month, area_type, area_code, category`, sql``);
  await sql`create index crime_count_by_area on crime_count (district, category, area_type, area_code, month, count)`.execute(db);
  await sql`create index crime_count_by_month on crime_count (district, category, area_type, month, area_code, count)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rekeyPostgres(db: Kysely<any>, key: RawBuilder<unknown>): Promise<void> {
  await sql`alter table crime_count drop constraint crime_count_pk`.execute(db);
  await sql`alter table crime_count add constraint crime_count_pk primary key (${key})`.execute(db);
}

/** SQLite cannot change a table's key: the counts move to a new table, copied in its key order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rebuild(db: Kysely<any>, key: RawBuilder<unknown>, options: RawBuilder<unknown>): Promise<void> {
  await sql`create table crime_count_next (
    source text not null,
    month text not null,
    area_type text not null,
    area_code text not null,
    category text not null,
    count integer not null,
    district text not null default '',
    constraint crime_count_pk primary key (${key})
  ) ${options}`.execute(db);
  await sql`insert into crime_count_next (source, month, area_type, area_code, category, count, district)
    select source, month, area_type, area_code, category, count, district from crime_count order by ${key}`.execute(db);
  await sql`drop table crime_count`.execute(db);
  await sql`alter table crime_count_next rename to crime_count`.execute(db);
}
