import { Kysely, sql } from 'kysely';
import { isPostgres } from './util';

/**
 * Every message inserts its activity id into processed_activity and reads app_meta (the data
 * versions). The table holds about a day of ids and is pruned once a day, which a scan does well,
 * so its received_at index (one more page written per message) goes. On SQLite both tables become
 * WITHOUT ROWID: the key is the row, one B-tree to write or search instead of two.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('processed_activity_at').execute();
  if (isPostgres(db)) return;
  await rebuildWithoutRowid(db, 'processed_activity', sql`activity_id text primary key, received_at text not null`, ['activity_id', 'received_at']);
  await rebuildWithoutRowid(db, 'app_meta', sql`key text primary key, value text not null`, ['key', 'value']);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rebuildWithoutRowid(db: Kysely<any>, table: string, columns: ReturnType<typeof sql>, names: string[]): Promise<void> {
  const next = `${table}_next`;
  const list = sql.join(names.map((n) => sql.ref(n)));
  await sql`create table ${sql.table(next)} (${columns}) without rowid`.execute(db);
  await sql`insert into ${sql.table(next)} (${list}) select ${list} from ${sql.table(table)}`.execute(db);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(next)} rename to ${sql.table(table)}`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('processed_activity_at').on('processed_activity').column('received_at').execute();
}
