import type { Clock } from '../core/clock';
import type { Store } from '../store/db';
import { FollowUpRepo, NewFollowUp } from '../store/followUpRepo';
import { resolveDue } from '../domain/followups/dueDate';
import { demoPerson } from './people';
import { DEMO_DISTRICT } from './seedCrime';

/**
 * The worked example's follow-ups (../shared/seeds: the Crime and Disorder Committee's minutes on
 * the CSP progress report, with crime data as at January 2021).
 *
 * The minutes do not print the meeting's day. They record data "as at January 2021", a programme
 * starting "from April 2021" and a webinar "the following week"; the council's committee system lists
 * the item at the March 2021 meeting. The day below is the project's assumption, kept in one place.
 */
export const DEMO_MEETING = {
  date: '2021-03-11',
  title: 'Crime and Disorder Committee',
};

export const DEMO_FOLLOW_UP_IDS = {
  progressReport: 'FU-CDC-2021-03-R2',
  hateCrime: 'FU-CDC-2021-03-HC',
  vaccinationWebinar: 'FU-CDC-2021-03-VW',
} as const;

/**
 * Where `npm start` sets the clock: two minutes before the first reminder of the September 2021
 * progress report (due on the first working day of September, Wednesday 1 September 2021; first
 * reminder 14 days before, Wednesday 18 August 2021 at 09:00 BST = 08:00 UTC).
 */
export const DEMO_CLOCK_START = '2021-08-18T07:58:00.000Z';

/** Alex Morgan's personal chat and the committee channel hear about the report. */
export function demoFollowUps(): NewFollowUp[] {
  const alex = demoPerson('Alex Morgan');
  const jo = demoPerson('Jo Whitfield');
  const committee = { kind: 'committee' as const, target: 'committee', label: 'Crime and Disorder Committee channel', role: 'audience' as const };
  const report = resolveDue('2021-09');
  const hate = resolveDue('2021-09');
  return [
    {
      id: DEMO_FOLLOW_UP_IDS.progressReport,
      title: 'Further progress report on the CSP action plan and performance to the Crime and Disorder Committee',
      detail: 'The committee noted the progress report and asked for the next one, covering the 2020–21 action plan and the crime and disorder figures, at its September 2021 meeting.',
      dueDate: report.dueDate,
      duePrecision: report.precision,
      dueMonth: report.dueMonth,
      source: { kind: 'resolution', meetingDate: DEMO_MEETING.date, meetingTitle: DEMO_MEETING.title, minuteRef: 'Resolution (2)', text: null },
      sourceKey: `demo:${DEMO_MEETING.date}:resolution-2`,
      recipients: [{ kind: 'user', target: alex.aadObjectId, label: alex.name, role: 'owner' }, committee],
    },
    {
      id: DEMO_FOLLOW_UP_IDS.hateCrime,
      title: 'Further information on the rise in reported hate crime',
      detail: 'Members asked for more on why reported hate crime rose (February 2020 – January 2021 against the year before); to come with the September report.',
      dueDate: hate.dueDate,
      duePrecision: hate.precision,
      dueMonth: hate.dueMonth,
      source: { kind: 'request', meetingDate: DEMO_MEETING.date, meetingTitle: DEMO_MEETING.title, minuteRef: 'Request in discussion of the crime data', text: null },
      sourceKey: `demo:${DEMO_MEETING.date}:request-hate-crime`,
      recipients: [{ kind: 'user', target: jo.aadObjectId, label: jo.name, role: 'owner' }, committee],
    },
    {
      id: DEMO_FOLLOW_UP_IDS.vaccinationWebinar,
      title: 'Send members the details of the vaccination question-and-answer webinar',
      detail: 'Joined Up Care Derbyshire ran a community Q&A webinar the week after the meeting, to raise vaccine take-up, which was lower in Rother and in Middlecroft and Poolsbrook.',
      dueDate: '2021-03-12',
      duePrecision: 'day',
      dueMonth: null,
      status: 'done',
      completedAt: '2021-03-12T12:00:00.000Z',
      source: { kind: 'request', meetingDate: DEMO_MEETING.date, meetingTitle: DEMO_MEETING.title, minuteRef: 'Noted in discussion of Covid-19 vaccination', text: null },
      sourceKey: `demo:${DEMO_MEETING.date}:request-vaccination-webinar`,
      recipients: [{ kind: 'user', target: alex.aadObjectId, label: alex.name, role: 'owner' }],
    },
  ];
}

/**
 * Stores the demo follow-ups unless they are there already (safe to run on every start). They are
 * recorded as created the day after the meeting, so no reminder is planned before that.
 */
export async function seedDemoFollowUps(store: Store, clock: Clock): Promise<{ created: number }> {
  const repo = new FollowUpRepo(store, DEMO_DISTRICT);
  // The items date from the evening of the meeting, unless the clock says it is earlier than that
  // (then from now, so that nothing is recorded as created in the future).
  const meetingEvening = new Date(`${DEMO_MEETING.date}T17:00:00.000Z`);
  const createdAt = clock.now() < meetingEvening ? clock.now() : meetingEvening;
  let created = 0;
  for (const f of demoFollowUps()) {
    const r = await repo.create(f, createdAt, 'demo-seed', 'system');
    if (r.created) created += 1;
  }
  return { created };
}
