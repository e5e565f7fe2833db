/**
 * A whole bot turn for "ASB trend in Rother ward" on the demo data, measured through
 * /api/messages with a fake Teams connector on 127.0.0.1, against a bare botbuilder echo bot
 * measured the same way in the same run. Run: npm run bench:ask:turn
 */
import { createServer, IncomingMessage, Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { ActivityHandler } from 'botbuilder';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log';
import { startBot } from '../src/main';
import { activityProcessor, createAdapter } from '../src/bot/adapter';
import { createBotServer } from '../src/server';
import { migrate, openStore } from '../src/store/db';
import { summarise, ms } from './support';

const WARMUP = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 500);

function fakeConnector(): Promise<{ url: string; server: Server; sent: () => number }> {
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

async function measure(endpoint: string, serviceUrl: string, text: string): Promise<number[]> {
  const http = axios.create({ timeout: 10_000 });
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const activity = {
      type: 'message',
      id: `bench-${Date.now()}-${i}-${Math.random()}`,
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
    const t1 = process.hrtime.bigint();
    if (i >= WARMUP) times.push(Number(t1 - t0) / 1e6);
  }
  return times;
}

async function main(): Promise<void> {
  const connector = await fakeConnector();
  const dir = mkdtempSync(join(tmpdir(), 'csp-bench-turn-'));
  const log = createLogger('silent');

  // The real bot on the demo partnership.
  const config = loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'csp.sqlite')}`, LOG_LEVEL: 'silent', CSP_SCHEDULER: 'off', CSP_DEMO: 'on' });
  const bot = await startBot(config, { log });

  // A bare echo bot behind the same adapter and server.
  const echoStore = openStore('sqlite::memory:');
  await migrate(echoStore);
  const echo = new ActivityHandler();
  echo.onMessage(async (ctx, next) => {
    await ctx.sendActivity(`echo: ${ctx.activity.text}`);
    await next();
  });
  const echoServer = createBotServer({ processActivity: activityProcessor(createAdapter(config, log), echo), store: echoStore, log, version: 'bench' });
  const echoPort = await echoServer.listen(0, '127.0.0.1');

  const question = 'ASB trend in Rother ward';
  const ours = summarise(await measure(`http://127.0.0.1:${bot.port}/api/messages`, connector.url, question));
  const bare = summarise(await measure(`http://127.0.0.1:${echoPort}/api/messages`, connector.url, question));

  console.log(`Whole bot turn through /api/messages with a fake Teams connector (${RUNS} turns each, after ${WARMUP} warm-up)`);
  console.log(`  "${question}" on the demo data: p50 ${ms(ours.p50)}  p99 ${ms(ours.p99)}   (targets: p50 < 20 ms, p99 < 60 ms)`);
  console.log(`  bare botbuilder echo bot:           p50 ${ms(bare.p50)}  p99 ${ms(bare.p99)}`);
  console.log(`  ratio (ours / echo) at p50: ${(ours.p50 / bare.p50).toFixed(2)}x   (target ≤ 1.5x)`);
  console.log(`  messages the fake connector received: ${connector.sent()}`);

  await bot.shutdown();
  await echoServer.shutdown();
  await echoStore.close();
  connector.server.close();
  rmSync(dir, { recursive: true, force: true });
}

void main();
