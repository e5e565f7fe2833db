import Bottleneck from 'bottleneck';
import { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import type { ConversationRepo } from '../store/conversationRepo';
import type { ProactiveMessage, ProactiveSender, SendOutcome, SendTry } from '../features/followups/sender';
import { parseRetryAfter } from '../core/retryAfter';

/** Teams' limits per bot and conversation, and ours for the whole bot (see notes/teams.md). */
export interface PacingOptions {
  perConversationPerSecond: number;
  perConversationPer30Seconds: number;
  /** All conversations together, in any one second: Teams allows about 50 requests per second per app and tenant. */
  globalPerSecond: number;
  /** Tries of one send inside one cycle (the first included) for 412, 429, 5xx and timeouts. */
  maxTries: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** A Retry-After longer than this is not waited for now: the reminder is retried next cycle. */
  maxRetryAfterMs: number;
  /** A send with no answer after this long counts as failed for now (retried next cycle). */
  sendTimeoutMs: number;
}

export const DEFAULT_PACING: PacingOptions = {
  perConversationPerSecond: 7,
  perConversationPer30Seconds: 60,
  globalPerSecond: 50,
  maxTries: 4,
  baseBackoffMs: 500,
  maxBackoffMs: 8_000,
  maxRetryAfterMs: 60_000,
  sendTimeoutMs: 15_000,
};

/** Answers after which the bot must stop posting to the conversation until it is installed again. */
const FINAL_CODES = new Set(['BotNotInConversationRoster', 'ConversationNotFound', 'ConversationBlockedByUser', 'BotDisabledByAdmin', 'Forbidden']);
const TRANSIENT_STATUSES = new Set([412, 429, 500, 502, 503, 504]);

/** Real elapsed time for pacing (not the domain clock: a demo clock set to 2021 still runs at wall speed). */
export interface PacingTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realTime: PacingTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer from the connector after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Sends proactive messages with botbuilder: `continueConversationAsync` on the stored reference,
 * paced per conversation (sliding windows of 1 s and 30 s) and globally, retrying what Teams says
 * is transient, and marking the reference inactive on answers that mean the bot is gone.
 */
export class BotProactiveSender implements ProactiveSender {
  private readonly options: PacingOptions;
  private readonly perConversation: Bottleneck.Group;
  private readonly global: Bottleneck;
  private readonly recent = new Map<string, number[]>();
  /** When recent sends (all conversations) were answered, oldest first; and how many are on the wire. */
  private readonly globalRecent: number[] = [];
  private inFlight = 0;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationRepo,
    private readonly clock: Clock,
    options: Partial<PacingOptions> = {},
    private readonly log?: Logger,
    private readonly time: PacingTime = realTime,
  ) {
    this.options = { ...DEFAULT_PACING, ...options };
    // One send at a time per conversation keeps its order and lets the window below be exact.
    this.perConversation = new Bottleneck.Group({ maxConcurrent: 1 });
    // Requests in flight at once across all conversations; the rate itself is the sliding window below.
    this.global = new Bottleneck({ maxConcurrent: Math.max(1, Math.ceil(this.options.globalPerSecond)) });
  }

  send(conversationKey: string, message: ProactiveMessage): Promise<SendOutcome> {
    return this.perConversation.key(conversationKey).schedule(() => this.deliver(conversationKey, message));
  }

  /** Stops the pacing queues (at shutdown). */
  async stop(): Promise<void> {
    try {
      await this.global.stop({ dropWaitingJobs: false });
      await Promise.resolve(this.perConversation.disconnect());
    } catch {
      // Already stopped.
    }
  }

  private async deliver(key: string, message: ProactiveMessage): Promise<SendOutcome> {
    const conversation = await this.conversations.get(key);
    if (!conversation) return { status: 'retry', code: 'NoReference' };
    if (!conversation.active) return { status: 'retry', code: 'ConversationInactive' };
    // Post a new message, not a reply to whatever message the reference was captured from.
    const { activityId: _replyTo, ...reference } = conversation.reference as Partial<ConversationReference> & { activityId?: string };
    const activity = {
      type: 'message' as const,
      ...(message.text ? { text: message.text } : {}),
      ...(message.summary ? { summary: message.summary } : {}),
      ...(message.card ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.card }] } : {}),
    };
    const tries: SendTry[] = [];
    for (let attempt = 1; ; attempt++) {
      await this.waitForWindow(key);
      try {
        const id = await this.global.schedule(async () => {
          await this.waitForGlobalWindow();
          return this.withTimeout(this.post(reference as ConversationReference, activity)).finally(() => {
            this.inFlight -= 1;
            this.globalRecent.push(this.time.now());
            this.stamp(key);
          });
        });
        tries.push({ httpStatus: 200 });
        return { status: 'sent', httpStatus: 200, activityId: id, tries };
      } catch (err) {
        const { httpStatus, code, retryAfterMs } = describeError(err, this.time.now());
        const t: SendTry = { httpStatus, code };
        tries.push(t);
        const final = httpStatus === 403 || httpStatus === 404 || (code !== undefined && FINAL_CODES.has(code));
        if (final) {
          const reason = code ?? `HTTP ${httpStatus}`;
          await this.conversations.markInactive(key, reason, this.clock.now());
          this.log?.warn({ conversationKey: key, httpStatus, code }, 'conversation refuses the bot: reference marked inactive');
          return { status: 'final', httpStatus, code, tries };
        }
        const transient = httpStatus === undefined || TRANSIENT_STATUSES.has(httpStatus);
        if (!transient) {
          // 400, 413 (message too big) and the like: this message will never go; the conversation is fine.
          return { status: 'final', httpStatus, code, tries };
        }
        if (httpStatus === 429 && retryAfterMs !== undefined && retryAfterMs > this.options.maxRetryAfterMs) {
          return { status: 'retry', httpStatus, code, retryAfterMs, tries };
        }
        if (attempt >= this.options.maxTries) return { status: 'retry', httpStatus, code, retryAfterMs, tries };
        const wait = httpStatus === 429 && retryAfterMs !== undefined ? retryAfterMs : this.backoff(attempt);
        t.waitedMs = wait;
        // Waiting here holds this conversation's queue, which is what Retry-After asks for.
        await this.time.sleep(wait);
      }
    }
  }

  private async post(reference: ConversationReference, activity: Record<string, unknown>): Promise<string | undefined> {
    let id: string | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (ctx: TurnContext) => {
      disableSdkRetries(ctx, this.adapter);
      const r = await ctx.sendActivity(activity);
      id = r?.id;
    });
    return id;
  }

  private withTimeout<T>(p: Promise<T>): Promise<T> {
    const ms = this.options.sendTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (attempt - 1));
    // Full jitter: instances retrying together do not retry in step.
    return Math.round(exp / 2 + Math.random() * (exp / 2));
  }

  /**
   * Waits until one more send fits both sliding windows of this conversation. Sends are stamped when
   * their answer comes back, which is after Teams received them: counting from there keeps the
   * windows as Teams sees them, whatever the network delay.
   */
  private async waitForWindow(key: string): Promise<void> {
    for (;;) {
      const now = this.time.now();
      const list = (this.recent.get(key) ?? []).filter((t) => now - t < 30_000);
      this.recent.set(key, list);
      const perSecond = this.options.perConversationPerSecond;
      const per30 = this.options.perConversationPer30Seconds;
      let wait = 0;
      if (list.length >= per30) wait = Math.max(wait, list[list.length - per30] + 30_000 - now);
      if (list.length >= perSecond) wait = Math.max(wait, list[list.length - perSecond] + 1_000 - now);
      if (wait <= 0) return;
      await this.time.sleep(wait + 1);
    }
  }

  /**
   * Waits until one more send fits the global cap: sends answered in the last second plus those still
   * on the wire stay under it (counting the ones in flight keeps bursts from overshooting).
   */
  private async waitForGlobalWindow(): Promise<void> {
    for (;;) {
      const now = this.time.now();
      while (this.globalRecent.length > 0 && now - this.globalRecent[0] >= 1_000) this.globalRecent.shift();
      if (this.globalRecent.length + this.inFlight < Math.max(1, Math.floor(this.options.globalPerSecond))) {
        this.inFlight += 1;
        return;
      }
      const wait = this.globalRecent.length > 0 ? this.globalRecent[0] + 1_000 - now : 5;
      await this.time.sleep(Math.max(1, wait + 1));
    }
  }

  private stamp(key: string): void {
    const list = this.recent.get(key) ?? [];
    list.push(this.time.now());
    this.recent.set(key, list);
    if (this.recent.size > 5_000) {
      // Forget idle conversations so a long-running bot does not grow this map for ever.
      const now = this.time.now();
      for (const [k, v] of this.recent) if (v.length === 0 || now - v[v.length - 1] > 30_000) this.recent.delete(k);
    }
  }
}

/**
 * botbuilder's HTTP pipeline retries 429 and 5xx on its own; this sender does the retrying (so every
 * try is paced and recorded), so the pipeline's retry phase is taken out of the turn's client.
 */
function disableSdkRetries(ctx: TurnContext, adapter: CloudAdapter): void {
  const client = ctx.turnState.get(adapter.ConnectorClientKey) as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } } | undefined;
  client?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}

/** Status, Bot Framework error code and Retry-After of a failed send, from botbuilder's RestError. */
export function describeError(err: unknown, nowMs = Date.now()): { httpStatus?: number; code?: string; retryAfterMs?: number } {
  if (err instanceof TimeoutError) return { code: 'Timeout' };
  const e = (err ?? {}) as {
    statusCode?: number;
    code?: string;
    response?: { status?: number; headers?: { get?(k: string): string | undefined } & Record<string, unknown>; parsedBody?: { error?: { code?: string } } };
  };
  const httpStatus = e.statusCode ?? e.response?.status;
  const bodyCode = e.response?.parsedBody?.error?.code;
  const code = typeof e.code === 'string' && !/^\d+$/.test(e.code) ? e.code : bodyCode;
  const headers = e.response?.headers;
  const raw = headers ? (typeof headers.get === 'function' ? headers.get('retry-after') : (headers['retry-after'] as string | undefined)) : undefined;
  return { httpStatus: typeof httpStatus === 'number' ? httpStatus : undefined, code: code ?? undefined, retryAfterMs: parseRetryAfter(raw, nowMs) };
}

