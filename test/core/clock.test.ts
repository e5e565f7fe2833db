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

describe('timers on the clock', () => {
  test('a fake clock fires its timers in time order as it moves past them, and a cancelled timer never fires', () => {
    const clock = new FakeClock('2021-08-16T09:00:00Z');
    const fired: string[] = [];
    clock.setTimer(2_000, () => fired.push(`late at ${clock.now().toISOString()}`));
    clock.setTimer(1_000, () => fired.push(`early at ${clock.now().toISOString()}`));
    const cancel = clock.setTimer(1_500, () => fired.push('cancelled'));
    cancel();
    clock.advance(999);
    expect(fired).toEqual([]);
    clock.advance(5_000);
    expect(fired).toEqual(['early at 2021-08-16T09:00:01.000Z', 'late at 2021-08-16T09:00:02.000Z']);
    expect(clock.now().toISOString()).toBe('2021-08-16T09:00:05.999Z');
    expect(clock.pendingTimers).toBe(0);
  });

  test('a repeating timer on a fake clock fires once per period passed until cancelled; sleep resolves when the time has passed', async () => {
    const clock = new FakeClock('2021-08-16T09:00:00Z');
    let runs = 0;
    const stop = clock.repeat(24 * 3_600_000, () => (runs += 1));
    clock.set('2021-08-19T10:00:00Z');
    expect(runs).toBe(3);
    stop();
    clock.advance(7 * 24 * 3_600_000);
    expect(runs).toBe(3);

    let woke = false;
    const sleeping = clock.sleep(60_000).then(() => (woke = true));
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(60_000);
    await sleeping;
    expect(woke).toBe(true);
  });

  test('the system clock\'s timers run in real time, even when the clock started in the past', async () => {
    const clock = systemClock('2021-08-16T09:00:00Z');
    let fired = false;
    clock.setTimer(10, () => (fired = true));
    const cancelled = clock.setTimer(10, () => {
      throw new Error('a cancelled timer fired');
    });
    cancelled();
    await clock.sleep(30);
    expect(fired).toBe(true);
  });
});
