import type { HistoryEntry } from '../../src/domain/actions/model';
import { ActionRepo } from '../../src/store/actionRepo';
import { bumpDataVersion } from '../../src/store/dataVersions';
import { inTransaction } from '../../src/store/db';
import { RoleRepo } from '../../src/store/roleRepo';
import { DataSnapshots, deepFreeze } from '../../src/store/snapshot';
import { anAction } from '../support/actions';
import { describeEachStore } from '../support/stores';
import { CHESTERFIELD } from '../support/partnership';

const OFFICER = '11111111-1111-4111-8111-111111111111';
const entry = (id: string, version: number): HistoryEntry => ({ actionId: id, version, at: '2021-08-16T09:00:00.000Z', actorAadObjectId: null, actorName: 'Test', field: version === 1 ? 'created' : 'status', oldValue: null, newValue: 'x', note: null, channel: 'cli' });
/** A turn is any object: the snapshot is kept for as long as the turn is. */
const turn = () => ({});

describeEachStore('the data as a turn reads it', (get) => {
  test('one turn sees one state even when the data changes part-way; the next turn sees the change', async () => {
    const snapshots = new DataSnapshots(get());
    const first = turn();
    const before = (await snapshots.ofTurn(first)).version;
    await inTransaction(get(), (trx) => bumpDataVersion(trx, 'plan'));
    expect((await snapshots.ofTurn(first)).version).toEqual(before);
    const next = (await snapshots.ofTurn(turn())).version;
    expect(next.plan).not.toBe(before.plan);
    expect(next.crime).toBe(before.crime);
  });

  test('a change saved on one instance is in the next turn on another', async () => {
    // Two instances: each its own cache, one database.
    const a = new DataSnapshots(get());
    const b = new DataSnapshots(get());
    const repo = new ActionRepo(get(), CHESTERFIELD);
    await repo.insertIfAbsent(anAction(), [entry('CSP-TEST-01', 1)]);
    expect((await (await a.ofTurn(turn())).plan(CHESTERFIELD)).items[0].status).not.toBe('on_hold');
    await repo.save({ ...anAction(), status: 'on_hold', version: 2 }, 1, [entry('CSP-TEST-01', 2)]);
    expect((await (await b.ofTurn(turn())).plan(CHESTERFIELD)).items[0].status).toBe('on_hold');
    expect((await (await a.ofTurn(turn())).plan(CHESTERFIELD)).items[0].status).toBe('on_hold');
    await repo.insertIfAbsent(anAction({ id: 'CSP-TEST-02' }), [entry('CSP-TEST-02', 1)]);
    expect((await (await a.ofTurn(turn())).plan(CHESTERFIELD)).items.map((i) => i.id)).toEqual(['CSP-TEST-01', 'CSP-TEST-02']);
    await repo.markDemo(new Date('2021-08-16T09:00:00Z'));
    expect((await (await a.ofTurn(turn())).plan(CHESTERFIELD)).demo).toBe(true);
  });

  test('turns at the same plan version share one plan, which no answer can change', async () => {
    const snapshots = new DataSnapshots(get());
    await new ActionRepo(get(), CHESTERFIELD).insertIfAbsent(anAction(), [entry('CSP-TEST-01', 1)]);
    const p = await (await snapshots.ofTurn(turn())).plan(CHESTERFIELD);
    expect(await (await snapshots.ofTurn(turn())).plan(CHESTERFIELD)).toBe(p);
    expect(() => {
      (p.items[0] as { status: string }).status = 'completed';
    }).toThrow(TypeError);
  });

  test('a role taken away applies from the very next turn, on every instance', async () => {
    const a = new DataSnapshots(get());
    const b = new DataSnapshots(get());
    const roles = new RoleRepo(get());
    await roles.grant(OFFICER, 'officer', 'test', new Date());
    expect((await (await a.ofTurn(turn())).grantOf(OFFICER))?.role).toBe('officer');
    await roles.grant(OFFICER, 'member', 'test', new Date());
    expect((await (await b.ofTurn(turn())).grantOf(OFFICER))?.role).toBe('member');
    await roles.revoke(OFFICER);
    expect(await (await a.ofTurn(turn())).grantOf(OFFICER)).toBeUndefined();
  });

  test('one turn reads a grant once however many parts ask', async () => {
    const snapshots = new DataSnapshots(get());
    await new RoleRepo(get()).grant(OFFICER, 'officer', 'test', new Date());
    const t = turn();
    const first = await (await snapshots.ofTurn(t)).grantOf(OFFICER);
    expect(await (await snapshots.ofTurn(t)).grantOf(OFFICER)).toBe(first);
  });
});

describe('results kept in a snapshot', () => {
  const at = (crime = 'c1', plan = 'p1') => new DataSnapshots({} as never).at({ crime, plan, roles: 'r1' });

  test('a result asked for twice at the same moment is computed once', async () => {
    const s = at();
    let n = 0;
    const compute = async () => ({ n: ++n });
    const [x, y] = await Promise.all([s.keep('k', ['crime'], 1, compute), s.keep('k', ['crime'], 1, compute)]);
    expect(x).toBe(y);
    expect(n).toBe(1);
  });

  test('a new token of the data a result depends on computes it afresh; other data changing does not', async () => {
    const snapshots = new DataSnapshots({} as never);
    let n = 0;
    const compute = async () => ({ n: ++n });
    const s1 = snapshots.at({ crime: 'c1', plan: 'p1', roles: 'r1' });
    await s1.keep('k', ['crime'], null, compute);
    await snapshots.at({ crime: 'c1', plan: 'p2', roles: 'r2' }).keep('k', ['crime'], null, compute);
    expect(n).toBe(1);
    await snapshots.at({ crime: 'c2', plan: 'p1', roles: 'r1' }).keep('k', ['crime'], null, compute);
    expect(n).toBe(2);
  });

  test('a kept result cannot be changed by the one it was given to; booleans and null are kept too', async () => {
    const s = at();
    const v = await s.keep('k', ['crime'], 1, async () => ({ list: [1, 2] }));
    expect(() => (v.list as number[]).push(3)).toThrow(TypeError);
    let n = 0;
    await s.keep('b', ['crime'], 1, async () => (n++, false));
    expect(await s.keep('b', ['crime'], 1, async () => (n++, false))).toBe(false);
    expect(n).toBe(1);
  });

  test('a failure is not kept: the next ask computes again', async () => {
    const s = at();
    await expect(s.keep('f', ['crime'], 1, async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await s.keep('f', ['crime'], 1, async () => ({ ok: true }))).toEqual({ ok: true });
  });

  test('the cache is bounded: the least recently used results go first', async () => {
    const snapshots = new DataSnapshots({} as never, { budget: 3 });
    const s = snapshots.at({ crime: 'c', plan: 'p', roles: 'r' });
    let n = 0;
    const compute = async () => ({ n: ++n });
    for (const k of ['a', 'b', 'c']) await s.keep(k, ['crime'], null, compute);
    await s.keep('a', ['crime'], null, compute); // a is now the most recent
    await s.keep('d', ['crime'], null, compute); // b goes
    expect(n).toBe(4);
    await s.keep('a', ['crime'], null, compute);
    expect(n).toBe(4);
    await s.keep('b', ['crime'], null, compute);
    expect(n).toBe(5);
  });

  test('deepFreeze freezes nested objects and arrays and leaves plain values alone', () => {
    const v = deepFreeze({ a: [{ b: 1 }], c: 'x' });
    expect(Object.isFrozen(v.a[0])).toBe(true);
    expect(deepFreeze(3)).toBe(3);
  });
});
