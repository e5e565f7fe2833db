import { planImport, referenceFor, type PlanInput } from '../../../../src/features/actions/tracker/plan';
import type { TrackerEntry } from '../../../../src/features/actions/tracker/rows';
import { anAction, LEAD } from '../../../support/actions';
import { describeChange } from '../../../../src/features/actions/workflow';

const now = new Date('2021-08-16T09:00:00Z');

function entry(over: Partial<TrackerEntry>): TrackerEntry {
  return { rowNumber: 2, ref: null, title: 'Run walk-throughs of the parks', theme: null, notes: [], ...over };
}

function plan(entries: TrackerEntry[], over: Partial<PlanInput> = {}) {
  return planImport({
    entries,
    existing: [anAction({ id: 'CSP-TEST-01' })],
    people: [{ name: LEAD.name, email: null, aadObjectId: LEAD.aadObjectId, teamsUserId: LEAD.teamsUserId }],
    plan: { name: '2020–21', explicit: true },
    importer: { name: 'Cara Coordinator', aadObjectId: null },
    now,
    source: 'plan.xlsx',
    wardNames: (codes) => [...codes],
    ...over,
  });
}

describe('the import plan', () => {
  test('references: bare numbers belong to their plan; others are ids as written, made safe for cards', () => {
    expect(referenceFor('1.2', '2024–25')).toBe('2024-25/1.2');
    expect(referenceFor('ASB 1', '2024–25')).toBe('ASB-1');
    expect(referenceFor('CSP-2021-07', '2024–25')).toBe('CSP-2021-07');
    expect(referenceFor('!!!', '2024–25')).toBeUndefined();
  });

  test('a reference of another plan is refused when the plan was said, kept when it was assumed', () => {
    const said = plan([entry({ ref: 'CSP-TEST-01' })], { plan: { name: '2024–25', explicit: true } });
    expect(said.problems[0].reasons).toEqual(['reference CSP-TEST-01 is an action of the 2020–21 plan, not 2024–25']);
    const assumed = plan([entry({ ref: 'CSP-TEST-01' })], { plan: { name: '2024–25', explicit: false } });
    expect(assumed.actions.map((a) => [a.ref, a.outcome])).toEqual([['CSP-TEST-01', 'unchanged']]);
  });

  test('a row matched by text cannot take an action another row updates by reference', () => {
    const p = plan([entry({ rowNumber: 2, ref: 'CSP-TEST-01' }), entry({ rowNumber: 3 })]);
    expect(p.problems).toEqual([{ rowNumber: 3, title: 'Run walk-throughs of the parks', reasons: ['matches CSP-TEST-01, which row 2 updates by reference'] }]);
  });

  test('a lead fitting two people is refused, asking for the e-mail', () => {
    const p = plan([entry({ ref: 'X1', lead: { name: 'Sam Reid' } })], {
      people: [
        { name: 'Sam Reid', email: 'sam@a.org', aadObjectId: 'a1', teamsUserId: null },
        { name: 'Sam Reid', email: 'sam@b.org', aadObjectId: 'a2', teamsUserId: null },
      ],
    });
    expect(p.problems[0].reasons[0]).toMatch(/^lead "Sam Reid" fits more than one person .*: add their e-mail$/);
    const byEmail = plan([entry({ ref: 'X1', lead: { name: 'Sam Reid', email: 'sam@b.org' } })], {
      people: [
        { name: 'Sam Reid', email: 'sam@a.org', aadObjectId: 'a1', teamsUserId: null },
        { name: 'Sam Reid', email: 'sam@b.org', aadObjectId: 'a2', teamsUserId: null },
      ],
    });
    expect(byEmail.actions[0].next.lead.aadObjectId).toBe('a2');
  });

  test('a second later target date flags the action for the committee; "Complete" leaves a closed action closed', () => {
    const slipped = plan([entry({ ref: 'CSP-TEST-01', targetDate: '2022-03-31' })], {
      existing: [anAction({ id: 'CSP-TEST-01', targetSlips: 1 })],
    });
    expect(slipped.actions[0].changes.map((c) => c.field)).toEqual(['target_date', 'committee_flag']);
    expect(slipped.actions[0].next.committeeFlag).toBe(true);
    const closed = plan([entry({ ref: 'CSP-TEST-01', status: 'completed' })], { existing: [anAction({ id: 'CSP-TEST-01', status: 'closed' })] });
    expect(closed.actions[0].outcome).toBe('unchanged');
  });

  test('a tracker RAG that agrees with the derived one clears a hand-set RAG; one that differs is set by hand', () => {
    const cleared = plan([entry({ ref: 'CSP-TEST-01', rag: 'green' })], {
      existing: [anAction({ id: 'CSP-TEST-01', ragOverride: 'amber', ragOverrideReason: 'worried' })],
    });
    expect(cleared.actions[0].changes).toEqual([{ field: 'rag_override', from: 'amber', to: null }]);
    const set = plan([entry({ ref: 'CSP-TEST-01', rag: 'red' })]);
    expect(set.actions[0].next.ragOverride).toBe('red');
    expect(set.actions[0].history[0]).toEqual(expect.objectContaining({ field: 'rag_override', channel: 'import', actorName: 'Cara Coordinator', note: 'as the imported tracker gives it; imported from plan.xlsx, row 2' }));
  });

  test('import changes read as the committee would read them in the history', () => {
    const p = plan([entry({ ref: 'CSP-TEST-01', theme: 'Parks', leadAgency: 'Chesterfield Borough Council', wards: [] })]);
    expect(p.actions[0].history.map(describeChange)).toEqual([
      'Theme: Anti-social behaviour → Parks',
      'Lead organisation: Derbyshire Constabulary → Chesterfield Borough Council',
      'Wards: E05003337 → borough-wide',
    ]);
  });

  test('an organisation already in the plan keeps its spelling', () => {
    const p = plan([entry({ ref: 'CSP-TEST-01', leadAgency: 'DERBYSHIRE  constabulary' }), entry({ rowNumber: 3, ref: 'N1', title: 'New', leadAgency: 'derbyshire constabulary' })]);
    expect(p.actions.map((a) => [a.outcome, a.next.leadAgency])).toEqual([
      ['unchanged', 'Derbyshire Constabulary'],
      ['created', 'Derbyshire Constabulary'],
    ]);
  });
});
