import type { ExpressionBuilder } from 'kysely';
import type { StoredSlots, TurnStateKey } from '../core/turnState';
import { recordActivity } from './activityLog';
import { ConversationInput, dayBefore, referenceIsCurrent, referenceRow, type ReferenceRow } from './conversationRepo';
import { DataVersion, versionColumns, versionOf } from './dataVersions';
import { prepared, type Store } from './db';
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
  /** Whether the conversation's stored reference is current (see referenceIsCurrent): nothing to write. */
  referenceCurrent: boolean;
}

export interface TurnOpeningInput {
  /** The id the activity is recorded by (Teams' id; a card action's is prefixed): without one it cannot be re-delivered, so nothing is recorded. */
  activityId: string | undefined;
  at: Date;
  /** Whose turn state. */
  state: TurnStateKey;
  /** The conversation's reference as this activity gives it. */
  reference: ConversationInput;
}

/** The values a turn's opening is run with: the turn's, and the reference's columns. */
type OpeningValues = { activityId: string; at: string; conversationKey: string; personId: string; dayBefore: string } & ReferenceRow;

const NAMES = ['activityId', 'at', 'conversationKey', 'personId', 'dayBefore', 'key', 'tenant_id', 'conversation_id', 'conversation_type', 'service_url', 'team_id', 'channel_id', 'user_aad_object_id', 'reference_json'] as const;

/**
 * Opens turns (messages and card actions) in one statement on either store: records the activity
 * id, so that a re-delivery is answered once however many instances run, and, only when it is
 * new, returns with it the data versions, the person's turn state and whether the conversation's
 * stored reference is current. A repeated question whose answer is kept then needs nothing more
 * from the store. The id is recorded as bookkeeping (see `prepared` in db.ts); the statements are
 * prepared once per store.
 */
export class TurnOpening {
  private readonly recordAndRead;
  private readonly read;

  constructor(store: Store) {
    const reads = (eb: ExpressionBuilder<Schema, never>, v: OpeningValues) => [
      ...versionColumns(eb),
      eb
        .selectFrom('turn_state')
        .select('slots')
        .where('conversation_key', '=', v.conversationKey)
        .where('person_id', '=', v.personId)
        .where('expires_at', '>', v.at)
        .as('slots'),
      referenceIsCurrent(eb, v, v.dayBefore).as('reference_current'),
    ];
    // A re-delivered id inserts nothing and so returns no row: nothing is read for it.
    this.recordAndRead = prepared(
      store,
      NAMES,
      (v) => recordActivity(store.db, v.activityId, v.at).returning((eb) => reads(eb as ExpressionBuilder<Schema, never>, v as OpeningValues)),
      { bookkeeping: true },
    );
    this.read = prepared(
      store,
      NAMES.filter((n) => n !== 'activityId'),
      (v) => store.db.selectNoFrom((eb) => reads(eb, v as OpeningValues)),
    );
  }

  async open(input: TurnOpeningInput): Promise<OpenedTurn | { firstSeen: false }> {
    const { activityId, state, at } = input;
    const values: OpeningValues = {
      ...referenceRow(input.reference),
      activityId: activityId ?? '',
      at: at.toISOString(),
      conversationKey: state.conversationKey,
      personId: state.personId,
      dayBefore: dayBefore(at),
    };
    const row = (activityId === undefined ? await this.read(values) : await this.recordAndRead(values)).rows[0];
    if (!row) return { firstSeen: false };
    return {
      firstSeen: true,
      version: versionOf(row),
      slots: row.slots === null ? {} : parseSlots(row.slots),
      referenceCurrent: Boolean(row.reference_current),
    };
  }
}
