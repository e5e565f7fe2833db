import Database from 'better-sqlite3';
import { CompiledQuery, Compilable, Kysely, LogEvent, PostgresDialect, QueryResult, SqliteDialect, sql } from 'kysely';
import { Pool, type PoolClient } from 'pg';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
  /** Told of every statement run, with its SQL and how long it took: benchmarks count and time a turn's round trips with it. */
  onQuery?: (sql: string, ms: number) => void;
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
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(database) }), log: queryLog(options) });
    const store: Store = {
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
    sqliteFiles.set(store, { database, path });
    return store;
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
    pool.on('connect', (client) => planOnce(client));
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), log: queryLog(options) });
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

function queryLog(options: OpenOptions): ((event: LogEvent) => void) | undefined {
  const onQuery = options.onQuery;
  return onQuery && ((event) => onQuery(event.query.sql, event.queryDurationMillis));
}

/** The file of a `sqlite:<path>` URL; undefined for PostgreSQL or an in-memory store. */
export function sqliteFileOf(url: string): string | undefined {
  if (!url.startsWith('sqlite:')) return undefined;
  const path = url.slice('sqlite:'.length);
  return path === ':memory:' ? undefined : path;
}

/**
 * Moves a closed SQLite store's files (the database and its WAL and shared-memory files) to
 * `<path><suffix>…`, replacing any earlier copy there, so that the next open starts empty.
 */
export function moveSqliteFilesAside(path: string, suffix: string): void {
  for (const ext of ['', '-wal', '-shm']) {
    rmSync(`${path}${suffix}${ext}`, { force: true });
    if (existsSync(`${path}${ext}`)) renameSync(`${path}${ext}`, `${path}${suffix}${ext}`);
  }
}

/** The open SQLite handle behind each SQLite store, for the online backup and bulk writes. */
const sqliteFiles = new WeakMap<Store, { database: Database.Database; path: string }>();

/**
 * The better-sqlite3 connection behind a SQLite store (undefined for PostgreSQL). Kysely runs
 * every statement of a SQLite store on this one connection, so a statement run here inside a
 * kysely transaction is part of it: bulk writes use it to skip building a query per row.
 */
export function sqliteConnection(store: Store): Database.Database | undefined {
  return sqliteFiles.get(store)?.database;
}

/** A backup this store cannot make, with what to do instead; the CLI prints it as a usage error. */
export class BackupRefused extends Error {}

/**
 * Copies a SQLite store to `file` with SQLite's online backup API, while the bot may be writing:
 * the copy is one consistent moment. It is written beside the target and renamed into place once
 * whole and checked, so a failed backup never leaves a half-written file under the target's name.
 */
export async function backupStore(store: Store, file: string, options: { overwrite?: boolean } = {}): Promise<{ pages: number }> {
  if (store.dialect === 'postgres') {
    throw new BackupRefused(
      'csp db backup copies SQLite stores only. Back up PostgreSQL with its own tool, for example\n' +
        '  pg_dump --format=custom --file=csp-backup.dump "$DATABASE_URL"\n' +
        'and restore with pg_restore (see "Backups and restore" in the README).',
    );
  }
  const source = sqliteFiles.get(store);
  if (!source) throw new BackupRefused('This store was not opened from a SQLite file, so it cannot be backed up here.');
  const target = resolve(file);
  if (source.path !== ':memory:' && target === resolve(source.path)) throw new BackupRefused(`${file} is the store itself; give the backup another name.`);
  if (existsSync(target) && !options.overwrite) throw new BackupRefused(`${file} already exists; choose a new name or give --overwrite.`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    const { totalPages } = await source.database.backup(partial);
    const copy = new Database(partial, { readonly: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed SQLite's check (${String(check)})`);
    } finally {
      copy.close();
    }
    renameSync(partial, target);
    return { pages: totalPages };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/** Any number for the advisory lock that serialises migrations across instances on PostgreSQL. */
const MIGRATION_LOCK = 72_817_001;

/**
 * Applies every pending migration, in order, in one transaction: safe to call on every start
 * and from several instances at once (they queue on a lock; the later ones find nothing to do).
 * Kysely's own Migrator is not used because it lists the tables of every schema in the
 * database to find its bookkeeping table, which fails while another schema is being dropped.
 */
export async function migrate(store: Store): Promise<string[]> {
  if (store.dialect === 'sqlite') {
    // SQLite changes a table's keys by rebuilding it, which foreign keys would cascade into its
    // children; they are off while migrating (the pragma cannot change inside a transaction) and
    // every reference is checked before the migrations commit.
    await sql`pragma foreign_keys = off`.execute(store.db);
    try {
      return await applyMigrations(store);
    } finally {
      await sql`pragma foreign_keys = on`.execute(store.db);
    }
  }
  return applyMigrations(store);
}

async function applyMigrations(store: Store): Promise<string[]> {
  return store.db.transaction().execute(async (trx) => {
    if (store.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await trx.schema
      .createTable('schema_migration')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const done = new Set((await trx.selectFrom('schema_migration').select('name').execute()).map((r) => r.name));
    const applied: string[] = [];
    for (const name of Object.keys(migrations).sort()) {
      if (done.has(name)) continue;
      await migrations[name].up(trx);
      await trx.insertInto('schema_migration').values({ name, applied_at: new Date().toISOString() }).execute();
      applied.push(name);
    }
    if (store.dialect === 'sqlite' && applied.length > 0) {
      const broken = await sql<{ table: string; parent: string }>`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`migrating left ${broken.rows.length} rows referring to nothing (first: ${broken.rows[0].table} → ${broken.rows[0].parent}); nothing was changed`);
    }
    return applied;
  });
}

/** PostgreSQL, for the statement it is part of: commit without waiting for the log to reach disk (see `prepared`). */
const NO_FLUSH_WAIT_SQL = "set_config('synchronous_commit', 'off', true)";

/**
 * A statement built and compiled once and then run with fresh values: for the few statements
 * every message runs, kysely's building and compiling cost more than SQLite's own work, and
 * PostgreSQL plans them once per connection (see planOnce). `build` gets a stand-in for each
 * named value (a string: every value here is text, or null).
 *
 * `bookkeeping`: a write of the bot's own bookkeeping (which activities it has handled, what each
 * person was asking about). On PostgreSQL its commit does not wait for the log to reach disk (a
 * flush per message costs more than the rest of a turn): the row is visible to every instance the
 * moment it commits, as any other, and only a crash of the database server within a fraction of a
 * second can lose it: the durability that SQLite in WAL mode with synchronous=NORMAL (as opened
 * here) gives every write. Data someone may need to account for (plan, roles, audit, figures) is
 * never written this way.
 */
export function prepared<N extends string, R>(
  store: Store,
  names: readonly N[],
  build: (values: Record<N, string>) => Compilable<R>,
  options: { bookkeeping?: boolean } = {},
): (values: Record<N, string | null>) => Promise<QueryResult<R>> {
  const standIns = Object.fromEntries(names.map((n) => [n, `\u0000prepared:${n}`])) as Record<N, string>;
  const compiled = build(standIns).compile();
  const slots = compiled.parameters.map((p) => names.find((n) => standIns[n] === p));
  for (const n of names) if (!slots.includes(n)) throw new Error(`prepared statement does not use "${n}"`);
  // A write in WITH always runs; the statement's own transaction takes the setting. What the write
  // returns, if anything, is what the statement returns.
  const returns = (compiled.query as { returning?: unknown }).returning !== undefined;
  const text = !options.bookkeeping || store.dialect !== 'postgres' ? compiled.sql : returns ? `with bookkeeping as (${compiled.sql}) select bookkeeping.*, ${NO_FLUSH_WAIT_SQL} as no_flush_wait from bookkeeping` : `with bookkeeping as (${compiled.sql}) select ${NO_FLUSH_WAIT_SQL}`;
  if (store.dialect === 'postgres' && !PLANNED_ONCE.has(text)) PLANNED_ONCE.set(text, `csp_prepared_${PLANNED_ONCE.size + 1}`);
  return (values) => store.db.executeQuery<R>(CompiledQuery.raw(text, slots.map((n, i) => (n === undefined ? compiled.parameters[i] : values[n]))));
}

/** The text of each statement made with `prepared`, and its name on PostgreSQL connections. */
const PLANNED_ONCE = new Map<string, string>();
/** Cleared for good if a connection cannot keep named statements (a pooler in transaction mode). */
let planningOnce = true;

/**
 * PostgreSQL parses and plans a statement afresh each time it is sent, which for the statement
 * every turn opens with costs about as much as running it. A statement made with `prepared` is sent
 * by name instead, so that each connection plans it once. A connection pooler that cannot keep
 * named statements shows itself by an error on one: that statement is sent again unnamed, and no
 * statement is named from then on.
 */
function planOnce(client: PoolClient): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown) => Promise<unknown>;
  (client as unknown as { query: unknown }).query = (config: unknown, values?: unknown) => {
    const name = planningOnce && typeof config === 'string' ? PLANNED_ONCE.get(config) : undefined;
    if (!name) return query(config, values);
    return query({ name, text: config, values }).catch((err: { code?: string }) => {
      // 26000: no such prepared statement; 42P05: one of that name exists already.
      if (err.code !== '26000' && err.code !== '42P05') throw err;
      planningOnce = false;
      return query(config, values);
    });
  };
}

/** Runs `work` in one transaction: everything it writes lands, or nothing does. */
export function inTransaction<T>(store: Store, work: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(work);
}

/**
 * better-sqlite3 compiles a statement on every prepare; the bot runs the same few dozen queries
 * over and over, so compiled statements are kept (bounded) and reused. Kysely runs each statement
 * to completion before the next (we never stream), so a statement is never busy when reused.
 */
function withStatementCache(database: Database.Database, max = 500): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (source: string) => {
        let stmt = cache.get(source);
        if (!stmt) {
          stmt = prepare(source);
          if (cache.size >= max) cache.delete(cache.keys().next().value as string);
          cache.set(source, stmt);
        }
        return stmt;
      };
    },
  });
}
