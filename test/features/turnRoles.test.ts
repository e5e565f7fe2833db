import { grantOfTurn, storedRoleOf } from '../../src/features/turnRoles';
import type { AppDeps } from '../../src/features/deps';
import type { RequestContext } from '../../src/core/turn';
import { loadConfig } from '../../src/core/config';
import { RoleRepo } from '../../src/store/roleRepo';
import { describeEachStore } from '../support/stores';
import { oneTurnState } from '../../src/core/turnState';

const OFFICER = '11111111-1111-4111-8111-111111111111';
const ADMIN = '44444444-4444-4444-8444-444444444444';

// The role on the context is deliberately wrong: the stored role must be used.
const turn = (aad: string): RequestContext => ({
  actor: { aadObjectId: aad, name: 'Someone', role: 'admin' },
  conversation: { key: 't|c', id: 'c', tenantId: 't', type: 'personal' },
  now: new Date('2021-08-16T09:00:00Z'),
  correlationId: 'test',
  state: oneTurnState(new Date('2021-08-16T09:00:00Z')),
});

describeEachStore('roles as a turn sees them', (get) => {
  const deps = (): AppDeps => ({ store: get(), config: loadConfig({ CSP_ADMINS: ADMIN }) }) as unknown as AppDeps;

  test('the stored role applies, not the one a context carries; no grant is a member, a configured admin an admin', async () => {
    await new RoleRepo(get()).grant(OFFICER, 'officer', 'test', new Date());
    expect(await storedRoleOf(turn(OFFICER), deps())).toBe('officer');
    expect(await storedRoleOf(turn('someone-else'), deps())).toBe('member');
    expect(await storedRoleOf(turn(ADMIN), deps())).toBe('admin');
  });

  test('a role taken away applies from the very next turn', async () => {
    const roles = new RoleRepo(get());
    await roles.grant(OFFICER, 'officer', 'test', new Date());
    expect(await storedRoleOf(turn(OFFICER), deps())).toBe('officer');
    await roles.grant(OFFICER, 'member', 'test', new Date());
    expect(await storedRoleOf(turn(OFFICER), deps())).toBe('member');
    await roles.revoke(OFFICER);
    expect(await grantOfTurn(get(), turn(OFFICER), OFFICER)).toBeUndefined();
  });

  test('one turn reads the grant once however many parts ask', async () => {
    await new RoleRepo(get()).grant(OFFICER, 'officer', 'test', new Date());
    const ctx = turn(OFFICER);
    const first = await grantOfTurn(get(), ctx, OFFICER);
    expect(await grantOfTurn(get(), ctx, OFFICER)).toBe(first);
  });
});
