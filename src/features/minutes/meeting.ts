import * as chrono from 'chrono-node';
import { fullDateIn, isIsoDate } from './dates';
import type { MeetingInfo, MinutesParagraph } from '../../domain/minutes/model';
import { splitSentences } from './normalise';

/**
 * The meeting's topic, date and presenter. Committee systems print the item title under an
 * "Agenda item" heading; PDFs often start with the committee and date ("Crime and Disorder
 * Committee, Tuesday 16 March 2021").
 */

const GENERIC_HEADINGS = /^(?:(?:venue|present|in\s+attendance|also\s+present|officers?\s+present|contact|time|place|members?\s+present|members|officers|councillors|apologies)\s*:.*|part\s*(?:1|2|I|II|A|B)\b.*|\d{1,3}\.?|minutes\s+of\s+(?:the\s+)?(?:previous|last)\s+meeting|(?:date\s+of\s+(?:the\s+)?)?next\s+meeting|exclusion\s+of\s+(?:the\s+)?press\s+and\s+(?:the\s+)?public|chair(?:man)?['’]?s?\s+announcements|public\s+questions|urgent\s+business|any\s+other\s+business|agenda\s+item|minutes|decision|resolved|present|apologies(?:\s+for\s+absence)?|declarations?\s+of\s+(?:members'?\s+)?interests?|attachments?|documents?|supporting\s+documents?|item\s+\d+|members|officers|councillors|substitutes?|(?:councillors?|cllrs?\.?)\s.*|.*\bin\s+the\s+chair\b.*)\s*:?-?$/i;
/** "CS47-21/22 ", "12/22 ", "45. ": a minute's reference before its heading. */
const MINUTE_REF = /^(?:[A-Z]{1,5}\s?\d{1,3}(?:[-/.]\d{2,4}){0,2}\.?|\d{1,3}(?:[-/.]\d{2,4}){1,2}\.?|\d{1,3}\.)\s+(?=\S)/;
/** "BOLSOVER DISTRICT COUNCIL" atop the minutes: the authority, not the meeting. */
const AUTHORITY = /^(?:the\s+)?(?:[a-z][\w'’&-]*\s+){1,5}(?:council|authority)$/i;
/** "5.30 - 5.40 pm – Cabinet Member / Officer’s introduction": a timetable line, not a title. */
const TIMESLOT = /^\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?\s*[-–—]/i;
const PRESENTER = /^(?:the\s+)?(.{3,120}?)\s+(?:presented|introduced|submitted|gave)\s+(?:the|a|an)\s+(?:\w+\s+){0,4}(?:report|update|presentation)\b/i;

/** A paragraph about a later meeting: its date is not this meeting's. */
const LATER_MEETING = /\b(?:next|future|following|subsequent|reconvened|special)\s+meeting\b|\bdates?\s+of\s+(?:the\s+)?(?:next|future)\b|\b(?:will|would|to)\s+be\s+held\b|\bdeferred\b|\bpostponed\b/i;
const NEXT_MEETING_LEAD = /\b(?:date\s+(?:and\s+time\s+)?of\s+(?:the\s+)?next\s+meeting|next\s+meeting\s+(?:of\s+the\s+[\w\s]{3,60}?\s+)?(?:will|would|is|was|to)\s+(?:be\s+)?(?:held\s+)?|next\s+meeting\s*[:–—-])\s*/i;

/** The next meeting's date where the minutes give it ("Date of next meeting: 14 June 2022"), after this one. */
function nextMeetingDateIn(paragraphs: readonly MinutesParagraph[], meetingDate: string | null): string | null {
  for (const [i, p] of paragraphs.entries()) {
    const m = NEXT_MEETING_LEAD.exec(p.text);
    if (!m) continue;
    const rest = p.text.slice(m.index + m[0].length).trim() || paragraphs[i + 1]?.text || '';
    const instant = meetingDate ? new Date(`${meetingDate}T12:00:00Z`) : undefined;
    const r = chrono.en.GB.parse(rest.slice(0, 80), { instant, timezone: 0 }, { forwardDate: true }).find((x) => x.start.isCertain('day') && x.start.isCertain('month') && (x.start.isCertain('year') || meetingDate));
    if (!r) continue;
    const iso = `${r.start.get('year')}-${String(r.start.get('month')).padStart(2, '0')}-${String(r.start.get('day')).padStart(2, '0')}`;
    if (isIsoDate(iso) && (!meetingDate || iso > meetingDate)) return iso;
  }
  return null;
}

function headerZone(paragraphs: readonly MinutesParagraph[]): MinutesParagraph[] {
  const end = paragraphs.findIndex((p) => /^minutes\s*:?$/i.test(p.text) || (p.kind === 'text' && p.text.length > 200));
  return paragraphs.slice(0, end === -1 ? Math.min(paragraphs.length, 8) : end);
}

export function findMeeting(paragraphs: readonly MinutesParagraph[], givenDate: string | null): { meeting: MeetingInfo; notices: string[] } {
  const notices: string[] = [];
  const header = headerZone(paragraphs);

  let title: string | null = null;
  const agendaAt = header.findIndex((p) => /^(?:agenda\s+)?item\s*\d*\s*(?:[:.–-]|$)/i.test(p.text));
  if (agendaAt !== -1) {
    const rest = header[agendaAt].text.replace(/^(?:agenda\s+)?item\s*(?:\d+\s*)?[:.–-]?\s*/i, '').trim();
    title = rest || (header[agendaAt + 1] && header[agendaAt + 1].kind === 'heading' ? header[agendaAt + 1].text : null);
  }
  if (!title) {
    const heading = header.find((p) => {
      const bare = p.text.replace(MINUTE_REF, '');
      return p.kind === 'heading' && !GENERIC_HEADINGS.test(bare) && !TIMESLOT.test(bare) && !AUTHORITY.test(bare.trim()) && !fullDateIn(bare);
    });
    title = heading ? heading.text.replace(MINUTE_REF, '') : null;
  }

  let presenter: string | null = null;
  for (const p of paragraphs) {
    if (p.kind === 'heading') continue;
    const m = PRESENTER.exec(splitSentences(p.text)[0] ?? '');
    if (m) {
      presenter = m[1].trim();
      break;
    }
  }
  // "Minute 14/22 Serious Violence Duty": the minute number is not part of the title.
  if (title) title = title.replace(/^minute\s+(?:no\.?\s*)?\d+(?:[/.]\d+)?\s*[:.–-]?\s*/i, '') || title;
  if (!title) {
    // "Minutes of the meeting of the Crime and Disorder Committee held on …", or a dated heading: the committee.
    for (const p of header) {
      const of = /\bmeeting\s+of\s+(?:the\s+)?(.{5,100}?)\s+held\b/i.exec(p.text);
      const before = /^(.{5,100}?)\s+(?:[-–—,]\s+|minutes\s+of\b|meeting\s+(?:of|held)\b|held\s+(?:at|on)\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)/i.exec(p.text);
      const found = of?.[1] ?? (fullDateIn(p.text) && before && !GENERIC_HEADINGS.test(before[1]) ? before[1] : null);
      if (found && !/^minutes$/i.test(found)) {
        title = found.trim();
        break;
      }
    }
  }
  if (!title && presenter) {
    const m = /\b(?:presented|introduced|submitted)\s+the\s+(.+?report\b[^.,;]*)/i.exec(paragraphs.map((p) => p.text).join(' '));
    if (m) title = m[1][0].toUpperCase() + m[1].slice(1);
  }

  let textDate: string | null = null;
  for (const p of header) {
    if (LATER_MEETING.test(p.text)) continue;
    textDate = fullDateIn(p.text);
    if (textDate) break;
  }
  if (!textDate) {
    for (const p of paragraphs) {
      const m = /\b(?:meeting\s+(?:held\s+)?(?:on|of)|held\s+(?:remotely\s+|virtually\s+|at\s+[^,.]{3,60}?\s+)?on|date\s+of\s+meeting\s*:?|^date\s*:)\s+(.{6,40})/i.exec(p.text);
      if (m && LATER_MEETING.test(p.text.slice(Math.max(0, m.index - 30), m.index + m[0].length))) continue;
      textDate = m ? fullDateIn(m[1]) : null;
      if (textDate) break;
    }
  }
  if (givenDate && textDate && givenDate !== textDate) {
    notices.push(`The minutes give the meeting date as ${textDate}, but ${givenDate} was given; ${givenDate} is used.`);
  }
  const date = givenDate ?? textDate;
  if (!date) notices.push('The minutes do not say when the meeting was: give the meeting date so that "after the meeting" and other relative dates can be worked out.');
  return { meeting: { title, date, presenter, nextMeetingDate: nextMeetingDateIn(paragraphs, date) }, notices };
}
