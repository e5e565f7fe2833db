import { roleRoutes, PersonalMessenger } from '../../../src/features/roles/rolesApp';
import type { CardJson, InvokeOutcome } from '../../../src/core/turn';
import { RoleRepo } from '../../../src/store/roleRepo';
import { ActionRepo } from '../../../src/store/actionRepo';
import { PersonRepo } from '../../../src/store/personRepo';
import { validateCard } from '../../../src/cards/validate';
import { describeEachStore } from '../../support/stores';
import { invoke } from '../../support/verbs';
import { ctxOf, demoDeps } from '../../support/actionsApp';
import { CHESTERFIELD } from '../../support/partnership';

function cardOf(o: InvokeOutcome): CardJson {
  if (o.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(o)}`);
  expect(validateCard(o.card)).toEqual([]);
  return o.card;
}

describeEachStore('roles given from a card', (get) => {
  let told: { aad: string; text: string }[];
  const messenger: PersonalMessenger = async (aad, m) => {
    told.push({ aad, text: m.text });
    return aad === 'aad-nadia' ? 'sent' : 'no_chat';
  };
  const setup = async () => {
    told = [];
    const deps = await demoDeps(get());
    await new PersonRepo(deps.store).remember({ aadObjectId: 'aad-nadia', teamsUserId: '29:nadia', name: 'Nadia Newcomer' }, deps.clock.now());
    return { deps, verbs: roleRoutes(deps, messenger).verbs ?? {} };
  };

  test('a coordinator gives a role with the people picker; it is audited and the person told in their personal chat', async () => {
    const { deps, verbs } = await setup();
    const form = cardOf(await invoke(verbs, { verb: 'role.form', trigger: 'manual', data: {} }, ctxOf('Alex Morgan')));
    const picker = JSON.stringify(form);
    expect(picker).toContain('"choices.data":{"type":"Data.Query","dataset":"csp.people","count":15}');
    expect(picker).not.toContain('"value":"admin"');
    const done = cardOf(await invoke(verbs, { verb: 'role.grant', trigger: 'manual', data: { person: 'aad-nadia', role: 'officer' } }, ctxOf('Alex Morgan')));
    expect(JSON.stringify(done)).toContain('Nadia Newcomer is now an officer (was member). I have told them in their personal chat with the bot.');
    expect(await new RoleRepo(deps.store).roleOf('aad-nadia')).toBe('officer');
    expect(told).toEqual([{ aad: 'aad-nadia', text: expect.stringContaining('Alex Morgan has made you an officer') }]);
    const audit = await new ActionRepo(deps.store, CHESTERFIELD).auditEvents('role.');
    expect(audit.map((a) => [a.event, a.actor, a.detail.target, a.detail.role, a.detail.previous])).toEqual([['role.granted', ctxOf('Alex Morgan').actor.aadObjectId, 'aad-nadia', 'officer', 'member']]);
  });

  test('someone with no personal chat is not told in a channel: the coordinator is told to let them know', async () => {
    const { verbs } = await setup();
    const done = cardOf(await invoke(verbs, { verb: 'role.grant', trigger: 'manual', data: { person: ctxOf('Cllr Tom Barker').actor.aadObjectId, role: 'officer' } }, ctxOf('Alex Morgan')));
    expect(JSON.stringify(done)).toContain('They have no personal chat with the bot yet');
  });

  test('members and officers cannot give roles; coordinators cannot give admin; each refusal is audited and nothing changes', async () => {
    const { deps, verbs } = await setup();
    const roles = new RoleRepo(deps.store);
    for (const who of ['Priya', 'Jo Whitfield']) {
      const card = cardOf(await invoke(verbs, { verb: 'role.grant', trigger: 'manual', data: { person: 'aad-nadia', role: 'coordinator' } }, ctxOf(who)));
      expect(JSON.stringify(card)).toContain('Only coordinators and admins can give roles.');
    }
    const admin = cardOf(await invoke(verbs, { verb: 'role.grant', trigger: 'manual', data: { person: 'aad-nadia', role: 'admin' } }, ctxOf('Alex Morgan')));
    expect(JSON.stringify(admin)).toContain('Only an admin can give or take away the admin role.');
    expect(await roles.roleOf('aad-nadia')).toBe('member');
    expect((await new ActionRepo(deps.store, CHESTERFIELD).auditEvents('role.')).map((a) => a.event)).toEqual(['role.refused', 'role.refused', 'role.refused']);
    expect(told).toEqual([]);
    const byAdmin = cardOf(await invoke(verbs, { verb: 'role.grant', trigger: 'manual', data: { person: 'aad-nadia', role: 'admin' } }, ctxOf('Sam Price')));
    expect(JSON.stringify(byAdmin)).toContain('Nadia Newcomer is now an admin');
  });

  test('a form that cannot be used keeps the choices and says what is wrong beside the field', async () => {
    const { deps, verbs } = await setup();
    const card = cardOf(await invoke(verbs, { verb: 'role.grant', trigger: 'manual', data: { person: 'aad-stranger', role: 'coordinator' } }, ctxOf('Alex Morgan')));
    const t = JSON.stringify(card);
    expect(t).toContain('Nothing was changed: that person is not someone the bot knows.');
    expect(t).toContain('Choose the person from the list.');
    expect(t).toMatch(/"id":"role"[^}]*"value":"coordinator"/);
    const bad = cardOf(await invoke(verbs, { verb: 'role.grant', trigger: 'manual', data: { person: 'aad-nadia', role: 'overlord' } }, ctxOf('Alex Morgan')));
    expect(JSON.stringify(bad)).toContain('Choose one of the roles offered');
    expect(await new RoleRepo(deps.store).roleOf('aad-stranger')).toBe('member');
  });

  test('a slow personal message does not hold up the card: it says the person is being told', async () => {
    const deps = await demoDeps(get());
    await new PersonRepo(deps.store).remember({ aadObjectId: 'aad-nadia', teamsUserId: '29:nadia', name: 'Nadia Newcomer' }, deps.clock.now());
    let finish: (o: 'sent') => void = () => undefined;
    const slow: PersonalMessenger = () => new Promise((resolve) => (finish = resolve));
    const verbs = roleRoutes(deps, slow, { tellWaitMs: 20 }).verbs ?? {};
    const done = cardOf(await invoke(verbs, { verb: 'role.grant', trigger: 'manual', data: { person: 'aad-nadia', role: 'coordinator' } }, ctxOf('Sam Price')));
    expect(JSON.stringify(done)).toContain('Nadia Newcomer is now a coordinator (was member). I am telling them in their personal chat with the bot.');
    finish('sent');
  });
});
