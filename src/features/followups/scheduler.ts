import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../deps';
import type { CardJson } from '../../core/turn';
import type { CancelTimer } from '../../core/clock';
import { reminderCard, reminderSummaryCard, digestCard, MissedItem } from './cards';
import { planDeliveries, ResolvedDelivery } from './catchUp';
import { ActionPlanChange, composeDigest, DEFAULT_DIGEST, DigestConfig, digestMoments } from './digest';
import { DEFAULT_HOLIDAYS, HolidaySet } from '../../domain/followups/holidays';
import { Deadline, DEFAULT_SCHEDULE, FollowUp, mergeSchedule, Recipient, ReminderScheduleConfig, ReminderSubject, subjectOfFollowUp } from '../../domain/followups/model';
import type { ProactiveMessage, ProactiveSender, SendOutcome } from './sender';
import { draftsFor, localDate, ReminderDraft, sendKey } from '../../domain/followups/schedule';
import { ConversationRepo, StoredConversation } from '../../store/conversationRepo';
import { FollowUpRepo } from '../../store/followUpRepo';
import { AttemptRecord, Reminder, ReminderRepo } from '../../store/reminderRepo';
import { RoleRepo } from '../../store/roleRepo';

/** An action with a target date, as the actions aggregate describes it to the scheduler. */
export interface ActionDeadline {
  id: string;
  title: string;
  /** YYYY-MM-DD, the current target date. */
  targetDate: string;
  leads: { aadObjectId: string; name: string }[];
  /** When the action was created: no reminder is planned before it. */
  createdAt: string;
}

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
  /** Claims per round; a run keeps claiming until nothing is due. */
  batchSize: number;
  /** How long a claim is held; a claim of a crashed instance is taken again after it. */
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
  /** The committee channel's conversation key; else the stored setting, else the only channel the bot is in. */
  committeeConversationKey?: string;
  deadlines?: DeadlineSource;
  actionChanges?: ActionPlanChangeSource;
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
  /** Time spent inside the sender (network and pacing), so the scheduler's own overhead is `durationMs - sendMs`. */
  sendMs: number;
  durationMs: number;
}

export const COMMITTEE_CHANNEL_SETTING = 'followups.committeeConversationKey';

function emptySummary(): RunSummary {
  return { planned: 0, claimed: 0, sent: 0, summaries: 0, summarised: 0, merged: 0, skipped: 0, waiting: 0, failed: 0, dead: 0, sendMs: 0, durationMs: 0 };
}

export function defaultSchedulerOptions(deps: Pick<AppDeps, 'config'>): SchedulerOptions {
  const tz = deps.config.CSP_TIMEZONE;
  return {
    instanceId: `csp-${randomBytes(4).toString('hex')}`,
    intervalMs: deps.config.CSP_SCHEDULER_INTERVAL_SECONDS * 1000,
    batchSize: 200,
    leaseMs: 10 * 60_000,
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
 * The reminder loop. Each run plans the deliveries of open follow-ups and action deadlines (one row
 * per item, time and recipient, under a unique key), claims what is due, and sends it. Any number
 * of instances may run it against one PostgreSQL store: claims are exclusive and leased.
 */
export class ReminderScheduler {
  readonly options: SchedulerOptions;
  private readonly followUps: FollowUpRepo;
  private readonly reminders: ReminderRepo;
  private readonly conversations: ConversationRepo;
  private readonly roles: RoleRepo;
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
    this.followUps = new FollowUpRepo(deps.store);
    this.reminders = new ReminderRepo(deps.store);
    this.conversations = new ConversationRepo(deps.store);
    this.roles = new RoleRepo(deps.store);
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
    const ctx = new RunContext();
    for (let round = 0; round < 1_000; round++) {
      const claimed = await this.reminders.claimDue(this.deps.clock.now(), this.options.instanceId, this.options.leaseMs, this.options.batchSize);
      if (claimed.length === 0) break;
      summary.claimed += claimed.length;
      await this.process(claimed, ctx, summary);
      if (claimed.length < this.options.batchSize) break;
    }
    summary.durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    return summary;
  }

  /** Plans deliveries for every open follow-up and action deadline, and the weekly digest. */
  async plan(now: Date): Promise<number> {
    const until = new Date(now.getTime() + this.options.lookaheadMs).toISOString();
    const coordinators = (await this.roles.withRole('coordinator')).map((g) => g.aadObjectId);
    const deadlines: Deadline[] = (await this.followUps.list({ status: ['open'] })).map((f) => this.deadlineOf(f));
    if (this.options.deadlines) {
      for (const a of await this.options.deadlines.openDeadlines()) {
        deadlines.push({
          kind: 'action',
          id: a.id,
          title: a.title,
          dueDate: a.targetDate,
          recipients: a.leads.map((l) => ({ kind: 'user', target: l.aadObjectId, label: l.name, role: 'owner', muted: false })),
          schedule: this.options.schedule,
          notBefore: a.createdAt,
          snoozedUntil: null,
        });
      }
    }
    const drafts: ReminderDraft[] = [];
    for (const d of deadlines) drafts.push(...draftsFor(d, until, coordinators, this.options.holidays));
    if (this.options.digest.enabled) {
      for (const m of digestMoments(now, this.options.digest, this.options.holidays)) {
        drafts.push({
          sendKey: sendKey('digest', m.date, m.fireAt, 'committee', 'committee'),
          itemKind: 'digest',
          itemId: m.date,
          stage: 'digest',
          fireAt: m.fireAt,
          recipientKind: 'committee',
          recipient: 'committee',
          escalation: false,
        });
      }
    }
    // A cache only (the unique key in the store is the guard); bounded so a long-running bot does not grow it for ever.
    if (this.plannedKeys.size > 200_000) this.plannedKeys.clear();
    const fresh = drafts.filter((d) => !this.plannedKeys.has(d.sendKey));
    const inserted = await this.reminders.plan(fresh, now);
    for (const d of fresh) this.plannedKeys.add(d.sendKey);
    return inserted;
  }

  private deadlineOf(f: FollowUp): Deadline {
    return {
      kind: 'followup',
      id: f.id,
      title: f.title,
      dueDate: f.dueDate,
      recipients: f.recipients,
      schedule: mergeSchedule(this.options.schedule, f.schedule),
      notBefore: f.createdAt,
      snoozedUntil: f.snoozedUntil,
    };
  }

  private async process(claimed: Reminder[], ctx: RunContext, summary: RunSummary): Promise<void> {
    const me = this.options.instanceId;
    await this.loadSubjects(claimed, ctx);
    const resolved: (ResolvedDelivery & { row: Reminder })[] = [];
    const skip = new Map<string, number[]>();
    const wait: number[] = [];
    const addSkip = (reason: string, id: number) => skip.set(reason, [...(skip.get(reason) ?? []), id]);
    const now = this.deps.clock.now();
    for (const r of claimed) {
      if (r.itemKind === 'digest') {
        if (r.fireAt < new Date(now.getTime() - this.options.catchUpAfterMs).toISOString()) {
          // A digest days late is news no one needs; next week's will come.
          addSkip('stale digest', r.id);
          continue;
        }
      } else {
        const subject = ctx.subjects.get(`${r.itemKind}:${r.itemId}`);
        if (subject === undefined && r.itemKind === 'action' && !this.options.deadlines) {
          wait.push(r.id);
          continue;
        }
        if (!subject) {
          addSkip('item gone', r.id);
          continue;
        }
        if (!subject.open) {
          addSkip(`item ${subject.status}`, r.id);
          continue;
        }
        const f = ctx.followUps.get(r.itemId);
        if (r.itemKind === 'followup' && f) {
          if (f.snoozedUntil && r.fireAt < f.snoozedUntil) {
            addSkip('snoozed', r.id);
            continue;
          }
          if (f.recipients.some((x) => x.kind === r.recipientKind && x.target === r.recipient && x.muted)) {
            addSkip('muted', r.id);
            continue;
          }
        }
      }
      const conversation = await this.resolve(r.recipientKind, r.recipient, ctx);
      if (!conversation) {
        wait.push(r.id);
        continue;
      }
      const subject = ctx.subjects.get(`${r.itemKind}:${r.itemId}`);
      if (subject?.classification === 'exempt' && conversation.conversationType !== 'personal') {
        addSkip('exempt item: never posted in a channel or group chat', r.id);
        continue;
      }
      resolved.push({ id: r.id, itemKind: r.itemKind, itemId: r.itemId, stage: r.stage, fireAt: r.fireAt, conversationKey: conversation.key, escalation: r.escalation, row: r });
    }
    for (const [reason, ids] of skip) summary.skipped += await this.reminders.skip(ids, me, now, reason);
    if (wait.length > 0) {
      // Look again soon for a reminder that just fell due (the app is being installed), and less
      // often for one that has waited for days (someone who never opened a chat with the bot).
      const byDelay = new Map<string, number[]>();
      const byId = new Map(claimed.map((r) => [r.id, r]));
      for (const id of wait) {
        const row = byId.get(id)!;
        const age = Math.max(0, now.getTime() - Date.parse(row.fireAt));
        const delay = Math.min(60 * 60_000, Math.max(this.options.waitForConversationMs, Math.round(age / 10)));
        const next = new Date(now.getTime() + delay).toISOString();
        byDelay.set(next, [...(byDelay.get(next) ?? []), id]);
      }
      for (const [next, ids] of byDelay) summary.waiting += await this.reminders.release(ids, me, now, next, 'no-conversation');
    }

    const plan = planDeliveries(resolved, now, this.options.catchUpAfterMs);
    const byInto = new Map<number, number[]>();
    for (const m of plan.merged) byInto.set(m.into, [...(byInto.get(m.into) ?? []), m.delivery.id]);
    const jobs: { ids: number[]; conversationKey: string; outcomeLabel: string; message: () => Promise<ProactiveMessage> }[] = [];
    for (const d of plan.singles) {
      const ids = [d.id, ...(byInto.get(d.id) ?? [])];
      jobs.push({ ids, conversationKey: d.conversationKey, outcomeLabel: 'single', message: () => this.singleMessage(d, ctx) });
    }
    for (const s of plan.summaries) {
      const ids = s.deliveries.flatMap((d) => [d.id, ...(byInto.get(d.id) ?? [])]);
      jobs.push({ ids, conversationKey: s.conversationKey, outcomeLabel: `summary:${s.deliveries[0].id}`, message: () => this.summaryMessage(s.deliveries, ctx) });
    }
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const message = await job.message();
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
            sentWriter.add({
              entries: job.ids.map((id) => ({ id, conversationKey: job.conversationKey, outcome: job.outcomeLabel })),
              attempts: this.attemptsOf(job.ids, job.conversationKey, job.outcomeLabel, outcome),
            }),
          );
        } else {
          await this.recordFailure(job.ids, job.conversationKey, job.outcomeLabel, outcome, claimed, summary);
        }
      }
    };
    const writes: Promise<void>[] = [];
    const sentWriter = new GroupCommit<{ entries: { id: number; conversationKey: string; outcome: string }[]; attempts: AttemptRecord[] }>(async (batch) => {
      const at = this.deps.clock.now();
      await this.reminders.recordAttempts(batch.flatMap((b) => b.attempts), this.options.instanceId, at);
      await this.reminders.markSentMany(batch.flatMap((b) => b.entries), this.options.instanceId, at);
    });
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
    const me = this.options.instanceId;
    const at = this.deps.clock.now();
    await this.reminders.recordAttempts(this.attemptsOf(ids, conversationKey, label, outcome), me, at);
    const code = outcome.code ?? (outcome.httpStatus ? `HTTP ${outcome.httpStatus}` : null);
    const wanted = new Set(ids);
    const rows = claimed.filter((r) => wanted.has(r.id));
    const exhausted = rows.some((r) => r.attempts >= this.options.maxAttempts);
    if (outcome.status === 'final' || exhausted) {
      // Read the count before adding: workers run concurrently, and `x += await y` would lose updates.
      const n = await this.reminders.markFailed(ids, me, at, { dead: true, code, conversationKey });
      summary.dead += n;
      return;
    }
    const delay = Math.max(this.options.intervalMs, outcome.retryAfterMs ?? 0);
    const n = await this.reminders.markFailed(ids, me, at, { dead: false, nextAttemptAt: new Date(at.getTime() + delay).toISOString(), code, conversationKey });
    summary.failed += n;
  }

  private async loadSubjects(claimed: Reminder[], ctx: RunContext): Promise<void> {
    const followUpIds = [...new Set(claimed.filter((r) => r.itemKind === 'followup' && !ctx.followUps.has(r.itemId)).map((r) => r.itemId))];
    if (followUpIds.length > 0) {
      const found = await this.followUps.getMany(followUpIds);
      for (const id of followUpIds) {
        const f = found.get(id);
        if (f) ctx.followUps.set(id, f);
        ctx.subjects.set(`followup:${id}`, f ? subjectOfFollowUp(f) : null);
      }
    }
    if (this.options.deadlines) {
      for (const id of new Set(claimed.filter((r) => r.itemKind === 'action').map((r) => r.itemId))) {
        if (!ctx.subjects.has(`action:${id}`)) ctx.subjects.set(`action:${id}`, await this.options.deadlines.subject(id));
      }
    }
  }

  private async resolve(kind: Recipient['kind'], target: string, ctx: RunContext): Promise<StoredConversation | null> {
    const k = `${kind}:${target}`;
    if (ctx.conversations.has(k)) return ctx.conversations.get(k) ?? null;
    let c: StoredConversation | undefined;
    if (kind === 'user') c = await this.conversations.personalChatOf(target);
    else if (kind === 'conversation') c = await this.conversations.get(target);
    else c = await this.committeeConversation();
    const usable = c && c.active ? c : null;
    ctx.conversations.set(k, usable);
    return usable;
  }

  /** The committee channel: configured, or stored as a setting, or the one channel the bot is installed in. */
  private async committeeConversation(): Promise<StoredConversation | undefined> {
    const key = this.options.committeeConversationKey ?? (await this.reminders.getSetting(COMMITTEE_CHANNEL_SETTING));
    if (key) return this.conversations.get(key);
    const channels = (await this.conversations.list({ activeOnly: true })).filter((c) => c.conversationType === 'channel');
    // Only when unambiguous: with several channels, a coordinator has to choose one.
    const teams = new Set(channels.map((c) => c.teamId ?? c.key));
    if (teams.size !== 1) return undefined;
    return channels.find((c) => c.channelId !== null && c.teamId !== null && c.conversationId.startsWith(c.teamId)) ?? channels[0];
  }

  private async singleMessage(d: ResolvedDelivery, ctx: RunContext): Promise<ProactiveMessage> {
    const today = localDate(this.deps.clock.now(), this.options.schedule.timezone);
    if (d.itemKind === 'digest') return this.digestMessage();
    const subject = ctx.subjects.get(`${d.itemKind}:${d.itemId}`)!;
    // Expanding a template costs milliseconds; every recipient of an item on one run gets the same card.
    const cacheKey = `${d.itemKind}:${d.itemId}|${today}|${d.escalation}`;
    let card = ctx.cards.get(cacheKey);
    if (!card) {
      card = reminderCard(subject, { today, escalation: d.escalation });
      ctx.cards.set(cacheKey, card);
    }
    return { summary: `Reminder: ${subject.title}`, card };
  }

  private async summaryMessage(deliveries: ResolvedDelivery[], ctx: RunContext): Promise<ProactiveMessage> {
    const now = this.deps.clock.now();
    const tz = this.options.schedule.timezone;
    const counts = new Map<string, MissedItem>();
    for (const d of deliveries) {
      const k = `${d.itemKind}:${d.itemId}`;
      const subject = ctx.subjects.get(k);
      if (!subject) continue;
      const m = counts.get(k) ?? { subject, count: 0 };
      m.count += 1;
      counts.set(k, m);
    }
    const items = [...counts.values()].sort((a, b) => a.subject.dueDate.localeCompare(b.subject.dueDate));
    const from = deliveries.map((d) => d.fireAt).sort()[0];
    const card = reminderSummaryCard(items, deliveries.length, { today: localDate(now, tz), from: localDate(from, tz), to: localDate(now, tz) });
    return { summary: `${deliveries.length} reminders you missed`, card };
  }

  private async digestMessage(): Promise<ProactiveMessage> {
    const now = this.deps.clock.now();
    const since = (await this.reminders.lastDigestSentAt()) ?? null;
    const changes = this.options.actionChanges
      ? await this.options.actionChanges.changesBetween(since ?? new Date(now.getTime() - 7 * 86_400_000).toISOString(), now.toISOString())
      : null;
    const deadlines = this.options.deadlines ? await this.options.deadlines.openDeadlines() : [];
    const content = composeDigest({
      today: localDate(now, this.options.schedule.timezone),
      openFollowUps: await this.followUps.list({ status: ['open'] }),
      actionDeadlines: deadlines.map((a) => ({ title: a.title, dueDate: a.targetDate })),
      changes,
      since,
    });
    const card = digestCard(content.heading, content.intro, [
      { title: 'Due in the next two weeks', lines: content.dueSoon, empty: 'Nothing falls due in the next two weeks.' },
      { title: 'Overdue', lines: content.overdue, empty: 'Nothing is overdue.' },
      {
        title: 'Changed in the action plan since the last digest',
        lines: content.changes,
        empty: content.changesKnown ? 'No changes.' : 'Not available: the action plan is not connected to reminders yet.',
      },
    ]);
    return { summary: content.heading, card };
  }
}

/**
 * Writes what finished while the previous write was in flight, together: a sent reminder is
 * recorded within one database round trip of its send, without one round trip per reminder.
 */
class GroupCommit<T> {
  private queue: { item: T; done: () => void; fail: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly write: (batch: T[]) => Promise<void>) {}

  add(item: T): Promise<void> {
    const p = new Promise<void>((done, fail) => this.queue.push({ item, done, fail }));
    if (!this.flushing) void this.flush();
    return p;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        await this.write(batch.map((b) => b.item));
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.fail(err);
      }
    }
    this.flushing = false;
  }
}

/** What one run has already looked up. */
class RunContext {
  readonly subjects = new Map<string, ReminderSubject | null>();
  readonly followUps = new Map<string, FollowUp>();
  readonly conversations = new Map<string, StoredConversation | null>();
  readonly cards = new Map<string, CardJson>();
}
