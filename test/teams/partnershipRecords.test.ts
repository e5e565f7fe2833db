import { Activity, ActivityTypes } from 'botbuilder';
import { BotHarness, personal } from '../support/botHarness';
import { describeEachStore } from '../support/stores';
import { neighbourPack, saveNeighbourPack } from '../support/neighbourPack';
import { CHESTERFIELD } from '../support/partnership';
import { anAction, COORDINATOR, MEMBER } from '../support/actions';
import { FakeClock } from '../../src/core/clock';
import { ActionRepo } from '../../src/store/actionRepo';
import { FollowUpRepo, NewFollowUp } from '../../src/store/followUpRepo';
import { RoleRepo } from '../../src/store/roleRepo';
import { AuditLog } from '../../src/store/auditLog';
import { CrimeRepo } from '../../src/store/crimeRepo';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import type { Store } from '../../src/store/db';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../src/teams/messageExtension';

const BOLSOVER = neighbourPack.district.code;
const coordinator = { id: COORDINATOR.teamsUserId, name: COORDINATOR.name, aadObjectId: COORDINATOR.aadObjectId };
const member = { id: MEMBER.teamsUserId, name: MEMBER.name, aadObjectId: MEMBER.aadObjectId };
const BOUND = 'a:chat-bolsover';
const UNBOUND = 'a:chat-chesterfield';

function inChat(text: string, from: typeof member, conversationId: string): Partial<Activity> {
  const a = personal(text, from);
  return { ...a, conversation: { ...a.conversation!, id: conversationId } };
}

function pressIn(conversationId: string, verb: string, data: Record<string, unknown>, from = coordinator, conversationType = 'personal'): Partial<Activity> {
  const a = inChat('', from, conversationId);
  return {
    ...a,
    conversation: { ...a.conversation!, conversationType, isGroup: conversationType !== 'personal' },
    type: ActivityTypes.Invoke,
    name: 'adaptiveCard/action',
    replyToId: 'original-card-message',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

function invokeBody(replies: Partial<Activity>[]): { statusCode: number; value: unknown } {
  return (replies.find((a) => a.type === 'invokeResponse') as { value: { body: { statusCode: number; value: unknown } } }).value.body;
}

const said = (replies: Partial<Activity>[]) => JSON.stringify(replies.map((r) => [r.text, r.attachments]));

function followUp(title: string): NewFollowUp {
  return {
    title,
    dueDate: '2024-04-20',
    duePrecision: 'day',
    source: { kind: 'request', meetingDate: '2024-03-14', meetingTitle: 'Committee', minuteRef: null, text: null },
    recipients: [{ kind: 'user', target: COORDINATOR.aadObjectId, label: COORDINATOR.name, role: 'owner' }],
  };
}

/** Both partnerships number their first action 2024-25/1, as trackers do. */
async function setUp(store: Store, options: { bolsoverPlan?: boolean } = {}): Promise<BotHarness> {
  await saveNeighbourPack(store);
  await new RoleRepo(store).grant(COORDINATOR.aadObjectId, 'coordinator', 'test', new Date('2024-04-01T00:00:00Z'));
  await new ActionRepo(store, CHESTERFIELD).insertIfAbsent(anAction({ id: '2024-25/1', title: 'Install CCTV in the town centre', wards: [] }), []);
  if (options.bolsoverPlan ?? true) {
    await new ActionRepo(store, BOLSOVER).insertIfAbsent(anAction({ id: '2024-25/1', title: 'Patrol Shirebrook market on Fridays', wards: ['E05012000'] }), []);
  }
  const at = new Date('2024-04-02T00:00:00Z');
  await new FollowUpRepo(store, CHESTERFIELD).create(followUp('Report on the town centre cameras'), at, 'test', 'cli');
  await new FollowUpRepo(store, BOLSOVER).create(followUp('Report on the Shirebrook market patrols'), at, 'test', 'cli');
  const h = new BotHarness(store, new FakeClock('2024-04-10T09:00:00Z'));
  expect(said(await h.send(inChat('use partnership Bolsover', coordinator, BOUND)))).toMatch(/now answers for the Bolsover partnership/);
  return h;
}

describeEachStore('a bound conversation has its own partnership’s plan, follow-ups and cards', (store) => {
  it('shows the plan and follow-ups of its partnership only; an unbound one those of the default', async () => {
    const h = await setUp(store());
    const boundPlan = said(await h.send(inChat('show the action plan', member, BOUND)));
    expect(boundPlan).toMatch(/Shirebrook market/);
    expect(boundPlan).not.toMatch(/CCTV/);
    const defaultPlan = said(await h.send(inChat('show the action plan', member, UNBOUND)));
    expect(defaultPlan).toMatch(/CCTV/);
    expect(defaultPlan).not.toMatch(/Shirebrook/);

    const boundDue = said(await h.send(inChat("what's due", member, BOUND)));
    expect(boundDue).toMatch(/Shirebrook market patrols/);
    expect(boundDue).not.toMatch(/town centre cameras/);
    const defaultDue = said(await h.send(inChat("what's due", member, UNBOUND)));
    expect(defaultDue).toMatch(/town centre cameras/);
    expect(defaultDue).not.toMatch(/Shirebrook/);
  });

  it('a partnership with no plan loaded says so, and never shows the default partnership’s', async () => {
    const h = await setUp(store(), { bolsoverPlan: false });
    const reply = said(await h.send(inChat('show the action plan', member, BOUND)));
    expect(reply).toMatch(/No action plan is loaded for the Bolsover partnership yet/);
    expect(reply).toMatch(/csp actions import/);
    expect(reply).not.toMatch(/CCTV/);
  });

  it('a card of the default partnership’s action pressed where Bolsover answers is refused, and neither action changes', async () => {
    const h = await setUp(store());
    // The Chesterfield card carries the id and version both partnerships' first actions have.
    const replies = await h.send(pressIn(BOUND, 'action.save', { id: '2024-25/1', version: 1, update: 'Forged update' }));
    const body = invokeBody(replies);
    expect(body.statusCode).toBe(409);
    expect(JSON.stringify(body.value)).toMatch(/Chesterfield partnership's, and this conversation answers for Bolsover: nothing was changed/);
    for (const p of [CHESTERFIELD, BOLSOVER]) {
      const a = await new ActionRepo(store(), p).get('2024-25/1');
      expect(a?.version).toBe(1);
      expect(a?.latestUpdate?.text).toBe('Walk-throughs weekly.');
    }
    expect((await new AuditLog(store()).events('card.foreign_partnership')).map((e) => e.detail)).toEqual([
      expect.objectContaining({ verb: 'action.save', card: CHESTERFIELD, conversation: BOLSOVER }),
    ]);
  });

  it('a Bolsover card opens Bolsover’s action where Bolsover answers, carries its partnership on, and is refused where another answers', async () => {
    const h = await setUp(store());
    const opened = invokeBody(await h.send(pressIn(BOUND, 'action.view', { id: '2024-25/1', partnership: BOLSOVER })));
    expect(opened.statusCode).toBe(200);
    expect(JSON.stringify(opened.value)).toMatch(/Shirebrook market/);
    expect(JSON.stringify(opened.value)).not.toMatch(/CCTV/);
    // Every button of the card it opens names Bolsover, so it is refused where Bolsover does not answer.
    const buttons = JSON.stringify(opened.value).match(/"verb":"[^"]+","data":\{[^}]*\}/g) ?? [];
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) expect(b).toContain(`"partnership":"${BOLSOVER}"`);
    expect(invokeBody(await h.send(pressIn('19:group-chat@thread.v2', 'action.view', { id: '2024-25/1', partnership: BOLSOVER }, coordinator, 'groupChat'))).statusCode).toBe(409);
    // A personal chat a coordinator bound to Chesterfield answers for Chesterfield only.
    await h.send(inChat('use partnership Chesterfield', coordinator, 'a:chat-bound-chesterfield'));
    expect(invokeBody(await h.send(pressIn('a:chat-bound-chesterfield', 'action.view', { id: '2024-25/1', partnership: BOLSOVER }))).statusCode).toBe(409);
  });

  it('in a personal chat no coordinator has bound, a reminder of another partnership acts for that partnership', async () => {
    const h = await setUp(store());
    const [bolsoverItem] = await new FollowUpRepo(store(), BOLSOVER).list();
    const body = invokeBody(await h.send(pressIn(UNBOUND, 'followup.done', { id: bolsoverItem.id, version: 1, partnership: BOLSOVER })));
    expect(body.statusCode).toBe(200);
    expect(JSON.stringify(body.value)).toMatch(/Shirebrook market patrols[\s\S]*Marked done/);
    expect((await new FollowUpRepo(store(), BOLSOVER).get(bolsoverItem.id))?.status).toBe('done');
    expect((await new FollowUpRepo(store(), CHESTERFIELD).list()).map((f) => f.status)).toEqual(['open']);
    // A card naming a partnership the deployment does not serve is refused.
    expect(invokeBody(await h.send(pressIn(UNBOUND, 'followup.done', { id: bolsoverItem.id, version: 2, partnership: 'E07999999' }))).statusCode).toBe(409);
  });

  it('the compose box searches its conversation’s partnership, and what it inserts carries that partnership', async () => {
    const h = await setUp(store());
    // Chesterfield: 1,234 burglaries in March 2024; Bolsover: 57.
    const crime = new CrimeRepo(store());
    for (const [pack, count] of [
      [chesterfieldPack, 1234],
      [neighbourPack, 57],
    ] as const) {
      await crime.replaceMonth({ source: 'police.uk', month: '2024-03', district: pack.district.code, origin: 'x', importedAt: '2024-04-02T00:00:00.000Z', records: count }, [
        { areaType: 'lsoa', areaCode: pack.lsoas[0].code, category: 'burglary', count },
      ]);
    }
    const searchIn = async (conversationId: string) => {
      const replies = await h.send({
        ...inChat('', member, conversationId),
        type: ActivityTypes.Invoke,
        name: 'composeExtension/query',
        value: { commandId: SEARCH_COMMAND_ID, parameters: [{ name: SEARCH_PARAMETER, value: 'burglaries in March 2024' }], queryOptions: { skip: 0, count: 25 } },
      });
      return JSON.stringify((replies.find((a) => a.type === 'invokeResponse') as { value: { body: unknown } }).value.body);
    };
    const bound = await searchIn(BOUND);
    expect(bound).toMatch(/Bolsover/);
    expect(bound).toMatch(/\b57\b/);
    expect(bound).not.toMatch(/1,234/);
    expect(bound).toContain(`"partnership":"${BOLSOVER}"`);
    const unbound = await searchIn(UNBOUND);
    expect(unbound).toMatch(/1,234/);
    expect(unbound).not.toMatch(/"partnership"/);
  });

  it('a forged stamp does not reach another partnership’s follow-up', async () => {
    const h = await setUp(store());
    const [chesterfieldItem] = await new FollowUpRepo(store(), CHESTERFIELD).list();
    const body = invokeBody(await h.send(pressIn(BOUND, 'followup.done', { id: chesterfieldItem.id, version: 1, partnership: BOLSOVER })));
    expect(body.statusCode).toBe(404);
    expect((await new FollowUpRepo(store(), CHESTERFIELD).get(chesterfieldItem.id))?.status).toBe('open');
  });
});
