import { describeRagCounts, planSummary, toActionSummary } from '../../../src/features/actions/summary';
import { anAction } from '../../support/actions';

const now = new Date('2021-08-16T09:00:00Z');

describe('plan summary', () => {
  const plan = [
    anAction({ id: '1', theme: 'Hate crime', targetDate: '2021-07-01' }),
    anAction({ id: '2', theme: 'Hate crime', status: 'completed' }),
    anAction({ id: '3', theme: 'Anti-social behaviour', status: 'on_hold', committeeFlag: true }),
    anAction({ id: '4', theme: 'Anti-social behaviour' }),
  ];
  const s = planSummary(plan, now);

  test('counts per theme by status and RAG, and overdue', () => {
    expect(s.themes.map((t) => [t.theme, t.total, t.byRag.red, t.byRag.amber, t.byRag.green, t.overdue])).toEqual([
      ['Anti-social behaviour', 2, 0, 1, 1, 0],
      ['Hate crime', 2, 1, 0, 0, 1],
    ]);
    expect([s.total, s.overdue, s.committeeFlags, s.byStatus.completed]).toEqual([4, 1, 1, 1]);
  });

  test('counts are described in words', () => {
    expect(describeRagCounts(s.byRag)).toBe('1 Green – on track, 1 Amber – at risk, 1 Red – off track');
  });

  test('the Answer view of an action carries the words, and no RAG once it is not open', () => {
    expect(toActionSummary(plan[0], now)).toEqual({ id: '1', title: plan[0].title, status: 'In progress', rag: 'Red – off track', leadAgency: 'Derbyshire Constabulary', targetDate: '2021-07-01' });
    expect(toActionSummary(plan[1], now).rag).toBeNull();
  });
});
