import {
  actionConflictCard,
  actionDetailCard,
  actionEditCard,
  actionErrorCard,
  actionHistoryCard,
  actionListCard,
  listItemOf,
  planSummaryCard,
  refreshUserIds,
  renderActionsAnswerCard,
  withRefresh,
} from '../../../src/features/actions/cards';
import { validateCard } from '../../../src/cards/validate';
import { cardBytes, CARD_BUDGET_BYTES } from '../../../src/cards/template';
import { planSummary } from '../../../src/features/actions/summary';
import { allowedTransitions } from '../../../src/features/actions/workflow';
import type { HistoryEntry } from '../../../src/domain/actions/model';
import { anAction, COORDINATOR } from '../../support/actions';

const now = new Date('2021-08-16T09:00:00Z');
const coordinator = { aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name, role: 'coordinator' as const };
const entry = (i: number): HistoryEntry => ({ actionId: 'CSP-TEST-01', version: i + 1, at: `2021-0${(i % 8) + 1}-10T10:00:00.000Z`, actorAadObjectId: null, actorName: 'Lee Lead', field: 'latest_update', oldValue: null, newValue: `Update number ${i}`, note: i % 2 ? 'with a note' : null, channel: 'teams' });

const inputs = (card: Record<string, unknown>) => (card.body as Record<string, unknown>[]).filter((e) => String(e.type).startsWith('Input.'));

describe('action card templates', () => {
  test('detail card: every field, words for RAG, last five history entries, Edit only for editors', () => {
    const a = anAction({ ragOverride: 'amber', ragOverrideReason: 'Staff shortage.', committeeFlag: true, targetSlips: 2 });
    const history = Array.from({ length: 8 }, (_, i) => entry(7 - i));
    const editor = actionDetailCard(a, { now, recentHistory: history, canEdit: true, wardName: () => 'Rother' });
    const reader = actionDetailCard(a, { now, recentHistory: history, canEdit: false, wardName: () => 'Rother' });
    expect(validateCard(editor)).toEqual([]);
    expect(validateCard(reader)).toEqual([]);
    const t = JSON.stringify(editor);
    for (const want of ['Amber – at risk: set by hand: Staff shortage.', 'Rother (E05003337)', 'Original target date', 'Success measure', 'Action plan 2020–21', 'Flagged: the target date has slipped 2 times', 'Walk-throughs weekly.']) expect(t).toContain(want);
    expect(t).toContain('Update number 7');
    expect(t).toContain('Update number 3');
    expect(t).not.toContain('Update number 2');
    expect(JSON.stringify(editor.actions)).toContain('action.edit');
    expect(JSON.stringify(reader.actions)).not.toContain('action.edit');
  });

  test('edit form: every input labelled, required choices have error messages, statuses limited to allowed moves', () => {
    const a = anAction({ status: 'on_hold' });
    const card = actionEditCard(a, { now, transitions: allowedTransitions(coordinator, a) });
    expect(validateCard(card)).toEqual([]);
    for (const input of inputs(card)) {
      expect(typeof input.label).toBe('string');
      expect(typeof input.errorMessage).toBe('string');
    }
    const status = inputs(card).find((i) => i.id === 'status') as { choices: { value: string }[]; isRequired: boolean; value: string };
    expect(status.choices.map((c) => c.value)).toEqual(['on_hold', 'in_progress', 'cancelled', 'carried_forward']);
    expect([status.isRequired, status.value]).toEqual([true, 'on_hold']);
    const update = inputs(card).find((i) => i.id === 'update');
    expect(update?.maxLength).toBe(2000);
    expect(JSON.stringify(card.actions)).toContain('"data":{"id":"CSP-TEST-01","version":1}');
  });

  test('history, error and conflict cards validate', () => {
    const a = anAction({ version: 3 });
    expect(validateCard(actionHistoryCard(a, [entry(0), entry(1)]))).toEqual([]);
    expect(validateCard(actionErrorCard({ title: 'No', message: 'Because.', problems: ['one', 'two'], id: a.id, correlationId: 'c1' }))).toEqual([]);
    expect(validateCard(actionErrorCard({ title: 'No', message: 'Because.', correlationId: 'c1' }))).toEqual([]);
    const conflict = actionConflictCard(a, 1, [entry(1), entry(2)], { update: 'Mine.', status: 'on_hold' }, { now, transitions: allowedTransitions(coordinator, a) });
    expect(validateCard(conflict)).toEqual([]);
    expect(JSON.stringify(conflict)).toContain('version 1 → 3');
  });

  test('plan summary and a long list fit the size budget', () => {
    const plan = Array.from({ length: 300 }, (_, i) => anAction({ id: `CSP-X-${i}`, theme: `Theme ${i % 9}`, title: `Do a long-titled thing number ${i} `.repeat(3) }));
    const summary = planSummaryCard(planSummary(plan, now), { title: 'Action plan', asOf: '2021-08-16', footer: 'f' });
    expect(validateCard(summary)).toEqual([]);
    const list = actionListCard(plan.map((a) => listItemOf(a, now)), { title: 'All', description: 'd', footer: 'f' });
    expect(validateCard(list)).toEqual([]);
    expect(cardBytes(list)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(JSON.stringify(list)).toMatch(/\d+ more not shown/);
  });

  test('an actions Answer renders as a card with its suggestions as buttons', () => {
    const card = renderActionsAnswerCard(
      { intent: 'actions.list', text: 'Overdue actions: 1.\nline', actions: [{ id: 'A', title: 'Do it', status: 'In progress', rag: 'Red – off track', leadAgency: 'Police', targetDate: '2021-07-01' }], suggestions: ['red actions'], caveats: ['Sample data.'] },
    );
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('"verb":"ask","data":{"question":"red actions"}');
  });
});

describe('user-specific views', () => {
  test('only Teams user ids (29:…), each once, at most 60', () => {
    const many = Array.from({ length: 80 }, (_, i) => `29:user-${i}`);
    const ids = refreshUserIds(['29:lead', 'a0000001-0000-4000-8000-000000000001', null, '29:lead', '', ...many]);
    expect(ids[0]).toBe('29:lead');
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(ids.every((id) => /^29:/.test(id))).toBe(true);
  });

  test('the refresh carries only the action id and version', () => {
    const card = withRefresh({ type: 'AdaptiveCard', version: '1.5', body: [] }, { id: 'A', version: 4 }, ['29:x']);
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', title: 'Refresh', verb: 'action.refresh', data: { id: 'A', version: 4 } }, userIds: ['29:x'] });
    expect(withRefresh({ type: 'AdaptiveCard' }, { id: 'A', version: 4 }, ['not-a-teams-id']).refresh).toBeUndefined();
  });
});
