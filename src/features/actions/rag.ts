import { DateTime } from 'luxon';
import { ActionItem, isOpen, Rag, RAG_LABELS, formatDate, STATUS_LABELS } from '../../domain/actions/model';

/**
 * How RAG is derived for an open action (closed, completed, cancelled and carried-forward items
 * have none). The rule, in order, first match wins:
 *
 * 1. Red – off track: the current target date has passed.
 * 2. Green – on track: not started yet and its start date is still ahead (no update is due).
 * 3. Grey – no update this cycle: no progress update in the last reporting cycle (three months,
 *    the committee's quarterly rhythm), or none at all.
 * 4. Amber – at risk: on hold; or not started with the target date within 30 days; or the last
 *    update is older than half a cycle (six weeks).
 * 5. Green – on track otherwise.
 *
 * A manual override replaces the derived value and must carry a reason; it is shown as set by hand.
 */
export const CYCLE_MONTHS = 3;
export const AT_RISK_DAYS = 30;
export const STALE_UPDATE_WEEKS = 6;

export interface RagView {
  rag: Rag;
  label: string;
  /** Why: the rule that fired, or the override's reason. */
  reason: string;
  overridden: boolean;
  /** What the rule gives, when an override hides it. */
  derived: Rag;
}

const dayFormats = new Map<string, { format: Intl.DateTimeFormat; quarter: number; day: string }>();
const QUARTER_HOUR = 900_000;

/** Today as YYYY-MM-DD in the partnership's time zone. */
export function today(now: Date, zone = 'Europe/London'): string {
  // Asked on every turn and for every action's RAG. Every time zone's offset today is a whole number of
  // quarter hours, so the date cannot change within a quarter hour of UTC: the last one is kept.
  let zoned = dayFormats.get(zone);
  if (!zoned) {
    zoned = { format: new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }), quarter: NaN, day: '' };
    dayFormats.set(zone, zoned);
  }
  const quarter = Math.floor(now.getTime() / QUARTER_HOUR);
  if (quarter !== zoned.quarter) {
    const parts = zoned.format.formatToParts(now);
    const of = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    zoned.day = `${of('year')}-${of('month')}-${of('day')}`;
    zoned.quarter = quarter;
  }
  return zoned.day;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function shiftDate(date: string, by: { months?: number; weeks?: number }): string {
  return DateTime.fromISO(date, { zone: 'utc' }).minus(by).toISODate() as string;
}

/** True when an open action's target date has passed. */
export function isOverdue(action: ActionItem, now: Date): boolean {
  return isOpen(action.status) && action.targetDate !== null && action.targetDate < today(now);
}

export function deriveRag(action: ActionItem, now: Date): { rag: Rag; reason: string } | null {
  if (!isOpen(action.status)) return null;
  const d = today(now);
  if (action.targetDate && action.targetDate < d) {
    return { rag: 'red', reason: `target date ${formatDate(action.targetDate)} has passed` };
  }
  if (action.status === 'not_started' && action.startDate && action.startDate > d) {
    return { rag: 'green', reason: `not due to start until ${formatDate(action.startDate)}` };
  }
  const cycleStart = shiftDate(d, { months: CYCLE_MONTHS });
  const last = action.latestUpdate?.asOf ?? null;
  if (!last || last < cycleStart) {
    return { rag: 'grey', reason: last ? `no update since ${formatDate(last)}` : 'no progress update yet' };
  }
  if (action.status === 'on_hold') return { rag: 'amber', reason: 'on hold' };
  if (action.status === 'not_started' && action.targetDate && daysBetween(d, action.targetDate) <= AT_RISK_DAYS) {
    return { rag: 'amber', reason: `not started and due by ${formatDate(action.targetDate)}` };
  }
  if (last < shiftDate(d, { weeks: STALE_UPDATE_WEEKS })) {
    return { rag: 'amber', reason: `last update ${formatDate(last)} is over ${STALE_UPDATE_WEEKS} weeks old` };
  }
  // Say what makes it green, so "Green – on track" never explains itself with its own words.
  return { rag: 'green', reason: `updated ${formatDate(last)}${action.targetDate ? `; target date ${formatDate(action.targetDate)} still ahead` : ''}` };
}

/** The RAG people see: the override when one is set, else the derived value; null for items no longer open. */
export function ragView(action: ActionItem, now: Date): RagView | null {
  const derived = deriveRag(action, now);
  if (!derived) return null;
  if (action.ragOverride) {
    return {
      rag: action.ragOverride,
      label: RAG_LABELS[action.ragOverride],
      reason: `set by hand: ${action.ragOverrideReason ?? 'no reason given'}`,
      overridden: true,
      derived: derived.rag,
    };
  }
  return { rag: derived.rag, label: RAG_LABELS[derived.rag], reason: derived.reason, overridden: false, derived: derived.rag };
}

/**
 * Why the RAG is what it is, in one sentence: the colour in words, the rule that gave it, and a
 * target date that has moved (a second slip flags the action for the committee whatever its colour).
 */
export function explainRag(action: ActionItem, now: Date): string {
  const r = ragView(action, now);
  if (!r) return `No RAG: the action is ${STATUS_LABELS[action.status].toLowerCase()}`;
  const by = r.overridden ? `${r.reason} (the rule would give ${RAG_LABELS[r.derived]})` : r.reason;
  const slips =
    action.targetSlips > 0
      ? `; the target date has moved later ${action.targetSlips === 1 ? 'once' : `${action.targetSlips} times`}${action.committeeFlag ? ', so it is flagged for the committee' : ''}`
      : '';
  return `${r.label}: ${by}${slips}`;
}

export function effectiveRag(action: ActionItem, now: Date): Rag | null {
  return ragView(action, now)?.rag ?? null;
}
