import { Activity, ActivityTypes } from 'botbuilder';
import { describeEachStore } from '../support/stores';
import { BotHarness, personal } from '../support/botHarness';
import { seedDemoActions } from '../../src/demo/actionPlan';
import { seedDemoPeople } from '../../src/demo/seed';
import { ActionRepo } from '../../src/store/actionRepo';
import { demoPerson } from '../../src/demo/people';
import { reminderCard } from '../../src/features/followups/cards';
import { PersonRepo } from '../../src/store/personRepo';
import { CHESTERFIELD } from '../support/partnership';

const alex = demoPerson('Alex Morgan');
const priya = demoPerson('Priya');

function invoke(verb: string, data: Record<string, unknown>, from: { id: string; name: string; aadObjectId: string }, trigger: 'manual' | 'automatic' = 'manual'): Partial<Activity> {
  return {
    ...personal('', from),
    type: ActivityTypes.Invoke,
    name: 'adaptiveCard/action',
    replyToId: 'original-card-message',
    value: { action: { type: 'Action.Execute', verb, data }, trigger },
  };
}

function invokeBody(replies: Partial<Activity>[]): { statusCode: number; type: string; value: unknown } {
  const r = replies.find((a) => a.type === 'invokeResponse') as { value: { body: { statusCode: number; type: string; value: unknown } } };
  return r.value.body;
}

describeEachStore('action cards through the bot', (store) => {
  let h: BotHarness;
  beforeEach(async () => {
    h = new BotHarness(store());
    await seedDemoPeople(h.deps);
    await seedDemoActions(store(), h.deps.clock);
  });

  test('a coordinator saving an update replaces the original card for everyone and gets their own card back', async () => {
    const before = await new ActionRepo(store(), CHESTERFIELD).get('CSP-2021-01');
    const update = jest.spyOn(h.adapter, 'updateActivity');
    const replies = await h.send(
      invoke('action.save', { id: 'CSP-2021-01', version: before!.version, update: 'Third group of Cyber Buddies trained in August.' }, { id: alex.teamsUserId, name: alex.name, aadObjectId: alex.aadObjectId }),
    );
    const body = invokeBody(replies);
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(update).toHaveBeenCalledTimes(1);
    expect(update.mock.calls[0][1]).toMatchObject({ id: 'original-card-message' });
    const after = await new ActionRepo(store(), CHESTERFIELD).get('CSP-2021-01');
    expect(after!.version).toBe(before!.version + 1);
    expect(after!.latestUpdate?.text).toBe('Third group of Cyber Buddies trained in August.');
  });

  test('an automatic refresh returns the card only: nothing is updated or sent', async () => {
    const before = await new ActionRepo(store(), CHESTERFIELD).get('CSP-2021-01');
    const update = jest.spyOn(h.adapter, 'updateActivity');
    const replies = await h.send(invoke('action.refresh', { id: 'CSP-2021-01', version: before!.version }, { id: alex.teamsUserId, name: alex.name, aadObjectId: alex.aadObjectId }, 'automatic'));
    expect(invokeBody(replies).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(update).not.toHaveBeenCalled();
    expect(replies.filter((a) => a.type === ActivityTypes.Message)).toHaveLength(0);
  });

  test('"Open the action" on a reminder card opens the action\'s card for its lead', async () => {
    const reminder = reminderCard(
      { kind: 'action', id: 'CSP-2021-04', title: 'Deliver PREVENT awareness sessions', detail: null, dueDate: '2021-07-23', duePrecision: 'day', dueMonth: null, status: 'In progress', open: true, version: 1, actionId: 'CSP-2021-04', source: null, ownerNames: ['Alex Morgan'], classification: 'public' },
      { today: '2021-08-16' },
    );
    const open = (reminder.actions as { verb: string; data: Record<string, unknown> }[]).find((a) => a.verb.startsWith('action.'))!;
    const replies = await h.send(invoke(open.verb, open.data, { id: alex.teamsUserId, name: alex.name, aadObjectId: alex.aadObjectId }));
    const body = invokeBody(replies);
    expect(body.statusCode).toBe(200);
    expect(JSON.stringify(body.value)).toContain('PREVENT');
  });

  test('pressing a card button records the person\'s Teams id, so later cards can offer them their own view', async () => {
    const newcomer = { id: '29:newcomer', name: 'New Officer', aadObjectId: 'aad-newcomer' };
    await h.send(invoke('action.view', { id: 'CSP-2021-01' }, newcomer));
    expect(await new PersonRepo(store()).get('aad-newcomer')).toMatchObject({ teamsUserId: '29:newcomer', name: 'New Officer' });
  });

  test('a member forging a save changes nothing and updates no card', async () => {
    const before = await new ActionRepo(store(), CHESTERFIELD).get('CSP-2021-01');
    const update = jest.spyOn(h.adapter, 'updateActivity');
    const replies = await h.send(invoke('action.save', { id: 'CSP-2021-01', version: before!.version, status: 'completed', update: 'done' }, { id: priya.teamsUserId, name: priya.name, aadObjectId: priya.aadObjectId }));
    expect(JSON.stringify(invokeBody(replies))).toMatch(/cannot|can read|not/i);
    expect(update).not.toHaveBeenCalled();
    expect((await new ActionRepo(store(), CHESTERFIELD).get('CSP-2021-01'))!.version).toBe(before!.version);
  });
});
