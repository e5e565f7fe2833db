import type { Role } from '../core/roles';
import type { Store } from '../store/db';
import { RoleGrant, RoleRepo } from '../store/roleRepo';
import { sharedPerStore } from '../store/answerCache';
import type { AppDeps } from './deps';
import type { RequestContext } from '../core/turn';
import { versionsOfTurn } from './turnVersions';

const grants = sharedPerStore<{ grant: RoleGrant | null }>(10_000);

/**
 * A person's stored role grant as this turn sees the store. Every grant and revocation gives the
 * roles a new version (store/dataVersions), so a grant read at one version is shared by every
 * turn at that version: a change of role applies from the next turn, on every instance.
 */
export async function grantOfTurn(store: Store, ctx: RequestContext, aadObjectId: string): Promise<RoleGrant | undefined> {
  const version = (await versionsOfTurn(store, ctx)).roles;
  const { grant } = await grants(store).get(JSON.stringify([version, aadObjectId]), async () => ({ grant: (await new RoleRepo(store).get(aadObjectId)) ?? null }));
  return grant ?? undefined;
}

/**
 * The person's role as the store has it (with the configured admins), never taken from card data
 * or from anything the client sends.
 */
export async function storedRoleOf(ctx: RequestContext, deps: AppDeps): Promise<Role> {
  const grant = await grantOfTurn(deps.store, ctx, ctx.actor.aadObjectId);
  if (grant) return grant.role;
  return deps.config.CSP_ADMINS.includes(ctx.actor.aadObjectId) ? 'admin' : 'member';
}
