import { existsSync } from 'node:fs';
import type { Config } from '../core/config';
import { CrimeRepo } from '../store/crimeRepo';
import { migrate, moveSqliteFilesAside, openStore, sqliteFileOf } from '../store/db';
import { isDemoSeeded, isStoreEmpty } from './seed';

/** Where the replaced demo store is kept: beside it, one generation only. */
export const PREVIOUS_SUFFIX = '.previous';

/** Why the demo cannot be started afresh; the store is left as it was. */
export class FreshDemoRefused extends Error {}

/**
 * Clears the way for the demo to start again from its beginning (`npm run demo:fresh`): the demo
 * store is moved aside so the next start seeds a new one and replays the timeline, reminders
 * included. Only a SQLite store holding the demo and nothing real is moved, and never in production.
 */
export async function setDemoStoreAside(config: Config): Promise<{ movedTo?: string }> {
  if (config.NODE_ENV === 'production') throw new FreshDemoRefused('Starting afresh is for the demo; it is refused when NODE_ENV=production.');
  const path = sqliteFileOf(config.DATABASE_URL);
  if (!path) throw new FreshDemoRefused(`Starting afresh replaces a SQLite demo store only; DATABASE_URL is ${config.DATABASE_URL.replace(/\/\/[^@/]*@/, '//…@')}. Point the demo at a new database instead.`);
  if (!existsSync(path)) return {};
  const store = openStore(config.DATABASE_URL);
  try {
    await migrate(store);
    if (await isStoreEmpty({ store })) return {};
    const demo = await isDemoSeeded({ store });
    const real = (await new CrimeRepo(store).imports()).some((i) => i.source !== 'demo');
    if (!demo || real) {
      throw new FreshDemoRefused(
        `${path} holds more than the demo (${demo ? 'real crime figures' : 'a partnership that is not the demo'}), so it is kept. ` +
          'To try the demo afresh, point DATABASE_URL at another file, for example sqlite:./data/demo.sqlite.',
      );
    }
  } finally {
    await store.close();
  }
  moveSqliteFilesAside(path, PREVIOUS_SUFFIX);
  return { movedTo: `${path}${PREVIOUS_SUFFIX}` };
}
