import { DEFAULT_HOLIDAYS, HolidaySet, addDays, firstWorkingDayOfMonth, lastWorkingDayOfMonth, onOrAfterBusinessDay } from './holidays';
import type { DuePrecision, MonthDueDay } from './model';

export interface ResolvedDue {
  dueDate: string;
  precision: DuePrecision;
  dueMonth: string | null;
}

/**
 * A due date as said ("1 September 2021" or "September 2021") as a day. A month is due on the
 * configured day of it: by default its first working day, because a committee report "in
 * September" has to be ready when the month starts.
 */
export function resolveDue(due: string, monthDueDay: MonthDueDay = 'first-working-day', holidays: HolidaySet = DEFAULT_HOLIDAYS): ResolvedDue {
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) {
    addDays(due, 0); // validates
    return { dueDate: due, precision: 'day', dueMonth: null };
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(due)) throw new Error(`a due date is YYYY-MM-DD or YYYY-MM, got "${due}"`);
  return { dueDate: monthDue(due, monthDueDay, holidays), precision: 'month', dueMonth: due };
}

export function monthDue(month: string, monthDueDay: MonthDueDay, holidays: HolidaySet = DEFAULT_HOLIDAYS): string {
  if (monthDueDay === 'first-working-day') return firstWorkingDayOfMonth(month, holidays);
  if (monthDueDay === 'last-working-day') return lastWorkingDayOfMonth(month, holidays);
  const lastDay = Number(lastWorkingDayOfMonth(month, new Set()).slice(8));
  const d = Math.min(Math.max(1, Math.trunc(monthDueDay)), lastDay);
  const date = `${month}-${String(d).padStart(2, '0')}`;
  const next = onOrAfterBusinessDay(date, holidays);
  // Never spill into the next month: fall back to the month's last working day.
  return next.startsWith(month) ? next : lastWorkingDayOfMonth(month, holidays);
}

/** "1 September 2021", or "September 2021" for month precision. */
export function describeDue(dueDate: string, precision: DuePrecision, dueMonth: string | null): string {
  const [y, m, d] = (precision === 'month' && dueMonth ? `${dueMonth}-01` : dueDate).split('-').map(Number);
  const month = MONTHS[m - 1];
  return precision === 'month' ? `${month} ${y}` : `${d} ${month} ${y}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
