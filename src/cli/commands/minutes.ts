import type { Command } from 'commander';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parsePeriodOption, renderProgressReport, ReportFormat, ReportInputError } from '../../features/reports/reportApp';
import { assertMinutesSize, describeImport, importMinutes, MinutesInputError, minutesTextFromFile, preview } from '../../features/minutes/minutesApp';
import type { MinutesExtract } from '../../domain/minutes/model';
import { isIsoDate } from '../../features/minutes/dates';
import { group, UsageError } from '../group';
import { PARTNERSHIP_OPTION, withPartnership, type CliRuntime } from '../runtime';

const DB_HELP = 'database URL (else DATABASE_URL)';

/** Reads a .txt or .docx file of minutes, refusing anything over 5 MB before reading it. */
export async function readMinutesFile(path: string): Promise<string> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UsageError(`Cannot read ${path}: no such file.`);
  }
  try {
    assertMinutesSize(size, basename(path));
    return await minutesTextFromFile(basename(path), readFileSync(path));
  } catch (err) {
    if (err instanceof MinutesInputError) throw new UsageError(err.message);
    throw err;
  }
}

/** What was found, in lines a coordinator reads before saying yes. */
export function describeExtract(e: MinutesExtract): string[] {
  const lines: string[] = [];
  lines.push(`Meeting: ${e.meeting.title ?? '(no title found)'}${e.meeting.date ? `, ${e.meeting.date}` : ', date not given'}`);
  lines.push(e.summary);
  if (e.resolutions.length) {
    lines.push('', 'Resolutions:');
    for (const r of e.resolutions) lines.push(`  (${r.number}) ${r.text}${r.exempt ? ' [exempt]' : ''}`);
  }
  if (e.followUps.length) {
    lines.push('', 'Follow-ups to create:');
    for (const f of e.followUps) {
      const due = f.due
        ? `${f.due}${f.precision === 'month' ? ' (in the month)' : ''}${f.dueBasis === 'after-meeting' ? ' (a week after the meeting)' : f.dueBasis === 'next-meeting' ? ' (the next meeting)' : ''}`
        : f.dueBasis === 'none'
          ? `no date given${f.chaseFrom ? ` (reminders from ${f.chaseFrom})` : ''}`
          : 'unknown: give --meeting-date';
      lines.push(`  - ${f.title}${f.exempt ? ' [exempt]' : ''}`, `      due ${due}; owner ${f.owner ?? 'not named'}${f.ownerBasis === 'presenter' ? ' (presented the report)' : ''}; paragraph ${f.source.paragraph}`);
    }
  }
  if (e.activities.length) {
    lines.push('', 'Action-plan activities named:');
    for (const a of e.activities) lines.push(`  - ${a.matchedActionIds.length ? `[${a.matchedActionIds.join(', ')}]` : '[new]'} ${a.title} (paragraph ${a.source.paragraph})`);
  }
  if (e.figures.length) {
    lines.push('', 'Figures:');
    for (const f of e.figures) lines.push(`  - ${f.value}${f.unit === '%' ? '%' : f.unit === '£' ? ' £' : ''}${f.period ? ` (${f.period.from} to ${f.period.to})` : ''}: ${f.text}`);
  }
  if (e.wards.length) lines.push('', `Areas named: ${e.wards.map((w) => `${w.name} (${w.code})`).join(', ')}`);
  for (const n of e.notices) lines.push(`Note: ${n}`);
  return lines;
}

interface ImportOptions {
  meetingDate?: string;
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
  partnership?: string;
  db?: string;
}

async function importMinutesCommand(runtime: CliRuntime, file: string, o: ImportOptions): Promise<void> {
  if (o.meetingDate !== undefined && !isIsoDate(o.meetingDate)) throw new UsageError(`--meeting-date must be a date YYYY-MM-DD, got "${o.meetingDate}"`);
  const text = await readMinutesFile(file);
  await withPartnership(runtime, o.db, o.partnership, async (deps) => {
    const { extract, dryRun } = await preview(deps, text, o.meetingDate ?? null).catch((err: unknown) => {
      throw err instanceof MinutesInputError ? new UsageError(err.message) : err;
    });
    if (o.dryRun) {
      if (o.json) runtime.out(JSON.stringify(dryRun, null, 2));
      else {
        for (const line of describeExtract(extract)) runtime.out(line);
        runtime.out('');
        runtime.out('Dry run: nothing was written.');
      }
      return;
    }
    if (!extract.isMinutes) throw new UsageError(extract.summary);
    const say = (line: string) => (o.json ? runtime.err(line) : runtime.out(line));
    for (const line of describeExtract(extract)) say(line);
    const links = extract.activities.reduce((n, a) => n + a.matchedActionIds.length, 0);
    const question = `Create ${extract.followUps.length} follow-up${extract.followUps.length === 1 ? '' : 's'} and ${links} link${links === 1 ? '' : 's'} from actions to these minutes?`;
    if (!o.yes && !(await runtime.confirm(question))) {
      runtime.err('Nothing was written (confirm with y, or pass --yes).');
      return;
    }
    try {
      const result = await importMinutes(deps, { text, meetingDate: o.meetingDate ?? null, sourceName: basename(file), actor: { id: 'cli', name: 'csp import minutes' }, channel: 'cli' });
      if (o.json) {
        const { extract: _omit, ...rest } = result;
        runtime.out(JSON.stringify(rest, null, 2));
      } else for (const line of describeImport(result)) runtime.out(line);
    } catch (err) {
      throw err instanceof MinutesInputError ? new UsageError(err.message) : err;
    }
  });
}

export function register(program: Command, runtime: CliRuntime): void {
  group(program, 'import', 'Load data from files')
    .command('minutes <file>')
    .description('committee minutes (.txt or .docx): shows the resolutions, follow-ups and actions found, and creates them once confirmed')
    .option('--meeting-date <YYYY-MM-DD>', 'the date of the meeting, when the minutes do not give it (relative dates count from it)')
    .option('--yes', 'create without asking')
    .option('--dry-run', 'show what would be created and write nothing')
    .option('--json', 'print one JSON object')
    .option(...PARTNERSHIP_OPTION)
    .option('--db <url>', DB_HELP)
    .action(async (file: string, o: ImportOptions) => importMinutesCommand(runtime, file, o));

  registerReport(program, runtime);
}

interface ReportOptions {
  period?: string;
  format?: string;
  out?: string;
  since?: string;
  includeExempt?: boolean;
  partnership?: string;
  db?: string;
}

async function reportCommand(runtime: CliRuntime, o: ReportOptions): Promise<void> {
  const format = (o.format ?? 'md') as ReportFormat;
  if (!['md', 'html', 'docx'].includes(format)) throw new UsageError(`--format must be md, html or docx, got "${o.format}"`);
  if (o.since !== undefined && !isIsoDate(o.since)) throw new UsageError(`--since must be a date YYYY-MM-DD, got "${o.since}"`);
  let period;
  try {
    period = o.period ? parsePeriodOption(o.period) : undefined;
  } catch (err) {
    throw err instanceof ReportInputError ? new UsageError(err.message) : err;
  }
  await withPartnership(runtime, o.db, o.partnership, async (deps) => {
    const out = o.out ?? (format === 'docx' ? `progress-report-${period ? `${period.from}-${period.to}` : deps.clock.now().toISOString().slice(0, 10)}.docx` : undefined);
    const baseName = out ? basename(out).replace(/\.[^.]+$/, '') : null;
    let rendered;
    try {
      rendered = await renderProgressReport(deps, { period, since: o.since ?? undefined, includeExempt: o.includeExempt ?? false, format, baseName });
    } catch (err) {
      throw err instanceof ReportInputError ? new UsageError(err.message) : err;
    }
    if (!out) {
      runtime.out(String(rendered.body));
      return;
    }
    writeFileSync(out, rendered.body);
    for (const f of rendered.files) writeFileSync(join(dirname(out), f.name), f.content);
    const p = rendered.report.period;
    runtime.err(`Wrote ${out} (${p.from} to ${p.to}${rendered.files.length ? `, with ${rendered.files.length} chart files` : ''})${o.includeExempt ? ': it includes exempt (Part 2) actions, not for publication' : ''}.`);
  });
}

function registerReport(program: Command, runtime: CliRuntime): void {
  group(program, 'report', 'Draft reports for the committee')
    .command('progress')
    .description('the progress report appendix: the action plan by theme, crime and disorder data against the previous period, charts, sources and caveats')
    .option('--period <YYYY-MM..YYYY-MM>', 'the months reported on (default: the latest 12 months with data)')
    .option('--format <md|html|docx>', 'md (default), html (one self-contained page) or docx', 'md')
    .option('--out <file>', 'write to this file (charts of the md version go beside it); default: stdout, or a .docx file in this folder')
    .option('--since <YYYY-MM-DD>', 'list changes to actions from this date (default: the last committee meeting recorded)')
    .option('--include-exempt', 'include exempt (Part 2) actions: never for publication')
    .option(...PARTNERSHIP_OPTION)
    .option('--db <url>', DB_HELP)
    .action(async (o: ReportOptions) => reportCommand(runtime, o));
}
