/** A thing the committee (or someone in chat) asked for, with a due date and the people to remind. */
export type FollowUpStatus = 'open' | 'done' | 'cancelled';
export type DuePrecision = 'day' | 'month';
export type SourceKind = 'resolution' | 'request' | 'chat' | 'manual';

/** Who hears about an item: a user (their personal chat), a stored conversation, or the committee channel. */
export type RecipientKind = 'user' | 'conversation' | 'committee';

export interface Recipient {
  kind: RecipientKind;
  /** AAD object id for 'user', conversation key for 'conversation', 'committee' for the committee channel. */
  target: string;
  /** Shown on cards; for users their name. */
  label: string | null;
  role: 'owner' | 'audience';
  /** True after "stop reminding me about …": kept, so it can be turned back on. */
  muted: boolean;
}

export interface FollowUpSource {
  kind: SourceKind;
  /** YYYY-MM-DD */
  meetingDate: string | null;
  meetingTitle: string | null;
  /** e.g. "Resolution (2)" */
  minuteRef: string | null;
  /** The sentence the item came from, in the project's words or as imported. */
  text: string | null;
}

export interface FollowUp {
  id: string;
  title: string;
  detail: string | null;
  /** The resolved due date, YYYY-MM-DD (for month precision: the configured day of that month). */
  dueDate: string;
  duePrecision: DuePrecision;
  /** YYYY-MM when the precision is month. */
  dueMonth: string | null;
  status: FollowUpStatus;
  /** ISO timestamp; reminders before it are skipped. */
  snoozedUntil: string | null;
  source: FollowUpSource;
  /** The action this follow-up is about, when there is one ("Open the action"). */
  actionId: string | null;
  classification: 'public' | 'exempt';
  /** Overrides of the global reminder schedule for this item. */
  schedule: Partial<ReminderScheduleConfig> | null;
  recipients: Recipient[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  completedAt: string | null;
  version: number;
}

export interface ReminderScheduleConfig {
  /** Days before the due date a reminder goes, e.g. [14, 7, 1]. */
  daysBefore: number[];
  onTheDay: boolean;
  /** Local time of day, HH:mm. */
  localTime: string;
  timezone: string;
  /** Interval of reminders after the due date while the item stays open; 0 for none. */
  overdueEveryDays: number;
  /** Stop after this many overdue reminders (a forgotten item must not nag for ever). */
  overdueMax: number;
  /** The overdue reminder (1-based) that also goes to the coordinators; 0 for never. */
  escalateAtOverdue: number;
}

export const DEFAULT_SCHEDULE: ReminderScheduleConfig = {
  daysBefore: [14, 7, 1],
  onTheDay: true,
  localTime: '09:00',
  timezone: 'Europe/London',
  overdueEveryDays: 7,
  overdueMax: 12,
  escalateAtOverdue: 2,
};

/** How a month-precision due date becomes a day. */
export type MonthDueDay = 'first-working-day' | 'last-working-day' | number;

export function mergeSchedule(global: ReminderScheduleConfig, item: Partial<ReminderScheduleConfig> | null | undefined): ReminderScheduleConfig {
  return { ...global, ...(item ?? {}) };
}

/** One open thing with a date that reminders are about: a follow-up or an action's target date. */
export interface Deadline {
  kind: 'followup' | 'action';
  id: string;
  title: string;
  dueDate: string;
  recipients: Recipient[];
  schedule: ReminderScheduleConfig;
  /** Reminders are never planned before this moment (the item did not exist). */
  notBefore: string;
  snoozedUntil: string | null;
}

/** What a reminder card is about: a follow-up, or an action's target date. */
export interface ReminderSubject {
  kind: 'followup' | 'action';
  id: string;
  title: string;
  detail: string | null;
  dueDate: string;
  duePrecision: DuePrecision;
  dueMonth: string | null;
  /** 'open', 'done', 'cancelled' for follow-ups; the action's own status for actions. */
  status: string;
  open: boolean;
  version: number;
  /** The action to open from the card (the action itself for action deadlines). */
  actionId: string | null;
  source: FollowUpSource | null;
  ownerNames: string[];
  classification: 'public' | 'exempt';
}

export function subjectOfFollowUp(f: FollowUp): ReminderSubject {
  return {
    kind: 'followup',
    id: f.id,
    title: f.title,
    detail: f.detail,
    dueDate: f.dueDate,
    duePrecision: f.duePrecision,
    dueMonth: f.dueMonth,
    status: f.status,
    open: f.status === 'open',
    version: f.version,
    actionId: f.actionId,
    source: f.source,
    ownerNames: f.recipients.filter((r) => r.role === 'owner' && r.kind === 'user').map((r) => r.label ?? r.target),
    classification: f.classification,
  };
}
