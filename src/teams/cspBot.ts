import {
  Activity,
  ActivityTypes,
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  AppBasedLinkQuery,
  InvokeResponse,
  MessageFactory,
  MessagingExtensionQuery,
  MessagingExtensionResponse,
  SearchInvokeResponse,
  SearchInvokeValue,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import type { Reply, RequestContext } from '../core/turn';
import type { Clock } from '../core/clock';
import { LazyTurnState, MemoryTurnStates, type TurnStateKey, type TurnStateStore } from '../core/turnState';
import type { Logger } from '../core/log';
import { correlationId } from '../core/log';
import type { Actor, Role } from '../core/roles';
import type { ProcessedActivities } from '../store/activityLog';
import { ConversationInput, ConversationRepo, conversationKey } from '../store/conversationRepo';
import type { OpenedTurn, TurnOpeningInput } from '../store/turnOpening';
import { cardAttachment, toInvokeResponse } from './invokeResponse';
import { conversationFromActivity, conversationTypeOf, tenantOf } from './references';
import { SentFile, sentFiles } from './attachments';
import type { Answering } from './partnerships';
import { DownloadError } from '../sources/download';
import { MessageExtension, notSupportedInvoke } from './messageExtension';

export interface BotDeps {
  /** One assistant, or the partnerships' (see partnerships.ts), answering each conversation. */
  assistant: Answering;
  conversations: ConversationRepo;
  processed: ProcessedActivities;
  clock: Clock;
  log: Logger;
  /** The role of a user by AAD object id (CSP_ADMINS first, then the store as this turn sees it). */
  roleOf(aadObjectId: string, ctx: RequestContext): Promise<Role>;
  /** Called with each person who speaks to the bot, so their Teams user id is known for card views. */
  onPersonSeen?(actor: Actor, at: Date): Promise<void>;
  /** Handles a file the user sent (minutes as .txt or .docx). */
  onFile?(file: SentFile, ctx: RequestContext): Promise<Reply>;
  /**
   * Answers a card's `Data.Query` type-ahead (`application/search`): choices for a dataset, or
   * undefined for a dataset the bot does not have.
   */
  search?(dataset: string, text: string, options: { skip: number; top: number }, ctx: RequestContext): Promise<{ title: string; value: string }[] | undefined>;
  /** Work taking longer than this shows a typing indicator first (default 250 ms; 0 = always). */
  typingAfterMs?: number;
  /** Search in the compose box and police.uk link previews; without it those invokes are "not supported". */
  messageExtension?: MessageExtension;
  /**
   * Where each person's turn state is kept between messages: the store (TurnStateRepo), so the next
   * message may land on another instance. Without it, state is kept in this process only.
   */
  turnStates?: TurnStateStore;
  /**
   * Opens a turn (a message or a card action) in one go (see store/turnOpening.ts): records the
   * activity and reads what the turn needs first, for `turn` (the turn's context). Without it, the
   * activity is recorded through `processed` and the rest read when first needed.
   */
  openTurn?(input: TurnOpeningInput, turn: RequestContext): Promise<OpenedAtEdge>;
  /**
   * Answers ahead: while a message's turn is being opened (a round trip to a store across the
   * network), its answer is started as a guess, at the data versions the latest turn read and
   * with the person's context as this process last knew it; `begin` starts such a turn's data
   * (false: nothing to guess from yet). Only answers that read kept data and write nothing are
   * started (see Assistant.answerAhead), so a wrong guess, or a re-delivered message, costs only
   * the work: the turn itself answers as always, sharing the guessed work only where its opening
   * read the same. Worth it only where opening a turn waits on the network (PostgreSQL).
   */
  answerAhead?: { begin(turn: RequestContext): boolean; contextMinutes: number };
}

/** What opening a turn tells the edge: whether it is a first delivery, and what was read with it. */
export type OpenedAtEdge = Pick<OpenedTurn, 'firstSeen'> & Partial<Pick<OpenedTurn, 'slots' | 'referenceCurrent'>>;

/** A turn's context at the edge: its state is saved here once the turn is done. */
type EdgeContext = RequestContext & { state: LazyTurnState };

/**
 * The Teams edge: turns activities into plain requests for the Assistant and its answers back
 * into activities. Conversation references are kept current here, as the notes prescribe.
 */
export class CspBot extends TeamsActivityHandler {
  private readonly turnStates: TurnStateStore;
  /** Each person's turn state as this process last knew it, for answering ahead (a guess: never saved anywhere). */
  private readonly knownStates: MemoryTurnStates | undefined;

  constructor(private readonly deps: BotDeps) {
    super();
    this.turnStates = deps.turnStates ?? new MemoryTurnStates();
    this.knownStates = deps.answerAhead && new MemoryTurnStates(deps.answerAhead.contextMinutes);

    this.onMessage(async (context, next) => {
      await this.guard(context, () => this.handleMessage(context));
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.guard(context, () => this.handleInstall(context));
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await this.guard(context, async () => {
        const a = context.activity;
        const key = conversationKey(tenantOf(a), a.conversation.id);
        await this.deps.conversations.markInactive(key, 'uninstalled', this.deps.clock.now());
        const teamId = conversationFromActivity(a).teamId;
        if (teamId) await this.deps.conversations.markTeamInactive(teamId, 'uninstalled from team', this.deps.clock.now());
        this.deps.log.info({ conversation: key }, 'bot removed: reference marked inactive');
      });
      await next();
    });

    this.onTeamsTeamDeletedEvent(async (team, context, next) => {
      await this.guard(context, async () => {
        const n = await this.deps.conversations.markTeamInactive(team.id ?? '', 'team deleted', this.deps.clock.now());
        this.deps.log.info({ teamId: team.id, references: n }, 'team deleted: references marked inactive');
      });
      await next();
    });

    this.onTeamsTeamRestoredEvent(async (_team, context, next) => {
      await this.guard(context, () => this.remember(conversationFromActivity(context.activity)));
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const ctx = this.baseContext(context);
    try {
      const id = context.activity.id;
      const reference = conversationFromActivity(context.activity);
      const opened = await this.open(ctx, id ? `invoke:${id}` : undefined, reference);
      if (!opened) return toInvokeResponse({ kind: 'message', text: 'That was already done.' });
      const trigger = (value as { trigger?: string }).trigger === 'automatic' ? 'automatic' : 'manual';
      if (trigger === 'manual') await this.remember(reference, opened.referenceCurrent);
      if (this.deps.onPersonSeen) await this.deps.onPersonSeen(ctx.actor, ctx.now);
      const outcome = await this.deps.assistant.invoke({ verb: value.action?.verb ?? '', data: value.action?.data ?? {}, trigger }, ctx);
      // A refresh must only return the card: sending or updating during one starts a loop.
      if (trigger === 'manual' && outcome.kind !== 'error') {
        if (outcome.kind === 'card' && outcome.updateOriginal && context.activity.replyToId) {
          await context.updateActivity({ type: ActivityTypes.Message, id: context.activity.replyToId, attachments: [cardAttachment(outcome.updateOriginal)] });
        }
        if (outcome.post) await this.send(context, outcome.post);
      }
      await this.saveState(ctx);
      return toInvokeResponse(outcome);
    } catch (err) {
      this.deps.log.error({ err, correlationId: ctx.correlationId, verb: value.action?.verb }, 'card action failed');
      return toInvokeResponse({ kind: 'error', status: 500, message: `Sorry, something went wrong on my side. Reference: ${ctx.correlationId}.` });
    }
  }

  /** Every invoke gets a well-formed answer: one the bot does not handle is told so, never a bare 501. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    return response.status === 501 ? notSupportedInvoke(context.activity.name) : response;
  }

  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    return this.extension(context, (me, ctx) => me.query(query, ctx));
  }

  protected override async handleTeamsMessagingExtensionSelectItem(context: TurnContext, query: unknown): Promise<MessagingExtensionResponse> {
    return this.extension(context, (me, ctx) => me.selectItem(query, ctx));
  }

  protected override async handleTeamsAppBasedLinkQuery(context: TurnContext, query: AppBasedLinkQuery): Promise<MessagingExtensionResponse> {
    return this.extension(context, (me, ctx) => me.queryLink(query, ctx));
  }

  protected override async handleTeamsAnonymousAppBasedLinkQuery(context: TurnContext, query: AppBasedLinkQuery): Promise<MessagingExtensionResponse> {
    // Figures are public: a link unfurls alike before the app is installed.
    return this.extension(context, (me, ctx) => me.queryLink(query, ctx));
  }

  private async extension(context: TurnContext, work: (me: MessageExtension, ctx: RequestContext) => Promise<MessagingExtensionResponse>): Promise<MessagingExtensionResponse> {
    const me = this.deps.messageExtension;
    if (!me) throw new Error('NotImplemented');
    const ctx = await this.requestContext(context);
    try {
      return await work(me, ctx);
    } catch (err) {
      this.deps.log.error({ err, correlationId: ctx.correlationId, invoke: context.activity.name }, 'message extension failed');
      return { composeExtension: { type: 'message', text: `Sorry, something went wrong on my side. Reference: ${ctx.correlationId}.` } };
    }
  }

  /** A people picker (or any `Data.Query` choice set) asking for choices as someone types. */
  protected override async onSearchInvoke(context: TurnContext, value: SearchInvokeValue): Promise<SearchInvokeResponse> {
    const ctx = await this.requestContext(context);
    try {
      const options = { skip: Number(value.queryOptions?.skip ?? 0) || 0, top: Number(value.queryOptions?.top ?? 15) || 15 };
      const results = this.deps.search ? await this.deps.search(String(value.dataset ?? ''), String(value.queryText ?? ''), options, ctx) : undefined;
      if (!results) {
        this.deps.log.warn({ dataset: String(value.dataset ?? '').slice(0, 80), correlationId: ctx.correlationId }, 'search for an unknown dataset');
        return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'This list cannot be searched.' } as unknown as Record<string, unknown> };
      }
      return { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results } as unknown as Record<string, unknown> };
    } catch (err) {
      this.deps.log.error({ err, correlationId: ctx.correlationId }, 'search failed');
      return { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: `Sorry, the search failed. Reference: ${ctx.correlationId}.` } as unknown as Record<string, unknown> };
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const a = context.activity;
    const ctx = this.baseContext(context);
    const reference = conversationFromActivity(a);
    const files = sentFiles(a);
    const text = questionText(a);
    // The opening goes out first; the answer ahead starts once it has been sent.
    const opening = this.open(ctx, a.id, reference);
    const ahead = files.length === 0 ? this.answerAhead(ctx, text) : undefined;
    try {
      const opened = await opening;
      if (!opened) {
        this.deps.log.info({ activityId: a.id }, 're-delivered activity ignored');
        return;
      }
      await this.remember(reference, opened.referenceCurrent);
      if (this.deps.onPersonSeen) await this.deps.onPersonSeen(ctx.actor, ctx.now);

      if (files.length > 0 && this.deps.onFile) {
        const onFile = this.deps.onFile;
        const reply = await this.withTyping(context, () => onFile(files[0], ctx).catch((err: unknown) => fileProblem(err)));
        await this.send(context, reply);
        return await this.saveState(ctx);
      }
      const reply = await this.withTyping(context, () => this.deps.assistant.respond(text, ctx));
      // What was asked is kept even if the send fails: saved once read (see savesEarly), and
      // anything changed since while the answer travels.
      await Promise.all([this.send(context, { card: reply.card, text: reply.card ? undefined : reply.answer.text }), this.saveState(ctx)]);
    } finally {
      // Work started ahead never outlives its turn (it is the turn's own work when the guess held).
      await ahead;
    }
  }

  /**
   * Starts the answer to `text` while the turn opens (see BotDeps.answerAhead), in a copy of the
   * turn's context: its own data versions (the latest read), the person's role at them, and a
   * throwaway copy of the person's state as last known here. Never fails: a guess that goes wrong
   * is the turn's to answer.
   */
  private answerAhead(ctx: EdgeContext & { stateKey: TurnStateKey }, text: string): Promise<void> | undefined {
    const { answerAhead } = this.deps;
    const known = this.knownStates;
    const answer = this.deps.assistant.answerAhead?.bind(this.deps.assistant);
    if (!answerAhead || !known || !answer) return undefined;
    const guess: EdgeContext = { ...ctx, actor: { ...ctx.actor }, state: new LazyTurnState(known, ctx.stateKey, ctx.now) };
    if (!answerAhead.begin(guess)) return undefined;
    return (async () => {
      await afterPendingWork();
      guess.actor.role = await this.deps.roleOf(guess.actor.aadObjectId, guess);
      await answer(text, guess);
    })().catch((err: unknown) => this.deps.log.debug({ err, correlationId: ctx.correlationId }, 'answer ahead abandoned'));
  }

  /**
   * Opens a turn: records the activity (as `recordAs`; undefined when it cannot be re-delivered)
   * and, with `openTurn`, reads in the same go what the turn reads first (data versions, turn
   * state, whether the stored conversation reference is current); then the person's role.
   * Undefined when the activity was handled before.
   */
  private async open(ctx: EdgeContext & { stateKey: TurnStateKey }, recordAs: string | undefined, reference: ConversationInput): Promise<OpenedAtEdge | undefined> {
    const opened: OpenedAtEdge = this.deps.openTurn
      ? await this.deps.openTurn({ activityId: recordAs, at: ctx.now, state: ctx.stateKey, reference }, ctx)
      : { firstSeen: recordAs ? await this.deps.processed.firstSeen(recordAs, ctx.now) : true };
    if (!opened.firstSeen) return undefined;
    if (opened.slots) ctx.state = new LazyTurnState(this.turnStates, ctx.stateKey, ctx.now, opened.slots, this.savesEarly(() => ctx));
    ctx.actor.role = await this.deps.roleOf(ctx.actor.aadObjectId, ctx);
    return opened;
  }

  /**
   * Keeps what the turn changed in its state (one write, only if something changed). The answer
   * has been sent by now, so a failure here is logged, not apologised for: the next message
   * simply starts without the context.
   */
  private async saveState(ctx: EdgeContext & { stateKey?: TurnStateKey }): Promise<void> {
    try {
      await ctx.state.save();
    } catch (err) {
      this.deps.log.warn({ err, correlationId: ctx.correlationId }, 'turn state not saved');
      return;
    }
    const known = ctx.state.known();
    if (this.knownStates && known && ctx.stateKey) await this.knownStates.save(ctx.stateKey, known, ctx.now);
  }

  private async handleInstall(context: TurnContext): Promise<void> {
    const a = context.activity;
    const ctx = await this.requestContext(context);
    if (!(await this.firstDelivery(a, ctx.now))) return;
    const before = await this.deps.conversations.get(ctx.conversation.key);
    await this.remember(conversationFromActivity(a));
    // The Playground re-sends install events on every page load: greet only a new or revived conversation.
    if (!before || !before.active) await this.send(context, await this.deps.assistant.welcome(ctx));
  }

  /**
   * Shows "typing…" only when the work is slow: a quick answer arrives before an indicator would,
   * and an extra send per turn costs Teams' per-conversation rate budget.
   */
  private async withTyping<T>(context: TurnContext, work: () => Promise<T>): Promise<T> {
    const after = this.deps.typingAfterMs ?? 250;
    let typing: Promise<unknown> | undefined;
    const sendTyping = () => {
      typing = context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
    };
    if (after <= 0) sendTyping();
    const cancel = after > 0 ? this.deps.clock.setTimer(after, sendTyping) : undefined;
    try {
      return await work();
    } finally {
      cancel?.();
      if (typing) await typing;
    }
  }

  /** Keeps the conversation's reference current; `current`: whether it is already, when the turn's opening has said. */
  private async remember(reference: ConversationInput, current?: boolean): Promise<void> {
    await this.deps.conversations.upsertActive(reference, this.deps.clock.now(), current);
  }

  private async firstDelivery(activity: Activity, at: Date): Promise<boolean> {
    if (!activity.id) return true;
    const first = await this.deps.processed.firstSeen(activity.id, at);
    if (!first) this.deps.log.info({ activityId: activity.id }, 're-delivered activity ignored');
    return first;
  }

  private async send(context: TurnContext, reply: Reply): Promise<void> {
    if (reply.card) {
      const msg = MessageFactory.attachment(cardAttachment(reply.card));
      if (reply.text) msg.text = reply.text;
      await context.sendActivity(msg);
    } else if (reply.text) {
      await context.sendActivity(MessageFactory.text(reply.text));
    }
  }

  private async requestContext(context: TurnContext): Promise<EdgeContext> {
    const ctx = this.baseContext(context);
    // The role is looked up for this turn's context, so that the rest of the turn shares the lookup.
    ctx.actor.role = await this.deps.roleOf(ctx.actor.aadObjectId, ctx);
    return ctx;
  }

  /** A turn's context before anything is read: the role is a member's until looked up. */
  private baseContext(context: TurnContext): EdgeContext & { stateKey: TurnStateKey } {
    const a = context.activity;
    const aad = a.from?.aadObjectId ?? a.from?.id ?? 'unknown';
    const tenantId = tenantOf(a);
    const key = conversationKey(tenantId, a.conversation.id);
    const now = this.deps.clock.now();
    // Per person: in a group chat each member has their own thread of questions.
    const stateKey: TurnStateKey = { conversationKey: key, personId: aad };
    const edge: EdgeContext & { stateKey: TurnStateKey } = {
      state: new LazyTurnState(this.turnStates, stateKey, now, undefined, this.savesEarly(() => edge)),
      actor: { aadObjectId: aad, teamsUserId: a.from?.id, name: a.from?.name ?? 'there', role: 'member' },
      conversation: { key, id: a.conversation.id, tenantId, type: conversationTypeOf(a) },
      now,
      correlationId: correlationId(),
      stateKey,
    };
    return edge;
  }

  /**
   * Saves a turn's state as soon as it changes (once the work queued with the change has run),
   * while the answer is still being made: on a store across the network the write then costs the
   * turn no wait of its own. The end of the turn saves whatever changed after (see saveState).
   */
  private savesEarly(turn: () => EdgeContext): () => void {
    let queued = false;
    return () => {
      if (queued) return;
      queued = true;
      void afterPendingWork()
        .then(() => {
          queued = false;
          return turn().state.save();
        })
        .catch((err: unknown) => this.deps.log.warn({ err, correlationId: turn().correlationId }, 'turn state not saved'));
    };
  }

  /** Runs a turn's work; a fault of ours is logged with a correlation id and answered with an apology. */
  private async guard(context: TurnContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      const id = correlationId();
      this.deps.log.error({ err, correlationId: id, activityType: context.activity.type, activityId: context.activity.id }, 'turn failed');
      try {
        await context.sendActivity(MessageFactory.text(`Sorry, something went wrong on my side and nothing was changed. If it keeps happening, quote reference ${id}.`));
      } catch (sendErr) {
        this.deps.log.error({ err: sendErr, correlationId: id }, 'could not send the apology');
      }
    }
  }
}

/** The question in a message: typed text without the bot's @mention, or a submitted card's question. */
export function questionText(activity: Activity): string {
  const value = activity.value as { question?: unknown } | undefined;
  if (value && typeof value.question === 'string') return value.question;
  const withoutMention = activity.entities?.some((e) => e.type === 'mention') ? TurnContext.removeRecipientMention(activity) : activity.text;
  return (withoutMention ?? '').replace(/<at>[^<]*<\/at>/gi, ' ').trim();
}

/** Resolves once the work already queued (promise callbacks: a store statement on its way out) has run. */
function afterPendingWork(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A problem with a sent file the user can act on is told to them; anything else is our fault. */
function fileProblem(err: unknown): Reply {
  if (err instanceof DownloadError) return { text: err.message };
  throw err;
}
