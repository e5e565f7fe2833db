import { DateTime } from 'luxon';
import { DEFAULT_HOLIDAYS, HolidaySet, addDays, onOrAfterBusinessDay } from '../../domain/followups/holidays';
import type { FollowUp } from '../../domain/followups/model';
import { localDate, localToUtc } from '../../domain/followups/schedule';
import { describeDue } from '../../domain/followups/dueDate';

export interface DigestConfig {
  enabled: boolean;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  localTime: string;
  timezone: string;
}

export const DEFAULT_DIGEST: DigestConfig = { enabled: true, weekday: 1, localTime: '09:00', timezone: 'Europe/London' };

/** The digest moments of the week containing `now` and the next one (a bank holiday moves it to the next business day). */
export function digestMoments(now: Date, c: DigestConfig, holidays: HolidaySet = DEFAULT_HOLIDAYS): { date: string; fireAt: string }[] {
  const today = DateTime.fromISO(localDate(now, c.timezone), { zone: 'utc' });
  const thisWeek = today.minus({ days: today.weekday - 1 }).plus({ days: c.weekday - 1 }).toISODate() as string;
  return [thisWeek, addDays(thisWeek, 7)].map((d) => {
    const date = onOrAfterBusinessDay(d, holidays);
    return { date, fireAt: new Date(localToUtc(date, c.localTime, c.timezone)).toISOString() };
  });
}

/** One change to the action plan, as the actions aggregate describes it. */
export interface ActionPlanChange {
  actionId: string;
  title: string;
  /** e.g. "status: in progress → completed". */
  summary: string;
  at: string;
}

export interface DigestContent {
  heading: string;
  intro: string;
  dueSoon: string[];
  overdue: string[];
  changes: string[];
  /** False when the action plan's changes could not be read (no source wired). */
  changesKnown: boolean;
}

/** What the committee channel reads each week: due in the next two weeks, overdue, and what changed since the last digest. */
export function composeDigest(input: {
  today: string;
  openFollowUps: FollowUp[];
  actionDeadlines: { title: string; dueDate: string }[];
  changes: ActionPlanChange[] | null;
  since: string | null;
}): DigestContent {
  const horizon = addDays(input.today, 14);
  const items = [
    ...input.openFollowUps
      .filter((f) => f.classification === 'public')
      .map((f) => ({ title: f.title, dueDate: f.dueDate, due: describeDue(f.dueDate, f.duePrecision, f.dueMonth), kind: 'Follow-up' })),
    ...input.actionDeadlines.map((a) => ({ title: a.title, dueDate: a.dueDate, due: describeDue(a.dueDate, 'day', null), kind: 'Action' })),
  ].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title));
  const dueSoon = items.filter((i) => i.dueDate >= input.today && i.dueDate <= horizon).map((i) => `${i.kind}: ${i.title} – due ${i.due}`);
  const overdue = items.filter((i) => i.dueDate < input.today).map((i) => `${i.kind}: ${i.title} – was due ${i.due}`);
  const changes = (input.changes ?? []).map((c) => `${c.title}: ${c.summary} (${describeDue(c.at.slice(0, 10), 'day', null)})`);
  return {
    heading: `Weekly digest – ${describeDue(input.today, 'day', null)}`,
    intro: input.since
      ? `Follow-ups and action deadlines, and what changed in the action plan since the last digest on ${describeDue(input.since.slice(0, 10), 'day', null)}.`
      : 'Follow-ups and action deadlines, and recent changes in the action plan.',
    dueSoon,
    overdue,
    changes,
    changesKnown: input.changes !== null,
  };
}
