import type { AppDeps } from '../features/deps';
import type { Config } from '../core/config';
import { systemClock, type Clock } from '../core/clock';
import { createLogger, type Logger } from '../core/log';
import { migrate, openStore } from '../store/db';
import { depsOfPartnership } from '../features/partnerships/directory';
import { UsageError } from './group';

/** What a command that works on the store itself is given: no area pack (CSP_AREA may not be imported yet). */
export type StoreDeps = Omit<AppDeps, 'pack' | 'snapshots'>;

/**
 * How a subcommand reaches the store and prints. `open()` reads configuration (with `--db`
 * overriding DATABASE_URL), opens and migrates the store and loads CSP_AREA's pack; `openStore()`
 * only opens the store, unmigrated, for commands that must work before the district is imported
 * (`db migrate`, `db backup`, `areas …`, `roles …`). The caller closes it with `deps.store.close()`.
 */
export interface CliRuntime {
  open(options: { db?: string }): Promise<AppDeps>;
  openStore(options: { db?: string }): Promise<StoreDeps>;
  /** Normal output (stdout). */
  out(line: string): void;
  /** Progress and warnings (stderr). */
  err(line: string): void;
  /** True when stderr is a terminal: show progress bars; otherwise print plain lines. */
  interactive: boolean;
  /** Asks a yes/no question on the terminal; false when there is no terminal. */
  confirm(question: string): Promise<boolean>;
}

/** The store, clock and log from configuration, without migrating or loading an area pack. */
export function storeDeps(config: Config, options: { databaseUrl?: string; clock?: Clock; log?: Logger } = {}): StoreDeps {
  return {
    store: openStore(options.databaseUrl ?? config.DATABASE_URL),
    clock: options.clock ?? systemClock(config.CSP_CLOCK),
    config,
    log: options.log ?? createLogger(config.LOG_LEVEL),
  };
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

/** `--partnership`, taken by every command on a partnership's own plan, follow-ups, minutes or reports. */
export const PARTNERSHIP_OPTION = ['--partnership <name or code>', 'the partnership, by name or district code (default: CSP_AREA)'] as const;

/** As withDeps, for the partnership `--partnership` names (the default one, CSP_AREA, when none is named). */
export function withPartnership<T>(runtime: CliRuntime, db: string | undefined, partnership: string | undefined, work: (deps: AppDeps) => Promise<T>): Promise<T> {
  return withDeps(runtime, db, async (deps) => {
    const scoped = await depsOfPartnership(deps, partnership);
    if ('problem' in scoped) throw new UsageError(scoped.problem);
    return work(scoped);
  });
}

/** As withDeps, for commands on the store itself: no migration and no area pack unless the work asks. */
export async function withStore<T>(runtime: CliRuntime, db: string | undefined, work: (deps: StoreDeps) => Promise<T>): Promise<T> {
  const deps = await runtime.openStore({ db });
  try {
    return await work(deps);
  } finally {
    await deps.store.close();
  }
}

/** As withStore, with the store migrated first: for commands that write before CSP_AREA's district may exist. */
export function withMigratedStore<T>(runtime: CliRuntime, db: string | undefined, work: (deps: StoreDeps) => Promise<T>): Promise<T> {
  return withStore(runtime, db, async (deps) => {
    await migrate(deps.store);
    return work(deps);
  });
}
