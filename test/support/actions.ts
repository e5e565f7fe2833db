import type { ActionItem } from '../../src/domain/actions/model';

export const LEAD = { aadObjectId: '11111111-1111-4111-8111-111111111111', teamsUserId: '29:lead-officer', name: 'Lee Lead' };
export const OTHER_OFFICER = { aadObjectId: '22222222-2222-4222-8222-222222222222', teamsUserId: '29:other-officer', name: 'Olive Other' };
export const COORDINATOR = { aadObjectId: '33333333-3333-4333-8333-333333333333', teamsUserId: '29:coordinator', name: 'Cara Coordinator' };
export const ADMIN = { aadObjectId: '44444444-4444-4444-8444-444444444444', teamsUserId: '29:admin', name: 'Adam Admin' };
export const MEMBER = { aadObjectId: '55555555-5555-4555-8555-555555555555', teamsUserId: '29:member', name: 'Cllr Mo Member' };

/** A plain open action led by LEAD; override any field. */
export function anAction(overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: 'CSP-TEST-01',
    plan: '2020–21',
    theme: 'Anti-social behaviour',
    title: 'Run walk-throughs of the parks',
    description: 'Regular joint walk-throughs of parks with PCSOs.',
    lead: { name: LEAD.name, aadObjectId: LEAD.aadObjectId, teamsUserId: LEAD.teamsUserId },
    leadAgency: 'Derbyshire Constabulary',
    partners: ['Chesterfield Borough Council'],
    wards: ['E05003337'],
    startDate: '2021-01-01',
    originalTargetDate: '2021-12-31',
    targetDate: '2021-12-31',
    targetDateReason: null,
    targetSlips: 0,
    committeeFlag: false,
    status: 'in_progress',
    ragOverride: null,
    ragOverrideReason: null,
    latestUpdate: { text: 'Walk-throughs weekly.', author: LEAD.name, asOf: '2021-08-01' },
    successMeasure: 'Walk-throughs held monthly.',
    source: { kind: 'plan', plan: '2020–21' },
    classification: 'public',
    version: 1,
    createdAt: '2021-01-01T09:00:00.000Z',
    updatedAt: '2021-01-01T09:00:00.000Z',
    ...overrides,
  };
}
