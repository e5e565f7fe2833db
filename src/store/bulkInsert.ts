import type Database from 'better-sqlite3';
import { CompiledQuery, Kysely } from 'kysely';
import { sqliteConnection, type Store } from './db';
import type { Schema } from './schema';

/** Rows added to a table inside a transaction, by each dialect's fastest ordinary means. */
export interface BulkInsert {
  /** Adds one row: the values of the columns not fixed, in column order; the caller may reuse the array once this returns. */
  add(values: readonly (string | number | null)[]): void;
  /** Writes whatever is still held; call before reading the table or ending the transaction. */
  flush(): Promise<void>;
}

export interface BulkColumn {
  name: string;
  /** The column's PostgreSQL type, for the array its values travel in. */
  pgType: 'text' | 'integer';
}

/** Rows per statement on PostgreSQL: one statement of arrays, a few round trips per district. */
const PG_ROWS = 5000;
/** Rows per statement on SQLite: a country import ran an eighth faster at 64 than at 16 (and no faster at 128). */
const SQLITE_ROWS = 64;

/** Each connection's insert statements by text: the same few serve every district of an import. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statementFor(sqlite: Database.Database, text: string): Database.Statement {
  let byText = statements.get(sqlite);
  if (!byText) statements.set(sqlite, (byText = new Map()));
  let statement = byText.get(text);
  if (!statement) byText.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

/**
 * An inserter for `table` within the transaction `trx` of `store`; `fixed` gives the values every
 * row shares (a district's counts: its code and source), which rows then leave out. SQLite:
 * prepared statements of SQLITE_ROWS rows, the fixed values named parameters that every row's
 * tuple shares (bound once per statement: a quarter less work than binding them to every row,
 * and one statement text for every district), run on the store's own connection as rows come
 * (nothing is held). PostgreSQL: rows gather in one array per column and go in as `insert …
 * select from unnest(…)`, a single statement with a parameter per column.
 */
export function bulkInsert(store: Store, trx: Kysely<Schema>, table: string, columns: readonly BulkColumn[], fixed: Record<string, string> = {}): BulkInsert {
  const names = columns.map((c) => c.name).join(', ');
  const free = columns.filter((c) => !(c.name in fixed));
  const width = free.length;
  if (store.dialect === 'sqlite') {
    const sqlite = sqliteConnection(store);
    if (!sqlite) throw new Error('this SQLite store has no connection of its own (not opened by openStore)');
    if (!sqlite.inTransaction) throw new Error(`bulk insert into ${table} must run inside a transaction`);
    const tuple = `(${columns.map((c) => (c.name in fixed ? `@${c.name}` : '?')).join(', ')})`;
    const statement = (rows: number) => statementFor(sqlite, `insert into ${table} (${names}) values ${Array(rows).fill(tuple).join(', ')}`);
    const full = statement(SQLITE_ROWS);
    const params: (string | number | null)[] = new Array(SQLITE_ROWS * width);
    let held = 0;
    return {
      add: (values) => {
        const at = held * width;
        for (let i = 0; i < width; i++) params[at + i] = values[i];
        if (++held === SQLITE_ROWS) {
          full.run(fixed, params);
          held = 0;
        }
      },
      flush: async () => {
        if (held > 0) statement(held).run(fixed, params.slice(0, held * width));
        held = 0;
      },
    };
  }
  const text = `insert into ${table} (${names}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ')})`;
  // Every column travels as an array, the fixed ones too (repeated): one statement text per table.
  const at = columns.map((c) => (c.name in fixed ? -1 : free.indexOf(c)));
  let buffer: (string | number | null)[][] = columns.map(() => []);
  const flush = async () => {
    const rows = buffer;
    buffer = columns.map(() => []);
    for (let i = 0; i < rows[0].length; i += PG_ROWS) await trx.executeQuery(CompiledQuery.raw(text, rows.map((values) => values.slice(i, i + PG_ROWS))));
  };
  return {
    add: (values) => {
      for (let i = 0; i < columns.length; i++) buffer[i].push(at[i] < 0 ? fixed[columns[i].name] : values[at[i]]);
    },
    flush,
  };
}
