import { Command } from 'commander';
import { storeDeps, type CliRuntime } from '../../src/cli/runtime';
import { bootstrap } from '../../src/main';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/log';
import type { Clock } from '../../src/core/clock';
import type { AppDeps } from '../../src/features/deps';

/**
 * Runs `csp <args>` with one module's commands, against deps the test owns: the command's
 * closing of the store is ignored, so the test's connection stays open. Output is collected.
 */
export async function runCsp(
  register: (program: Command, runtime: CliRuntime) => void,
  deps: AppDeps,
  args: string[],
): Promise<{ out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const runtime: CliRuntime = {
    open: async () => ({ ...deps, store: { ...deps.store, close: async () => undefined } }),
    openStore: async () => ({ ...deps, store: { ...deps.store, close: async () => undefined } }),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    interactive: false,
    confirm: async () => false,
  };
  const program = new Command().exitOverride();
  register(program, runtime);
  await program.parseAsync(['node', 'csp', ...args]);
  return { out: out.join('\n'), err: err.join('\n') };
}

/**
 * A runtime that opens the store from configuration, as `csp` does: `env` stands in for the
 * environment (DATABASE_URL, CSP_AREA …); output is collected.
 */
export function envRuntime(env: Record<string, string>, clock: Clock): { runtime: CliRuntime; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const config = (db?: string) => loadConfig({ LOG_LEVEL: 'silent', ...env, ...(db ? { DATABASE_URL: db } : {}) });
  const runtime: CliRuntime = {
    open: ({ db }) => bootstrap(config(db), { clock, log: createLogger('silent') }),
    openStore: async ({ db }) => storeDeps(config(db), { clock, log: createLogger('silent') }),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    interactive: false,
    confirm: async () => false,
  };
  return { runtime, out, err };
}
