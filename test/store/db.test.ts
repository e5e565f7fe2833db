import { describeEachStore } from '../support/stores';
import { migrate, openStore, inTransaction } from '../../src/store/db';
import { migrations } from '../../src/store/migrations';
import { sql } from 'kysely';

describeEachStore('migrate', (store, name) => {
  test('a migrated store has every migration recorded once, and migrating again applies nothing', async () => {
    expect(await migrate(store())).toEqual([]);
    const rows = await store().db.selectFrom('schema_migration').select('name').orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  test('the lean turn tables keep every processed id and setting written before them', async () => {
    const db = store().db;
    await db.deleteFrom('schema_migration').where('name', '=', '008_lean_turn_tables').execute();
    await db.schema.createIndex('processed_activity_at').on('processed_activity').column('received_at').execute();
    await db.insertInto('processed_activity').values({ activity_id: 'seen-before', received_at: '2021-08-16T09:00:00.000Z' }).execute();
    await db.insertInto('app_meta').values({ key: 'committee_channel', value: '19:abc' }).execute();
    expect(await migrate(store())).toEqual(['008_lean_turn_tables']);
    expect(await db.selectFrom('processed_activity').selectAll().execute()).toEqual([{ activity_id: 'seen-before', received_at: '2021-08-16T09:00:00.000Z' }]);
    expect(await db.selectFrom('app_meta').selectAll().execute()).toEqual([{ key: 'committee_channel', value: '19:abc' }]);
    if (name === 'sqlite') {
      const tables = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where name in ('processed_activity', 'app_meta')`.execute(db);
      expect(tables.rows.every((t) => /without rowid/i.test(t.sql))).toBe(true);
    }
  });

  test('crime counts stored before they were keyed by district first are all kept', async () => {
    const db = store().db;
    await migrations['014_crime_count_by_key'].down!(db);
    await db.deleteFrom('schema_migration').where('name', '=', '014_crime_count_by_key').execute();
    const rows = [
      { source: 'police.uk', month: '2024-03', district: 'E07000034', area_type: 'lsoa' as const, area_code: 'E01019526', category: 'burglary', count: 3 },
      { source: 'police.uk', month: '2024-03', district: 'E07000033', area_type: 'lsoa' as const, area_code: 'E01019400', category: 'burglary', count: 5 },
      { source: 'local', month: '2024-02', district: '', area_type: 'ward' as const, area_code: 'E05003339', category: 'hate-crime', count: 2 },
    ];
    await db.insertInto('crime_count').values(rows).execute();
    expect(await migrate(store())).toEqual(['014_crime_count_by_key']);
    const after = await db.selectFrom('crime_count').selectAll().orderBy('district').orderBy('area_code').execute();
    expect(after.map((r) => ({ ...r, count: Number(r.count) }))).toEqual([rows[2], rows[1], rows[0]]);
    if (name === 'sqlite') {
      const table = await sql<{ sql: string }>`select sql from sqlite_master where name = 'crime_count'`.execute(db);
      expect(table.rows[0].sql).toMatch(/primary key \(district, category, area_type, area_code, month, source\)\s*\)\s*without rowid/i);
    }
  });

  test('ward totals stored before they were keyed by ward are all kept, and read by ward alone', async () => {
    const db = store().db;
    await migrations['017_ward_totals_by_ward'].down!(db);
    await db.deleteFrom('schema_migration').where('name', '=', '017_ward_totals_by_ward').execute();
    const rows = [
      { district: 'E07000034', category: 'burglary', month: '2024-03', ward: 'E05012001', source: 'police.uk', count: 3 },
      { district: 'E07000034', category: 'burglary', month: '2024-02', ward: 'E05012002', source: 'police.uk', count: 7 },
      { district: 'E07000034', category: 'burglary', month: '2024-02', ward: 'E05012001', source: 'police.uk', count: 4 },
      { district: 'E07000033', category: 'burglary', month: '2024-02', ward: 'E05012001', source: 'police.uk', count: 9 },
    ];
    await db.insertInto('crime_ward_total').values(rows).execute();
    expect(await migrate(store())).toEqual(['017_ward_totals_by_ward']);
    const after = await db.selectFrom('crime_ward_total').selectAll().orderBy('district').orderBy('category').orderBy('ward').orderBy('month').execute();
    expect(after.map((r) => ({ ...r, count: Number(r.count) }))).toEqual([rows[3], rows[2], rows[0], rows[1]]);
    if (name === 'sqlite') {
      const table = await sql<{ sql: string }>`select sql from sqlite_master where name = 'crime_ward_total'`.execute(db);
      expect(table.rows[0].sql).toMatch(/primary key \(district, category, ward, month, source\)\s*\)\s*without rowid/i);
      const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'crime_ward_total' and sql is not null`.execute(db);
      expect(indexes.rows).toEqual([]);
    }
  });

  if (name === 'postgres') {
    test('two instances starting at once on one PostgreSQL both come up, and nothing is applied twice', async () => {
      const url = process.env.CSP_TEST_DATABASE_URL as string;
      const schema = (await store().db.selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('s')).executeTakeFirstOrThrow()).s;
      await store().db.deleteFrom('schema_migration').where('name', '=', '005_minutes').execute();
      await store().db.schema.dropTable('minutes_resolution').ifExists().cascade().execute();
      await store().db.schema.dropTable('minutes_link').ifExists().cascade().execute();
      await store().db.schema.dropTable('minutes_paragraph').ifExists().cascade().execute();
      await store().db.schema.dropTable('minutes_document').ifExists().cascade().execute();
      const a = openStore(url, { schema });
      const b = openStore(url, { schema });
      try {
        const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
        expect([...ra, ...rb]).toEqual(['005_minutes']);
      } finally {
        await a.close();
        await b.close();
      }
    });
  }
});

describeEachStore('inTransaction', (store) => {
  test('a failure part-way writes nothing', async () => {
    let threw = false;
    try {
      await inTransaction(store(), async (trx) => {
        await trx.insertInto('app_meta').values({ key: 'a', value: '1' }).execute();
        await trx.insertInto('app_meta').values({ key: 'a', value: 'duplicate' }).execute();
      });
    } catch {
      threw = true;
    }
    expect(threw).toBe(true);
    expect(await store().db.selectFrom('app_meta').selectAll().execute()).toEqual([]);
  });
});

const pgUrl = process.env.CSP_TEST_DATABASE_URL;
(pgUrl ? describe : describe.skip)('DATABASE_URL with sslmode (PostgreSQL)', () => {
  /** Whether the store's connection is encrypted, or the error that stopped it connecting. */
  async function sslOf(url: string): Promise<boolean | string> {
    const store = openStore(url);
    try {
      const r = await sql<{ ssl: boolean }>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`.execute(store.db);
      return r.rows[0].ssl;
    } catch (e) {
      return (e as Error).message;
    } finally {
      await store.close();
    }
  }

  test('sslmode=require is honoured: the connection is encrypted, or refused for want of SSL, never made in the clear', async () => {
    const plain = pgUrl!.replace(/[?&]sslmode=[^&]*/, '');
    const withSsl = `${plain}${plain.includes('?') ? '&' : '?'}sslmode=require`;
    const result = await sslOf(withSsl);
    if (typeof result === 'string') expect(result).toMatch(/SSL|certificate/i);
    else expect(result).toBe(true);
  });
});
