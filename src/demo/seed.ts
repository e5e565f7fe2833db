import type { AppDeps } from '../features/deps';
import { RoleRepo } from '../store/roleRepo';
import { AppMetaRepo } from '../store/appMetaRepo';
import { DEMO_PEOPLE } from './people';

/** One step of seeding the demo partnership; each is idempotent. */
export type DemoSeedStep = (deps: AppDeps) => Promise<void>;

/** Marks the store as holding the demo partnership (figures from it are sample data). */
export const DEMO_MARK = 'demo_partnership';

export async function isDemoSeeded(deps: Pick<AppDeps, 'store'>): Promise<boolean> {
  return new AppMetaRepo(deps.store).has(DEMO_MARK);
}

/** True when nothing of a partnership has been stored yet (no roles, no data, no demo). */
export async function isStoreEmpty(deps: Pick<AppDeps, 'store'>): Promise<boolean> {
  return new AppMetaRepo(deps.store).isEmpty();
}

export async function seedDemoPeople(deps: AppDeps): Promise<void> {
  const roles = new RoleRepo(deps.store);
  for (const p of DEMO_PEOPLE) {
    if (!(await roles.get(p.aadObjectId))) await roles.grant(p.aadObjectId, p.role, 'demo seed', deps.clock.now(), p.name);
  }
}

/** Seeds the demo partnership: people and roles, then every aggregate's demo data. */
export async function seedDemo(deps: AppDeps, steps: DemoSeedStep[]): Promise<void> {
  await seedDemoPeople(deps);
  for (const step of steps) await step(deps);
  await new AppMetaRepo(deps.store).setOnce(DEMO_MARK, deps.clock.now().toISOString());
}
