import { BotHarness, cardOf, personal } from '../support/botHarness';
import { FakeClock } from '../../src/core/clock';
import { composeAssistant } from '../../src/main';
import type { Assistant } from '../../src/teams/router';
import type { RequestContext } from '../../src/core/turn';
import { CrimeQueries } from '../../src/features/crime/queries';
import { CrimeRepo } from '../../src/store/crimeRepo';
import { ActionRepo } from '../../src/store/actionRepo';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { RoleRepo } from '../../src/store/roleRepo';
import { anAction } from '../support/actions';
import { openDemoDeps } from '../support/demoStore';
import { oneTurnState } from '../../src/core/turnState';
import { CHESTERFIELD } from '../support/partnership';

type Deps = Awaited<ReturnType<typeof openDemoDeps>>;

const person = (name: string) => DEMO_PEOPLE.find((p) => p.name === name)!;
const ctx = (name: string, type: RequestContext['conversation']['type'] = 'personal'): RequestContext => {
  const p = person(name);
  return {
    actor: { aadObjectId: p.aadObjectId, teamsUserId: p.teamsUserId, name: p.name, role: p.role },
    conversation: { key: `t|${type}`, id: type, tenantId: 't', type },
    now: new Date('2021-08-16T09:00:00Z'),
    correlationId: 'test',
    state: oneTurnState(new Date('2021-08-16T09:00:00Z')),
  };
};
const PRIYA = 'Cllr Priya Shah';
const DAN = 'Insp Dan Hughes';
const ROTHER = { code: 'E05003337', name: 'Rother', type: 'ward' as const };
const QUESTION = 'ASB trend in Rother ward';

// Answers are shared between people and turns until the data changes: these check that a change
// saved anywhere shows in the very next answer, and that what one person may see is never shared
// with someone who may not.
describe('answers shared between turns stay true to the data', () => {
  let deps: Deps;
  let assistant: Assistant;

  beforeEach(async () => {
    deps = await openDemoDeps();
    assistant = composeAssistant(deps);
  }, 60_000);
  afterEach(() => deps.cleanup());

  test('asking the same question twice gives the same answer and card', async () => {
    const first = await assistant.respond(QUESTION, ctx(PRIYA));
    const second = await assistant.respond(QUESTION, ctx(PRIYA));
    expect(second.answer).toEqual(first.answer);
    expect(second.card).toEqual(first.card);
  });

  test('a month of crime loaded again shows in the very next answer', async () => {
    const before = await assistant.respond(QUESTION, ctx(PRIYA));
    // January 2021 is supplied again, now with nothing recorded in it.
    await new CrimeRepo(deps.store).replaceMonth({ source: 'demo', month: '2021-01', district: 'E07000034', origin: 'test', importedAt: '2021-08-16T09:00:00.000Z', records: 0 }, []);
    const after = await assistant.respond(QUESTION, ctx(PRIYA));
    const fresh = await new CrimeQueries(new CrimeRepo(deps.store), deps.pack, { suppressionThreshold: 5 }).total(ROTHER, 'anti-social-behaviour', { from: '2020-02', to: '2021-01' });
    expect(after.answer.total).toBe(fresh.count);
    expect(after.answer.total).toBeLessThan(before.answer.total as number);
    expect(after.answer.text).toContain(`${fresh.count} incidents`);
  });

  test('an action saved in the ward shows in the very next answer about the ward', async () => {
    const before = await assistant.respond(QUESTION, ctx(PRIYA));
    const repo = new ActionRepo(deps.store, CHESTERFIELD);
    const listed = before.answer.actions![0];
    const item = (await repo.get(listed.id))!;
    const history = [{ actionId: item.id, version: item.version + 1, at: '2021-08-16T09:00:00.000Z', actorAadObjectId: null, actorName: 'Test', field: 'status' as const, oldValue: item.status, newValue: 'on_hold', note: null, channel: 'cli' as const }];
    expect(await repo.save({ ...item, status: 'on_hold', version: item.version + 1 }, item.version, history)).toBe('saved');
    const after = await assistant.respond(QUESTION, ctx(PRIYA));
    expect(after.answer.actions!.find((a) => a.id === item.id)?.status).toMatch(/on hold/i);
    expect(JSON.stringify(after.card)).toMatch(/on hold/i);
  });

  test('a new action in the ward is listed at once, and its title is understood at once', async () => {
    await assistant.respond(QUESTION, ctx(PRIYA));
    const fresh = anAction({ id: 'CSP-2021-90', title: 'Install lighting on the Rother greenway', wards: [ROTHER.code] });
    await new ActionRepo(deps.store, CHESTERFIELD).insertIfAbsent(fresh, [
      { actionId: fresh.id, version: 1, at: '2021-08-16T09:00:00.000Z', actorAadObjectId: null, actorName: 'Test', field: 'created', oldValue: null, newValue: fresh.title, note: null, channel: 'cli' },
    ]);
    const after = await assistant.respond(QUESTION, ctx(PRIYA));
    expect(after.answer.actions!.map((a) => a.id)).toContain('CSP-2021-90');
    const detail = await assistant.respond('status of the Rother greenway lighting', ctx(PRIYA));
    expect(detail.answer.intent).toBe('action.detail');
    expect(detail.answer.actions!.map((a) => a.id)).toEqual(['CSP-2021-90']);
  });

  test('an exempt action listed to an officer in a personal chat is not shown to a councillor asking the same', async () => {
    const officer = await assistant.respond(QUESTION, ctx(DAN));
    expect(officer.answer.actions!.map((a) => a.title)).toContain('Lead the Operation Blofeld serious and organised crime pilot');
    const councillor = await assistant.respond(QUESTION, ctx(PRIYA));
    expect(JSON.stringify(councillor.answer)).not.toContain('Blofeld');
    expect(JSON.stringify(councillor.card)).not.toContain('Blofeld');
    const inChannel = await assistant.respond(QUESTION, ctx(DAN, 'channel'));
    expect(JSON.stringify(inChannel.card)).not.toContain('Blofeld');
  });

  test('an officer whose role is taken away no longer sees the exempt action from the next question on', async () => {
    // Through the Teams edge, which resolves the role from the store once per turn.
    const bot = new BotHarness(deps.store, new FakeClock('2021-08-16T09:00:00Z'));
    const dan = person(DAN);
    const from = { id: dan.teamsUserId, name: dan.name, aadObjectId: dan.aadObjectId };
    expect(JSON.stringify((await bot.send(personal(QUESTION, from))).map(cardOf))).toContain('Blofeld');
    await new RoleRepo(deps.store).grant(dan.aadObjectId, 'member', 'test', new Date('2021-08-16T09:05:00Z'));
    expect(JSON.stringify((await bot.send(personal(QUESTION, from))).map(cardOf))).not.toContain('Blofeld');
  });

  test('the RAG of the ward’s actions is worked out for the day asked, not the day first answered', async () => {
    const today = await assistant.respond(QUESTION, ctx(PRIYA));
    const later = { ...ctx(PRIYA), now: new Date('2022-06-01T09:00:00Z') };
    const months = await assistant.respond(QUESTION, later);
    expect(months.answer.actions).not.toEqual(today.answer.actions);
  });
});
