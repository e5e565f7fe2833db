import axios from 'axios';
import { PoliceApiError, PoliceUkClient } from '../../../src/sources/policeUk/client';
import { outerRings, Ring, toPolicePoly } from '../../../src/sources/geo';
import { FakePoliceUk, gridWards } from '../../support/fakePoliceUk';

const wards = gridWards(['W1', 'W2', 'W3']);
const ringOf = (i: number): Ring => outerRings(wards[i].geometry)[0];
const fast = { backoffBaseMs: 5, backoffMaxMs: 20, timeoutMs: 300, rateLimit: { perSecond: 1000, burst: 1000 } };

describe('police.uk client against the fake server', () => {
  let fake: FakePoliceUk;
  let client: PoliceUkClient;

  beforeEach(async () => {
    fake = await FakePoliceUk.start({ generated: { wards, months: ['2020-01', '2020-02'], perWardMonth: 20 }, rateLimit: null });
    client = new PoliceUkClient({ baseUrl: fake.url, ...fast });
  });
  afterEach(async () => {
    await client.close();
    await fake.close();
  });

  const truth = (month: string, ward: string) => [...(fake.expectedCounts(month).get(ward)?.values() ?? [])].reduce((a, b) => a + b, 0);

  it('lists the months the API holds oldest first, whatever order the API gives', async () => {
    expect((await client.crimesStreetDates()).map((d) => d.date)).toEqual(['2020-01', '2020-02']);
    expect(fake.requests[0].path).toBe('crimes-street-dates');
  });

  it('reads the last update date and the category list', async () => {
    expect(await client.crimeLastUpdated()).toBe('2020-02-01');
    const cats = await client.crimeCategories('2020-01');
    expect(cats.map((c) => c.url)).toContain('violent-crime');
  });

  it('posts the polygon as a form body, so a long polygon never hits the GET URL limit', async () => {
    // A ring of 400 points makes a poly far longer than the 4,094 characters a GET URL may hold.
    const big: Ring = Array.from({ length: 400 }, (_, k) => {
      const a = (2 * Math.PI * k) / 400;
      return [-1.425 + 0.03 * Math.cos(a), 53.205 + 0.02 * Math.sin(a)] as [number, number];
    });
    const poly = toPolicePoly(big);
    expect(poly.length).toBeGreaterThan(4094);
    const viaGet = await axios.get(`${fake.url}crimes-street/all-crime`, { params: { poly, date: '2020-01' }, validateStatus: () => true });
    expect(viaGet.status).toBe(400);

    const result = await client.crimesStreet(big, '2020-01');
    expect(result.crimes.length).toBeGreaterThan(0);
    const last = fake.requests[fake.requests.length - 1];
    expect([last.method, last.status, last.month]).toEqual(['POST', 200, '2020-01']);
  });

  it('retries 502 and 504 answers and then returns the crimes', async () => {
    fake.failNext(1, 502);
    fake.failNext(1, 504);
    const result = await client.crimesStreet(ringOf(0), '2020-01');
    expect(result.crimes).toHaveLength(truth('2020-01', 'W1'));
    expect(client.stats.retries).toBe(2);
  });

  it('gives up with a clear error when the API keeps failing', async () => {
    const stubborn = new PoliceUkClient({ baseUrl: fake.url, ...fast, maxRetries: 2 });
    fake.failNext(3, 502);
    const failure = stubborn.crimesStreet(ringOf(0), '2020-01');
    await expect(failure).rejects.toThrow(PoliceApiError);
    await expect(failure).rejects.toThrow(/failed after 3 attempts: HTTP 502/);
    expect(fake.counters.injectedFailures).toBe(3);
    await stubborn.close();
  });

  it('abandons a hung request after the timeout and asks again', async () => {
    fake.hangNext(1);
    const result = await client.crimesStreet(ringOf(1), '2020-02');
    expect(result.crimes).toHaveLength(truth('2020-02', 'W2'));
    expect(client.stats.timeouts).toBe(1);
    expect(fake.counters.hung).toBe(1);
  });

  it('turns away an answer of another month and asks again', async () => {
    fake.wrongMonthNext(1);
    const result = await client.crimesStreet(ringOf(2), '2020-01');
    expect(result.crimes.every((c) => c.month === '2020-01')).toBe(true);
    expect(result.crimes).toHaveLength(truth('2020-01', 'W3'));
    expect(result.wrongMonth).toBeGreaterThan(0);
    expect(client.stats.wrongMonthDropped).toBe(result.wrongMonth);
  });

  it('splits a polygon holding more crimes than the cap and merges the halves without double counting', async () => {
    fake.cap = 5;
    const result = await client.crimesStreet(ringOf(0), '2020-01');
    expect(result.splits).toBeGreaterThan(0);
    expect(fake.counters.capped).toBe(result.splits);
    expect(new Set(result.crimes.map((c) => c.id)).size).toBe(result.crimes.length);
    expect(result.crimes).toHaveLength(truth('2020-01', 'W1'));
  });

  it('refuses a month that is not YYYY-MM before asking the API', async () => {
    await expect(client.crimesStreet(ringOf(0), '2020-1')).rejects.toThrow(/YYYY-MM/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('police.uk client rate limiting', () => {
  it('waits as long as a 429 Retry-After says before asking again', async () => {
    const fake = await FakePoliceUk.start({ generated: { wards, months: ['2020-01'], perWardMonth: 5 }, rateLimit: null });
    const sleeps: number[] = [];
    const client = new PoliceUkClient({ baseUrl: fake.url, ...fast, sleep: async (ms) => void sleeps.push(ms) });
    try {
      fake.failNext(2, 429);
      const result = await client.crimesStreet(ringOf(0), '2020-01');
      expect(result.crimes.length).toBeGreaterThan(0);
      expect(sleeps).toEqual([1000, 1000]);
      expect(client.stats.rateLimited).toBe(2);
    } finally {
      await client.close();
      await fake.close();
    }
  });

  it('gets every answer from a server enforcing its limit, however hard it is pushed', async () => {
    // 30 requests at once against a bucket of 3 draining 10/s: most are refused at first.
    const fake = await FakePoliceUk.start({ generated: { wards, months: ['2020-01'], perWardMonth: 5 }, rateLimit: { perSecond: 10, burst: 3 } });
    const greedy = new PoliceUkClient({ baseUrl: fake.url, ...fast, maxRetries: 10 });
    try {
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => greedy.crimesStreet(ringOf(i % 3), '2020-01')));
      expect(results.every((r) => r.crimes.length > 0)).toBe(true);
      expect(fake.counters.rateLimited).toBeGreaterThan(0);
      expect(greedy.stats.rateLimited).toBe(fake.counters.rateLimited);
    } finally {
      await greedy.close();
      await fake.close();
    }
  });

  it('keeps under the published limit on its own (15/s, bursts 30)', async () => {
    const fake = await FakePoliceUk.start({ generated: { wards, months: ['2020-01'], perWardMonth: 5 }, rateLimit: { perSecond: 15, burst: 30 } });
    const polite = new PoliceUkClient({ baseUrl: fake.url, backoffBaseMs: 5 });
    try {
      await Promise.all(Array.from({ length: 40 }, (_, i) => polite.crimesStreet(ringOf(i % 3), '2020-01')));
      expect(fake.counters.rateLimited).toBe(0);
      expect(fake.counters.ok).toBe(40);
    } finally {
      await polite.close();
      await fake.close();
    }
  });
});
