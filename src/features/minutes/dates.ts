import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { DueBasis, DuePrecision, MonthPeriod } from '../../domain/minutes/model';

/** "Would be distributed after the meeting": a week is what a clerk would reasonably aim for. */
export const AFTER_MEETING_DAYS = 7;
/** A request with no date in the minutes: four weeks, editable on the preview. */
export const DEFAULT_REQUEST_DAYS = 28;

export interface DueDate {
  due: string | null;
  precision: DuePrecision | null;
  basis: DueBasis;
  text: string | null;
}

export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ days }).toISODate() as string;
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function monthOf(year: number, month: number): string {
  return `${year}-${pad(month)}`;
}

/** Adds whole months to a YYYY-MM month. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  return monthOf(Math.floor(total / 12), (total % 12) + 1);
}

/** The number of months from `from` to `to` inclusive. */
export function monthSpan(p: MonthPeriod): number {
  const [fy, fm] = p.from.split('-').map(Number);
  const [ty, tm] = p.to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

function referenceInstant(meetingDate: string | null): Date | undefined {
  return meetingDate ? new Date(`${meetingDate}T12:00:00Z`) : undefined;
}

const MONTH_WORD = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b/i;

/** Calendar dates (not times, not durations) that chrono finds in a sentence. */
export function calendarDates(text: string, meetingDate: string | null): chrono.ParsedResult[] {
  const results = chrono.en.GB.parse(text, { instant: referenceInstant(meetingDate), timezone: 0 }, { forwardDate: true });
  return results.filter((r) => {
    if (!r.start.isCertain('month') && !r.start.isCertain('day')) return false;
    // "16/03/2021", "September, 2021", "30 June": a month word or a numeric date, never a bare time.
    return MONTH_WORD.test(r.text) || /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(r.text);
  });
}

const AFTER_MEETING = /\b(?:after|following|after the close of|once)\s+the\s+meeting\b|\bas soon as (?:possible|practicable)\b|\bin due course\b/i;
const NEXT_WEEK = /\b(?:the\s+)?(?:following|next|coming)\s+week\b/i;
const WITHIN = /\bwithin\s+(\d{1,2}|one|two|three|four|six)\s+(day|week|month)s?\b/i;
const IN_MONTHS = /\bin\s+(\d{1,2}|three|four|six|nine|twelve|eighteen)\s+months['’]?(?:\s+time)?\b|\bin\s+(?:a|one)\s+year['’]?s?\s+time\b/i;
const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, six: 6, nine: 9, twelve: 12, eighteen: 18 };
/** "at the next meeting", "to the next meeting of the Committee", "the Committee's next meeting". */
const NEXT_MEETING = /\b(?:the|its|their|a|the\s+Committee['’]s)\s+next\s+(?:scheduled\s+|available\s+)?meeting\b|\bnext\s+(?:scheduled\s+)?meeting\s+of\s+the\b/i;
const END_OF_MONTH = /\b(?:by|before)\s+the\s+end\s+of\s+(?:the|this)\s+month\b/i;
const END_OF_NEXT_MONTH = /\b(?:by|before|during)\s+(?:the\s+end\s+of\s+)?next\s+month\b/i;
/** The new municipal year starts at the annual meeting in May. */
const NEW_MUNICIPAL_YEAR = /\b(?:in|during|early\s+in|at\s+the\s+start\s+of)\s+the\s+(?:new|next)\s+municipal\s+year\b/i;
const FINANCIAL_YEAR_END = /\b(?:before|by)\s+(?:the\s+)?(?:end\s+of\s+the\s+financial\s+year|financial\s+year[- ]end)\b/i;
const YEAR_END = /\b(?:before|by)\s+(?:the\s+)?(?:year[- ]end|end\s+of\s+(?:the|this)\s+(?:calendar\s+)?year)\b/i;

/** The month the first May after the meeting falls in (the new municipal year). */
function nextMay(meetingDate: string): string {
  const [y, m] = meetingDate.split('-').map(Number);
  return monthOf(m >= 5 ? y + 1 : y, 5);
}

function nextMarch(meetingDate: string): string {
  const [y, m] = meetingDate.split('-').map(Number);
  return monthOf(m > 3 ? y + 1 : y, 3);
}

/** What a sentence with no date gives: nothing invented. */
export const NO_DATE: DueDate = { due: null, precision: null, basis: 'none', text: 'no date given' };

/**
 * The due date of a request or promise: a date written in the sentence wins ("in September,
 * 2021", "by the 3rd of November", "w/c 7 March"); then the next meeting (its date where the
 * minutes give one); the new municipal year (May); the year end; "after the meeting";
 * "the following week" / "within two weeks" / "in six months". Relative words count from the
 * meeting date; without one the due date is unknown. With no date in the words: none.
 */
export function dueFromSentence(sentence: string, meetingDate: string | null, nextMeetingDate: string | null = null): DueDate {
  for (const r of calendarDates(sentence, meetingDate)) {
    if (r.end) continue; // a range is a period the figures cover, not a deadline
    const year = r.start.get('year');
    const month = r.start.get('month');
    if (!year || !month) continue;
    if (!r.start.isCertain('year') && !meetingDate) continue;
    const precise = r.start.isCertain('day');
    const due = precise ? `${monthOf(year, month)}-${pad(r.start.get('day') ?? 1)}` : monthOf(year, month);
    if (meetingDate && (precise ? due < meetingDate : due < meetingDate.slice(0, 7))) continue;
    // "to the September meeting", when the minutes give the next meeting's date in September: that day.
    const meetingOfMonth = !precise && /^\s*(?:meeting|committee|board|panel)\b/i.test(sentence.slice(r.index + r.text.length));
    if (meetingOfMonth && nextMeetingDate?.startsWith(`${due}-`)) return { due: nextMeetingDate, precision: 'day', basis: 'next-meeting', text: `${r.text} meeting` };
    const wc = /\bw\/?c\.?\s*$|\bweek\s+(?:commencing|beginning)\s*$/i.exec(sentence.slice(0, r.index));
    return { due, precision: precise ? 'day' : 'month', basis: 'stated', text: wc ? `${wc[0].trim()} ${r.text}` : r.text };
  }
  const next = NEXT_MEETING.exec(sentence);
  if (next) {
    if (nextMeetingDate && (!meetingDate || nextMeetingDate > meetingDate)) return { due: nextMeetingDate, precision: 'day', basis: 'next-meeting', text: next[0] };
    return { due: null, precision: null, basis: 'none', text: `${next[0]} (its date is not given)` };
  }
  const relativeMonth = (re: RegExp, month: (d: string) => string): DueDate | null => {
    const m = re.exec(sentence);
    if (!m) return null;
    return meetingDate ? { due: month(meetingDate), precision: 'month', basis: 'relative', text: m[0] } : { due: null, precision: null, basis: 'unknown', text: m[0] };
  };
  const named = relativeMonth(END_OF_MONTH, (d) => d.slice(0, 7)) ?? relativeMonth(END_OF_NEXT_MONTH, (d) => addMonths(d.slice(0, 7), 1)) ?? relativeMonth(NEW_MUNICIPAL_YEAR, nextMay) ?? relativeMonth(FINANCIAL_YEAR_END, nextMarch) ?? relativeMonth(YEAR_END, (d) => `${d.slice(0, 4)}-12`);
  if (named) return named;
  const inMonths = IN_MONTHS.exec(sentence);
  if (inMonths) {
    const n = inMonths[1] ? (WORD_NUMBERS[inMonths[1].toLowerCase()] ?? Number(inMonths[1])) : 12;
    return meetingDate ? { due: addMonths(meetingDate.slice(0, 7), n), precision: 'month', basis: 'relative', text: inMonths[0] } : { due: null, precision: null, basis: 'unknown', text: inMonths[0] };
  }
  const after = AFTER_MEETING.exec(sentence);
  if (after) {
    return meetingDate
      ? { due: addDays(meetingDate, AFTER_MEETING_DAYS), precision: 'day', basis: 'after-meeting', text: after[0] }
      : { due: null, precision: null, basis: 'unknown', text: after[0] };
  }
  const within = WITHIN.exec(sentence);
  const nextWeek = NEXT_WEEK.exec(sentence);
  if (within || nextWeek) {
    const text = (within ?? nextWeek)![0];
    if (!meetingDate) return { due: null, precision: null, basis: 'unknown', text };
    let days = AFTER_MEETING_DAYS;
    if (within) {
      const n = WORD_NUMBERS[within[1].toLowerCase()] ?? Number(within[1]);
      const unit = within[2].toLowerCase();
      days = unit === 'day' ? n : unit === 'week' ? n * 7 : n * 30;
    }
    return { due: addDays(meetingDate, days), precision: 'day', basis: 'relative', text };
  }
  return NO_DATE;
}

/** A full date (day, month and year all written) in a heading or a "held on …" phrase. */
export function fullDateIn(text: string): string | null {
  for (const r of chrono.en.GB.parse(text, { instant: new Date('2000-01-01T12:00:00Z'), timezone: 0 })) {
    if (r.end && r.end.isCertain('day')) continue;
    if (!(r.start.isCertain('day') && r.start.isCertain('month') && r.start.isCertain('year'))) continue;
    const iso = `${r.start.get('year')}-${pad(r.start.get('month') ?? 1)}-${pad(r.start.get('day') ?? 1)}`;
    if (isIsoDate(iso)) return iso;
  }
  return null;
}

const firstMonth = (text: string): string | null => {
  const r = calendarDates(text, null).find((d) => d.start.isCertain('year'));
  return r ? monthOf(r.start.get('year')!, r.start.get('month')!) : null;
};

const MONTH_COUNT_WORDS: Record<string, number> = { three: 3, four: 4, six: 6, nine: 9, twelve: 12, eighteen: 18, 'twenty-four': 24 };

/** "the 12 months to January 2021", "the six months ending August 2021". */
function monthsEndingIn(text: string): MonthPeriod | null {
  const m = /\b(\d{1,2}|three|four|six|nine|twelve|eighteen|twenty-four)\s+months\s+(?:to|ending(?:\s+in)?|up\s+to)\s+(?:the\s+end\s+of\s+)?([A-Za-z]+\.?,?\s+\d{4})/i.exec(text);
  const to = m ? firstMonth(m[2]) : null;
  if (!m || !to) return null;
  const n = MONTH_COUNT_WORDS[m[1].toLowerCase()] ?? Number(m[1]);
  return { from: addMonths(to, -(n - 1)), to };
}

/**
 * "2021/22", "2021-22": the financial year, April to March; "Q1 2022/23" its first quarter.
 * A year after "compared with" or "against" is the one compared with.
 */
function financialYears(text: string): (MonthPeriod & { compared: boolean })[] {
  return [...text.matchAll(/\b(?:Q([1-4])\s+)?(20\d{2})\s*[/-]\s*(\d{2})\b/g)]
    .filter((m) => (Number(m[2]) + 1) % 100 === Number(m[3]))
    .map((m) => {
      const compared = /\b(?:compared\s+(?:to|with)|against|than|on|from)\s+(?:the\s+same\s+(?:period|quarter)\s+(?:in|of)\s+)?$/i.test(text.slice(0, m.index));
      const start = `${m[2]}-04`;
      if (!m[1]) return { from: start, to: `${Number(m[2]) + 1}-03`, compared };
      const from = addMonths(start, (Number(m[1]) - 1) * 3);
      return { from, to: addMonths(from, 2), compared };
    });
}

/** "from February, 2020 to January, 2021", "Feb 2020 – Jan 2021": both ends written as months. */
function rangeIn(text: string): MonthPeriod | null {
  for (const r of calendarDates(text, null)) {
    if (!r.end || !r.start.isCertain('year') || !r.end.isCertain('year') || !r.end.isCertain('month')) continue;
    const ends = r.text.split(/\s+(?:to|until|till|and|-|–|—)\s+/i);
    if (ends.length !== 2 || !ends.every((e) => MONTH_WORD.test(e) || /\d{1,2}[/.-]\d{2,4}/.test(e))) continue;
    return { from: monthOf(r.start.get('year')!, r.start.get('month')!), to: monthOf(r.end.get('year')!, r.end.get('month')!) };
  }
  return null;
}

/** "between February 2020 and January 2021". */
function betweenIn(text: string): MonthPeriod | null {
  const m = /\bbetween\s+(.+?)\s+and\s+(.+?)(?:[,;.]\s|$|\s+(?:compared|against|when|than))/i.exec(text);
  const from = m ? firstMonth(m[1]) : null;
  const to = m ? firstMonth(m[2]) : null;
  return from && to ? { from, to } : null;
}

/**
 * The months a figure covers: "from February, 2020 to January, 2021", "between … and …",
 * "in the 12 months to January 2021"; and what it is compared with ("the previous 12 months",
 * "the same period last year").
 */
export function periodIn(text: string): { period: MonthPeriod | null; comparedWith: MonthPeriod | null } {
  const years = financialYears(text);
  const own = years.find((y) => !y.compared);
  const other = years.find((y) => y.compared);
  const strip = (y: MonthPeriod) => ({ from: y.from, to: y.to });
  const period = monthsEndingIn(text) ?? rangeIn(text) ?? betweenIn(text) ?? (own ? strip(own) : null);
  let comparedWith: MonthPeriod | null = null;
  if (period && other) {
    // "in 2021/22 compared with 2020/21".
    comparedWith = strip(other);
  } else if (period) {
    const span = monthSpan(period);
    if (/\b(?:previous|preceding|prior)\s+(?:\d{1,2}|twelve)?\s*(?:months?|year|period)\b/i.test(text)) {
      comparedWith = { from: addMonths(period.from, -span), to: addMonths(period.from, -1) };
    } else if (/\bsame\s+period\s+(?:last|the previous|a)\s+year\b/i.test(text)) {
      comparedWith = { from: addMonths(period.from, -12), to: addMonths(period.to, -12) };
    }
  }
  return { period, comparedWith };
}
