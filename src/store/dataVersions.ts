import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
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

/** Reads every token in one query; data never written has the empty token. */
export async function readDataVersion(store: Store): Promise<DataVersion> {
  const rows = await store.db.selectFrom('app_meta').select(['key', 'value']).where('key', 'in', [KEYS.crime, KEYS.plan, KEYS.roles]).execute();
  const of = (data: VersionedData) => rows.find((r) => r.key === KEYS[data])?.value ?? '';
  return { crime: of('crime'), plan: of('plan'), roles: of('roles') };
}
