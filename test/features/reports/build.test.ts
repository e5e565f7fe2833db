import { buildProgressReport, coverageOf, describeChangePct, ReportInput, WARDS_LISTED } from '../../../src/features/reports/build';
import { addMonths } from '../../../src/domain/crime/periods';
import type { ActionItem, HistoryEntry } from '../../../src/domain/actions/model';

function action(id: string, theme: string, extra: Partial<ActionItem> = {}): ActionItem {
  return {
    id,
    plan: '2022–23',
    theme,
    title: `Do ${id}`,
    description: '',
    lead: { name: 'Lead Person', aadObjectId: null, teamsUserId: null },
    leadAgency: 'Council',
    partners: [],
    wards: [],
    startDate: '2022-04-01',
    originalTargetDate: '2023-03-31',
    targetDate: '2023-03-31',
    targetDateReason: null,
    targetSlips: 0,
    committeeFlag: false,
    status: 'in_progress',
    ragOverride: null,
    ragOverrideReason: null,
    latestUpdate: { text: 'Going well', author: 'Lead Person', asOf: '2022-09-01' },
    successMeasure: '',
    source: { kind: 'plan', plan: '2022–23' },
    classification: 'public',
    version: 1,
    createdAt: '2022-04-01T00:00:00Z',
    updatedAt: '2022-09-01T00:00:00Z',
    ...extra,
  };
}

const history: HistoryEntry[] = [
  { actionId: 'B-1', version: 2, at: '2022-09-02T10:00:00Z', actorAadObjectId: null, actorName: 'X', field: 'status', oldValue: 'not_started', newValue: 'in_progress', note: null, channel: 'teams' },
];

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    districtName: 'Testshire',
    period: { from: '2022-01', to: '2022-12' },
    previousPeriod: { from: '2021-01', to: '2021-12' },
    now: new Date('2022-09-15T09:00:00Z'),
    generatedOn: '2022-09-15',
    since: '2022-09-01',
    sampleData: false,
    includeExempt: false,
    actions: [action('B-1', 'Theme B'), action('A-2', 'Theme A'), action('A-1', 'Theme A'), action('X-1', 'Theme B', { classification: 'exempt' })],
    history,
    crime: {
      allCrime: { current: 900, previous: 1000 },
      categories: [
        { slug: 'burglary', name: 'Burglary', unit: 'crimes', current: 110, previous: 100 },
        { slug: 'drugs', name: 'Drugs', unit: 'crimes', current: 5, previous: 0 },
      ],
      monthly: [],
      wards: Array.from({ length: 9 }, (_, i) => ({ code: `W${i}`, name: `Ward ${i}`, current: 100 + (i % 2 ? i * 10 : -i * 5), previous: 100 })),
      wardSetNote: null,
    },
    sources: [{ name: 'police.uk', asOf: '2022-12' }],
    caveats: ['A caveat.'],
    ...over,
  };
}

describe('building the progress report', () => {
  it('groups actions by theme in plan order and leaves exempt items out of the public version, counting them', () => {
    const r = buildProgressReport(input());
    expect(r.themes.map((t) => [t.theme, t.actions.map((a) => a.id)])).toEqual([
      ['Theme A', ['A-1', 'A-2']],
      ['Theme B', ['B-1']],
    ]);
    expect(r.exemptLeftOut).toBe(1);
    expect(buildProgressReport(input({ includeExempt: true })).themes.flatMap((t) => t.actions)).toHaveLength(4);
  });

  it('lists the changes to each action since the last report', () => {
    const r = buildProgressReport(input());
    expect(r.themes[1].actions[0].changes).toEqual(['2022-09-02: Status: Not started → In progress']);
    expect(r.themes[0].actions[0].changes).toEqual([]);
  });

  it('computes change and change % per category, with none when there was nothing before', () => {
    const r = buildProgressReport(input());
    expect(r.crime.allCrime).toMatchObject({ change: -100, changePct: -10 });
    expect(r.crime.categories).toEqual([expect.objectContaining({ change: 10, changePct: 10 }), expect.objectContaining({ change: 5, changePct: null })]);
    expect(describeChangePct(r.crime.categories[1])).toBe('up (none in the previous period)');
    expect(describeChangePct(r.crime.allCrime)).toBe('down 10.0%');
  });

  it('keeps the wards with the largest changes, either way', () => {
    const r = buildProgressReport(input());
    expect(r.crime.wardChanges).toHaveLength(WARDS_LISTED);
    const sizes = r.crime.wardChanges.map((w) => Math.abs(w.change));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(r.crime.wardChanges.some((w) => w.change < 0) && r.crime.wardChanges.some((w) => w.change > 0)).toBe(true);
  });

  it('summarises in words, saying when it is sample data', () => {
    const r = buildProgressReport(input({ sampleData: true }));
    expect(r.summary[0]).toMatch(/^Sample data/);
    expect(r.summary[1]).toBe('All recorded crime in Testshire (excluding anti-social behaviour): 900 in Jan 2022 – Dec 2022 against 1,000 in Jan 2021 – Dec 2021, down 10.0%.');
    expect(r.charts.map((c) => c.id)).toEqual(['chart-monthly', 'chart-categories', 'chart-wards']);
  });
});

describe('what the figures cover', () => {
  const period = { from: '2021-02', to: '2022-01' };
  const previous = { from: '2020-02', to: '2021-01' };
  const all = (from: string, n: number) => Array.from({ length: n }, (_, i) => addMonths(from, i));

  it('names the months new since the last report', () => {
    const c = coverageOf(period, previous, all('2020-02', 24), { from: '2020-08', to: '2021-07' });
    expect(c.newMonths).toEqual(all('2021-08', 6));
    expect(c.newSinceText).toBe('New since the last report (which covered Aug 2020 – Jul 2021): Aug 2021 to Jan 2022 (6 months).');
    expect(c.comparable).toBe(true);
  });

  it('says plainly when the period is the one already reported', () => {
    expect(coverageOf(period, previous, null, period).newSinceText).toMatch(/^No month has been added since the last report/);
  });

  it('lists months not imported in either period and stops comparing', () => {
    const held = all('2020-02', 24).filter((m) => m !== '2020-04' && m !== '2021-11');
    const c = coverageOf(period, previous, held, null);
    expect(c.missingMonths).toEqual(['2020-04', '2021-11']);
    expect(c.comparable).toBe(false);
    expect(c.note).toMatch(/^Apr 2020 and Nov 2021 are not yet imported, so neither period is complete/);
    expect(describeChangePct({ change: -10, changePct: -5, comparable: false })).toBe('not compared (months missing)');
  });
});

describe('a period that may already have been reported', () => {
  it('says so when no month after the period is held and it was published before the last meeting', () => {
    const c = coverageOf({ from: '2020-02', to: '2021-01' }, { from: '2019-02', to: '2020-01' }, null, null, '2021-03-16');
    expect(c.newSinceText).toMatch(/^No month after Jan 2021 is held, and that month was published before the last meeting \(2021-03-16\): these may be the figures already reported then/);
    expect(coverageOf({ from: '2020-04', to: '2021-03' }, { from: '2019-04', to: '2020-03' }, null, null, '2021-03-16').newSinceText).toMatch(/^No earlier report's period is recorded/);
  });
});
