/**
 * A whole bot turn for "ASB trend in Rother ward" on the demo data, measured through
 * /api/messages with a fake Teams connector on 127.0.0.1, against a bare botbuilder echo bot
 * measured the same way in the same run. Run: npm run bench:ask:turn
 *
 * Each bot runs in a process of its own (bench/turnServer.ts), as it would be deployed, so that
 * neither pays for the other's garbage or for the client's; turns go to the two bots in
 * alternating blocks, so that anything else the machine does falls on both alike. Also printed:
 * turns where every question is asked for the first time (nothing of its answer kept yet).
 */
import { fork, ChildProcess } from 'node:child_process';
import { createServer, IncomingMessage, Server } from 'node:http';
import { join } from 'node:path';
import axios from 'axios';
import { chesterfieldPack } from '../src/domain/areas/chesterfield';
import { summarise, ms } from './support';

// Long enough for both bots to reach steady state: with 200 the echo bot was still getting faster.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const BLOCK = 50;
const QUESTION = 'ASB trend in Rother ward';

export function fakeConnector(): Promise<{ url: string; server: Server; sent: () => number }> {
  let sent = 0;
  const server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) sent += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `m${sent}` }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server, sent: () => sent })),
  );
}

/** Starts a bot in its own process; `env` may point it at another store (BENCH_DATABASE_URL, BENCH_AREA). */
export function startBotProcess(kind: 'csp' | 'echo', env: Record<string, string> = {}): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = fork(join(__dirname, 'turnServer.ts'), [kind], {
    execArgv: ['--import', 'tsx', '--no-deprecation'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, endpoint: `http://127.0.0.1:${(m as { port: number }).port}/api/messages` }));
    child.once('exit', (code) => reject(new Error(`${kind} bot exited with ${code}`)));
  });
}

/**
 * The store round trips of one turn: statements the bot's store ran for `text`, counted by the
 * bot process itself (each kysely statement is one round trip to PostgreSQL). `repeated`: the
 * question is asked once before, uncounted, as the last thing the person asked.
 */
export async function roundTrips(bot: { child: ChildProcess; endpoint: string }, serviceUrl: string, text: string, repeated = false): Promise<number> {
  const ask = () =>
    new Promise<number>((resolve) => {
      const onMessage = (m: unknown) => {
        const n = (m as { roundTrips?: number }).roundTrips;
        if (n === undefined) return;
        bot.child.off('message', onMessage);
        resolve(n);
      };
      bot.child.on('message', onMessage);
      bot.child.send({ roundTrips: true });
    });
  if (repeated) await turn(bot.endpoint, serviceUrl, text);
  await ask();
  await turn(bot.endpoint, serviceUrl, text);
  return ask();
}

const http = axios.create({ timeout: 10_000 });
let turnNo = 0;

export async function turn(endpoint: string, serviceUrl: string, text: string): Promise<number> {
  turnNo += 1;
  const activity = {
    type: 'message',
    id: `bench-${process.pid}-${turnNo}`,
    text,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:bench', aadObjectId: 'bench-user', name: 'Bench' },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: 'a:bench', conversationType: 'personal', tenantId: 'bench-tenant' },
    channelData: { tenant: { id: 'bench-tenant' } },
  };
  const t0 = process.hrtime.bigint();
  await http.post(endpoint, activity);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Questions no turn has asked before (up to n): every ward of the demo district by several measures and periods. */
function freshQuestions(n: number): string[] {
  const wards = [...new Set(chesterfieldPack.wardSets.flatMap((s) => s.wards.map((w) => w.name)))];
  const asks = ['ASB trend in', 'burglary in', 'violent crime in', 'shoplifting trend in', 'vehicle crime in', 'criminal damage in', 'drugs in', 'breakdown of crime in'];
  const periods = ['', ' last year', ' in 2020', ' last 6 months', ' since March 2019', ' in 2019'];
  const out: string[] = [];
  for (const p of periods) for (const a of asks) for (const w of wards) out.push(`${a} ${w}${p}`);
  return out.slice(0, n);
}

/** Runs `runs` turns on each bot in alternating blocks; returns each bot's times. */
export async function alternate(bots: { endpoint: string; question: (i: number) => string }[], serviceUrl: string, runs: number): Promise<number[][]> {
  const times = bots.map(() => [] as number[]);
  for (let done = 0; done < runs; done += BLOCK) {
    for (const [b, bot] of bots.entries()) {
      for (let i = done; i < Math.min(runs, done + BLOCK); i++) times[b].push(await turn(bot.endpoint, serviceUrl, bot.question(i)));
    }
  }
  return times;
}

async function main(): Promise<void> {
  const connector = await fakeConnector();
  const [csp, echo] = await Promise.all([startBotProcess('csp'), startBotProcess('echo')]);
  try {
    const same = () => QUESTION;
    await alternate([{ endpoint: csp.endpoint, question: same }, { endpoint: echo.endpoint, question: same }], connector.url, WARMUP);
    const [ours, bare] = (await alternate([{ endpoint: csp.endpoint, question: same }, { endpoint: echo.endpoint, question: same }], connector.url, RUNS)).map(summarise);
    const fresh = freshQuestions(RUNS);
    const [first, bare2] = (await alternate([{ endpoint: csp.endpoint, question: (i) => fresh[i] }, { endpoint: echo.endpoint, question: same }], connector.url, fresh.length)).map(summarise);

    console.log(`Whole bot turn through /api/messages with a fake Teams connector (${RUNS} turns each, after ${WARMUP} warm-up; each bot in its own process)`);
    console.log(`  "${QUESTION}" on the demo data: p50 ${ms(ours.p50)}  p99 ${ms(ours.p99)}   (targets: p50 < 20 ms, p99 < 60 ms)`);
    console.log(`  bare botbuilder echo bot:           p50 ${ms(bare.p50)}  p99 ${ms(bare.p99)}`);
    console.log(`  ratio (ours / echo) at p50: ${(ours.p50 / bare.p50).toFixed(2)}x   (target ≤ 1.5x)`);
    console.log(`  a question asked for the first time (${fresh.length} different ones): p50 ${ms(first.p50)}  p99 ${ms(first.p99)}; echo meanwhile p50 ${ms(bare2.p50)}; ratio ${(first.p50 / bare2.p50).toFixed(2)}x`);
    const trips = { again: await roundTrips(csp, connector.url, QUESTION, true), first: await roundTrips(csp, connector.url, 'burglary trend in Hasland since May 2019') };
    console.log(`  store round trips per turn: repeated question ${trips.again}, a question asked for the first time ${trips.first}`);
    console.log(`  messages the fake connector received: ${connector.sent()} (expected ${2 * (WARMUP + RUNS + fresh.length) + 3})`);
  } finally {
    csp.child.disconnect();
    echo.child.disconnect();
    connector.server.close();
  }
}

if (require.main === module) void main();
