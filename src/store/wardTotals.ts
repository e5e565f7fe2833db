import type { Kysely, RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { AreaPack } from '../domain/areas/pack';
import { wardLookupFingerprint, wardLookupRows, type WardLookupRow } from '../domain/areas/wardLookup';
import { bumpDataVersion } from './dataVersions';
import { isPostgres } from './migrations/util';
import type { Schema } from './schema';

type Db = Kysely<Schema>;

/**
 * Ward month totals: each district's LSOA counts rolled up at import through its LSOA→ward lookup
 * (the ward set in force each month), so that a ward's series and a district's ranking read one
 * row per ward and month. They are rewritten with every month written (in its transaction) and,
 * whole, whenever the district's lookup changes; readers use them only where the stored lookup's
 * fingerprint is their own pack's, and read their LSOA counts otherwise.
 */

/**
 * On PostgreSQL, writers of totals and writers of lookups take turns: a month rolled up through
 * a lookup being replaced at the same moment would otherwise keep the old lookup's totals. Taken
 * before the data-version row, as every writer does, so that the lock order is always the same.
 */
const WARD_TOTALS_LOCK = 72_817_014;

async function takeTurn(trx: Db): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${WARD_TOTALS_LOCK})`.execute(trx);
}

/** Rolls LSOA counts (of the rows chosen by `where`, on crime_count as c) up through the lookup into crime_ward_total. */
async function rollUp(trx: Db, where: RawBuilder<unknown>): Promise<void> {
  await sql`insert into crime_ward_total (district, category, month, ward, source, count)
    select c.district, c.category, c.month, l.ward, c.source, sum(c.count)
    from crime_count c join ward_lookup l on l.district = c.district and l.lsoa = c.area_code and l.first_month <= c.month and c.month <= l.last_month
    where c.area_type = 'lsoa' and ${where}
    group by c.district, c.category, l.ward, c.month, c.source`.execute(trx);
}

/** Rewrites a district's ward totals of one source and month (optionally only some categories) from its stored rows. */
export async function writeWardTotals(trx: Db, source: string, month: string, district: string, categories: string[] | null): Promise<void> {
  await takeTurn(trx);
  let del = trx.deleteFrom('crime_ward_total').where('source', '=', source).where('month', '=', month).where('district', '=', district);
  if (categories) del = del.where('category', 'in', categories);
  await del.execute();
  const cats = categories ? sql`and c.category in (${sql.join(categories)})` : sql``;
  await rollUp(trx, sql`c.source = ${source} and c.month = ${month} and c.district = ${district} ${cats}`);
}

/**
 * Rolls up months of a district and source just written whole, in one statement for all of them
 * (their earlier totals went with their earlier counts: see deleteWardTotals).
 */
export async function addWardTotals(trx: Db, source: string, district: string, months: string[]): Promise<void> {
  await takeTurn(trx);
  await rollUp(trx, sql`c.district = ${district} and c.source = ${source} and c.month in (${sql.join(months)})`);
}

/**
 * A district's stored LSOA→ward lookup, read in the writers' turn (see takeTurn), for totals
 * rolled up in memory (wardRollUp.ts) and written in the same transaction.
 */
export async function storedWardLookup(trx: Db, district: string): Promise<WardLookupRow[]> {
  await takeTurn(trx);
  return trx.selectFrom('ward_lookup').select(['lsoa', 'ward', 'first_month as from', 'last_month as to']).where('district', '=', district).execute();
}

/** Deletes the ward totals of whole months of a district and source (before they are written again). */
export async function deleteWardTotals(trx: Db, source: string, district: string, months: string[]): Promise<void> {
  await takeTurn(trx);
  await trx.deleteFrom('crime_ward_total').where('district', '=', district).where('source', '=', source).where('month', 'in', months).execute();
}

/** Rewrites every ward total of a district (its lookup changed, or rows were given to it). */
export async function rewriteWardTotals(trx: Db, district: string): Promise<void> {
  await takeTurn(trx);
  await trx.deleteFrom('crime_ward_total').where('district', '=', district).execute();
  await rollUp(trx, sql`c.district = ${district}`);
}

/** Rows per INSERT of lookup rows: 5 values each, well under any bound-parameter limit. */
const LOOKUP_CHUNK = 500;

/**
 * Makes a district's stored lookup this pack's (none when `pack` is null, or has none) and, when
 * that changes it, rewrites the district's ward totals through it. When the district holds
 * counts, figures may change, so the crime data gets a new version; a district with none reads
 * the same whichever lookup (and an empty store stays empty). Returns whether anything changed.
 * Run it in the transaction that saves the pack.
 */
export async function replaceWardLookup(trx: Db, district: string, pack: AreaPack | null): Promise<boolean> {
  await takeTurn(trx);
  const fingerprint = pack && wardLookupFingerprint(pack);
  const stored = await trx.selectFrom('ward_lookup_fingerprint').select('fingerprint').where('district', '=', district).executeTakeFirst();
  if ((stored?.fingerprint ?? null) === fingerprint) return false;
  await trx.deleteFrom('ward_lookup').where('district', '=', district).execute();
  await trx.deleteFrom('ward_lookup_fingerprint').where('district', '=', district).execute();
  const rows = pack && wardLookupRows(pack);
  if (rows && fingerprint) {
    const values = rows.map((r) => ({ district, lsoa: r.lsoa, first_month: r.from, last_month: r.to, ward: r.ward }));
    for (let i = 0; i < values.length; i += LOOKUP_CHUNK) await trx.insertInto('ward_lookup').values(values.slice(i, i + LOOKUP_CHUNK)).execute();
    await trx.insertInto('ward_lookup_fingerprint').values({ district, fingerprint }).execute();
  }
  await rewriteWardTotals(trx, district);
  const counted = await trx.selectFrom('crime_count').select('month').where('district', '=', district).limit(1).executeTakeFirst();
  if (counted) await bumpDataVersion(trx, 'crime');
  return true;
}
