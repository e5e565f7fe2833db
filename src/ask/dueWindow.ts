import { DateTime } from 'luxon';
import { formatDate } from '../domain/actions/model';
import { MONTH_SRC, monthNumber, numberWord, parseDay } from './periods';

/**
 * When the plan's actions are due, as officers ask it: "actions due this month", "what's due
 * before Christmas", "actions finishing in the next 3 months", "due by the end of October".
 * Target dates are calendar days counted from today, not months of police data, so these are
 * read here rather than by the period rules (which resolve against the latest month with data).
 */
export interface DueWindow {
  /** First and last target date kept, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  /** How the words were taken, said back to the asker. */
  note: string;
}

/** Words that make a period in a question about the plan a question about target dates. */
const DUE_CUE =
  /\b(?:due|deadlines?|target(?:s| dates?)?|finish(?:es|ing)?|end(?:s|ing)?|complet(?:e|ed|ing) (?:by|before)|done (?:by|before)|coming up|upcoming|expected (?:by|before))\b/;


type Day = DateTime;
interface Reading {
  re: RegExp;
  read(m: RegExpExecArray, today: Day): { from: Day; to: Day; as: string } | undefined;
}

const iso = (d: Day) => d.toISODate() as string;

/** The month named, this year or, once it has passed, next year's (target dates lie ahead). */
function monthAhead(month: number, year: string | undefined, today: Day): Day {
  if (year) return DateTime.utc(Number(year), month, 1);
  const y = month < today.month ? today.year + 1 : today.year;
  return DateTime.utc(y, month, 1);
}

/** The last day of the financial year (April to March) that `today` is in. */
function financialYearEnd(today: Day): Day {
  return DateTime.utc(today.month >= 4 ? today.year + 1 : today.year, 3, 31);
}

const READINGS: Reading[] = [
  {
    re: /\b(?:in |within |over |during )?the (?:next|coming) (\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple(?: of)?|few) (days?|weeks?|months?)\b/,
    read: (m, today) => {
      const n = numberWord(m[1]);
      if (n <= 0) return undefined;
      const unit = m[2].startsWith('d') ? 'day' : m[2].startsWith('w') ? 'week' : 'month';
      const to = unit === 'day' ? today.plus({ days: n }) : unit === 'week' ? today.plus({ weeks: n }) : today.plus({ months: n });
      return { from: today, to, as: `the next ${n} ${n === 1 ? unit : `${unit}s`}` };
    },
  },
  {
    re: /\b(this|next) week\b/,
    read: (m, today) => {
      const start = today.startOf('week').plus({ weeks: m[1] === 'next' ? 1 : 0 });
      return { from: start, to: start.endOf('week'), as: `${m[1]} week` };
    },
  },
  {
    re: /\b(this|next) month\b/,
    read: (m, today) => {
      const start = today.startOf('month').plus({ months: m[1] === 'next' ? 1 : 0 });
      return { from: start, to: start.endOf('month'), as: `${m[1]} month` };
    },
  },
  {
    re: /\b(this|next) quarter\b/,
    read: (m, today) => {
      const start = today.startOf('quarter').plus({ months: m[1] === 'next' ? 3 : 0 });
      return { from: start, to: start.endOf('quarter'), as: `${m[1]} quarter` };
    },
  },
  {
    re: /\b(?:before|by) (?:the )?(?:end of (?:the |this )?financial year|financial year end|year end)\b|\bthis financial year\b/,
    read: (m, today) => ({ from: today, to: financialYearEnd(today), as: m[0].trim() }),
  },
  {
    re: /\b(?:before|by) (?:the )?(?:end of (?:the |this )?year|new year)\b|\bthis year\b/,
    read: (m, today) => ({ from: today, to: today.endOf('year'), as: m[0].trim() }),
  },
  {
    re: /\b(before|by) (?:xmas|christmas)\b/,
    read: (m, today) => {
      let day = DateTime.utc(today.year, 12, m[1] === 'before' ? 24 : 25);
      if (day < today) day = day.plus({ years: 1 });
      return { from: today, to: day, as: m[0] };
    },
  },
  {
    re: new RegExp(`\\b(before|by) (?:the )?(end of )?${MONTH_SRC}(?: ((?:19|20)\\d\\d))?\\b(?! \\d)`),
    read: (m, today) => {
      const start = monthAhead(monthNumber(m[3]), m[4], today);
      // "before October" stops at September's end; "by October" and "by the end of October" include it.
      const to = m[1] === 'before' && !m[2] ? start.minus({ days: 1 }) : start.endOf('month');
      return { from: today, to, as: m[0] };
    },
  },
  {
    re: new RegExp(`\\b(?:in|during|for) ${MONTH_SRC}(?: ((?:19|20)\\d\\d))?\\b(?! \\d)`),
    read: (m, today) => {
      const start = monthAhead(monthNumber(m[1]), m[2], today);
      return { from: start, to: start.endOf('month'), as: m[0] };
    },
  },
];

/**
 * The target dates a question about the plan asks for, or undefined when it names no such
 * window (or no due word says the period is about target dates). `today` is the turn's.
 */
export function readDueWindow(plain: string, straight: string, today: Date, overdueAsk = 'overdue actions'): DueWindow | undefined {
  if (!DUE_CUE.test(plain) && !/\b(?:before|by) /.test(plain)) return undefined;
  const day = DateTime.fromJSDate(today, { zone: 'utc' }).startOf('day');
  for (const r of READINGS) {
    const m = r.re.exec(plain);
    if (!m) continue;
    const w = r.read(m, day);
    if (w) return dueWindow(w.from, w.to, asTyped(w.as, straight), day, overdueAsk);
  }
  // A day ("by 31 October", "before the 15th of March"): chrono reads it, forward from today.
  const by = /\b(before|by) (.{3,40})$/i.exec(straight);
  const parsed = by ? parseDay(by[2], today, 'future') : undefined;
  if (by && parsed) {
    let to = DateTime.fromISO(parsed.date, { zone: 'utc' });
    if (by[1].toLowerCase() === 'before') to = to.minus({ days: 1 });
    return dueWindow(day, to, `${by[1].toLowerCase()} ${by[2].slice(parsed.index, parsed.index + parsed.length)}`, day, overdueAsk);
  }
  return undefined;
}

/** The words as the asker typed them ("before Christmas"), where the folded reading is found in them. */
function asTyped(words: string, straight: string): string {
  const at = straight.toLowerCase().indexOf(words);
  return at < 0 ? words : straight.slice(at, at + words.length);
}

function dueWindow(from: Day, to: Day, as: string, today: Day, overdueAsk: string): DueWindow | undefined {
  if (to < from) return undefined;
  const range = `${formatDate(iso(from))} to ${formatDate(iso(to))}`;
  const fromToday = iso(from) === iso(today);
  const note = fromToday
    ? `Taking "${as}" as due dates from today to ${formatDate(iso(to))}; anything already overdue is left out (ask "${overdueAsk}").`
    : `Taking "${as}" as due dates from ${range}.`;
  return { from: iso(from), to: iso(to), note };
}
