import { DEFAULT_SCHEDULE, Deadline } from '../../../src/domain/followups/model';
import { describeStage, draftsFor, planReminders, snoozeUntil } from '../../../src/domain/followups/schedule';

const far = '2030-01-01T00:00:00.000Z';

describe('reminder schedule', () => {
  it('plans 14, 7 and 1 days before and on the day at 09:00 London time, in BST and in GMT', () => {
    const p = planReminders({ dueDate: '2021-11-08', schedule: { ...DEFAULT_SCHEDULE, overdueEveryDays: 0 }, notBefore: '2021-01-01T00:00:00Z', until: far });
    expect(p.map((x) => [x.stage, x.fireAt])).toEqual([
      ['before-14', '2021-10-25T08:00:00.000Z'], // BST
      ['before-7', '2021-11-01T09:00:00.000Z'], // GMT
      ['before-1', '2021-11-05T09:00:00.000Z'], // Sunday → Friday
      ['due', '2021-11-08T09:00:00.000Z'],
    ]);
  });

  it('moves a reminder on a bank holiday to the business day before', () => {
    // Due Tuesday 31 August 2021: the day before is the summer bank holiday.
    const p = planReminders({ dueDate: '2021-08-31', schedule: { ...DEFAULT_SCHEDULE, overdueEveryDays: 0 }, notBefore: '2021-01-01T00:00:00Z', until: far });
    expect(p.find((x) => x.stage === 'before-1')?.fireAt).toBe('2021-08-27T08:00:00.000Z');
  });

  it('plans weekly overdue reminders only up to the planning horizon, marking the second for escalation', () => {
    const p = planReminders({ dueDate: '2021-09-01', schedule: DEFAULT_SCHEDULE, notBefore: '2021-03-12T00:00:00Z', until: '2021-09-16T00:00:00Z' });
    expect(p.filter((x) => x.stage.startsWith('overdue')).map((x) => [x.stage, x.fireAt, x.escalate])).toEqual([
      ['overdue-1', '2021-09-08T08:00:00.000Z', false],
      ['overdue-2', '2021-09-15T08:00:00.000Z', true],
    ]);
  });

  it('plans nothing before the item existed, and nothing during a snooze except one reminder when it ends', () => {
    const p = planReminders({
      dueDate: '2021-09-01',
      schedule: { ...DEFAULT_SCHEDULE, overdueEveryDays: 0 },
      notBefore: '2021-08-20T00:00:00Z',
      until: far,
      snoozedUntil: '2021-08-27T08:00:00.000Z',
    });
    expect(p.map((x) => x.stage)).toEqual(['snoozed', 'before-1', 'due']);
    const sameMoment = planReminders({ dueDate: '2021-09-01', schedule: DEFAULT_SCHEDULE, notBefore: '2021-08-20T00:00:00Z', until: '2021-09-02T00:00:00Z', snoozedUntil: '2021-08-31T08:00:00.000Z' });
    expect(sameMoment.map((x) => x.stage)).toEqual(['before-1', 'due']);
  });

  it('follows a per-item schedule', () => {
    const p = planReminders({ dueDate: '2021-09-01', schedule: { ...DEFAULT_SCHEDULE, daysBefore: [3], onTheDay: false, overdueEveryDays: 0, localTime: '13:30' }, notBefore: '2021-01-01T00:00:00Z', until: far });
    expect(p.map((x) => [x.stage, x.fireAt])).toEqual([['before-3', '2021-08-27T12:30:00.000Z']]); // 29th is a Sunday
  });

  it('expands to one delivery per recipient, adds coordinators to the escalating one, and leaves muted people out', () => {
    const deadline: Deadline = {
      kind: 'followup',
      id: 'FU-1',
      title: 'Report',
      dueDate: '2021-09-01',
      recipients: [
        { kind: 'user', target: 'owner', label: null, role: 'owner', muted: false },
        { kind: 'user', target: 'quiet', label: null, role: 'audience', muted: true },
        { kind: 'committee', target: 'committee', label: null, role: 'audience', muted: false },
      ],
      schedule: { ...DEFAULT_SCHEDULE, daysBefore: [], onTheDay: false },
      notBefore: '2021-03-12T00:00:00Z',
      snoozedUntil: null,
    };
    const drafts = draftsFor(deadline, '2021-09-16T00:00:00Z', ['coord', 'owner', 'quiet']);
    expect(drafts.map((d) => [d.stage, d.recipient, d.escalation])).toEqual([
      ['overdue-1', 'owner', false],
      ['overdue-1', 'committee', false],
      ['overdue-2', 'owner', false],
      ['overdue-2', 'committee', false],
      ['overdue-2', 'coord', true],
    ]);
    expect(new Set(drafts.map((d) => d.sendKey)).size).toBe(drafts.length);
    expect(drafts[0].sendKey).toBe('followup:FU-1|2021-09-08T08:00:00.000Z|user:owner');
  });

  it('snoozes a week to 09:00 on a business day', () => {
    expect(snoozeUntil(new Date('2021-08-18T10:00:00Z'), 7, DEFAULT_SCHEDULE)).toBe('2021-08-25T08:00:00.000Z');
    expect(snoozeUntil(new Date('2021-08-23T10:00:00Z'), 7, DEFAULT_SCHEDULE)).toBe('2021-08-31T08:00:00.000Z'); // 30th is a holiday
  });

  it('describes how far off the due date is', () => {
    expect(describeStage('2021-09-01', '2021-08-18')).toBe('Due in 14 days');
    expect(describeStage('2021-09-01', '2021-08-31')).toBe('Due tomorrow');
    expect(describeStage('2021-09-01', '2021-09-01')).toBe('Due today');
    expect(describeStage('2021-09-01', '2021-09-08')).toBe('Overdue by 7 days');
  });
});
