import { Kysely, PostgresAdapter } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Column type of an auto-numbered primary key: `serial` on PostgreSQL, SQLite's rowid alias otherwise. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function serialType(db: Kysely<any>): 'serial' | 'integer' {
  return isPostgres(db) ? 'serial' : 'integer';
}
