import { randomBytes } from 'node:crypto';
import { partnershipOf, type AppDeps } from '../deps';
import type { CancelTimer } from '../../core/clock';
import { planDeliveries, ResolvedDelivery } from './catchUp';
import { ActionPlanChange, DEFAULT_DIGEST, DigestConfig } from './digest';
import { DEFAULT_HOLIDAYS, HolidaySet } from '../../domain/followups/holidays';
import { Deadline, DEFAULT_SCHEDULE, FollowUp, Recipient, ReminderScheduleConfig, ReminderSubject, subjectOfFollowUp } from '../../domain/followups/model';
import type { ProactiveMessage, ProactiveSender, SendOutcome } from './sender';
import { ConversationRepo, StoredConversation } from '../../store/conversationRepo';
import { FollowUpRepo } from '../../store/followUpRepo';
import { AttemptRecord, Reminder, ReminderRepo, storedSendKey } from '../../store/reminderRepo';
import { RoleRepo } from '../../store/roleRepo';
import { PartnershipRepo } from '../../store/partnershipRepo';
import { stampPartnership } from '../../cards/partnership';
import { ActionDeadline, deadlineOfAction, deadlineOfFollowUp, nextLookAt, plannedDrafts, triage } from './planner';
import { ReminderClaimer } from './claimer';
import { ReminderComposer } from './composer';

export type { ActionDeadline } from './planner';

/**
 * Where action target dates come from. The scheduler depends on this narrow interface only, so the
 * actions aggregate can change inside without touching reminders.
 */
export interface DeadlineSource {
  /** Open actions with a target date. */
  openDeadlines(): Promise<ActionDeadline[]>;
  /** The action as a reminder card shows it, or null when it no longer exists. */
  subject(id: string): Promise<ReminderSubject | null>;
}

/** What changed in the action plan between two moments, for the weekly digest. */
export interface ActionPlanChangeSource {
  changesBetween(fromIso: string, toIso: string): Promise<ActionPlanChange[]>;
}

export interface SchedulerOptions {
  /** Names this instance in claims and the attempt log; random when not given. */
  instanceId: string;
  /** How often the loop runs. Short by default so a demo reminder arrives within a minute of falling due. */
  intervalMs: number;
  /** Claims per round, kept small so a dead instance holds few; a run keeps claiming until nothing is due. */
  batchSize: number;
  /** How long a claim is held without a heartbeat (renewed every third of it); a dead instance's claims are taken over after it. */
  leaseMs: number;
  /** A reminder older than this when it is claimed was missed (downtime): folded into a summary. */
  catchUpAfterMs: number;
  /** How far ahead overdue reminders are planned. */
  lookaheadMs: number;
  /** After this many claims a delivery that keeps failing is given up (state dead). */
  maxAttempts: number;
  /** How long a reminder with no conversation to go to (the app not installed yet) waits before it is looked at again. */
  waitForConversationMs: number;
  /** Sends in flight at once (the sender paces them). */
  concurrency: number;
  schedule: ReminderScheduleConfig;
  holidays: HolidaySet;
  digest: DigestConfig;
  /**
   * The default partnership's committee channel (its conversation key); else each partnership's
   * stored setting, else the only channel of the partnership the bot is in.
   */
  committeeConversationKey?: string;
  /** A partnership's action deadlines and plan changes, when reminders cover actions too. */
  actionsOf?: (partnership: string) => DeadlineSource & ActionPlanChangeSource;
}

export interface RunSummary {
  planned: number;
  claimed: number;
  sent: number;
  summaries: number;
  summarised: number;
  merged: number;
  skipped: number;
  waiting: number;
  failed: number;
  dead: number;
  /** Sent again after the instance sending them died: the recipient may have had them already. */
  possiblyDuplicated: number;
  /** Time spent inside the sender (network and pacing), so the scheduler's own overhead is `durationMs - sendMs`. */
  sendMs: number;
  durationMs: number;
}

function emptySummary(): RunSummary {
  return { planned: 0, claimed: 0, sent: 0, summaries: 0, summarised: 0, merged: 0, skipped: 0, waiting: 0, failed: 0, dead: 0, possiblyDuplicated: 0, sendMs: 0, durationMs: 0 };
}

export function defaultSchedulerOptions(deps: Pick<AppDeps, 'config'>): SchedulerOptions {
  const tz = deps.config.CSP_TIMEZONE;
  return {
    instanceId: `csp-${randomBytes(4).toString('hex')}`,
    intervalMs: deps.config.CSP_SCHEDULER_INTERVAL_SECONDS * 1000,
    batchSize: 25,
    leaseMs: 45_000,
    catchUpAfterMs: 60 * 60_000,
    lookaheadMs: 24 * 60 * 60_000,
    maxAttempts: 10,
    waitForConversationMs: 30_000,
    concurrency: 64,
    schedule: { ...DEFAULT_SCHEDULE, timezone: tz },
    holidays: DEFAULT_HOLIDAYS,
    digest: digestFromConfig(deps.config.CSP_DIGEST_WEEKDAY, tz),
  };
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

/** The weekly digest's day from configuration (`off` turns it off), at the default local time. */
export function digestFromConfig(day: 'off' | (typeof WEEKDAYS)[number], timezone: string): SchedulerOptions['digest'] {
  if (day === 'off') return { ...DEFAULT_DIGEST, enabled: false, timezone };
  return { ...DEFAULT_DIGEST, weekday: WEEKDAYS.indexOf(day) + 1, timezone };
}

/**
 * The reminder loop, for every partnership the store holds. Each run plans the deliveries of each
 * partnership's open follow-ups and action deadlines and its weekly digest (one row per item, time
 * and recipient, under a key unique in the store: the planner says what), claims what is due in
 * small leased batches whatever its partnership (the claimer, which keeps the lease alive and
 * records each send on both sides), and sends what the composer builds from that partnership's
 * records. Any number of instances may run it against one PostgreSQL store: claims are exclusive,
 * and a dead instance's are taken over within a lease.
 */
export class ReminderScheduler {
  readonly options: SchedulerOptions;
  private readonly followUps = new Map<string, FollowUpRepo>();
  private readonly reminders: ReminderRepo;
  private readonly conversations: ConversationRepo;
  private readonly roles: RoleRepo;
  readonly claimer: ReminderClaimer;
  /** Send keys this instance knows are stored, so a run does not re-insert them (the store stays the truth). */
  private readonly plannedKeys = new Set<string>();
  private cancelTimer: CancelTimer | undefined;
  private running: Promise<RunSummary> | undefined;
  private stopped = true;

  constructor(
    private readonly deps: AppDeps,
    private readonly sender: ProactiveSender,
    options: Partial<SchedulerOptions> = {},
  ) {
    this.options = { ...defaultSchedulerOptions(deps), ...options };
    this.reminders = new ReminderRepo(deps.store);
    this.conversations = new ConversationRepo(deps.store);
    this.roles = new RoleRepo(deps.store);
    this.claimer = new ReminderClaimer(this.reminders, deps.clock, deps.log, {
      instanceId: this.options.instanceId,
      leaseMs: this.options.leaseMs,
      batchSize: this.options.batchSize,
    });
  }

  /** Runs now, then every `intervalMs` after the previous run ends. */
  start(intervalMs: number = this.options.intervalMs): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.runDue();
      try {
        const s = await this.running;
        // Runs that only re-check reminders still waiting for a conversation are routine: debug level.
        const level = s.sent > 0 || s.summaries > 0 || s.failed > 0 || s.dead > 0 || s.planned > 0 ? 'info' : 'debug';
        if (s.claimed > 0 || s.planned > 0) this.deps.log[level]({ instance: this.options.instanceId, ...s }, 'reminder run');
      } catch (err) {
        this.deps.log.error({ err, instance: this.options.instanceId }, 'reminder run failed');
      } finally {
        this.running = undefined;
      }
      if (!this.stopped) this.cancelTimer = this.deps.clock.setTimer(intervalMs, () => void tick());
    };
    void tick();
  }

  /** Stops the loop and waits for a run in progress to finish its sends. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.running) await this.running.catch(() => undefined);
  }

  async runDue(): Promise<RunSummary> {
    const started = process.hrtime.bigint();
    const summary = emptySummary();
    const now = this.deps.clock.now();
    summary.planned = await this.plan(now);
    const ctx = new RunContext((partnership) => this.composerFor(partnership));
    this.claimer.startHeartbeat();
    try {
      for (let round = 0; round < 10_000; round++) {
        const claimed = await this.claimer.claim();
        if (claimed.length === 0) break;
        summary.claimed += claimed.length;
        summary.possiblyDuplicated += claimed.filter((r) => r.sendingAt !== null).length;
        await this.process(claimed, ctx, summary);
        if (claimed.length < this.options.batchSize) break;
      }
    } finally {
      this.claimer.stopHeartbeat();
    }
    summary.durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    return summary;
  }

  /** The partnership served by default (CSP_AREA): the one whose digest goes out even when it holds nothing yet. */
  private get defaultPartnership(): string {
    return partnershipOf(this.deps);
  }

  /** Every partnership with follow-ups or actions in the store, and the default one. */
  private async partnerships(): Promise<string[]> {
    return [...new Set([this.defaultPartnership, ...(await new PartnershipRepo(this.deps.store).withRecords())])];
  }

  private followUpsOf(partnership: string): FollowUpRepo {
    let repo = this.followUps.get(partnership);
    if (!repo) {
      repo = new FollowUpRepo(this.deps.store, partnership);
      this.followUps.set(partnership, repo);
    }
    return repo;
  }

  /** Plans deliveries for every partnership's open follow-ups and action deadlines, and its weekly digest. */
  async plan(now: Date): Promise<number> {
    const until = new Date(now.getTime() + this.options.lookaheadMs).toISOString();
    const coordinators = (await this.roles.withRole('coordinator')).map((g) => g.aadObjectId);
    // A cache only (the unique key in the store is the guard); bounded so a long-running bot does not grow it for ever.
    if (this.plannedKeys.size > 200_000) this.plannedKeys.clear();
    let inserted = 0;
    for (const partnership of await this.partnerships()) {
      const deadlines: Deadline[] = (await this.followUpsOf(partnership).list({ status: ['open'] })).map((f) => deadlineOfFollowUp(f, this.options.schedule));
      const actions = this.options.actionsOf?.(partnership);
      if (actions) {
        for (const a of await actions.openDeadlines()) deadlines.push(deadlineOfAction(a, this.options.schedule));
      }
      const drafts = plannedDrafts({ now, until, deadlines, coordinators, holidays: this.options.holidays, digest: this.options.digest });
      const fresh = drafts.filter((d) => !this.plannedKeys.has(storedSendKey(partnership, d.sendKey)));
      inserted += await this.reminders.plan(fresh, now, partnership);
      for (const d of fresh) this.plannedKeys.add(storedSendKey(partnership, d.sendKey));
    }
    return inserted;
  }

  private composerFor(partnership: string): ReminderComposer {
    const actions = this.options.actionsOf?.(partnership);
    return new ReminderComposer(this.deps.clock, this.options.schedule.timezone, {
      openFollowUps: () => this.followUpsOf(partnership).list({ status: ['open'] }),
      lastDigestSentAt: () => this.reminders.lastDigestSentAt(partnership),
      openDeadlines: actions ? () => actions.openDeadlines() : undefined,
      changesBetween: actions ? (from, to) => actions.changesBetween(from, to) : undefined,
    });
  }

  /** A message of another partnership than the default carries its partnership on every button (see cards/partnership). */
  private stamped(partnership: string, message: ProactiveMessage): ProactiveMessage {
    if (partnership === this.defaultPartnership || !message.card) return message;
    return { ...message, card: stampPartnership(message.card, partnership) };
  }

  private async process(claimed: Reminder[], ctx: RunContext, summary: RunSummary): Promise<void> {
    await this.loadSubjects(claimed, ctx);
    const resolved: (ResolvedDelivery & { row: Reminder })[] = [];
    const skip = new Map<string, number[]>();
    const wait: Reminder[] = [];
    const addSkip = (reason: string, id: number) => skip.set(reason, [...(skip.get(reason) ?? []), id]);
    const now = this.deps.clock.now();
    for (const r of claimed) {
      const subject = ctx.subjects.get(subjectKey(r));
      const t = triage(r, subject, ctx.followUps.get(subjectKey(r)), now, { catchUpAfterMs: this.options.catchUpAfterMs, canLookUpActions: !!this.options.actionsOf });
      if (t.kind === 'skip') {
        addSkip(t.reason, r.id);
        continue;
      }
      if (t.kind === 'wait') {
        wait.push(r);
        continue;
      }
      const conversation = await this.resolve(r.partnership, r.recipientKind, r.recipient, ctx);
      if (!conversation) {
        wait.push(r);
        continue;
      }
      if (subject?.classification === 'exempt' && conversation.conversationType !== 'personal') {
        addSkip('exempt item: never posted in a channel or group chat', r.id);
        continue;
      }
      resolved.push({
        id: r.id,
        partnership: r.partnership,
        itemKind: r.itemKind,
        itemId: r.itemId,
        stage: r.stage,
        fireAt: r.fireAt,
        conversationKey: conversation.key,
        escalation: r.escalation,
        row: r,
      });
    }
    for (const [reason, ids] of skip) summary.skipped += await this.claimer.skip(ids, reason);
    const byNext = new Map<string, number[]>();
    for (const r of wait) {
      const next = nextLookAt(r, now, this.options.waitForConversationMs);
      byNext.set(next, [...(byNext.get(next) ?? []), r.id]);
    }
    for (const [next, ids] of byNext) summary.waiting += await this.claimer.release(ids, next, 'no-conversation');

    const plan = planDeliveries(resolved, now, this.options.catchUpAfterMs);
    const byInto = new Map<number, number[]>();
    for (const m of plan.merged) byInto.set(m.into, [...(byInto.get(m.into) ?? []), m.delivery.id]);
    const jobs: { ids: number[]; conversationKey: string; outcomeLabel: string; message: () => Promise<ProactiveMessage> }[] = [];
    for (const d of plan.singles) {
      const ids = [d.id, ...(byInto.get(d.id) ?? [])];
      jobs.push({
        ids,
        conversationKey: d.conversationKey,
        outcomeLabel: 'single',
        message: async () => this.stamped(d.partnership, await ctx.composer(d.partnership).single(d, ctx.subjects.get(subjectKey(d)) ?? undefined)),
      });
    }
    for (const s of plan.summaries) {
      const ids = s.deliveries.flatMap((d) => [d.id, ...(byInto.get(d.id) ?? [])]);
      jobs.push({
        ids,
        conversationKey: s.conversationKey,
        outcomeLabel: `summary:${s.deliveries[0].id}`,
        // A summary lists where items stand, with no buttons: one card for every partnership's missed reminders.
        message: async () => ctx.composer(s.deliveries[0].partnership).summary(s.deliveries, (d) => ctx.subjects.get(subjectKey(d))),
      });
    }
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const message = await job.message();
        // Recorded before the send: a crash from here on leaves the rows `sending`, resent once by whoever takes over.
        const held = await this.claimer.beginSend(job.ids);
        if (held.length === 0) continue; // the lease was lost: another instance has these now
        job.ids = held;
        const t0 = process.hrtime.bigint();
        let outcome: SendOutcome;
        try {
          outcome = await this.sender.send(job.conversationKey, message);
        } catch (err) {
          this.deps.log.error({ err, conversationKey: job.conversationKey }, 'proactive send threw');
          outcome = { status: 'retry', code: 'SenderError' };
        }
        summary.sendMs += Number(process.hrtime.bigint() - t0) / 1e6;
        if (outcome.status === 'sent') {
          if (job.outcomeLabel.startsWith('summary')) {
            summary.summaries += 1;
            summary.summarised += job.ids.length;
          } else {
            summary.sent += 1;
            summary.merged += job.ids.length - 1;
          }
          writes.push(
            this.claimer.sent(
              job.ids.map((id) => ({ id, conversationKey: job.conversationKey, outcome: job.outcomeLabel })),
              this.attemptsOf(job.ids, job.conversationKey, job.outcomeLabel, outcome),
            ),
          );
        } else {
          await this.recordFailure(job.ids, job.conversationKey, job.outcomeLabel, outcome, claimed, summary);
        }
      }
    };
    const writes: Promise<void>[] = [];
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, jobs.length) }, () => worker()));
    await Promise.all(writes);
  }

  private attemptsOf(ids: number[], conversationKey: string, label: string, outcome: SendOutcome): AttemptRecord[] {
    const tries = outcome.tries && outcome.tries.length > 0 ? outcome.tries : [{ httpStatus: outcome.httpStatus, code: outcome.code }];
    const attempts: AttemptRecord[] = [];
    for (const id of ids) {
      for (const [i, t] of tries.entries()) {
        const last = i === tries.length - 1;
        attempts.push({
          reminderId: id,
          status: last ? outcome.status : 'retried',
          httpStatus: t.httpStatus ?? null,
          code: t.code ?? null,
          detail: `${label} to ${conversationKey}${t.waitedMs ? `; waited ${t.waitedMs} ms` : ''}`,
        });
      }
    }
    return attempts;
  }

  /** Records a send that did not go out: retried next cycle, or given up. */
  private async recordFailure(ids: number[], conversationKey: string, label: string, outcome: SendOutcome, claimed: Reminder[], summary: RunSummary): Promise<void> {
    const at = this.deps.clock.now();
    await this.claimer.recordAttempts(this.attemptsOf(ids, conversationKey, label, outcome));
    const code = outcome.code ?? (outcome.httpStatus ? `HTTP ${outcome.httpStatus}` : null);
    const wanted = new Set(ids);
    const rows = claimed.filter((r) => wanted.has(r.id));
    const exhausted = rows.some((r) => r.attempts >= this.options.maxAttempts);
    if (outcome.status === 'final' || exhausted) {
      // Read the count before adding: workers run concurrently, and `x += await y` would lose updates.
      const n = await this.claimer.failed(ids, { dead: true, code, conversationKey });
      summary.dead += n;
      return;
    }
    const delay = Math.max(this.options.intervalMs, outcome.retryAfterMs ?? 0);
    const n = await this.claimer.failed(ids, { dead: false, nextAttemptAt: new Date(at.getTime() + delay).toISOString(), code, conversationKey });
    summary.failed += n;
  }

  /** Each claimed item as its partnership holds it: follow-ups and actions are read from their own partnership only. */
  private async loadSubjects(claimed: Reminder[], ctx: RunContext): Promise<void> {
    for (const partnership of new Set(claimed.map((r) => r.partnership))) {
      const mine = claimed.filter((r) => r.partnership === partnership);
      const followUpIds = [...new Set(mine.filter((r) => r.itemKind === 'followup' && !ctx.subjects.has(subjectKey(r))).map((r) => r.itemId))];
      if (followUpIds.length > 0) {
        const found = await this.followUpsOf(partnership).getMany(followUpIds);
        for (const id of followUpIds) {
          const f = found.get(id);
          const key = subjectKey({ partnership, itemKind: 'followup', itemId: id });
          if (f) ctx.followUps.set(key, f);
          ctx.subjects.set(key, f ? subjectOfFollowUp(f) : null);
        }
      }
      const actions = this.options.actionsOf?.(partnership);
      if (actions) {
        for (const r of mine.filter((x) => x.itemKind === 'action')) {
          if (!ctx.subjects.has(subjectKey(r))) ctx.subjects.set(subjectKey(r), await actions.subject(r.itemId));
        }
      }
    }
  }

  private async resolve(partnership: string, kind: Recipient['kind'], target: string, ctx: RunContext): Promise<StoredConversation | null> {
    // A person's chat and a named conversation are the same whoever's item it is; the committee is each partnership's own.
    const k = kind === 'committee' ? `${kind}:${partnership}` : `${kind}:${target}`;
    if (ctx.conversations.has(k)) return ctx.conversations.get(k) ?? null;
    let c: StoredConversation | undefined;
    if (kind === 'user') c = await this.conversations.personalChatOf(target);
    else if (kind === 'conversation') c = await this.conversations.get(target);
    else c = await this.committeeConversation(partnership);
    const usable = c && c.active ? c : null;
    ctx.conversations.set(k, usable);
    return usable;
  }

  /**
   * A partnership's committee channel: configured (the default partnership's), or stored as its
   * setting, or the one channel of that partnership the bot is installed in (a channel answers for
   * the partnership it is bound to, else the default).
   */
  private async committeeConversation(partnership: string): Promise<StoredConversation | undefined> {
    const configured = partnership === this.defaultPartnership ? this.options.committeeConversationKey : undefined;
    const key = configured ?? (await this.reminders.committeeChannel(partnership));
    if (key) return this.conversations.get(key);
    const bound = new Map((await new PartnershipRepo(this.deps.store).list()).map((b) => [b.conversationKey, b.district]));
    const channels = (await this.conversations.list({ activeOnly: true })).filter(
      (c) => c.conversationType === 'channel' && (bound.get(c.key) ?? this.defaultPartnership) === partnership,
    );
    // Only when unambiguous: with several channels, a coordinator has to choose one.
    const teams = new Set(channels.map((c) => c.teamId ?? c.key));
    if (teams.size !== 1) return undefined;
    return channels.find((c) => c.channelId !== null && c.teamId !== null && c.conversationId.startsWith(c.teamId)) ?? channels[0];
  }
}

/** An item's key in one run: ids are a partnership's own (two plans may both have a 2024-25/1). */
function subjectKey(r: { partnership: string; itemKind: string; itemId: string }): string {
  return `${r.partnership}|${r.itemKind}:${r.itemId}`;
}

/** What one run has already looked up. */
class RunContext {
  readonly subjects = new Map<string, ReminderSubject | null>();
  readonly followUps = new Map<string, FollowUp>();
  readonly conversations = new Map<string, StoredConversation | null>();
  private readonly composers = new Map<string, ReminderComposer>();
  constructor(private readonly composerOf: (partnership: string) => ReminderComposer) {}

  /** The partnership's composer: its digest and cards are built from its own records. */
  composer(partnership: string): ReminderComposer {
    let c = this.composers.get(partnership);
    if (!c) {
      c = this.composerOf(partnership);
      this.composers.set(partnership, c);
    }
    return c;
  }
}
