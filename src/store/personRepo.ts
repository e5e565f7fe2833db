import type { Kysely } from 'kysely';
import type { Store } from './db';
import { inTransaction } from './db';
import { bumpDataVersion } from './dataVersions';
import type { Schema } from './schema';
import { normaliseEmail, personNameKey } from '../domain/actions/people';

export interface Person {
  aadObjectId: string;
  /** `29:…`, as in activity.from.id; null until the person has messaged the bot. */
  teamsUserId: string | null;
  name: string | null;
  updatedAt: string;
}

/** Someone the plan may name as a lead: a person seen in Teams, granted a role, or named by an imported plan. */
export interface DirectoryEntry {
  name: string;
  email: string | null;
  /** Null for a lead named by an imported plan who has not yet talked to the bot. */
  aadObjectId: string | null;
  teamsUserId: string | null;
}

/** What the history says when a lead named in an imported plan is linked to their Teams account. */
export const LINKED_NOTE = 'lead linked to their Teams account when they first talked to the bot';

/**
 * Maps AAD object ids to Teams user ids. Permissions use AAD ids; card refresh needs Teams ids,
 * which the bot only learns when a person messages it, so the bot layer records them here.
 *
 * Leads named in an imported plan are kept (plan_person) without ids. When someone is first
 * remembered, an unlinked plan lead with the same e-mail (when the bot knows it) or, failing
 * that, the same name (folded: case, spaces, titles) becomes them: the plan lead gets their AAD
 * id, and so do the actions that name that lead, each with a history line.
 */
export class PersonRepo {
  constructor(private readonly store: Store) {}

  /** Records (or refreshes) who someone is; a missing Teams id or name never wipes a known one. */
  async remember(p: { aadObjectId: string; teamsUserId?: string | null; name?: string | null; email?: string | null }, at: Date): Promise<void> {
    const email = normaliseEmail(p.email) ?? null;
    const values = { aad_object_id: p.aadObjectId, teams_user_id: p.teamsUserId ?? null, name: p.name ?? null, email, updated_at: at.toISOString() };
    await inTransaction(this.store, async (trx) => {
      await trx
        .insertInto('person')
        .values(values)
        .onConflict((oc) =>
          oc.column('aad_object_id').doUpdateSet({
            updated_at: values.updated_at,
            ...(p.teamsUserId ? { teams_user_id: p.teamsUserId } : {}),
            ...(p.name ? { name: p.name } : {}),
            ...(email ? { email } : {}),
          }),
        )
        .execute();
      await linkPlanLeads(trx, { aadObjectId: p.aadObjectId, teamsUserId: p.teamsUserId ?? null, name: p.name ?? null, email }, at);
    });
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

  /** Everyone a partnership's plan may name: people seen in Teams, people granted roles, and leads of its imported plans. */
  async directory(partnership: string): Promise<DirectoryEntry[]> {
    const [people, roles, planned] = await Promise.all([
      this.store.db.selectFrom('person').selectAll().execute(),
      this.store.db.selectFrom('user_role').select(['aad_object_id', 'display_name']).execute(),
      this.store.db.selectFrom('plan_person').selectAll().where('partnership', '=', partnership).orderBy('id').execute(),
    ]);
    const byAad = new Map<string, DirectoryEntry>();
    for (const p of people) if (p.name) byAad.set(p.aad_object_id, { name: p.name, email: p.email, aadObjectId: p.aad_object_id, teamsUserId: p.teams_user_id });
    for (const r of roles) {
      const known = byAad.get(r.aad_object_id);
      if (!known && r.display_name) byAad.set(r.aad_object_id, { name: r.display_name, email: null, aadObjectId: r.aad_object_id, teamsUserId: null });
    }
    const out = [...byAad.values()];
    for (const p of planned) {
      const linked = p.aad_object_id ? byAad.get(p.aad_object_id) : undefined;
      if (linked) {
        if (!linked.email && p.email) linked.email = p.email;
        continue;
      }
      out.push({ name: p.name, email: p.email, aadObjectId: p.aad_object_id, teamsUserId: null });
    }
    return out;
  }

  /** Leads named by a partnership's imported plans who have not yet talked to the bot. */
  async unlinkedPlanPeople(partnership: string): Promise<{ name: string; email: string | null }[]> {
    const rows = await this.store.db
      .selectFrom('plan_person')
      .select(['name', 'email'])
      .where('partnership', '=', partnership)
      .where('aad_object_id', 'is', null)
      .orderBy('id')
      .execute();
    return rows;
  }
}

async function linkPlanLeads(
  trx: Kysely<Schema>,
  p: { aadObjectId: string; teamsUserId: string | null; name: string | null; email: string | null },
  at: Date,
): Promise<void> {
  const key = p.name ? personNameKey(p.name) : '';
  if (!key && !p.email) return;
  const open = await trx.selectFrom('plan_person').selectAll().where('aad_object_id', 'is', null).execute();
  const byEmail = p.email ? open.filter((r) => r.email === p.email) : [];
  // A same-named plan lead with another e-mail is someone else.
  const hits = byEmail.length > 0 ? byEmail : open.filter((r) => key && r.name_key === key && !(p.email && r.email && r.email !== p.email));
  if (hits.length === 0) return;
  const when = at.toISOString();
  await trx
    .updateTable('plan_person')
    .set({ aad_object_id: p.aadObjectId, linked_at: when })
    .where('id', 'in', hits.map((h) => h.id))
    .execute();
  // A person is one across partnerships: each partnership whose plan named them links its own actions.
  const keys = new Set(hits.map((h) => `${h.partnership}\u0000${h.name_key}`));
  const actions = (
    await trx.selectFrom('action_item').select(['partnership', 'id', 'lead_name', 'version']).where('lead_aad_object_id', 'is', null).execute()
  ).filter((a) => keys.has(`${a.partnership}\u0000${personNameKey(a.lead_name)}`));
  for (const a of actions) {
    const version = Number(a.version) + 1;
    await trx
      .updateTable('action_item')
      .set({ lead_aad_object_id: p.aadObjectId, lead_teams_user_id: p.teamsUserId, version, updated_at: when })
      .where('partnership', '=', a.partnership)
      .where('id', '=', a.id)
      .execute();
    await trx
      .insertInto('action_history')
      .values({
        partnership: a.partnership,
        action_id: a.id,
        version,
        at: when,
        actor_aad_object_id: null,
        actor_name: 'Community Safety Assistant',
        field: 'lead',
        old_value: a.lead_name,
        new_value: a.lead_name,
        note: LINKED_NOTE,
        channel: 'system',
      })
      .execute();
  }
  if (actions.length > 0) await bumpDataVersion(trx, 'plan');
}
