import { spawn, ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { createLogger } from './core/log';
import { configOrExit, startBot } from './main';
import { DEMO_CLOCK_START } from './demo/followUps';
import { setDemoStoreAside } from './demo/fresh';
import { playgroundAnswers } from './sources/playground';

/** Where the Playground listens; its endpoints are internal to the pinned version 0.2.28. */
export const PLAYGROUND_PORT = Number(process.env.TEAMSAPPTESTER_PORT ?? 56150);
const ROOT = join(__dirname, '..');

/**
 * `npm start`: the bot with the demo partnership and Microsoft's local Teams client, one command.
 * With NODE_ENV=production it starts only the bot, as hosting platforms expect of `npm start`.
 * `--fresh` (`npm run demo:fresh`) starts the demo from its beginning in a new store.
 */
async function start(): Promise<void> {
  if (existsSync('.env')) loadDotenv({ quiet: true });
  const production = process.env.NODE_ENV === 'production';
  // The demo replays the worked example's timeline unless a clock is configured.
  if (!production && !process.env.CSP_CLOCK) process.env.CSP_CLOCK = DEMO_CLOCK_START;
  const config = configOrExit();
  const log = createLogger(config.LOG_LEVEL);
  if (process.argv.includes('--fresh')) {
    const { movedTo } = await setDemoStoreAside(config);
    console.log(movedTo ? `Starting the demo afresh; the previous demo store is kept as ${movedTo}.` : 'Starting the demo afresh.');
  }
  const bot = await startBot(config, { log });
  let playground: ChildProcess | undefined;
  if (!production) playground = await startPlayground(bot.port, log);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (playground && playground.exitCode === null) {
      playground.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
    }
    await bot.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function startPlayground(botPort: number, log: ReturnType<typeof createLogger>): Promise<ChildProcess> {
  const cli = join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  if (!existsSync(cli)) {
    log.warn('The Microsoft 365 Agents Playground is not installed (npm ci installs it): the bot runs alone.');
    throw new Error('Playground missing');
  }
  if (await playgroundAnswers(PLAYGROUND_PORT)) {
    throw new Error(`Port ${PLAYGROUND_PORT} is already in use (another Playground?). Stop it or set TEAMSAPPTESTER_PORT.`);
  }
  mkdirSync(join(ROOT, 'devTools'), { recursive: true });
  const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const child = spawn(
    process.execPath,
    [cli, 'start', '-p', String(PLAYGROUND_PORT), '-e', `http://localhost:${botPort}/api/messages`, '-c', 'msteams', '--disable-telemetry'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        ...(headless || process.env.CI ? { TEAMSAPPTESTER_BROWSER: 'none' } : {}),
        M365_AGENTS_PLAYGROUND_LOGFILE: join(ROOT, 'devTools', 'playground.log'),
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(ROOT, '.m365agentsplayground.yml'),
      },
    },
  );
  for (let i = 0; i < 100; i++) {
    if (await playgroundAnswers(PLAYGROUND_PORT)) break;
    if (child.exitCode !== null) throw new Error(`The Playground exited (code ${child.exitCode}); see devTools/playground.log.`);
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!(await playgroundAnswers(PLAYGROUND_PORT))) throw new Error(`The Playground did not answer on port ${PLAYGROUND_PORT}; see devTools/playground.log.`);
  const url = `http://localhost:${PLAYGROUND_PORT}`;
  console.log(`\n  Community Safety Assistant is running (demo partnership: Chesterfield, sample data).\n` +
    `  Open ${url} to talk to it in the Microsoft 365 Agents Playground${headless ? '' : ' (opening it now)'}.\n` +
    `  Try "help", "ASB trend in Rother ward" or "overdue actions". Ctrl-C stops both.\n`);
  return child;
}

start().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
