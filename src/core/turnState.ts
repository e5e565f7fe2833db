/**
 * What a conversation remembers between one message and the next, per person: e.g. the last
 * question asked, so that "and Dunston?" can be read as a follow-up. Kept in the store (the next
 * message may land on another instance) and forgotten after a spell of silence.
 */

/** Slots features keep between turns; each feature adds its own slot by declaration merging:
 *  declare module '../../core/turnState' { interface TurnSlots { ask: AskContext } }
 *  A slot's value must survive JSON (plain objects, arrays, strings, numbers, booleans, null). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the features
export interface TurnSlots {}

export interface TurnState {
  /** First get of a turn reads the store once; later gets are free. A change to the returned value is kept only by `set`. */
  get<K extends keyof TurnSlots>(slot: K): Promise<TurnSlots[K] | undefined>;
  /** Kept in memory, saved once after the turn if anything changed; `undefined` forgets the slot. */
  set<K extends keyof TurnSlots>(slot: K, value: TurnSlots[K] | undefined): void;
}

/** Whose state: one per person per conversation, so two people in a group chat never share it. */
export interface TurnStateKey {
  conversationKey: string;
  /** AAD object id, else the channel's user id. */
  personId: string;
}

/** The slots of one state as stored: slot name → JSON value. */
export type StoredSlots = Record<string, unknown>;

/** Where turn state lives between turns (the store; memory for the command line and tests). */
export interface TurnStateStore {
  /** The slots saved for this key, or {} when there are none or they have expired. Never throws on a bad row. */
  load(key: TurnStateKey, now: Date): Promise<StoredSlots>;
  /** Replaces the slots of this key and restarts its expiry from `now`. */
  save(key: TurnStateKey, slots: StoredSlots, now: Date): Promise<void>;
}

/**
 * One turn's state: reads the store only when a slot is first asked for, and writes only when a
 * slot changed. A turn that never calls `get` or `set` costs nothing.
 */
export class LazyTurnState implements TurnState {
  private slots: StoredSlots | undefined;
  private loading: Promise<StoredSlots> | undefined;
  /** Slots set in this turn (undefined = forgotten), applied over what is stored when saving. */
  private readonly changes = new Map<string, unknown>();
  /** The latest save: saves run one after another, each over what the one before wrote. */
  private saving: Promise<boolean> | undefined;

  /**
   * `stored`: the slots as already read with the rest of the turn's opening, so that no read is
   * needed. `onSet`: told of every `set` (the Teams edge saves early, while the answer is made).
   */
  constructor(
    private readonly store: TurnStateStore,
    private readonly key: TurnStateKey,
    private readonly now: Date,
    stored?: StoredSlots,
    private readonly onSet?: () => void,
  ) {
    this.slots = stored;
  }

  async get<K extends keyof TurnSlots>(slot: K): Promise<TurnSlots[K] | undefined> {
    const name = slot as string;
    if (this.changes.has(name)) return this.changes.get(name) as TurnSlots[K] | undefined;
    const slots = await this.load();
    return slots[name] as TurnSlots[K] | undefined;
  }

  set<K extends keyof TurnSlots>(slot: K, value: TurnSlots[K] | undefined): void {
    this.changes.set(slot as string, value);
    this.onSet?.();
  }

  /** Saves the changes made since the last save; true when something was written. */
  save(): Promise<boolean> {
    const previous = this.saving;
    const next = (previous ? previous.catch(() => false) : Promise.resolve(false)).then(() => this.saveChanges());
    this.saving = next;
    return next;
  }

  private async saveChanges(): Promise<boolean> {
    if (this.changes.size === 0) return false;
    const before = await this.load();
    const after: StoredSlots = { ...before };
    for (const [name, value] of this.changes) {
      if (value === undefined) delete after[name];
      else after[name] = value;
    }
    this.changes.clear();
    if (sameJson(before, after)) return false;
    await this.store.save(this.key, after, this.now);
    this.slots = after;
    return true;
  }

  /** The slots as stored after this turn, when known (read or given, and every change saved); else undefined. */
  known(): StoredSlots | undefined {
    return this.changes.size === 0 ? this.slots : undefined;
  }

  private async load(): Promise<StoredSlots> {
    if (this.slots) return this.slots;
    this.loading ??= this.store.load(this.key, this.now);
    this.slots = await this.loading;
    return this.slots;
  }
}

function sameJson(a: StoredSlots, b: StoredSlots): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Turn state kept in this process only: for the command line (each command is one turn) and
 * tests. Values are copied through JSON, as the store would, so no object is shared between turns.
 */
export class MemoryTurnStates implements TurnStateStore {
  private readonly rows = new Map<string, { json: string; expiresAt: number }>();

  /** `max` bounds the memory: beyond it the state saved longest ago is forgotten first. */
  constructor(
    private readonly minutes = 30,
    private readonly max = 10_000,
  ) {}

  async load(key: TurnStateKey, now: Date): Promise<StoredSlots> {
    const row = this.rows.get(keyText(key));
    return row && row.expiresAt > now.getTime() ? (JSON.parse(row.json) as StoredSlots) : {};
  }

  async save(key: TurnStateKey, slots: StoredSlots, now: Date): Promise<void> {
    const k = keyText(key);
    this.rows.delete(k); // re-inserted last, so the Map's order is the order of saving
    this.rows.set(k, { json: JSON.stringify(slots), expiresAt: now.getTime() + this.minutes * 60_000 });
    for (const oldest of this.rows.keys()) {
      if (this.rows.size <= this.max) break;
      this.rows.delete(oldest);
    }
  }

  /** A fresh state for one turn over this memory. */
  turn(key: TurnStateKey, now: Date): LazyTurnState {
    return new LazyTurnState(this, key, now);
  }
}

function keyText(key: TurnStateKey): string {
  return `${key.conversationKey}\u0000${key.personId}`;
}

/** A state for a turn that keeps nothing beyond itself (one-off requests: the command line, tests). */
export function oneTurnState(now: Date): LazyTurnState {
  return new MemoryTurnStates().turn({ conversationKey: 'one-turn', personId: 'one-turn' }, now);
}
