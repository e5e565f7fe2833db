import { DateTime } from 'luxon';
import type { GridCell } from '../../../sources/tracker/grid';

/**
 * Dates as UK trackers write them. A month alone ("Mar-25", "March 2025") or a quarter of the
 * financial year ("Q4 2024/25") means its last day: a target "March 2025" is met by 31 March.
 * Words for "no fixed date" ("Ongoing", "TBC", "N/A") give no date. Anything else is unreadable
 * and reported, never guessed: "03/31/2025" is no UK date, and "Q3 2024" could be either year's.
 */
export type DateReading = { kind: 'date'; date: string } | { kind: 'none' } | { kind: 'bad'; reason: string };

const NO_DATE = new Set([
  '', '-', '--', '–', '—', 'n/a', 'na', 'n.a.', 'none', 'nil', 'tbc', 'tba', 'tbd', 'to be confirmed', 'to be agreed', 'to be decided',
  'ongoing', 'on-going', 'on going', 'continuous', 'continual', 'rolling', 'as required', 'as needed', 'as and when', 'throughout the year',
  'throughout year', 'all year', 'year round', 'annual', 'annually', 'quarterly', 'monthly', 'weekly', 'various', 'not applicable', 'no date',
]);

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

/** Excel's day 0 is 30 December 1899 (the 1900 leap-year bug is built into the serials). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

function iso(y: number, m: number, d: number): string | undefined {
  const dt = DateTime.utc(y, m, d);
  return dt.isValid && dt.day === d && dt.month === m ? (dt.toISODate() as string) : undefined;
}

function fullYear(text: string): number {
  const n = Number(text);
  return text.length <= 2 ? 2000 + n : n;
}

type Side = 'start' | 'end';

function monthDay(y: number, m: number, side: Side): string {
  return side === 'end' ? lastDay(y, m) : `${y}-${String(m).padStart(2, '0')}-01`;
}

function lastDay(y: number, m: number): string {
  return DateTime.utc(y, m, 1).endOf('month').toISODate() as string;
}

/** A date cell's calendar day (Excel stores dates as midnight; a float's error is rounded away). */
export function dateOfCell(d: Date): string {
  return new Date(Math.round(d.getTime() / DAY) * DAY).toISOString().slice(0, 10);
}

/** `side` 'start' reads a month or quarter as its first day (a start date), 'end' as its last (a target). */
export function readDate(cell: GridCell | undefined, side: Side = 'end'): DateReading {
  if (cell === null || cell === undefined) return { kind: 'none' };
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { kind: 'bad', reason: 'the date cell is not a real date' };
    // A date cell holding 0 (a formula over a blank) shows as 00/01/1900: it is empty.
    return cell.getTime() <= Date.UTC(1900, 0, 1) ? { kind: 'none' } : { kind: 'date', date: dateOfCell(cell) };
  }
  if (cell === 0) return { kind: 'none' };
  if (typeof cell === 'number') {
    const r = fromSerial(cell);
    return r.kind === 'bad' ? { kind: 'bad', reason: `"${cell}" ${r.reason}` } : r;
  }
  if (typeof cell === 'boolean') return { kind: 'bad', reason: `"${cell ? 'TRUE' : 'FALSE'}" is not a date` };
  return readDateText(cell, side);
}

function fromSerial(n: number): DateReading {
  // 1 Jan 1990 to 31 Dec 2099 as serials: a bare number outside is not a date someone meant.
  if (n >= 32874 && n < 73051) return { kind: 'date', date: new Date(EXCEL_EPOCH + Math.floor(n) * DAY).toISOString().slice(0, 10) };
  return { kind: 'bad', reason: 'is not a date' };
}

export function readDateText(raw: string, side: Side = 'end'): DateReading {
  const text = raw.replace(/\u00a0/g, ' ').trim();
  const lower = text.toLowerCase().replace(/\s+/g, ' ').replace(/[.]$/, '');
  if (NO_DATE.has(lower)) return { kind: 'none' };
  const bad = (why = 'is not a date this import can read (write it as 31/03/2025)'): DateReading => ({ kind: 'bad', reason: `"${text}" ${why}` });
  // "By 31 March 2025", "End of March 2025", "w/c"… are the same date with words around it.
  const t = lower.replace(/^(?:by|before|due|end of|end|by end of|by the end of|the end of|no later than|w\/e|w\/c)\s+/, '').replace(/(\d)(?:st|nd|rd|th)\b/g, '$1');

  const first = readDateWords(t, side);
  if (first.kind !== 'bad') return first;
  if (first.reason) return bad(first.reason);
  // "30/06/2025 (revised)", "30/06/2025 - moved from March": the date, then words about it.
  const lead = /^([^()]+?)\s*(?:\([^()]*\)|\s[-–—]\s.*)$/.exec(t);
  if (lead) {
    const again = readDateWords(lead[1].trim(), side);
    if (again.kind === 'date') return again;
  }
  return bad();
}

function readDateWords(t: string, side: Side): DateReading {
  // A bad reading's reason here says why, without the text; '' means "not a form this reads".
  const bad: DateReading = { kind: 'bad', reason: '' };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+z?)?$/.exec(t);
  if (m) return wrap(iso(Number(m[1]), Number(m[2]), Number(m[3])), () => ({ kind: 'bad', reason: 'is not a real date' }));
  m = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t);
  if (m) return wrap(iso(fullYear(m[3]), Number(m[2]), Number(m[1])), () => ({ kind: 'bad', reason: 'is not a real date (day/month/year)' }));
  if (/^\d+(\.\d+)?$/.test(t)) return fromSerial(Number(t));
  m = /^(\d{1,2})[\s\-/]+([a-z]+)[\s\-/,]+(\d{2}|\d{4})$/.exec(t);
  if (m && MONTHS[m[2]]) return wrap(iso(fullYear(m[3]), MONTHS[m[2]], Number(m[1])), () => ({ kind: 'bad', reason: 'is not a real date' }));
  m = /^([a-z]+)\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m && MONTHS[m[1]]) return wrap(iso(Number(m[3]), MONTHS[m[1]], Number(m[2])), () => ({ kind: 'bad', reason: 'is not a real date' }));
  m = /^([a-z]+)[\s\-/,']+'?(\d{2}|\d{4})$/.exec(t);
  if (m && MONTHS[m[1]]) return { kind: 'date', date: monthDay(fullYear(m[2]), MONTHS[m[1]], side) };
  m = /^(\d{1,2})[/-](\d{4})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { kind: 'date', date: monthDay(Number(m[2]), Number(m[1]), side) };
  return readQuarter(t, side) ?? bad;
}

/** "Q4 2024/25", "Q4 24/25", "Q1 2025-26", "2024/25 Q4": quarters of the financial year starting in April. */
function readQuarter(t: string, side: Side): DateReading | undefined {
  const m =
    /^(?:q|quarter\s*)([1-4])\s*(?:of\s+)?(?:fy\s*)?(\d{2}|\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$/.exec(t) ??
    /^(?:fy\s*)?(\d{2}|\d{4})\s*[/\-–]\s*(\d{2}|\d{4})\s+(?:q|quarter\s*)([1-4])$/.exec(t);
  if (m) {
    const [q, a, b] = t.startsWith('q') ? [m[1], m[2], m[3]] : [m[3], m[1], m[2]];
    const start = fullYear(a);
    const end = b.length === 2 ? Math.floor(start / 100) * 100 + Number(b) : Number(b);
    if (end !== start + 1) return { kind: 'bad', reason: 'is not a financial year (the years must follow each other)' };
    const quarter = Number(q);
    // Q1 is April to June of the first year; Q4 January to March of the second.
    const [y, lastMonth] = quarter === 4 ? [end, 3] : [start, 3 + quarter * 3];
    return { kind: 'date', date: side === 'end' ? lastDay(y, lastMonth) : monthDay(y, lastMonth - 2, 'start') };
  }
  if (/^(?:q|quarter\s*)[1-4]\s+\d{4}$/.test(t)) {
    return { kind: 'bad', reason: 'could be a calendar or a financial quarter: write the financial year, e.g. Q4 2024/25, or a date' };
  }
  return undefined;
}

function wrap(date: string | undefined, bad: () => DateReading): DateReading {
  return date ? { kind: 'date', date } : bad();
}
