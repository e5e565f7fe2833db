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
  /** "since the last meeting": the date is the store's, given to `understand` by the caller. */
  sinceLastMeeting?: boolean;
}

/** What the period rules need besides the text: today, and the latest month with data. */
export interface PeriodContext {
  ref?: Date;
  /** YYYY-MM: the latest month with data; seasons and quarters said without a year are the latest complete ones. */
  latest?: string;
}

/** A month's name as people write it (one capture group); `monthNumber` reads the match. */
export const MONTH_SRC = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
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

/** "3", "three", "a couple of": the number a count word says (0 when none). */
export function numberWord(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word] ?? 0;
}

export function ym(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

function unitMonths(n: number, unit: string): number {
  if (unit.startsWith('y')) return n * 12;
  if (unit.startsWith('q')) return n * 3;
  if (unit.startsWith('w')) return Math.max(1, Math.round(n / 4.345));
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
  read(
    m: RegExpExecArray,
    ref: Date | undefined,
    ctx: PeriodContext,
  ): { period?: PeriodSpec; comparison?: PeriodParse['comparison']; note?: string; sinceLastMeeting?: boolean } | undefined;
}

const re = (src: string) => new RegExp(src.replace(/MONTH/g, MONTH_SRC).replace(/YEAR/g, YEAR_SRC).replace(/NUM/g, NUM_SRC).replace(/DAY/g, DAY_SRC), 'g');

/** Seasons and holidays, as a comparison names them ("compared with last summer"). */
const SEASON_WORDS = '(?:summer|spring|autumn|winter|christmas|xmas|easter|halloween|bonfire night)(?: holidays?| period)?';

/** The months a holiday falls in (figures are monthly). */
function holidayMonths(which: string): [number, number] {
  return /christmas|xmas|festive/.test(which) ? [12, 12] : /halloween/.test(which) ? [10, 10] : /bonfire|guy/.test(which) ? [11, 11] : /easter/.test(which) ? [3, 4] : [12, 1];
}

/** Comparisons run first and their words are then hidden from the period rules. */
const COMPARISONS: Rule[] = [
  // "ASB in Rother compared to this time last year": the latest month against the same month a
  // year before (the month itself is settled once the other rules have had their say).
  {
    re: /\b(?:(?:compared (?:with|to)|against|vs\.?|versus|than|on|from) )?(?:at |for |around )?(?:this|the same) time (?:last year|a year ago)\b/g,
    read: () => ({ comparison: 'year-on-year' }),
  },
  {
    re: re('\\b(?:this time last year|(?:the )?same time last year|year[ -]on[ -]year|yoy|y-o-y|(?:compared (?:with|to) |against |vs\\.? |versus )?(?:the )?same (?:period|time|months?|month|quarter) (?:last|the previous|the year before|a) ?year|(?:the )?same (?:period|time) (?:in )?the (?:previous|prior) year|(?:compared (?:with|to)|against|vs\\.?|versus) last year|(?<=\\bthis year )(?:compared (?:with|to)|against|vs\\.?|versus) last(?! (?:NUM |the )?(?:months?|quarters?|weeks?|period|years?)))\\b'),
    // "this year vs last": the year so far against the same months of the year before.
    read: () => ({ comparison: 'year-on-year' }),
  },
  // "this summer compared with last summer", "Christmas 2020 vs Christmas 2019": the same season or
  // holiday a year before. A year other than the one before is not this comparison.
  {
    re: re(`\\b(?:compared (?:with|to)|against|vs\\.?|versus|than) (?:the )?(?:(?:last|previous|the previous|the year before's) ${SEASON_WORDS}|${SEASON_WORDS} (?:of )?YEAR)\\b`),
    read: (m) => {
      const before = m[1] ? m.input.slice(0, m.index).match(/\b(?:19|20)\d\d\b/g) : null;
      if (m[1] && (!before || Number(before[before.length - 1]) - Number(m[1]) !== 1))
        return { comparison: 'year-on-year', note: `I compare with the same months a year earlier, not with ${m[0].replace(/^\S+(?: (?:with|to))? (?:the )?/, '')}: ask about that on its own for its figures.` };
      return { comparison: 'year-on-year' };
    },
  },
  // "Feb 2020 vs Feb 2019": the same month a year before, or the month before ("Jan 2021 vs Dec 2020").
  {
    re: re('\\b(?:compared (?:with|to)|against|vs\\.?|versus|than) (?:the )?MONTH,? YEAR\\b'),
    read: (m) => {
      const mains = [...m.input.slice(0, m.index).matchAll(re('\\bMONTH,? YEAR\\b'))];
      const main = mains[mains.length - 1];
      if (!main) return undefined;
      const gap = Number(main[2]) * 12 + monthNumber(main[1]) - (Number(m[2]) * 12 + monthNumber(m[1]));
      if (gap === 12) return { comparison: 'year-on-year' };
      if (gap === 1) return { comparison: 'previous' };
      return { comparison: 'year-on-year', note: `I compare with the same month a year earlier, not with ${monthLabel(ym(Number(m[2]), monthNumber(m[1])))}: ask about that on its own for its figures.` };
    },
  },
  // "November compared with October": months named without years, read as the months just before or a year apart.
  {
    re: re('\\b(?:compared (?:with|to)|against|vs\\.?|versus|than) (?:the )?MONTH\\b(?!,? ?(?:19|20)\\d\\d)'),
    read: (m) => {
      const mains = [...m.input.slice(0, m.index).matchAll(re('\\bMONTH\\b'))];
      const main = mains[mains.length - 1];
      if (!main) return undefined;
      const gap = (monthNumber(main[1]) - monthNumber(m[1]) + 12) % 12;
      if (gap === 0) return { comparison: 'year-on-year' };
      if (gap === 1) return { comparison: 'previous' };
      return { comparison: 'year-on-year', note: `I compare with the same month a year earlier, not with ${MONTH_NAMES[monthNumber(m[1]) - 1]}: ask about that on its own for its figures.` };
    },
  },
  {
    re: re('\\b(?:compared (?:with|to)|comparing (?:with|to)|against|vs\\.?|versus|relative to|on|than) (?:the )?(?:(?:previous|prior|preceding|last|past|earlier) (?:NUM )?(?:months?|years?|period|quarters?|weeks?)?(?: before)?|(?:NUM )?(?:months?|years?|period|quarters?) (?:before|prior|preceding|earlier)(?: that| then| those)?)\\b'),
    read: () => ({ comparison: 'previous' }),
  },
];


/** The month figures run to: the latest with data, else the month before the reference date. */
function baseMonth(ctx: PeriodContext): string | undefined {
  if (ctx.latest && /^\d{4}-\d\d$/.test(ctx.latest)) return ctx.latest;
  if (!ctx.ref) return undefined;
  const y = ctx.ref.getUTCFullYear();
  const m = ctx.ref.getUTCMonth() + 1;
  return m === 1 ? ym(y - 1, 12) : ym(y, m - 1);
}

const SEASONS: Record<string, [number, number]> = { spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11], winter: [12, 2] };
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-09" → "September 2026". */
export function monthLabel(month: string): string {
  return monthName(month);
}

function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

function rangeName(from: string, to: string): string {
  return from === to ? monthName(from) : `${monthName(from)} to ${monthName(to)}`;
}

/** The latest run of months from `startMonth` to `endMonth` (which may wrap into the next year) that ends by the base month. */
function latestComplete(startMonth: number, endMonth: number, ctx: PeriodContext): { from: string; to: string } | undefined {
  const base = baseMonth(ctx);
  if (!base) return undefined;
  const baseYear = Number(base.slice(0, 4));
  for (let y = baseYear; y >= baseYear - 2; y--) {
    const from = ym(y, startMonth);
    const to = endMonth < startMonth ? ym(y + 1, endMonth) : ym(y, endMonth);
    if (to <= base) return { from, to };
  }
  return undefined;
}

const ORDINAL_QUARTER: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: 4, final: 4 };

function quarterNumber(word: string): number {
  return /^[1-4]$/.test(word) ? Number(word) : (ORDINAL_QUARTER[word] ?? 0);
}

/** The second year of a financial year as typed after its first ("2020/21" → 2021, "2020-2021" → 2021). */
function financialYearEnd(first: number, typed: string): number {
  return Number(typed.length === 4 ? typed : `${String(first).slice(0, 2)}${typed}`);
}

/** 1 or 2, from "h1", "first", "2nd", "last" (of two halves, the second). */
function halfNumber(word: string): 1 | 2 {
  return /^(?:1|first|1st)$/.test(word) ? 1 : 2;
}

/** The financial year (April to March) a month falls in, by its starting calendar year. */
function financialYearOf(month: string): number {
  const y = Number(month.slice(0, 4));
  return Number(month.slice(5, 7)) >= 4 ? y : y - 1;
}

const RULES: Rule[] = [
  // "the year ending March 2022", "12 months to June 2021"
  {
    re: re('\\b(?:the )?(?:year|12 months|twelve months) (?:ending|ended|to|up to|until) (?:the end of )?MONTH,? YEAR\\b'),
    read: (m) => {
      const y = Number(m[2]);
      const month = monthNumber(m[1]);
      const start = y * 12 + month - 1 - 11;
      return { period: { kind: 'range', from: ym(Math.floor(start / 12), (start % 12) + 1), to: ym(y, month) } };
    },
  },
  // "since lockdown", "since covid": from March 2020, when the first lockdown began.
  {
    re: /\b(?:since|from|after) (?:the )?(?:start of |beginning of )?(?:the )?(?:first )?(?:national )?(?:lockdowns?|covid(?: 19)?|coronavirus|the pandemic|pandemic)\b/g,
    read: () => ({ period: { kind: 'since', from: '2020-03' }, note: 'Taking "since lockdown" as from March 2020, when the first national lockdown began.' }),
  },
  // "during the first lockdown": England's three national lockdowns, as the months that hold them.
  {
    re: /\b(?:during|in|over|through|throughout)? ?(?:the )?(first|second|third|1st|2nd|3rd) (?:national )?lockdown\b/g,
    read: (m) => {
      const which = m[1].startsWith('f') || m[1] === '1st' ? 1 : m[1].startsWith('s') || m[1] === '2nd' ? 2 : 3;
      const spans = {
        1: { from: '2020-03', to: '2020-06', note: 'Taking "the first lockdown" as March to June 2020: it began on 23 March 2020 and was eased from May, with most of it lifted by July.' },
        2: { from: '2020-11', to: '2020-11', note: 'Taking "the second lockdown" as November 2020: it ran from 5 November to 2 December 2020.' },
        3: { from: '2021-01', to: '2021-03', note: 'Taking "the third lockdown" as January to March 2021: it began on 6 January 2021 and was eased from 8 March.' },
      }[which];
      return { period: { kind: 'range', from: spans.from, to: spans.to }, note: spans.note };
    },
  },
  {
    re: /\b(?:during|in|over|through|throughout) (?:the )?(?:covid(?: 19)? )?(?:lockdowns?|covid(?: 19)?|coronavirus|pandemic)\b/g,
    read: () => ({
      period: { kind: 'range', from: '2020-03', to: '2021-03' },
      note: 'Taking the lockdowns as March 2020 to March 2021.',
    }),
  },
  {
    re: /\b(?:before|pre) ?(?:the )?(?:first )?(?:lockdowns?|covid(?: 19)?|coronavirus|pandemic)\b/g,
    read: () => ({
      period: { kind: 'range', from: '2019-03', to: '2020-02' },
      note: 'Taking "before lockdown" as the 12 months to February 2020.',
    }),
  },
  // "since the last meeting": the date is the store's.
  {
    re: /\b(?:since|from) (?:the |our )?(?:last|previous|latest|most recent) (?:committee |csp |partnership |board )?(?:meeting|committee|board)\b/g,
    read: () => ({ sinceLastMeeting: true }),
  },
  // "Q1 2021/22", "quarter 2 of 2020/21": financial quarters (April first).
  {
    re: re('\\b(?:q([1-4])|(?:the )?(first|second|third|fourth|final|last|1st|2nd|3rd|4th) quarter|quarter ([1-4])) (?:of |in )?(?:(?:fy|financial year) ?)?YEAR ?[/-] ?(\\d\\d|(?:19|20)\\d\\d)\\b'),
    read: (m) => {
      const q = quarterNumber(m[1] ?? m[2] ?? m[3]);
      const y = Number(m[4]);
      const second = financialYearEnd(y, m[5]);
      if (!q || second !== y + 1) return undefined;
      const start = 4 + (q - 1) * 3;
      const from = start > 12 ? ym(y + 1, start - 12) : ym(y, start);
      const to = start + 2 > 12 ? ym(y + 1, start + 2 - 12) : ym(y, start + 2);
      return { period: { kind: 'range', from, to }, note: `Taking quarter ${q} of ${y}/${String(second).slice(2)} as ${rangeName(from, to)} (financial year, April to March).` };
    },
  },
  // "the first half of 2020/21", "H2 2021/22": financial halves (April to September, October to March).
  {
    re: re('\\b(?:h([12])|(?:the )?(first|second|1st|2nd|last) half) (?:of |in )?(?:(?:fy|financial year) ?)?YEAR ?[/-] ?(\\d\\d|(?:19|20)\\d\\d)\\b'),
    read: (m) => {
      const h = halfNumber(m[1] ?? m[2]);
      const y = Number(m[3]);
      const second = financialYearEnd(y, m[4]);
      if (second !== y + 1) return undefined;
      const [from, to] = h === 1 ? [ym(y, 4), ym(y, 9)] : [ym(y, 10), ym(y + 1, 3)];
      return { period: { kind: 'range', from, to }, note: `Taking the ${h === 1 ? 'first' : 'second'} half of ${y}/${String(second).slice(2)} as ${rangeName(from, to)} (financial year, April to March).` };
    },
  },
  // "the first half of 2020", "H2 2020", "the last six months of 2020": calendar halves, said back.
  {
    re: re('\\b(?:h([12])|(?:the )?(first|second|1st|2nd|last) half|(?:the )?(first|last|final) (?:6|six) months) (?:of |in )?YEAR\\b'),
    read: (m) => {
      const h = halfNumber(m[1] ?? m[2] ?? (m[3] === 'first' ? '1' : '2'));
      const y = Number(m[4]);
      const [from, to] = h === 1 ? [ym(y, 1), ym(y, 6)] : [ym(y, 7), ym(y, 12)];
      return { period: { kind: 'range', from, to }, note: `Taking the ${h === 1 ? 'first' : 'second'} half of ${y} as ${rangeName(from, to)}.` };
    },
  },
  // "Q2 2020", "the second quarter of 2020": calendar quarters, said back.
  {
    re: re('\\b(?:q([1-4])|(?:the )?(first|second|third|fourth|final|last|1st|2nd|3rd|4th) quarter|quarter ([1-4])) (?:of |in )?YEAR\\b'),
    read: (m) => {
      const q = quarterNumber(m[1] ?? m[2] ?? m[3]);
      const y = Number(m[4]);
      if (!q) return undefined;
      const from = ym(y, (q - 1) * 3 + 1);
      const to = ym(y, q * 3);
      return { period: { kind: 'range', from, to }, note: `Taking Q${q} ${y} as the calendar quarter ${rangeName(from, to)}.` };
    },
  },
  // "Christmas 2020", "over Halloween 2019": figures are monthly, so the month it falls in, that year.
  {
    re: re('\\b(?:(?:over|during|at|around|for|in) )?(?:the )?(christmas|xmas|festive|halloween|bonfire night|guy fawkes|easter)(?: holidays?| period| season| break| weekend)? (?:of )?YEAR\\b'),
    read: (m) => {
      const y = Number(m[2]);
      const [start, end] = holidayMonths(m[1]);
      const from = ym(y, start);
      const to = end < start ? ym(y + 1, end) : ym(y, end);
      return { period: { kind: 'range', from, to }, note: `Figures are monthly, so taking "${m[0].trim()}" as ${rangeName(from, to)} (the whole ${from === to ? 'month' : 'months'}).` };
    },
  },
  // "this financial year", "last financial year"
  {
    re: /\b(this|current|last|previous) (?:financial|fiscal) year\b|\b(?:fy|financial year) to date\b/g,
    read: (m, _ref, ctx) => {
      const base = baseMonth(ctx);
      if (!base) return undefined;
      const current = financialYearOf(base);
      const y = m[1] === 'last' || m[1] === 'previous' ? current - 1 : current;
      const from = ym(y, 4);
      const to = y === current ? base : ym(y + 1, 3);
      return { period: { kind: 'range', from, to }, note: `Taking the ${y === current ? 'current' : 'last'} financial year as ${rangeName(from, to)}.` };
    },
  },

  // "in total in 2019 and 2020", "2019 and 2020 combined": both years, as one period.
  {
    re: re('(?:(?<=\\btotals?\\b.{0,40})\\b(?:in )?YEAR and YEAR\\b|\\b(?:in )?YEAR and YEAR (?:combined|together|altogether|in total|in all)\\b|\\b(?:altogether|combined|together|in all|both) (?:in )?YEAR and YEAR\\b)'),
    read: (m) => {
      const a = Number(m[1] ?? m[3] ?? m[5]);
      const b = Number(m[2] ?? m[4] ?? m[6]);
      if (b <= a || b - a > 5) return undefined;
      return { period: { kind: 'range', from: ym(a, 1), to: ym(b, 12) } };
    },
  },
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
      const second = financialYearEnd(y, m[4]);
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
    re: re('\\b(?:in |over |during |for |from )?(?:the )?(?:last|past|previous|recent|latest|preceding|most recent) (?:NUM|couple of|few) (months?|mths?|mnths?|years?|yrs?|quarters?|qtrs?|weeks?|wks?)\\b'),
    read: (m) => {
      const count = m[1] ? numberWord(m[1]) : /couple/.test(m[0]) ? 2 : 3;
      const months = Math.min(240, unitMonths(count, m[2]));
      return months > 0 ? { period: { kind: 'last-months', months } } : undefined;
    },
  },
  {
    re: re('\\b(?:in |over |during |for )?(?:the )?(?:last|past|previous|recent) (?:NUM )?(?:months?)\\b'),
    read: (m) => ({ period: { kind: 'last-months', months: m[1] ? Math.min(240, numberWord(m[1])) || 1 : 1 } }),
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
  // The year so far, against the same months of the year before (not the months just before it).
  { re: /\b(?:so far )?this (?:calendar )?year(?: so far)?\b|\byear to date\b|\bytd\b/g, read: () => ({ period: { kind: 'this-year' }, comparison: 'year-on-year' }) },
  { re: /\b(?:last|previous) (?:calendar )?year\b/g, read: () => ({ period: { kind: 'last-year' } }) },
  // "in 2020", "2020"
  { re: re('\\b(?:in |during |for |of |calendar year |the year )?YEAR\\b(?![-/]\\d)'), read: (m) => ({ period: { kind: 'year', year: Number(m[1]) } }) },
  // "between April and June", "jan-mar": months without a year, the latest such run.
  {
    re: /\b(?:from |between )?(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec) ?(?:to|until|till|through|thru|-|and) ?(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b(?! ?\d)/g,
    read: (m, _ref, ctx) => {
      const found = latestComplete(monthNumber(m[1]), monthNumber(m[2]), ctx);
      if (!found) return { note: `Say the year too, e.g. "${m[0].trim()} 2021".` };
      return { period: { kind: 'range', ...found }, note: `Taking "${m[0].trim()}" as ${rangeName(found.from, found.to)}, the latest such months held.` };
    },
  },
  // "over 2 years", "asb trend rother 2 years": the last N months or years.
  {
    re: re('\\b(?:over |for |across |in )?(?:the )?NUM (months?|mths?|years?|yrs?)\\b(?! ago| old| before)'),
    read: (m) => {
      const months = Math.min(240, unitMonths(numberWord(m[1]), m[2]));
      return months > 0 ? { period: { kind: 'last-months', months } } : undefined;
    },
  },
  // "in 22", "during '21": a year said with two digits, said back.
  {
    re: /\b(?:in|during|for|of|since) '?(1[5-9]|2\d)\b(?!\s*(?:wards?|crimes?|incidents?|offences?|cases?|people|residents?|areas?|times?|%|percent|months?|mths?|years?|yrs?|days?|weeks?)\b)(?!%)/g,
    read: (m) => {
      const y = 2000 + Number(m[1]);
      const kind = /^since/.test(m[0]) ? 'since' : 'year';
      return kind === 'since'
        ? { period: { kind: 'since', from: ym(y, 1) }, note: `Taking "${m[1]}" as ${y}.` }
        : { period: { kind: 'year', year: y }, note: `Taking "${m[1]}" as ${y}.` };
    },
  },
  // "during the winter", "last summer": the latest complete one, said back.
  {
    re: /\b(?:(?:during|in|over|for|through|throughout) (?:the )?|this |last |the past |the previous |the last )(summer|spring|autumn|winter)(?: holidays?| months| period)?\b/g,
    read: (m, _ref, ctx) => {
      // "is ASB worse in summer" asks about a pattern, not one summer.
      if (/\b(?:every|each|usually|always|typically|tends?|seasonal|pattern|in (?:the )?summers?|in (?:the )?winters?) /.test(m.input) && /\b(?:every|each|usually|always|typically|tends?|seasonal|pattern|rise|higher|worse|more|peak)\b/.test(m.input) && !/\b(?:this|last|the past|the previous|during)\b/.test(m[0]))
        return undefined;
      const [s0, e0] = SEASONS[m[1]];
      const holidays = /holiday/.test(m[0]) && m[1] === 'summer';
      const found = latestComplete(holidays ? 7 : s0, e0, ctx);
      if (!found) return { note: `Say which year's ${m[1]} you mean, e.g. "${m[1]} 2021".` };
      return { period: { kind: 'range', ...found }, note: `Taking "${m[0].trim()}" as ${rangeName(found.from, found.to)}, the latest complete ${m[1]}${holidays ? ' holidays' : ''}.` };
    },
  },
  // "over Christmas", "at Halloween": figures are monthly, so the month it falls in, said back.
  {
    re: /\b(?:(?:over|during|at|around|for|in) )?(?:the )?(christmas|xmas|festive|halloween|bonfire night|guy fawkes|new year|new years eve|easter)(?: holidays?| period| season| break| weekend)?\b/g,
    read: (m, _ref, ctx) => {
      const which = m[1];
      const [start, end] = holidayMonths(which);
      const found = latestComplete(start, end, ctx);
      if (!found) return { note: `Say the year too: figures are monthly, so "${which}" means its month.` };
      return { period: { kind: 'range', ...found }, note: `Figures are monthly, so taking "${m[0].trim()}" as ${rangeName(found.from, found.to)} (the whole ${found.from === found.to ? 'month' : 'months'}).` };
    },
  },
  // "Q3", "the third quarter": the latest complete calendar quarter of that number.
  {
    re: /\b(?:q([1-4])|(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) quarter|quarter ([1-4]))\b/g,
    read: (m, _ref, ctx) => {
      const q = quarterNumber(m[1] ?? m[2] ?? m[3]);
      const found = q ? latestComplete((q - 1) * 3 + 1, q * 3, ctx) : undefined;
      if (!found) return { note: 'Say which year\'s quarter you mean, e.g. "Q2 2021".' };
      return { period: { kind: 'range', ...found }, note: `Taking Q${q} as the calendar quarter ${rangeName(found.from, found.to)}, the latest complete one.` };
    },
  },
  // "in November", "last March", "november's figures": the latest such month (not after today).
  {
    re: /\b(?:(in|during|for|over|of|last|this|since|from) )?(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?:s)?\b(?! \d)/g,
    read: (m, ref, ctx) => {
      const word = m[2];
      // "may" and "march" are also everyday words: only after a preposition.
      if ((word === 'may' || word === 'mar' || word === 'march' || word === 'jan' || word === 'sep') && !m[1]) return undefined;
      const month = monthNumber(word);
      const base = ref ? ref : undefined;
      let year = yearFor(month, base);
      if (year === undefined) {
        const b = baseMonth(ctx);
        if (!b) return { note: `Say the year too, e.g. "${MONTH_NAMES[month - 1]} 2021".` };
        year = month <= Number(b.slice(5, 7)) ? Number(b.slice(0, 4)) : Number(b.slice(0, 4)) - 1;
      }
      // "this March" is this year's even when still to come; the domain says it is not published.
      if (m[1] === 'this' && ref) year = ref.getUTCFullYear();
      if (ref && m[1] === 'last' && month === ref.getUTCMonth() + 1) year = ref.getUTCFullYear() - 1;
      if (m[1] === 'since' || m[1] === 'from') return { period: { kind: 'since', from: ym(year, month) } };
      const at = ym(year, month);
      return { period: { kind: 'range', from: at, to: at }, note: `Taking ${MONTH_NAMES[month - 1]} as ${monthName(at)}.` };
    },
  },
];

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

/**
 * Reads the period and comparison of a question from its lowered text (see `lowered`). The
 * first rule that matches wins; `ref` (the reference date) gives a year to months named
 * without one ("since March").
 */
export function parsePeriod(low: string, ref?: Date, latest?: string): PeriodParse {
  const ctx: PeriodContext = { ref, latest };
  const out: PeriodParse = { spans: [] };
  let text = low;
  let comparisonNote: string | undefined;
  for (const rule of COMPARISONS) {
    rule.re.lastIndex = 0;
    const m = rule.re.exec(text);
    if (!m) continue;
    const r = rule.read(m, ref, ctx);
    if (r?.comparison) {
      out.comparison = r.comparison;
      if (r.note) comparisonNote = r.note;
      out.spans.push([m.index, m.index + m[0].length]);
      text = blank(text, m.index, m.index + m[0].length);
      break;
    }
  }
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    const m = rule.re.exec(text);
    if (!m) continue;
    const r = rule.read(m, ref, ctx);
    if (!r) continue;
    if (r.note) out.note = r.note;
    if (r.sinceLastMeeting) {
      out.sinceLastMeeting = true;
      out.spans.push([m.index, m.index + m[0].length]);
      break;
    }
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
  thisTimeLastYear(low, out, ctx);
  if (comparisonNote) out.note = out.note ? `${out.note} ${comparisonNote}` : comparisonNote;
  return out;
}

/**
 * "this time last year" with no other period: the latest month held, against the same month a
 * year before ("ASB compared to this time last year"); said alone ("burglary this time last
 * year"), that earlier month itself. A period named elsewhere in the question is kept.
 */
function thisTimeLastYear(low: string, out: PeriodParse, ctx: PeriodContext): void {
  const m = /\b(?:(compared (?:with|to)|against|vs\.?|versus|than|on|from) )?(?:at |for |around )?(?:this|the same) time (?:last year|a year ago)\b/.exec(low);
  const latest = baseMonth(ctx);
  if (!m || out.period || !latest) return;
  const before = ym(Number(latest.slice(0, 4)) - 1, Number(latest.slice(5, 7)));
  const compared = m[1] !== undefined || /\b(?:compared?|comparison|vs|versus|against|than|up|down|higher|lower|more|fewer|less|changed?)\b/.test(low.slice(0, m.index));
  if (compared) {
    out.period = { kind: 'range', from: latest, to: latest };
    out.note = `Taking "this time last year" as ${monthName(before)}, the same month a year before the latest held (${monthName(latest)}), and comparing the two.`;
  } else {
    out.period = { kind: 'range', from: before, to: before };
    out.note = `Taking "this time last year" as ${monthName(before)}, a year before the latest month held (${monthName(latest)}).`;
  }
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
