import { PersonRepo } from '../../src/store/personRepo';
import { describeEachStore } from '../support/stores';
import { CHESTERFIELD } from '../support/partnership';

describeEachStore('PersonRepo', (get) => {
  test('remembers Teams user ids and returns them in the order asked, skipping unknown people', async () => {
    const repo = new PersonRepo(get());
    const at = new Date('2021-08-16T09:00:00Z');
    await repo.remember({ aadObjectId: 'a', teamsUserId: '29:a', name: 'A' }, at);
    await repo.remember({ aadObjectId: 'b', teamsUserId: '29:b' }, at);
    await repo.remember({ aadObjectId: 'c', name: 'No Teams id yet' }, at);
    expect(await repo.teamsUserIds(['b', 'x', 'a', 'c'])).toEqual(['29:b', '29:a']);
    expect(await repo.teamsUserIds([])).toEqual([]);
  });

  test('a later sighting without a Teams id or name keeps the known ones', async () => {
    const repo = new PersonRepo(get());
    await repo.remember({ aadObjectId: 'a', teamsUserId: '29:a', name: 'A' }, new Date('2021-08-16T09:00:00Z'));
    await repo.remember({ aadObjectId: 'a' }, new Date('2021-08-17T09:00:00Z'));
    expect(await repo.get('a')).toEqual({ aadObjectId: 'a', teamsUserId: '29:a', name: 'A', updatedAt: '2021-08-17T09:00:00.000Z' });
  });

  test('a plan lead is linked by e-mail when the bot knows it, and a same-named person with another e-mail is not them', async () => {
    const store = get();
    const repo = new PersonRepo(store);
    await store.db
      .insertInto('plan_person')
      .values([
        { partnership: CHESTERFIELD, name: 'Nia Evans', name_key: 'nia evans', email: 'nia.evans@example.gov.uk', aad_object_id: null, created_at: '2024-11-20T10:00:00.000Z', linked_at: null },
      ])
      .execute();
    await repo.remember({ aadObjectId: 'other-nia', name: 'Nia Evans', email: 'nia.evans@elsewhere.org' }, new Date('2024-11-21T09:00:00Z'));
    expect(await repo.unlinkedPlanPeople(CHESTERFIELD)).toEqual([{ name: 'Nia Evans', email: 'nia.evans@example.gov.uk' }]);
    await repo.remember({ aadObjectId: 'aad-nia', name: 'N. Evans', email: 'Nia.Evans@example.gov.uk' }, new Date('2024-11-21T09:05:00Z'));
    expect(await repo.unlinkedPlanPeople(CHESTERFIELD)).toEqual([]);
    const directory = await repo.directory(CHESTERFIELD);
    expect(directory.filter((d) => d.aadObjectId === 'aad-nia')).toEqual([{ name: 'N. Evans', email: 'nia.evans@example.gov.uk', aadObjectId: 'aad-nia', teamsUserId: null }]);
  });
});
