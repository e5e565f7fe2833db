import { Kysely, RawBuilder, sql } from 'kysely';
import { isPostgres } from './util';

/**
 * Ward month totals keyed ward before month, (district, category, ward, month, source), with no
 * second index: a country import writes over a million of them, and each went into two B-trees
 * (the key, month before ward, and an index by ward for a ward's series). Keyed by ward, a
 * ward's series is one seek and its months in a row, as before; a district's ranking reads its
 * wards' rows of the category and keeps the months asked for, a few hundred rows that sit
 * together. On PostgreSQL the key carries the count (INCLUDE), so that both are read from the
 * key alone once the table is vacuumed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index crime_ward_total_by_ward`.execute(db);
  if (isPostgres(db)) return rekeyPostgres(db, sql`district, category, ward, month, source`, sql`include (count)`);
  await rebuild(db, sql`district, category, ward, month, source`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await rekeyPostgres(db, sql`district, category, month, ward, source`, sql``);
  else await rebuild(db, sql`district, category, month, ward, source`);
  await sql`create index crime_ward_total_by_ward on crime_ward_total (district, category, ward, month, count)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rekeyPostgres(db: Kysely<any>, key: RawBuilder<unknown>, include: RawBuilder<unknown>): Promise<void> {
  await sql`alter table crime_ward_total drop constraint crime_ward_total_pk`.execute(db);
  await sql`alter table crime_ward_total add constraint crime_ward_total_pk primary key (${key}) ${include}`.execute(db);
}

/** SQLite cannot change a table's key: the totals move to a new table, copied in its key order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rebuild(db: Kysely<any>, key: RawBuilder<unknown>): Promise<void> {
  await sql`create table crime_ward_total_next (
    district text not null,
    category text not null,
    month text not null,
    ward text not null,
    source text not null,
    count integer not null,
    constraint crime_ward_total_pk primary key (${key})
  ) without rowid`.execute(db);
  await sql`insert into crime_ward_total_next (district, category, month, ward, source, count)
    select district, category, month, ward, source, count from crime_ward_total order by ${key}`.execute(db);
  await sql`drop table crime_ward_total`.execute(db);
  await sql`alter table crime_ward_total_next rename to crime_ward_total`.execute(db);
}
