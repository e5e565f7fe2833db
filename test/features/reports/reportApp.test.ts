import mammoth from 'mammoth';
import { describeEachStore } from '../../support/stores';
import { demoDeps } from '../../support/actionsApp';
import { parsePeriodOption, progressReport, renderProgressReport, ReportInputError } from '../../../src/features/reports/reportApp';
import { seedDemoCrime } from '../../../src/demo/seedCrime';
import { DEMO_ACTION_PLAN } from '../../../src/demo/actionPlan';
import { CrimeQueries } from '../../../src/features/crime/queries';
import { CrimeRepo } from '../../../src/store/crimeRepo';
import { districtArea } from '../../../src/domain/areas/resolve';
import { changePct } from '../../../src/core/answer';
import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';
import { describeChangePct } from '../../../src/features/reports/build';
import { parseMinutes } from '../../../src/features/minutes/parse';
import { itWithSeed, minutesSeed } from '../../support/minutesSeed';
import { importMinutes } from '../../../src/features/minutes/minutesApp';

const PERIOD = { from: '2020-02', to: '2021-01' };
const PREVIOUS = { from: '2019-02', to: '2020-01' };

describeEachStore('the progress report on the demo partnership', (get) => {
  let deps: Awaited<ReturnType<typeof demoDeps>>;
  let queries: CrimeQueries;
  beforeEach(async () => {
    deps = await demoDeps(get());
    await seedDemoCrime(deps.store, deps.clock);
    queries = new CrimeQueries(new CrimeRepo(deps.store), chesterfieldPack, { suppressionThreshold: 5 });
  });

  it('reports the district figures the crime queries give, by category, with change %', async () => {
    const report = await progressReport(deps, { period: PERIOD });
    expect(report.previousPeriod).toEqual(PREVIOUS);
    const district = districtArea(chesterfieldPack);
    const now = await queries.total(district, null, PERIOD);
    const before = await queries.total(district, null, PREVIOUS);
    expect(report.crime.allCrime).toMatchObject({ current: now.count, previous: before.count, changePct: changePct(now.count, before.count) });
    const byCat = new Map((await queries.breakdown(district, PERIOD)).map((b) => [b.category.slug, b.count]));
    const byCatBefore = new Map((await queries.breakdown(district, PREVIOUS)).map((b) => [b.category.slug, b.count]));
    const police = report.crime.categories.filter((c) => byCat.has(c.slug));
    expect(police).toHaveLength(14);
    for (const c of police) expect(c).toMatchObject({ current: byCat.get(c.slug), previous: byCatBefore.get(c.slug), changePct: changePct(byCat.get(c.slug)!, byCatBefore.get(c.slug)!) });
    // All crime is every police.uk category except ASB.
    expect(police.filter((c) => c.slug !== 'anti-social-behaviour').reduce((s, c) => s + c.current, 0)).toBe(now.count);
    const series = await queries.series(district, null, PREVIOUS.from, PERIOD.to);
    expect(report.crime.monthly).toEqual(series.map((m) => ({ month: m.month, count: m.count })));
  });

  it('lists the wards with the largest changes, checked against the ward ranking', async () => {
    const report = await progressReport(deps, { period: PERIOD });
    const now = new Map((await queries.ranking(null, PERIOD)).map((r) => [r.area.code, r.count]));
    const before = new Map((await queries.ranking(null, PREVIOUS)).map((r) => [r.area.code, r.count]));
    const changes = [...now].map(([code, n]) => Math.abs(n - before.get(code)!)).sort((a, b) => b - a);
    expect(report.crime.wardChanges.map((w) => Math.abs(w.change))).toEqual(changes.slice(0, report.crime.wardChanges.length));
    for (const w of report.crime.wardChanges) expect(w).toMatchObject({ current: now.get(w.code), previous: before.get(w.code) });
  });

  it('contains every public action of the plan, by theme, and says how many exempt ones are left out', async () => {
    const { body, report } = await renderProgressReport(deps, { period: PERIOD, format: 'md' });
    const publicActions = DEMO_ACTION_PLAN.filter((a) => !a.exempt);
    expect(report.themes.flatMap((t) => t.actions.map((a) => a.id)).sort()).toEqual(publicActions.map((a) => a.id).sort());
    for (const a of publicActions) expect(body).toContain(`| ${a.id} | ${a.title}`);
    for (const theme of new Set(publicActions.map((a) => a.theme))) expect(body).toContain(`### ${theme}`);
    expect(report.exemptLeftOut).toBe(DEMO_ACTION_PLAN.length - publicActions.length);
    expect(body).toMatch(/exempt \(Part 2\) action/);
    const withExempt = await progressReport(deps, { period: PERIOD, includeExempt: true });
    expect(withExempt.themes.flatMap((t) => t.actions).length).toBe(DEMO_ACTION_PLAN.length);
  });

  it('shows status and RAG in words, and the changes since the last report', async () => {
    const report = await progressReport(deps, { period: PERIOD, since: '2021-01-01' });
    const actions = report.themes.flatMap((t) => t.actions);
    expect(actions.every((a) => a.rag === '–' || /^(Red – off track|Amber – at risk|Green – on track|Grey – no update this cycle)$/.test(a.rag))).toBe(true);
    const changed = DEMO_ACTION_PLAN.filter((a) => !a.exempt && a.changes.some((c) => c.at >= '2021-01-01'));
    for (const a of changed) expect(actions.find((x) => x.id === a.id)!.changes.length).toBeGreaterThan(0);
  });

  it('puts the same figures in the HTML and Word versions', async () => {
    const html = (await renderProgressReport(deps, { period: PERIOD, format: 'html' })).body as string;
    const { body, report } = await renderProgressReport(deps, { period: PERIOD, format: 'docx' });
    const text = (await mammoth.extractRawText({ buffer: body as Buffer })).value;
    const all = report.crime.allCrime;
    for (const doc of [html, text]) {
      expect(doc).toContain(all.current.toLocaleString('en-GB'));
      expect(doc).toContain(describeChangePct(all));
      for (const a of report.themes.flatMap((t) => t.actions)) expect(doc).toContain(a.title);
    }
  });

  it('uses the latest 12 months with data when no period is given', async () => {
    const latest = await queries.latestMonth();
    const report = await progressReport(deps);
    expect(report.period.to).toBe(latest);
    expect(report.period.from < report.period.to).toBe(true);
  });
});

describeEachStore('the progress report without data', (get) => {
  it('says that no crime data is loaded', async () => {
    const deps = await demoDeps(get());
    await expect(progressReport(deps)).rejects.toThrow(ReportInputError);
    await expect(progressReport(deps)).rejects.toThrow(/No crime data is loaded/);
  });
});

describe('the --period option', () => {
  it('reads YYYY-MM..YYYY-MM and refuses anything else', () => {
    expect(parsePeriodOption('2020-02..2021-01')).toEqual(PERIOD);
    expect(() => parsePeriodOption('2020-02-2021-01')).toThrow(/YYYY-MM..YYYY-MM/);
    expect(() => parsePeriodOption('2021-02..2020-01')).toThrow(/starts after it ends/);
  });
});

describeEachStore('the worked example against the demo data', (get) => {
  itWithSeed('gives the same change in total crime as the figure the minutes quote, for the same months', async () => {
    const deps = await demoDeps(get());
    await seedDemoCrime(deps.store, deps.clock);
    const [figure] = parseMinutes(minutesSeed()).figures;
    const report = await progressReport(deps, { period: figure.period! });
    expect(report.previousPeriod).toEqual(figure.comparedWith);
    expect(report.crime.allCrime.changePct).toBe(figure.value);
  });
});

/** The last meeting, in the project's own words, with the facts of the worked example. */
const LAST_MEETING = `Crime and Disorder Committee
Tuesday 16 March 2021

Agenda item 5: Community Safety Partnership progress report

The Community Safety Manager presented the progress report on the partnership's action plan.

The crime figures showed a reduction of 6.2% in total crimes recorded from February 2020 to January 2021 compared to the previous 12 months. Further information was requested on the increase in reported hate crime.

RESOLVED –

(1) That the progress report be noted.

(2) That a further progress report be provided to the Crime and Disorder Committee in September 2021.
`;

describeEachStore('the progress report after the last meeting', (get) => {
  let deps: Awaited<ReturnType<typeof demoDeps>>;
  beforeEach(async () => {
    deps = await demoDeps(get());
    await seedDemoCrime(deps.store, deps.clock);
    await importMinutes(deps, { text: LAST_MEETING, meetingDate: '2021-03-16', actor: { id: 'cli', name: 'test' }, channel: 'cli' });
  });

  it('answers the request on hate crime with live figures by month and by ward, with caveats', async () => {
    const report = await progressReport(deps);
    const hate = report.mattersArising.find((m) => /hate crime/i.test(m.title))!;
    expect(hate.status).toMatch(/^Open – overdue/);
    const [byMonth, byWard] = hate.tables;
    expect(byMonth.header).toEqual(['Month', 'Hate crime']);
    expect(byMonth.rows).toHaveLength(24);
    const queries = new CrimeQueries(new CrimeRepo(deps.store), chesterfieldPack, { suppressionThreshold: 5 });
    const series = await queries.series(districtArea(chesterfieldPack), 'hate-crime', report.previousPeriod.from, report.period.to);
    expect(byMonth.rows.map((r) => r[1])).toEqual(series.map((m) => m.count.toLocaleString('en-GB')));
    const wards = await queries.ranking('hate-crime', report.period);
    expect(byWard.rows.map((r) => r[0])).toEqual(wards.map((w) => w.area.name));
    expect(hate.chartIds).toHaveLength(1);
    expect(report.charts.map((c) => c.id)).toContain(hate.chartIds[0]);
    expect(hate.caveats.join(' ')).toMatch(/sample|demo/i);
    expect(hate.answer[0]).toMatch(/^Hate crime in Chesterfield: [\d,]+ crimes in Feb 2020 – Jan 2021 against [\d,]+ in Feb 2019 – Jan 2020, up \d/);
  });

  it('lists the progress report itself as answered, and fills the cover sheet from what the committee asked', async () => {
    const report = await progressReport(deps);
    expect(report.mattersArising.find((m) => /progress report/i.test(m.title))?.status).toMatch(/^Answered by this report/);
    expect(report.cover).toMatchObject({ committee: 'Crime and Disorder Committee', meetingDate: 'September 2021', reportOf: 'Community Safety Manager', contactOfficer: 'Community Safety Manager' });
    expect(report.cover.recommendations.length).toBeGreaterThan(0);
  });

  it('says when no month is new since the last report, never silently the same period', async () => {
    const report = await progressReport(deps);
    expect(report.coverage.lastReportedPeriod).toEqual({ from: '2020-02', to: '2021-01' });
    expect(report.period).toEqual({ from: '2020-02', to: '2021-01' });
    expect(report.coverage.newMonths).toEqual([]);
    expect(report.summary.join(' ')).toMatch(/No month has been added since the last report, which covered the same period \(Feb 2020 – Jan 2021\)/);
  });

  it('flags months not imported as gaps and states no change against them', async () => {
    for (const month of ['2019-05', '2019-06']) {
      await deps.store.db.deleteFrom('crime_count').where('month', '=', month).execute();
      await deps.store.db.deleteFrom('crime_import').where('month', '=', month).execute();
    }
    const { body, report } = await renderProgressReport(deps, { format: 'md' });
    expect(report.coverage.missingMonths).toEqual(['2019-05', '2019-06']);
    expect(report.coverage.comparable).toBe(false);
    expect(report.crime.monthly.filter((m) => m.count === null).map((m) => m.month)).toEqual(['2019-05', '2019-06']);
    expect(report.crime.allCrime.changePct).toBeNull();
    expect(report.crime.wardChanges).toEqual([]);
    expect(body).toContain('| May 2019 | Not yet imported |');
    expect(body).not.toMatch(/\| May 2019 \| 0 \|/);
    expect(body).not.toMatch(/\b(?:down|up) \d+\.\d%/);
    expect(body).toMatch(/May 2019 and Jun 2019 are not yet imported/);
  });
});
