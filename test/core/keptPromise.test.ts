import { keptPromise } from '../../src/core/keptPromise';

/** One promise per key, shared while kept; a failure is never kept. */
describe('a kept promise', () => {
  test('is made once and shared by everyone who asks for it', async () => {
    const kept = new Map<string, Promise<number>>();
    let made = 0;
    const make = async () => ++made;
    const [a, b] = await Promise.all([keptPromise(kept, 'k', make), keptPromise(kept, 'k', make)]);
    expect([a, b, made]).toEqual([1, 1, 1]);
  });

  test('that fails is forgotten, so the next ask tries again', async () => {
    const kept = new Map<string, Promise<string>>();
    await expect(keptPromise(kept, 'k', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await keptPromise(kept, 'k', async () => 'back')).toBe('back');
  });

  test('that fails leaves alone a newer one kept in its place', async () => {
    const kept = new Map<string, Promise<string>>();
    let fail: (e: Error) => void = () => undefined;
    const first = keptPromise(kept, 'k', () => new Promise<string>((_, reject) => (fail = reject)));
    const newer = Promise.resolve('newer');
    kept.set('k', newer);
    fail(new Error('late failure'));
    await expect(first).rejects.toThrow('late failure');
    expect(kept.get('k')).toBe(newer);
  });
});
