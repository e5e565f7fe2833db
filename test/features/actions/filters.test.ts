import { filterActions, matchTitle } from '../../../src/features/actions/filters';
import type { HistoryEntry } from '../../../src/domain/actions/model';
import { anAction, LEAD, OTHER_OFFICER } from '../../support/actions';

const now = new Date('2021-08-16T09:00:00Z');
const plan = [
  anAction({ id: 'A-1', title: 'Lead the Operation Blofeld serious and organised crime pilot', theme: 'Serious and organised crime', wards: ['E05003337', 'E05003334'], classification: 'exempt' }),
  anAction({ id: 'A-2', title: 'Expand the use of guard cams for people at risk', theme: 'Vulnerable people', wards: [], targetDate: '2021-07-31' }),
  anAction({ id: 'A-3', title: 'Secure funding for more CCTV in Staveley town centre', theme: 'Acquisitive and business crime', wards: ['E05003334'], status: 'on_hold' }),
  anAction({ id: 'A-4', title: 'Maintain the Town Centre Public Space Protection Order', wards: [], lead: { name: OTHER_OFFICER.name, aadObjectId: OTHER_OFFICER.aadObjectId, teamsUserId: null } }),
];

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('filtering the plan', () => {
  test('exempt items are left out unless allowed', () => {
    expect(ids(filterActions(plan, { includeExempt: false }, now))).toEqual(['A-2', 'A-3', 'A-4']);
    expect(ids(filterActions(plan, { includeExempt: true }, now))).toEqual(['A-1', 'A-2', 'A-3', 'A-4']);
  });

  test('by ward: any action targeting one of the wards', () => {
    expect(ids(filterActions(plan, { includeExempt: true, wardCodes: ['E05003334'] }, now))).toEqual(['A-1', 'A-3']);
  });

  test('with no lead officer named: only those whose lead is blank', () => {
    const unled = anAction({ id: 'A-5', title: 'Refresh the ASB leaflet', lead: { name: ' ', aadObjectId: null, teamsUserId: null } });
    expect(ids(filterActions([...plan, unled], { includeExempt: true, noLead: true }, now))).toEqual(['A-5']);
  });

  test('"led by" a name fits the lead officer as well as the agency', () => {
    const byName = ids(filterActions(plan, { includeExempt: true, leadAgency: (n) => n.toLowerCase().includes(OTHER_OFFICER.name.toLowerCase()) }, now));
    expect(byName).toEqual(['A-4']);
  });

  test('flagged for the committee: only actions whose target date slipped twice', () => {
    const flagged = anAction({ id: 'A-6', title: 'Secure CCTV funding', committeeFlag: true, targetSlips: 2 });
    expect(ids(filterActions([...plan, flagged], { includeExempt: true, flagged: true }, now))).toEqual(['A-6']);
  });

  test('overdue and red', () => {
    expect(ids(filterActions(plan, { includeExempt: true, overdue: true }, now))).toEqual(['A-2']);
    expect(ids(filterActions(plan, { includeExempt: true, rag: 'red' }, now))).toEqual(['A-2']);
    expect(ids(filterActions(plan, { includeExempt: true, rag: 'amber' }, now))).toEqual(['A-3']);
  });

  test('"amber or red": any of several RAGs', () => {
    expect(ids(filterActions(plan, { includeExempt: true, rags: ['amber', 'red'] }, now))).toEqual(['A-2', 'A-3']);
  });

  test('by lead agency, through the predicate the question gives', () => {
    const police = (name: string) => /constabulary/i.test(name);
    const withAgency = plan.map((a, i) => ({ ...a, leadAgency: i === 1 ? 'Derbyshire Constabulary' : 'Chesterfield Borough Council' }));
    expect(ids(filterActions(withAgency, { includeExempt: true, leadAgency: police }, now))).toEqual(['A-2']);
  });

  test('by status, theme and lead', () => {
    expect(ids(filterActions(plan, { includeExempt: true, status: 'on_hold' }, now))).toEqual(['A-3']);
    expect(ids(filterActions(plan, { includeExempt: true, theme: 'vulnerable' }, now))).toEqual(['A-2']);
    expect(ids(filterActions(plan, { includeExempt: true, leadAadObjectId: LEAD.aadObjectId }, now))).toEqual(['A-1', 'A-2', 'A-3']);
    expect(ids(filterActions(plan, { includeExempt: true, leadName: 'olive' }, now))).toEqual(['A-4']);
  });

  test('changed since a date: only actions with history on or after it', () => {
    const h = (actionId: string, at: string): HistoryEntry => ({ actionId, version: 2, at, actorAadObjectId: null, actorName: 'x', field: 'latest_update', oldValue: null, newValue: 'y', note: null, channel: 'teams' });
    const history = [h('A-2', '2021-02-28T23:00:00Z'), h('A-3', '2021-03-01T08:00:00Z')];
    expect(ids(filterActions(plan, { includeExempt: true, changedSince: '2021-03-01' }, now, history))).toEqual(['A-3']);
  });
});

describe('finding an action by what people call it', () => {
  test('"Operation Blofeld" finds the pilot', () => {
    expect(matchTitle(plan, 'status of Operation Blofeld')[0].action.id).toBe('A-1');
  });

  test('a small misspelling still finds it', () => {
    expect(matchTitle(plan, 'operation blofield')[0].action.id).toBe('A-1');
    expect(matchTitle(plan, 'guard cam')[0].action.id).toBe('A-2');
  });

  test('the reference finds it directly', () => {
    expect(matchTitle(plan, 'what about a-3?')[0]).toMatchObject({ action: { id: 'A-3' }, score: 1 });
  });

  test('"PSPO"-style words not in any title find nothing rather than a wrong action', () => {
    expect(matchTitle(plan, 'allotment rents')).toEqual([]);
  });

  test('Staveley CCTV ranks the CCTV action first', () => {
    expect(matchTitle(plan, 'Staveley CCTV')[0].action.id).toBe('A-3');
  });
});
