import { composeAssistant } from '../../src/main';
import { Assistant, mountRoutes } from '../../src/teams/router';
import type { RequestContext } from '../../src/core/turn';
import { cardBytes, CARD_BUDGET_BYTES } from '../../src/cards/template';
import { validateCard } from '../../src/cards/validate';
import { CrimeQueries } from '../../src/features/crime/queries';
import { CrimeRepo } from '../../src/store/crimeRepo';
import { openDemoDeps } from '../support/demoStore';
import { oneTurnState } from '../../src/core/turnState';

type Deps = Awaited<ReturnType<typeof openDemoDeps>>;

const ctx = (role: RequestContext['actor']['role'] = 'member'): RequestContext => ({
  actor: { aadObjectId: 'a0000002-0000-4000-8000-000000000002', teamsUserId: '29:demo-priya-shah', name: 'Cllr Priya Shah', role },
  conversation: { key: 't|a:1', id: 'a:1', tenantId: 't', type: 'personal' },
  now: new Date('2021-08-16T09:00:00Z'),
  correlationId: 'test',
  state: oneTurnState(new Date('2021-08-16T09:00:00Z')),
});

describe('Assistant on the demo partnership', () => {
  let deps: Deps;
  let assistant: Assistant;

  beforeAll(async () => {
    deps = await openDemoDeps();
    assistant = composeAssistant(deps);
  }, 60_000);
  afterAll(() => deps.cleanup());

  test('"ASB trend in Rother ward" answers with the figures the crime queries compute, and a valid trend card', async () => {
    const { answer, card } = await assistant.respond('ASB trend in Rother ward', ctx());
    const q = new CrimeQueries(new CrimeRepo(deps.store), deps.pack, { suppressionThreshold: 5 });
    const rother = { code: 'E05003337', name: 'Rother', type: 'ward' as const };
    const now = await q.total(rother, 'anti-social-behaviour', { from: '2020-02', to: '2021-01' });
    const before = await q.total(rother, 'anti-social-behaviour', { from: '2019-02', to: '2020-01' });
    expect(answer).toMatchObject({ intent: 'crime.trend', area: rother, period: { from: '2020-02', to: '2021-01' }, previousPeriod: { from: '2019-02', to: '2020-01' } });
    expect(answer.total).toBe(now.count);
    expect(answer.previousTotal).toBe(before.count);
    expect(answer.series).toHaveLength(24);
    expect(answer.text).toContain(`${now.count} incidents`);
    expect(answer.caveats?.join(' ')).toMatch(/sample data/i);
    expect(validateCard(card)).toEqual([]);
  });

  test('an area answer lists the open actions tagged to that ward', async () => {
    const { answer, card } = await assistant.respond('ASB trend in Rother ward', ctx());
    expect(answer.actions?.length).toBeGreaterThan(0);
    expect(answer.actions!.every((a) => !/^(Completed|Closed|Cancelled)/.test(a.status))).toBe(true);
    expect(JSON.stringify(card)).toContain(`Open actions in Rother (${answer.actions!.length})`);
  });

  test('a name that fits two wards is asked about with buttons, not guessed', async () => {
    const { answer, card } = await assistant.respond('crime in Brimington', ctx());
    expect(answer.intent).toBe('clarify');
    expect(answer.suggestions).toEqual(expect.arrayContaining(['crime in Brimington North', 'crime in Brimington South']));
    const verbs = JSON.stringify(card);
    expect(verbs).toContain('crime in Brimington North');
  });

  test('pressing a clarification button answers the chosen ward', async () => {
    const outcome = await assistant.invoke({ verb: 'ask', data: { question: 'crime in Brimington North' }, trigger: 'manual' }, ctx());
    expect(outcome.kind).toBe('message');
    const posted = outcome.kind === 'message' ? outcome.post : undefined;
    expect(JSON.stringify(posted?.card)).toContain('Brimington North');
  });

  test('a misspelt ward is answered and the answer says which ward it took', async () => {
    const { answer } = await assistant.respond('ASB in Rothr', ctx());
    expect(answer.area?.name).toBe('Rother');
    expect(answer.text).toMatch(/Rothr/);
  });

  test('a place outside the district gets a helpful answer with example questions', async () => {
    const { answer } = await assistant.respond('burglary in Sheffield', ctx());
    expect(answer.intent).toBe('unknown');
    expect(answer.text).toMatch(/outside Chesterfield/);
    expect(answer.suggestions?.length).toBeGreaterThan(0);
  });

  test('10,000 random and hostile inputs never throw, always answer, and never make a card over 28 KB', async () => {
    let seed = 20210916;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const pieces = [
      'ASB', 'burglary', 'Rother', 'Hasland', 'St Leonards', 'Staveley', 'town centre', 'the borough', 'last 6 months', 'since March 2020',
      'in 2020', 'compare', 'vs', 'rank', 'breakdown', 'per 1,000', 'hate crime', 'overdue actions', 'red', 'my actions', 'whoami', 'help',
      "'; DROP TABLE action_item; --", '<at>bot</at>', '**bold** _x_ [link](http://x)', '{"type":"AdaptiveCard","body":[]}', '${$root.x}',
      '🚓🚨💥', 'مرحبا', '犯罪', 'Привет', '\u0000\u0007\u001b[31m', '\u202e', '%s%n', '  ', '?', '1 March', 'Feb 2020 to Jan 2021',
    ];
    for (let i = 0; i < 10_000; i++) {
      let text: string;
      const shape = i % 10;
      if (shape === 0) text = '';
      else if (shape === 1) text = pick(pieces).repeat(1 + Math.floor(rand() * 400)).slice(0, 10_000);
      else if (shape === 2) text = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => String.fromCharCode(Math.floor(rand() * 0xffff))).join('');
      else text = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(pieces)).join(' ');
      const reply = await assistant.respond(text, ctx());
      expect(reply.answer.text.length).toBeGreaterThan(0);
      expect(reply.card).toBeDefined();
      const bytes = cardBytes(reply.card!);
      if (bytes > CARD_BUDGET_BYTES) throw new Error(`card of ${bytes} bytes for ${JSON.stringify(text).slice(0, 200)}`);
    }
  }, 180_000);
});

describe('mounting feature routes', () => {
  const noop = async () => ({ kind: 'message' as const, text: 'ok' });

  test('a verb is answered by the one feature that declares it, by its whole name', () => {
    const { verbs } = mountRoutes([
      { feature: 'a', verbs: { 'action.save': noop } },
      { feature: 'b', verbs: { 'action.saved': noop } },
    ]);
    expect([...verbs.keys()].sort()).toEqual(['action.save', 'action.saved']);
  });

  test('an intent or verb claimed by two features stops start-up, naming both', () => {
    expect(() => mountRoutes([{ feature: 'crime', verbs: { x: noop } }, { feature: 'actions', verbs: { x: noop } }])).toThrow(/crime and actions/);
    const answer = async () => ({ intent: 'help' as const, text: '' });
    expect(() => mountRoutes([{ feature: 'help', intents: { help: answer } }, { feature: 'other', intents: { help: answer } }])).toThrow(/help and other/);
  });
});
