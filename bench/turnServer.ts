/**
 * One bot for bench/turn.ts, in a process of its own as in a deployment: "csp" is this bot on the
 * demo partnership, "echo" a bare botbuilder echo bot behind the same adapter and server. Reports
 * its port to the parent over IPC, and the store statements run since last asked when asked, and
 * runs until the parent disconnects.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler } from 'botbuilder';
import { loadConfig } from '../src/core/config';
import { createLogger } from '../src/core/log';
import { startBot } from '../src/main';
import { activityProcessor, botbuilderAuthentication, createAdapter } from '../src/teams/adapter';
import { createBotServer } from '../src/teams/server';
import { migrate, openStore } from '../src/store/db';

async function main(kind: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `csp-bench-${kind}-`));
  const log = createLogger('silent');
  // bench/scale.ts points the bot at a store it generated (BENCH_DATABASE_URL, BENCH_AREA).
  const given = process.env.BENCH_DATABASE_URL;
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: given ?? `sqlite:${join(dir, 'csp.sqlite')}`,
    LOG_LEVEL: 'silent',
    CSP_SCHEDULER: 'off',
    CSP_DEMO: given ? 'off' : 'on',
    ...(process.env.BENCH_AREA ? { CSP_AREA: process.env.BENCH_AREA } : {}),
  });
  let port: number;
  let stop: () => Promise<void>;
  // Statements the store ran since the parent last asked ({ roundTrips: true }): a turn's round trips.
  let statements = 0;
  process.on('message', (m) => {
    if ((m as { roundTrips?: boolean }).roundTrips) {
      process.send?.({ roundTrips: statements });
      statements = 0;
    }
  });
  if (kind === 'csp') {
    const bot = await startBot(config, { log, onQuery: () => (statements += 1) });
    port = bot.port;
    stop = bot.shutdown;
  } else {
    const store = openStore('sqlite::memory:');
    await migrate(store);
    const echo = new ActivityHandler();
    echo.onMessage(async (ctx, next) => {
      await ctx.sendActivity(`echo: ${ctx.activity.text}`);
      await next();
    });
    // The floor is botbuilder as it comes: its own authentication, with new clients every turn.
    const adapter = createAdapter(config, log, botbuilderAuthentication(config));
    const server = createBotServer({ processActivity: activityProcessor(adapter, echo), store, log, version: 'bench' });
    port = await server.listen(0, '127.0.0.1');
    stop = async () => {
      await server.shutdown();
      await store.close();
    };
  }
  process.send?.({ port });
  process.on('disconnect', () => {
    void stop().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

void main(process.argv[2] ?? 'csp');
