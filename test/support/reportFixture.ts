import { buildProgressReport } from '../../src/features/reports/build';
import type { ProgressReport } from '../../src/features/reports/model';

/** A small report for the renderers: two themes, one action with a pipe and a < in its title. */
export function sampleReport(): ProgressReport {
  const base = {
    plan: '2022–23',
    description: '',
    lead: { name: 'Sam Lead', aadObjectId: null, teamsUserId: null },
    leadAgency: 'Council',
    partners: [],
    wards: [],
    startDate: '2022-04-01',
    originalTargetDate: '2023-03-31',
    targetDate: '2023-03-31',
    targetDateReason: null,
    targetSlips: 0,
    ragOverride: null,
    ragOverrideReason: null,
    successMeasure: '',
    source: { kind: 'plan' as const, plan: '2022–23' },
    version: 1,
    createdAt: '2022-04-01T00:00:00Z',
    updatedAt: '2022-09-01T00:00:00Z',
  };
  return buildProgressReport({
    districtName: 'Testshire',
    period: { from: '2022-01', to: '2022-03' },
    previousPeriod: { from: '2021-10', to: '2021-12' },
    now: new Date('2022-09-15T09:00:00Z'),
    generatedOn: '2022-09-15',
    since: '2022-06-01',
    sampleData: true,
    includeExempt: false,
    actions: [
      { ...base, id: 'T-1', theme: 'Safer streets', title: 'Fit lights | cameras <north>', status: 'in_progress', committeeFlag: true, latestUpdate: { text: 'Half fitted', author: 'Sam Lead', asOf: '2022-09-01' }, classification: 'public' },
      { ...base, id: 'T-2', theme: 'Hate crime', title: 'Hold a hate crime awareness week', status: 'closed', committeeFlag: false, latestUpdate: null, classification: 'public' },
    ],
    history: [],
    crime: {
      allCrime: { current: 1234, previous: 1300 },
      categories: [
        { slug: 'anti-social-behaviour', name: 'Anti-social behaviour', unit: 'incidents', current: 400, previous: 350 },
        { slug: 'burglary', name: 'Burglary', unit: 'crimes', current: 90, previous: 120 },
      ],
      monthly: [
        { month: '2021-10', count: 430 },
        { month: '2021-11', count: 440 },
        { month: '2021-12', count: 430 },
        { month: '2022-01', count: 400 },
        { month: '2022-02', count: 410 },
        { month: '2022-03', count: 424 },
      ],
      wards: [
        { code: 'W1', name: 'North', current: 300, previous: 250 },
        { code: 'W2', name: 'South', current: 200, previous: 260 },
      ],
      wardSetNote: null,
    },
    sources: [{ name: 'police.uk street-level crime data', asOf: '2022-04' }],
    caveats: ['Counts are approximate.'],
  });
}
