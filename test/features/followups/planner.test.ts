import { nextLookAt, triage } from '../../../src/features/followups/planner';
import type { Reminder } from '../../../src/store/reminderRepo';
import type { FollowUp, ReminderSubject } from '../../../src/domain/followups/model';

const now = new Date('2021-09-01T08:00:00Z');
const row = (extra: Partial<Reminder> = {}): Reminder =>
  ({ id: 1, itemKind: 'followup', itemId: 'F1', fireAt: '2021-09-01T08:00:00.000Z', recipientKind: 'user', recipient: 'u1', ...extra }) as Reminder;
const subject = (extra: Partial<ReminderSubject> = {}) => ({ open: true, status: 'open', ...extra }) as ReminderSubject;
const opts = { catchUpAfterMs: 3_600_000, canLookUpActions: true };

describe('planner: what to do with a claimed reminder (pure)', () => {
  it('delivers an open item, skips a closed, gone, snoozed or muted one, and says why', () => {
    expect(triage(row(), subject(), undefined, now, opts)).toEqual({ kind: 'deliver' });
    expect(triage(row(), subject({ open: false, status: 'done' }), undefined, now, opts)).toEqual({ kind: 'skip', reason: 'item done' });
    expect(triage(row(), null, undefined, now, opts)).toEqual({ kind: 'skip', reason: 'item gone' });
    const snoozed = { snoozedUntil: '2021-09-08T08:00:00.000Z', recipients: [] } as unknown as FollowUp;
    expect(triage(row(), subject(), snoozed, now, opts)).toEqual({ kind: 'skip', reason: 'snoozed' });
    const muted = { snoozedUntil: null, recipients: [{ kind: 'user', target: 'u1', muted: true }] } as unknown as FollowUp;
    expect(triage(row(), subject(), muted, now, opts)).toEqual({ kind: 'skip', reason: 'muted' });
  });

  it('a digest days late is skipped; an action waits while actions cannot be looked up', () => {
    expect(triage(row({ itemKind: 'digest', fireAt: '2021-08-29T08:00:00.000Z' }), undefined, undefined, now, opts)).toEqual({ kind: 'skip', reason: 'stale digest' });
    expect(triage(row({ itemKind: 'action' }), undefined, undefined, now, { ...opts, canLookUpActions: false })).toEqual({ kind: 'wait' });
  });

  it('looks again soon for a reminder that just fell due, and at most hourly for an old one', () => {
    expect(nextLookAt(row(), now, 30_000)).toBe('2021-09-01T08:00:30.000Z');
    expect(nextLookAt(row({ fireAt: '2021-08-20T08:00:00.000Z' }), now, 30_000)).toBe('2021-09-01T09:00:00.000Z');
  });
});
