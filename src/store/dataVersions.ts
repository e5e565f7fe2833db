import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Store } from './db';
import type { Schema } from './schema';

/**
 * What a turn can depend on that changes while the bot runs: the crime figures (changed only by
 * an import), the action plan (a save, a new action or the demo mark) and people's roles (a
 * grant or a revocation).
 */
export type VersionedData = 'crime' | 'plan' | 'roles';

const KEYS: Record<VersionedData, string> = { crime: 'crime_data_version', plan: 'action_plan_version', roles: 'roles_version' };

/** A token per kind of data; a different token means the data may have changed. */
export type DataVersion = Record<VersionedData, string>;

/**
 * Gives the data a new version token. Call it last inside the transaction that changes the data:
 * the new token becomes visible exactly when the change does, on every instance. (A row id or a
 * timestamp would not do on PostgreSQL, where transactions can commit out of id order.) Taking
 * the token's row lock last keeps lock order the same in every writer.
 */
export async function bumpDataVersion(trx: Kysely<Schema>, data: VersionedData): Promise<void> {
  await trx
    .insertInto('app_meta')
    .values({ key: KEYS[data], value: randomUUID() })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

/**
 * The tokens as columns of one row (a sub-query each), so that a query reading other things reads
 * them too (see turnOpening.ts); `versionOf` reads them back.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query over the schema
export function versionColumns(eb: ExpressionBuilder<Schema, any>) {
  const token = (data: VersionedData) => eb.selectFrom('app_meta').select('value').where('key', '=', KEYS[data]);
  return [token('crime').as('crime_version'), token('plan').as('plan_version'), token('roles').as('roles_version')];
}

/** The tokens of a row selected with `versionColumns`; data never written has the empty token. */
export function versionOf(row: { crime_version: string | null; plan_version: string | null; roles_version: string | null }): DataVersion {
  return { crime: row.crime_version ?? '', plan: row.plan_version ?? '', roles: row.roles_version ?? '' };
}

/** Reads every token in one query. */
export async function readDataVersion(store: Store): Promise<DataVersion> {
  return versionOf(await store.db.selectNoFrom((eb) => versionColumns(eb)).executeTakeFirstOrThrow());
}
