import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Kysely } from 'kysely';
import { migrate, openStore, Store } from '../../src/store/db';
import { migrations } from '../../src/store/migrations';

/** A test's store, which can open another connection to the same database (as another instance, or after a restart, would). */
export type TestStore = Store & {
  /** A second store over the same database; the caller closes it. */
  openAnother(): Store;
};

export interface StoreCase {
  name: 'sqlite' | 'postgres';
  /** Opens a fresh, migrated, empty store; closed and removed after the test file. */
  open(): Promise<TestStore>;
  /** The same, not migrated (to migrate it part of the way, as an older version of the bot did). */
  openUnmigrated(): Promise<TestStore>;
}

const pgUrl = process.env.CSP_TEST_DATABASE_URL;
let warned = false;

function sqliteCase(): StoreCase {
  return {
    name: 'sqlite',
    async open() {
      const store = await this.openUnmigrated();
      await migrate(store);
      return store;
    },
    async openUnmigrated() {
      const dir = mkdtempSync(join(tmpdir(), 'csp-test-'));
      const url = `sqlite:${join(dir, 'test.sqlite')}`;
      const store = openStore(url);
      const close = store.close.bind(store);
      return Object.assign(store, {
        openAnother: () => openStore(url),
        close: async () => {
          await close();
          rmSync(dir, { recursive: true, force: true });
        },
      });
    },
  };
}

function postgresCase(url: string): StoreCase {
  return {
    name: 'postgres',
    async open() {
      const store = await this.openUnmigrated();
      await migrate(store);
      return store;
    },
    async openUnmigrated() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const store = openStore(url, { schema });
      const close = store.close.bind(store);
      return Object.assign(store, {
        openAnother: () => openStore(url, { schema }),
        close: async () => {
          await close();
          const c = new Client({ connectionString: url });
          await c.connect();
          await c.query(`drop schema ${schema} cascade`);
          await c.end();
        },
      });
    },
  };
}

/** The stores every store test runs against: SQLite always, PostgreSQL when CSP_TEST_DATABASE_URL is set. */
export function storeCases(): StoreCase[] {
  if (!pgUrl && !warned) {
    warned = true;
    console.log('CSP_TEST_DATABASE_URL is not set: PostgreSQL store tests are skipped (SQLite only).');
  }
  return pgUrl ? [sqliteCase(), postgresCase(pgUrl)] : [sqliteCase()];
}

/**
 * Declares `body` once per store. Inside, `get()` returns a migrated empty store opened for
 * each test and closed after it.
 */
export function describeEachStore(title: string, body: (get: () => TestStore, name: 'sqlite' | 'postgres') => void): void {
  describeStores(title, body, 'each');
}

/**
 * Like describeEachStore, but one store serves every test of the block: for tests that only read
 * what the block's `beforeAll` loaded (seeding the demo data per test costs minutes on PostgreSQL).
 */
export function describeEachStoreShared(title: string, body: (get: () => TestStore, name: 'sqlite' | 'postgres') => void): void {
  describeStores(title, body, 'shared');
}

function describeStores(title: string, body: (get: () => TestStore, name: 'sqlite' | 'postgres') => void, lifetime: 'each' | 'shared'): void {
  for (const c of storeCases()) {
    describe(`${title} [${c.name}]`, () => {
      let store: TestStore | undefined;
      (lifetime === 'each' ? beforeEach : beforeAll)(async () => {
        store = await c.open();
      });
      (lifetime === 'each' ? afterEach : afterAll)(async () => {
        await store?.close();
        store = undefined;
      });
      body(() => {
        if (!store) throw new Error('store not open');
        return store;
      }, c.name);
    });
  }
}

/** Migrates an unmigrated store up to `last` only, as an older version of the bot left it. */
export async function migrateUpTo(store: Store, last: string, at = new Date()): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  await store.db.transaction().execute(async (trx: Kysely<any>) => {
    await trx.schema.createTable('schema_migration').ifNotExists().addColumn('name', 'text', (c) => c.primaryKey()).addColumn('applied_at', 'text', (c) => c.notNull()).execute();
    for (const name of Object.keys(migrations).sort().filter((n) => n <= last)) {
      await migrations[name].up(trx);
      await trx.insertInto('schema_migration').values({ name, applied_at: at.toISOString() }).execute();
    }
  });
}
