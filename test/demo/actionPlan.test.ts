import { DEMO_ACTION_PLAN, demoActionItem, seedDemoActions } from '../../src/demo/actionPlan';
import { ActionRepo } from '../../src/store/actionRepo';
import { PersonRepo } from '../../src/store/personRepo';
import { effectiveRag } from '../../src/features/actions/rag';
import { FakeClock } from '../../src/core/clock';
import { describeEachStore } from '../support/stores';
import { CHESTERFIELD } from '../support/partnership';

const demoNow = new Date('2021-08-16T09:00:00Z');

describe('the demo action plan', () => {
  const items = DEMO_ACTION_PLAN.map((d) => demoActionItem(d).item);

  test('in August 2021 it shows every RAG, an overdue action, a committee flag and one exempt item', () => {
    const rags = new Set(items.map((a) => effectiveRag(a, demoNow)));
    expect([...rags].sort()).toEqual(['amber', 'green', 'grey', 'red', null].sort());
    expect(items.filter((a) => a.committeeFlag).map((a) => a.id)).toEqual(['CSP-2021-14']);
    expect(items.filter((a) => a.classification === 'exempt').map((a) => a.title)).toEqual(['Lead the Operation Blofeld serious and organised crime pilot']);
  });

  test('references are unique and the wards named are Rother and Middlecroft and Poolsbrook (2015–2023 codes)', () => {
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
    expect([...new Set(items.flatMap((a) => a.wards))].sort()).toEqual(['E05003334', 'E05003337']);
  });

  test('each item’s version matches its history and history versions never go backwards', () => {
    for (const d of DEMO_ACTION_PLAN) {
      const { item, history } = demoActionItem(d);
      expect(history[history.length - 1].version).toBe(item.version);
      expect(history.every((h, i) => i === 0 || h.version >= history[i - 1].version)).toBe(true);
    }
  });
});

describeEachStore('seeding the demo plan', (get) => {
  test('is idempotent and records the demo people’s Teams ids', async () => {
    const clock = new FakeClock(demoNow);
    await seedDemoActions(get(), clock);
    await seedDemoActions(get(), clock);
    const repo = new ActionRepo(get(), CHESTERFIELD);
    expect(await repo.count()).toBe(DEMO_ACTION_PLAN.length);
    expect(await repo.isDemo()).toBe(true);
    const total = DEMO_ACTION_PLAN.reduce((n, d) => n + demoActionItem(d).history.length, 0);
    expect((await repo.historySince('2000-01-01')).length).toBe(total);
    expect(await new PersonRepo(get()).teamsUserIds(['a0000003-0000-4000-8000-000000000003'])).toEqual(['29:demo-dan-hughes']);
  });
});
