import { config as loadDotenv } from 'dotenv';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, Config } from './core/config';
import { createLogger, Logger } from './core/log';
import { bootstrap } from './main/bootstrap';
import { composeBot } from './main/composeBot';
import type { Clock } from './core/clock';

export interface RunningBot {
  port: number;
  shutdown(): Promise<void>;
}

/** Starts the bot: configuration, store, demo seed when empty, HTTP server and the reminder scheduler. */
export async function startBot(config: Config, options: { clock?: Clock; log?: Logger } = {}): Promise<RunningBot> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const deps = await bootstrap(config, { clock: options.clock, log });
  const running = await composeBot(deps);
  const port = await running.server.listen(config.PORT);
  log.info({ port, store: deps.store.dialect, area: deps.pack.district.name, clock: deps.clock.now().toISOString() }, 'bot listening on /api/messages');
  let stopping: Promise<void> | undefined;
  return {
    port,
    shutdown() {
      stopping ??= (async () => {
        log.info('shutting down: no new turns, finishing those in flight');
        await running.stopBackground();
        await running.server.shutdown();
        await deps.store.close();
        log.info('stopped');
      })();
      return stopping;
    },
  };
}

/** Reads .env (when present) and the environment; a bad value stops the process naming the variable. */
export function configOrExit(): Config {
  if (existsSync('.env')) loadDotenv({ quiet: true });
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const log = createLogger(config.LOG_LEVEL);
  let bot: RunningBot;
  try {
    bot = await startBot(config, { log });
  } catch (err) {
    log.fatal({ err }, 'could not start');
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      bot.shutdown().then(
        () => process.exit(0),
        (err) => {
          log.error({ err }, 'unclean shutdown');
          process.exit(1);
        },
      );
    });
  }
}

if (require.main === module) void main();
