import { Command } from 'commander';
import type { CliRuntime } from '../../src/cli/runtime';
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
