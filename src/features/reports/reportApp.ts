import { partnershipOf, type AppDeps } from '../deps';
import type { Period } from '../../core/answer';
import { districtArea } from '../../domain/areas/resolve';
import { LOCAL_MEASURES, POLICE_CATEGORIES } from '../../domain/crime/categories';
import { crimeCaveats } from '../crime/caveats';
import { addMonths, isMonth, monthCount } from '../../domain/crime/periods';
import { CrimeQueries } from '../crime/queries';
import { today } from '../actions/rag';
import { buildProgressReport, ReportInput } from './build';
import type { CoverSheet, ProgressReport } from './model';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderDocx } from './docx';
import { renderCharts } from './chart';
import { mattersArisingFor, ownerOf } from './mattersArising';
import { extractFromParagraphs } from '../minutes/parse';
import { describeDue } from '../../domain/followups/dueDate';
import type { FollowUp } from '../../domain/followups/model';
import { ActionRepo } from '../../store/actionRepo';
import { CrimeRepo } from '../../store/crimeRepo';
import { FollowUpRepo } from '../../store/followUpRepo';
import { MinutesRepo } from '../../store/minutesRepo';

/** A problem the user can fix (a bad period, no data loaded): said plainly, nothing written. */
export class ReportInputError extends Error {}

export type ReportFormat = 'md' | 'html' | 'docx';

/** Reads "2020-02..2021-01". */
export function parsePeriodOption(text: string): Period {
  const m = /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})$/.exec(text.trim());
  if (!m || !isMonth(m[1]) || !isMonth(m[2])) throw new ReportInputError(`--period must be two months YYYY-MM..YYYY-MM (for example 2020-02..2021-01), got "${text}"`);
  if (m[1] > m[2]) throw new ReportInputError(`--period starts after it ends: ${text}`);
  return { from: m[1], to: m[2] };
}

export interface ProgressReportOptions {
  /** The months reported on; default: the latest 12 months with data. */
  period?: Period;
  /** Count changes to actions from this date (YYYY-MM-DD); default: the last committee meeting recorded. */
  since?: string | null;
  /** The Part 2 version, with exempt actions: never for publication. */
  includeExempt?: boolean;
}

/** The date of the last committee meeting the bot knows of (from imported minutes or follow-ups), on or before `onOrBefore`. */
async function lastMeeting(deps: AppDeps, onOrBefore: string): Promise<string | null> {
  const fromMinutes = (await new MinutesRepo(deps.store, partnershipOf(deps)).list()).map((d) => d.meetingDate).filter((d): d is string => d !== null && d <= onOrBefore);
  const fromFollowUps = await new FollowUpRepo(deps.store, partnershipOf(deps)).lastMeetingDate(onOrBefore);
  const all = [...fromMinutes, ...(fromFollowUps ? [fromFollowUps] : [])].sort();
  return all.at(-1) ?? null;
}

/** The period the last meeting's minutes reported crime figures for (the latest one they quote), if any. */
async function lastReportedPeriod(deps: AppDeps, meetingDate: string | null): Promise<Period | null> {
  if (!meetingDate) return null;
  const repo = new MinutesRepo(deps.store, partnershipOf(deps));
  const doc = (await repo.list()).find((d) => d.meetingDate === meetingDate);
  if (!doc) return null;
  const extract = extractFromParagraphs(await repo.paragraphs(doc.id), { meetingDate });
  const periods = extract.figures.map((f) => f.period).filter((p): p is Period => p !== null && p.to <= meetingDate.slice(0, 7));
  return periods.sort((a, b) => a.to.localeCompare(b.to)).at(-1) ?? null;
}

/** The cover sheet from what the committee asked for: the meeting the report is due at, and who owes it. */
function coverFrom(followUps: readonly FollowUp[]): Partial<CoverSheet> {
  const asked = followUps.find((f) => f.status === 'open' && /\bprogress\s+report\b/i.test(f.title));
  if (!asked) return {};
  const owner = ownerOf(asked);
  const committee = /\bto\s+the\s+((?:[A-Z][\w’'-]*\s+(?:and\s+)?)*(?:Committee|Panel|Board|Cabinet))/.exec(asked.title)?.[1];
  return {
    ...(committee ? { committee } : {}),
    meetingDate: describeDue(asked.dueDate, asked.duePrecision, asked.dueMonth),
    ...(owner ? { reportOf: owner, contactOfficer: owner } : {}),
  };
}

/** Gathers the report's figures through the crime queries and the plan from the store. */
export async function progressReport(deps: AppDeps, options: ProgressReportOptions = {}): Promise<ProgressReport> {
  const queries = new CrimeQueries(new CrimeRepo(deps.store, deps.pack.district.code), deps.pack, { suppressionThreshold: deps.config.CSP_SUPPRESSION_THRESHOLD });
  const latest = await queries.latestMonth();
  if (!latest) throw new ReportInputError('No crime data is loaded, so there are no figures to report: import police.uk data (csp import police-csv) or load the demo (csp db seed-demo) first.');
  const period = options.period ?? { from: addMonths(latest, -11), to: latest };
  const n = monthCount(period.from, period.to);
  const previousPeriod = { from: addMonths(period.from, -n), to: addMonths(period.from, -1) };
  const district = districtArea(deps.pack);
  const now = deps.clock.now();
  const generatedOn = today(now, deps.config.CSP_TIMEZONE);

  const [allNow, allBefore, breakdownNow, breakdownBefore, monthly, wardsNow, wardsBefore] = await Promise.all([
    queries.total(district, null, period),
    queries.total(district, null, previousPeriod),
    queries.breakdown(district, period),
    queries.breakdown(district, previousPeriod),
    queries.series(district, null, previousPeriod.from, period.to),
    queries.ranking(null, period),
    queries.ranking(null, previousPeriod),
  ]);
  const before = new Map(breakdownBefore.map((b) => [b.category.slug, b.count]));
  const categories: ReportInput['crime']['categories'] = breakdownNow
    .map((b) => ({ slug: b.category.slug, name: b.category.name, unit: POLICE_CATEGORIES.find((c) => c.slug === b.category.slug)?.unit ?? 'crimes', current: b.count, previous: before.get(b.category.slug) ?? 0 }))
    .sort((a, b) => b.current - a.current || a.name.localeCompare(b.name));
  for (const m of LOCAL_MEASURES) {
    if (!(await queries.hasData(m.slug))) continue;
    const [cur, prev] = await Promise.all([queries.total(district, m.slug, period), queries.total(district, m.slug, previousPeriod)]);
    categories.push({ slug: m.slug, name: `${m.name} (local measure)`, unit: m.unit, current: cur.count, previous: prev.count });
  }
  const previousByWard = new Map(wardsBefore.map((w) => [w.area.code, w.count]));
  const wards = wardsNow.filter((w) => previousByWard.has(w.area.code)).map((w) => ({ code: w.area.code, name: w.area.name, current: w.count, previous: previousByWard.get(w.area.code)! }));
  const wardNotes = queries.notes(null, { from: previousPeriod.from, to: period.to });

  const actionRepo = new ActionRepo(deps.store, partnershipOf(deps));
  const actions = await actionRepo.list();
  const since = options.since !== undefined ? options.since : await lastMeeting(deps, generatedOn);
  const history = since ? await actionRepo.historySince(since) : (await Promise.all(actions.map((a) => actionRepo.history(a.id)))).flat().filter((h) => h.field !== 'created');
  const sampleData = (await queries.isSampleData()) || (await actionRepo.isDemo());
  const importedMonths = [...new Set((await new CrimeRepo(deps.store, deps.pack.district.code).imports({ source: ['police.uk', 'demo'] })).map((i) => i.month))];
  const meetingDate = await lastMeeting(deps, generatedOn);
  const followUps = meetingDate ? (await new FollowUpRepo(deps.store, partnershipOf(deps)).list({ meetingDate })).filter((f) => options.includeExempt || f.classification !== 'exempt') : [];
  const mattersArising = await mattersArisingFor(deps, queries, followUps, { period, previousPeriod, importedMonths, sampleData, today: generatedOn });
  const rose = allNow.count > allBefore.count || categories.some((c) => c.current > c.previous);
  const caveats = crimeCaveats({
    categories: [null, 'anti-social-behaviour', ...categories.filter((c) => LOCAL_MEASURES.some((m) => m.slug === c.slug)).map((c) => c.slug)],
    period,
    previousPeriod,
    rose,
    sampleData,
    suppressed: false,
    suppressionThreshold: deps.config.CSP_SUPPRESSION_THRESHOLD,
  });

  return buildProgressReport({
    districtName: deps.pack.district.name,
    period,
    previousPeriod,
    now,
    generatedOn,
    since,
    sampleData,
    includeExempt: options.includeExempt ?? false,
    actions,
    history,
    crime: { allCrime: { current: allNow.count, previous: allBefore.count }, categories, monthly: monthly.map((m) => ({ month: m.month, count: m.count })), wards, wardSetNote: wardNotes.length ? wardNotes.join(' ') : null },
    importedMonths,
    lastReportedPeriod: await lastReportedPeriod(deps, meetingDate),
    lastMeetingDate: meetingDate,
    cover: coverFrom(followUps),
    mattersArising,
    sources: await queries.provenance(null),
    caveats,
  });
}

export interface RenderedReport {
  report: ProgressReport;
  format: ReportFormat;
  /** The document: text for md and html, bytes for docx. */
  body: string | Buffer;
  /** For md: chart files to write beside the document (name → SVG), referenced from it. */
  files: { name: string; content: string }[];
}

/** The report in the format asked for. `baseName` names the chart files of the Markdown version. */
export async function renderProgressReport(deps: AppDeps, options: ProgressReportOptions & { format: ReportFormat; baseName?: string | null }): Promise<RenderedReport> {
  const report = await progressReport(deps, options);
  const charts = await renderCharts(report.charts);
  if (options.format === 'html') return { report, format: 'html', body: renderHtml(report, charts), files: [] };
  if (options.format === 'docx') return { report, format: 'docx', body: await renderDocx(report, charts), files: [] };
  const files = options.baseName ? report.charts.map((c) => ({ id: c.id, name: `${options.baseName}-${c.id}.svg`, content: charts.get(c.id)!.svg })) : [];
  const body = renderMarkdown(report, Object.fromEntries(files.map((f) => [f.id, f.name])));
  return { report, format: 'md', body, files: files.map(({ name, content }) => ({ name, content })) };
}
