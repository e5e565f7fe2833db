import type { CardJson } from '../../core/turn';
import { describeDue } from '../../domain/followups/dueDate';
import type { FollowUpSource, ReminderSubject } from '../../domain/followups/model';
import { describeStage } from '../../domain/followups/schedule';
import { assertCardFits, renderCard } from '../../cards/template';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Wednesday 1 September 2021". */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return `${WEEKDAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "Resolution (2) of the Crime and Disorder Committee, 11 March 2021". */
export function describeSource(source: FollowUpSource | null): string {
  if (!source) return '';
  const what = source.minuteRef ?? (source.kind === 'resolution' ? 'A resolution' : source.kind === 'request' ? 'A request' : source.kind === 'chat' ? 'Asked for in chat' : '');
  const body = source.meetingTitle ? ` of the ${source.meetingTitle}` : source.meetingDate ? ' of the committee' : '';
  const when = source.meetingDate ? `, ${describeDue(source.meetingDate, 'day', null)}` : '';
  return `${what}${body}${when}`.trim();
}

export function dueText(s: Pick<ReminderSubject, 'dueDate' | 'duePrecision' | 'dueMonth'>): string {
  if (s.duePrecision === 'month' && s.dueMonth) return `${describeDue(s.dueDate, 'month', s.dueMonth)} (by ${longDate(s.dueDate)})`;
  return longDate(s.dueDate);
}

function statusText(s: ReminderSubject): string {
  if (s.kind === 'action') return s.status;
  return s.status === 'open' ? 'Open' : s.status === 'done' ? 'Done' : 'Cancelled';
}

export interface ReminderCardOptions {
  /** Local date the reminder is read on (for "Due in 14 days"). */
  today: string;
  escalation?: boolean;
  /** A line shown after a button was pressed ("Marked done by Alex Morgan."). */
  notice?: string;
}

/** The card a reminder arrives as; its buttons carry the id and row version only. */
export function reminderCard(s: ReminderSubject, o: ReminderCardOptions): CardJson {
  const facts = [
    { label: 'Due', value: dueText(s) },
    { label: 'Status', value: statusText(s) },
  ];
  const why = describeSource(s.source);
  if (why) facts.push({ label: 'Why', value: why });
  if (s.source?.text) facts.push({ label: 'From the minutes', value: s.source.text });
  if (s.ownerNames.length > 0) facts.push({ label: s.kind === 'action' ? 'Lead' : 'Owner', value: s.ownerNames.join(', ') });
  const stageText = s.open ? describeStage(s.dueDate, o.today) : s.kind === 'followup' ? `No longer due: ${statusText(s).toLowerCase()}` : `No longer due (${s.status})`;
  const card = renderCard('reminder', {
    kindLabel: s.kind === 'action' ? 'Action target date' : 'Follow-up',
    title: s.title,
    stageText,
    escalationText: o.escalation ? 'Sent to the coordinators as well: this is the second reminder since it fell overdue.' : '',
    facts,
    detail: s.detail ?? '',
    notice: o.notice ?? '',
    id: s.id,
    version: s.version,
    canMarkDone: s.kind === 'followup' && s.open,
    canSnooze: s.kind === 'followup' && s.open,
    actionId: s.actionId ?? '',
    canDraftReport: s.kind === 'followup' && s.open && isProgressReport(s.title),
  });
  return assertCardFits(card);
}

/** A follow-up asking for a progress report to the committee: its reminder offers to draft it. */
export function isProgressReport(title: string): boolean {
  return /\bprogress report\b/i.test(title);
}

export interface MissedItem {
  subject: ReminderSubject;
  /** How many of the conversation's missed reminders were about this item. */
  count: number;
}

const MAX_LISTED = 15;

/** One card for everything a conversation missed while the bot was away. */
export function reminderSummaryCard(missed: MissedItem[], total: number, o: { today: string; from: string; to: string }): CardJson {
  const listed = missed.slice(0, MAX_LISTED);
  const card = renderCard('reminder-summary', {
    heading: `${total} reminder${total === 1 ? '' : 's'} you missed`,
    intro: `The assistant could not post reminders here between ${o.from} and ${o.to}. Here is where each item stands now.`,
    items: listed.map(({ subject: s, count }) => ({
      title: s.title,
      line: `${s.open ? describeStage(s.dueDate, o.today) : `No longer due (${s.status})`} – due ${dueText(s)}${count > 1 ? ` – ${count} reminders` : ''}`,
      why: describeSource(s.source),
    })),
    more: missed.length > listed.length ? `and ${missed.length - listed.length} more: ask "what's due" for the full list.` : '',
  });
  return assertCardFits(card);
}

export interface DigestSection {
  title: string;
  lines: string[];
  empty: string;
}

export function digestCard(heading: string, intro: string, sections: DigestSection[]): CardJson {
  const card = renderCard('digest', {
    heading,
    intro,
    sections: sections.map((s) => ({
      title: s.title,
      empty: s.empty,
      lines: s.lines.length > MAX_LISTED ? [...s.lines.slice(0, MAX_LISTED), `and ${s.lines.length - MAX_LISTED} more`] : s.lines,
    })),
  });
  return assertCardFits(card);
}
