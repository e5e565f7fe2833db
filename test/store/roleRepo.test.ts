import { describeEachStore } from '../support/stores';
import { RoleRepo } from '../../src/store/roleRepo';

describeEachStore('RoleRepo', (store) => {
  test('a user with no grant is a member', async () => {
    expect(await new RoleRepo(store()).roleOf('nobody')).toBe('member');
  });

  test('granting twice keeps one grant with the newer role', async () => {
    const repo = new RoleRepo(store());
    await repo.grant('u1', 'officer', 'cli', new Date('2021-01-01T00:00:00Z'), 'Jo');
    await repo.grant('u1', 'coordinator', 'cli', new Date('2021-02-01T00:00:00Z'));
    expect(await repo.list()).toEqual([
      { aadObjectId: 'u1', role: 'coordinator', displayName: 'Jo', grantedBy: 'cli', grantedAt: '2021-02-01T00:00:00.000Z' },
    ]);
  });

  test('revoking makes the user a member again and says whether there was a grant', async () => {
    const repo = new RoleRepo(store());
    await repo.grant('u1', 'admin', 'cli', new Date());
    expect(await repo.revoke('u1')).toBe(true);
    expect(await repo.revoke('u1')).toBe(false);
    expect(await repo.roleOf('u1')).toBe('member');
  });
});
