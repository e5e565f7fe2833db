import { describeEachStore } from '../support/stores';
import { ProcessedActivities } from '../../src/store/activityLog';

describeEachStore('ProcessedActivities', (store) => {
  test('an activity id is first seen once, even when two instances race', async () => {
    const log = new ProcessedActivities(store());
    const results = await Promise.all([log.firstSeen('a1', new Date()), log.firstSeen('a1', new Date()), log.firstSeen('a1', new Date())]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  test('pruning forgets old ids only', async () => {
    const log = new ProcessedActivities(store());
    await log.firstSeen('old', new Date('2021-01-01T00:00:00Z'));
    await log.firstSeen('new', new Date('2021-01-03T00:00:00Z'));
    await log.prune(new Date('2021-01-02T00:00:00Z'));
    expect(await log.firstSeen('old', new Date())).toBe(true);
    expect(await log.firstSeen('new', new Date())).toBe(false);
  });
});
