import { deepFreeze, SharedResults } from '../../src/store/answerCache';

describe('SharedResults', () => {
  test('a result asked for twice at the same moment is computed once', async () => {
    const results = new SharedResults<{ n: number }>(10);
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    const [a, b] = await Promise.all([results.get('k', compute), results.get('k', compute)]);
    expect(computed).toBe(1);
    expect(a).toBe(b);
    expect(await results.get('k', compute)).toBe(a);
  });

  test('a shared result cannot be changed by the one it was given to', async () => {
    const results = new SharedResults<{ rows: number[] }>(10);
    const r = await results.get('k', async () => ({ rows: [3, 1, 2] }));
    expect(() => r.rows.sort()).toThrow(TypeError);
    expect((await results.get('k', async () => ({ rows: [] }))).rows).toEqual([3, 1, 2]);
  });

  test('a failure is not kept: the next ask computes again', async () => {
    const results = new SharedResults<{ ok: boolean }>(10);
    await expect(results.get('k', async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await results.get('k', async () => ({ ok: true }))).toEqual({ ok: true });
  });

  test('the least recently used result is dropped when the bound is reached', async () => {
    const results = new SharedResults<{ k: string }>(2);
    let computed = 0;
    const make = (k: string) => async () => {
      computed += 1;
      return { k };
    };
    await results.get('a', make('a'));
    await results.get('b', make('b'));
    await results.get('a', make('a'));
    await results.get('c', make('c'));
    expect(results.size).toBe(2);
    await results.get('a', make('a'));
    expect(computed).toBe(3);
    await results.get('b', make('b'));
    expect(computed).toBe(4);
  });
});

describe('deepFreeze', () => {
  test('freezes nested objects and arrays, and leaves plain values alone', () => {
    const v = deepFreeze({ a: { b: [1, { c: 2 }] }, s: 'x', n: null });
    expect(Object.isFrozen(v.a.b[1])).toBe(true);
    expect(deepFreeze(3)).toBe(3);
  });
});
