import type { AreaPack } from '../../domain/areas/pack';
import { findActivities } from './activities';
import { calendarDates, isIsoDate, monthOf } from './dates';
import { findFigures } from './figures';
import { findFollowUps } from './followUps';
import { findMeeting } from './meeting';
import type { ActionRef, MinutesDryRun, MinutesExtract, MinutesParagraph } from '../../domain/minutes/model';
import { contentHashOf, splitParagraphs } from './normalise';
import { findResolutions } from './resolutions';
import { findWards } from './wards';

export interface ParseOptions {
  /** YYYY-MM-DD; wins over a date found in the text. */
  meetingDate?: string | null;
  /** The action plan's existing actions, to match named activities against. */
  actions?: readonly ActionRef[];
  /** The district's area pack, to find the wards named. */
  pack?: AreaPack | null;
}

/** Words that committee minutes use and other text rarely does. */
const MINUTES_SIGNALS = [/\bRESOLVED\b/, /\bminutes?\b/i, /\bagenda\b/i, /\bcommittee\b/i, /\bMembers\b/, /\bChair(?:man|person)?\b/, /\bmeeting\b/i, /\bCabinet\s+Member\b/i, /\bcouncil(?:lor)?s?\b/i, /\bpartnership\b/i, /\baction\s+plan\b/i];

export class MinutesInputError extends Error {}

/**
 * Reads minutes text into what the bot proposes: resolutions, follow-ups with due dates, the
 * action-plan activities named, key figures and wards. Pure: the same text and options always
 * give the same result.
 */
export function parseMinutes(text: string, options: ParseOptions = {}): MinutesExtract {
  return extractFromParagraphs(splitParagraphs(text), options);
}

/** The same reading, from paragraphs already split (e.g. as stored): the keys of proposals stay the same. */
export function extractFromParagraphs(paragraphs: MinutesParagraph[], options: ParseOptions = {}): MinutesExtract {
  const given = options.meetingDate ?? null;
  if (given !== null && !isIsoDate(given)) throw new MinutesInputError(`The meeting date must be written YYYY-MM-DD (for example 2021-03-16), not "${given}".`);
  const contentHash = contentHashOf(paragraphs);
  const empty = (summary: string): MinutesExtract => ({
    isMinutes: false,
    summary,
    contentHash,
    meeting: { title: null, date: null, presenter: null, nextMeetingDate: null },
    paragraphs,
    resolutions: [],
    followUps: [],
    activities: [],
    figures: [],
    wards: [],
    notices: [],
  });
  if (paragraphs.length === 0) return empty('The text is empty: there are no minutes to read.');

  const whole = paragraphs.map((p) => p.text).join('\n');
  const signals = MINUTES_SIGNALS.filter((re) => re.test(whole)).length;
  const { meeting, notices } = findMeeting(paragraphs, given);
  const resolutions = findResolutions(paragraphs);
  const followUps = findFollowUps(paragraphs, resolutions, meeting.date, meeting.presenter, meeting.nextMeetingDate);
  const activities = findActivities(paragraphs, options.actions ?? []);
  const figures = findFigures(paragraphs);
  // Minutes with figures but nothing resolved (an item noted without a vote) still give their figures.
  if (signals < 2 || (resolutions.length === 0 && followUps.length === 0 && activities.length === 0 && figures.length === 0)) {
    return empty('This does not read as committee minutes: no resolutions, requests or action-plan activities were found, so nothing is proposed.');
  }
  const referenceMonth = meeting.date?.slice(0, 7) ?? latestMonth(figures.map((f) => f.period?.to ?? null)) ?? latestMonth(paragraphs.flatMap((p) => monthsIn(p.text)));
  const wards = options.pack ? findWards(paragraphs, options.pack, referenceMonth) : [];
  const undated = followUps.filter((f) => f.dueBasis === 'none').length;
  if (undated > 0) notices.push(`${undated === 1 ? 'One follow-up gives' : `${undated} follow-ups give`} no date ("no date given"): none is invented; reminders start four weeks after the meeting unless you set a date.`);
  if ([...resolutions, ...followUps, ...figures].some((x) => x.exempt)) notices.push('Some items are exempt (Part 2): they are marked exempt and never shown in a channel.');

  const summary = [
    `${resolutions.length} resolution${resolutions.length === 1 ? '' : 's'}`,
    `${followUps.length} follow-up${followUps.length === 1 ? '' : 's'}`,
    `${activities.length} action-plan activit${activities.length === 1 ? 'y' : 'ies'} (${activities.filter((a) => a.matchedActionId).length} matched to the plan)`,
    `${figures.length} key figure${figures.length === 1 ? '' : 's'}`,
    `${wards.length} area${wards.length === 1 ? '' : 's'} named`,
  ].join(', ');
  return { isMinutes: true, summary: `Found ${summary}.`, contentHash, meeting, paragraphs, resolutions, followUps, activities, figures, wards, notices };
}

function monthsIn(text: string): string[] {
  return calendarDates(text, null)
    .filter((r) => r.start.isCertain('year'))
    .flatMap((r) => [r.start, ...(r.end ? [r.end] : [])].map((c) => monthOf(c.get('year')!, c.get('month')!)));
}

function latestMonth(months: (string | null)[]): string | null {
  const known = months.filter((m): m is string => m !== null).sort();
  return known.at(-1) ?? null;
}

/** The `csp import minutes --dry-run --json` object. */
export function toDryRun(extract: MinutesExtract): MinutesDryRun {
  return {
    meeting: { title: extract.meeting.title, date: extract.meeting.date, nextMeetingDate: extract.meeting.nextMeetingDate },
    resolutions: extract.resolutions.map((r) => ({ number: r.number, text: r.text, exempt: r.exempt })),
    followUps: extract.followUps.map((f) => ({
      title: f.title,
      kind: f.kind,
      due: f.due,
      precision: f.precision,
      dueText: f.due ? (f.dueText ?? f.due) : (f.dueText ?? 'no date given'),
      owner: f.owner,
      audience: f.audience,
      exempt: f.exempt,
      source: { paragraph: f.source.paragraph, text: f.source.text },
    })),
    activities: extract.activities.map((a) => ({ title: a.title, matchedActionId: a.matchedActionId, matchedActionIds: a.matchedActionIds })),
    figures: extract.figures.map((f) => ({ text: f.text, value: f.value, unit: f.unit, measure: f.measure, period: f.period, comparedWith: f.comparedWith, exempt: f.exempt })),
    wards: extract.wards.map((w) => ({ code: w.code, name: w.name })),
    isMinutes: extract.isMinutes,
    summary: extract.summary,
    notices: extract.notices,
  };
}
