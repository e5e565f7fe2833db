import type { Command } from 'commander';
import { basename } from 'node:path';
import { PARTNERSHIP_OPTION, withPartnership, type CliRuntime } from '../runtime';
import { group, UsageError } from '../group';
import { readTrackerFile } from '../../sources/tracker/readTracker';
import { TrackerFileError, type TrackerGrid } from '../../sources/tracker/grid';
import { importTracker, type ImportReport } from '../../features/actions/tracker/importTracker';
import { FIELD_LABELS } from '../../features/actions/tracker/columns';
import { STATUS_LABELS, type ActionStatus } from '../../domain/actions/model';

interface ImportCliOptions {
  dryRun?: boolean;
  json?: boolean;
  plan?: string;
  sheet?: string;
  skipBad?: boolean;
  by: string;
  partnership?: string;
  db?: string;
}

const PLAN_FROM: Record<NonNullable<ImportReport['plan']>['from'], string> = {
  option: 'as given with --plan',
  'plan column': "from the tracker's plan column",
  title: "from the tracker's title",
  'sheet name': "from the sheet's name",
  'the plan in the store': 'assumed: the only plan in the store; use --plan to choose',
  'this financial year': 'assumed: this financial year; use --plan to choose',
};

function fieldName(field: string): string {
  return (FIELD_LABELS as Record<string, string>)[field] ?? field.replace(/_/g, ' ');
}

/** The report as a clerk reads it: what was understood, what would change, what is wrong. */
export function describeImport(r: ImportReport): string[] {
  const lines: string[] = [];
  const where = [r.sheet ? `sheet "${r.sheet}"` : null, r.headerRow ? `header on row ${r.headerRow}` : null].filter(Boolean).join(', ');
  lines.push(`Read ${r.file}${where ? ` (${where})` : ''}.`);
  if (r.plan) lines.push(`Plan ${r.plan.name} (${PLAN_FROM[r.plan.from]}).`);
  if (r.columns.length > 0) {
    lines.push('Columns:');
    for (const c of r.columns) lines.push(`  ${c.column} "${c.header}" → ${c.takenAs}`);
  }
  for (const c of r.ignored) lines.push(`  ${c.column} "${c.header}" ignored: ${c.reason}`);
  if (r.themes.length > 0) lines.push(`Themes: ${r.themes.map((t) => `"${t.theme}" (row ${t.rowNumber})`).join(', ')}.`);
  for (const p of r.passed) lines.push(`Row ${p.row} passed over: ${p.reason}.`);
  // Unchanged rows are counted, not listed (--json lists them): a re-import is mostly unchanged rows.
  for (const a of r.actions.filter((x) => x.outcome !== 'unchanged' || x.notes.length > 0)) {
    const shown = (field: string, v: string | null) => (v === null ? '–' : field === 'status' ? (STATUS_LABELS[v as ActionStatus] ?? v) : v);
    const changes = a.changes.map((c) => `${fieldName(c.field)}: ${shown(c.field, c.from)} → ${shown(c.field, c.to)}`).join('; ');
    lines.push(`  row ${a.row}  ${a.ref}  ${a.outcome}${changes ? `: ${changes}` : a.outcome === 'created' ? `: ${a.title}${a.lead ? `; lead ${a.lead}` : ''}` : ''}`);
    for (const n of a.notes) lines.push(`      note: ${n}`);
  }
  for (const p of r.people) lines.push(`New person: ${p.name}${p.email ? ` <${p.email}>` : ''} (linked to their Teams account when they first talk to the bot).`);
  if (r.problems.length > 0) {
    lines.push('Rows that cannot be imported:');
    for (const p of r.problems) lines.push(`  row ${p.row}${p.ref ? ` (${p.ref})` : ''}: ${p.reasons.join('; ')}`);
  }
  const s = r.summary;
  const counts = `${s.created} to create, ${s.updated} to update, ${s.unchanged} unchanged${s.newPeople ? `, ${s.newPeople} new ${s.newPeople === 1 ? 'person' : 'people'}` : ''}`;
  if (r.outcome === 'dry-run') lines.push(`Dry run: ${counts}. Nothing was written.`);
  else if (r.outcome === 'applied') lines.push(`Imported: ${counts.replace('to create', 'created').replace('to update', 'updated')}${s.problems ? `; ${s.problems} rows left out (--skip-bad)` : ''}.`);
  return lines;
}

/** `csp actions import <file>`. */
export function registerImport(program: Command, runtime: CliRuntime): void {
  group(program, 'actions', 'The partnership action plan')
    .command('import <file>')
    .description("Load or update the action plan from the partnership's tracker (.xlsx or .csv): all rows or none")
    .option('--dry-run', 'show what would be created or changed, and write nothing')
    .option('--json', 'print the report as JSON')
    .option('--plan <year>', 'the plan year the tracker is, e.g. 2024-25 (else from the file, or assumed and said)')
    .option('--sheet <name>', 'the worksheet to read (default: the first that looks like a tracker)')
    .option('--skip-bad', 'import the usable rows and leave out the rows listed as unusable')
    .option('--by <name>', 'who is importing, for the history of each action', 'Tracker import')
    .option(...PARTNERSHIP_OPTION)
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (file: string, o: ImportCliOptions) => {
      let grid: TrackerGrid;
      try {
        grid = await readTrackerFile(file);
      } catch (err) {
        if (!(err instanceof TrackerFileError)) throw err;
        if (o.json) runtime.out(JSON.stringify({ file: basename(file), outcome: 'refused', refusal: err.message }, null, 2));
        throw new UsageError(err.message);
      }
      const by = o.by.trim() || 'Tracker import';
      const report = await withPartnership(runtime, o.db, o.partnership, (deps) =>
        importTracker(deps, grid, {
          fileName: basename(file),
          sheet: o.sheet,
          plan: o.plan,
          dryRun: Boolean(o.dryRun),
          skipBad: Boolean(o.skipBad),
          importer: { name: by, aadObjectId: null },
        }),
      );
      if (o.json) runtime.out(JSON.stringify(report, null, 2));
      else for (const line of describeImport(report)) runtime.out(line);
      if (report.outcome === 'refused') throw new UsageError(report.refusal ?? 'Nothing was imported.');
    });
}
