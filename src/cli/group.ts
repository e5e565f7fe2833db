import type { Command } from 'commander';

/**
 * Finds or creates a subcommand group such as `import`, `db` or `export`, so that several
 * modules can add commands to the same group without knowing of each other.
 */
export function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

/** A user's mistake on the command line: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
