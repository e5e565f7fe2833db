import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { inTransaction, Store } from './db';
import type { Schema } from './schema';
import { checkPartnership } from './partnershipRepo';
import type { FollowUp, FollowUpSource, FollowUpStatus, Recipient, ReminderScheduleConfig } from '../domain/followups/model';

type FollowUpRow = Selectable<Schema['follow_up']>;
type RecipientRow = Selectable<Schema['follow_up_recipient']>;

/** What a new follow-up needs; the due date is already resolved (see domain/followups/dueDate). */
export interface NewFollowUp {
  id?: string;
  title: string;
  detail?: string | null;
  dueDate: string;
  duePrecision: 'day' | 'month';
  dueMonth?: string | null;
  status?: FollowUpStatus;
  source: FollowUpSource;
  /** Importers set it (document + paragraph) so a second import finds the item instead of adding one. */
  sourceKey?: string | null;
  actionId?: string | null;
  classification?: 'public' | 'exempt';
  schedule?: Partial<ReminderScheduleConfig> | null;
  recipients: Omit<Recipient, 'muted'>[];
  completedAt?: string | null;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  channel: string;
}

export type ChangeResult = { kind: 'ok'; followUp: FollowUp } | { kind: 'stale'; followUp: FollowUp } | { kind: 'not-found' };

export interface FollowUpFilter {
  status?: FollowUpStatus[];
  dueOnOrAfter?: string;
  dueOnOrBefore?: string;
  meetingDate?: string;
}

export function newFollowUpId(): string {
  return `FU-${randomBytes(4).toString('hex').toUpperCase()}`;
}

/**
 * One partnership's follow-ups (`new FollowUpRepo(store, districtCode)`): what it lists, finds and
 * changes are that partnership's only. Ids are unique across the store; a source key (an
 * importer's) is unique within the partnership.
 */
export class FollowUpRepo {
  readonly partnership: string;

  constructor(
    private readonly store: Store,
    partnership: string,
  ) {
    this.partnership = checkPartnership(partnership);
  }

  /** Creates the item, or returns the one already stored under the same id or source key. */
  async create(input: NewFollowUp, at: Date, actor: string, channel: string): Promise<{ followUp: FollowUp; created: boolean }> {
    const p = this.partnership;
    return inTransaction(this.store, async (trx) => {
      const existing = await findExisting(trx, p, input);
      if (existing) return { followUp: (await load(trx, p, existing))!, created: false };
      const id = input.id ?? newFollowUpId();
      const now = at.toISOString();
      await trx
        .insertInto('follow_up')
        .values({
          id,
          partnership: p,
          title: input.title,
          detail: input.detail ?? null,
          due_date: input.dueDate,
          due_precision: input.duePrecision,
          due_month: input.dueMonth ?? null,
          status: input.status ?? 'open',
          snoozed_until: null,
          source_kind: input.source.kind,
          source_meeting_date: input.source.meetingDate,
          source_meeting_title: input.source.meetingTitle,
          source_minute_ref: input.source.minuteRef,
          source_text: input.source.text,
          source_key: input.sourceKey ?? null,
          action_id: input.actionId ?? null,
          classification: input.classification ?? 'public',
          schedule_json: input.schedule ? JSON.stringify(input.schedule) : null,
          created_at: now,
          created_by: actor,
          updated_at: now,
          completed_at: input.completedAt ?? null,
          version: 1,
        })
        .execute();
      const seen = new Set<string>();
      for (const r of input.recipients) {
        const k = `${r.kind}|${r.target}`;
        if (seen.has(k)) continue;
        seen.add(k);
        await trx
          .insertInto('follow_up_recipient')
          .values({ follow_up_id: id, kind: r.kind, target: r.target, label: r.label, role: r.role, muted: 0 })
          .execute();
      }
      await trx
        .insertInto('follow_up_history')
        .values({ follow_up_id: id, at: now, actor, field: 'created', old_value: null, new_value: input.title, channel })
        .execute();
      return { followUp: (await load(trx, p, id))!, created: true };
    });
  }

  async get(id: string): Promise<FollowUp | undefined> {
    return load(this.store.db, this.partnership, id);
  }

  async getMany(ids: string[]): Promise<Map<string, FollowUp>> {
    const out = new Map<string, FollowUp>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.store.db.selectFrom('follow_up').selectAll().where('partnership', '=', this.partnership).where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const f of await withRecipients(this.store.db, rows)) out.set(f.id, f);
    }
    return out;
  }

  async list(filter: FollowUpFilter = {}): Promise<FollowUp[]> {
    let q = this.store.db.selectFrom('follow_up').selectAll().where('partnership', '=', this.partnership);
    if (filter.status?.length) q = q.where('status', 'in', filter.status);
    if (filter.dueOnOrAfter) q = q.where('due_date', '>=', filter.dueOnOrAfter);
    if (filter.dueOnOrBefore) q = q.where('due_date', '<=', filter.dueOnOrBefore);
    if (filter.meetingDate) q = q.where('source_meeting_date', '=', filter.meetingDate);
    const rows = await q.orderBy('due_date').orderBy('id').execute();
    return withRecipients(this.store.db, rows);
  }

  /** The most recent meeting any follow-up came from. */
  async lastMeetingDate(onOrBefore?: string): Promise<string | undefined> {
    let q = this.store.db.selectFrom('follow_up').select('source_meeting_date').where('partnership', '=', this.partnership).where('source_meeting_date', 'is not', null);
    if (onOrBefore) q = q.where('source_meeting_date', '<=', onOrBefore);
    const row = await q.orderBy('source_meeting_date', 'desc').limit(1).executeTakeFirst();
    return row?.source_meeting_date ?? undefined;
  }

  /** Moves an item to done / cancelled / open; pending reminders of a closed item are skipped in the same transaction. */
  async setStatus(id: string, status: FollowUpStatus, expectedVersion: number | null, actor: string, at: Date, channel: string): Promise<ChangeResult> {
    return this.change(id, expectedVersion, actor, at, channel, async (trx, row) => {
      if (row.status === status) return [];
      const now = at.toISOString();
      await trx
        .updateTable('follow_up')
        .set({ status, completed_at: status === 'open' ? null : now })
        .where('id', '=', id)
        .execute();
      if (status !== 'open') {
        await trx
          .updateTable('reminder')
          .set({ state: 'skipped', outcome: `item ${status}`, updated_at: now, claimed_by: null, lease_until: null })
          .where('item_kind', '=', 'followup')
          .where('item_id', '=', id)
          .where('state', 'in', ['pending', 'failed'])
          .execute();
      }
      return [{ field: 'status', oldValue: row.status, newValue: status }];
    });
  }

  async snooze(id: string, until: string, expectedVersion: number | null, actor: string, at: Date, channel: string): Promise<ChangeResult> {
    return this.change(id, expectedVersion, actor, at, channel, async (trx, row) => {
      await trx.updateTable('follow_up').set({ snoozed_until: until }).where('id', '=', id).execute();
      await trx
        .updateTable('reminder')
        .set({ state: 'skipped', outcome: 'snoozed', updated_at: at.toISOString() })
        .where('item_kind', '=', 'followup')
        .where('item_id', '=', id)
        .where('state', 'in', ['pending', 'failed'])
        .where('fire_at', '<', until)
        .execute();
      return [{ field: 'snoozed_until', oldValue: row.snoozed_until, newValue: until }];
    });
  }

  /** Adds a recipient, or turns a muted one back on. */
  async addRecipient(id: string, r: Omit<Recipient, 'muted'>, actor: string, at: Date, channel: string): Promise<ChangeResult> {
    return this.change(id, null, actor, at, channel, async (trx) => {
      const existing = await trx
        .selectFrom('follow_up_recipient')
        .selectAll()
        .where('follow_up_id', '=', id)
        .where('kind', '=', r.kind)
        .where('target', '=', r.target)
        .executeTakeFirst();
      if (existing && existing.muted === 0) return [];
      if (existing) {
        await trx.updateTable('follow_up_recipient').set({ muted: 0 }).where('follow_up_id', '=', id).where('kind', '=', r.kind).where('target', '=', r.target).execute();
      } else {
        await trx.insertInto('follow_up_recipient').values({ follow_up_id: id, kind: r.kind, target: r.target, label: r.label, role: r.role, muted: 0 }).execute();
      }
      return [{ field: 'recipient', oldValue: null, newValue: `${r.kind}:${r.target}` }];
    });
  }

  /** "Stop reminding me": the recipient stays listed but muted, and their pending reminders are skipped. */
  async mute(id: string, kind: Recipient['kind'], target: string, actor: string, at: Date, channel: string): Promise<ChangeResult> {
    return this.change(id, null, actor, at, channel, async (trx) => {
      const existing = await trx
        .selectFrom('follow_up_recipient')
        .selectAll()
        .where('follow_up_id', '=', id)
        .where('kind', '=', kind)
        .where('target', '=', target)
        .executeTakeFirst();
      if (existing?.muted === 1) return [];
      if (existing) {
        await trx.updateTable('follow_up_recipient').set({ muted: 1 }).where('follow_up_id', '=', id).where('kind', '=', kind).where('target', '=', target).execute();
      } else {
        // Muting someone who only hears through escalation: remember it, so they are not added later.
        await trx.insertInto('follow_up_recipient').values({ follow_up_id: id, kind, target, label: null, role: 'audience', muted: 1 }).execute();
      }
      await trx
        .updateTable('reminder')
        .set({ state: 'skipped', outcome: 'muted', updated_at: at.toISOString() })
        .where('item_kind', '=', 'followup')
        .where('item_id', '=', id)
        .where('recipient_kind', '=', kind)
        .where('recipient', '=', target)
        .where('state', 'in', ['pending', 'failed'])
        .execute();
      return [{ field: 'muted', oldValue: null, newValue: `${kind}:${target}` }];
    });
  }

  async history(id: string): Promise<HistoryEntry[]> {
    const rows = await this.historyRows().where('h.follow_up_id', '=', id).orderBy('h.id').execute();
    return rows.map((r) => ({ at: r.at, actor: r.actor, field: r.field, oldValue: r.old_value, newValue: r.new_value, channel: r.channel }));
  }

  /** Every change to any of this partnership's follow-ups in [from, to): for the weekly digest. */
  async changesBetween(from: string, to: string): Promise<(HistoryEntry & { followUpId: string })[]> {
    const rows = await this.historyRows().where('h.at', '>=', from).where('h.at', '<', to).orderBy('h.at').execute();
    return rows.map((r) => ({ followUpId: r.follow_up_id, at: r.at, actor: r.actor, field: r.field, oldValue: r.old_value, newValue: r.new_value, channel: r.channel }));
  }

  /** History lines of this partnership's follow-ups (the history goes through its item). */
  private historyRows() {
    return this.store.db
      .selectFrom('follow_up_history as h')
      .innerJoin('follow_up as f', 'f.id', 'h.follow_up_id')
      .selectAll('h')
      .where('f.partnership', '=', this.partnership);
  }

  private async change(
    id: string,
    expectedVersion: number | null,
    actor: string,
    at: Date,
    channel: string,
    work: (trx: Kysely<Schema>, row: FollowUpRow) => Promise<{ field: string; oldValue: string | null; newValue: string | null }[]>,
  ): Promise<ChangeResult> {
    const p = this.partnership;
    return inTransaction(this.store, async (trx) => {
      const row = await trx.selectFrom('follow_up').selectAll().where('partnership', '=', p).where('id', '=', id).executeTakeFirst();
      if (!row) return { kind: 'not-found' as const };
      if (expectedVersion !== null && row.version !== expectedVersion) return { kind: 'stale' as const, followUp: (await load(trx, p, id))! };
      const changes = await work(trx, row);
      if (changes.length > 0) {
        const now = at.toISOString();
        // The version check sits in the UPDATE, so two people pressing at once cannot both win.
        const r = await trx
          .updateTable('follow_up')
          .set({ version: row.version + 1, updated_at: now })
          .where('id', '=', id)
          .where('version', '=', row.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new Error(`follow-up ${id} changed underneath`);
        for (const c of changes) {
          await trx
            .insertInto('follow_up_history')
            .values({ follow_up_id: id, at: now, actor, field: c.field, old_value: c.oldValue, new_value: c.newValue, channel })
            .execute();
        }
      }
      return { kind: 'ok' as const, followUp: (await load(trx, p, id))! };
    });
  }
}

async function findExisting(db: Kysely<Schema>, partnership: string, input: NewFollowUp): Promise<string | undefined> {
  if (input.id) {
    const r = await db.selectFrom('follow_up').select('id').where('partnership', '=', partnership).where('id', '=', input.id).executeTakeFirst();
    if (r) return r.id;
  }
  if (input.sourceKey) {
    const r = await db.selectFrom('follow_up').select('id').where('partnership', '=', partnership).where('source_key', '=', input.sourceKey).executeTakeFirst();
    if (r) return r.id;
  }
  return undefined;
}

async function load(db: Kysely<Schema>, partnership: string, id: string): Promise<FollowUp | undefined> {
  const row = await db.selectFrom('follow_up').selectAll().where('partnership', '=', partnership).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return (await withRecipients(db, [row]))[0];
}

async function withRecipients(db: Kysely<Schema>, rows: FollowUpRow[]): Promise<FollowUp[]> {
  if (rows.length === 0) return [];
  const byItem = new Map<string, RecipientRow[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const recips = await db.selectFrom('follow_up_recipient').selectAll().where('follow_up_id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of recips) {
      const list = byItem.get(r.follow_up_id) ?? [];
      list.push(r);
      byItem.set(r.follow_up_id, list);
    }
  }
  return rows.map((r) => toFollowUp(r, byItem.get(r.id) ?? []));
}

function toFollowUp(r: FollowUpRow, recipients: RecipientRow[]): FollowUp {
  return {
    id: r.id,
    title: r.title,
    detail: r.detail,
    dueDate: r.due_date,
    duePrecision: r.due_precision,
    dueMonth: r.due_month,
    status: r.status,
    snoozedUntil: r.snoozed_until,
    source: {
      kind: r.source_kind,
      meetingDate: r.source_meeting_date,
      meetingTitle: r.source_meeting_title,
      minuteRef: r.source_minute_ref,
      text: r.source_text,
    },
    actionId: r.action_id,
    classification: r.classification,
    schedule: r.schedule_json ? (JSON.parse(r.schedule_json) as Partial<ReminderScheduleConfig>) : null,
    recipients: recipients
      .sort((a, b) => (a.role === b.role ? a.target.localeCompare(b.target) : a.role === 'owner' ? -1 : 1))
      .map((x) => ({ kind: x.kind, target: x.target, label: x.label, role: x.role, muted: x.muted === 1 })),
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
    version: r.version,
  };
}
