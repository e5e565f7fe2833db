import type { Role } from '../core/roles';

/**
 * The demo partnership's people. They are also the five users of the shipped
 * .m365agentsplayground.yml, so the Playground's current user (a coordinator) can try every card.
 */
export interface DemoPerson {
  /** Teams user id, as in activity.from.id */
  teamsUserId: string;
  aadObjectId: string;
  name: string;
  givenName: string;
  surname: string;
  email: string;
  role: Role;
  jobTitle: string;
  agency: string;
}

export const DEMO_TENANT_ID = '00000000-0000-0000-0000-0000000000c5';

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    teamsUserId: '29:demo-alex-morgan',
    aadObjectId: 'a0000001-0000-4000-8000-000000000001',
    name: 'Alex Morgan',
    givenName: 'Alex',
    surname: 'Morgan',
    email: 'alex.morgan@example.gov.uk',
    role: 'coordinator',
    jobTitle: 'Community Safety Coordinator',
    agency: 'Chesterfield Borough Council',
  },
  {
    teamsUserId: '29:demo-priya-shah',
    aadObjectId: 'a0000002-0000-4000-8000-000000000002',
    name: 'Cllr Priya Shah',
    givenName: 'Priya',
    surname: 'Shah',
    email: 'priya.shah@example.gov.uk',
    role: 'member',
    jobTitle: 'Councillor, Crime and Disorder Committee',
    agency: 'Chesterfield Borough Council',
  },
  {
    teamsUserId: '29:demo-dan-hughes',
    aadObjectId: 'a0000003-0000-4000-8000-000000000003',
    name: 'Insp Dan Hughes',
    givenName: 'Dan',
    surname: 'Hughes',
    email: 'dan.hughes@example.police.uk',
    role: 'officer',
    jobTitle: 'Safer Neighbourhood Inspector',
    agency: 'Derbyshire Constabulary',
  },
  {
    teamsUserId: '29:demo-jo-whitfield',
    aadObjectId: 'a0000004-0000-4000-8000-000000000004',
    name: 'Jo Whitfield',
    givenName: 'Jo',
    surname: 'Whitfield',
    email: 'jo.whitfield@example.gov.uk',
    role: 'officer',
    jobTitle: 'Community Safety Officer',
    agency: 'Chesterfield Borough Council',
  },
  {
    teamsUserId: '29:demo-sam-price',
    aadObjectId: 'a0000005-0000-4000-8000-000000000005',
    name: 'Sam Price',
    givenName: 'Sam',
    surname: 'Price',
    email: 'sam.price@example.gov.uk',
    role: 'admin',
    jobTitle: 'Digital Services Lead',
    agency: 'Chesterfield Borough Council',
  },
  {
    teamsUserId: '29:demo-tom-barker',
    aadObjectId: 'a0000006-0000-4000-8000-000000000006',
    name: 'Cllr Tom Barker',
    givenName: 'Tom',
    surname: 'Barker',
    email: 'tom.barker@example.gov.uk',
    role: 'member',
    jobTitle: 'Councillor, Rother ward',
    agency: 'Chesterfield Borough Council',
  },
];

/** The Playground's conversations, as shipped in .m365agentsplayground.yml. */
export const DEMO_CONVERSATIONS = {
  personalChat: 'a:demo-personal-chat-alex',
  groupChat: '19:demo-group-chat@thread.v2',
  team: '19:demo-csp-team@thread.tacv2',
  committeeChannel: '19:demo-committee-channel@thread.tacv2',
} as const;

export function demoPerson(name: string): DemoPerson {
  const p = DEMO_PEOPLE.find((d) => d.name === name || d.givenName === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
}
