/**
 * What is due: the deliveries to plan, and what to do with each claimed one. Pure: every input is
 * passed in (items, subjects, the time), so the rules can be read and tested without a store.
 */
import { sendKey, draftsFor, ReminderDraft } from '../../domain/followups/schedule';
import type { HolidaySet } from '../../domain/followups/holidays';
import { Deadline, FollowUp, mergeSchedule, ReminderScheduleConfig, ReminderSubject } from '../../domain/followups/model';
import { digestMoments, DigestConfig } from './digest';
import type { Reminder } from '../../store/reminderRepo';

/** An action with a target date, as the actions aggregate describes it to the scheduler. */
export interface ActionDeadline {
  id: string;
  title: string;
  /** YYYY-MM-DD, the current target date. */
  targetDate: string;
  leads: { aadObjectId: string; name: string }[];
  /** When the action was created: no reminder is planned before it. */
  createdAt: string;
}

export function deadlineOfFollowUp(f: FollowUp, schedule: ReminderScheduleConfig): Deadline {
  return {
    kind: 'followup',
    id: f.id,
    title: f.title,
    dueDate: f.dueDate,
    recipients: f.recipients,
    schedule: mergeSchedule(schedule, f.schedule),
    notBefore: f.createdAt,
    snoozedUntil: f.snoozedUntil,
  };
}

export function deadlineOfAction(a: ActionDeadline, schedule: ReminderScheduleConfig): Deadline {
  return {
    kind: 'action',
    id: a.id,
    title: a.title,
    dueDate: a.targetDate,
    recipients: a.leads.map((l) => ({ kind: 'user', target: l.aadObjectId, label: l.name, role: 'owner', muted: false })),
    schedule,
    notBefore: a.createdAt,
    snoozedUntil: null,
  };
}

/** Every delivery due up to `until`: each deadline's reminders, and the weekly digest's moments. */
export function plannedDrafts(input: {
  now: Date;
  until: string;
  deadlines: Deadline[];
  coordinators: string[];
  holidays: HolidaySet;
  digest: DigestConfig;
}): ReminderDraft[] {
  const drafts: ReminderDraft[] = [];
  for (const d of input.deadlines) drafts.push(...draftsFor(d, input.until, input.coordinators, input.holidays));
  if (input.digest.enabled) {
    for (const m of digestMoments(input.now, input.digest, input.holidays)) {
      drafts.push({
        sendKey: sendKey('digest', m.date, m.fireAt, 'committee', 'committee'),
        itemKind: 'digest',
        itemId: m.date,
        stage: 'digest',
        fireAt: m.fireAt,
        recipientKind: 'committee',
        recipient: 'committee',
        escalation: false,
      });
    }
  }
  return drafts;
}

/** What to do with a claimed delivery before looking for where it goes. */
export type Triage = { kind: 'skip'; reason: string } | { kind: 'wait' } | { kind: 'deliver' };

/**
 * `subject` is undefined when its kind cannot be looked up here (actions with no deadline source),
 * null when the item is gone.
 */
export function triage(
  r: Reminder,
  subject: ReminderSubject | null | undefined,
  followUp: FollowUp | undefined,
  now: Date,
  options: { catchUpAfterMs: number; canLookUpActions: boolean },
): Triage {
  if (r.itemKind === 'digest') {
    // A digest days late is news no one needs; next week's will come.
    if (r.fireAt < new Date(now.getTime() - options.catchUpAfterMs).toISOString()) return { kind: 'skip', reason: 'stale digest' };
    return { kind: 'deliver' };
  }
  if (subject === undefined && r.itemKind === 'action' && !options.canLookUpActions) return { kind: 'wait' };
  if (!subject) return { kind: 'skip', reason: 'item gone' };
  if (!subject.open) return { kind: 'skip', reason: `item ${subject.status}` };
  if (r.itemKind === 'followup' && followUp) {
    if (followUp.snoozedUntil && r.fireAt < followUp.snoozedUntil) return { kind: 'skip', reason: 'snoozed' };
    if (followUp.recipients.some((x) => x.kind === r.recipientKind && x.target === r.recipient && x.muted)) return { kind: 'skip', reason: 'muted' };
  }
  return { kind: 'deliver' };
}

/**
 * When to look again at a delivery with no conversation to go to: soon for one that just fell due
 * (the app is being installed), less often for one that has waited for days (someone who never
 * opened a chat with the bot), at most hourly.
 */
export function nextLookAt(r: Reminder, now: Date, waitForConversationMs: number): string {
  const age = Math.max(0, now.getTime() - Date.parse(r.fireAt));
  const delay = Math.min(60 * 60_000, Math.max(waitForConversationMs, Math.round(age / 10)));
  return new Date(now.getTime() + delay).toISOString();
}
