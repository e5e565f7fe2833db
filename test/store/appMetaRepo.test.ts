import { describeEachStore } from '../support/stores';
import { AppMetaRepo } from '../../src/store/appMetaRepo';
import { RoleRepo } from '../../src/store/roleRepo';
import { isDemoSeeded, isStoreEmpty, seedDemo } from '../../src/demo/seed';
import { followupDeps } from '../support/followupFixtures';
import { FakeClock } from '../../src/core/clock';

describeEachStore('AppMetaRepo', (store) => {
  test('a new store is empty; a recorded key makes it not empty and is found', async () => {
    const meta = new AppMetaRepo(store());
    expect(await meta.isEmpty()).toBe(true);
    expect(await meta.has('demo_partnership')).toBe(false);
    await meta.setOnce('demo_partnership', '2021-08-16T09:00:00.000Z');
    expect(await meta.isEmpty()).toBe(false);
    expect(await meta.has('demo_partnership')).toBe(true);
  });

  test('setting a key again keeps its first value', async () => {
    const meta = new AppMetaRepo(store());
    await meta.setOnce('demo_partnership', 'first');
    await meta.setOnce('demo_partnership', 'second');
    const rows = await store().db.selectFrom('app_meta').selectAll().where('key', '=', 'demo_partnership').execute();
    expect(rows).toEqual([{ key: 'demo_partnership', value: 'first' }]);
  });

  test('the demo seed marks the store as the demo partnership, once, and seeding again changes nothing', async () => {
    const deps = followupDeps(store(), new FakeClock('2021-08-16T09:00:00Z'));
    expect(await isStoreEmpty(deps)).toBe(true);
    expect(await isDemoSeeded(deps)).toBe(false);
    await seedDemo(deps, []);
    expect(await isStoreEmpty(deps)).toBe(false);
    expect(await isDemoSeeded(deps)).toBe(true);
    const grants = (await new RoleRepo(store()).list()).length;
    expect(grants).toBeGreaterThan(0);
    await seedDemo(deps, []);
    expect((await new RoleRepo(store()).list()).length).toBe(grants);
  });
});
