import { sql, type QueryCreator } from 'kysely';
import type { StoredSlots, TurnStateKey } from '../core/turnState';
import { recordActivity } from './activityLog';
import { STORED_REFERENCE_COLUMNS, type StoredReference } from './conversationRepo';
import { DataVersion, versionColumns, versionOf } from './dataVersions';
import { NO_FLUSH_WAIT, prepared, type Store } from './db';
import type { Schema } from './schema';
import { parseSlots } from './turnStateRepo';

/** What a turn (a message or a card action) reads before anything else. */
export interface OpenedTurn {
  /** False when the activity was handled before (Teams re-delivered it): the turn does nothing. */
  firstSeen: boolean;
  /** The data versions the whole turn reads (see DataSnapshots). */
  version: DataVersion;
  /** The person's turn state as stored ({} when none, or expired). */
  slots: StoredSlots;
  /** The conversation's stored reference (null when none), for ConversationRepo.upsertActive. */
  reference: StoredReference | null;
}

export interface TurnOpeningInput {
  /** The id the activity is recorded by (Teams' id; a card action's is prefixed): without one it cannot be re-delivered, so nothing is recorded. */
  activityId: string | undefined;
  at: Date;
  /** Whose turn state; its conversation key is also the stored reference's key. */
  state: TurnStateKey;
}

/** The values a turn's opening is run with. */
type OpeningValues = Record<'activityId' | 'at' | 'conversationKey' | 'personId', string>;

/**
 * Opens turns (messages and card actions) in one round trip to PostgreSQL (two statements on SQLite, which has no
 * writes inside WITH): records the activity id, so that a re-delivery is answered once however
 * many instances run, and reads the data versions, the person's turn state and the conversation's
 * stored reference. A repeated question whose answer is kept then needs nothing more from the
 * store. The id is recorded as bookkeeping (see writeBookkeeping in db.ts). The statements are
 * prepared once per store.
 */
export class TurnOpening {
  private readonly read;
  private readonly record;
  private readonly recordAndRead;

  constructor(private readonly store: Store) {
    // One row whatever is stored: the tokens and the state as sub-queries, the reference joined onto a row of nothing.
    const reads = (qc: QueryCreator<Schema>, v: OpeningValues) =>
      qc
        .selectFrom(sql<{ one: number }>`(select 1 as one)`.as('turn'))
        .leftJoin('conversation_ref', (join) => join.on('conversation_ref.key', '=', v.conversationKey))
        .select((eb) => [
          ...versionColumns(eb),
          eb
            .selectFrom('turn_state')
            .select('slots')
            .where('conversation_key', '=', v.conversationKey)
            .where('person_id', '=', v.personId)
            .where('expires_at', '>', v.at)
            .as('slots'),
          ...STORED_REFERENCE_COLUMNS.map((c) => `conversation_ref.${c}` as const),
        ]);
    this.read = prepared(store, ['conversationKey', 'personId', 'at'], (v) => reads(store.db, v as OpeningValues));
    this.record = prepared(store, ['activityId', 'at'], (v) => recordActivity(store.db, v.activityId, v.at));
    this.recordAndRead = prepared(store, ['activityId', 'at', 'conversationKey', 'personId'], (v) =>
      reads(store.db.with('recorded', (db) => recordActivity(db, v.activityId, v.at).returning('activity_id')) as unknown as QueryCreator<Schema>, v).select([
        sql<string>`(select count(*) from recorded)`.as('recorded'),
        NO_FLUSH_WAIT.as('flush'),
      ]),
    );
  }

  async open(input: TurnOpeningInput): Promise<OpenedTurn> {
    const { activityId, state } = input;
    const values: OpeningValues = { activityId: activityId ?? '', at: input.at.toISOString(), conversationKey: state.conversationKey, personId: state.personId };
    const pg = activityId !== undefined && this.store.dialect === 'postgres';
    const recorded = pg ? undefined : activityId !== undefined ? Number((await this.record(values)).numAffectedRows ?? 0) > 0 : true;
    const row = pg ? (await this.recordAndRead(values)).rows[0] : (await this.read(values)).rows[0];
    const firstSeen = recorded ?? Number((row as { recorded?: string }).recorded) > 0;
    return {
      firstSeen,
      version: versionOf(row),
      slots: row.slots === null ? {} : parseSlots(row.slots),
      reference: row.updated_at === null ? null : (Object.fromEntries(STORED_REFERENCE_COLUMNS.map((c) => [c, row[c]])) as StoredReference),
    };
  }
}
