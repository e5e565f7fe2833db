import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Store } from './db';
import type { Schema } from './schema';

import type { ConversationType } from '../core/turn';
export type { ConversationType };

/** Where the bot can post proactively; `reference` is the Bot Framework reference, kept opaque here. */
export interface StoredConversation {
  key: string;
  tenantId: string;
  conversationId: string;
  conversationType: ConversationType;
  serviceUrl: string;
  teamId: string | null;
  channelId: string | null;
  userAadObjectId: string | null;
  reference: Record<string, unknown>;
  active: boolean;
  inactiveReason: string | null;
  updatedAt: string;
}

export type ConversationInput = Omit<StoredConversation, 'key' | 'active' | 'inactiveReason' | 'updatedAt'>;

export function conversationKey(tenantId: string, conversationId: string): string {
  return `${tenantId}|${conversationId}`;
}

/** Columns a message can change; `updated_at` is refreshed with them, or daily. */
const CHANGEABLE = ['tenant_id', 'conversation_id', 'conversation_type', 'service_url', 'team_id', 'channel_id', 'user_aad_object_id', 'reference_json'] as const;

/** A reference as a message would store it: its key and the columns a message can change. */
export type ReferenceRow = { key: string } & Pick<Selectable<Schema['conversation_ref']>, (typeof CHANGEABLE)[number]>;

export function referenceRow(c: ConversationInput): ReferenceRow {
  return {
    key: conversationKey(c.tenantId, c.conversationId),
    tenant_id: c.tenantId,
    conversation_id: c.conversationId,
    conversation_type: c.conversationType,
    service_url: c.serviceUrl,
    team_id: c.teamId,
    channel_id: c.channelId,
    user_aad_object_id: c.userAadObjectId,
    reference_json: JSON.stringify(c.reference),
  };
}

/**
 * True when the stored reference is `row` as it is, active, and refreshed since `dayBefore` (ISO):
 * a message then has nothing to write. Every message asks (see turnOpening.ts), and reading is
 * cheaper than rewriting the row and its three indexes, which is only needed when something
 * changed, the reference was made inactive (by any instance), or it was last refreshed over a day ago.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- from any query over the schema
export function referenceIsCurrent(eb: ExpressionBuilder<Schema, any>, row: ReferenceRow, dayBefore: string) {
  return eb.exists(
    eb
      .selectFrom('conversation_ref')
      .select('key')
      .where('key', '=', row.key)
      .where('active', '=', 1)
      .where('updated_at', '>=', dayBefore)
      .where((w) => w.and(CHANGEABLE.map((col) => w(col, 'is not distinct from', row[col])))),
  );
}

/** The moment a day before `at`: a reference refreshed since then is not refreshed again. */
export function dayBefore(at: Date): string {
  return new Date(at.getTime() - 86_400_000).toISOString();
}

export class ConversationRepo {
  constructor(private readonly store: Store) {}

  /**
   * Stores or refreshes a reference and marks it active (an install or a message reactivates it).
   * `current`: whether the stored one is current already (see referenceIsCurrent), when the turn
   * has asked; else this asks.
   */
  async upsertActive(c: ConversationInput, at: Date, current?: boolean): Promise<void> {
    const row = referenceRow(c);
    const isCurrent =
      current ?? Boolean((await this.store.db.selectNoFrom((eb) => referenceIsCurrent(eb, row, dayBefore(at)).as('current')).executeTakeFirstOrThrow()).current);
    if (isCurrent) return;
    const { key: _key, ...changed } = row;
    const update = { ...changed, active: 1, inactive_reason: null, updated_at: at.toISOString() };
    await this.store.db
      .insertInto('conversation_ref')
      .values({ key: row.key, ...update })
      .onConflict((oc) => oc.column('key').doUpdateSet(update))
      .execute();
  }

  /** Never deletes: a reference is kept, inactive, with the reason, so a later install can revive it. */
  async markInactive(key: string, reason: string, at: Date): Promise<boolean> {
    const r = await this.store.db
      .updateTable('conversation_ref')
      .set({ active: 0, inactive_reason: reason, updated_at: at.toISOString() })
      .where('key', '=', key)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Marks every conversation of a team inactive (team deleted, or the bot removed from it). */
  async markTeamInactive(teamId: string, reason: string, at: Date): Promise<number> {
    const r = await this.store.db
      .updateTable('conversation_ref')
      .set({ active: 0, inactive_reason: reason, updated_at: at.toISOString() })
      .where('team_id', '=', teamId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async get(key: string): Promise<StoredConversation | undefined> {
    const row = await this.store.db.selectFrom('conversation_ref').selectAll().where('key', '=', key).executeTakeFirst();
    return row && toConversation(row);
  }

  /** The active personal chat with a user, where reminders to that user go. */
  async personalChatOf(aadObjectId: string): Promise<StoredConversation | undefined> {
    const row = await this.store.db
      .selectFrom('conversation_ref')
      .selectAll()
      .where('user_aad_object_id', '=', aadObjectId)
      .where('conversation_type', '=', 'personal')
      .where('active', '=', 1)
      .orderBy('updated_at', 'desc')
      .executeTakeFirst();
    return row && toConversation(row);
  }

  async list(options: { activeOnly?: boolean } = {}): Promise<StoredConversation[]> {
    let q = this.store.db.selectFrom('conversation_ref').selectAll();
    if (options.activeOnly) q = q.where('active', '=', 1);
    return (await q.orderBy('key').execute()).map(toConversation);
  }
}

type Row = Selectable<Schema['conversation_ref']>;

function toConversation(r: Row): StoredConversation {
  return {
    key: r.key,
    tenantId: r.tenant_id,
    conversationId: r.conversation_id,
    conversationType: r.conversation_type,
    serviceUrl: r.service_url,
    teamId: r.team_id,
    channelId: r.channel_id,
    userAadObjectId: r.user_aad_object_id,
    reference: JSON.parse(r.reference_json) as Record<string, unknown>,
    active: r.active === 1,
    inactiveReason: r.inactive_reason,
    updatedAt: r.updated_at,
  };
}
