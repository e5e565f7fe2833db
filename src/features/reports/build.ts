import type { Period, Source } from '../../core/answer';
import { changePct } from '../../core/answer';
import type { ActionItem, HistoryEntry } from '../../domain/actions/model';
import { STATUS_LABELS } from '../../domain/actions/model';
import { ragView } from '../actions/rag';
import { describeChange } from '../actions/workflow';
import { formatMonth, formatPeriod } from '../../domain/crime/periods';
import { changeBarChart, monthlyLineChart, pairedBarChart } from './chart';
import type { CategoryRow, ProgressReport, ReportAction, ReportTheme, WardChangeRow } from './model';

/** Everything the report is made from, already read from the store. */
export interface ReportInput {
  districtName: string;
  period: Period;
  previousPeriod: Period;
  now: Date;
  /** YYYY-MM-DD */
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
  sources: Source[];
  caveats: string[];
}

/** How many wards the "largest changes" table lists. */
export const WARDS_LISTED = 6;

function row(slug: string, name: string, unit: 'crimes' | 'incidents', current: number, previous: number): CategoryRow {
  return { slug, name, unit, current, previous, change: current - previous, changePct: changePct(current, previous) };
}

/** "down 6.2%", "up 12.0%", "no change", "new (none before)". */
export function describeChangePct(r: { change: number; changePct: number | null }): string {
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
    .map((w) => ({ ...w, change: w.current - w.previous, changePct: changePct(w.current, w.previous) }))
    .filter((w) => w.change !== 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.name.localeCompare(b.name))
    .slice(0, WARDS_LISTED);
}

export function buildProgressReport(input: ReportInput): ProgressReport {
  const { themes, exemptLeftOut } = themesOf(input);
  const all = row('all-crime', 'All crime (excluding anti-social behaviour)', 'crimes', input.crime.allCrime.current, input.crime.allCrime.previous);
  const categories = input.crime.categories.map((c) => row(c.slug, c.name, c.unit, c.current, c.previous));
  const wards = wardChanges(input.crime.wards);
  const current = formatPeriod(input.period);
  const previous = formatPeriod(input.previousPeriod);
  const allActions = themes.flatMap((t) => t.actions);
  const count = (key: string) => allActions.filter((a) => a.ragKey === key).length;
  const rises = categories.filter((c) => c.change > 0).sort((a, b) => b.change - a.change);

  const summary = [
    `All recorded crime in ${input.districtName} (excluding anti-social behaviour): ${all.current.toLocaleString('en-GB')} in ${current} against ${all.previous.toLocaleString('en-GB')} in ${previous}, ${describeChangePct(all)}.`,
    rises.length > 0 ? `Largest rises: ${rises.slice(0, 3).map((c) => `${c.name} (${describeChangePct(c)})`).join(', ')}.` : 'No category rose.',
    `${allActions.length} action${allActions.length === 1 ? '' : 's'} in ${themes.length} theme${themes.length === 1 ? '' : 's'}: ${count('red')} red, ${count('amber')} amber, ${count('green')} green, ${count('grey')} with no update this cycle.`,
  ];
  if (input.sampleData) summary.unshift('Sample data: the figures and actions in this draft come from the demo partnership, not a live record.');

  const policeCats = categories.filter((c) => !['hate-crime', 'violence-with-injury', 'violence-without-injury', 'stalking-and-harassment', 'domestic-abuse'].includes(c.slug));
  const splitAt = input.crime.monthly.findIndex((m) => m.month >= input.period.from);
  const charts = [
    monthlyLineChart({
      id: 'chart-monthly',
      title: `All crime by month, ${formatPeriod({ from: input.previousPeriod.from, to: input.period.to })}`,
      description: `Line chart of all recorded crime (excluding anti-social behaviour) in ${input.districtName} each month. ${all.previous.toLocaleString('en-GB')} in ${previous}; ${all.current.toLocaleString('en-GB')} in ${current} (${describeChangePct(all)}). The monthly figures are in the table that follows.`,
      months: input.crime.monthly.map((m) => m.month),
      labels: input.crime.monthly.map((m) => formatMonth(m.month)),
      values: input.crime.monthly.map((m) => m.count),
      splitAt: splitAt === -1 ? 0 : splitAt,
      beforeLabel: `Previous: ${previous}`,
      afterLabel: `Current: ${current}`,
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
      }),
    );
  }

  return {
    title: `${input.districtName} Community Safety Partnership – progress report: action plan and crime and disorder data`,
    districtName: input.districtName,
    period: input.period,
    previousPeriod: input.previousPeriod,
    generatedOn: input.generatedOn,
    since: input.since,
    sampleData: input.sampleData,
    summary,
    themes,
    exemptLeftOut,
    crime: { allCrime: all, categories, monthly: input.crime.monthly, wardChanges: wards, wardSetNote: input.crime.wardSetNote },
    charts,
    sources: input.sources,
    caveats: input.caveats,
  };
}
