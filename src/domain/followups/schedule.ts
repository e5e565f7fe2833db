import { DateTime } from 'luxon';
import { DEFAULT_HOLIDAYS, HolidaySet, addDays, onOrBeforeBusinessDay } from './holidays';
import type { Deadline, Recipient, ReminderScheduleConfig } from './model';

/** When a reminder goes and why: `stage` is "before-14", "due", "overdue-2", "snoozed" or "requested". */
export interface PlannedReminder {
  fireAt: string;
  stage: string;
  /** Days from the due date (negative before it). */
  offsetDays: number;
  /** True for the overdue reminder that also goes to the coordinators. */
  escalate: boolean;
}

/** A local date and time in the zone, as an ISO UTC instant. */
export function localToUtc(date: string, localTime: string, timezone: string): string {
  const [h, m] = localTime.split(':').map(Number);
  const dt = DateTime.fromISO(date, { zone: timezone }).set({ hour: h, minute: m, second: 0, millisecond: 0 });
  if (!dt.isValid) throw new Error(`cannot place ${date} ${localTime} in ${timezone}`);
  return dt.toUTC().toISO({ suppressMilliseconds: false }) as string;
}

/** The local calendar date of an instant. */
export function localDate(instant: string | Date, timezone: string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return DateTime.fromMillis(ms, { zone: timezone }).toISODate() as string;
}

function toIso(s: string): string {
  return new Date(s).toISOString();
}

/**
 * The reminder times of one deadline: before it (moved back to the previous business day when
 * they land on a weekend or bank holiday), on the day, then every `overdueEveryDays` while open,
 * up to `until`. Nothing before `notBefore` (the item did not exist then) and nothing before the
 * snooze ends; a snoozed item gets one reminder when the snooze ends.
 */
export function planReminders(
  input: { dueDate: string; schedule: ReminderScheduleConfig; notBefore: string; until: string; snoozedUntil?: string | null },
  holidays: HolidaySet = DEFAULT_HOLIDAYS,
): PlannedReminder[] {
  const s = input.schedule;
  const at = (date: string) => toIso(localToUtc(date, s.localTime, s.timezone));
  const out = new Map<string, PlannedReminder>();
  const add = (p: PlannedReminder) => {
    const existing = out.get(p.fireAt);
    // Two stages landing on one moment (a Monday's "1 day before" moved back to Friday next to
    // another) are one reminder: keep the one nearer the due date.
    if (!existing || Math.abs(p.offsetDays) < Math.abs(existing.offsetDays) || p.escalate) out.set(p.fireAt, p);
  };
  const before = [...new Set(s.daysBefore.filter((d) => d > 0))].sort((a, b) => b - a);
  for (const d of before) {
    add({ fireAt: at(onOrBeforeBusinessDay(addDays(input.dueDate, -d), holidays)), stage: `before-${d}`, offsetDays: -d, escalate: false });
  }
  if (s.onTheDay) add({ fireAt: at(onOrBeforeBusinessDay(input.dueDate, holidays)), stage: 'due', offsetDays: 0, escalate: false });
  if (s.overdueEveryDays > 0) {
    for (let n = 1; n <= s.overdueMax; n++) {
      const offset = n * s.overdueEveryDays;
      const fireAt = at(onOrBeforeBusinessDay(addDays(input.dueDate, offset), holidays));
      if (fireAt > input.until) break;
      add({ fireAt, stage: `overdue-${n}`, offsetDays: offset, escalate: s.escalateAtOverdue > 0 && n === s.escalateAtOverdue });
    }
  }
  const notBefore = toIso(input.notBefore);
  const snoozeEnd = input.snoozedUntil ? toIso(input.snoozedUntil) : null;
  const planned = [...out.values()].filter((p) => p.fireAt >= notBefore && (!snoozeEnd || p.fireAt >= snoozeEnd));
  if (snoozeEnd && snoozeEnd >= notBefore && !planned.some((p) => p.fireAt === snoozeEnd)) {
    planned.push({ fireAt: snoozeEnd, stage: 'snoozed', offsetDays: 0, escalate: false });
  }
  return planned.sort((a, b) => a.fireAt.localeCompare(b.fireAt));
}

/** The end of a snooze of `days` from `now`: that many days on, at the reminder time, on a business day. */
export function snoozeUntil(now: Date, days: number, schedule: ReminderScheduleConfig, holidays: HolidaySet = DEFAULT_HOLIDAYS): string {
  const date = addDays(localDate(now, schedule.timezone), days);
  let d = date;
  // Forward, not back: a snooze must not end sooner than asked.
  while (!isBusiness(d, holidays)) d = addDays(d, 1);
  return toIso(localToUtc(d, schedule.localTime, schedule.timezone));
}

function isBusiness(d: string, holidays: HolidaySet): boolean {
  return onOrBeforeBusinessDay(d, holidays) === d;
}

/** A reminder to deliver: one planned time for one recipient. */
export interface ReminderDraft {
  sendKey: string;
  itemKind: Deadline['kind'] | 'digest';
  itemId: string;
  stage: string;
  fireAt: string;
  recipientKind: Recipient['kind'];
  recipient: string;
  escalation: boolean;
}

/** The unique key of a delivery: (item, fire time, recipient). Two instances computing it agree. */
export function sendKey(itemKind: string, itemId: string, fireAt: string, recipientKind: string, recipient: string): string {
  return `${itemKind}:${itemId}|${fireAt}|${recipientKind}:${recipient}`;
}

/** Expands a deadline's planned times into deliveries; coordinators are added to the escalating one. */
export function draftsFor(deadline: Deadline, until: string, coordinators: string[], holidays: HolidaySet = DEFAULT_HOLIDAYS): ReminderDraft[] {
  const planned = planReminders(
    { dueDate: deadline.dueDate, schedule: deadline.schedule, notBefore: deadline.notBefore, until, snoozedUntil: deadline.snoozedUntil },
    holidays,
  );
  const listeners = deadline.recipients.filter((r) => !r.muted);
  const users = new Set(listeners.filter((r) => r.kind === 'user').map((r) => r.target));
  const mutedUsers = new Set(deadline.recipients.filter((r) => r.kind === 'user' && r.muted).map((r) => r.target));
  const out: ReminderDraft[] = [];
  for (const p of planned) {
    const targets: { kind: Recipient['kind']; target: string; escalation: boolean }[] = listeners.map((r) => ({ kind: r.kind, target: r.target, escalation: false }));
    if (p.escalate) {
      for (const c of coordinators) {
        if (!users.has(c) && !mutedUsers.has(c)) targets.push({ kind: 'user', target: c, escalation: true });
      }
    }
    for (const t of targets) {
      out.push({
        sendKey: sendKey(deadline.kind, deadline.id, p.fireAt, t.kind, t.target),
        itemKind: deadline.kind,
        itemId: deadline.id,
        stage: p.stage,
        fireAt: p.fireAt,
        recipientKind: t.kind,
        recipient: t.target,
        escalation: t.escalation,
      });
    }
  }
  return out;
}

/** "Due in 14 days", "Due today", "Overdue by 7 days". */
export function describeStage(dueDate: string, today: string): string {
  const days = Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days === 0) return 'Due today';
  if (days === 1) return 'Due tomorrow';
  if (days > 1) return `Due in ${days} days`;
  return days === -1 ? 'Overdue by 1 day' : `Overdue by ${-days} days`;
}
