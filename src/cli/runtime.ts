import type { AppDeps } from '../features/deps';

/**
 * How a subcommand reaches the store and prints. `open()` reads configuration (with `--db`
 * overriding DATABASE_URL), opens and migrates the store; the caller closes it with `deps.store.close()`.
 */
export interface CliRuntime {
  open(options: { db?: string }): Promise<AppDeps>;
  /** Normal output (stdout). */
  out(line: string): void;
  /** Progress and warnings (stderr). */
  err(line: string): void;
  /** True when stderr is a terminal: show progress bars; otherwise print plain lines. */
  interactive: boolean;
  /** Asks a yes/no question on the terminal; false when there is no terminal. */
  confirm(question: string): Promise<boolean>;
}

/** Opens the store for one command and always closes it, whatever the command does. */
export async function withDeps<T>(runtime: CliRuntime, db: string | undefined, work: (deps: AppDeps) => Promise<T>): Promise<T> {
  const deps = await runtime.open({ db });
  try {
    return await work(deps);
  } finally {
    await deps.store.close();
  }
}
