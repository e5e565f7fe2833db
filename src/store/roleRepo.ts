import type { Store } from './db';
import { inTransaction } from './db';
import { bumpDataVersion } from './dataVersions';
import { Role } from '../core/roles';

export interface RoleGrant {
  aadObjectId: string;
  role: Role;
  displayName: string | null;
  grantedBy: string;
  grantedAt: string;
}

export class RoleRepo {
  constructor(private readonly store: Store) {}

  async get(aadObjectId: string): Promise<RoleGrant | undefined> {
    const row = await this.store.db.selectFrom('user_role').selectAll().where('aad_object_id', '=', aadObjectId).executeTakeFirst();
    return row && toGrant(row);
  }

  /** A user with no stored role is a member. */
  async roleOf(aadObjectId: string): Promise<Role> {
    return (await this.get(aadObjectId))?.role ?? 'member';
  }

  /**
   * Gives a role (replacing any other). With `audit`, the audit line is written in the same
   * transaction: a grant is never stored without it.
   */
  async grant(aadObjectId: string, role: Role, grantedBy: string, at: Date, displayName?: string, audit?: { event: string; actor: string; detail: Record<string, unknown> }): Promise<void> {
    const row = {
      aad_object_id: aadObjectId,
      role,
      display_name: displayName ?? null,
      granted_by: grantedBy,
      granted_at: at.toISOString(),
    };
    await inTransaction(this.store, async (trx) => {
      await trx
        .insertInto('user_role')
        .values(row)
        .onConflict((oc) =>
          oc.column('aad_object_id').doUpdateSet({
            role,
            granted_by: grantedBy,
            granted_at: row.granted_at,
            ...(displayName ? { display_name: displayName } : {}),
          }),
        )
        .execute();
      if (audit) await trx.insertInto('audit_log').values({ at: row.granted_at, actor: audit.actor, event: audit.event, detail_json: JSON.stringify(audit.detail) }).execute();
      await bumpDataVersion(trx, 'roles');
    });
  }

  /** Returns whether the user had a stored role. */
  async revoke(aadObjectId: string): Promise<boolean> {
    return inTransaction(this.store, async (trx) => {
      const r = await trx.deleteFrom('user_role').where('aad_object_id', '=', aadObjectId).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) return false;
      await bumpDataVersion(trx, 'roles');
      return true;
    });
  }

  async list(): Promise<RoleGrant[]> {
    const rows = await this.store.db.selectFrom('user_role').selectAll().orderBy('role').orderBy('aad_object_id').execute();
    return rows.map(toGrant);
  }

  async withRole(role: Role): Promise<RoleGrant[]> {
    const rows = await this.store.db.selectFrom('user_role').selectAll().where('role', '=', role).execute();
    return rows.map(toGrant);
  }
}

function toGrant(row: { aad_object_id: string; role: Role; display_name: string | null; granted_by: string; granted_at: string }): RoleGrant {
  return { aadObjectId: row.aad_object_id, role: row.role, displayName: row.display_name, grantedBy: row.granted_by, grantedAt: row.granted_at };
}
