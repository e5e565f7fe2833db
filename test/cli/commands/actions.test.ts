import { runCsp } from '../../support/cli';
import { register } from '../../../src/cli/commands/actions';
import { ActionRepo } from '../../../src/store/actionRepo';
import { applyEdit } from '../../../src/features/actions/workflow';
import { describeEachStore } from '../../support/stores';
import { demoDeps } from '../../support/actionsApp';
import type { Store } from '../../../src/store/db';
import { CHESTERFIELD } from '../../support/partnership';

async function run(store: Store, args: string[]): Promise<{ out: string; err: string }> {
  return runCsp(register, await demoDeps(store), args);
}

describeEachStore('csp export actions', (get) => {
  test('CSV: the tracker table of public actions, exempt items left out and said so', async () => {
    const { out, err } = await run(get(), ['export', 'actions', '--format', 'csv']);
    const lines = out.split('\r\n');
    expect(lines[0]).toBe(
      'Reference,Plan,Theme,Action,Description,Lead officer,Lead organisation,Partners,Wards,Start date,Target date,Status,RAG,Latest update,Update by,Update date,Success measure',
    );
    expect(lines).toHaveLength(16);
    expect(out).toMatch(/CSP-2021-04,2020–21,Radicalisation and extremism,Deliver PREVENT awareness sessions in secondary schools,.*,Alex Morgan,Derbyshire County Council,.*,2021-07-23,In progress,Red – off track,/);
    expect(out).not.toContain('Blofeld');
    expect(err).toContain('1 exempt (Part 2) item left out');
  });

  test('Markdown with --since adds the changes since that date', async () => {
    const store = get();
    const { out } = await run(store, ['export', 'actions', '--format', 'md', '--since', '2021-08-01']);
    expect(out).toContain('## Changed since 1 Aug 2021');
    expect(out).toContain('| CSP-2021-15 | RAG override: derived (no override) → Amber – at risk |');
    const changes = out.split('## Changed since')[1];
    expect(changes).toContain('2021-08-10 16:00 | CSP-2021-08');
    expect(changes).not.toContain('2021-07-28');
  });

  test('a change made after the export date shows in the next export', async () => {
    const store = get();
    await run(store, ['export', 'actions', '--format', 'md']);
    const repo = new ActionRepo(store, CHESTERFIELD);
    const a = await repo.get('CSP-2021-13');
    if (!a) throw new Error('demo action missing');
    const r = applyEdit(a, { status: 'in_progress' }, { aadObjectId: 'a0000004-0000-4000-8000-000000000004', name: 'Jo Whitfield', role: 'officer' }, new Date('2021-09-02T10:00:00Z'), 'cli');
    if (!r.ok) throw new Error(r.message);
    await repo.save(r.next, a.version, r.history);
    const { out } = await run(store, ['export', 'actions', '--format', 'csv', '--since', '2021-09-01']);
    expect(out).toContain('2021-09-02 10:00,CSP-2021-13,Status: Not started → In progress,,Jo Whitfield,cli');
  });

  test('a bad format or date is refused with a clear message', async () => {
    await expect(run(get(), ['export', 'actions', '--format', 'xlsx'])).rejects.toThrow('--format must be csv or md');
    await expect(run(get(), ['export', 'actions', '--format', 'csv', '--since', '2021-02-30'])).rejects.toThrow('--since must be a real date');
  });

  test('csp actions list --overdue', async () => {
    const { out } = await run(get(), ['actions', 'list', '--overdue']);
    expect(out.split('\n')).toHaveLength(1);
    expect(out).toContain('CSP-2021-04');
    expect(out).toContain('Red – off track');
  });
});
