import type { AppDeps } from '../deps';
import type { Period } from '../../core/answer';
import { changePct } from '../../core/answer';
import { districtArea } from '../../domain/areas/resolve';
import { categoryBySlug, isLocalMeasure } from '../../domain/crime/categories';
import { formatMonth, formatPeriod, monthRange } from '../../domain/crime/periods';
import { describeDue } from '../../domain/followups/dueDate';
import type { FollowUp } from '../../domain/followups/model';
import { crimeCaveats } from '../crime/caveats';
import type { CrimeQueries } from '../crime/queries';
import { measureOf } from '../minutes/figures';
import type { MatterArisingInput } from './build';
import { describeChangePct } from './build';
import { CrimeRepo } from '../../store/crimeRepo';

/**
 * "Matters arising": each follow-up from the last meeting, with its status, and answered with
 * live figures where it asks about something the bot counts ("further information on the rise
 * in hate crime": hate crime by month and by ward, with the caveats). A month not imported is a
 * gap, and a comparison is made only when both periods are complete.
 */

const fmt = (n: number) => n.toLocaleString('en-GB');

function statusOf(f: FollowUp, today: string): string {
  const due = describeDue(f.dueDate, f.duePrecision, f.dueMonth);
  if (f.status === 'done') return `Done${f.completedAt ? ` (${f.completedAt.slice(0, 10)})` : ''}`;
  if (f.status === 'cancelled') return 'Cancelled';
  if (/\bprogress\s+report\b/i.test(f.title)) return `Answered by this report (due ${due})`;
  return f.dueDate < today ? `Open – overdue (was due ${due})` : `Open – due ${due}`;
}

/** Who owes it: "Owner: Jo Whitfield (presented the report)" in its detail, else the person reminded as its owner. */
export function ownerOf(f: FollowUp): string | null {
  const m = /\bOwner:\s*([^.(]+?)\s*(?:\(|\.|$)/.exec(f.detail ?? '');
  return m ? m[1].trim() : (f.recipients.find((r) => r.role === 'owner' && r.kind === 'user')?.label ?? null);
}

interface Context {
  period: Period;
  previousPeriod: Period;
  /** Months of police.uk (or demo) data imported. */
  importedMonths: readonly string[];
  sampleData: boolean;
  /** YYYY-MM-DD, from the clock. */
  today: string;
}

/** The months held for a category: police.uk months imported, or the months of a local measure's own imports. */
async function heldMonths(deps: AppDeps, queries: CrimeQueries, slug: string, ctx: Context): Promise<Set<string>> {
  if (!isLocalMeasure(slug)) return new Set(ctx.importedMonths);
  const range = await queries.dataRange(slug);
  const imported = new Set((await new CrimeRepo(deps.store).imports({ source: ['local', 'demo'] })).map((i) => i.month));
  return new Set(range ? monthRange(range.earliest, range.latest).filter((m) => imported.has(m)) : []);
}

async function liveFigures(deps: AppDeps, queries: CrimeQueries, slug: string, ctx: Context): Promise<Pick<MatterArisingInput, 'answer' | 'tables' | 'caveats' | 'series'>> {
  const category = categoryBySlug(slug)!;
  const name = category.name;
  if (!(await queries.hasData(slug))) {
    return {
      answer: [`No ${name.toLowerCase()} figures are held yet, so this cannot be answered from the data: ${isLocalMeasure(slug) ? 'import the police extract that holds them (csp import local-csv)' : 'import police.uk data'} and draft the report again.`],
      tables: [],
      caveats: [],
      series: null,
    };
  }
  const district = districtArea(deps.pack);
  const held = await heldMonths(deps, queries, slug, ctx);
  const series = await queries.series(district, slug, ctx.previousPeriod.from, ctx.period.to);
  const points = series.map((m) => ({ month: m.month, count: held.has(m.month) && !m.suppressed ? m.count : null }));
  const sum = (p: Period) => points.filter((m) => m.month >= p.from && m.month <= p.to);
  const current = sum(ctx.period);
  const previous = sum(ctx.previousPeriod);
  const missing = points.filter((m) => m.count === null).map((m) => formatMonth(m.month));
  const total = (xs: { count: number | null }[]) => xs.reduce((s, m) => s + (m.count ?? 0), 0);
  const now = total(current);
  const before = total(previous);
  const comparable = missing.length === 0;
  const unit = category.unit;
  const answer = [
    comparable
      ? `${name} in ${deps.pack.district.name}: ${fmt(now)} ${unit} in ${formatPeriod(ctx.period)} against ${fmt(before)} in ${formatPeriod(ctx.previousPeriod)}, ${describeChangePct({ change: now - before, changePct: changePct(now, before) })}.`
      : `${name} in ${deps.pack.district.name}: ${fmt(now)} ${unit} in the months held of ${formatPeriod(ctx.period)}. Not compared with ${formatPeriod(ctx.previousPeriod)}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not held (shown as gaps, not zeros).`,
    `The figures by month and by ward follow.`,
  ];
  const [wardsNow, wardsBefore] = await Promise.all([queries.ranking(slug, ctx.period), queries.ranking(slug, ctx.previousPeriod)]);
  const beforeByWard = new Map(wardsBefore.map((w) => [w.area.code, w]));
  const threshold = deps.config.CSP_SUPPRESSION_THRESHOLD;
  const shown = (w: { count: number; suppressed?: boolean } | undefined) => (!w ? '–' : w.suppressed ? `fewer than ${threshold}` : fmt(w.count));
  const wardRows = wardsNow.map((w) => {
    const b = beforeByWard.get(w.area.code);
    const change = comparable && b && !w.suppressed && !b.suppressed ? w.count - b.count : null;
    return [w.area.name, shown(b), shown(w), change === null ? '–' : change > 0 ? `+${fmt(change)}` : change < 0 ? `−${fmt(-change)}` : '0'];
  });
  const suppressed = [...wardsNow, ...wardsBefore].some((w) => w.suppressed) || series.some((m) => m.suppressed);
  return {
    answer,
    series: {
      title: `${name} by month, ${formatPeriod({ from: ctx.previousPeriod.from, to: ctx.period.to })}`,
      description: `Line chart of ${name.toLowerCase()} recorded each month in ${deps.pack.district.name}, the previous period in grey and the current period in blue.${missing.length ? ` ${missing.join(', ')} not held: shown as gaps.` : ''} The monthly figures are in the table that follows.`,
      yTitle: `${name} (${unit})`,
      points,
    },
    tables: [
      { caption: `${name} by month`, header: ['Month', name], rows: points.map((m) => [formatMonth(m.month), m.count === null ? 'Not held' : fmt(m.count)]), numeric: [false, true] },
      { caption: `${name} by ward: ${formatPeriod(ctx.period)} against ${formatPeriod(ctx.previousPeriod)}`, header: ['Ward', formatPeriod(ctx.previousPeriod), formatPeriod(ctx.period), 'Change'], rows: wardRows, numeric: [false, true, true, true] },
    ],
    caveats: crimeCaveats({ categories: [slug], period: ctx.period, previousPeriod: ctx.previousPeriod, rose: comparable && now > before, sampleData: ctx.sampleData, suppressed, suppressionThreshold: threshold }),
  };
}

/** Every follow-up of the last meeting, due order, answered from the data where it can be. */
export async function mattersArisingFor(deps: AppDeps, queries: CrimeQueries, followUps: readonly FollowUp[], ctx: Context): Promise<MatterArisingInput[]> {
  const out: MatterArisingInput[] = [];
  for (const f of [...followUps].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))) {
    const slug = /\bprogress\s+report\b/i.test(f.title) ? null : measureOf(f.title);
    const live = slug && slug !== 'all-crime' && categoryBySlug(slug) ? await liveFigures(deps, queries, slug, ctx) : null;
    out.push({
      id: f.id,
      title: f.title,
      status: statusOf(f, ctx.today),
      owner: ownerOf(f),
      source: f.source.text ? `${f.source.minuteRef ? `${f.source.minuteRef}: ` : ''}“${f.source.text}”` : f.source.minuteRef,
      answer: live?.answer ?? [],
      tables: live?.tables ?? [],
      caveats: live?.caveats ?? [],
      series: live?.series ?? null,
    });
  }
  return out;
}
