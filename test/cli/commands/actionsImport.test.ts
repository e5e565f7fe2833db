import type { Command } from 'commander';
import pino from 'pino';
import { runCsp } from '../../support/cli';
import { register } from '../../../src/cli/commands/actions';
import { registerImport } from '../../../src/cli/commands/actionsImport';
import type { CliRuntime } from '../../../src/cli/runtime';
import { ActionRepo } from '../../../src/store/actionRepo';
import { PersonRepo } from '../../../src/store/personRepo';
import { RoleRepo } from '../../../src/store/roleRepo';
import { FakeClock } from '../../../src/core/clock';
import { loadConfig } from '../../../src/core/config';
import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';
import type { AppDeps } from '../../../src/features/deps';
import type { Store } from '../../../src/store/db';
import type { ImportReport } from '../../../src/features/actions/tracker/importTracker';
import { demoDeps } from '../../support/actionsApp';
import { describeEachStore } from '../../support/stores';
import { dumpPlanTables, scratch, workbook } from '../../support/trackers';

const NOW = '2024-11-20T10:00:00Z';
const ROTHER = 'E05015178';
const BROCKWELL = 'E05015174';
const HASLAND = 'E05015176';

function both(program: Command, runtime: CliRuntime): void {
  register(program, runtime);
  registerImport(program, runtime);
}

function depsOf(store: Store, now = NOW): AppDeps {
  return { store, clock: new FakeClock(now), config: loadConfig({}), pack: chesterfieldPack, log: pino({ level: 'silent' }) };
}

const files = scratch();
afterAll(() => files.cleanup());

async function run(deps: AppDeps, args: string[]): Promise<{ out: string; err: string }> {
  return runCsp(both, deps, args);
}

/** Runs an import with --json and returns the report, whether or not it was refused. */
async function importJson(deps: AppDeps, args: string[]): Promise<ImportReport> {
  const out: string[] = [];
  const runtime: CliRuntime = {
    open: async () => ({ ...deps, store: { ...deps.store, close: async () => undefined } }),
    out: (l) => out.push(l),
    err: () => undefined,
    interactive: false,
    confirm: async () => false,
  };
  const { Command: Cmd } = await import('commander');
  const program = new Cmd().exitOverride();
  both(program, runtime);
  try {
    await program.parseAsync(['node', 'csp', 'actions', 'import', ...args, '--json']);
  } catch {
    // A refusal: the report says why.
  }
  return JSON.parse(out.join('\n')) as ImportReport;
}

/** A tracker as a council keeps it: a title above the header, theme bands, merged cells, Excel dates. */
async function councilWorkbook(): Promise<Buffer> {
  return workbook([
    { name: 'Notes', rows: [['How to fill in this tracker'], ['Use the RAG key below.']] },
    {
      name: 'Action Plan',
      rows: [
        ['Chesterfield Community Safety Partnership – Action Plan 2024/25'],
        [],
        ['Ref', 'Action / Activity', 'Lead Officer', 'Lead Organisation', 'Ward(s)', 'Target Date', 'Status', 'RAG', 'Progress Update', 'Internal notes'],
        ['Theme 1: Anti-social behaviour'],
        ['1.1', 'Run weekly park walk-throughs with PCSOs', 'Sam Reid <sam.reid@example.gov.uk>', 'Derbyshire Constabulary', 'Rother; Brockwell', new Date(Date.UTC(2025, 2, 31)), 'In progress', 'G', 'Walk-throughs held every Friday since September.', 'x'],
        ['1.2', 'Install two redeployable CCTV cameras', 'Pat Quinn', 'Chesterfield Borough Council', 'Rother, Brockwell and Hasland', 'Mar-25', 'Not started', 'A', '', ''],
        ['Theme 2: Hate crime'],
        ['2.1', 'Promote Hate Crime Awareness Week in schools', 'Cllr Dana Hale', 'Derbyshire County Council', 'Borough-wide', '31 March 2025', 'Complete', 'Blue', 'Sessions delivered in six schools.', ''],
        ['2.2', 'Recruit third-party reporting centres', 'sam.reid@example.gov.uk', 'Derbyshire Constabulary', 'All wards', 'Ongoing', 'Ongoing', 'Amber', '', ''],
      ],
      merges: ['A1:J1', 'A4:J4', 'A7:J7'],
    },
  ]);
}

describeEachStore('csp actions import', (get) => {
  test('a council workbook: title row, theme bands, varied headers, UK dates, several wards, leads by name or e-mail', async () => {
    const deps = depsOf(get());
    const file = files.path('council.xlsx', await councilWorkbook());
    const report = await importJson(deps, [file]);
    expect(report.outcome).toBe('applied');
    expect(report.sheet).toBe('Action Plan');
    expect(report.headerRow).toBe(3);
    expect(report.plan).toEqual({ name: '2024–25', from: 'title' });
    expect(report.columns.map((c) => `${c.column}:${c.takenAs}`)).toEqual([
      'A:reference', 'B:action', 'C:lead officer', 'D:lead organisation', 'E:wards', 'F:target date', 'G:status', 'H:RAG', 'I:progress update',
    ]);
    expect(report.ignored).toEqual([{ column: 'J', header: 'Internal notes', reason: 'a second progress update column (column I is used)' }]);
    expect(report.themes.map((t) => t.theme)).toEqual(['Anti-social behaviour', 'Hate crime']);

    const repo = new ActionRepo(get());
    const all = await repo.list();
    expect(all.map((a) => [a.id, a.theme, a.status, a.targetDate])).toEqual([
      ['2024-25/1.1', 'Anti-social behaviour', 'in_progress', '2025-03-31'],
      ['2024-25/1.2', 'Anti-social behaviour', 'not_started', '2025-03-31'],
      ['2024-25/2.1', 'Hate crime', 'completed', '2025-03-31'],
      ['2024-25/2.2', 'Hate crime', 'in_progress', null],
    ]);
    const byId = new Map(all.map((a) => [a.id, a]));
    expect(byId.get('2024-25/1.1')?.wards).toEqual([ROTHER, BROCKWELL]);
    expect(byId.get('2024-25/1.2')?.wards).toEqual([ROTHER, BROCKWELL, HASLAND]);
    expect(byId.get('2024-25/2.1')?.wards).toEqual([]);
    // "sam.reid@…" alone is the same person as "Sam Reid <sam.reid@…>": one new person, not two.
    expect(report.people.map((p) => [p.name, p.email])).toEqual([
      ['Sam Reid', 'sam.reid@example.gov.uk'],
      ['Pat Quinn', null],
      ['Cllr Dana Hale', null],
    ]);
    expect(byId.get('2024-25/2.2')?.lead.name).toBe('Sam Reid');
    // Every action starts its history with a line by the importer, through the import channel.
    const history = await repo.history('2024-25/1.1');
    expect(history).toEqual([expect.objectContaining({ field: 'created', channel: 'import', actorName: 'Tracker import', note: 'imported from council.xlsx, row 5' })]);
  });

  test('exporting the plan as CSV and importing it back changes nothing', async () => {
    const deps = await demoDeps(get());
    const before = await dumpPlanTables(get());
    const { out } = await run(deps, ['export', 'actions', '--format', 'csv', '--include-exempt']);
    const file = files.path('export.csv', `${out}\r\n`);
    const report = await importJson(deps, [file]);
    expect(report.problems).toEqual([]);
    expect(report.actions.filter((a) => a.outcome !== 'unchanged')).toEqual([]);
    expect(report.summary).toEqual({ created: 0, updated: 0, unchanged: 16, problems: 0, newPeople: 0 });
    // Only the audit line of the import itself is new.
    const after = JSON.parse(await dumpPlanTables(get())) as Record<string, unknown[]>;
    const was = JSON.parse(before) as Record<string, unknown[]>;
    expect(after.action_item).toEqual(was.action_item);
    expect(after.action_history).toEqual(was.action_history);
    expect(after.plan_person).toEqual(was.plan_person);
  });
});
