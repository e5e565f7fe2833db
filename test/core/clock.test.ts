import { FakeClock, systemClock } from '../../src/core/clock';

describe('clocks', () => {
  test('a clock started at a moment begins there and then runs forward with real time', async () => {
    const clock = systemClock('2021-08-18T07:58:00Z');
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2021-08-18T07:58:00Z'))).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now().getTime()).toBeGreaterThan(first);
  });

  test('without a start, the clock is the wall clock', () => {
    expect(Math.abs(systemClock().now().getTime() - Date.now())).toBeLessThan(1000);
  });

  test('a fake clock moves only when told to', () => {
    const clock = new FakeClock('2021-10-31T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2021-10-31T00:00:00.000Z');
    clock.advance(3_600_000);
    expect(clock.now().toISOString()).toBe('2021-10-31T01:00:00.000Z');
    clock.set('2022-01-01T09:00:00Z');
    expect(clock.now().toISOString()).toBe('2022-01-01T09:00:00.000Z');
  });
});
