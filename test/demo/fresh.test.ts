import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../src/core/clock';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/log';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { setDemoStoreAside } from '../../src/demo/fresh';
import { isDemoSeeded, isStoreEmpty, seedDemo } from '../../src/demo/seed';
import { CrimeRepo } from '../../src/store/crimeRepo';
import { migrate, openStore } from '../../src/store/db';
import { RoleRepo } from '../../src/store/roleRepo';
import { DataSnapshots } from '../../src/store/snapshot';

describe('starting the demo afresh (npm run demo:fresh)', () => {
  let dir: string;
  let path: string;
  const clock = new FakeClock('2021-08-16T09:00:00Z');
  const config = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATABASE_URL: `sqlite:${path}`, ...env });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-fresh-'));
    path = join(dir, 'data', 'csp.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A store as a first `npm start` leaves it: the demo partnership, plus what happened in it. */
  async function storeWith(work: (store: ReturnType<typeof openStore>) => Promise<void>): Promise<void> {
    const store = openStore(`sqlite:${path}`);
    try {
      await migrate(store);
      await work(store);
    } finally {
      await store.close();
    }
  }
  const seedTheDemo = (store: ReturnType<typeof openStore>) =>
    seedDemo({ store, snapshots: new DataSnapshots(store), clock, config: config(), pack: chesterfieldPack, log: createLogger('silent') }, []);

  it('moves a demo store aside, so that the next start is on an empty store and replays the demo', async () => {
    await storeWith(async (store) => {
      await seedTheDemo(store);
      await new CrimeRepo(store).replaceMonth({ source: 'demo', month: '2021-06', origin: 'demo', importedAt: clock.now().toISOString(), records: 1 }, [
        { areaType: 'lsoa', areaCode: 'E01019526', category: 'burglary', count: 1 },
      ]);
    });
    expect(await setDemoStoreAside(config())).toEqual({ movedTo: `${path}.previous` });
    expect(existsSync(path)).toBe(false);
    await storeWith(async (store) => {
      expect(await isStoreEmpty({ store })).toBe(true);
    });
    // The old demo is kept, one generation.
    await storeWith(async () => undefined);
    const previous = openStore(`sqlite:${path}.previous`);
    try {
      expect(await isDemoSeeded({ store: previous })).toBe(true);
    } finally {
      await previous.close();
    }
  });

  it('keeps a store that holds real figures or a partnership that is not the demo, unchanged', async () => {
    await storeWith(async (store) => {
      await seedTheDemo(store);
      await new CrimeRepo(store).replaceMonth({ source: 'police.uk', month: '2021-06', origin: '2021-06-derbyshire-street.csv', importedAt: clock.now().toISOString(), records: 1 }, [
        { areaType: 'lsoa', areaCode: 'E01019526', category: 'burglary', count: 1 },
      ]);
    });
    const before = readFileSync(path);
    await expect(setDemoStoreAside(config())).rejects.toThrow(/holds more than the demo \(real crime figures\), so it is kept/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}.previous`)).toBe(false);

    rmSync(join(dir, 'data'), { recursive: true });
    await storeWith(async (store) => {
      await new RoleRepo(store).grant('a0000009-0000-4000-8000-000000000009', 'coordinator', 'cli', clock.now());
      await store.db.insertInto('app_meta').values({ key: 'partnership', value: 'Testshire' }).execute();
    });
    await expect(setDemoStoreAside(config())).rejects.toThrow(/a partnership that is not the demo/);
    expect(existsSync(path)).toBe(true);
  });

  it('is refused in production and for PostgreSQL; with no store yet there is nothing to move', async () => {
    await expect(setDemoStoreAside(config({ NODE_ENV: 'production' }))).rejects.toThrow(/refused when NODE_ENV=production/);
    await expect(setDemoStoreAside(config({ DATABASE_URL: 'postgres://csp:secret@db.example:5432/csp' }))).rejects.toThrow(
      'Starting afresh replaces a SQLite demo store only; DATABASE_URL is postgres://…@db.example:5432/csp.',
    );
    expect(await setDemoStoreAside(config())).toEqual({});
  });
});
