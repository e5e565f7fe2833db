import type { Command } from 'commander';
import { PARTNERSHIP_OPTION, withDeps, withPartnership, type CliRuntime } from '../runtime';
import { group, UsageError } from '../group';
import { partnershipOf, type AppDeps } from '../../features/deps';
import type { RequestContext } from '../../core/turn';
import { oneTurnState } from '../../core/turnState';
import { answerFollowUps } from '../../features/followups/followupsApp';
import { ReminderScheduler } from '../../features/followups/scheduler';
import { actionDeadlineSource } from '../../features/followups/actionDeadlines';
import { createAdapter } from '../../teams/adapter';
import { BotProactiveSender } from '../../teams/proactiveSender';
import { ConversationRepo } from '../../store/conversationRepo';
import { ReminderRepo } from '../../store/reminderRepo';

/** The shell acts as a coordinator in a private session: it sees exempt items too. */
function cliContext(deps: AppDeps): RequestContext {
  const now = deps.clock.now();
  return {
    actor: { aadObjectId: 'cli', name: 'csp command', role: 'coordinator' },
    conversation: { key: 'cli', id: 'cli', tenantId: 'cli', type: 'personal' },
    now,
    correlationId: 'cli',
    state: oneTurnState(now),
  };
}

const SCOPES = ['due', 'overdue', 'last-meeting', 'all'] as const;

/** `csp remind run-due` (for cron) and `csp followups list|committee-channel`. */
export function register(program: Command, runtime: CliRuntime): void {
  const remind = group(program, 'remind', 'Reminders of follow-ups and action deadlines');
  remind
    .command('run-due')
    .description("Send every reminder that is due now, once, for every partnership's follow-ups and actions (safe to run from cron on several machines against one PostgreSQL)")
    .option('--instance <id>', 'name of this runner in claims and the attempt log')
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (o: { instance?: string; db?: string }) => {
      await withDeps(runtime, o.db, async (deps) => {
        const adapter = createAdapter(deps.config, deps.log);
        const sender = new BotProactiveSender(adapter, deps.config.MicrosoftAppId ?? '', new ConversationRepo(deps.store), deps.clock, {}, deps.log);
        const scheduler = new ReminderScheduler(deps, sender, {
          ...(o.instance ? { instanceId: o.instance } : {}),
          actionsOf: (partnership) => actionDeadlineSource(deps.store, partnership),
        });
        try {
          const s = await scheduler.runDue();
          runtime.out(
            `Planned ${s.planned} new reminder${s.planned === 1 ? '' : 's'}; claimed ${s.claimed}: ${s.sent} sent, ${s.summaries} catch-up summar${s.summaries === 1 ? 'y' : 'ies'} (${s.summarised} reminders), ${s.skipped} skipped, ${s.waiting} waiting for a conversation, ${s.failed} to retry, ${s.dead} given up.`,
          );
          const next = await new ReminderRepo(deps.store).nextFireAt(deps.clock.now());
          runtime.err(next ? `Next reminder due at ${next}.` : 'Nothing else is planned.');
        } finally {
          await sender.stop();
        }
      });
    });

  const followups = group(program, 'followups', 'Follow-ups from committee meetings');
  followups
    .command('list [scope]')
    .description(`List follow-ups by scope: ${SCOPES.join(', ')} (default all open). due = the next four weeks and overdue`)
    .option('--scope <scope>', 'the same scope, as an option')
    .option('--json', 'print the Answer object')
    .option(...PARTNERSHIP_OPTION)
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (given: string | undefined, o: { scope?: string; json?: boolean; partnership?: string; db?: string }) => {
      if (given && o.scope && given !== o.scope) throw new UsageError(`Two scopes given ("${given}" and --scope ${o.scope}); give one.`);
      const scope = given ?? o.scope ?? 'all';
      if (!(SCOPES as readonly string[]).includes(scope)) throw new UsageError(`The scope must be one of ${SCOPES.join(', ')} (got "${scope}").`);
      await withPartnership(runtime, o.db, o.partnership, async (deps) => {
        const answer = await answerFollowUps(
          { intent: 'followups.list', text: `follow-ups (${scope})`, followups: { scope: scope as (typeof SCOPES)[number] } },
          cliContext(deps),
          deps,
        );
        runtime.out(o.json ? JSON.stringify(answer, null, 2) : answer.text);
      });
    });

  followups
    .command('committee-channel [conversationKey]')
    .description("Show or set the channel that a partnership's committee reminders and weekly digest go to")
    .option(...PARTNERSHIP_OPTION)
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (key: string | undefined, o: { partnership?: string; db?: string }) => {
      await withPartnership(runtime, o.db, o.partnership, async (deps) => {
        const partnership = partnershipOf(deps);
        const name = deps.pack.district.name;
        const reminders = new ReminderRepo(deps.store);
        const conversations = new ConversationRepo(deps.store);
        if (key) {
          const c = await conversations.get(key);
          if (!c) throw new UsageError(`No stored conversation has the key "${key}". Install the app in the channel first; "csp followups committee-channel" lists the channels.`);
          await reminders.setCommitteeChannel(partnership, key);
          runtime.out(`The ${name} partnership's committee reminders and weekly digest will go to ${key}.`);
          return;
        }
        const current = await reminders.committeeChannel(partnership);
        runtime.out(
          current
            ? `The ${name} partnership's committee channel: ${current}`
            : `No committee channel set for the ${name} partnership: its reminders go to the one channel answering for it that the app is installed in, if there is exactly one.`,
        );
        for (const c of (await conversations.list({ activeOnly: true })).filter((x) => x.conversationType === 'channel')) runtime.out(`  ${c.key}`);
      });
    });
}
