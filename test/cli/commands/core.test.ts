import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { storeDeps, type CliRuntime } from '../../../src/cli/runtime';
import { bootstrap } from '../../../src/main';
import { loadConfig } from '../../../src/core/config';
import { createLogger } from '../../../src/core/log';
import { FakeClock } from '../../../src/core/clock';
import { openStore } from '../../../src/store/db';
import { RoleRepo } from '../../../src/store/roleRepo';

describe('csp db, roles and ask', () => {
  let dir: string;
  let db: string;
  let out: string[];
  let err: string[];
  const runtime: CliRuntime = {
    open: ({ db: url }) => bootstrap(loadConfig({ LOG_LEVEL: 'silent' }), { databaseUrl: url, clock: new FakeClock('2021-08-16T09:00:00Z'), log: createLogger('silent') }),
    openStore: async ({ db: url }) => storeDeps(loadConfig({ LOG_LEVEL: 'silent' }), { databaseUrl: url, clock: new FakeClock('2021-08-16T09:00:00Z'), log: createLogger('silent') }),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    interactive: false,
    confirm: async () => false,
  };
  const csp = (...args: string[]) => runCli([...args, '--db', db], runtime);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-cli-'));
    db = `sqlite:${join(dir, 'csp.sqlite')}`;
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('db migrate on a new store says it is up to date (start-up migrates too)', async () => {
    expect(await csp('db', 'migrate')).toBe(0);
    expect(out.join('\n')).toMatch(/up to date|Applied/);
  });

  test('roles grant, list and revoke, by AAD object id', async () => {
    const id = 'a0000009-0000-4000-8000-000000000009';
    expect(await csp('roles', 'grant', id, 'officer', '--name', 'Jo')).toBe(0);
    out = [];
    expect(await csp('roles', 'list')).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`officer\\s+${id}\\s+Jo`));
    expect(await csp('roles', 'revoke', id)).toBe(0);
    out = [];
    await csp('roles', 'list');
    expect(out.join('\n')).toContain('everyone is a member');
  });

  test('a role that does not exist or an id that is not a GUID is refused with exit code 2', async () => {
    expect(await csp('roles', 'grant', 'a0000009-0000-4000-8000-000000000009', 'chief')).toBe(2);
    expect(err.join('\n')).toContain('is not a role');
    expect(await csp('roles', 'grant', 'jo@example.gov.uk', 'officer')).toBe(2);
    expect(err.join('\n')).toContain('not an AAD object id');
  });

  test('ask --json prints one Answer object as the DESIGN defines it; ask alone prints its text', async () => {
    await csp('db', 'seed-demo');
    out = [];
    expect(await csp('ask', '--json', 'ASB trend in Rother ward')).toBe(0);
    const answer = JSON.parse(out.join('\n'));
    expect(answer).toMatchObject({
      intent: 'crime.trend',
      area: { code: 'E05003337', name: 'Rother', type: 'ward' },
      category: { slug: 'anti-social-behaviour' },
      period: { from: '2020-02', to: '2021-01' },
      previousPeriod: { from: '2019-02', to: '2020-01' },
    });
    expect(answer.series).toHaveLength(24);
    out = [];
    await csp('ask', 'ASB trend in Rother ward');
    expect(out.join('\n')).toBe(answer.text);
  }, 60_000);

  test('whoami from the shell answers as a member unless told who with --as', async () => {
    out = [];
    await csp('ask', 'whoami');
    expect(out.join('\n')).toContain('member');
  });
});

describe('csp db backup', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const runtime: CliRuntime = {
    open: () => Promise.reject(new Error('a backup needs no area pack')),
    openStore: async ({ db }) => storeDeps(loadConfig({ LOG_LEVEL: 'silent' }), { databaseUrl: db, clock: new FakeClock('2021-08-16T09:00:00Z'), log: createLogger('silent') }),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    interactive: false,
    confirm: async () => false,
  };
  const ID = 'a0000009-0000-4000-8000-000000000009';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-backup-'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('copies a SQLite store while it is open and in use; the copy opens as a store with the same data', async () => {
    const live = `sqlite:${join(dir, 'csp.sqlite')}`;
    expect(await runCli(['roles', 'grant', ID, 'coordinator', '--name', 'Alex', '--db', live], runtime)).toBe(0);
    // The bot holds the store open (WAL mode) while the backup runs.
    const running = openStore(live);
    try {
      await new RoleRepo(running).grant('a0000010-0000-4000-8000-000000000010', 'officer', 'test', new Date('2021-08-16T09:00:00Z'));
      const file = join(dir, 'backups', 'csp-2021-08-16.sqlite');
      expect(await runCli(['db', 'backup', file, '--db', live], runtime)).toBe(0);
      expect(out.join('\n')).toMatch(/^Backed up the store to .*csp-2021-08-16\.sqlite \(\d+\.\d MB\)/m);
      expect(existsSync(`${file}.partial`)).toBe(false);
      const copy = openStore(`sqlite:${file}`);
      try {
        expect((await new RoleRepo(copy).list()).map((g) => [g.aadObjectId, g.role])).toEqual(
          expect.arrayContaining([[ID, 'coordinator'], ['a0000010-0000-4000-8000-000000000010', 'officer']]),
        );
      } finally {
        await copy.close();
      }
    } finally {
      await running.close();
    }
  });

  test('never overwrites an earlier backup or the store itself unless told to', async () => {
    const path = join(dir, 'csp.sqlite');
    const live = `sqlite:${path}`;
    expect(await runCli(['db', 'migrate', '--db', live], runtime)).toBe(0);
    const file = join(dir, 'old-backup.sqlite');
    writeFileSync(file, 'an earlier backup');
    expect(await runCli(['db', 'backup', file, '--db', live], runtime)).toBe(2);
    expect(err.join('\n')).toContain('already exists; choose a new name or give --overwrite');
    expect(readFileSync(file, 'utf8')).toBe('an earlier backup');
    expect(await runCli(['db', 'backup', path, '--overwrite', '--db', live], runtime)).toBe(2);
    expect(err.join('\n')).toContain('is the store itself');
    expect(await runCli(['db', 'backup', file, '--overwrite', '--db', live], runtime)).toBe(0);
    expect(readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  test('refuses a PostgreSQL store and points to pg_dump, without touching the database', async () => {
    // Nothing listens on port 1: the refusal comes before any connection.
    expect(await runCli(['db', 'backup', join(dir, 'x.sqlite'), '--db', 'postgres://nobody@127.0.0.1:1/none'], runtime)).toBe(2);
    expect(err.join('\n')).toMatch(/SQLite stores only.*\n.*pg_dump --format=custom/);
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
  });
});
