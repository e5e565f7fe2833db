import * as chrono from 'chrono-node';
import type { PeriodSpec } from '../core/query';

/**
 * Periods as the question states them. The project's rules cover the month and year forms
 * members use (fast, and exact about months); chrono-node reads day dates ("1 March",
 * "14/09/2021", "next Friday") and any month form the rules miss. Relative periods stay
 * relative: the domain resolves them against the latest month with data.
 */

export interface PeriodParse {
  period?: PeriodSpec;
  comparison?: 'previous' | 'year-on-year';
  /** Character ranges [start, end) of the text that said it. */
  spans: [number, number][];
  /** Something the asker should know about how the period was read. */
  note?: string;
}

const MONTH_SRC = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const YEAR_SRC = '((?:19|20)\\d\\d)';
const DAY_SRC = '(?:(\\d{1,2})(?:st|nd|rd|th)? (?:of )?)?';
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  eighteen: 18, 'twenty four': 24, 'thirty six': 36, a: 1, few: 3, couple: 2, 'couple of': 2,
};
const NUM_SRC = '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty four|thirty six)';

const MONTH_INDEX: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

export function monthNumber(word: string): number {
  return MONTH_INDEX[word.slice(0, 3)] ?? 0;
}

function num(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word] ?? 0;
}

export function ym(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

function unitMonths(n: number, unit: string): number {
  if (unit.startsWith('year')) return n * 12;
  if (unit.startsWith('quarter')) return n * 3;
  if (unit.startsWith('week')) return Math.max(1, Math.round(n / 4.345));
  return n;
}

/** Year of a month named without one: the latest such month not after the reference date. */
function yearFor(month: number, ref: Date | undefined): number | undefined {
  if (!ref) return undefined;
  const y = ref.getUTCFullYear();
  return month <= ref.getUTCMonth() + 1 ? y : y - 1;
}

interface Rule {
  re: RegExp;
  read(m: RegExpExecArray, ref: Date | undefined): { period?: PeriodSpec; comparison?: PeriodParse['comparison']; note?: string } | undefined;
}

const re = (src: string) => new RegExp(src.replace(/MONTH/g, MONTH_SRC).replace(/YEAR/g, YEAR_SRC).replace(/NUM/g, NUM_SRC).replace(/DAY/g, DAY_SRC), 'g');

/** Comparisons run first and their words are then hidden from the period rules. */
const COMPARISONS: Rule[] = [
  {
    re: re('\\b(?:year[ -]on[ -]year|yoy|y-o-y|(?:compared (?:with|to) |against |vs\\.? |versus )?(?:the )?same (?:period|time|months?|month|quarter) (?:last|the previous|the year before|a) ?year|(?:the )?same (?:period|time) (?:in )?the (?:previous|prior) year|(?:compared (?:with|to)|against|vs\\.?|versus) last year)\\b'),
    read: () => ({ comparison: 'year-on-year' }),
  },
  {
    re: re('\\b(?:compared (?:with|to)|comparing (?:with|to)|against|vs\\.?|versus|relative to|on|than) (?:the )?(?:previous|prior|preceding|last|past|earlier) (?:NUM )?(?:months?|years?|period|quarters?|weeks?)?(?: before)?\\b'),
    read: () => ({ comparison: 'previous' }),
  },
];

const RULES: Rule[] = [
  // "2019 vs 2020", "2020 compared with 2019": the later year against the one before.
  {
    re: re('\\b(?:in )?YEAR (?:vs\\.?|versus|v|compared (?:with|to)|against|and) YEAR\\b'),
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (Math.abs(a - b) !== 1) return undefined;
      return { period: { kind: 'year', year: Math.max(a, b) }, comparison: 'year-on-year' };
    },
  },
  // "Feb 2020 to Jan 2021", "between Feb and Jan 2021"
  {
    re: re('\\b(?:from |between )?(?:DAY)?MONTH,? ?(?:YEAR)? ?(?:to|until|till|through|thru|-|and) ?(?:the )?(?:end of )?(?:DAY)?MONTH,? YEAR\\b'),
    read: (m) => {
      const m1 = monthNumber(m[2]);
      const m2 = monthNumber(m[5]);
      const y2 = Number(m[6]);
      const y1 = m[3] ? Number(m[3]) : m1 <= m2 ? y2 : y2 - 1;
      const from = ym(y1, m1);
      const to = ym(y2, m2);
      return from <= to ? { period: { kind: 'range', from, to } } : { period: { kind: 'range', from: to, to: from } };
    },
  },
  // ISO months: "2020-02 to 2021-01"
  {
    re: re('\\b(?:from |between )?YEAR-(0[1-9]|1[0-2]) ?(?:to|until|till|-|and) ?YEAR-(0[1-9]|1[0-2])\\b'),
    read: (m) => ({ period: { kind: 'range', from: ym(Number(m[1]), Number(m[2])), to: ym(Number(m[3]), Number(m[4])) } }),
  },
  // Financial years: "2020/21", "financial year 2020-21", "FY 2020/2021"
  {
    re: re('\\b(?:(fy|financial year|the year) ?)?YEAR ?(/|-|to) ?((?:20)?\\d\\d)\\b'),
    read: (m) => {
      const y = Number(m[2]);
      const second = Number(m[4].length === 4 ? m[4] : `${String(y).slice(0, 2)}${m[4]}`);
      if (second !== y + 1) return undefined;
      // "2019-2020" is two calendar years; "2020/21", "2020-21" and "financial year …" are April to March.
      if (m[3] !== '/' && !m[1] && m[4].length === 4) return { period: { kind: 'range', from: ym(y, 1), to: ym(second, 12) } };
      return { period: { kind: 'range', from: ym(y, 4), to: ym(second, 3) } };
    },
  },
  // "2018 to 2020"
  {
    re: re('\\b(?:from |between )?YEAR ?(?:to|until|till|through|-|and) ?YEAR\\b'),
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      return b >= a ? { period: { kind: 'range', from: ym(a, 1), to: ym(b, 12) } } : undefined;
    },
  },
  // "since March 2020", "since 1 March", "from March 2020"
  {
    re: re('\\b(?:since|from|after|starting) (?:the )?(?:start of |beginning of )?DAYMONTH(?:,? YEAR)?\\b'),
    read: (m, ref) => {
      const month = monthNumber(m[2]);
      const year = m[3] ? Number(m[3]) : yearFor(month, ref);
      if (year === undefined) return { note: 'Say the year too, e.g. "since March 2020".' };
      return { period: { kind: 'since', from: ym(year, month) } };
    },
  },
  { re: re('\\b(?:since|from|after|starting) (?:the )?(?:start of |beginning of )?YEAR\\b'), read: (m) => ({ period: { kind: 'since', from: ym(Number(m[1]), 1) } }) },
  // "summer 2020"
  {
    re: re('\\b(?:the )?(summer|spring|autumn|winter)(?: holidays?)? (?:of )?YEAR\\b'),
    read: (m) => {
      const y = Number(m[2]);
      const holidays = /holiday/.test(m[0]);
      switch (m[1]) {
        case 'spring':
          return { period: { kind: 'range', from: ym(y, 3), to: ym(y, 5) } };
        case 'summer':
          return { period: { kind: 'range', from: ym(y, holidays ? 7 : 6), to: ym(y, 8) } };
        case 'autumn':
          return { period: { kind: 'range', from: ym(y, 9), to: ym(y, 11) } };
        default:
          return { period: { kind: 'range', from: ym(y, 12), to: ym(y + 1, 2) } };
      }
    },
  },
  // "March 2020", "1 March 2020", "03/2020", "2020-03"
  {
    re: re('\\b(?:in |during |for |of )?DAYMONTH,? YEAR\\b'),
    read: (m) => {
      const month = ym(Number(m[3]), monthNumber(m[2]));
      return { period: { kind: 'range', from: month, to: month } };
    },
  },
  {
    re: re('\\b(0?[1-9]|1[0-2])/YEAR\\b'),
    read: (m) => {
      const month = ym(Number(m[2]), Number(m[1]));
      return { period: { kind: 'range', from: month, to: month } };
    },
  },
  {
    re: re('\\bYEAR-(0[1-9]|1[0-2])\\b(?!-\\d)'),
    read: (m) => {
      const month = ym(Number(m[1]), Number(m[2]));
      return { period: { kind: 'range', from: month, to: month } };
    },
  },
  // "last 6 months", "past two years", "previous 12 months"
  {
    re: re('\\b(?:in |over |during |for |from )?(?:the )?(?:last|past|previous|recent|latest|preceding|most recent) (?:NUM|couple of|few) (months?|years?|quarters?|weeks?)\\b'),
    read: (m) => {
      const count = m[1] ? num(m[1]) : /couple/.test(m[0]) ? 2 : 3;
      const months = Math.min(240, unitMonths(count, m[2]));
      return months > 0 ? { period: { kind: 'last-months', months } } : undefined;
    },
  },
  {
    re: re('\\b(?:in |over |during |for )?(?:the )?(?:last|past|previous|recent) (?:NUM )?(?:months?)\\b'),
    read: (m) => ({ period: { kind: 'last-months', months: m[1] ? Math.min(240, num(m[1])) || 1 : 1 } }),
  },
  {
    re: /\b(?:in |over |during |for )?(?:the )?(?:last|past|previous|recent) quarter\b/g,
    read: () => ({ period: { kind: 'last-months', months: 3 } }),
  },
  { re: /\bthis month\b/g, read: () => ({ period: { kind: 'last-months', months: 1 } }) },
  // "the past year", "over the last year": a rolling 12 months; bare "last year" is the calendar year.
  {
    re: /\b(?:(?:in|over|during|for) the (?:last|past)|the past|past|the last|rolling) (?:year|12 months|twelve months)\b/g,
    read: () => ({ period: { kind: 'last-months', months: 12 } }),
  },
  { re: /\b(?:so far )?this (?:calendar )?year(?: so far)?\b|\byear to date\b|\bytd\b/g, read: () => ({ period: { kind: 'this-year' } }) },
  { re: /\b(?:last|previous) (?:calendar )?year\b/g, read: () => ({ period: { kind: 'last-year' } }) },
  // "in 2020", "2020"
  { re: re('\\b(?:in |during |for |of |calendar year |the year )?YEAR\\b(?![-/]\\d)'), read: (m) => ({ period: { kind: 'year', year: Number(m[1]) } }) },
];

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

/**
 * Reads the period and comparison of a question from its lowered text (see `lowered`). The
 * first rule that matches wins; `ref` (the reference date) gives a year to months named
 * without one ("since March").
 */
export function parsePeriod(low: string, ref?: Date): PeriodParse {
  const out: PeriodParse = { spans: [] };
  let text = low;
  for (const rule of COMPARISONS) {
    rule.re.lastIndex = 0;
    const m = rule.re.exec(text);
    if (!m) continue;
    const r = rule.read(m, ref);
    if (r?.comparison) {
      out.comparison = r.comparison;
      out.spans.push([m.index, m.index + m[0].length]);
      text = blank(text, m.index, m.index + m[0].length);
      break;
    }
  }
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    const m = rule.re.exec(text);
    if (!m) continue;
    const r = rule.read(m, ref);
    if (!r) continue;
    if (r.note) out.note = r.note;
    if (r.comparison && !out.comparison) out.comparison = r.comparison;
    out.spans.push([m.index, m.index + m[0].length]);
    if (r.period) {
      out.period = r.period;
      break;
    }
  }
  if (!out.period && !out.note && /\b(?:19|20)\d\d\b/.test(text) && /[a-z]{3}/.test(text)) {
    // A month form the rules did not cover: let chrono read it, at month precision.
    const found = chronoMonth(text, ref);
    if (found) {
      out.period = found.period;
      out.spans.push(found.span);
    }
  }
  return out;
}

function chronoMonth(text: string, ref: Date | undefined): { period: PeriodSpec; span: [number, number] } | undefined {
  const results = chrono.en.GB.parse(text, ref ?? new Date(Date.UTC(2000, 0, 1)));
  for (const r of results) {
    if (!r.start.isCertain('month') || !r.start.isCertain('year')) continue;
    const from = ym(r.start.get('year') ?? 0, r.start.get('month') ?? 0);
    const to = r.end && r.end.isCertain('month') ? ym(r.end.get('year') ?? 0, r.end.get('month') ?? 0) : from;
    if (!/^(19|20)\d\d-(0[1-9]|1[0-2])$/.test(from) || !/^(19|20)\d\d-(0[1-9]|1[0-2])$/.test(to)) continue;
    return { period: { kind: 'range', from: from <= to ? from : to, to: from <= to ? to : from }, span: [r.index, r.index + r.text.length] };
  }
  return undefined;
}

export interface DayParse {
  /** YYYY-MM-DD */
  date: string;
  index: number;
  length: number;
}

/**
 * The first day date in a text ("1 March", "14/09/2021", "next Friday"), read with chrono
 * (British day-first). A date without a year is the nearest such day on the given side of
 * the reference date: 'future' for reminders, 'past' for "changed since". Without a reference
 * date only dates that state their year are read.
 */
export function parseDay(text: string, ref: Date | undefined, direction: 'past' | 'future'): DayParse | undefined {
  if (!text || !/\d|today|tomorrow|yesterday|week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday/.test(text.toLowerCase())) return undefined;
  const base = ref ?? new Date(Date.UTC(2000, 0, 1));
  const results = chrono.en.GB.parse(text, base, { forwardDate: direction === 'future' });
  for (const r of results) {
    if (!r.start.isCertain('day') && !r.start.isCertain('weekday')) continue;
    if (!ref && !r.start.isCertain('year')) continue;
    let year = r.start.get('year') ?? 0;
    const month = r.start.get('month') ?? 0;
    const day = r.start.get('day') ?? 0;
    if (ref && direction === 'past' && !r.start.isCertain('year')) {
      const iso = `${year}-${pad(month)}-${pad(day)}`;
      if (iso > isoDay(ref)) year -= 1;
    }
    if (year < 1990 || year > 2100) continue;
    return { date: `${year}-${pad(month)}-${pad(day)}`, index: r.index, length: r.text.length };
  }
  return undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
