#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { config as loadDotenv } from 'dotenv';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ConfigError, loadConfig } from '../core/config';
import { createLogger } from '../core/log';
import { bootstrap } from '../main';
import { isDemoSeeded } from '../demo/seed';
import { DEMO_CLOCK_START } from '../demo/followUps';
import { systemClock } from '../core/clock';
import { storeDeps, type CliRuntime } from './runtime';
import { UsageError } from './group';
import { registerCoreCommands } from './commands/core';
import { register as registerCrime } from './commands/crime';
import { register as registerActions } from './commands/actions';
import { registerImport as registerActionsImport } from './commands/actionsImport';
import { register as registerFollowUps } from './commands/followups';
import { register as registerMinutes } from './commands/minutes';

export function defaultRuntime(): CliRuntime {
  return {
    async open(options) {
      const config = loadConfig(process.env);
      // CLI logs go to stderr at warn level so that stdout stays clean for --json.
      const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
      const deps = await bootstrap(config, { databaseUrl: options.db, log });
      // The demo partnership lives in 2021: without a configured clock, replay its timeline.
      if (!config.CSP_CLOCK && (await isDemoSeeded(deps))) {
        process.stderr.write(`Demo partnership: the clock starts at ${DEMO_CLOCK_START} (set CSP_CLOCK to change).\n`);
        return { ...deps, clock: systemClock(DEMO_CLOCK_START) };
      }
      return deps;
    },
    async openStore(options) {
      return storeDeps(loadConfig(process.env), { databaseUrl: options.db, log: createLogger(process.env.LOG_LEVEL ?? 'warn') });
    },
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    interactive: Boolean(process.stderr.isTTY),
    async confirm(question) {
      if (!process.stdin.isTTY) return false;
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = await rl.question(`${question} [y/N] `);
        return /^y(es)?$/i.test(answer.trim());
      } finally {
        rl.close();
      }
    },
  };
}

export function buildProgram(runtime: CliRuntime): Command {
  const program = new Command('csp')
    .description('Community Safety Assistant: the same answers as the Teams bot, from a shell.')
    .showHelpAfterError()
    .exitOverride();
  registerCoreCommands(program, runtime);
  registerCrime(program, runtime);
  registerActions(program, runtime);
  registerActionsImport(program, runtime);
  registerFollowUps(program, runtime);
  registerMinutes(program, runtime);
  return program;
}

export async function runCli(argv: string[], runtime: CliRuntime = defaultRuntime()): Promise<number> {
  const program = buildProgram(runtime);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof ConfigError || err instanceof UsageError) {
      runtime.err(err.message);
      return 2;
    }
    runtime.err(`csp: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (require.main === module) {
  if (existsSync('.env')) loadDotenv({ quiet: true });
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
