import { composeAssistant } from '../../../src/main';
import type { RequestContext } from '../../../src/core/turn';
import { openDemoDeps } from '../../support/demoStore';
import { aboutCategory } from '../../../src/features/crime/withPlan';
import { oneTurnState } from '../../../src/core/turnState';

type Deps = Awaited<ReturnType<typeof openDemoDeps>>;

const member = (): RequestContext => ({
  actor: { aadObjectId: 'a0000002-0000-4000-8000-000000000002', name: 'Cllr Priya Shah', role: 'member' },
  conversation: { key: 't|c', id: 'c', tenantId: 't', type: 'personal' },
  now: new Date('2021-08-16T09:00:00Z'),
  correlationId: 'test',
  state: oneTurnState(new Date('2021-08-16T09:00:00Z')),
});

describe('"what are we doing about …": the figures joined with the plan and the committee', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await openDemoDeps();
  }, 60_000);
  afterAll(() => deps.cleanup());

  test('ASB in Rother: the figure, then only the open actions on ASB there', async () => {
    const { answer } = await composeAssistant(deps).answer('what are we doing about ASB in Rother', member());
    expect(answer).toMatchObject({ intent: 'crime.trend', area: { name: 'Rother' }, category: { slug: 'anti-social-behaviour' } });
    expect(answer.text).toMatch(/^ASB in Rother: \d+ incidents/);
    expect(answer.text).toMatch(/What the partnership is doing: 1 open action on anti-social behaviour in Rother: CSP-2021-10/);
    expect(answer.actions?.map((a) => a.id)).toEqual(['CSP-2021-10']);
  });

  test('hate crime: the actions on hate crime and the committee’s latest request on it', async () => {
    const { answer } = await composeAssistant(deps).answer('what is being done about hate crime', member());
    expect(answer.actions?.map((a) => a.id).sort()).toEqual(['CSP-2021-12', 'CSP-2021-13']);
    expect(answer.followups?.map((f) => f.title)).toEqual([expect.stringMatching(/hate crime/i)]);
    expect(answer.text).toMatch(/committee's latest request on it .*hate crime/i);
  });

  test('a subject with nothing in the plan says so rather than listing nothing', async () => {
    const { answer } = await composeAssistant(deps).answer('what are we doing about burglary in Hasland', member());
    expect(answer.text).toMatch(/No open action in the plan is tagged to Hasland\. The committee has no recorded request on burglary\./);
  });

  test('only a question about what is done joins the plan: the figure alone stays the figure', async () => {
    const { answer } = await composeAssistant(deps).answer('ASB in Rother', member());
    expect(answer.text).not.toMatch(/What the partnership is doing/);
  });

  test('a theme is matched to a crime type by its family of work', () => {
    expect(aboutCategory('burglary', 'Acquisitive and business crime')).toBe(true);
    expect(aboutCategory('anti-social-behaviour', 'Anti-social behaviour')).toBe(true);
    expect(aboutCategory('anti-social-behaviour', 'Online safety and fraud')).toBe(false);
    expect(aboutCategory(undefined, 'Anything')).toBe(false);
  });
});
