import { FakeClock } from '../../../src/core/clock';
import { openStore, type Store } from '../../../src/store/db';
import { ReminderScheduler, type RunSummary } from '../../../src/features/followups/scheduler';
import { followupDeps, RecordingSender } from '../../support/followupFixtures';

const quiet: RunSummary = { planned: 0, claimed: 0, sent: 0, summaries: 0, summarised: 0, merged: 0, skipped: 0, waiting: 0, failed: 0, dead: 0, possiblyDuplicated: 0, sendMs: 0, durationMs: 0 };
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the reminder loop runs on the injected clock', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore('sqlite::memory:');
  });
  afterEach(() => store.close());

  test('it runs at once, then again each interval after the previous run, and not after it is stopped', async () => {
    const clock = new FakeClock('2021-08-18T08:00:00Z');
    const scheduler = new ReminderScheduler(followupDeps(store, clock), new RecordingSender(), { instanceId: 'loop' });
    const runs = jest.spyOn(scheduler, 'runDue').mockResolvedValue(quiet);

    scheduler.start(30_000);
    await settle();
    expect(runs).toHaveBeenCalledTimes(1);
    clock.advance(29_999);
    await settle();
    expect(runs).toHaveBeenCalledTimes(1);
    clock.advance(1);
    await settle();
    expect(runs).toHaveBeenCalledTimes(2);

    await scheduler.stop();
    expect(clock.pendingTimers).toBe(0);
    clock.advance(3_600_000);
    await settle();
    expect(runs).toHaveBeenCalledTimes(2);
  });
});
