/**
 * The composition root: the one place that opens the store, builds repositories and sources, and
 * wires every feature's routes to the Teams edge (and, through `composeAssistant`, to the CLI).
 */
import { config as loadDotenv } from 'dotenv';
import { existsSync } from 'node:fs';
import { LRUCache } from 'lru-cache';
import type { Clock } from './core/clock';
import { systemClock } from './core/clock';
import { ConfigError, loadConfig, Config } from './core/config';
import { createLogger, Logger } from './core/log';
import { VERSION } from './core/version';
import type { Answer } from './core/answer';
import type { Query } from './core/query';
import { districtComparisonQuery, readDistrictComparison } from './ask/districtComparison';
import type { FeatureRoutes, RequestContext } from './core/turn';
import { migrate, openStore, type OpenOptions } from './store/db';
import { RoleRepo } from './store/roleRepo';
import { CrimeRepo } from './store/crimeRepo';
import { builtInPack, loadPack } from './store/areaRegistry';
import { DataSnapshots } from './store/snapshot';
import { AuditLog } from './store/auditLog';
import { ProcessedActivities } from './store/activityLog';
import { ConversationRepo } from './store/conversationRepo';
import { PersonRepo } from './store/personRepo';
import { deleteExpiredDrafts } from './store/reportDraftRepo';
import { adoptLegacyPartnership } from './store/partnershipAdoption';
import { TurnStateRepo } from './store/turnStateRepo';
import { TurnOpening } from './store/turnOpening';
import { downloadFile } from './sources/download';
import type { AppDeps } from './features/deps';
import { questionReader } from './features/questionReader';
import { contextualReader } from './features/askInContext';
import { crimeQueries, crimeRoutes } from './features/crime/routes';
import { figuresAt } from './features/crime/figuresAt';
import { createAnswerRenderer } from './features/crime/cards';
import { actionRoutes } from './features/actions/routes';
import { followUpRoutes } from './features/followups/routes';
import { minutesFromFile, minutesRoutes } from './features/minutes/routes';
import { reportRoutes } from './features/reports/routes';
import { PersonalMessenger, roleRoutes } from './features/roles/rolesApp';
import { peopleSearch } from './features/people/people';
import type { ProactiveSender } from './features/followups/sender';
import { reportDownload } from './features/reports/reportDrafts';
import { helpCard, helpRoutes } from './features/help/routes';
import { helpCoverage } from './features/help/coverage';
import { HelpCoverage, roleToTell } from './features/help/help';
import { ReminderScheduler } from './features/followups/scheduler';
import { actionDeadlineSource } from './features/followups/actionDeadlines';
import { renderTextAnswerCard } from './cards/common';
import { Assistant } from './teams/router';
import { PartnershipAssistants } from './teams/partnerships';
import { PartnershipDirectory, partnershipDeps } from './features/partnerships/directory';
import { PartnershipRepo } from './store/partnershipRepo';
import { CspBot } from './teams/cspBot';
import { MessageExtension } from './teams/messageExtension';
import { activityProcessor, createAdapter } from './teams/adapter';
import { createBotServer, BotServer } from './teams/server';
import { BotProactiveSender } from './teams/proactiveSender';
import { DemoSeedStep, isStoreEmpty, seedDemo } from './demo/seed';
import { seedDemoActions } from './demo/actionPlan';
import { seedDemoCrime } from './demo/seedCrime';
import { seedDemoFollowUps } from './demo/followUps';
import { keptPromise } from './core/keptPromise';

/** Opens and migrates the store, loads the area pack and makes CSP_ADMINS admins. */
export async function bootstrap(config: Config, options: { clock?: Clock; log?: Logger; databaseUrl?: string; onQuery?: OpenOptions['onQuery'] } = {}): Promise<AppDeps> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock(config.CSP_CLOCK);
  const store = openStore(options.databaseUrl ?? config.DATABASE_URL, { onQuery: options.onQuery });
  try {
    await migrate(store);
    const pack = builtInPack(config.CSP_AREA) ?? (await loadPack(store, config.CSP_AREA));
    // Figures stored before the store knew districts were the served district's.
    if (await new CrimeRepo(store).adoptLegacy(pack.district.code)) log.info({ district: pack.district.code }, 'crime figures of a one-district store given their district');
    // So were its plan, follow-ups, minutes and report drafts.
    if (await adoptLegacyPartnership(store, pack.district.code)) log.info({ partnership: pack.district.code }, "the one partnership's records given their partnership");
    // Ward month totals follow the served pack's lookup (a built-in pack is saved by no import).
    if (await new CrimeRepo(store).followWardLookup(pack)) log.info({ district: pack.district.code }, 'ward month totals rolled up through the area pack in use');
    const roles = new RoleRepo(store);
    for (const id of config.CSP_ADMINS) {
      if ((await roles.roleOf(id)) !== 'admin') await roles.grant(id, 'admin', 'CSP_ADMINS', clock.now());
    }
    return { store, snapshots: new DataSnapshots(store), clock, config, pack, log };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** Every feature's routes: the intents and card verbs each answers. */
export function featureRoutes(deps: AppDeps, messenger?: PersonalMessenger, coverage = helpCoverageOf(deps)): FeatureRoutes[] {
  return [
    helpRoutes(deps.pack.district.name, coverage),
    crimeRoutes(deps),
    actionRoutes(deps),
    followUpRoutes(deps),
    minutesRoutes(deps),
    reportRoutes(deps),
    roleRoutes(deps, messenger),
  ];
}

/** What help tells of the data: the wards the bot knows and the months its figures cover, as this turn sees them. */
function helpCoverageOf(deps: AppDeps, queries = crimeQueries(deps)): (ctx: RequestContext) => Promise<HelpCoverage> {
  return async (ctx) => helpCoverage(deps.pack, figuresAt(await deps.snapshots.ofTurn(ctx), queries));
}

/**
 * Every partnership the deployment serves: the default one (CSP_AREA), and any other district the
 * store knows, for the teams and chats a coordinator binds to it. Each has its own assistant with
 * every feature, answering from its own figures, plan, follow-ups, minutes and reports (the
 * repositories are made for its district), and its own cache of answers. Roles are the
 * deployment's: a coordinator coordinates every partnership it serves.
 */
export function composePartnerships(deps: AppDeps, main: Assistant = composeAssistant(deps), messenger?: PersonalMessenger, served = servedPartnerships(deps, main, messenger)): PartnershipAssistants {
  const directory = new PartnershipDirectory(deps.store, deps.pack);
  const bindings = new PartnershipRepo(deps.store);
  return new PartnershipAssistants({
    defaultDistrict: { code: deps.pack.district.code, name: deps.pack.district.name },
    assistantFor: async (district) => (await served.of(district)).assistant,
    packOf: async (district) => (await served.of(district)).deps.pack,
    find: async (name) => {
      directory.refresh();
      return (await directory.find(name)).map((p) => ({ code: p.district.code, name: p.district.name }));
    },
    nameOf: async (code) => (await directory.byCode(code))?.district.name,
    bindings: {
      // One binding read per conversation and version of the roles, not one per turn.
      boundTo: async (key, ctx) =>
        (await (await deps.snapshots.ofTurn(ctx)).keep('partnership', ['roles'], key, async () => ({ district: (await bindings.boundTo(key)) ?? null }))).district ?? undefined,
      bind: (key, district, by, at) => bindings.bind(key, district, by, at),
      unbind: (key) => bindings.unbind(key),
    },
    onForeignCard: (req, ctx, card) =>
      new AuditLog(deps.store).record(
        'card.foreign_partnership',
        ctx.actor.aadObjectId,
        { verb: req.verb.slice(0, 80), card: card.partnership, conversation: card.conversation, correlationId: ctx.correlationId },
        ctx.now,
      ),
  }).withDefault(main);
}

/** Each partnership's dependencies (its area pack, its own cache of answers) and assistant, built once: the default's are given. */
export function servedPartnerships(deps: AppDeps, main: Assistant, messenger?: PersonalMessenger): { of(district: string): Promise<{ deps: AppDeps; assistant: Assistant }> } {
  const directory = new PartnershipDirectory(deps.store, deps.pack);
  const others = new Map<string, Promise<{ deps: AppDeps; assistant: Assistant }>>();
  return {
    of(district) {
      if (district === deps.pack.district.code) return Promise.resolve({ deps, assistant: main });
      return keptPromise(others, district, () =>
        directory.byCode(district).then((pack) => {
          if (!pack) throw new Error(`this conversation is bound to ${district}, whose areas are no longer in the store`);
          const own = partnershipDeps(deps, pack);
          return { deps: own, assistant: composeAssistant(own, { messenger }) };
        }),
      );
    },
  };
}

/** Tells one person something in their personal chat with the bot, when they have one. */
export function personalMessenger(conversations: ConversationRepo, sender: ProactiveSender): PersonalMessenger {
  return async (aadObjectId, message) => {
    const chat = await conversations.personalChatOf(aadObjectId);
    if (!chat) return 'no_chat';
    return (await sender.send(chat.key, message)).status === 'sent' ? 'sent' : 'failed';
  };
}

/** The Assistant (questions and card verbs, free of Teams) with every feature mounted (or the routes given). */
export function composeAssistant(deps: AppDeps, options: { messenger?: PersonalMessenger; routes?: FeatureRoutes[] } = {}): Assistant {
  const districtName = deps.pack.district.name;
  const queries = crimeQueries(deps);
  const readQuestion = questionReader(deps.pack, () => queries.latestMonth());
  const directory = new PartnershipDirectory(deps.store, deps.pack);
  // "Compare with Bolsover / Derbyshire / England and Wales / similar areas": read first, then the
  // rest of the question (crime type, period) as any other.
  const inContext = contextualReader(deps, readQuestion);
  const understand = async (text: string, ctx: RequestContext): Promise<Query> => {
    const snapshot = await deps.snapshots.ofTurn(ctx);
    const reading = readDistrictComparison(text, await directory.atVersion(snapshot.version.crime).comparisonVocabulary());
    if (!reading) return inContext(text, ctx);
    const rest = reading.rest.length > 0 ? await readQuestion(reading.rest, ctx.now, snapshot) : undefined;
    return districtComparisonQuery(text, reading, rest, districtName);
  };
  const renderOther = createAnswerRenderer({}, { suppressionThreshold: deps.config.CSP_SUPPRESSION_THRESHOLD });
  const audit = new AuditLog(deps.store);
  // One account of what the bot holds, for the welcome and for "help" alike.
  const coverage = helpCoverageOf(deps, queries);
  return new Assistant({
    districtName,
    coverage,
    understand,
    routes: options.routes ?? featureRoutes(deps, options.messenger, coverage),
    renderAnswer: (answer: Answer, ctx: RequestContext) => (answer.intent === 'help' ? helpCard(answer, districtName, roleToTell(ctx)) : renderOther(answer)),
    renderText: renderTextAnswerCard,
    onUnknownVerb: (req, ctx) =>
      audit.record('card.unknown_verb', ctx.actor.aadObjectId, { verb: req.verb.slice(0, 80), correlationId: ctx.correlationId, conversation: ctx.conversation.type }, ctx.now),
    log: deps.log,
  });
}

/** The demo partnership's data, one step per aggregate. */
export function demoSeedSteps(): DemoSeedStep[] {
  return [
    (deps) => seedDemoCrime(deps.store, deps.clock),
    (deps) => seedDemoActions(deps.store, deps.clock),
    async (deps) => {
      await seedDemoFollowUps(deps.store, deps.clock);
    },
  ];
}

/** The Teams handler over the Assistant, with every hook wired; tests build it the same way. */
export function createCspBot(deps: AppDeps, options: { typingAfterMs?: number; messenger?: PersonalMessenger; answerAhead?: boolean } = {}): CspBot {
  const admins = new Set(deps.config.CSP_ADMINS);
  const main = composeAssistant(deps, { messenger: options.messenger });
  const served = servedPartnerships(deps, main, options.messenger);
  const partnerships = composePartnerships(deps, main, options.messenger, served);
  const opening = new TurnOpening(deps.store);
  return new CspBot({
    // Each conversation is answered for its partnership, in chat, on its cards and in the message
    // extension (search and link unfurling).
    assistant: partnerships,
    messageExtension: new MessageExtension({ serving: (ctx) => partnerships.serving(ctx), log: deps.log }),
    search: peopleSearch(deps),
    conversations: new ConversationRepo(deps.store),
    processed: new ProcessedActivities(deps.store),
    // Kept in the store: the next message may land on another instance.
    turnStates: new TurnStateRepo(deps.store, { minutes: deps.config.CSP_CONTEXT_MINUTES }),
    // One round trip opens a turn; its data versions are the turn's snapshot.
    openTurn: async (input, turn) => {
      const opened = await opening.open(input);
      if (opened.firstSeen) deps.snapshots.startTurn(turn, opened.version);
      return opened;
    },
    // On PostgreSQL a turn's opening waits on the network: the answer is started meanwhile.
    answerAhead: (options.answerAhead ?? deps.store.dialect === 'postgres') ? { begin: (turn) => deps.snapshots.ahead(turn), contextMinutes: deps.config.CSP_CONTEXT_MINUTES } : undefined,
    clock: deps.clock,
    log: deps.log,
    // The one look-up of a person's role in a turn: features take it from the turn's actor.
    roleOf: async (aad, ctx) => (admins.has(aad) ? 'admin' : ((await (await deps.snapshots.ofTurn(ctx)).grantOf(aad))?.role ?? 'member')),
    onPersonSeen: personRecorder(new PersonRepo(deps.store)),
    // Minutes sent in a conversation are its partnership's.
    onFile: (file, ctx) =>
      partnerships.forConversation(ctx, async (district) =>
        minutesFromFile(
          file.name,
          async (maxBytes) => (file.inlineText !== undefined ? Buffer.from(file.inlineText, 'utf8') : downloadFile(file.downloadUrl ?? '', maxBytes)),
          ctx,
          (await served.of(district)).deps,
        ),
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
  const adapter = createAdapter(deps.config, deps.log);
  const sender = new BotProactiveSender(
    adapter,
    deps.config.MicrosoftAppId ?? '',
    new ConversationRepo(deps.store),
    deps.clock,
    { globalPerSecond: deps.config.CSP_SEND_RATE_PER_SECOND },
    deps.log,
  );
  const bot = createCspBot(deps, { messenger: personalMessenger(new ConversationRepo(deps.store), sender) });
  const server = createBotServer({
    processActivity: activityProcessor(adapter, bot),
    store: deps.store,
    log: deps.log,
    version: VERSION,
    reportDownload: (file) => reportDownload(deps, file),
  });
  const background = startBackground(deps, sender);
  return { server, bot, stopBackground: background.stop };
}

/**
 * Work that runs beside the turns: the reminder scheduler (unless CSP_SCHEDULER=off, when
 * `csp remind run-due` runs from cron) and the daily clean-up of remembered activity ids.
 */
function startBackground(deps: AppDeps, sender: BotProactiveSender): { stop(): Promise<void> } {
  const scheduler = new ReminderScheduler(deps, sender, { actionsOf: (partnership) => actionDeadlineSource(deps.store, partnership) });
  if (deps.config.CSP_SCHEDULER === 'on') {
    scheduler.start();
    deps.log.info({ intervalSeconds: deps.config.CSP_SCHEDULER_INTERVAL_SECONDS }, 'reminder scheduler started');
  }
  const processed = new ProcessedActivities(deps.store);
  const turnStates = new TurnStateRepo(deps.store);
  // Daily: forget activity ids Teams will not resend, report drafts whose links have expired and
  // conversations' context after its silence.
  const prune = () =>
    Promise.all([
      processed.prune(new Date(deps.clock.now().getTime() - 2 * 24 * 3600_000)),
      deleteExpiredDrafts(deps.store, deps.clock.now()),
      turnStates.pruneExpired(deps.clock.now()),
    ]).catch((err: unknown) => deps.log.warn({ err }, 'daily clean-up failed'));
  void prune();
  const stopPruning = deps.clock.repeat(24 * 3600_000, () => void prune(), { unref: true });
  return {
    async stop() {
      stopPruning();
      await scheduler.stop();
      await sender.stop();
    },
  };
}

export interface RunningBot {
  port: number;
  shutdown(): Promise<void>;
}

/** Starts the bot: configuration, store, demo seed when empty, HTTP server and the reminder scheduler. */
/** Starts the bot; `onQuery` is told of every statement the store runs (benchmarks count a turn's round trips). */
export async function startBot(config: Config, options: { clock?: Clock; log?: Logger; onQuery?: OpenOptions['onQuery'] } = {}): Promise<RunningBot> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const deps = await bootstrap(config, { clock: options.clock, log, onQuery: options.onQuery });
  const running = await composeBot(deps);
  const port = await running.server.listen(config.PORT);
  log.info({ port, store: deps.store.dialect, area: deps.pack.district.name, clock: deps.clock.now().toISOString() }, 'bot listening on /api/messages');
  let stopping: Promise<void> | undefined;
  return {
    port,
    shutdown() {
      stopping ??= (async () => {
        log.info('shutting down: no new turns, finishing those in flight');
        await running.stopBackground();
        await running.server.shutdown();
        await deps.store.close();
        log.info('stopped');
      })();
      return stopping;
    },
  };
}

/** Reads .env (when present) and the environment; a bad value stops the process naming the variable. */
export function configOrExit(): Config {
  if (existsSync('.env')) loadDotenv({ quiet: true });
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const log = createLogger(config.LOG_LEVEL);
  let bot: RunningBot;
  try {
    bot = await startBot(config, { log });
  } catch (err) {
    log.fatal({ err }, 'could not start');
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      bot.shutdown().then(
        () => process.exit(0),
        (err) => {
          log.error({ err }, 'unclean shutdown');
          process.exit(1);
        },
      );
    });
  }
}

if (require.main === module) void main();
