import pino from 'pino';
import { DataSnapshots } from '../../src/store/snapshot';
import { FakeClock } from '../../src/core/clock';
import { loadConfig } from '../../src/core/config';
import type { AppDeps } from '../../src/features/deps';
import type { RequestContext } from '../../src/core/turn';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import type { Store } from '../../src/store/db';
import { RoleRepo } from '../../src/store/roleRepo';
import { DEMO_PEOPLE, demoPerson } from '../../src/demo/people';
import { seedDemoActions } from '../../src/demo/actionPlan';
import { oneTurnState } from '../../src/core/turnState';

export const DEMO_NOW = '2021-08-16T09:00:00Z';

/** Deps over a test store, with the demo plan and people loaded and a log that records warnings. */
export async function demoDeps(store: Store): Promise<AppDeps & { warnings: string[] }> {
  const clock = new FakeClock(DEMO_NOW);
  const warnings: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void warnings.push(line) });
  const deps = { store, snapshots: new DataSnapshots(store), clock, config: loadConfig({}), pack: chesterfieldPack, log, warnings };
  const roles = new RoleRepo(store);
  for (const p of DEMO_PEOPLE) await roles.grant(p.aadObjectId, p.role, 'test', clock.now(), p.name);
  await seedDemoActions(store, clock);
  return deps;
}

export function ctxOf(name: string, conversation: RequestContext['conversation']['type'] = 'personal', now = DEMO_NOW): RequestContext {
  const p = demoPerson(name);
  return {
    // The Teams edge resolves the role from the store once per turn (tested there); features use it.
    actor: { aadObjectId: p.aadObjectId, teamsUserId: p.teamsUserId, name: p.name, role: p.role },
    conversation: { key: `t|${conversation}`, id: conversation, tenantId: 't', type: conversation },
    now: new Date(now),
    correlationId: 'test-corr',
    state: oneTurnState(new Date(now)),
  };
}
