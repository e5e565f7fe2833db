import { sql, Selectable } from 'kysely';
import type { ExpressionBuilder } from 'kysely';
import { inTransaction, Store } from './db';
import type { Schema } from './schema';
import type { ReminderDraft } from '../domain/followups/schedule';
import { checkPartnership } from './partnershipRepo';

type ReminderRow = Selectable<Schema['reminder']>;
export type ReminderState = ReminderRow['state'];

/** Before partnerships, the one committee channel's setting; adopted as the default partnership's. */
export const COMMITTEE_CHANNEL_SETTING = 'followups.committeeConversationKey';

/** The app_meta key of a partnership's committee channel (its conversation key). */
export function committeeChannelSetting(partnership: string): string {
  return `${COMMITTEE_CHANNEL_SETTING}:${partnership}`;
}

/**
 * A delivery's key in the store: its partnership's code before the planner's key, so that two
 * partnerships' items with the same id (both plans have a 2024-25/1) never share a delivery.
 * PartnershipRepo's adoption gives legacy rows the same form.
 */
export function storedSendKey(partnership: string, sendKey: string): string {
  return `${partnership}|${sendKey}`;
}

/** A delivery row as the scheduler sees it. */
export interface Reminder {
  id: number;
  /** The partnership whose follow-up, action or digest it delivers. */
  partnership: string;
  sendKey: string;
  itemKind: ReminderRow['item_kind'];
  itemId: string;
  stage: string;
  fireAt: string;
  recipientKind: ReminderRow['recipient_kind'];
  recipient: string;
  escalation: boolean;
  state: ReminderState;
  attempts: number;
  nextAttemptAt: string | null;
  claimedBy: string | null;
  leaseUntil: string | null;
  conversationKey: string | null;
  outcome: string | null;
  lastCode: string | null;
  sentAt: string | null;
  /** When a send began; set on a row claimed back from a dead instance that was sending it. */
  sendingAt: string | null;
  /** Sent again after its instance died mid-send: the recipient may have had it twice. */
  possiblyDuplicated: boolean;
}

/** States in which an instance holds a row (and its lease). */
const HELD: ReminderState[] = ['claimed', 'sending'];

export interface AttemptRecord {
  reminderId: number;
  status: string;
  httpStatus?: number | null;
  code?: string | null;
  detail?: string | null;
}

export interface AttemptRow extends AttemptRecord {
  at: string;
  instance: string;
}

/**
 * Reminder deliveries. Every (item, fire time, recipient) has one row with a unique send key, so
 * however many instances plan the same schedule, there is one delivery. Claiming is atomic: on
 * PostgreSQL `FOR UPDATE SKIP LOCKED` in a transaction, on SQLite one UPDATE … RETURNING; a claim
 * carries a lease that its instance renews while alive (`heartbeat`), and a row whose lease ran
 * out (its instance died) is taken again. A row is `sending` from just before its send to just
 * after: one found so after a crash may have gone out, so it is sent again once and flagged.
 */
export class ReminderRepo {
  constructor(private readonly store: Store) {}

  /** Inserts a partnership's drafts not already planned; returns how many were new. */
  async plan(drafts: ReminderDraft[], at: Date, partnership: string): Promise<number> {
    checkPartnership(partnership);
    if (drafts.length === 0) return 0;
    const now = at.toISOString();
    let inserted = 0;
    await inTransaction(this.store, async (trx) => {
      for (let i = 0; i < drafts.length; i += 200) {
        const chunk = drafts.slice(i, i + 200).map((d) => ({
          partnership,
          send_key: storedSendKey(partnership, d.sendKey),
          item_kind: d.itemKind,
          item_id: d.itemId,
          stage: d.stage,
          fire_at: d.fireAt,
          recipient_kind: d.recipientKind,
          recipient: d.recipient,
          escalation: d.escalation ? 1 : 0,
          state: 'pending' as const,
          attempts: 0,
          next_attempt_at: null,
          claimed_by: null,
          lease_until: null,
          conversation_key: null,
          outcome: null,
          last_code: null,
          sent_at: null,
          created_at: now,
          updated_at: now,
        }));
        const r = await trx
          .insertInto('reminder')
          .values(chunk)
          .onConflict((oc) => oc.column('send_key').doNothing())
          .executeTakeFirst();
        inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
      }
    });
    return inserted;
  }

  /**
   * Claims up to `limit` due deliveries for `instance` until `leaseMs` from now: pending ones whose
   * time has come, failed ones whose retry time has come, and claims whose lease expired.
   */
  async claimDue(now: Date, instance: string, leaseMs: number, limit: number): Promise<Reminder[]> {
    const t = now.toISOString();
    const lease = new Date(now.getTime() + leaseMs).toISOString();
    if (this.store.dialect === 'postgres') {
      return inTransaction(this.store, async (trx) => {
        const ids = await trx
          .selectFrom('reminder')
          .select('id')
          .where((eb) =>
            eb.or([
              eb.and([eb('state', '=', 'pending'), eb('fire_at', '<=', t), eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', t)])]),
              eb.and([eb('state', '=', 'failed'), eb('next_attempt_at', '<=', t)]),
              eb.and([eb('state', 'in', HELD), eb('lease_until', '<=', t)]),
            ]),
          )
          .orderBy('recipient')
          .orderBy('fire_at')
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked()
          .execute();
        if (ids.length === 0) return [];
        const rows = await trx
          .updateTable('reminder')
          .set((eb) => ({ ...claimSet(eb, instance, lease, t) }))
          .where(
            'id',
            'in',
            ids.map((r) => r.id),
          )
          .returningAll()
          .execute();
        return rows.map(toReminder);
      });
    }
    // SQLite: one statement, so the choice and the claim are one atomic write.
    const rows = await this.store.db
      .updateTable('reminder')
      .set((eb) => ({ ...claimSet(eb, instance, lease, t) }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('reminder')
          .select('id')
          .where((w) =>
            w.or([
              w.and([w('state', '=', 'pending'), w('fire_at', '<=', t), w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', t)])]),
              w.and([w('state', '=', 'failed'), w('next_attempt_at', '<=', t)]),
              w.and([w('state', 'in', HELD), w('lease_until', '<=', t)]),
            ]),
          )
          .orderBy('recipient')
          .orderBy('fire_at')
          .orderBy('id')
          .limit(limit),
      )
      .returningAll()
      .execute();
    return rows.map(toReminder);
  }

  /**
   * Records that these sends are beginning, only where this instance still holds the claim; returns
   * the ids it may send. Written before the send, so a crash leaves the row `sending`, not `claimed`.
   */
  async markSending(ids: number[], instance: string, at: Date): Promise<number[]> {
    if (ids.length === 0) return [];
    const t = at.toISOString();
    const rows = await this.store.db
      .updateTable('reminder')
      .set({ state: 'sending', sending_at: t, updated_at: t })
      .where('id', 'in', ids)
      .where('state', '=', 'claimed')
      .where('claimed_by', '=', instance)
      .returning('id')
      .execute();
    return rows.map((r) => Number(r.id));
  }

  /** Renews the lease of every row this instance holds; returns how many it holds. */
  async heartbeat(instance: string, at: Date, leaseMs: number): Promise<number> {
    const r = await this.store.db
      .updateTable('reminder')
      .set({ lease_until: new Date(at.getTime() + leaseMs).toISOString() })
      .where('claimed_by', '=', instance)
      .where('state', 'in', HELD)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Records a delivery as sent, only while this instance still holds the claim. */
  async markSent(ids: number[], instance: string, at: Date, conversationKey: string, outcome: string): Promise<number> {
    if (ids.length === 0) return 0;
    const t = at.toISOString();
    const r = await this.store.db
      .updateTable('reminder')
      .set({ state: 'sent', sent_at: t, conversation_key: conversationKey, outcome, lease_until: null, next_attempt_at: null, updated_at: t })
      .where('id', 'in', ids)
      .where('state', 'in', HELD)
      .where('claimed_by', '=', instance)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /**
   * Records many sends at once (group commit: whatever finished while the previous write was in
   * flight), each with its own conversation and outcome, only where this instance holds the claim.
   */
  async markSentMany(entries: { id: number; conversationKey: string; outcome: string }[], instance: string, at: Date): Promise<number> {
    if (entries.length === 0) return 0;
    const t = at.toISOString();
    if (this.store.dialect === 'postgres') {
      let n = 0;
      for (let i = 0; i < entries.length; i += 500) {
        const values = sql.join(entries.slice(i, i + 500).map((e) => sql`(${e.id}::integer, ${e.conversationKey}::text, ${e.outcome}::text)`));
        const r = await sql`
          update reminder as r
             set state = 'sent', sent_at = ${t}, conversation_key = v.ck, outcome = v.oc,
                 lease_until = null, next_attempt_at = null, updated_at = ${t}
            from (values ${values}) as v(id, ck, oc)
           where r.id = v.id and r.state in ('claimed', 'sending') and r.claimed_by = ${instance}`.execute(this.store.db);
        n += Number(r.numAffectedRows ?? 0);
      }
      return n;
    }
    // SQLite runs in-process: one transaction of small updates is as fast as one statement.
    return inTransaction(this.store, async (trx) => {
      let n = 0;
      for (const e of entries) {
        const r = await trx
          .updateTable('reminder')
          .set({ state: 'sent', sent_at: t, conversation_key: e.conversationKey, outcome: e.outcome, lease_until: null, next_attempt_at: null, updated_at: t })
          .where('id', '=', e.id)
          .where('state', 'in', HELD)
          .where('claimed_by', '=', instance)
          .executeTakeFirst();
        n += Number(r.numUpdatedRows);
      }
      return n;
    });
  }

  /** Transient failure: tried again at `nextAttemptAt`; or `dead` when it has failed too often or finally. */
  async markFailed(ids: number[], instance: string, at: Date, options: { dead: boolean; nextAttemptAt?: string; code?: string | null; conversationKey?: string | null }): Promise<number> {
    if (ids.length === 0) return 0;
    const t = at.toISOString();
    const r = await this.store.db
      .updateTable('reminder')
      .set({
        state: options.dead ? 'dead' : 'failed',
        next_attempt_at: options.dead ? null : (options.nextAttemptAt ?? t),
        last_code: options.code ?? null,
        conversation_key: options.conversationKey ?? null,
        claimed_by: null,
        lease_until: null,
        sending_at: null,
        updated_at: t,
      })
      .where('id', 'in', ids)
      .where('state', 'in', HELD)
      .where('claimed_by', '=', instance)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Gives a claim back untouched (no conversation to send to yet): pending again, looked at from `nextAttemptAt`. */
  async release(ids: number[], instance: string, at: Date, nextAttemptAt: string, reason: string): Promise<number> {
    if (ids.length === 0) return 0;
    const t = at.toISOString();
    const r = await this.store.db
      .updateTable('reminder')
      // Undo the claim's attempt count: nothing was tried.
      .set((eb) => ({ state: 'pending', claimed_by: null, lease_until: null, next_attempt_at: nextAttemptAt, last_code: reason, attempts: eb('attempts', '-', 1), updated_at: t }))
      .where('id', 'in', ids)
      .where('state', '=', 'claimed')
      .where('claimed_by', '=', instance)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Never sent, on purpose (item done or cancelled, muted, snoozed). */
  async skip(ids: number[], instance: string, at: Date, reason: string): Promise<number> {
    if (ids.length === 0) return 0;
    const t = at.toISOString();
    const r = await this.store.db
      .updateTable('reminder')
      .set({ state: 'skipped', outcome: reason, claimed_by: null, lease_until: null, updated_at: t })
      .where('id', 'in', ids)
      .where('state', 'in', HELD)
      .where('claimed_by', '=', instance)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Skips every not-yet-sent delivery of an item (it was closed). */
  async skipPendingForItem(itemKind: ReminderRow['item_kind'], itemId: string, at: Date, reason: string): Promise<number> {
    const r = await this.store.db
      .updateTable('reminder')
      .set({ state: 'skipped', outcome: reason, updated_at: at.toISOString() })
      .where('item_kind', '=', itemKind)
      .where('item_id', '=', itemId)
      .where('state', 'in', ['pending', 'failed'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async recordAttempts(attempts: AttemptRecord[], instance: string, at: Date): Promise<void> {
    if (attempts.length === 0) return;
    const t = at.toISOString();
    for (let i = 0; i < attempts.length; i += 300) {
      await this.store.db
        .insertInto('reminder_attempt')
        .values(
          attempts.slice(i, i + 300).map((a) => ({
            reminder_id: a.reminderId,
            at: t,
            instance,
            status: a.status,
            http_status: a.httpStatus ?? null,
            code: a.code ?? null,
            detail: a.detail ?? null,
          })),
        )
        .execute();
    }
  }

  async attemptsFor(reminderId: number): Promise<AttemptRow[]> {
    const rows = await this.store.db.selectFrom('reminder_attempt').selectAll().where('reminder_id', '=', reminderId).orderBy('id').execute();
    return rows.map((r) => ({ reminderId: r.reminder_id, at: r.at, instance: r.instance, status: r.status, httpStatus: r.http_status, code: r.code, detail: r.detail }));
  }

  async get(id: number): Promise<Reminder | undefined> {
    const row = await this.store.db.selectFrom('reminder').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toReminder(row);
  }

  async list(filter: { itemKind?: ReminderRow['item_kind']; itemId?: string; state?: ReminderState[] } = {}): Promise<Reminder[]> {
    let q = this.store.db.selectFrom('reminder').selectAll();
    if (filter.itemKind) q = q.where('item_kind', '=', filter.itemKind);
    if (filter.itemId) q = q.where('item_id', '=', filter.itemId);
    if (filter.state?.length) q = q.where('state', 'in', filter.state);
    return (await q.orderBy('fire_at').orderBy('id').execute()).map(toReminder);
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.store.db
      .selectFrom('reminder')
      .select((eb) => ['state', eb.fn.countAll<string | number>().as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  /** The next moment something is due (for tests and the CLI's report). */
  async nextFireAt(after: Date): Promise<string | undefined> {
    const row = await this.store.db
      .selectFrom('reminder')
      .select('fire_at')
      .where('state', 'in', ['pending', 'failed'])
      .where('fire_at', '>', after.toISOString())
      .orderBy('fire_at')
      .limit(1)
      .executeTakeFirst();
    return row?.fire_at;
  }

  /** When a partnership's last weekly digest went out, if ever. */
  async lastDigestSentAt(partnership: string): Promise<string | undefined> {
    const row = await this.store.db
      .selectFrom('reminder')
      .select('fire_at')
      .where('partnership', '=', partnership)
      .where('item_kind', '=', 'digest')
      .where('state', '=', 'sent')
      .orderBy('fire_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.fire_at;
  }

  /** The conversation key of a partnership's committee channel, when one was chosen. */
  async committeeChannel(partnership: string): Promise<string | undefined> {
    const row = await this.store.db.selectFrom('app_meta').select('value').where('key', '=', committeeChannelSetting(partnership)).executeTakeFirst();
    return row?.value;
  }

  async setCommitteeChannel(partnership: string, conversationKey: string): Promise<void> {
    const key = committeeChannelSetting(checkPartnership(partnership));
    await this.store.db
      .insertInto('app_meta')
      .values({ key, value: conversationKey })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: conversationKey }))
      .execute();
  }
}

function toReminder(r: ReminderRow): Reminder {
  return {
    id: Number(r.id),
    partnership: r.partnership,
    sendKey: r.send_key,
    itemKind: r.item_kind,
    itemId: r.item_id,
    stage: r.stage,
    fireAt: r.fire_at,
    recipientKind: r.recipient_kind,
    recipient: r.recipient,
    escalation: r.escalation === 1,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    claimedBy: r.claimed_by,
    leaseUntil: r.lease_until,
    conversationKey: r.conversation_key,
    outcome: r.outcome,
    lastCode: r.last_code,
    sentAt: r.sent_at,
    sendingAt: r.sending_at,
    possiblyDuplicated: Number(r.possibly_duplicated) === 1,
  };
}

/**
 * The claim's columns. A row that was `sending` when its lease ran out keeps its `sending_at` and is
 * flagged possibly duplicated (the right-hand sides read the row as it was before this update).
 */
function claimSet(eb: ExpressionBuilder<Schema, 'reminder'>, instance: string, lease: string, t: string) {
  return {
    state: 'claimed' as const,
    claimed_by: instance,
    lease_until: lease,
    attempts: eb('attempts', '+', 1),
    possibly_duplicated: sql<number>`case when state = 'sending' then 1 else possibly_duplicated end`,
    sending_at: sql<string | null>`case when state = 'sending' then sending_at else null end`,
    updated_at: t,
  };
}
