import type { Command } from 'commander';
import type { CliRuntime } from '../runtime';

/** Registers this aggregate's `csp` subcommands (filled in by its issue). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function register(_program: Command, _runtime: CliRuntime): void {}
