import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import type { Config } from '../core/config';
import { createLogger, Logger } from '../core/log';
import { migrate, openStore } from '../store/db';
import { RoleRepo } from '../store/roleRepo';
import { builtInPack, loadPack } from '../store/areaRegistry';
import type { AppDeps } from '../features/deps';

/** Opens and migrates the store, loads the area pack and makes CSP_ADMINS admins. */
export async function bootstrap(config: Config, options: { clock?: Clock; log?: Logger; databaseUrl?: string } = {}): Promise<AppDeps> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock(config.CSP_CLOCK);
  const store = openStore(options.databaseUrl ?? config.DATABASE_URL);
  try {
    await migrate(store);
    const pack = builtInPack(config.CSP_AREA) ?? (await loadPack(store, config.CSP_AREA));
    const roles = new RoleRepo(store);
    for (const id of config.CSP_ADMINS) {
      if ((await roles.roleOf(id)) !== 'admin') await roles.grant(id, 'admin', 'CSP_ADMINS', clock.now());
    }
    return { store, clock, config, pack, log };
  } catch (err) {
    await store.close();
    throw err;
  }
}
