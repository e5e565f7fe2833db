import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { FakeClock } from '../../../src/core/clock';
import { ReminderScheduler, SchedulerOptions } from '../../../src/features/followups/scheduler';
import { DEFAULT_DIGEST } from '../../../src/features/followups/digest';
import { migrate, openStore, Store } from '../../../src/store/db';
import { FollowUpRepo } from '../../../src/store/followUpRepo';
import { ReminderRepo } from '../../../src/store/reminderRepo';
import { addPersonalChat, followupDeps, RecordingSender } from '../../support/followupFixtures';
import { CHESTERFIELD } from '../../support/partnership';

const pgUrl = process.env.CSP_TEST_DATABASE_URL;
const NOW = '2021-09-01T08:00:00.000Z';
const quiet: Partial<SchedulerOptions> = { digest: { ...DEFAULT_DIGEST, enabled: false } };

/** `items` follow-ups due on 1 September 2021, each reminding `perItem` people who each have a chat. */
async function seedDue(store: Store, items: number, perItem: number): Promise<void> {
  const created = new Date('2021-08-31T12:00:00Z');
  const repo = new FollowUpRepo(store, CHESTERFIELD);
  for (let u = 0; u < perItem; u++) await addPersonalChat(store, `user-${u}`, `a:user-${u}`, created);
  for (let i = 0; i < items; i++) {
    await repo.create(
      {
        title: `Follow-up ${i}`,
        dueDate: '2021-09-01',
        duePrecision: 'day',
        source: { kind: 'manual', meetingDate: null, meetingTitle: null, minuteRef: null, text: null },
        recipients: Array.from({ length: perItem }, (_, u) => ({ kind: 'user' as const, target: `user-${u}`, label: null, role: 'owner' as const })),
      },
      created,
      'test',
      'cli',
    );
  }
}

/** A sender that yields before answering, so concurrent instances interleave. */
class SlowRecordingSender extends RecordingSender {
  override async send(conversationKey: string, message: Parameters<RecordingSender['send']>[1]) {
    await new Promise((resolve) => setImmediate(resolve));
    return super.send(conversationKey, message);
  }
}

interface SharedDb {
  url: string;
  schema?: string;
  open(): Store;
  drop(): Promise<void>;
}

async function postgresSchema(url: string): Promise<SharedDb> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    url,
    schema,
    open: () => openStore(url, { schema }),
    async drop() {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

function sqliteFile(): SharedDb {
  const dir = mkdtempSync(join(tmpdir(), 'csp-crash-'));
  const url = `sqlite:${join(dir, 'test.sqlite')}`;
  return { url, open: () => openStore(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

if (!pgUrl) {
  console.log('CSP_TEST_DATABASE_URL is not set: the three-instance exactly-once test on PostgreSQL is skipped.');
}

(pgUrl ? describe : describe.skip)('three scheduler instances on one PostgreSQL', () => {
  it('deliver 1,000 due reminders exactly once between them', async () => {
    const db = await postgresSchema(pgUrl as string);
    const stores = [db.open(), db.open(), db.open()];
    try {
      await migrate(stores[0]);
      await seedDue(stores[0], 100, 10);
      const clock = new FakeClock(NOW);
      const senders = stores.map(() => new SlowRecordingSender());
      const schedulers = stores.map(
        (s, i) => new ReminderScheduler(followupDeps(s, clock), senders[i], { ...quiet, instanceId: `instance-${i}`, batchSize: 40, concurrency: 8 }),
      );
      const runs = await Promise.all(schedulers.map((s) => s.runDue()));
      const all = senders.flatMap((s) => s.sent.map((m) => `${m.conversationKey}|${m.heading}`));
      expect(all).toHaveLength(1000);
      expect(new Set(all).size).toBe(1000);
      expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1000);
      expect(runs.filter((r) => r.sent > 0).length).toBeGreaterThan(1);
      expect(await new ReminderRepo(stores[0]).countByState()).toEqual({ sent: 1000 });
      // A second round finds nothing left to send.
      await Promise.all(schedulers.map((s) => s.runDue()));
      expect(senders.reduce((n, s) => n + s.sent.length, 0)).toBe(1000);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await db.drop();
    }
  });
});

const crashCases: [string, () => Promise<SharedDb>][] = [['sqlite', async () => sqliteFile()]];
if (pgUrl) crashCases.push(['postgres', () => postgresSchema(pgUrl)]);

describe.each(crashCases)('a scheduler killed mid-send [%s]', (_name, makeDb) => {
  it('loses no reminder; another instance sends each after the lease runs out, and flags only the sends in flight as possibly duplicated', async () => {
    const db = await makeDb();
    const store = db.open();
    try {
      await migrate(store);
      await seedDue(store, 1, 5);
      const leaseMs = 5 * 60_000;
      const child = fork(join(__dirname, '../../support/crashingScheduler.ts'), [], {
        execArgv: ['-r', join(__dirname, '../../support/tsRequire.js')],
        env: { ...process.env, CRASH_DB_URL: db.url, CRASH_DB_SCHEMA: db.schema ?? '', CRASH_NOW: NOW, CRASH_LEASE_MS: String(leaseMs) },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (code) => reject(new Error(`child exited (${code}) before sending`)));
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const repo = new ReminderRepo(store);
      // Each send in flight was recorded before it began; the others were still only claimed.
      const held = await repo.list();
      expect(held.every((r) => r.state === 'claimed' || r.state === 'sending')).toBe(true);
      const inFlight = held.filter((r) => r.state === 'sending').map((r) => r.id);
      expect(inFlight.length).toBeGreaterThanOrEqual(1);

      const clock = new FakeClock(NOW);
      const sender = new RecordingSender();
      const survivor = new ReminderScheduler(followupDeps(store, clock), sender, { ...quiet, instanceId: 'survivor' });
      await survivor.runDue();
      expect(sender.sent).toHaveLength(0); // the dead instance's lease still holds

      clock.advance(leaseMs + 1_000);
      await survivor.runDue();
      await survivor.runDue();
      expect(sender.sent.map((s) => s.conversationKey).sort()).toEqual(Array.from({ length: 5 }, (_, u) => `tenant-1|a:user-${u}`).sort());
      expect(await repo.countByState()).toEqual({ sent: 5 });
      const rows = await repo.list();
      expect(rows.every((r) => r.attempts === 2 && r.claimedBy === 'survivor')).toBe(true);
      const flagged = rows.filter((r) => r.possiblyDuplicated);
      expect(flagged.map((r) => r.id).sort()).toEqual(inFlight.sort());
      for (const r of flagged) expect((await repo.attemptsFor(r.id)).map((a) => a.status)).toEqual(['possibly-duplicated', 'sent']);
      for (const r of rows.filter((x) => !x.possiblyDuplicated)) expect((await repo.attemptsFor(r.id)).map((a) => a.status)).toEqual(['sent']);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
