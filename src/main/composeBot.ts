import { LRUCache } from 'lru-cache';
import { grantOfTurn } from '../features/turnRoles';
import { CspBot } from '../teams/cspBot';
import { MessageExtension } from '../teams/messageExtension';
import { activityProcessor, createAdapter } from '../teams/adapter';
import { createBotServer, BotServer } from '../teams/server';
import { ProcessedActivities } from '../store/activityLog';
import { ConversationRepo } from '../store/conversationRepo';
import { PersonRepo } from '../store/personRepo';
import { VERSION } from '../core/version';
import type { AppDeps } from '../features/deps';
import { composeAssistant, demoSeedSteps, minutesFromFile } from './compose';
import { downloadFile } from '../sources/download';
import { BotProactiveSender } from '../teams/proactiveSender';
import { ReminderScheduler } from '../features/followups/scheduler';
import { actionDeadlineSource } from '../features/followups/actionDeadlines';
import { reportDownload } from '../features/reports/reportDrafts';
import { ReportDraftRepo } from '../store/reportDraftRepo';
import { isStoreEmpty, seedDemo } from '../demo/seed';

export interface ComposedBot {
  server: BotServer;
  bot: CspBot;
  /** Stops the scheduler and other background work. */
  stopBackground(): Promise<void>;
}

/** Wires the Teams edge to the Assistant; seeds the demo partnership into an empty store when configured. */
export async function composeBot(deps: AppDeps): Promise<ComposedBot> {
  const demo = deps.config.CSP_DEMO;
  if (demo === 'on' || (demo === 'auto' && deps.config.NODE_ENV !== 'production' && (await isStoreEmpty(deps)))) {
    deps.log.info('seeding the demo partnership (sample data)');
    await seedDemo(deps, demoSeedSteps());
  }
  const bot = createCspBot(deps);
  const adapter = createAdapter(deps.config, deps.log);
  const server = createBotServer({
    processActivity: activityProcessor(adapter, bot),
    store: deps.store,
    log: deps.log,
    version: VERSION,
    reportDownload: (file) => reportDownload(deps, file),
  });
  const background = startBackground(deps, adapter);
  return { server, bot, stopBackground: background.stop };
}

/**
 * Work that runs beside the turns: the reminder scheduler (unless CSP_SCHEDULER=off, when
 * `csp remind run-due` runs from cron) and the daily clean-up of remembered activity ids.
 */
function startBackground(deps: AppDeps, adapter: ReturnType<typeof createAdapter>): { stop(): Promise<void> } {
  const sender = new BotProactiveSender(
    adapter,
    deps.config.MicrosoftAppId ?? '',
    new ConversationRepo(deps.store),
    deps.clock,
    { globalPerSecond: deps.config.CSP_SEND_RATE_PER_SECOND },
    deps.log,
  );
  const source = actionDeadlineSource(deps.store);
  const scheduler = new ReminderScheduler(deps, sender, { deadlines: source, actionChanges: source });
  if (deps.config.CSP_SCHEDULER === 'on') {
    scheduler.start();
    deps.log.info({ intervalSeconds: deps.config.CSP_SCHEDULER_INTERVAL_SECONDS }, 'reminder scheduler started');
  }
  const processed = new ProcessedActivities(deps.store);
  const drafts = new ReportDraftRepo(deps.store);
  // Daily: forget activity ids Teams will not resend, and report drafts whose links have expired.
  const prune = () =>
    Promise.all([processed.prune(new Date(deps.clock.now().getTime() - 2 * 24 * 3600_000)), drafts.deleteExpired(deps.clock.now())]).catch((err: unknown) =>
      deps.log.warn({ err }, 'daily clean-up failed'),
    );
  void prune();
  const pruning = setInterval(() => void prune(), 24 * 3600_000);
  pruning.unref();
  return {
    async stop() {
      clearInterval(pruning);
      await scheduler.stop();
      await sender.stop();
    },
  };
}

/** The Teams handler over the Assistant, with every hook wired; tests build it the same way. */
export function createCspBot(deps: AppDeps, options: { typingAfterMs?: number } = {}): CspBot {
  const admins = new Set(deps.config.CSP_ADMINS);
  const assistant = composeAssistant(deps);
  return new CspBot({
    assistant,
    messageExtension: new MessageExtension({ assistant, pack: deps.pack, log: deps.log }),
    conversations: new ConversationRepo(deps.store),
    processed: new ProcessedActivities(deps.store),
    clock: deps.clock,
    log: deps.log,
    roleOf: async (aad, ctx) => (admins.has(aad) ? 'admin' : ((await grantOfTurn(deps.store, ctx, aad))?.role ?? 'member')),
    onPersonSeen: personRecorder(new PersonRepo(deps.store)),
    onFile: (file, ctx) =>
      minutesFromFile(
        file.name,
        async (maxBytes) => (file.inlineText !== undefined ? Buffer.from(file.inlineText, 'utf8') : downloadFile(file.downloadUrl ?? '', maxBytes)),
        ctx,
        deps,
      ),
    typingAfterMs: options.typingAfterMs,
  });
}

/** Keeps each person's Teams user id (needed for user-specific card views); writes only on change. */
export function personRecorder(people: PersonRepo) {
  // Only the bot records people, from what Teams says of them, so what this process recorded (or
  // found stored) is what the store holds: a person seen again costs no read. Kept for an hour,
  // in case another instance recorded a later name in between.
  const recorded = new LRUCache<string, string>({ max: 10_000, ttl: 3_600_000 });
  return async (actor: { aadObjectId: string; teamsUserId?: string; name: string }, at: Date): Promise<void> => {
    if (!actor.teamsUserId) return;
    const seen = `${actor.teamsUserId}\u0000${actor.name}`;
    if (recorded.get(actor.aadObjectId) === seen) return;
    const known = await people.get(actor.aadObjectId);
    if (!known || known.teamsUserId !== actor.teamsUserId || known.name !== actor.name) {
      await people.remember({ aadObjectId: actor.aadObjectId, teamsUserId: actor.teamsUserId, name: actor.name }, at);
    }
    recorded.set(actor.aadObjectId, seen);
  };
}
