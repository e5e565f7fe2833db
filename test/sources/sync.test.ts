import { FakeClock } from '../../src/core/clock';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { POLICE_CATEGORIES } from '../../src/domain/crime/categories';
import { readBoundaryFile } from '../../src/sources/boundaries';
import { assignToWards } from '../../src/sources/policeUk/assign';
import { PoliceUkClient } from '../../src/sources/policeUk/client';
import { monthsBetween, syncPolice } from '../../src/sources/sync';
import { CrimeRepo } from '../../src/store/crimeRepo';
import type { Store } from '../../src/store/db';
import { FakePoliceUk, gridWards } from '../support/fakePoliceUk';
import { describeWithSharedData, sharedPath } from '../support/sharedData';
import { describeEachStore } from '../support/stores';
import { readdirSync, readFileSync } from 'node:fs';

const wards2015 = chesterfieldPack.wardSets.find((s) => s.id === '2015-2023')!.wards.map((w) => w.code);
const grid = gridWards(wards2015);
const clock = new FakeClock('2021-03-01T09:00:00Z');

/** Everything stored for a month, as "ward|category" → count. */
async function storedCounts(store: Store, month: string): Promise<Map<string, number>> {
  const repo = new CrimeRepo(store);
  const out = new Map<string, number>();
  for (const c of POLICE_CATEGORIES) {
    for (const r of await repo.countsByArea([{ areaType: 'ward', codes: 'all', from: month, to: month }], [c.slug])) {
      out.set(`${r.areaCode}|${c.slug}`, r.count);
    }
  }
  return out;
}

function truthOf(fake: FakePoliceUk, month: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [ward, cats] of fake.expectedCounts(month)) for (const [cat, n] of cats) out.set(`${ward}|${cat}`, n);
  return out;
}

describe('monthsBetween', () => {
  it('lists every month across a year end, inclusive', () => {
    expect(monthsBetween('2019-11', '2020-02')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
  });
  it('refuses a range that runs backwards', () => {
    expect(() => monthsBetween('2020-02', '2019-11')).toThrow(/after/);
  });
});

describeEachStore('csp sync police against the fake police.uk', (getStore) => {
  let fake: FakePoliceUk;
  let client: PoliceUkClient;

  beforeEach(async () => {
    fake = await FakePoliceUk.start({ generated: { wards: grid, months: ['2020-01', '2020-02', '2020-03'], perWardMonth: 8 }, rateLimit: null });
    client = new PoliceUkClient({ baseUrl: fake.url, timeoutMs: 300, backoffBaseMs: 5, backoffMaxMs: 20, rateLimit: { perSecond: 1000, burst: 1000 } });
  });
  afterEach(async () => {
    await client.close();
    await fake.close();
  });

  const deps = () => ({ store: getStore(), clock, pack: chesterfieldPack, client, boundaries: grid });

  it('survives 429s, a 503 split, a hang, a failure and a wrong-month answer with correct final counts', async () => {
    fake.cap = 9;
    fake.hangNext(1);
    fake.failNext(1, 502);
    fake.failNext(3, 429);
    fake.wrongMonthNext(1);
    const summary = await syncPolice(deps(), { from: '2020-01', to: '2020-02' });

    expect(summary.failed).toEqual([]);
    expect(summary.months).toBe(2);
    expect(fake.counters.rateLimited).toBe(3);
    expect(fake.counters.capped).toBeGreaterThan(0);
    expect(summary.splits).toBe(fake.counters.capped);
    expect(fake.counters.wrongMonth).toBe(1);
    expect(summary.wrongMonthDropped).toBeGreaterThan(0);
    expect(summary.retries).toBeGreaterThanOrEqual(6);
    for (const month of ['2020-01', '2020-02']) expect(await storedCounts(getStore(), month)).toEqual(truthOf(fake, month));
    const truthTotal = [...truthOf(fake, '2020-01').values(), ...truthOf(fake, '2020-02').values()].reduce((a, b) => a + b, 0);
    expect(summary.crimes).toBe(truthTotal);
  });

  it('skips complete months on a re-run and fetches them again with refresh, changing nothing', async () => {
    await syncPolice(deps(), { from: '2020-01', to: '2020-02' });
    const before = await storedCounts(getStore(), '2020-01');
    fake.resetLog();

    const again = await syncPolice(deps(), { from: '2020-01', to: '2020-03' });
    expect(again.skipped).toEqual(['2020-01', '2020-02']);
    expect(again.months).toBe(1);
    expect(new Set(fake.requests.filter((r) => r.path.startsWith('crimes-street/')).map((r) => r.month))).toEqual(new Set(['2020-03']));

    const refreshed = await syncPolice(deps(), { from: '2020-01', to: '2020-01', refresh: true });
    expect(refreshed.months).toBe(1);
    expect(await storedCounts(getStore(), '2020-01')).toEqual(before);
  });

  it('leaves a month that could not be fetched incomplete, so the next run picks it up', async () => {
    const giveUpFast = new PoliceUkClient({ baseUrl: fake.url, timeoutMs: 300, backoffBaseMs: 1, backoffMaxMs: 2, maxRetries: 1, rateLimit: { perSecond: 1000, burst: 1000 } });
    fake.failNext(40, 502);
    const first = await syncPolice({ ...deps(), client: giveUpFast }, { from: '2020-01', to: '2020-03', monthConcurrency: 1 });
    await giveUpFast.close();
    expect(first.failed.map((f) => f.month)).toContain('2020-01');
    expect(first.failed[0].error).toMatch(/HTTP 502/);
    const second = await syncPolice(deps(), { from: '2020-01', to: '2020-03' });
    expect(second.failed).toEqual([]);
    expect(second.months + second.skipped.length).toBe(3);
    expect(await new CrimeRepo(getStore()).completeMonths('police.uk')).toEqual(['2020-01', '2020-02', '2020-03']);
    expect(await storedCounts(getStore(), '2020-01')).toEqual(truthOf(fake, '2020-01'));
  });

  it('reports months the API does not hold instead of storing empty ones', async () => {
    const summary = await syncPolice(deps(), { from: '2019-12', to: '2020-01' });
    expect(summary.unavailable).toEqual(['2019-12']);
    expect(await new CrimeRepo(getStore()).completeMonths('police.uk')).toEqual(['2020-01']);
  });
});

describeWithSharedData('syncing the real June 2018 month', () => {
  describeEachStore('June 2018 through the fake API', (getStore) => {
    it('stores each crime once, in the ward whose boundary holds it', async () => {
      const fake = await FakePoliceUk.start({ real: { dir: sharedPath('police-uk-2018-06'), polysFile: sharedPath('ward-polys-police-api.json') } });
      const client = new PoliceUkClient({ baseUrl: fake.url, timeoutMs: 2000, backoffBaseMs: 5 });
      try {
        const boundaries = (await readBoundaryFile(sharedPath('boundaries/chesterfield-wards-2015-2023.geojson'), 'ward')).map((b) => ({ code: b.code, geometry: b.geometry }));
        const summary = await syncPolice({ store: getStore(), clock, pack: chesterfieldPack, client, boundaries }, { from: '2018-06', to: '2018-06' });
        expect([summary.months, summary.crimes, summary.duplicatesDropped, summary.outsideDropped]).toEqual([1, 916, 18, 1]);
        // The API answered each ward with exactly the recorded response: the stored figures are those, settled.
        const dir = sharedPath('police-uk-2018-06');
        const answers = readdirSync(dir).map((f) => ({ ward: f.replace('.json', ''), crimes: JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) }));
        const expected = new Map(assignToWards(answers, boundaries).rows.map((r) => [`${r.areaCode}|${r.category}`, r.count]));
        expect(await storedCounts(getStore(), '2018-06')).toEqual(expected);
      } finally {
        await client.close();
        await fake.close();
      }
    });
  });
});
