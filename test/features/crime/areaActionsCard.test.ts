import { withAreaActions } from '../../../src/features/crime/areaActionsCard';
import type { Answer } from '../../../src/core/answer';

const card = () => ({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'ASB in Rother: …' }, { type: 'TextBlock', id: 'sources', text: 'Source' }] });
const rother = { code: 'E05003337', name: 'Rother', type: 'ward' as const };
const action = (i: number) => ({ id: `CSP-${i}`, title: `Action ${i}`, status: 'In progress', rag: 'Amber – at risk', leadAgency: 'Council', targetDate: null });

describe('withAreaActions', () => {
  test('lists the open actions with status and RAG in words, above the sources line', () => {
    const out = withAreaActions(card(), { intent: 'crime.trend', text: 't', area: rother, actions: [action(1)] } as Answer);
    const texts = (out.body as { text: string }[]).map((b) => b.text);
    expect(texts).toEqual(['ASB in Rother: …', 'Open actions in Rother (1)', 'CSP-1 Action 1: In progress, Amber – at risk', 'Source']);
  });

  test('says so when no open action targets the area', () => {
    const out = withAreaActions(card(), { intent: 'crime.trend', text: 't', area: rother, actions: [] } as Answer);
    expect(JSON.stringify(out)).toContain('No open actions in the plan are tagged to Rother.');
  });

  test('a long list shows six and a button for the rest', () => {
    const out = withAreaActions(card(), { intent: 'crime.trend', text: 't', area: rother, actions: [1, 2, 3, 4, 5, 6, 7, 8].map(action) } as Answer);
    const s = JSON.stringify(out);
    expect(s).toContain('CSP-6 Action 6');
    expect(s).not.toContain('CSP-7 Action 7');
    expect(s).toContain('All 8 actions');
  });

  test('the borough as a whole gets no list', () => {
    const out = withAreaActions(card(), { intent: 'crime.total', text: 't', area: { code: 'E07000034', name: 'Chesterfield', type: 'district' }, actions: [] } as Answer);
    expect(out).toEqual(card());
  });
});
