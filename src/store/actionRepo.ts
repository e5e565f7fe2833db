import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Store } from './db';
import { inTransaction } from './db';
import { bumpDataVersion } from './dataVersions';
import { AuditEvent, AuditLog } from './auditLog';
import { checkPartnership } from './partnershipRepo';
import type { Schema } from './schema';
import type { ActionItem, ActionStatus, Channel, Classification, HistoryEntry, HistoryField, Rag } from '../domain/actions/model';

type ItemRow = Selectable<Schema['action_item']>;
type HistoryRow = Selectable<Schema['action_history']>;

/** Before partnerships, the one plan's demo mark; adopted as the default partnership's (see PartnershipRepo.adoptLegacy). */
export const DEMO_ACTIONS_MARK = 'demo_actions';

/** The app_meta key marking a partnership's plan as the demo's. */
export function demoActionsMark(partnership: string): string {
  return `${DEMO_ACTIONS_MARK}:${partnership}`;
}

export type SaveResult = 'saved' | 'stale' | 'missing';

export interface ImportBatch {
  at: Date;
  actor: string | null;
  people: { name: string; nameKey: string; email: string | null }[];
  inserts: { item: ActionItem; history: readonly HistoryEntry[] }[];
  updates: { next: ActionItem; expectedVersion: number; history: readonly HistoryEntry[] }[];
  /** What the audit line records (file, counts). */
  detail: Record<string, unknown>;
}

class StaleImport extends Error {}

/**
 * One partnership's action plan (`new ActionRepo(store, districtCode)`): it reads and writes that
 * partnership's actions only, so an id another partnership also uses (both number 2024-25/1) is
 * never confused with it. Every change is an optimistic update on (id, version) with its history
 * lines written in the same transaction: a stale version changes nothing, and no change is ever
 * stored without its history.
 */
export class ActionRepo {
  readonly partnership: string;

  constructor(
    private readonly store: Store,
    partnership: string,
  ) {
    this.partnership = checkPartnership(partnership);
  }

  async get(id: string): Promise<ActionItem | undefined> {
    const row = await this.store.db.selectFrom('action_item').selectAll().where('partnership', '=', this.partnership).where('id', '=', id).executeTakeFirst();
    return row && toItem(row);
  }

  async list(): Promise<ActionItem[]> {
    const rows = await this.store.db.selectFrom('action_item').selectAll().where('partnership', '=', this.partnership).orderBy('id').execute();
    return rows.map(toItem);
  }

  async count(): Promise<number> {
    const r = await this.store.db
      .selectFrom('action_item')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('partnership', '=', this.partnership)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Adds an action with its opening history; false (and nothing written) when the id exists already. */
  async insertIfAbsent(item: ActionItem, history: readonly HistoryEntry[]): Promise<boolean> {
    return inTransaction(this.store, async (trx) => {
      if (!(await this.insertNew(trx, item, history))) return false;
      await bumpDataVersion(trx, 'plan');
      return true;
    });
  }

  /**
   * Stores `next` if the action is still at `expectedVersion`, with `history`, in one transaction.
   * `next.version` must be `expectedVersion + 1`.
   */
  async save(next: ActionItem, expectedVersion: number, history: readonly HistoryEntry[]): Promise<SaveResult> {
    if (next.version !== expectedVersion + 1) throw new Error(`version must advance by one (${expectedVersion} → ${next.version})`);
    return inTransaction(this.store, async (trx) => {
      if (!(await this.updateAt(trx, next, expectedVersion, history))) {
        const exists = await trx.selectFrom('action_item').select('id').where('partnership', '=', this.partnership).where('id', '=', next.id).executeTakeFirst();
        return exists ? 'stale' : 'missing';
      }
      await bumpDataVersion(trx, 'plan');
      return 'saved';
    });
  }

  /** Adds an action of this partnership with its history; false (nothing written) when its id is taken. */
  private async insertNew(trx: Kysely<Schema>, item: ActionItem, history: readonly HistoryEntry[]): Promise<boolean> {
    const r = await trx
      .insertInto('action_item')
      .values(toRow(item, this.partnership))
      .onConflict((oc) => oc.columns(['partnership', 'id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await appendHistory(trx, this.partnership, history);
    return true;
  }

  /** Stores `next` with its history if this partnership's action is still at `expectedVersion`; false (nothing written) otherwise. */
  private async updateAt(trx: Kysely<Schema>, next: ActionItem, expectedVersion: number, history: readonly HistoryEntry[]): Promise<boolean> {
    const { id, partnership, ...values } = toRow(next, this.partnership);
    const r = await trx
      .updateTable('action_item')
      .set(values)
      .where('partnership', '=', partnership)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await appendHistory(trx, partnership, history);
    return true;
  }

  /**
   * Applies a tracker import in one transaction: new people, new actions and updates with their
   * history, and an audit line. Every update is checked against the version it was planned on;
   * if any action changed meanwhile (or a new id was taken), nothing is written and 'stale' is returned.
   */
  async applyImport(batch: ImportBatch): Promise<'applied' | 'stale'> {
    try {
      await inTransaction(this.store, async (trx) => {
        if (batch.people.length > 0) {
          await trx
            .insertInto('plan_person')
            .values(
              batch.people.map((p) => ({ partnership: this.partnership, name: p.name, name_key: p.nameKey, email: p.email, aad_object_id: null, created_at: batch.at.toISOString(), linked_at: null })),
            )
            .execute();
        }
        for (const { item, history } of batch.inserts) {
          if (!(await this.insertNew(trx, item, history))) throw new StaleImport();
        }
        for (const { next, expectedVersion, history } of batch.updates) {
          if (!(await this.updateAt(trx, next, expectedVersion, history))) throw new StaleImport();
        }
        const detail = { partnership: this.partnership, ...batch.detail };
        await trx.insertInto('audit_log').values({ at: batch.at.toISOString(), actor: batch.actor, event: 'actions.import', detail_json: JSON.stringify(detail) }).execute();
        if (batch.inserts.length > 0 || batch.updates.length > 0) await bumpDataVersion(trx, 'plan');
      });
      return 'applied';
    } catch (err) {
      if (err instanceof StaleImport) return 'stale';
      throw err;
    }
  }

  /** The whole trail of one action, oldest first. */
  async history(actionId: string): Promise<HistoryEntry[]> {
    const rows = await this.historyRows().where('action_id', '=', actionId).orderBy('id').execute();
    return rows.map(toHistory);
  }

  /** The latest `limit` entries of one action, newest first. */
  async recentHistory(actionId: string, limit: number): Promise<HistoryEntry[]> {
    const rows = await this.historyRows()
      .where('action_id', '=', actionId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toHistory);
  }

  /** What changed after a given version: what a person holding a stale card has not seen. */
  async historyAfter(actionId: string, version: number): Promise<HistoryEntry[]> {
    const rows = await this.historyRows()
      .where('action_id', '=', actionId)
      .where('version', '>', version)
      .orderBy('id')
      .execute();
    return rows.map(toHistory);
  }

  /** Every change on or after a date (YYYY-MM-DD), oldest first. */
  async historySince(date: string): Promise<HistoryEntry[]> {
    const rows = await this.historyRows().where('at', '>=', date).orderBy('at').orderBy('id').execute();
    return rows.map(toHistory);
  }

  /** This partnership's history lines. */
  private historyRows() {
    return this.store.db.selectFrom('action_history').selectAll().where('partnership', '=', this.partnership);
  }

  /** Marks this partnership's plan as the demo partnership's (answers then say it is sample data). */
  async markDemo(at: Date): Promise<void> {
    await inTransaction(this.store, async (trx) => {
      await trx
        .insertInto('app_meta')
        .values({ key: demoActionsMark(this.partnership), value: at.toISOString() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      await bumpDataVersion(trx, 'plan');
    });
  }

  async isDemo(): Promise<boolean> {
    const row = await this.store.db.selectFrom('app_meta').select('key').where('key', '=', demoActionsMark(this.partnership)).executeTakeFirst();
    return row !== undefined;
  }

  /** Records a refused or invalid attempt (or any other event worth an audit line). */
  async audit(event: string, actor: string | null, detail: Record<string, unknown>, at: Date): Promise<void> {
    await new AuditLog(this.store).record(event, actor, detail, at);
  }

  async auditEvents(eventPrefix: string): Promise<AuditEvent[]> {
    return new AuditLog(this.store).events(eventPrefix);
  }
}

async function appendHistory(trx: Kysely<Schema>, partnership: string, history: readonly HistoryEntry[]): Promise<void> {
  if (history.length === 0) return;
  await trx
    .insertInto('action_history')
    .values(
      history.map((h) => ({
        partnership,
        action_id: h.actionId,
        version: h.version,
        at: h.at,
        actor_aad_object_id: h.actorAadObjectId,
        actor_name: h.actorName,
        field: h.field,
        old_value: h.oldValue,
        new_value: h.newValue,
        note: h.note,
        channel: h.channel,
      })),
    )
    .execute();
}

function toRow(a: ActionItem, partnership: string): Insertable<Schema['action_item']> & { id: string; partnership: string } {
  return {
    partnership,
    id: a.id,
    plan: a.plan,
    theme: a.theme,
    title: a.title,
    description: a.description,
    lead_name: a.lead.name,
    lead_aad_object_id: a.lead.aadObjectId,
    lead_teams_user_id: a.lead.teamsUserId,
    lead_agency: a.leadAgency,
    partners_json: JSON.stringify(a.partners),
    wards_json: JSON.stringify(a.wards),
    start_date: a.startDate,
    original_target_date: a.originalTargetDate,
    target_date: a.targetDate,
    target_date_reason: a.targetDateReason,
    target_slips: a.targetSlips,
    committee_flag: a.committeeFlag ? 1 : 0,
    status: a.status,
    rag_override: a.ragOverride,
    rag_override_reason: a.ragOverrideReason,
    update_text: a.latestUpdate?.text ?? null,
    update_author: a.latestUpdate?.author ?? null,
    update_as_of: a.latestUpdate?.asOf ?? null,
    success_measure: a.successMeasure,
    source_kind: a.source.kind,
    source_plan: a.source.kind === 'plan' ? a.source.plan : null,
    source_meeting_date: a.source.kind === 'resolution' ? a.source.meetingDate : null,
    source_minute_ref: a.source.kind === 'resolution' ? a.source.minuteRef : null,
    classification: a.classification,
    version: a.version,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

function toItem(r: ItemRow): ActionItem {
  return {
    id: r.id,
    plan: r.plan,
    theme: r.theme,
    title: r.title,
    description: r.description,
    lead: { name: r.lead_name, aadObjectId: r.lead_aad_object_id, teamsUserId: r.lead_teams_user_id },
    leadAgency: r.lead_agency,
    partners: JSON.parse(r.partners_json) as string[],
    wards: JSON.parse(r.wards_json) as string[],
    startDate: r.start_date,
    originalTargetDate: r.original_target_date,
    targetDate: r.target_date,
    targetDateReason: r.target_date_reason,
    targetSlips: Number(r.target_slips),
    committeeFlag: Number(r.committee_flag) === 1,
    status: r.status as ActionStatus,
    ragOverride: r.rag_override as Rag | null,
    ragOverrideReason: r.rag_override_reason,
    latestUpdate:
      r.update_text !== null ? { text: r.update_text, author: r.update_author ?? '', asOf: r.update_as_of ?? '' } : null,
    successMeasure: r.success_measure,
    source:
      r.source_kind === 'resolution'
        ? { kind: 'resolution', meetingDate: r.source_meeting_date ?? '', minuteRef: r.source_minute_ref ?? '' }
        : { kind: 'plan', plan: r.source_plan ?? r.plan },
    classification: r.classification as Classification,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toHistory(r: HistoryRow): HistoryEntry {
  return {
    actionId: r.action_id,
    version: Number(r.version),
    at: r.at,
    actorAadObjectId: r.actor_aad_object_id,
    actorName: r.actor_name,
    field: r.field as HistoryField,
    oldValue: r.old_value,
    newValue: r.new_value,
    note: r.note,
    channel: r.channel as Channel,
  };
}
