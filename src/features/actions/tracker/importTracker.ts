import { partnershipOf, type AppDeps } from '../../deps';
import type { GridRow, GridSheet, TrackerGrid } from '../../../sources/tracker/grid';
import { ActionRepo } from '../../../store/actionRepo';
import { PersonRepo } from '../../../store/personRepo';
import { personNameKey } from '../../../domain/actions/people';
import { INPUT_LIMITS, maxDate } from '../input';
import { today } from '../rag';
import { cellText, FIELD_LABELS, findHeader, setAsideRatings, type HeaderMatch } from './columns';
import { planImport, type FieldChange, type Importer } from './plan';
import { readTrackerRows, type RowProblem, type ThemeRow } from './rows';
import { financialYearOf, readPlanYear } from './values';
import { wardResolverForPlan } from './wards';

/**
 * `csp actions import`: a partnership's tracker into the action plan. The file is read whole
 * first (the caller hands over the grid); every row is interpreted and checked; then either
 * nothing is written (a dry run, a refusal) or everything is, in one transaction.
 */
export interface ImportOptions {
  /** The file's name, for messages and history notes. */
  fileName: string;
  sheet?: string;
  plan?: string;
  dryRun: boolean;
  /** Import the usable rows and leave the others out (they are still listed). */
  skipBad: boolean;
  importer: Importer;
}

export type PlanSource = 'option' | 'plan column' | 'title' | 'sheet name' | 'the plan in the store' | 'this financial year';

export interface ImportReport {
  file: string;
  format: TrackerGrid['format'];
  sheet: string | null;
  headerRow: number | null;
  plan: { name: string; from: PlanSource } | null;
  columns: { column: string; header: string; takenAs: string }[];
  ignored: { column: string; header: string; reason: string }[];
  themes: ThemeRow[];
  actions: { row: number; ref: string; title: string; outcome: 'created' | 'updated' | 'unchanged'; changes: FieldChange[]; lead: string | null; notes: string[] }[];
  people: { name: string; email: string | null; outcome: 'created' }[];
  problems: { row: number; ref?: string; title?: string; reasons: string[] }[];
  passed: { row: number; reason: string }[];
  summary: { created: number; updated: number; unchanged: number; problems: number; newPeople: number };
  outcome: 'applied' | 'dry-run' | 'refused';
  /** Why nothing was written, when refused. */
  refusal?: string;
}

function emptyReport(grid: TrackerGrid, options: ImportOptions): ImportReport {
  return {
    file: options.fileName,
    format: grid.format,
    sheet: null,
    headerRow: null,
    plan: null,
    columns: [],
    ignored: [],
    themes: [],
    actions: [],
    people: [],
    problems: [],
    passed: [],
    summary: { created: 0, updated: 0, unchanged: 0, problems: 0, newPeople: 0 },
    outcome: 'refused',
  };
}

function refuse(report: ImportReport, reason: string): ImportReport {
  return { ...report, outcome: 'refused', refusal: reason };
}

const ACTION_NAMES = ['Action', 'Activity', 'Task', 'Description'].map((s) => `"${s}"`).join(', ');

function chooseSheet(grid: TrackerGrid, wanted: string | undefined): { sheet: GridSheet; header: HeaderMatch } | string {
  if (wanted !== undefined) {
    const fold = (s: string) => s.trim().toLowerCase();
    const sheet = grid.sheets.find((s) => fold(s.name) === fold(wanted));
    if (!sheet) return `There is no sheet "${wanted}" in the workbook; its sheets are ${grid.sheets.map((s) => `"${s.name}"`).join(', ')}.`;
    const header = findHeader(sheet.rows);
    if (!header) return `Sheet "${sheet.name}" has no recognisable action column (a header such as ${ACTION_NAMES}, with at least one other known column). Nothing was imported.`;
    return { sheet, header };
  }
  for (const sheet of grid.sheets) {
    const header = findHeader(sheet.rows);
    if (header) return { sheet, header };
  }
  const where = grid.format === 'xlsx' ? `No sheet (${grid.sheets.map((s) => `"${s.name}"`).join(', ')}) has a` : 'The file has no';
  return `${where} recognisable action column (a header such as ${ACTION_NAMES}, with at least one other known column such as "Ref", "Lead Officer" or "Target Date"). Nothing was imported.`;
}

function planFromText(rows: readonly GridRow[]): string | undefined {
  for (const row of rows) {
    for (const c of row.cells) {
      const y = readPlanYear(cellText(c));
      if (y) return y;
    }
  }
  return undefined;
}

/** The plan the rows belong to, and where that came from: said, written in the file, or assumed (and reported). */
function choosePlan(
  options: ImportOptions,
  sheet: GridSheet,
  header: HeaderMatch,
  columnPlans: (string | null | undefined)[],
  storedPlans: string[],
  now: Date,
): { name: string; from: PlanSource; explicit: boolean } | string {
  if (options.plan !== undefined) {
    const y = readPlanYear(options.plan);
    return y ? { name: y, from: 'option', explicit: true } : `--plan must be a plan year such as 2024-25 (got "${options.plan}").`;
  }
  const fromColumn = [...new Set(columnPlans.filter((p): p is string => Boolean(p)))];
  if (fromColumn.length === 1) return { name: fromColumn[0], from: 'plan column', explicit: true };
  const title = planFromText(sheet.rows.slice(0, header.rowIndex));
  if (title) return { name: title, from: 'title', explicit: true };
  const named = readPlanYear(sheet.name);
  if (named) return { name: named, from: 'sheet name', explicit: true };
  if (storedPlans.length === 1) return { name: storedPlans[0], from: 'the plan in the store', explicit: false };
  return { name: financialYearOf(today(now)), from: 'this financial year', explicit: false };
}

export async function importTracker(deps: AppDeps, grid: TrackerGrid, options: ImportOptions): Promise<ImportReport> {
  let report = emptyReport(grid, options);
  const chosen = chooseSheet(grid, options.sheet);
  if (typeof chosen === 'string') return refuse(report, chosen);
  const { sheet } = chosen;
  const header = setAsideRatings(chosen.header, sheet.rows);
  report.sheet = grid.format === 'xlsx' ? sheet.name : null;
  report.headerRow = header.rowNumber;
  report.columns = header.columns.map((c) => ({ column: c.letter, header: c.header, takenAs: FIELD_LABELS[c.field] }));
  report.ignored = header.ignored.map((c) => ({ column: c.letter, header: c.header, reason: c.reason }));

  const now = deps.clock.now();
  const actions = new ActionRepo(deps.store, partnershipOf(deps));
  const existing = await actions.list();
  const storedPlans = [...new Set(existing.map((a) => a.plan))];

  // The plan column is read before wards, whose set depends on the plan.
  const planIndex = header.columns.find((c) => c.field === 'plan')?.index;
  const columnPlans = planIndex === undefined ? [] : sheet.rows.slice(header.rowIndex + 1).map((r) => readPlanYear(cellText(r.cells[planIndex])));
  const plan = choosePlan(options, sheet, header, columnPlans, storedPlans, now);
  if (typeof plan === 'string') return refuse(report, plan);
  report.plan = { name: plan.name, from: plan.from };

  const wards = wardResolverForPlan(deps.pack, plan.name);
  const read = readTrackerRows(sheet.rows, header, { wards, minDate: INPUT_LIMITS.minDate, maxDate: maxDate(now) });
  report.themes = read.themes;
  report.passed = read.passed.map((p) => ({ row: p.rowNumber, reason: p.reason }));

  const people = await new PersonRepo(deps.store).directory(partnershipOf(deps));
  const planned = planImport({
    entries: read.entries,
    existing,
    people,
    plan,
    importer: options.importer,
    now,
    source: options.fileName,
    wardNames: (codes) => wards.names(codes),
  });
  const problems: RowProblem[] = [...read.problems, ...planned.problems].sort((a, b) => a.rowNumber - b.rowNumber);
  report.problems = problems.map((p) => ({ row: p.rowNumber, ...(p.ref ? { ref: p.ref } : {}), ...(p.title ? { title: p.title } : {}), reasons: p.reasons }));
  report.actions = planned.actions.map((a) => ({
    row: a.rowNumber,
    ref: a.ref,
    title: a.title,
    outcome: a.outcome,
    changes: a.changes,
    lead: a.lead ? `${a.lead.name}${a.lead.known === 'new' ? ' (new person)' : a.lead.known === 'plan' ? ' (not yet in Teams)' : ''}` : null,
    notes: a.notes,
  }));
  report.people = planned.newPeople.map((p) => ({ name: p.name, email: p.email, outcome: 'created' as const }));
  const count = (o: 'created' | 'updated' | 'unchanged') => planned.actions.filter((a) => a.outcome === o).length;
  report.summary = { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), problems: problems.length, newPeople: planned.newPeople.length };

  if (planned.actions.length === 0 && problems.length === 0) return refuse(report, 'The tracker has a header but no actions under it. Nothing was imported.');
  if (problems.length > 0 && !options.skipBad) {
    const rows = problems.length === 1 ? `Row ${problems[0].rowNumber} cannot be imported` : `${problems.length} rows cannot be imported`;
    const others = planned.actions.length === 0 ? 'there is no other row to import' : `or run again with --skip-bad to import the other ${planned.actions.length === 1 ? 'row' : `${planned.actions.length} rows`}`;
    return refuse(report, `${rows} (listed with the reasons). Nothing was imported: correct the tracker${planned.actions.length === 0 ? `; ${others}` : `, ${others}`}.`);
  }
  if (planned.actions.length === 0) return refuse(report, 'No row of the tracker can be imported. Nothing was imported.');
  if (options.dryRun) return { ...report, outcome: 'dry-run' };

  const result = await actions.applyImport({
    at: now,
    actor: options.importer.aadObjectId ?? options.importer.name,
    people: planned.newPeople.map((p) => ({ name: p.name, nameKey: personNameKey(p.name), email: p.email })),
    inserts: planned.actions.filter((a) => a.outcome === 'created').map((a) => ({ item: a.next, history: a.history })),
    updates: planned.actions
      .filter((a) => a.outcome === 'updated')
      .map((a) => ({ next: a.next, expectedVersion: a.expectedVersion as number, history: a.history })),
    detail: { file: options.fileName, sheet: report.sheet, plan: plan.name, ...report.summary, skippedRows: problems.map((p) => p.rowNumber) },
  });
  if (result === 'stale') return refuse(report, 'The action plan changed while the tracker was being read (someone saved an action). Nothing was imported: run the import again.');
  report = { ...report, outcome: 'applied' };
  return report;
}
