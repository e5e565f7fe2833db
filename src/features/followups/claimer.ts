/**
 * Claims reminder rows for this instance and keeps them: small leased batches, a heartbeat that
 * renews the lease while the instance lives, and the state written on either side of each send
 * (`sending` before, `sent` after) so that a crash loses nothing and duplicates at most the sends
 * that were in flight.
 */
import type { CancelTimer, Clock } from '../../core/clock';
import type { Logger } from '../../core/log';
import { AttemptRecord, Reminder, ReminderRepo } from '../../store/reminderRepo';

export interface ClaimerOptions {
  instanceId: string;
  /** How long a claim is held without a heartbeat; another instance takes over a dead one's rows after it. */
  leaseMs: number;
  /** Rows per claim: small, so a dead instance holds few. */
  batchSize: number;
}

export class ReminderClaimer {
  private cancelHeartbeat: CancelTimer | undefined;
  private readonly sendingWriter: GroupCommit<number[], number[]>;
  private readonly sentWriter: GroupCommit<{ entries: { id: number; conversationKey: string; outcome: string }[]; attempts: AttemptRecord[] }, void>;

  constructor(
    private readonly repo: ReminderRepo,
    private readonly clock: Clock,
    private readonly log: Logger,
    readonly options: ClaimerOptions,
  ) {
    const me = options.instanceId;
    this.sendingWriter = new GroupCommit(async (batch) => {
      const held = new Set(await repo.markSending(batch.flat(), me, clock.now()));
      return batch.map((ids) => ids.filter((id) => held.has(id)));
    });
    this.sentWriter = new GroupCommit<{ entries: { id: number; conversationKey: string; outcome: string }[]; attempts: AttemptRecord[] }, void>(async (batch) => {
      const at = clock.now();
      await repo.recordAttempts(batch.flatMap((b) => b.attempts), me, at);
      await repo.markSentMany(batch.flatMap((b) => b.entries), me, at);
      return batch.map((): void => undefined);
    });
  }

  /**
   * Claims the next small batch of due rows. A row its dead instance was sending is sent again (it
   * may not have gone out) and flagged possibly duplicated; the attempt log says so.
   */
  async claim(): Promise<Reminder[]> {
    const now = this.clock.now();
    const rows = await this.repo.claimDue(now, this.options.instanceId, this.options.leaseMs, this.options.batchSize);
    const recovered = rows.filter((r) => r.sendingAt !== null);
    if (recovered.length > 0) {
      this.log.warn({ instance: this.options.instanceId, ids: recovered.map((r) => r.id) }, 'reminders found mid-send after a crash: sending again, possibly duplicated');
      await this.repo.recordAttempts(
        recovered.map((r) => ({ reminderId: r.id, status: 'possibly-duplicated', detail: `was being sent since ${r.sendingAt} by an instance that stopped; sent again` })),
        this.options.instanceId,
        now,
      );
    }
    return rows;
  }

  /** Renews the lease of everything this instance holds. */
  async heartbeat(): Promise<number> {
    return this.repo.heartbeat(this.options.instanceId, this.clock.now(), this.options.leaseMs);
  }

  /** Renews the lease every third of it while a run is in progress. */
  startHeartbeat(): void {
    if (this.cancelHeartbeat) return;
    const every = Math.max(1_000, Math.floor(this.options.leaseMs / 3));
    this.cancelHeartbeat = this.clock.repeat(
      every,
      () => {
        this.heartbeat().catch((err: unknown) => this.log.error({ err, instance: this.options.instanceId }, 'reminder heartbeat failed'));
      },
      { unref: true },
    );
  }

  stopHeartbeat(): void {
    this.cancelHeartbeat?.();
    this.cancelHeartbeat = undefined;
  }

  /** Records that these sends begin; returns the ids still held (a lost lease means another instance has them). */
  beginSend(ids: number[]): Promise<number[]> {
    return this.sendingWriter.add(ids);
  }

  sent(entries: { id: number; conversationKey: string; outcome: string }[], attempts: AttemptRecord[]): Promise<void> {
    return this.sentWriter.add({ entries, attempts });
  }

  failed(ids: number[], options: { dead: boolean; nextAttemptAt?: string; code?: string | null; conversationKey?: string | null }): Promise<number> {
    return this.repo.markFailed(ids, this.options.instanceId, this.clock.now(), options);
  }

  recordAttempts(attempts: AttemptRecord[]): Promise<void> {
    return this.repo.recordAttempts(attempts, this.options.instanceId, this.clock.now());
  }

  release(ids: number[], nextAttemptAt: string, reason: string): Promise<number> {
    return this.repo.release(ids, this.options.instanceId, this.clock.now(), nextAttemptAt, reason);
  }

  skip(ids: number[], reason: string): Promise<number> {
    return this.repo.skip(ids, this.options.instanceId, this.clock.now(), reason);
  }
}

/**
 * Writes what arrived while the previous write was in flight, together: a send is recorded within
 * one database round trip, without one round trip per reminder.
 */
class GroupCommit<T, R> {
  private queue: { item: T; done: (r: R) => void; fail: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly write: (batch: T[]) => Promise<R[]>) {}

  add(item: T): Promise<R> {
    const p = new Promise<R>((done, fail) => this.queue.push({ item, done, fail }));
    if (!this.flushing) void this.flush();
    return p;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        const results = await this.write(batch.map((b) => b.item));
        batch.forEach((b, i) => b.done(results[i]));
      } catch (err) {
        for (const b of batch) b.fail(err);
      }
    }
    this.flushing = false;
  }
}
