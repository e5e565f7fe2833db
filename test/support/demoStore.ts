import { mkdtempSync, rmSync } from 'node:fs';
import { DataSnapshots } from '../../src/store/snapshot';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../src/core/clock';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/log';
import { migrate, openStore } from '../../src/store/db';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { seedDemo } from '../../src/demo/seed';
import { demoSeedSteps } from '../../src/main';
import type { AppDeps } from '../../src/features/deps';

/** A SQLite store holding the whole demo partnership, with the demo's clock (16 August 2021). */
export async function openDemoDeps(clock = new FakeClock('2021-08-16T09:00:00Z')): Promise<AppDeps & { cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'csp-demo-'));
  const store = openStore(`sqlite:${join(dir, 'demo.sqlite')}`);
  await migrate(store);
  const deps: AppDeps = { store, snapshots: new DataSnapshots(store), clock, config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), pack: chesterfieldPack, log: createLogger('silent') };
  await seedDemo(deps, demoSeedSteps());
  return {
    ...deps,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
