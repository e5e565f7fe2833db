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
import { DataSnapshots } from '../../../src/store/snapshot';
import type { ImportReport } from '../../../src/features/actions/tracker/importTracker';
import { demoDeps } from '../../support/actionsApp';
import { describeEachStore } from '../../support/stores';
import { dumpPlanTables, scratch, workbook } from '../../support/trackers';
import { CHESTERFIELD } from '../../support/partnership';
import { neighbourPack, saveNeighbourPack } from '../../support/neighbourPack';

const NOW = '2024-11-20T10:00:00Z';
const ROTHER = 'E05015178';
const BROCKWELL = 'E05015174';
const HASLAND = 'E05015176';

function both(program: Command, runtime: CliRuntime): void {
  register(program, runtime);
  registerImport(program, runtime);
}

function depsOf(store: Store, now = NOW): AppDeps {
  return { store, snapshots: new DataSnapshots(store), clock: new FakeClock(now), config: loadConfig({}), pack: chesterfieldPack, log: pino({ level: 'silent' }) };
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
    openStore: async () => ({ ...deps, store: { ...deps.store, close: async () => undefined } }),
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

    const repo = new ActionRepo(get(), CHESTERFIELD);
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

  test('`--partnership` loads and lists that partnership\'s plan only, under the ids the default partnership\'s plan also has', async () => {
    await saveNeighbourPack(get());
    const deps = depsOf(get());
    const header = 'Ref,Action,Lead Officer,Lead Organisation,Ward(s),Target Date,Status\r\n';
    const chesterfield = files.path('chesterfield.csv', `${header}1.1,Install CCTV in the town centre,Pat Quinn,Chesterfield Borough Council,Rother,31/03/2025,Not started\r\n`);
    const bolsover = files.path('bolsover.csv', `${header}1.1,Patrol Shirebrook market on Fridays,Kim Lee,Bolsover District Council,Shirebrook North,31/03/2025,In progress\r\n`);
    await run(deps, ['actions', 'import', chesterfield, '--plan', '2024-25']);
    const imported = await run(deps, ['actions', 'import', bolsover, '--plan', '2024-25', '--partnership', 'Bolsover']);
    expect(imported.out).toMatch(/Imported: 1 created/);
    expect((await new ActionRepo(get(), neighbourPack.district.code).list()).map((a) => [a.id, a.title, a.wards])).toEqual([['2024-25/1.1', 'Patrol Shirebrook market on Fridays', ['E05012000']]]);
    expect((await new ActionRepo(get(), CHESTERFIELD).list()).map((a) => [a.id, a.title])).toEqual([['2024-25/1.1', 'Install CCTV in the town centre']]);
    const listed = (await run(deps, ['actions', 'list', '--partnership', 'E07000033'])).out;
    expect(listed).toMatch(/Shirebrook/);
    expect(listed).not.toMatch(/CCTV/);
    expect((await run(deps, ['actions', 'list'])).out).not.toMatch(/Shirebrook/);
    await expect(run(deps, ['actions', 'import', bolsover, '--partnership', 'Atlantis'])).rejects.toThrow('No partnership "Atlantis" in this store');
  });

  test('a partnership with no plan is told how to load one', async () => {
    await saveNeighbourPack(get());
    const { out } = await run(depsOf(get()), ['actions', 'list', '--partnership', 'Bolsover']);
    expect(out).toMatch(/^No action plan is loaded for the Bolsover partnership yet\. A coordinator loads it .* `csp actions import <tracker file> --partnership "Bolsover"`/);
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

  test('an exported tracker edited in Excel weeks later: derived RAGs pin nothing, a new update is the importer\'s', async () => {
    const deps = await demoDeps(get());
    const { out } = await run(deps, ['export', 'actions', '--format', 'csv']);
    const edited = out.replace('Deliver PREVENT awareness sessions in secondary schools', 'Deliver PREVENT awareness sessions in every secondary school');
    const lines = edited.split('\r\n');
    const row = lines.findIndex((l) => l.startsWith('CSP-2021-01,'));
    const cells = lines[row].split(',');
    const updateAt = 13; // "Latest update", by CSV_HEADINGS
    cells[updateAt] = 'Forty volunteers trained';
    lines[row] = cells.join(',');
    const later = { ...deps, clock: new FakeClock('2021-10-01T09:00:00Z') };
    const report = await importJson(later, [files.path('edited.csv', lines.join('\r\n'))]);
    expect(report.outcome).toBe('applied');
    expect(report.actions.filter((a) => a.outcome === 'updated').map((a) => [a.ref, a.changes.map((c) => c.field)])).toEqual([
      ['CSP-2021-01', ['latest_update']],
      ['CSP-2021-04', ['title']],
    ]);
    const updated = await new ActionRepo(get(), CHESTERFIELD).get('CSP-2021-01');
    expect(updated?.latestUpdate).toEqual({ text: 'Forty volunteers trained', author: 'Tracker import', asOf: '2021-10-01' });
  });

  test('a CSV with a BOM, other header names, a theme column and every date form', async () => {
    const deps = depsOf(get());
    const csv = [
      'No.,Activity,Owner,Agency,Area,Start date,Due,Status,RAG status,Latest update,Priority,Success measure',
      'A1,Map ASB hotspots with residents,Lee Lead,Chesterfield Borough Council,the Moor,01/04/2024,31/3/25,Underway,R,Two walkabouts held.,Anti-social behaviour,Fewer repeat calls',
      'A2,Refresh the town centre PSPO,Lee Lead,Chesterfield Borough Council,Town centre,,March 2025,Not yet started,,,,Order renewed',
      'A3,Train door supervisors in vulnerability,Olive Other,Derbyshire Constabulary,"Rother, Brockwel",,Q4 2024/25,On hold,Amber,"Paused, venue closed",Night-time economy,',
      'A4,Run an online fraud roadshow,Olive Other,Derbyshire Constabulary,Borough-wide,,TBC,Done,,,,',
      'A5,Review the CCTV control room rota,Olive Other,Derbyshire Constabulary,District-wide,,45747,Carried forward,,,,',
      'A6,Publish the domestic abuse pathway,Olive Other,Derbyshire Constabulary,All wards,,N/A,Cancelled,,,,',
      'A7,Start a Neighbourhood Watch in Hasland,Olive Other,Derbyshire Constabulary,Hasland,,31 Mar 2025,New,G,,,',
    ].join('\r\n');
    const file = files.path('bom.csv', `\uFEFF${csv}\r\n`);
    const report = await importJson(deps, [file, '--plan', '2024-25']);
    expect(report.problems).toEqual([]);
    expect(report.outcome).toBe('applied');
    expect(report.plan).toEqual({ name: '2024–25', from: 'option' });
    expect(report.columns.map((c) => c.takenAs)).toEqual([
      'reference', 'action', 'lead officer', 'lead organisation', 'wards', 'start date', 'target date', 'status', 'RAG', 'progress update', 'theme', 'success measure',
    ]);
    const all = await new ActionRepo(get(), CHESTERFIELD).list();
    expect(all.map((a) => [a.id, a.status, a.startDate, a.targetDate])).toEqual([
      ['A1', 'in_progress', '2024-04-01', '2025-03-31'],
      ['A2', 'not_started', null, '2025-03-31'],
      ['A3', 'on_hold', null, '2025-03-31'],
      ['A4', 'completed', null, null],
      ['A5', 'carried_forward', null, '2025-03-31'],
      ['A6', 'cancelled', null, null],
      ['A7', 'not_started', null, '2025-03-31'],
    ]);
    const a = new Map(all.map((x) => [x.id, x]));
    expect(a.get('A1')?.wards).toEqual(['E05015185']);
    expect(a.get('A3')?.wards).toEqual([ROTHER, BROCKWELL]);
    expect(a.get('A1')?.theme).toBe('Anti-social behaviour');
    // The theme column carries down over a blank cell, as a theme written once above its rows.
    expect(a.get('A2')?.theme).toBe('Anti-social behaviour');
    expect(a.get('A3')?.theme).toBe('Night-time economy');
    expect(a.get('A1')?.successMeasure).toBe('Fewer repeat calls');
    expect(a.get('A3')?.latestUpdate).toEqual({ text: 'Paused, venue closed', author: 'Tracker import', asOf: '2024-11-20' });
    // Red given by the tracker while the rule would say otherwise: kept, as set by hand from the tracker.
    expect(a.get('A1')?.ragOverride).toBe('red');
  });

  test('a semicolon-separated CSV saved by Excel in Windows-1252 is read', async () => {
    const deps = depsOf(get());
    const text = 'Ref;Action;Lead;Target date\r\nB1;Fund the caf\u00e9 outreach session;Zo\u00eb Price;31/03/2025\r\n';
    const file = files.path('cp1252.csv', Buffer.from(text, 'latin1'));
    const report = await importJson(deps, [file, '--plan', '2024/25']);
    expect(report.outcome).toBe('applied');
    const [only] = await new ActionRepo(get(), CHESTERFIELD).list();
    expect(only.title).toBe('Fund the caf\u00e9 outreach session');
    expect(only.lead.name).toBe('Zo\u00eb Price');
  });

  test('bad rows are listed with their row numbers and the import refuses, the store unchanged', async () => {
    const deps = depsOf(get());
    await importJson(deps, [files.path('first.xlsx', await councilWorkbook())]);
    const before = await dumpPlanTables(get());
    const csv = [
      'Action plan 2024-25',
      'Ref,Action,Lead Officer,Ward(s),Target Date,Status,RAG',
      'C1,Good row,Lee Lead,Rother,31/03/2025,In progress,G',
      'C2,,Lee Lead,Rother,31/03/2025,In progress,G',
      'C3,Unreadable date,Lee Lead,Rother,Summer 2025,In progress,G',
      'C4,Unknown ward,Lee Lead,Narnia,31/03/2025,In progress,G',
      'C5,US date,Lee Lead,Rother,03/31/2025,In progress,G',
      'C6,Odd status,Lee Lead,Rother,31/03/2025,Sort of,G',
      'C7,Odd RAG,Lee Lead,Rother,31/03/2025,In progress,Purple',
      'C1,Repeated reference,Lee Lead,Rother,31/03/2025,In progress,G',
    ].join('\n');
    const report = await importJson(deps, [files.path('bad.csv', csv)]);
    expect(report.outcome).toBe('refused');
    expect(report.problems.map((p) => [p.row, p.reasons[0]])).toEqual([
      [4, 'no action text'],
      [5, 'unreadable target date: "Summer 2025" is not a date this import can read (write it as 31/03/2025)'],
      [6, expect.stringMatching(/^unknown ward "Narnia"/)],
      [7, 'unreadable target date: "03/31/2025" is not a real date (day/month/year)'],
      [8, expect.stringMatching(/^status "Sort of" is not one this import knows/)],
      [9, expect.stringMatching(/^RAG "Purple"/)],
      [10, 'reference C1 is used again (first on row 3)'],
    ]);
    expect(report.refusal).toMatch(/^7 rows cannot be imported .* Nothing was imported/);
    expect(await dumpPlanTables(get())).toBe(before);

    const { out } = await run(deps, ['actions', 'import', files.path('bad2.csv', csv), '--skip-bad']).catch((e: Error) => ({ out: e.message }));
    expect(out).toContain('Imported: 1 created, 0 updated, 0 unchanged, 1 new person; 7 rows left out (--skip-bad).');
    expect((await new ActionRepo(get(), CHESTERFIELD).get('2024-25/C1'))).toBeUndefined();
    expect((await new ActionRepo(get(), CHESTERFIELD).get('C1'))?.title).toBe('Good row');
  });

  test('a file without an action column, a truncated workbook and an old .xls are refused, the store unchanged', async () => {
    const deps = await demoDeps(get());
    const before = await dumpPlanTables(get());
    const noAction = await importJson(deps, [files.path('budget.csv', 'Cost centre,Amount,Owner\r\nX1,100,Lee\r\n')]);
    expect(noAction.outcome).toBe('refused');
    expect(noAction.refusal).toMatch(/no recognisable action column/);
    const good = await councilWorkbook();
    const cut = await importJson(deps, [files.path('cut.xlsx', good.subarray(0, Math.floor(good.length / 2)))]);
    expect(cut.refusal).toMatch(/could not be read as an Excel workbook .* damaged or cut short/);
    const xls = await importJson(deps, [files.path('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))]);
    expect(xls.refusal).toMatch(/old-style Excel \(\.xls\)/);
    await expect(run(deps, ['actions', 'import', files.path('junk.xlsx', 'not a zip at all')])).rejects.toThrow(/not an Excel workbook/);
    await expect(run(deps, ['actions', 'import', '/nonexistent/plan.xlsx'])).rejects.toThrow('There is no file /nonexistent/plan.xlsx.');
    await expect(run(deps, ['actions', 'import', files.path('s.xlsx', good), '--sheet', 'Budget'])).rejects.toThrow('There is no sheet "Budget" in the workbook; its sheets are "Notes", "Action Plan".');
    expect(await dumpPlanTables(get())).toBe(before);
  });

  test('re-importing updates by reference, never duplicates, and keeps each action\'s history', async () => {
    const deps = depsOf(get());
    const first = files.path('v1.xlsx', await councilWorkbook());
    await importJson(deps, [first]);
    const again = await importJson(deps, [first]);
    expect(again.summary).toEqual({ created: 0, updated: 0, unchanged: 4, problems: 0, newPeople: 0 });
    const repo = new ActionRepo(get(), CHESTERFIELD);
    expect(await repo.count()).toBe(4);

    const changed = await workbook([
      {
        name: 'Plan',
        rows: [
          ['Community Safety Action Plan 2024-25'],
          ['Ref', 'Action', 'Lead Officer', 'Target Date', 'Status', 'Progress Update'],
          ['1.1', 'Run weekly park walk-throughs with PCSOs', 'Sam Reid', '30/06/2025', 'In progress', 'Now twice weekly in the summer.'],
          ['1.2', 'Install two redeployable CCTV cameras', 'Pat Quinn', '31/03/2025', 'In progress', 'Cameras ordered.'],
        ],
      },
    ]);
    const report = await importJson(deps, [files.path('v2.xlsx', changed)]);
    expect(report.outcome).toBe('applied');
    expect(report.actions.map((a) => [a.ref, a.outcome, a.changes.map((c) => c.field)])).toEqual([
      ['2024-25/1.1', 'updated', ['target_date', 'latest_update']],
      ['2024-25/1.2', 'updated', ['status', 'latest_update']],
    ]);
    expect(await repo.count()).toBe(4);
    const history = await repo.history('2024-25/1.1');
    expect(history.map((h) => [h.version, h.field, h.oldValue, h.newValue, h.channel])).toEqual([
      [1, 'created', null, 'Run weekly park walk-throughs with PCSOs', 'import'],
      [2, 'target_date', '2025-03-31', '2025-06-30', 'import'],
      [2, 'latest_update', 'Walk-throughs held every Friday since September.', 'Now twice weekly in the summer.', 'import'],
    ]);
    const item = await repo.get('2024-25/1.1');
    // Columns the second tracker does not have (wards, organisation) are left as they were.
    expect(item?.wards).toEqual([ROTHER, BROCKWELL]);
    expect(item?.leadAgency).toBe('Derbyshire Constabulary');
    expect(item?.targetSlips).toBe(1);
    expect(item?.version).toBe(2);
  });

  test('--dry-run --json says what would be created or changed and writes nothing', async () => {
    const deps = depsOf(get());
    await importJson(deps, [files.path('base.xlsx', await councilWorkbook())]);
    const before = await dumpPlanTables(get());
    const csv = [
      'Ref,Action,Lead Officer,Ward(s),Target Date,Status',
      '1.1,Run weekly park walk-throughs with PCSOs,Sam Reid,Rother; Brockwell,31/03/2025,Complete',
      '1.2,Install two redeployable CCTV cameras,Pat Quinn,"Rother, Brockwell and Hasland",31/03/2025,Not started',
      '3.1,Start a youth diversion project,Ravi Patel <ravi.patel@example.org>,Hasland,31/01/2025,',
    ].join('\n');
    const report = await importJson(deps, [files.path('dry.csv', csv), '--dry-run', '--plan', '2024-25']);
    expect(report.outcome).toBe('dry-run');
    expect(report.actions).toEqual([
      { row: 2, ref: '2024-25/1.1', title: 'Run weekly park walk-throughs with PCSOs', outcome: 'updated', changes: [{ field: 'status', from: 'in_progress', to: 'completed' }], lead: 'Sam Reid (not yet in Teams)', notes: [] },
      { row: 3, ref: '2024-25/1.2', title: 'Install two redeployable CCTV cameras', outcome: 'unchanged', changes: [], lead: 'Pat Quinn (not yet in Teams)', notes: [] },
      { row: 4, ref: '2024-25/3.1', title: 'Start a youth diversion project', outcome: 'created', changes: [], lead: 'Ravi Patel (new person)', notes: [] },
    ]);
    expect(report.people).toEqual([{ name: 'Ravi Patel', email: 'ravi.patel@example.org', outcome: 'created' }]);
    expect(await dumpPlanTables(get())).toBe(before);
  });

  test('rows without a reference are matched by their action text in the plan, else given the next free reference', async () => {
    const deps = depsOf(get());
    const csv = (status: string) =>
      ['Action,Lead,Status', `Hold a knife crime assembly in every secondary school,Lee Lead,${status}`, 'Fund a street pastors pilot,Lee Lead,Not started'].join('\n');
    const first = await importJson(deps, [files.path('noref1.csv', csv('Not started')), '--plan', '2024-25']);
    expect(first.actions.map((a) => [a.ref, a.outcome])).toEqual([
      ['2024-25/1', 'created'],
      ['2024-25/2', 'created'],
    ]);
    const second = await importJson(deps, [files.path('noref2.csv', csv('In progress')), '--plan', '2024-25']);
    expect(second.actions.map((a) => [a.ref, a.outcome])).toEqual([
      ['2024-25/1', 'updated'],
      ['2024-25/2', 'unchanged'],
    ]);
    expect(await new ActionRepo(get(), CHESTERFIELD).count()).toBe(2);
  });

  test('leads are matched to known people by name or e-mail; new leads are linked when they first talk to the bot', async () => {
    const store = get();
    const deps = depsOf(store);
    const people = new PersonRepo(store);
    await people.remember({ aadObjectId: 'aad-lee', teamsUserId: '29:lee', name: 'Lee Lead' }, new Date(NOW));
    await new RoleRepo(store).grant('aad-olive', 'officer', 'test', new Date(NOW), 'Olive Other');
    const csv = [
      'Ref,Action,Lead Officer,Lead officer email',
      'D1,Action one,  lee   LEAD ,',
      'D2,Action two,Olive Other,',
      'D3,Action three,Nia Evans,nia.evans@example.gov.uk',
      'D4,Action four,Nia Evans,',
    ].join('\n');
    const report = await importJson(deps, [files.path('leads.csv', csv), '--plan', '2024-25']);
    expect(report.outcome).toBe('applied');
    const repo = new ActionRepo(store, CHESTERFIELD);
    expect((await repo.get('D1'))?.lead).toEqual({ name: 'lee LEAD', aadObjectId: 'aad-lee', teamsUserId: '29:lee' });
    expect((await repo.get('D2'))?.lead.aadObjectId).toBe('aad-olive');
    expect((await repo.get('D3'))?.lead).toEqual({ name: 'Nia Evans', aadObjectId: null, teamsUserId: null });
    expect(report.people).toEqual([{ name: 'Nia Evans', email: 'nia.evans@example.gov.uk', outcome: 'created' }]);
    expect(await people.unlinkedPlanPeople(CHESTERFIELD)).toEqual([{ name: 'Nia Evans', email: 'nia.evans@example.gov.uk' }]);

    // Nia talks to the bot for the first time: her actions become hers.
    await people.remember({ aadObjectId: 'aad-nia', teamsUserId: '29:nia', name: 'Nia Evans' }, new Date('2024-11-21T09:00:00Z'));
    for (const id of ['D3', 'D4']) {
      const a = await repo.get(id);
      expect(a?.lead).toEqual({ name: 'Nia Evans', aadObjectId: 'aad-nia', teamsUserId: '29:nia' });
      expect(a?.version).toBe(2);
      expect((await repo.history(id)).at(-1)).toEqual(expect.objectContaining({ field: 'lead', channel: 'system', note: expect.stringContaining('first talked to the bot') }));
    }
    expect(await people.unlinkedPlanPeople(CHESTERFIELD)).toEqual([]);
    // Re-importing the tracker now finds her as a known person and changes nothing.
    const again = await importJson(deps, [files.path('leads2.csv', csv), '--plan', '2024-25']);
    expect(again.summary).toEqual({ created: 0, updated: 0, unchanged: 4, problems: 0, newPeople: 0 });
  });

  test('--sheet picks the sheet; without it the first sheet that looks like a tracker is read', async () => {
    const deps = depsOf(get());
    const book = await workbook([
      { name: 'Cover', rows: [['Action plan 2024-25'], ['Owner: CSP team']] },
      { name: '2023-24', rows: [['Ref', 'Action', 'Due'], ['X1', 'Old action', '31/03/2024']] },
      { name: '2024-25', rows: [['Ref', 'Action', 'Due'], ['Y1', 'New action', new Date(Date.UTC(2025, 2, 31))], ['Y2', 'Serial date action', 45838]] },
    ]);
    const path = files.path('years.xlsx', book);
    const firstSheet = await importJson(deps, [path, '--dry-run']);
    expect(firstSheet.sheet).toBe('2023-24');
    expect(firstSheet.plan).toEqual({ name: '2023–24', from: 'sheet name' });
    const chosen = await importJson(deps, [path, '--sheet', '2024-25']);
    expect(chosen.outcome).toBe('applied');
    const all = await new ActionRepo(get(), CHESTERFIELD).list();
    expect(all.map((a) => [a.id, a.plan, a.targetDate])).toEqual([
      ['Y1', '2024–25', '2025-03-31'],
      ['Y2', '2024–25', '2025-06-30'],
    ]);
  });

  test('the human report says what each column was taken as and what would change', async () => {
    const deps = depsOf(get());
    const { out } = await run(deps, ['actions', 'import', files.path('human.xlsx', await councilWorkbook()), '--dry-run']);
    expect(out).toContain('Read human.xlsx (sheet "Action Plan", header on row 3).');
    expect(out).toContain("Plan 2024–25 (from the tracker's title).");
    expect(out).toContain('  C "Lead Officer" → lead officer');
    expect(out).toContain('  J "Internal notes" ignored: a second progress update column (column I is used)');
    expect(out).toContain('Dry run: 4 to create, 0 to update, 0 unchanged, 3 new people. Nothing was written.');
    expect(await new ActionRepo(get(), CHESTERFIELD).count()).toBe(0);
    await run(deps, ['actions', 'import', files.path('human2.xlsx', await councilWorkbook())]);
    const changed = 'Ref,Action,Status\n1.1,Run weekly park walk-throughs with PCSOs,Complete\n';
    const again = await run(deps, ['actions', 'import', files.path('human3.csv', changed), '--plan', '2024-25', '--dry-run']);
    expect(again.out).toContain('  row 2  2024-25/1.1  updated: status: In progress → Completed');
  });
});
