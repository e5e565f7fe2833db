import { describeEachStore } from '../support/stores';
import { migrate, openStore, inTransaction } from '../../src/store/db';
import { migrations } from '../../src/store/migrations';

describeEachStore('migrate', (store, name) => {
  test('a migrated store has every migration recorded once, and migrating again applies nothing', async () => {
    expect(await migrate(store())).toEqual([]);
    const rows = await store().db.selectFrom('schema_migration').select('name').orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
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
