import type { Store } from './db';

export interface Person {
  aadObjectId: string;
  /** `29:…`, as in activity.from.id; null until the person has messaged the bot. */
  teamsUserId: string | null;
  name: string | null;
  updatedAt: string;
}

/**
 * Maps AAD object ids to Teams user ids. Permissions use AAD ids; card refresh needs Teams ids,
 * which the bot only learns when a person messages it, so the bot layer records them here.
 */
export class PersonRepo {
  constructor(private readonly store: Store) {}

  /** Records (or refreshes) who someone is; a missing Teams id or name never wipes a known one. */
  async remember(p: { aadObjectId: string; teamsUserId?: string | null; name?: string | null }, at: Date): Promise<void> {
    const values = { aad_object_id: p.aadObjectId, teams_user_id: p.teamsUserId ?? null, name: p.name ?? null, updated_at: at.toISOString() };
    await this.store.db
      .insertInto('person')
      .values(values)
      .onConflict((oc) =>
        oc.column('aad_object_id').doUpdateSet({
          updated_at: values.updated_at,
          ...(p.teamsUserId ? { teams_user_id: p.teamsUserId } : {}),
          ...(p.name ? { name: p.name } : {}),
        }),
      )
      .execute();
  }

  async get(aadObjectId: string): Promise<Person | undefined> {
    const r = await this.store.db.selectFrom('person').selectAll().where('aad_object_id', '=', aadObjectId).executeTakeFirst();
    return r && { aadObjectId: r.aad_object_id, teamsUserId: r.teams_user_id, name: r.name, updatedAt: r.updated_at };
  }

  /** Teams user ids known for these people, in the order asked; unknown people are left out. */
  async teamsUserIds(aadObjectIds: readonly string[]): Promise<string[]> {
    if (aadObjectIds.length === 0) return [];
    const rows = await this.store.db
      .selectFrom('person')
      .select(['aad_object_id', 'teams_user_id'])
      .where('aad_object_id', 'in', [...aadObjectIds])
      .execute();
    const byAad = new Map(rows.map((r) => [r.aad_object_id, r.teams_user_id]));
    return aadObjectIds.map((id) => byAad.get(id)).filter((t): t is string => typeof t === 'string' && t.length > 0);
  }

  /** Everyone recorded with a name, by name (the people picker's fallback list and its search). */
  async named(limit = 5000): Promise<Person[]> {
    const rows = await this.store.db.selectFrom('person').selectAll().where('name', 'is not', null).orderBy('name').orderBy('aad_object_id').limit(limit).execute();
    return rows.map((r) => ({ aadObjectId: r.aad_object_id, teamsUserId: r.teams_user_id, name: r.name, updatedAt: r.updated_at }));
  }
}
