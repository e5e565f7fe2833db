import type { Command } from 'commander';
import { PARTNERSHIP_OPTION, withDeps, withMigratedStore, withPartnership, withStore, type CliRuntime } from '../runtime';
import { group, UsageError } from '../group';
import { statSync } from 'node:fs';
import { backupStore, BackupRefused, migrate } from '../../store/db';
import { RoleRepo } from '../../store/roleRepo';
import { isRole, ROLES, Role } from '../../core/roles';
import { composeAssistant, demoSeedSteps } from '../../main';
import { seedDemo } from '../../demo/seed';
import type { RequestContext } from '../../core/turn';
import { correlationId } from '../../core/log';
import { oneTurnState } from '../../core/turnState';

const GUIDISH = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `db`, `roles` and `ask`: the commands every deployment needs. */
export function registerCoreCommands(program: Command, runtime: CliRuntime): void {
  const db = group(program, 'db', 'Create and fill the store');
  db.command('migrate')
    .description('Apply every pending migration (also done at bot start-up)')
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (o: { db?: string }) => {
      // Opened without the area pack: the store must be migratable before CSP_AREA's district is imported.
      await withStore(runtime, o.db, async (deps) => {
        const applied = await migrate(deps.store);
        runtime.out(applied.length ? `Applied: ${applied.join(', ')}` : 'The store is up to date.');
      });
    });
  db.command('backup <file>')
    .description('Copy a SQLite store to <file>, safely while the bot runs (SQLite online backup); for PostgreSQL use pg_dump')
    .option('--overwrite', 'replace <file> if it already exists')
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (file: string, o: { overwrite?: boolean; db?: string }) => {
      await withStore(runtime, o.db, async (deps) => {
        try {
          await backupStore(deps.store, file, { overwrite: o.overwrite });
        } catch (err) {
          if (err instanceof BackupRefused) throw new UsageError(err.message);
          throw err;
        }
        const mb = (statSync(file).size / 1_048_576).toFixed(1);
        runtime.out(`Backed up the store to ${file} (${mb} MB); SQLite's check of the copy found no fault.`);
      });
    });
  db.command('seed-demo')
    .description('Load the demo partnership (Chesterfield, synthetic sample data)')
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (o: { db?: string }) => {
      await withDeps(runtime, o.db, async (deps) => {
        await seedDemo(deps, demoSeedSteps());
        runtime.out('The demo partnership is loaded. Every figure from it is sample data.');
      });
    });

  const roles = group(program, 'roles', 'Who may do what');
  roles
    .command('grant <aadObjectId> <role>')
    .description(`Give a user a role (${ROLES.join(', ')}), by AAD object id`)
    .option('--name <name>', 'display name, for listings')
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (aad: string, role: string, o: { name?: string; db?: string }) => {
      if (!GUIDISH.test(aad)) throw new UsageError(`"${aad}" is not an AAD object id (a GUID such as 00000000-0000-0000-0000-000000000000).`);
      if (!isRole(role)) throw new UsageError(`"${role}" is not a role. Roles: ${ROLES.join(', ')}.`);
      await withMigratedStore(runtime, o.db, async (deps) => {
        await new RoleRepo(deps.store).grant(aad, role as Role, 'cli', deps.clock.now(), o.name);
        runtime.out(`${o.name ?? aad} is now ${role}.`);
      });
    });
  roles
    .command('revoke <aadObjectId>')
    .description('Remove a user\'s role (they become a member)')
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (aad: string, o: { db?: string }) => {
      await withMigratedStore(runtime, o.db, async (deps) => {
        const had = await new RoleRepo(deps.store).revoke(aad);
        runtime.out(had ? `${aad} is now a member.` : `${aad} had no role; nothing changed.`);
        if (deps.config.CSP_ADMINS.includes(aad)) runtime.err('Note: this id is listed in CSP_ADMINS and will be admin again at the next start.');
      });
    });
  roles
    .command('list')
    .description('List users with a role')
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (o: { db?: string }) => {
      await withMigratedStore(runtime, o.db, async (deps) => {
        const grants = await new RoleRepo(deps.store).list();
        if (grants.length === 0) runtime.out('No roles granted: everyone is a member.');
        for (const g of grants) runtime.out(`${g.role.padEnd(12)}${g.aadObjectId}  ${g.displayName ?? ''}`.trimEnd());
      });
    });

  program
    .command('ask <question...>')
    .description('Ask a question as in Teams; --json prints the Answer object')
    .option('--json', 'print the Answer object')
    .option('--as <aadObjectId>', 'answer as this user (their role applies)')
    .option(...PARTNERSHIP_OPTION)
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (words: string[], o: { json?: boolean; as?: string; partnership?: string; db?: string }) => {
      await withPartnership(runtime, o.db, o.partnership, async (deps) => {
        const roleRepo = new RoleRepo(deps.store);
        const grant = o.as ? await roleRepo.get(o.as) : undefined;
        // Without --as the shell sees what any member sees; the answering modules read roles from the store too.
        const ctx: RequestContext = {
          actor: o.as
            ? { aadObjectId: o.as, name: grant?.displayName ?? o.as, role: deps.config.CSP_ADMINS.includes(o.as) ? 'admin' : (grant?.role ?? 'member') }
            : { aadObjectId: 'cli', name: 'Command line', role: 'member' },
          conversation: { key: 'cli', id: 'cli', tenantId: 'cli', type: 'personal' },
          now: deps.clock.now(),
          correlationId: correlationId(),
          // One command is one turn: nothing to carry over, so the state lives in memory only.
          state: oneTurnState(deps.clock.now()),
        };
        const { answer } = await composeAssistant(deps).answer(words.join(' '), ctx);
        runtime.out(o.json ? JSON.stringify(answer, null, 2) : answer.text);
      });
    });
}
