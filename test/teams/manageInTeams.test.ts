import { Activity, ActivityTypes } from 'botbuilder';
import { describeEachStore } from '../support/stores';
import { BotHarness, cardOf, channelMessage, installation, personal } from '../support/botHarness';
import { seedDemoActions } from '../../src/demo/actionPlan';
import { seedDemoPeople } from '../../src/demo/seed';
import { ActionRepo } from '../../src/store/actionRepo';
import { RoleRepo } from '../../src/store/roleRepo';
import { demoPerson } from '../../src/demo/people';
import { validateCard } from '../../src/cards/validate';
import type { PersonalMessenger } from '../../src/features/roles/rolesApp';
import { CHESTERFIELD } from '../support/partnership';

const alex = demoPerson('Alex Morgan');
const jo = demoPerson('Jo Whitfield');
const priya = demoPerson('Priya');
const as = (p: { teamsUserId: string; name: string; aadObjectId: string }) => ({ id: p.teamsUserId, name: p.name, aadObjectId: p.aadObjectId });

function execute(verb: string, data: Record<string, unknown>, from: ReturnType<typeof as>): Partial<Activity> {
  return { ...personal('', from), type: ActivityTypes.Invoke, name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } };
}

function search(dataset: string, queryText: string, from: ReturnType<typeof as>): Partial<Activity> {
  return { ...personal('', from), type: ActivityTypes.Invoke, name: 'application/search', value: { kind: 'search', dataset, queryText, queryOptions: { skip: 0, top: 15 } } };
}

function body(replies: Partial<Activity>[]): { statusCode: number; type: string; value: Record<string, unknown> } {
  const r = replies.find((a) => a.type === 'invokeResponse') as { value: { status: number; body: { statusCode: number; type: string; value: Record<string, unknown> } } };
  return r.value.body;
}

describeEachStore('managing the plan and roles through the bot', (store) => {
  let h: BotHarness;
  let told: string[];
  beforeEach(async () => {
    told = [];
    const messenger: PersonalMessenger = async (aad) => {
      told.push(aad);
      return 'sent';
    };
    h = new BotHarness(store(), undefined, { messenger });
    await seedDemoPeople(h.deps);
    await seedDemoActions(store(), h.deps.clock);
  });

  test('the people picker\'s search is answered from the people the bot knows, for coordinators only', async () => {
    const found = body(await h.send(search('csp.people', 'whit', as(alex))));
    expect(found.statusCode).toBe(200);
    expect(found.type).toBe('application/vnd.microsoft.search.searchResponse');
    expect(found.value).toEqual({ results: [{ title: 'Jo Whitfield', value: jo.aadObjectId }] });
    expect(body(await h.send(search('csp.people', 'whit', as(priya)))).value).toEqual({ results: [] });
    const unknown = body(await h.send(search('something.else', 'x', as(alex))));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.type).toBe('application/vnd.microsoft.error');
  });

  test('a coordinator adds an action from the New action card; an officer is refused', async () => {
    const form = body(await h.send(execute('action.new', {}, as(alex))));
    expect(validateCard(form.value)).toEqual([]);
    const refused = body(await h.send(execute('action.create', { theme: 'Hate crime', title: 'x', lead: jo.aadObjectId, leadAgency: 'Police', targetDate: '2022-01-31' }, as(jo))));
    expect(JSON.stringify(refused.value)).toContain('Only a coordinator can');
    const added = body(await h.send(execute('action.create', { theme: 'Hate crime', title: 'Train library staff as third-party reporting centre', lead: jo.aadObjectId, leadAgency: 'Chesterfield Borough Council', wards: '', targetDate: '2022-01-31' }, as(alex))));
    expect(added.statusCode).toBe(200);
    expect(JSON.stringify(added.value)).toContain('Added CSP-2021-17');
    expect((await new ActionRepo(store(), CHESTERFIELD).get('CSP-2021-17'))?.wards).toEqual([]);
  });

  test('a coordinator gives a role from the card, and the person is told in a personal message', async () => {
    await h.send(personal('hello', { id: '29:nadia', name: 'Nadia Newcomer', aadObjectId: 'aad-nadia' }));
    const done = body(await h.send(execute('role.grant', { person: 'aad-nadia', role: 'officer' }, as(alex))));
    expect(JSON.stringify(done.value)).toContain('Nadia Newcomer is now an officer');
    expect(await new RoleRepo(store()).roleOf('aad-nadia')).toBe('officer');
    expect(told).toEqual(['aad-nadia']);
  });

  test('the welcome in a channel says nothing about the greeter\'s role; in a personal chat it does', async () => {
    const channel = (await h.send(installation('add', { ...channelMessage(''), entities: undefined, from: as(alex) }))).filter((a) => a.type === ActivityTypes.Message);
    const text = JSON.stringify(cardOf(channel[0]));
    expect(text).not.toMatch(/You are a (coordinator|member|officer|admin)/);
    expect(text).toContain('whoami');
    const mine = (await h.send(installation('add', personal('', as(alex))))).filter((a) => a.type === ActivityTypes.Message);
    expect(JSON.stringify(cardOf(mine[0]))).toContain('You are a coordinator');
  });

  test('"show the action plan" answers with the paged plan card', async () => {
    const replies = (await h.send(personal('show the action plan', as(priya)))).filter((a) => a.type === ActivityTypes.Message);
    const card = cardOf(replies[0]);
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toMatch(/Page 1 of \d+: open actions 1–8 of \d+, \d+ overdue \(listed first\)/);
  });
});
