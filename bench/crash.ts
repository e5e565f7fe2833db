/**
 * `npm run bench:crash`: three scheduler instances, each its own process, share one PostgreSQL
 * store and 2,000 due reminders. Once the first has delivered a few hundred, it is killed with
 * SIGKILL in the middle of its sends. Printed: reminders lost (never delivered), delivered twice
 * (bounded by the sends in flight at the kill), and how long the survivors took to take over the
 * dead instance's claims (bounded by the lease). Deliveries are counted where they arrive: a fake
 * Teams connector in this process on 127.0.0.1, which answers each after a short delay, so sends
 * are in flight when the kill comes.
 * Needs CSP_TEST_DATABASE_URL (or BENCH_DATABASE_URL).
 */
import { fork, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Client } from 'pg';
import { migrate, openStore, Store } from '../src/store/db';
import { FollowUpRepo } from '../src/store/followUpRepo';
import { addPersonalChat } from '../test/support/followupFixtures';
import { CHESTERFIELD } from '../test/support/partnership';

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.CSP_TEST_DATABASE_URL;
const NOW = '2021-09-01T08:00:00.000Z';
const USERS = 10;
const ITEMS = 200;
const LEASE_MS = Number(process.env.BENCH_LEASE_MS ?? 30_000);
const KILL_AFTER = 250;
const SEND_DELAY_MS = 40;
const PORT = Number(process.env.BENCH_CRASH_PORT ?? 4151);

async function seed(store: Store): Promise<void> {
  const created = new Date('2021-08-31T12:00:00Z');
  for (let u = 0; u < USERS; u++) await addPersonalChat(store, `user-${u}`, `a:user-${u}`, created);
  const repo = new FollowUpRepo(store, CHESTERFIELD);
  for (let i = 0; i < ITEMS; i++) {
    await repo.create(
      {
        title: `Follow-up ${i}`,
        dueDate: '2021-09-01',
        duePrecision: 'day',
        source: { kind: 'manual', meetingDate: null, meetingTitle: null, minuteRef: null, text: null },
        recipients: Array.from({ length: USERS }, (_, u) => ({ kind: 'user' as const, target: `user-${u}`, label: null, role: 'owner' as const })),
      },
      created,
      'bench',
      'cli',
    );
  }
}

async function main(): Promise<void> {
  if (!pgUrl) {
    console.log('bench:crash needs PostgreSQL: set CSP_TEST_DATABASE_URL (or BENCH_DATABASE_URL).');
    return;
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = openStore(pgUrl, { schema });
  const workers: ChildProcess[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const m = JSON.parse(body) as { instance: string; conversationKey: string; text: string };
      const key = `${m.conversationKey}|${m.text}`;
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
      byInstance.set(m.instance, (byInstance.get(m.instance) ?? 0) + 1);
      if (m.instance === 'instance-0' && byInstance.get('instance-0') === KILL_AFTER) killFirst();
      setTimeout(() => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"1"}'), SEND_DELAY_MS);
    });
  });
  const deliveries = new Map<string, number>();
  const byInstance = new Map<string, number>();
  let killedAt = 0;
  let killFirst = () => undefined as void;
  try {
    await migrate(store);
    await seed(store);
    await new Promise<void>((r) => server.listen(PORT, '127.0.0.1', () => r()));
    const connector = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
    const held = async (instance: string) => {
      const r = await rows<{ state: string; n: number }>(store, sql`select state, count(*)::int as n from reminder where claimed_by = ${instance} and state in ('claimed', 'sending') group by state`);
      return Object.fromEntries(r.map((x) => [x.state, Number(x.n)]));
    };
    let heldAtKill: Record<string, number> = {};
    const killed = new Promise<void>((resolve) => {
      killFirst = () => {
        workers[0].kill('SIGKILL');
        killedAt = Date.now();
        void held('instance-0').then((h) => {
          heldAtKill = h;
          resolve();
        });
      };
    });
    for (let i = 0; i < 3; i++) {
      const child = fork(join(__dirname, 'crashWorker.ts'), [], {
        execArgv: ['-r', join(__dirname, '../test/support/tsRequire.js')],
        env: { ...process.env, CRASH_INSTANCE: `instance-${i}`, CRASH_CONNECTOR: connector, CRASH_DB_URL: pgUrl, CRASH_DB_SCHEMA: schema, CRASH_NOW: NOW, CRASH_LEASE_MS: String(LEASE_MS) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      workers.push(child);
    }
    console.log(`3 instances, ${USERS * ITEMS} due reminders, lease ${LEASE_MS / 1000} s; instance-0 is killed with SIGKILL after its ${KILL_AFTER}th delivery.`);
    await killed;
    // Takeover: until no row is held by the dead instance any more.
    let takeoverMs = NaN;
    for (const deadline = Date.now() + 5 * LEASE_MS; Date.now() < deadline; ) {
      const h = await held('instance-0');
      if (Object.keys(h).length === 0) {
        takeoverMs = Date.now() - killedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // Then until nothing is left to send.
    for (const deadline = Date.now() + 5 * LEASE_MS; Date.now() < deadline; ) {
      const left = await rows<{ n: number }>(store, sql`select count(*)::int as n from reminder where state <> 'sent'`);
      if (Number(left[0].n) === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const states = await rows<{ state: string; possibly_duplicated: number; n: number }>(store, sql`select state, possibly_duplicated, count(*)::int as n from reminder group by state, possibly_duplicated order by state`);
    const total = USERS * ITEMS;
    const expected = Array.from({ length: ITEMS }, (_, i) => Array.from({ length: USERS }, (_, u) => `tenant-1|a:user-${u}|Reminder: Follow-up ${i}`)).flat();
    const lost = expected.filter((k) => !deliveries.has(k)).length;
    const duplicated = [...deliveries.values()].filter((n) => n > 1).length;
    const flagged = states.filter((r) => Number(r.possibly_duplicated) === 1).reduce((n, r) => n + Number(r.n), 0);
    console.log(`held by instance-0 when killed: ${JSON.stringify(heldAtKill)} (sends in flight: ${heldAtKill.sending ?? 0})`);
    console.log(`deliveries by instance: ${JSON.stringify(Object.fromEntries([...byInstance].sort()))}`);
    console.log(`reminder states: ${states.map((r) => `${r.state}${Number(r.possibly_duplicated) ? ' (possibly duplicated)' : ''}: ${r.n}`).join(', ')}`);
    console.log(`lost: ${lost} of ${total}`);
    console.log(`duplicated: ${duplicated} of ${total} (flagged possibly duplicated: ${flagged}; bound: the ${heldAtKill.sending ?? 0} in flight)`);
    console.log(`takeover: ${Number.isNaN(takeoverMs) ? 'not within 5 leases' : `${(takeoverMs / 1000).toFixed(1)} s`} after the kill (lease ${LEASE_MS / 1000} s; ratio ${(takeoverMs / LEASE_MS).toFixed(2)})`);
  } finally {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.send({ stop: true });
    await Promise.all(workers.map((w) => (w.exitCode !== null || w.signalCode !== null ? undefined : new Promise((r) => w.once('exit', r)))));
    server.close();
    await store.close();
    const c = new Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop schema ${schema} cascade`);
    await c.end();
  }
}

/** Counting queries against the bench's schema (the store's repositories do the work being measured). */
async function rows<T>(store: Store, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await query.execute(store.db)).rows as T[];
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
