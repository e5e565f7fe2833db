import { PersonRepo } from '../../src/store/personRepo';
import { describeEachStore } from '../support/stores';

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
});
