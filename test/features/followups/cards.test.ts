import { digestCard, reminderCard, reminderSummaryCard } from '../../../src/features/followups/cards';
import type { ReminderSubject } from '../../../src/domain/followups/model';
import { cardBytes, CARD_BUDGET_BYTES } from '../../../src/cards/template';
import { validateCard } from '../../../src/cards/validate';

const subject: ReminderSubject = {
  kind: 'followup',
  id: 'FU-1',
  title: 'Further progress report to the Crime and Disorder Committee',
  detail: 'Covering the 2020–21 action plan.',
  dueDate: '2021-09-01',
  duePrecision: 'month',
  dueMonth: '2021-09',
  status: 'open',
  open: true,
  version: 4,
  actionId: null,
  source: { kind: 'resolution', meetingDate: '2021-03-11', meetingTitle: 'Crime and Disorder Committee', minuteRef: 'Resolution (2)', text: null },
  ownerNames: ['Alex Morgan'],
  classification: 'public',
};

function texts(card: object): string {
  return JSON.stringify(card);
}

describe('reminder cards', () => {
  it('say what is due, when and why, with buttons that carry only the id and version', () => {
    const card = reminderCard(subject, { today: '2021-08-18' });
    expect(card.version).toBe('1.5');
    expect(card.msteams).toEqual({ width: 'Full' });
    const t = texts(card);
    expect(t).toContain('Due in 14 days');
    expect(t).toContain('September 2021 (by Wednesday 1 September 2021)');
    expect(t).toContain('Resolution (2) of the Crime and Disorder Committee, 11 March 2021');
    expect((card.actions as { type: string; verb: string; data: unknown }[]).map((a) => [a.type, a.verb, a.data])).toEqual([
      ['Action.Execute', 'followup.done', { id: 'FU-1', version: 4 }],
      ['Action.Execute', 'followup.snooze', { id: 'FU-1', version: 4 }],
      ['Action.Execute', 'report.progress', { id: 'FU-1' }],
    ]);
  });

  it('offer to draft the report only on a progress report\'s reminder', () => {
    const other = reminderCard({ ...subject, title: 'Further information on the rise in reported hate crime' }, { today: '2021-08-18' });
    expect(texts(other)).not.toContain('report.progress');
  });

  it('for an action deadline offer only "Open the action"', () => {
    const card = reminderCard({ ...subject, kind: 'action', id: 'CSP-2021-03', actionId: 'CSP-2021-03', status: 'In progress', duePrecision: 'day', dueMonth: null }, { today: '2021-08-18' });
    expect((card.actions as { verb: string }[]).map((a) => a.verb)).toEqual(['action.view']);
    expect(texts(card)).toContain('Action target date');
  });

  it('say in words, not colour, when an item is closed', () => {
    const t = texts(reminderCard({ ...subject, status: 'done', open: false }, { today: '2021-08-18', notice: 'Marked done by Alex Morgan.' }));
    expect(t).toContain('No longer due: done');
    expect(t).toContain('Marked done by Alex Morgan.');
    expect(t).not.toContain('followup.done');
  });

  it('keep a summary of hundreds of missed reminders under the card budget', () => {
    const missed = Array.from({ length: 300 }, (_, i) => ({ subject: { ...subject, id: `FU-${i}`, title: `${subject.title} ${i}` }, count: 2 }));
    const card = reminderSummaryCard(missed, 600, { today: '2021-08-27', from: '2021-08-18', to: '2021-08-27' });
    expect(texts(card)).toContain('600 reminders you missed');
    expect(texts(card)).toContain('and 285 more');
    expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
  });

  it('are valid Adaptive Cards 1.5 as Teams renders them', () => {
    const cards = [
      reminderCard(subject, { today: '2021-08-18', escalation: true, notice: 'Snoozed.' }),
      reminderCard({ ...subject, actionId: 'CSP-2021-06' }, { today: '2021-08-18' }),
      reminderSummaryCard([{ subject, count: 3 }], 3, { today: '2021-08-27', from: '2021-08-18', to: '2021-08-27' }),
      digestCard('Weekly digest', 'intro', [{ title: 'Due', lines: ['a', 'b'], empty: 'Nothing.' }]),
    ];
    for (const c of cards) expect(validateCard(c)).toEqual([]);
  });

  it('digest sections say "nothing" rather than showing an empty list', () => {
    const t = texts(digestCard('Weekly digest – 23 August 2021', 'intro', [{ title: 'Overdue', lines: [], empty: 'Nothing is overdue.' }]));
    expect(t).toContain('Nothing is overdue.');
  });
});
