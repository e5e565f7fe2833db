import type { Clock } from '../core/clock';
import type { Store } from '../store/db';
import { ActionRepo } from '../store/actionRepo';
import type { ActionItem, ActionStatus, HistoryEntry, HistoryField, Rag } from '../domain/actions/model';
import { PersonRepo } from '../store/personRepo';
import { DEMO_PEOPLE, demoPerson, DemoPerson } from './people';
import { DEMO_DISTRICT } from './seedCrime';

/**
 * The demo partnership's 2020–21 action plan, after the activities reported to Chesterfield's
 * Crime and Disorder Committee in 2021, in this project's own words. Leads are the demo people;
 * lead agencies are plausible, not a record of who actually led. Dates are set so that, with the
 * demo clock in August–September 2021 (before the September report), the plan shows every RAG:
 * red (PREVENT in schools, past its target), amber (Town Centre PSPO update getting stale; Staveley
 * CCTV on hold; the Business Crime Reduction Partnership set amber by hand), grey (Rother Active
 * Youth: no update this cycle) and green; one item is exempt (Operation Blofeld).
 */
const ROTHER = 'E05003337';
const MIDDLECROFT_AND_POOLSBROOK = 'E05003334';
const PLAN = '2020–21';
const PLAN_ADDED_AT = '2020-06-15T09:00:00.000Z';

interface DemoChange {
  at: string;
  by: string;
  field: HistoryField;
  old: string | null;
  new: string | null;
  note?: string;
}

export interface DemoAction {
  id: string;
  theme: string;
  title: string;
  description: string;
  lead: string;
  leadAgency: string;
  partners: string[];
  wards: string[];
  startDate: string;
  originalTargetDate: string;
  targetDate: string;
  targetDateReason?: string;
  status: ActionStatus;
  ragOverride?: { rag: Rag; reason: string };
  update?: { text: string; by: string; asOf: string };
  successMeasure: string;
  exempt?: boolean;
  /** Changes after the plan was loaded, oldest first. */
  changes: DemoChange[];
}

export const DEMO_ACTION_PLAN: readonly DemoAction[] = [
  {
    id: 'CSP-2021-01',
    theme: 'Online safety and fraud',
    title: 'Train volunteer Cyber Buddies through the Digital Hubs project',
    description: 'Back Rural Action Derbyshire’s Digital Hubs so trained volunteers can help residents get online safely.',
    lead: 'Jo Whitfield',
    leadAgency: 'Rural Action Derbyshire',
    partners: ['Chesterfield Borough Council', 'Derbyshire Safeguarding Adults Board'],
    wards: [],
    startDate: '2020-07-01',
    originalTargetDate: '2021-12-31',
    targetDate: '2021-12-31',
    status: 'in_progress',
    update: { text: 'Second group of Cyber Buddies trained; hubs reopening in libraries from September.', by: 'Jo Whitfield', asOf: '2021-07-20' },
    successMeasure: 'Volunteers trained and residents helped at the hubs each quarter.',
    changes: [{ at: '2020-09-01T10:00:00.000Z', by: 'Jo Whitfield', field: 'status', old: 'not_started', new: 'in_progress' }],
  },
  {
    id: 'CSP-2021-02',
    theme: 'Online safety and fraud',
    title: 'Promote the Digital MOT online safety check to residents',
    description: 'Publicise the Digital MOT so residents can check their own online security settings.',
    lead: 'Jo Whitfield',
    leadAgency: 'Derbyshire Safeguarding Adults Board',
    partners: ['Chesterfield Borough Council'],
    wards: [],
    startDate: '2020-09-01',
    originalTargetDate: '2021-06-30',
    targetDate: '2021-06-30',
    status: 'completed',
    update: { text: 'Digital MOT featured in the residents’ magazine and on council social media; campaign finished.', by: 'Jo Whitfield', asOf: '2021-06-30' },
    successMeasure: 'Digital MOT promoted through at least three council channels.',
    changes: [
      { at: '2020-09-14T09:30:00.000Z', by: 'Jo Whitfield', field: 'status', old: 'not_started', new: 'in_progress' },
      { at: '2021-06-30T15:00:00.000Z', by: 'Jo Whitfield', field: 'status', old: 'in_progress', new: 'completed', note: 'Campaign run through the magazine, website and social media.' },
    ],
  },
  {
    id: 'CSP-2021-03',
    theme: 'Online safety and fraud',
    title: 'Share the Safeguarding Adults Board scams podcast',
    description: 'Circulate the board’s podcast on spotting scams through partners and community groups.',
    lead: 'Jo Whitfield',
    leadAgency: 'Derbyshire Safeguarding Adults Board',
    partners: ['Chesterfield Borough Council', 'Derbyshire Constabulary'],
    wards: [],
    startDate: '2020-10-01',
    originalTargetDate: '2021-03-31',
    targetDate: '2021-03-31',
    status: 'closed',
    update: { text: 'Podcast shared with community groups and sheltered housing schemes.', by: 'Jo Whitfield', asOf: '2021-03-19' },
    successMeasure: 'Podcast shared with every sheltered housing scheme.',
    changes: [
      { at: '2020-10-05T09:00:00.000Z', by: 'Jo Whitfield', field: 'status', old: 'not_started', new: 'in_progress' },
      { at: '2021-03-19T12:00:00.000Z', by: 'Jo Whitfield', field: 'status', old: 'in_progress', new: 'completed', note: 'Shared with all schemes and groups on the list.' },
      { at: '2021-04-06T10:00:00.000Z', by: 'Alex Morgan', field: 'status', old: 'completed', new: 'closed', note: 'Checked the distribution list with housing.' },
    ],
  },
  {
    id: 'CSP-2021-04',
    theme: 'Radicalisation and extremism',
    title: 'Deliver PREVENT awareness sessions in secondary schools',
    description: 'Arrange PREVENT counter-terrorism and radicalisation input for pupils in the borough’s secondary schools.',
    lead: 'Alex Morgan',
    leadAgency: 'Derbyshire County Council',
    partners: ['Derbyshire Constabulary', 'Chesterfield Borough Council'],
    wards: [],
    startDate: '2020-09-01',
    originalTargetDate: '2021-03-31',
    targetDate: '2021-07-23',
    targetDateReason: 'Schools closed to most pupils from January to March 2021.',
    status: 'in_progress',
    update: { text: 'Sessions held in two schools; the rest to be booked for the autumn term.', by: 'Alex Morgan', asOf: '2021-07-05' },
    successMeasure: 'Input delivered in every secondary school in the borough.',
    changes: [
      { at: '2020-11-02T09:00:00.000Z', by: 'Alex Morgan', field: 'status', old: 'not_started', new: 'in_progress' },
      { at: '2021-01-11T09:00:00.000Z', by: 'Alex Morgan', field: 'target_date', old: '2021-03-31', new: '2021-07-23', note: 'Schools closed to most pupils from January to March 2021.' },
    ],
  },
  {
    id: 'CSP-2021-05',
    theme: 'Vulnerable people',
    title: 'Expand the use of guard cams for people at risk',
    description: 'Provide more guard cams to protect vulnerable people from ASB and crime and to support police intelligence; each case is assessed for risk and threat.',
    lead: 'Insp Dan Hughes',
    leadAgency: 'Derbyshire Constabulary',
    partners: ['Chesterfield Borough Council'],
    wards: [],
    startDate: '2020-04-01',
    originalTargetDate: '2022-03-31',
    targetDate: '2022-03-31',
    status: 'in_progress',
    update: { text: 'Four more cameras bought; all deployed after risk assessment.', by: 'Insp Dan Hughes', asOf: '2021-07-12' },
    successMeasure: 'Cameras deployed against assessed risk; repeat incidents at protected homes.',
    changes: [{ at: '2020-06-20T09:00:00.000Z', by: 'Insp Dan Hughes', field: 'status', old: 'not_started', new: 'in_progress' }],
  },
  {
    id: 'CSP-2021-06',
    theme: 'Anti-social behaviour',
    title: 'Run a multi-agency ASB communications campaign for the summer',
    description: 'Joint messages on ASB timed for the easing of Covid restrictions and the school summer holidays.',
    lead: 'Jo Whitfield',
    leadAgency: 'Chesterfield Borough Council',
    partners: ['Derbyshire Constabulary', 'Derbyshire Fire and Rescue Service'],
    wards: [],
    startDate: '2021-05-01',
    originalTargetDate: '2021-09-05',
    targetDate: '2021-09-05',
    status: 'in_progress',
    update: { text: 'Summer messages live on partner channels; schools shared them before the holidays.', by: 'Jo Whitfield', asOf: '2021-07-28' },
    successMeasure: 'Campaign reach, and ASB reports over the summer against last year.',
    changes: [{ at: '2021-05-04T09:00:00.000Z', by: 'Jo Whitfield', field: 'status', old: 'not_started', new: 'in_progress' }],
  },
  {
    id: 'CSP-2021-07',
    theme: 'Anti-social behaviour',
    title: 'Maintain the Town Centre Public Space Protection Order',
    description: 'Keep the Town Centre PSPO in force, enforce it with the police, and gather evidence on whether it works.',
    lead: 'Jo Whitfield',
    leadAgency: 'Chesterfield Borough Council',
    partners: ['Derbyshire Constabulary'],
    wards: [],
    startDate: '2020-04-01',
    originalTargetDate: '2021-10-31',
    targetDate: '2021-10-31',
    status: 'in_progress',
    update: { text: 'Enforcement figures collected for the review; consultation being planned.', by: 'Jo Whitfield', asOf: '2021-06-21' },
    successMeasure: 'Breaches and ASB reports in the order’s area; review complete before renewal.',
    changes: [{ at: '2020-06-15T09:05:00.000Z', by: 'Jo Whitfield', field: 'status', old: 'not_started', new: 'in_progress' }],
  },
  {
    id: 'CSP-2021-08',
    theme: 'Anti-social behaviour',
    title: 'Walk parks and open spaces regularly with PCSOs',
    description: 'Joint walk-throughs with PCSOs to educate and encourage compliance before enforcement; local members welcome to join.',
    lead: 'Insp Dan Hughes',
    leadAgency: 'Derbyshire Constabulary',
    partners: ['Chesterfield Borough Council'],
    wards: [],
    startDate: '2020-04-01',
    originalTargetDate: '2022-03-31',
    targetDate: '2022-03-31',
    status: 'in_progress',
    update: { text: 'Weekly walk-throughs at the hotspot parks continuing through the holidays.', by: 'Insp Dan Hughes', asOf: '2021-08-10' },
    successMeasure: 'Walk-throughs held each month; ASB reports in the parks visited.',
    changes: [{ at: '2020-06-15T09:10:00.000Z', by: 'Insp Dan Hughes', field: 'status', old: 'not_started', new: 'in_progress' }],
  },
  {
    id: 'CSP-2021-09',
    theme: 'Anti-social behaviour',
    title: 'Encourage use of parks through the Great Outdoors programme',
    description: 'Work with partners on the Great Outdoors programme so busier open spaces become less attractive for ASB.',
    lead: 'Jo Whitfield',
    leadAgency: 'Chesterfield Borough Council',
    partners: ['Derbyshire County Council'],
    wards: [],
    startDate: '2021-04-01',
    originalTargetDate: '2021-10-31',
    targetDate: '2021-10-31',
    status: 'in_progress',
    update: { text: 'Summer events well attended in three parks.', by: 'Jo Whitfield', asOf: '2021-08-09' },
    successMeasure: 'Events held and attendance; ASB reports in the parks used.',
    changes: [{ at: '2021-04-01T09:00:00.000Z', by: 'Jo Whitfield', field: 'status', old: 'not_started', new: 'in_progress' }],
  },
  {
    id: 'CSP-2021-10',
    theme: 'Anti-social behaviour',
    title: 'Deliver Rother Active Youth activities in a Covid-secure way',
    description: 'Keep diversionary activities for young people running in Rother, online where needed, and reach those online sessions miss.',
    lead: 'Jo Whitfield',
    leadAgency: 'Chesterfield Borough Council',
    partners: ['Derbyshire Constabulary'],
    wards: [ROTHER],
    startDate: '2020-04-01',
    originalTargetDate: '2021-12-31',
    targetDate: '2021-12-31',
    status: 'in_progress',
    update: { text: 'Sessions online only; attendance from harder-to-reach young people is low.', by: 'Jo Whitfield', asOf: '2021-04-30' },
    successMeasure: 'Young people attending each month, including those referred.',
    changes: [{ at: '2020-06-15T09:15:00.000Z', by: 'Jo Whitfield', field: 'status', old: 'not_started', new: 'in_progress' }],
  },
  {
    id: 'CSP-2021-11',
    theme: 'Anti-social behaviour',
    title: 'Engage PCSOs with children in schools',
    description: 'PCSO visits to primary and secondary schools on ASB and staying safe.',
    lead: 'Insp Dan Hughes',
    leadAgency: 'Derbyshire Constabulary',
    partners: ['Chesterfield Borough Council'],
    wards: [],
    startDate: '2020-09-01',
    originalTargetDate: '2021-07-23',
    targetDate: '2021-07-23',
    status: 'carried_forward',
    update: { text: 'Visits limited while schools restricted visitors.', by: 'Insp Dan Hughes', asOf: '2021-05-20' },
    successMeasure: 'Schools visited in the year.',
    changes: [
      { at: '2020-09-07T09:00:00.000Z', by: 'Insp Dan Hughes', field: 'status', old: 'not_started', new: 'in_progress' },
      { at: '2021-07-26T09:00:00.000Z', by: 'Alex Morgan', field: 'status', old: 'in_progress', new: 'carried_forward', note: 'Schools limited visitors all year; moves to the 2021–22 plan.' },
    ],
  },
  {
    id: 'CSP-2021-12',
    theme: 'Hate crime',
    title: 'Contribute to the county Hate Crime Strategy and Action Plan',
    description: 'Take part in writing the Derbyshire-wide hate crime strategy and its action plan.',
    lead: 'Alex Morgan',
    leadAgency: 'Derbyshire County Council',
    partners: ['Derbyshire Constabulary', 'Chesterfield Borough Council'],
    wards: [],
    startDate: '2020-10-01',
    originalTargetDate: '2021-09-30',
    targetDate: '2021-09-30',
    status: 'in_progress',
    update: { text: 'Comments on the draft strategy sent to the county working group.', by: 'Alex Morgan', asOf: '2021-08-02' },
    successMeasure: 'Strategy adopted with the borough’s priorities in it.',
    changes: [{ at: '2020-10-12T09:00:00.000Z', by: 'Alex Morgan', field: 'status', old: 'not_started', new: 'in_progress' }],
  },
  {
    id: 'CSP-2021-13',
    theme: 'Hate crime',
    title: 'Promote Hate Crime Awareness Week in October 2021',
    description: 'Events and publicity in the borough for the national awareness week.',
    lead: 'Jo Whitfield',
    leadAgency: 'Chesterfield Borough Council',
    partners: ['Derbyshire Constabulary'],
    wards: [],
    startDate: '2021-09-01',
    originalTargetDate: '2021-10-16',
    targetDate: '2021-10-16',
    status: 'not_started',
    successMeasure: 'Events held and people reached during the week.',
    changes: [],
  },
  {
    id: 'CSP-2021-14',
    theme: 'Acquisitive and business crime',
    title: 'Secure funding for more CCTV in Staveley town centre',
    description: 'Look for funding to add public space CCTV, starting with Staveley town centre.',
    lead: 'Alex Morgan',
    leadAgency: 'Chesterfield Borough Council',
    partners: ['Derbyshire Constabulary'],
    wards: [MIDDLECROFT_AND_POOLSBROOK],
    startDate: '2020-07-01',
    originalTargetDate: '2021-03-31',
    targetDate: '2021-12-31',
    targetDateReason: 'Waiting for the outcome of the next funding round.',
    status: 'on_hold',
    update: { text: 'Bid submitted; decision expected in the autumn.', by: 'Alex Morgan', asOf: '2021-07-15' },
    successMeasure: 'Funding secured and cameras installed.',
    changes: [
      { at: '2020-07-06T09:00:00.000Z', by: 'Alex Morgan', field: 'status', old: 'not_started', new: 'in_progress' },
      { at: '2021-03-15T09:00:00.000Z', by: 'Alex Morgan', field: 'target_date', old: '2021-03-31', new: '2021-06-30', note: 'First funding bid unsuccessful; second bid prepared.' },
      { at: '2021-06-28T09:00:00.000Z', by: 'Alex Morgan', field: 'target_date', old: '2021-06-30', new: '2021-12-31', note: 'Waiting for the outcome of the next funding round.' },
      { at: '2021-06-28T09:00:00.000Z', by: 'Alex Morgan', field: 'committee_flag', old: 'no', new: 'yes', note: 'target date has slipped 2 times' },
      { at: '2021-07-15T09:00:00.000Z', by: 'Alex Morgan', field: 'status', old: 'in_progress', new: 'on_hold', note: 'Nothing more to do until the funding decision.' },
    ],
  },
  {
    id: 'CSP-2021-15',
    theme: 'Acquisitive and business crime',
    title: 'Support the Derbyshire Business Crime Reduction Partnership',
    description: 'Help local businesses join the partnership and use it to cut acquisitive crime and ASB.',
    lead: 'Insp Dan Hughes',
    leadAgency: 'Derbyshire Constabulary',
    partners: ['Derbyshire Business Crime Reduction Partnership', 'Chesterfield Borough Council'],
    wards: [],
    startDate: '2020-04-01',
    originalTargetDate: '2022-03-31',
    targetDate: '2022-03-31',
    status: 'in_progress',
    ragOverride: { rag: 'amber', reason: 'Fewer businesses have rejoined since reopening than planned.' },
    update: { text: 'Membership drive with town-centre retailers under way.', by: 'Insp Dan Hughes', asOf: '2021-08-05' },
    successMeasure: 'Member businesses, and shop theft reports in the town centre.',
    changes: [
      { at: '2020-06-15T09:20:00.000Z', by: 'Insp Dan Hughes', field: 'status', old: 'not_started', new: 'in_progress' },
      { at: '2021-08-05T11:00:00.000Z', by: 'Insp Dan Hughes', field: 'rag_override', old: null, new: 'amber', note: 'Fewer businesses have rejoined since reopening than planned.' },
    ],
  },
  {
    id: 'CSP-2021-16',
    theme: 'Serious and organised crime',
    title: 'Lead the Operation Blofeld serious and organised crime pilot',
    description: 'Pilot close partnership working and shared intelligence to protect communities from serious and organised crime, including drug dealing.',
    lead: 'Insp Dan Hughes',
    leadAgency: 'Derbyshire Constabulary',
    partners: ['Chesterfield Borough Council', 'Derbyshire County Council'],
    wards: [ROTHER, MIDDLECROFT_AND_POOLSBROOK],
    startDate: '2021-01-01',
    originalTargetDate: '2022-03-31',
    targetDate: '2022-03-31',
    status: 'in_progress',
    update: { text: 'Partnership intelligence meetings held monthly; details in the exempt report.', by: 'Insp Dan Hughes', asOf: '2021-07-30' },
    successMeasure: 'Set out in the exempt report to the committee.',
    exempt: true,
    changes: [{ at: '2021-01-11T09:00:00.000Z', by: 'Insp Dan Hughes', field: 'status', old: 'not_started', new: 'in_progress' }],
  },
];

function person(name: string): DemoPerson {
  return demoPerson(name);
}

/** Builds the stored action and its history (version 1 is the plan being loaded; each change after adds one). */
export function demoActionItem(d: DemoAction): { item: ActionItem; history: HistoryEntry[] } {
  const lead = person(d.lead);
  const coordinator = planLoader();
  const history: HistoryEntry[] = [
    {
      actionId: d.id,
      version: 1,
      at: PLAN_ADDED_AT,
      actorAadObjectId: coordinator.aadObjectId,
      actorName: coordinator.name,
      field: 'created',
      oldValue: null,
      newValue: d.title,
      note: `Loaded from the ${PLAN} action plan`,
      channel: 'import',
    },
  ];
  let version = 1;
  for (const c of d.changes) {
    // A committee flag is raised by the slip that causes it: same save, same version.
    if (c.field !== 'committee_flag') version += 1;
    const by = person(c.by);
    history.push({ actionId: d.id, version, at: c.at, actorAadObjectId: by.aadObjectId, actorName: by.name, field: c.field, oldValue: c.old, newValue: c.new, note: c.note ?? null, channel: 'teams' });
  }
  if (d.update && !d.changes.some((c) => c.field === 'latest_update')) {
    // The latest update is part of the loaded state; it gets its own history line at its date.
    version += 1;
    const by = person(d.update.by);
    history.push({ actionId: d.id, version, at: `${d.update.asOf}T16:00:00.000Z`, actorAadObjectId: by.aadObjectId, actorName: by.name, field: 'latest_update', oldValue: null, newValue: d.update.text, note: null, channel: 'teams' });
  }
  history.sort((a, b) => a.version - b.version || a.at.localeCompare(b.at));
  const slips = d.changes.filter((c) => c.field === 'target_date' && c.old !== null && c.new !== null && c.new > c.old).length;
  const item: ActionItem = {
    id: d.id,
    plan: PLAN,
    theme: d.theme,
    title: d.title,
    description: d.description,
    lead: { name: lead.name, aadObjectId: lead.aadObjectId, teamsUserId: lead.teamsUserId },
    leadAgency: d.leadAgency,
    partners: d.partners,
    wards: d.wards,
    startDate: d.startDate,
    originalTargetDate: d.originalTargetDate,
    targetDate: d.targetDate,
    targetDateReason: d.targetDateReason ?? null,
    targetSlips: slips,
    committeeFlag: slips >= 2,
    status: d.status,
    ragOverride: d.ragOverride?.rag ?? null,
    ragOverrideReason: d.ragOverride?.reason ?? null,
    latestUpdate: d.update ? { text: d.update.text, author: person(d.update.by).name, asOf: d.update.asOf } : null,
    successMeasure: d.successMeasure,
    source: { kind: 'plan', plan: PLAN },
    classification: d.exempt ? 'exempt' : 'public',
    version,
    createdAt: PLAN_ADDED_AT,
    updatedAt: history.reduce((latest, h) => (h.at > latest ? h.at : latest), PLAN_ADDED_AT),
  };
  return { item, history };
}

function planLoader(): DemoPerson {
  return person('Alex Morgan');
}

/** Loads the demo plan; running it again adds nothing (actions already present are left as they are). */
export async function seedDemoActions(store: Store, clock: Clock): Promise<void> {
  const repo = new ActionRepo(store, DEMO_DISTRICT);
  let added = 0;
  for (const d of DEMO_ACTION_PLAN) {
    const { item, history } = demoActionItem(d);
    if (await repo.insertIfAbsent(item, history)) added += 1;
  }
  // The demo people's Teams ids, so the Playground's cards refresh into the editing view for them.
  const people = new PersonRepo(store);
  for (const p of DEMO_PEOPLE) await people.remember({ aadObjectId: p.aadObjectId, teamsUserId: p.teamsUserId, name: p.name }, clock.now());
  await repo.markDemo(clock.now());
  if (added > 0) await repo.audit('demo.actions_seeded', null, { added }, clock.now());
}
