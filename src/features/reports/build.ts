import type { Period, Source } from '../../core/answer';
import { changePct } from '../../core/answer';
import type { ActionItem, HistoryEntry } from '../../domain/actions/model';
import { STATUS_LABELS } from '../../domain/actions/model';
import { ragView } from '../actions/rag';
import { describeChange } from '../actions/workflow';
import { addMonths, formatMonth, formatPeriod, monthCount } from '../../domain/crime/periods';
import { changeBarChart, monthlyLineChart, pairedBarChart } from './chart';
import type { Chart } from './chart';
import type { CategoryRow, CoverSheet, DataCoverage, MatterArising, ProgressReport, ReportAction, ReportTheme, WardChangeRow } from './model';

/** A matter arising as gathered from the store, with the monthly series it is answered with, if any. */
export interface MatterArisingInput extends Omit<MatterArising, 'chartIds'> {
  series?: { title: string; description: string; yTitle: string; points: { month: string; count: number | null }[] } | null;
}

/** Everything the report is made from, already read from the store. */
export interface ReportInput {
  districtName: string;
  period: Period;
  previousPeriod: Period;
  now: Date;
  /** YYYY-MM-DD: the draft's date, from the clock. */
  generatedOn: string;
  since: string | null;
  sampleData: boolean;
  includeExempt: boolean;
  actions: readonly ActionItem[];
  /** Changes to actions on or after `since`. */
  history: readonly HistoryEntry[];
  crime: {
    allCrime: { current: number; previous: number };
    categories: { slug: string; name: string; unit: 'crimes' | 'incidents'; current: number; previous: number }[];
    monthly: { month: string; count: number }[];
    wards: { code: string; name: string; current: number; previous: number }[];
    wardSetNote: string | null;
  };
  /** Months imported (police.uk or demo); null when not known (every month assumed held). */
  importedMonths?: readonly string[] | null;
  /** The period the last report covered, when known. */
  lastReportedPeriod?: Period | null;
  /** YYYY-MM-DD of the last meeting, when known. */
  lastMeetingDate?: string | null;
  cover?: Partial<CoverSheet>;
  mattersArising?: MatterArisingInput[];
  sources: Source[];
  caveats: string[];
}

/** How many wards the "largest changes" table lists. */
export const WARDS_LISTED = 6;

function monthsOf(p: Period): string[] {
  return Array.from({ length: monthCount(p.from, p.to) }, (_, i) => addMonths(p.from, i));
}

function row(slug: string, name: string, unit: 'crimes' | 'incidents', current: number, previous: number, comparable: boolean): CategoryRow {
  return { slug, name, unit, current, previous, change: current - previous, changePct: comparable ? changePct(current, previous) : null, comparable };
}

/** "down 6.2%", "up 12.0%", "no change", "new (none before)"; "not compared" when months are missing. */
export function describeChangePct(r: { change: number; changePct: number | null; comparable?: boolean }): string {
  if (r.comparable === false) return 'not compared (months missing)';
  if (r.change === 0) return 'no change';
  if (r.changePct === null) return 'up (none in the previous period)';
  return `${r.change > 0 ? 'up' : 'down'} ${Math.abs(r.changePct).toFixed(1)}%`;
}

function reportAction(a: ActionItem, history: readonly HistoryEntry[], now: Date): ReportAction {
  const rag = ragView(a, now);
  return {
    id: a.id,
    title: a.title,
    leadAgency: a.leadAgency,
    lead: a.lead.name,
    status: STATUS_LABELS[a.status],
    rag: rag ? rag.label : '–',
    ragKey: rag ? rag.rag : null,
    targetDate: a.targetDate,
    latestUpdate: a.latestUpdate ? { text: a.latestUpdate.text, asOf: a.latestUpdate.asOf, author: a.latestUpdate.author } : null,
    changes: history.filter((h) => h.actionId === a.id).map((h) => `${h.at.slice(0, 10)}: ${describeChange(h)}`),
    committeeFlag: a.committeeFlag,
  };
}

/** The plan by theme, in plan order; exempt (Part 2) items only in the exempt version. */
function themesOf(input: ReportInput): { themes: ReportTheme[]; exemptLeftOut: number } {
  const shown = input.actions.filter((a) => input.includeExempt || a.classification !== 'exempt');
  const byTheme = new Map<string, ReportAction[]>();
  for (const a of [...shown].sort((x, y) => x.id.localeCompare(y.id))) {
    const list = byTheme.get(a.theme) ?? [];
    list.push(reportAction(a, input.history, input.now));
    byTheme.set(a.theme, list);
  }
  return { themes: [...byTheme].map(([theme, actions]) => ({ theme, actions })), exemptLeftOut: input.actions.length - shown.length };
}

/** The wards whose counts moved most, either way. */
function wardChanges(wards: ReportInput['crime']['wards']): WardChangeRow[] {
  return wards
    .map((w) => ({ ...w, change: w.current - w.previous, changePct: changePct(w.current, w.previous), comparable: true }))
    .filter((w) => w.change !== 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.name.localeCompare(b.name))
    .slice(0, WARDS_LISTED);
}

function listMonths(months: readonly string[]): string {
  const names = months.map(formatMonth);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Missing months, and what is new since the period the last report covered. */
export function coverageOf(period: Period, previousPeriod: Period, imported: readonly string[] | null | undefined, lastReported: Period | null | undefined, lastMeetingDate: string | null = null): DataCoverage {
  const held = imported ? new Set(imported) : null;
  const missingNow = held ? monthsOf(period).filter((m) => !held.has(m)) : [];
  const missingBefore = held ? monthsOf(previousPeriod).filter((m) => !held.has(m)) : [];
  const missingMonths = [...missingBefore, ...missingNow];
  const comparable = missingMonths.length === 0;
  const note = comparable
    ? null
    : `${listMonths(missingMonths)} ${missingMonths.length === 1 ? 'is' : 'are'} not yet imported, so ${missingNow.length && missingBefore.length ? 'neither period is' : missingNow.length ? `${formatPeriod(period)} is` : `${formatPeriod(previousPeriod)} is`} complete: the totals below count only the months held, and no change is stated because the periods are not like for like. Import the missing months (csp sync police or csp import police-csv) to compare them.`;
  const last = lastReported ?? null;
  const newMonths = last ? monthsOf(period).filter((m) => m > last.to) : monthsOf(period);
  let newSinceText: string;
  if (!last && lastMeetingDate && period.to <= addMonths(lastMeetingDate.slice(0, 7), -2)) {
    // police.uk publishes a month four to eight weeks after it ends: these months were out before the last meeting.
    newSinceText = `No month after ${formatMonth(period.to)} is held, and that month was published before the last meeting (${lastMeetingDate}): these may be the figures already reported then. Import the months published since to bring them up to date.`;
  } else if (!last) newSinceText = `No earlier report's period is recorded: every month of ${formatPeriod(period)} is reported here.`;
  else if (newMonths.length === 0 && period.from === last.from && period.to === last.to) {
    newSinceText = `No month has been added since the last report, which covered the same period (${formatPeriod(last)}): the figures are those already reported. Import the months published since to bring them up to date.`;
  } else if (newMonths.length === 0) newSinceText = `This report covers ${formatPeriod(period)}; the last report covered ${formatPeriod(last)}, which includes every month here: nothing is new.`;
  else newSinceText = `New since the last report (which covered ${formatPeriod(last)}): ${newMonths.length === 1 ? formatMonth(newMonths[0]) : `${formatMonth(newMonths[0])} to ${formatMonth(newMonths.at(-1)!)}`} (${newMonths.length} month${newMonths.length === 1 ? '' : 's'}).`;
  return { missingMonths, comparable, note, lastReportedPeriod: last, newMonths, newSinceText };
}

function coverSheet(input: ReportInput, current: string): CoverSheet {
  const given = input.cover ?? {};
  return {
    committee: given.committee ?? 'Crime and Disorder Committee',
    meetingDate: given.meetingDate ?? 'To be confirmed',
    reportOf: given.reportOf ?? `${input.districtName} Community Safety Partnership`,
    purpose:
      given.purpose ??
      `To update the Committee on progress against the ${input.districtName} Community Safety Partnership's action plan, on the matters the Committee raised at its last meeting, and on crime and disorder figures for ${current} (Appendix).`,
    recommendations: given.recommendations ?? ['That the progress report, the matters arising and the crime and disorder data in the Appendix be noted.'],
    contactOfficer: given.contactOfficer ?? 'Community Safety Team',
  };
}

export function buildProgressReport(input: ReportInput): ProgressReport {
  const { themes, exemptLeftOut } = themesOf(input);
  const coverage = coverageOf(input.period, input.previousPeriod, input.importedMonths, input.lastReportedPeriod, input.lastMeetingDate ?? null);
  const comparable = coverage.comparable;
  const all = row('all-crime', 'All crime (excluding anti-social behaviour)', 'crimes', input.crime.allCrime.current, input.crime.allCrime.previous, comparable);
  const categories = input.crime.categories.map((c) => row(c.slug, c.name, c.unit, c.current, c.previous, comparable));
  const wards = comparable ? wardChanges(input.crime.wards) : [];
  const current = formatPeriod(input.period);
  const previous = formatPeriod(input.previousPeriod);
  const allActions = themes.flatMap((t) => t.actions);
  const count = (key: string) => allActions.filter((a) => a.ragKey === key).length;
  const rises = categories.filter((c) => c.change > 0).sort((a, b) => b.change - a.change);
  const missing = new Set(coverage.missingMonths);
  const monthly = input.crime.monthly.map((m) => ({ month: m.month, count: missing.has(m.month) ? null : m.count }));

  const summary = [
    comparable
      ? `All recorded crime in ${input.districtName} (excluding anti-social behaviour): ${all.current.toLocaleString('en-GB')} in ${current} against ${all.previous.toLocaleString('en-GB')} in ${previous}, ${describeChangePct(all)}.`
      : `All recorded crime in ${input.districtName} (excluding anti-social behaviour): ${all.current.toLocaleString('en-GB')} in the months held of ${current}; not compared with ${previous} because ${listMonths(coverage.missingMonths)} ${coverage.missingMonths.length === 1 ? 'is' : 'are'} not yet imported.`,
    comparable ? (rises.length > 0 ? `Largest rises: ${rises.slice(0, 3).map((c) => `${c.name} (${describeChangePct(c)})`).join(', ')}.` : 'No category rose.') : 'Changes by category are not stated until the missing months are imported.',
    `${allActions.length} action${allActions.length === 1 ? '' : 's'} in ${themes.length} theme${themes.length === 1 ? '' : 's'}: ${count('red')} red, ${count('amber')} amber, ${count('green')} green, ${count('grey')} with no update this cycle.`,
    coverage.newSinceText,
  ];
  if (input.sampleData) summary.unshift('Sample data: the figures and actions in this draft come from the demo partnership, not a live record.');

  const policeCats = categories.filter((c) => !['hate-crime', 'violence-with-injury', 'violence-without-injury', 'stalking-and-harassment', 'domestic-abuse'].includes(c.slug));
  const inPeriod = (m: string) => (m >= input.period.from ? `Current: ${current}` : `Previous: ${previous}`);
  const charts: Chart[] = [
    monthlyLineChart({
      id: 'chart-monthly',
      title: `All crime by month, ${formatPeriod({ from: input.previousPeriod.from, to: input.period.to })}`,
      description: `Line chart of all recorded crime (excluding anti-social behaviour) in ${input.districtName} each month, the previous period in grey and the current period in blue. ${comparable ? `${all.previous.toLocaleString('en-GB')} in ${previous}; ${all.current.toLocaleString('en-GB')} in ${current} (${describeChangePct(all)}).` : `${listMonths(coverage.missingMonths)} not imported: shown as gaps.`} The monthly figures are in the table that follows.`,
      points: monthly.map((m) => ({ month: m.month, label: formatMonth(m.month), count: m.count, period: inPeriod(m.month) })),
      yTitle: 'Recorded crimes',
      missingNote: coverage.missingMonths.length ? `Gaps: ${listMonths(coverage.missingMonths)} not yet imported (not zero)` : null,
    }),
    pairedBarChart({
      id: 'chart-categories',
      title: `Crime and anti-social behaviour by category: ${current} against ${previous}`,
      description: `Bar chart with two bars per category, the previous period (grey) then the current period (blue). ${policeCats
        .slice()
        .sort((a, b) => b.current - a.current)
        .slice(0, 3)
        .map((c) => `${c.name}: ${c.current.toLocaleString('en-GB')} (${describeChangePct(c)})`)
        .join('; ')}. Every category is in the table that follows.`,
      categories: policeCats.map((c) => c.name),
      previous: policeCats.map((c) => c.previous),
      current: policeCats.map((c) => c.current),
      previousLabel: `Previous: ${previous}`,
      currentLabel: `Current: ${current}`,
      xTitle: 'Number recorded (crimes; anti-social behaviour: incidents)',
    }),
  ];
  if (wards.length > 0) {
    charts.push(
      changeBarChart({
        id: 'chart-wards',
        title: `Wards with the largest changes in all crime, ${current} against ${previous}`,
        description: `Bar chart of the change in recorded crime by ward, rises to the right and falls to the left: ${wards.map((w) => `${w.name} ${w.change > 0 ? '+' : '−'}${Math.abs(w.change)}`).join(', ')}. The counts are in the table that follows.`,
        names: wards.map((w) => w.name),
        changes: wards.map((w) => w.change),
        xTitle: 'Change in recorded crimes',
        yTitle: 'Ward',
      }),
    );
  }

  const mattersArising: MatterArising[] = (input.mattersArising ?? []).map((m, i) => {
    const { series, ...rest } = m;
    if (!series) return { ...rest, chartIds: [] };
    const id = `chart-matter-${i + 1}`;
    charts.push(
      monthlyLineChart({
        id,
        title: series.title,
        description: series.description,
        points: series.points.map((p) => ({ month: p.month, label: formatMonth(p.month), count: p.count, period: inPeriod(p.month) })),
        yTitle: series.yTitle,
        missingNote: series.points.some((p) => p.count === null) ? 'Gaps: months not yet imported (not zero)' : null,
      }),
    );
    return { ...rest, chartIds: [id] };
  });

  return {
    title: `${input.districtName} Community Safety Partnership – progress report: action plan and crime and disorder data`,
    districtName: input.districtName,
    period: input.period,
    previousPeriod: input.previousPeriod,
    generatedOn: input.generatedOn,
    generatedAt: input.now.toISOString(),
    since: input.since,
    sampleData: input.sampleData,
    summary,
    cover: coverSheet(input, current),
    coverage,
    mattersArising,
    themes,
    exemptLeftOut,
    crime: { allCrime: all, categories, monthly, wardChanges: wards, wardSetNote: comparable ? input.crime.wardSetNote : [input.crime.wardSetNote, 'Ward changes are not listed while months are missing.'].filter(Boolean).join(' ') },
    charts,
    sources: input.sources,
    caveats: coverage.note ? [coverage.note, ...input.caveats] : input.caveats,
  };
}
