import '../support/turnSlots';
import { LazyTurnState, MemoryTurnStates, type StoredSlots, type TurnStateKey, type TurnStateStore } from '../../src/core/turnState';

const NOW = new Date('2021-08-16T09:00:00Z');
const KEY: TurnStateKey = { conversationKey: 'tenant-1|a:personal-1', personId: 'aad-a' };

/** A store that counts its reads and writes and keeps other slots, as a real row would. */
class CountingStore implements TurnStateStore {
  reads = 0;
  writes: StoredSlots[] = [];
  constructor(private slots: StoredSlots = {}) {}
  async load(): Promise<StoredSlots> {
    this.reads += 1;
    return structuredClone(this.slots);
  }
  async save(_key: TurnStateKey, slots: StoredSlots): Promise<void> {
    this.writes.push(slots);
    this.slots = structuredClone(slots);
  }
}

describe('LazyTurnState', () => {
  test('a value set in a turn is what a later get in the same turn returns, without a read', async () => {
    const store = new CountingStore();
    const state = new LazyTurnState(store, KEY, NOW);
    state.set('lastQuestion', { text: 'vehicle crime in Moor', asked: 1 });
    expect(await state.get('lastQuestion')).toEqual({ text: 'vehicle crime in Moor', asked: 1 });
    expect(store.reads).toBe(0);
  });

  test('setting one slot without reading keeps the other slots stored (one read, one write)', async () => {
    const store = new CountingStore({ other: { kept: true } });
    const state = new LazyTurnState(store, KEY, NOW);
    state.set('lastQuestion', { text: 'and Dunston?', asked: 2 });
    expect(await state.save()).toBe(true);
    expect(store.reads).toBe(1);
    expect(store.writes).toEqual([{ other: { kept: true }, lastQuestion: { text: 'and Dunston?', asked: 2 } }]);
  });

  test('setting a slot to undefined forgets it', async () => {
    const store = new CountingStore({ lastQuestion: { text: 'vehicle crime in Moor', asked: 1 } });
    const state = new LazyTurnState(store, KEY, NOW);
    state.set('lastQuestion', undefined);
    expect(await state.get('lastQuestion')).toBeUndefined();
    await state.save();
    expect(store.writes).toEqual([{}]);
  });

  test('saving twice writes once', async () => {
    const store = new CountingStore();
    const state = new LazyTurnState(store, KEY, NOW);
    state.set('lastQuestion', { text: 'vehicle crime in Moor', asked: 1 });
    await state.save();
    expect(await state.save()).toBe(false);
    expect(store.writes).toHaveLength(1);
  });
});

describe('LazyTurnState saved early and again', () => {
  test('a change made while a save is on its way is saved over it, and neither is lost', async () => {
    const writes: StoredSlots[] = [];
    let stored: StoredSlots = { other: { kept: true } };
    let release: () => void = () => undefined;
    const slowStore: TurnStateStore = {
      load: async () => structuredClone(stored),
      async save(_key, slots) {
        if (writes.length === 0) await new Promise<void>((r) => (release = r));
        writes.push(slots);
        stored = structuredClone(slots);
      },
    };
    const state = new LazyTurnState(slowStore, KEY, NOW);
    state.set('lastQuestion', { text: 'vehicle crime in Moor', asked: 1 });
    const first = state.save();
    await new Promise((r) => setImmediate(r));
    state.set('ask', undefined);
    state.set('lastQuestion', { text: 'vehicle crime in Moor last year', asked: 2 });
    const second = state.save();
    release();
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(stored).toEqual({ other: { kept: true }, lastQuestion: { text: 'vehicle crime in Moor last year', asked: 2 } });
    expect(writes).toHaveLength(2);
  });

  test('each set is told, so the turn can save while it goes on', () => {
    let told = 0;
    const state = new LazyTurnState(new CountingStore(), KEY, NOW, {}, () => (told += 1));
    state.set('lastQuestion', { text: 'vehicle crime in Moor', asked: 1 });
    expect(told).toBe(1);
  });
});

describe('MemoryTurnStates', () => {
  test('keeps state per person and conversation until the minutes of silence have passed', async () => {
    const memory = new MemoryTurnStates(30);
    const first = memory.turn(KEY, NOW);
    first.set('lastQuestion', { text: 'vehicle crime in Moor', asked: 1 });
    await first.save();
    expect(await memory.turn(KEY, new Date(NOW.getTime() + 29 * 60_000)).get('lastQuestion')).toEqual({ text: 'vehicle crime in Moor', asked: 1 });
    expect(await memory.turn({ ...KEY, personId: 'aad-b' }, NOW).get('lastQuestion')).toBeUndefined();
    expect(await memory.turn(KEY, new Date(NOW.getTime() + 30 * 60_000)).get('lastQuestion')).toBeUndefined();
  });

  test('memory is bounded: beyond the limit the state saved longest ago is forgotten first', async () => {
    const memory = new MemoryTurnStates(30, 2);
    let asked = 0;
    const save = async (personId: string) => {
      const turn = memory.turn({ ...KEY, personId }, NOW);
      turn.set('lastQuestion', { text: personId, asked: ++asked });
      await turn.save();
    };
    await save('a');
    await save('b');
    await save('a');
    await save('c');
    expect(await memory.load({ ...KEY, personId: 'b' }, NOW)).toEqual({});
    expect(Object.keys(await memory.load({ ...KEY, personId: 'a' }, NOW))).toEqual(['lastQuestion']);
    expect(Object.keys(await memory.load({ ...KEY, personId: 'c' }, NOW))).toEqual(['lastQuestion']);
  });
});
