import { describeEachStore } from '../support/stores';
import { bumpDataVersion, readDataVersion } from '../../src/store/dataVersions';
import { inTransaction } from '../../src/store/db';
import { CrimeRepo } from '../../src/store/crimeRepo';
import { ActionRepo } from '../../src/store/actionRepo';
import { anAction } from '../support/actions';
import type { HistoryEntry } from '../../src/domain/actions/model';
import { RoleRepo } from '../../src/store/roleRepo';
import { CHESTERFIELD } from '../support/partnership';

const created = (id: string): HistoryEntry => ({ actionId: id, version: 1, at: '2021-01-01T09:00:00.000Z', actorAadObjectId: null, actorName: 'Loader', field: 'created', oldValue: null, newValue: 'x', note: null, channel: 'import' });
const month = (m: string) => ({ source: 'demo' as const, month: m, district: 'E07000034', origin: 'test', importedAt: '2021-03-01T00:00:00.000Z', records: 1 });
const row = { areaType: 'lsoa' as const, areaCode: 'E01019741', category: 'anti-social-behaviour', count: 3 };

describeEachStore('data versions', (get) => {
  test('data never written has the empty version', async () => {
    expect(await readDataVersion(get())).toEqual({ crime: '', plan: '', roles: '' });
  });

  test('importing a month of crime gives the crime data a new version and leaves the plan alone', async () => {
    const repo = new CrimeRepo(get());
    await repo.replaceMonth(month('2021-01'), [row]);
    const first = await readDataVersion(get());
    expect(first.crime).not.toBe('');
    await repo.replaceMonths([{ imp: month('2021-02'), rows: [row] }]);
    const second = await readDataVersion(get());
    expect(second.crime).not.toBe(first.crime);
    expect(second.plan).toBe('');
    await repo.clearDemo();
    expect((await readDataVersion(get())).crime).not.toBe(second.crime);
  });

  test('a new action, a saved change and the demo mark each give the plan a new version', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const a = anAction();
    await repo.insertIfAbsent(a, [created(a.id)]);
    const afterInsert = (await readDataVersion(get())).plan;
    expect(afterInsert).not.toBe('');
    expect(await repo.save({ ...a, title: 'Renamed', version: 2 }, 1, [{ ...created(a.id), version: 2, field: 'status' }])).toBe('saved');
    const afterSave = (await readDataVersion(get())).plan;
    expect(afterSave).not.toBe(afterInsert);
    await repo.markDemo(new Date('2021-08-16T09:00:00Z'));
    expect((await readDataVersion(get())).plan).not.toBe(afterSave);
  });

  test('granting and revoking a role give the roles a new version; revoking nobody does not', async () => {
    const roles = new RoleRepo(get());
    await roles.grant('aad-1', 'officer', 'test', new Date('2021-08-16T09:00:00Z'));
    const granted = await readDataVersion(get());
    expect(granted.roles).not.toBe('');
    await roles.grant('aad-1', 'member', 'test', new Date('2021-08-16T10:00:00Z'));
    const changed = await readDataVersion(get());
    expect(changed.roles).not.toBe(granted.roles);
    expect(await roles.revoke('aad-1')).toBe(true);
    const revoked = await readDataVersion(get());
    expect(revoked.roles).not.toBe(changed.roles);
    expect(await roles.revoke('aad-1')).toBe(false);
    expect(await readDataVersion(get())).toEqual(revoked);
    expect(revoked.crime).toBe('');
  });

  test('a refused write keeps the version: a stale save and an existing id change nothing', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const a = anAction();
    await repo.insertIfAbsent(a, [created(a.id)]);
    const before = await readDataVersion(get());
    expect(await repo.insertIfAbsent(a, [created(a.id)])).toBe(false);
    expect(await repo.save({ ...a, version: 6 }, 5, [])).toBe('stale');
    expect(await readDataVersion(get())).toEqual(before);
  });

  test('a version given inside a transaction that fails is rolled back with the data', async () => {
    const before = await readDataVersion(get());
    await expect(
      inTransaction(get(), async (trx) => {
        await bumpDataVersion(trx, 'crime');
        throw new Error('import failed half way');
      }),
    ).rejects.toThrow('half way');
    expect(await readDataVersion(get())).toEqual(before);
  });
});
