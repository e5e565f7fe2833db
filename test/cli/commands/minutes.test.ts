import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { bootstrap } from '../../../src/main';
import { FakeClock } from '../../../src/core/clock';
import { loadConfig } from '../../../src/core/config';
import { register } from '../../../src/cli/commands/minutes';
import { storeDeps, type CliRuntime } from '../../../src/cli/runtime';
import { seedDemoActions } from '../../../src/demo/actionPlan';
import { seedDemoCrime } from '../../../src/demo/seedCrime';
import { migrate, openStore } from '../../../src/store/db';
import { FollowUpRepo } from '../../../src/store/followUpRepo';
import { MinutesRepo } from '../../../src/store/minutesRepo';
import { itWithSeed, minutesSeed } from '../../support/minutesSeed';
import { CHESTERFIELD } from '../../support/partnership';


interface Run {
  out: string[];
  err: string[];
  asked: string[];
  error?: Error;
}

let dir: string;
let dbUrl: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'csp-minutes-cli-'));
  dbUrl = `sqlite:${join(dir, 'csp.sqlite')}`;
  const store = openStore(dbUrl);
  await migrate(store);
  await seedDemoActions(store, new FakeClock('2021-03-20T09:00:00Z'));
  await store.close();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function csp(args: string[], answer = false): Promise<Run> {
  const run: Run = { out: [], err: [], asked: [] };
  const runtime: CliRuntime = {
    open: ({ db }) => bootstrap(loadConfig({}), { databaseUrl: db, clock: new FakeClock('2021-03-20T09:00:00Z'), log: pino({ level: 'silent' }) }),
    openStore: async ({ db }) => storeDeps(loadConfig({}), { databaseUrl: db, clock: new FakeClock('2021-03-20T09:00:00Z'), log: pino({ level: 'silent' }) }),
    out: (l) => run.out.push(l),
    err: (l) => run.err.push(l),
    interactive: false,
    confirm: async (q) => {
      run.asked.push(q);
      return answer;
    },
  };
  const program = new Command('csp').exitOverride();
  register(program, runtime);
  try {
    await program.parseAsync([...args, '--db', dbUrl], { from: 'user' });
  } catch (err) {
    run.error = err as Error;
  }
  return run;
}

async function stored(): Promise<{ documents: number; followUps: number; links: number }> {
  const store = openStore(dbUrl);
  try {
    const c = await new MinutesRepo(store, CHESTERFIELD).counts();
    return { documents: c.documents, followUps: (await new FollowUpRepo(store, CHESTERFIELD).list()).length, links: c.links };
  } finally {
    await store.close();
  }
}

function seedFile(text = minutesSeed(), name = 'minutes.txt'): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('csp import minutes', () => {
  itWithSeed('--dry-run --json prints exactly one JSON object of what was found and writes nothing', async () => {
    const run = await csp(['import', 'minutes', seedFile(), '--meeting-date', '2021-03-16', '--dry-run', '--json']);
    expect(run.error).toBeUndefined();
    const printed = run.out.join('\n');
    const json = JSON.parse(printed);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['meeting', 'resolutions', 'followUps', 'activities', 'figures', 'wards']));
    expect(json.meeting.date).toBe('2021-03-16');
    expect(json.resolutions.map((r: { number: number }) => r.number)).toEqual([1, 2]);
    expect(json.followUps).toHaveLength(3);
    expect(json.followUps.filter((f: { due: string | null }) => f.due === null)).toHaveLength(1);
    for (const f of json.followUps) {
      // A request the minutes give no date for has none ("no date given"), never an invented one.
      if (f.due === null) expect(f.dueText).toBe('no date given');
      else expect(f.due).toMatch(f.precision === 'month' ? /^\d{4}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}$/);
      expect(typeof f.source.paragraph).toBe('number');
      expect(f.source.text.length).toBeGreaterThan(20);
    }
    expect(json.activities.filter((a: { matchedActionId: string | null }) => a.matchedActionId).length).toBeGreaterThanOrEqual(6);
    expect(json.figures).toEqual([expect.objectContaining({ value: -6.2, unit: '%', period: { from: '2020-02', to: '2021-01' } })]);
    expect(json.wards.map((w: { name: string }) => w.name).sort()).toEqual(['Middlecroft and Poolsbrook', 'Rother', 'Staveley']);
    expect(run.asked).toEqual([]);
    expect(await stored()).toEqual({ documents: 0, followUps: 0, links: 0 });
  });

  itWithSeed('prints what it found and asks before writing; a "no" writes nothing', async () => {
    const run = await csp(['import', 'minutes', seedFile(), '--meeting-date', '2021-03-16'], false);
    expect(run.out.join('\n')).toMatch(/Resolutions:[\s\S]*Follow-ups to create:[\s\S]*Action-plan activities named:/);
    expect(run.asked).toEqual([expect.stringMatching(/^Create 3 follow-ups and \d+ links/)]);
    expect(run.err.join('\n')).toMatch(/Nothing was written/);
    expect(await stored()).toEqual({ documents: 0, followUps: 0, links: 0 });
  });

  itWithSeed('creates on "yes", and importing the same file again creates nothing new', async () => {
    const first = await csp(['import', 'minutes', seedFile(), '--meeting-date', '2021-03-16'], true);
    expect(first.out.join('\n')).toMatch(/3 follow-ups created/);
    const after = await stored();
    expect(after.followUps).toBe(3);
    const second = await csp(['import', 'minutes', seedFile(), '--meeting-date', '2021-03-16', '--yes']);
    expect(second.asked).toEqual([]);
    expect(second.out.join('\n')).toMatch(/imported before[\s\S]*0 follow-ups created, 3 already there/);
    expect(await stored()).toEqual(after);
  });

  itWithSeed('reads the meeting date from the minutes when they give it', async () => {
    const run = await csp(['import', 'minutes', seedFile(`Meeting held on 16 March 2021\n\n${minutesSeed()}`), '--dry-run', '--json']);
    expect(JSON.parse(run.out.join('\n')).meeting.date).toBe('2021-03-16');
  });

  it('refuses a file over 5 MB with a clear message, writing nothing', async () => {
    const path = join(dir, 'huge.txt');
    writeFileSync(path, Buffer.alloc(5 * 1024 * 1024 + 1, 'x'));
    const run = await csp(['import', 'minutes', path, '--yes']);
    expect(run.error?.message).toMatch(/huge\.txt is 5\.0 MB, over the 5 MB limit for minutes/);
    expect(await stored()).toEqual({ documents: 0, followUps: 0, links: 0 });
  });

  it('says that text which is not minutes gives nothing, and writes nothing', async () => {
    const path = seedFile('Dear all, the office will be closed on Monday for the bank holiday.', 'note.txt');
    const dry = await csp(['import', 'minutes', path, '--dry-run', '--json']);
    expect(JSON.parse(dry.out.join('\n'))).toMatchObject({ isMinutes: false, resolutions: [], followUps: [], activities: [], figures: [], wards: [] });
    const run = await csp(['import', 'minutes', path, '--yes']);
    expect(run.error?.message).toMatch(/does not read as committee minutes/);
    expect(await stored()).toEqual({ documents: 0, followUps: 0, links: 0 });
  });

  it('rejects a meeting date that is not YYYY-MM-DD, and a missing file', async () => {
    expect((await csp(['import', 'minutes', seedFile('x'), '--meeting-date', '16/03/2021'])).error?.message).toMatch(/--meeting-date must be a date YYYY-MM-DD/);
    expect((await csp(['import', 'minutes', join(dir, 'missing.txt')])).error?.message).toMatch(/no such file/);
  });
});

describe('csp report progress', () => {
  beforeEach(async () => {
    const store = openStore(dbUrl);
    await seedDemoCrime(store, new FakeClock('2021-03-20T09:00:00Z'));
    await store.close();
  });

  it('prints the Markdown draft, with the action plan and the crime tables', async () => {
    const run = await csp(['report', 'progress', '--period', '2020-02..2021-01']);
    expect(run.error).toBeUndefined();
    const md = run.out.join('\n');
    expect(md).toMatch(/^# Chesterfield Community Safety Partnership – progress report/);
    expect(md).toContain('## Action plan progress');
    expect(md).toContain('| Category | Unit | Feb 2019 – Jan 2020 | Feb 2020 – Jan 2021 | Change | Change % |');
  });

  it('writes HTML, Word, and Markdown with its chart files, to the file named', async () => {
    expect((await csp(['report', 'progress', '--period', '2020-02..2021-01', '--format', 'html', '--out', join(dir, 'r.html')])).error).toBeUndefined();
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const docx = await csp(['report', 'progress', '--format', 'docx', '--out', join(dir, 'r.docx')]);
    expect(docx.err.join('\n')).toMatch(/Wrote .*r\.docx/);
    expect(readFileSync(join(dir, 'r.docx')).subarray(0, 2).toString()).toBe('PK');
    await csp(['report', 'progress', '--out', join(dir, 'r.md')]);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('](r-chart-monthly.svg)');
    expect(readFileSync(join(dir, 'r-chart-monthly.svg'), 'utf8')).toMatch(/^<svg /);
  });

  it('refuses a bad period or format with a clear message', async () => {
    expect((await csp(['report', 'progress', '--period', '2021'])).error?.message).toMatch(/--period must be two months YYYY-MM..YYYY-MM/);
    expect((await csp(['report', 'progress', '--format', 'pdf'])).error?.message).toMatch(/--format must be md, html or docx/);
  });
});
