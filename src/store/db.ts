import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, Migration, MigrationProvider } from 'kysely';
import { Pool } from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Schema } from './schema';
import { migrations } from './migrations';

export type Dialect = 'sqlite' | 'postgres';

/** An open connection to the store; the only handle through which SQL is run. */
export interface Store {
  readonly db: Kysely<Schema>;
  readonly dialect: Dialect;
  /** PostgreSQL schema holding the tables, when not the default. */
  readonly schema?: string;
  /** Answers whether the database can be reached right now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: put every table in this schema (created when missing). Tests use one per run. */
  schema?: string;
}

export function openStore(url: string, options: OpenOptions = {}): Store {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const database = new Database(path);
    database.pragma('journal_mode = WAL');
    // With WAL, NORMAL keeps the database consistent after a crash and avoids an fsync per commit.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
    return {
      db,
      dialect: 'sqlite',
      ping: async () => {
        try {
          database.prepare('select 1').get();
          return true;
        } catch {
          return false;
        }
      },
      close: () => db.destroy(),
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: 5000,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      schema: options.schema,
      ping: async () => {
        try {
          await sql`select 1`.execute(db);
          return true;
        } catch {
          return false;
        }
      },
      close: () => db.destroy(),
    };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres://, got "${url}"`);
}

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** Applies every pending migration; safe to call on every start and from several instances. */
export async function migrate(store: Store): Promise<string[]> {
  // Kysely looks for its own tables in every schema unless told which: name ours.
  const migrator = new Migrator({
    db: store.db,
    provider: new StaticProvider(),
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    // Kysely's introspection reads every schema's tables; one dropped meanwhile by another process
    // (parallel test runs, each in its own schema) fails that read. It is not ours: read again.
    if (error && attempt < 5 && isOtherSchemaGone(error, store.schema)) continue;
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }
}

function isOtherSchemaGone(error: unknown, ours: string | undefined): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '3F000' && typeof e.message === 'string' && !(ours && e.message.includes(`"${ours}"`));
}

/** Runs `work` in one transaction: everything it writes lands, or nothing does. */
export function inTransaction<T>(store: Store, work: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(work);
}
