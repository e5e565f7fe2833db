import { sql } from 'kysely';
import '../support/turnSlots';
import { describeEachStore } from '../support/stores';
import { TurnStateRepo } from '../../src/store/turnStateRepo';
import { LazyTurnState, type TurnStateKey } from '../../src/core/turnState';

const NOW = new Date('2021-08-16T09:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const priyaInChat: TurnStateKey = { conversationKey: 'tenant-1|19:group@thread.v2', personId: 'aad-priya' };
const tomInChat: TurnStateKey = { conversationKey: 'tenant-1|19:group@thread.v2', personId: 'aad-tom' };
const priyaAlone: TurnStateKey = { conversationKey: 'tenant-1|a:personal-priya', personId: 'aad-priya' };

/** Runs one turn that sets the last question, and saves it as the bot does after the turn. */
async function ask(repo: TurnStateRepo, key: TurnStateKey, text: string, at = NOW): Promise<void> {
  const state = new LazyTurnState(repo, key, at);
  state.set('lastQuestion', { text, asked: at.getTime() });
  await state.save();
}

async function lastQuestion(repo: TurnStateRepo, key: TurnStateKey, at = NOW): Promise<string | undefined> {
  return (await new LazyTurnState(repo, key, at).get('lastQuestion'))?.text;
}

describeEachStore('TurnStateRepo', (store) => {
  test('state saved through one instance is read by another instance of the same database (or after a restart)', async () => {
    await ask(new TurnStateRepo(store()), priyaAlone, 'vehicle crime in Moor');
    const other = store().openAnother();
    try {
      expect(await lastQuestion(new TurnStateRepo(other), priyaAlone, minutes(5))).toBe('vehicle crime in Moor');
    } finally {
      await other.close();
    }
  });

  test('a later turn replaces the earlier state (one row per person and conversation)', async () => {
    const repo = new TurnStateRepo(store());
    await ask(repo, priyaAlone, 'vehicle crime in Moor');
    await ask(repo, priyaAlone, 'and Dunston?', minutes(2));
    expect(await lastQuestion(repo, priyaAlone, minutes(3))).toBe('and Dunston?');
    const rows = await store().db.selectFrom('turn_state').select('person_id').execute();
    expect(rows).toHaveLength(1);
  });

  test('state is forgotten after the configured minutes of silence, and the daily clean-up removes it', async () => {
    const repo = new TurnStateRepo(store(), { minutes: 30 });
    await ask(repo, priyaAlone, 'vehicle crime in Moor');
    await ask(repo, tomInChat, 'burglary in Brimington', minutes(20));
    expect(await lastQuestion(repo, priyaAlone, minutes(29))).toBe('vehicle crime in Moor');
    expect(await lastQuestion(repo, priyaAlone, minutes(30))).toBeUndefined();
    expect(await repo.pruneExpired(minutes(31))).toBe(1);
    expect(await lastQuestion(repo, tomInChat, minutes(31))).toBe('burglary in Brimington');
    expect(await store().db.selectFrom('turn_state').select('person_id').execute()).toEqual([{ person_id: 'aad-tom' }]);
  });

  test('a shorter configured silence forgets sooner', async () => {
    const repo = new TurnStateRepo(store(), { minutes: 5 });
    await ask(repo, priyaAlone, 'vehicle crime in Moor');
    expect(await lastQuestion(repo, priyaAlone, minutes(6))).toBeUndefined();
  });

  test('two people in one group chat have separate states', async () => {
    const repo = new TurnStateRepo(store());
    await ask(repo, priyaInChat, 'vehicle crime in Moor');
    await ask(repo, tomInChat, 'burglary in Brimington');
    expect(await lastQuestion(repo, priyaInChat)).toBe('vehicle crime in Moor');
    expect(await lastQuestion(repo, tomInChat)).toBe('burglary in Brimington');
  });

  test('state never crosses conversations, even for the same person', async () => {
    const repo = new TurnStateRepo(store());
    await ask(repo, priyaInChat, 'vehicle crime in Moor');
    expect(await lastQuestion(repo, priyaAlone)).toBeUndefined();
  });

  test.each([
    ['not JSON', '{"lastQuestion": {"text": "vehicle'],
    ['a JSON array', '[1, 2]'],
    ['JSON null', 'null'],
    ['a JSON string', '"vehicle crime"'],
  ])('a stored row that is %s reads as no state and never fails the turn', async (_what, slots) => {
    const repo = new TurnStateRepo(store());
    await ask(repo, priyaAlone, 'vehicle crime in Moor');
    await sql`update turn_state set slots = ${slots}`.execute(store().db);
    expect(await lastQuestion(repo, priyaAlone)).toBeUndefined();
    // and the next turn's state replaces it
    await ask(repo, priyaAlone, 'and Dunston?', minutes(1));
    expect(await lastQuestion(repo, priyaAlone, minutes(2))).toBe('and Dunston?');
  });

  test('a turn that never asks for its state reads and writes nothing; one that asks reads once; an unchanged state is not written', async () => {
    const repo = new TurnStateRepo(store());
    await ask(repo, priyaAlone, 'vehicle crime in Moor');
    const load = jest.spyOn(repo, 'load');
    const save = jest.spyOn(repo, 'save');

    expect(await new LazyTurnState(repo, priyaAlone, minutes(1)).save()).toBe(false);
    expect(load).not.toHaveBeenCalled();

    const reading = new LazyTurnState(repo, priyaAlone, minutes(1));
    await Promise.all([reading.get('lastQuestion'), reading.get('lastQuestion')]);
    await reading.get('lastQuestion');
    const same = await reading.get('lastQuestion');
    if (same) reading.set('lastQuestion', { ...same });
    expect(await reading.save()).toBe(false);
    expect(load).toHaveBeenCalledTimes(1);
    expect(save).not.toHaveBeenCalled();
  });
});
