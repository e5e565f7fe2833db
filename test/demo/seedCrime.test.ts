import { FakeClock } from '../../src/core/clock';
import { changePct } from '../../src/core/answer';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { districtArea } from '../../src/domain/areas/resolve';
import { CrimeQueries, SAMPLE_DATA_SOURCE } from '../../src/features/crime/queries';
import { seedDemoCrime } from '../../src/demo/seedCrime';
import { CrimeRepo } from '../../src/store/crimeRepo';
import { describeEachStore } from '../support/stores';

describeEachStore('seedDemoCrime', (store) => {
  const clock = new FakeClock('2021-03-10T09:00:00Z');

  it('loads the demo so that every answer says sample data and the worked example holds', async () => {
    await seedDemoCrime(store(), clock);
    const q = new CrimeQueries(new CrimeRepo(store()), chesterfieldPack, { suppressionThreshold: 5 });
    expect(await q.isSampleData()).toBe(true);
    expect(await q.provenance(null)).toEqual([{ name: SAMPLE_DATA_SOURCE, asOf: '2021-03-10' }]);
    expect(await q.latestMonth()).toBe('2021-01');
    const r = await q.resolve(undefined, null);
    expect(r?.period).toEqual({ from: '2020-02', to: '2021-01' });
    const d = districtArea(chesterfieldPack);
    const now = await q.total(d, null, r!.period);
    const before = await q.total(d, null, r!.previousPeriod!);
    expect(changePct(now.count, before.count)).toBe(-6.2);
    const ranking = await q.ranking(null, r!.period);
    expect(ranking).toHaveLength(19);
    expect(ranking.every((row) => row.count > 0)).toBe(true);
    expect(ranking.reduce((s, row) => s + row.count, 0)).toBe(now.count);
    expect(await q.hasData('hate-crime')).toBe(true);
  });

  it('seeding twice changes nothing', async () => {
    await seedDemoCrime(store(), clock);
    const q = new CrimeQueries(new CrimeRepo(store()), chesterfieldPack, { suppressionThreshold: 5 });
    const first = await q.series(districtArea(chesterfieldPack), 'anti-social-behaviour', '2018-02', '2021-01');
    await seedDemoCrime(store(), clock);
    expect(await q.series(districtArea(chesterfieldPack), 'anti-social-behaviour', '2018-02', '2021-01')).toEqual(first);
  });

  it('refuses to mix demo figures into real data', async () => {
    await new CrimeRepo(store()).replaceMonth({ source: 'police.uk', month: '2021-01', district: 'E07000034', origin: 'api', importedAt: '2021-03-01T00:00:00Z', records: 0 }, []);
    await expect(seedDemoCrime(store(), clock)).rejects.toThrow(/real crime data/);
    expect(await new CrimeRepo(store()).datasetKind()).toBe('real');
  });
});
