/**
 * `npm run bench:remind`: 10,000 due reminders to 1,000 conversations.
 *  1. The scheduler's own overhead per reminder (plan, claim, resolve, card, record) with a sender
 *     that costs nothing: SQLite with one instance, PostgreSQL with three.
 *  2. Delivery through botbuilder and a fake Teams connector on 127.0.0.1: the rate achieved
 *     against the configured limits (per conversation 7/s and 60/30 s, and the global cap), and
 *     duplicates (there must be none).
 * PostgreSQL runs when CSP_TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set.
 * BENCH_GLOBAL_PER_SECOND sets the global cap (default 500; Teams allows about 50 per app and tenant).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { FakeClock } from '../src/core/clock';
import { ReminderScheduler, RunSummary } from '../src/features/followups/scheduler';
import { BotProactiveSender } from '../src/teams/proactiveSender';
import { DEFAULT_DIGEST } from '../src/features/followups/digest';
import type { ProactiveSender } from '../src/features/followups/sender';
import { ConversationRepo } from '../src/store/conversationRepo';
import { migrate, openStore, Store } from '../src/store/db';
import { FollowUpRepo } from '../src/store/followUpRepo';
import { ReminderRepo } from '../src/store/reminderRepo';
import { FakeConnector, fakeReference } from '../test/support/fakeConnector';
import { followupDeps } from '../test/support/followupFixtures';
import { CHESTERFIELD } from '../test/support/partnership';

const CONVERSATIONS = 1_000;
const ITEMS = 10;
const NOW = '2021-09-01T08:00:00.000Z';
const GLOBAL_PER_SECOND = Number(process.env.BENCH_GLOBAL_PER_SECOND ?? 500);
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.CSP_TEST_DATABASE_URL;
const quiet = { digest: { ...DEFAULT_DIGEST, enabled: false } };

interface Db {
  label: string;
  open(): Store;
  drop(): Promise<void>;
}

function sqliteDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'csp-bench-'));
  const url = `sqlite:${join(dir, 'bench.sqlite')}`;
  return { label: 'SQLite', open: () => openStore(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresDb(url: string): Promise<Db> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
  return {
    label: 'PostgreSQL',
    open: () => openStore(url, { schema }),
    async drop() {
      const d = new Client({ connectionString: url });
      await d.connect();
      await d.query(`drop schema ${schema} cascade`);
      await d.end();
    },
  };
}

/** 1,000 people with a chat each, and 10 follow-ups due now that remind all of them: 10,000 deliveries. */
async function seed(store: Store, serviceUrl: string, conversationCount = CONVERSATIONS, items = ITEMS): Promise<void> {
  const created = new Date('2021-08-31T12:00:00Z');
  const conversations = new ConversationRepo(store);
  {
    for (let u = 0; u < conversationCount; u++) {
      await conversations.upsertActive(
        {
          tenantId: 'tenant-1',
          conversationId: `a:user-${u}`,
          conversationType: 'personal',
          serviceUrl,
          teamId: null,
          channelId: null,
          userAadObjectId: `user-${u}`,
          reference: fakeReference(serviceUrl, `a:user-${u}`),
        },
        created,
      );
    }
  }
  const repo = new FollowUpRepo(store, CHESTERFIELD);
  for (let i = 0; i < items; i++) {
    await repo.create(
      {
        title: `Bench follow-up ${i}`,
        dueDate: '2021-09-01',
        duePrecision: 'day',
        source: { kind: 'manual', meetingDate: null, meetingTitle: null, minuteRef: null, text: null },
        // Only the on-the-day reminder, so every delivery is due at NOW.
        schedule: { daysBefore: [], onTheDay: true, overdueEveryDays: 0 },
        recipients: Array.from({ length: conversationCount }, (_, u) => ({ kind: 'user' as const, target: `user-${u}`, label: null, role: 'owner' as const })),
      },
      created,
      'bench',
      'cli',
    );
  }
}

const nullSender: ProactiveSender = { send: async () => ({ status: 'sent', httpStatus: 200 }) };

function total(runs: RunSummary[]): { sent: number } {
  return { sent: runs.reduce((n, r) => n + r.sent, 0) };
}

async function overhead(db: Db, instances: number): Promise<void> {
  const stores = Array.from({ length: instances }, () => db.open());
  try {
    await migrate(stores[0]);
    await seed(stores[0], 'http://127.0.0.1:9/');
    const clock = new FakeClock(NOW);
    const schedulers = stores.map((s, i) => new ReminderScheduler(followupDeps(s, clock), nullSender, { ...quiet, instanceId: `bench-${i}`, batchSize: 500 }));
    let t = process.hrtime.bigint();
    await schedulers[0].plan(clock.now());
    const planMs = Number(process.hrtime.bigint() - t) / 1e6;
    t = process.hrtime.bigint();
    const runs = await Promise.all(schedulers.map((s) => s.runDue()));
    const runMs = Number(process.hrtime.bigint() - t) / 1e6;
    const { sent } = total(runs);
    console.log(
      `${db.label}, ${instances} instance${instances === 1 ? '' : 's'}: planned ${ITEMS * CONVERSATIONS} in ${planMs.toFixed(0)} ms; ` +
        `claimed and sent ${sent} in ${runMs.toFixed(0)} ms → scheduler overhead ${(runMs / sent).toFixed(3)} ms per reminder ` +
        `(${((planMs + runMs) / sent).toFixed(3)} ms with planning)${runMs / sent < 1 ? '' : '  ← over the 1 ms budget'}`,
    );
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
}

/** Largest number of calls in any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < t.length; i++) {
    while (t[i] - t[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function delivery(db: Db, instances: number, cap = GLOBAL_PER_SECOND, conversationCount = CONVERSATIONS, items = ITEMS): Promise<void> {
  const fake = new FakeConnector();
  const serviceUrl = await fake.start();
  const stores = Array.from({ length: instances }, () => db.open());
  const senders: BotProactiveSender[] = [];
  try {
    await migrate(stores[0]);
    await seed(stores[0], serviceUrl, conversationCount, items);
    const clock = new FakeClock(NOW);
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' }));
    // The global cap is shared out between instances, as a deployment would configure it.
    const perInstance = Math.floor(cap / instances);
    const schedulers = stores.map((s, i) => {
      const sender = new BotProactiveSender(adapter, '', new ConversationRepo(s), clock, { globalPerSecond: perInstance });
      senders.push(sender);
      return new ReminderScheduler(followupDeps(s, clock), sender, { ...quiet, instanceId: `bench-${i}`, batchSize: 500, concurrency: 128 });
    });
    await schedulers[0].plan(clock.now());
    const t0 = Date.now();
    const runs = await Promise.all(schedulers.map((s) => s.runDue()));
    const seconds = (Date.now() - t0) / 1000;
    const delivered = fake.delivered();
    // A reminder is one card whose summary names it (the notification text), not a text message.
    const keys = delivered.map((c) => `${c.conversationId}|${String(c.activity.summary ?? c.activity.text)}`);
    const duplicates = keys.length - new Set(keys).size;
    const byConversation = new Map<string, number[]>();
    for (const c of delivered) byConversation.set(c.conversationId, [...(byConversation.get(c.conversationId) ?? []), c.at]);
    let worst1s = 0;
    let worst30s = 0;
    for (const times of byConversation.values()) {
      worst1s = Math.max(worst1s, maxInWindow(times, 1000));
      worst30s = Math.max(worst30s, maxInWindow(times, 30_000));
    }
    const globalWorst = maxInWindow(
      delivered.map((c) => c.at),
      1000,
    );
    const states = await new ReminderRepo(stores[0]).countByState();
    console.log(
      `${db.label}, ${instances} instance${instances === 1 ? '' : 's'}, through the fake connector: ${delivered.length} delivered to ${byConversation.size} conversations in ${seconds.toFixed(1)} s ` +
        `= ${(delivered.length / seconds).toFixed(0)}/s on average, against a global cap of ${cap}/s (busiest second: ${globalWorst}); ` +
        `busiest conversation: ${worst1s} in 1 s (limit 7), ${worst30s} in 30 s (limit 60); duplicates: ${duplicates}; ` +
        `store: ${JSON.stringify(states)}; sent per instance: ${runs.map((r) => r.sent).join(', ')}`,
    );
  } finally {
    for (const s of senders) await s.stop();
    await Promise.all(stores.map((s) => s.close()));
    await fake.stop();
  }
}

async function main(): Promise<void> {
  console.log(`bench:remind — ${ITEMS * CONVERSATIONS} due reminders to ${CONVERSATIONS} conversations`);
  for (const [makeDb, instances] of [[async () => sqliteDb(), 1] as const, ...(pgUrl ? [[() => postgresDb(pgUrl), 3] as const] : [])]) {
    let db = await makeDb();
    try {
      await overhead(db, instances);
    } finally {
      await db.drop();
    }
    db = await makeDb();
    try {
      await delivery(db, instances);
    } finally {
      await db.drop();
    }
  }
  // A cap low enough to bind on any machine (Teams' own figure per app and tenant): the rate must meet it, not pass it.
  const db = sqliteDb();
  try {
    await delivery(db, 1, 50, 100, 10);
  } finally {
    await db.drop();
  }
  if (!pgUrl) console.log('PostgreSQL with three instances: skipped (set CSP_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
