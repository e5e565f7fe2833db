import type { Query } from '../../../src/core/query';
import { answerCrime, rankOf } from '../../../src/features/crime/answer';
import { CAVEATS } from '../../../src/features/crime/caveats';
import { ASB, BURGLARY, DISTRICT, fixtureFigures, HASLAND, HATE, NORTH, pack, ROTHER, VIOLENCE, WALTON } from './answerFixture';

/*
 * Every expected figure below is worked out by hand from the table in answerFixture.ts; the
 * arithmetic is in the comment beside it.
 */

const q = (intent: Query['intent'], extra: Partial<Query> = {}): Query => ({ intent, text: 'test question', ...extra });

describe('trend answers', () => {
  it('gives the ward total, the previous 12 months, the change, the peak month and the rank', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB }), fixtureFigures(), pack);
    expect(a.period).toEqual({ from: '2020-02', to: '2021-01' });
    expect(a.previousPeriod).toEqual({ from: '2019-02', to: '2020-01' });
    expect(a.total).toBe(150); // 11 × 10 + 40
    expect(a.previousTotal).toBe(120); // 12 × 10
    expect(a.changePct).toBe(25); // 30 / 120
    expect(a.text).toBe(
      'ASB in Rother: 150 incidents in Feb 2020 – Jan 2021, up 25.0% on the previous 12 months (120). ' +
        'Highest month: May 2020 (40). Rother ranks 2nd of 3 wards (30.0 per 1,000 residents).',
    );
    expect(a.area).toEqual(ROTHER);
    expect(a.category).toEqual(ASB);
  });

  it('lists every month of both periods in order, zeros included', async () => {
    const a = await answerCrime(q('crime.trend', { area: HASLAND, category: BURGLARY }), fixtureFigures(), pack);
    expect(a.series).toHaveLength(24);
    expect(a.series?.[0]).toEqual({ month: '2019-02', count: 0 });
    expect(a.series?.[23]).toEqual({ month: '2021-01', count: 0 });
    expect(a.series?.map((m) => m.month)).toEqual([...a.series!.map((m) => m.month)].sort());
  });

  it('says "down" with the size of the fall', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: BURGLARY }), fixtureFigures(), pack);
    expect(a.total).toBe(24); // 12 × 2
    expect(a.previousTotal).toBe(36); // 12 × 3
    expect(a.changePct).toBe(-33.3); // −12 / 36
    expect(a.text).toContain('Burglary in Rother: 24 crimes in Feb 2020 – Jan 2021, down 33.3% on the previous 12 months (36).');
    // Every month is 2: the first is the highest. Burglary ranks: Rother 24, Walton 1, Hasland 0.
    expect(a.text).toContain('Highest month: Feb 2020 (2).');
    expect(a.text).toContain('Rother ranks 1st of 3 wards (4.8 per 1,000 residents).'); // 24 / 5,000 × 1,000
  });

  it('says "unchanged" when the totals are equal', async () => {
    const a = await answerCrime(q('crime.trend', { area: WALTON, category: ASB }), fixtureFigures(), pack);
    expect(a.total).toBe(96);
    expect(a.previousTotal).toBe(96);
    expect(a.changePct).toBe(0);
    expect(a.text).toContain('ASB in Walton: 96 incidents in Feb 2020 – Jan 2021, unchanged on the previous 12 months (96).');
    expect(a.text).toContain('Walton ranks 3rd of 3 wards (60.0 per 1,000 residents).'); // 96 / 1,600 × 1,000
  });

  it('says "up from none" and gives no percentage when the previous total is zero', async () => {
    const a = await answerCrime(q('crime.trend', { area: WALTON, category: BURGLARY }), fixtureFigures(), pack);
    expect(a.total).toBe(1);
    expect(a.previousTotal).toBe(0);
    expect(a.changePct).toBeNull();
    expect(a.text).toContain('Burglary in Walton: 1 crime in Feb 2020 – Jan 2021, up from none in the previous 12 months.');
    expect(a.text).toContain('Highest month: Jun 2020 (1).');
  });

  it('says there was none in either period, with no highest month', async () => {
    const a = await answerCrime(q('crime.trend', { area: HASLAND, category: BURGLARY }), fixtureFigures(), pack);
    expect(a.text).toContain('Burglary in Hasland: 0 crimes in Feb 2020 – Jan 2021, none in the previous 12 months either.');
    expect(a.text).not.toContain('Highest month');
  });

  it('says which months were used when the period is clipped, and gives no change without previous data', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB, period: { kind: 'since', from: '2018-06' } }), fixtureFigures(), pack);
    expect(a.period).toEqual({ from: '2019-02', to: '2021-01' });
    expect(a.previousPeriod).toBeNull();
    expect(a.total).toBe(270); // 120 + 150
    expect(a.previousTotal).toBeNull();
    expect(a.changePct).toBeNull();
    expect(a.text).toContain('ASB in Rother: 270 incidents in Feb 2019 – Jan 2021.');
    expect(a.text).toContain('no data before February 2019');
    expect(a.text).toContain('no comparison');
    expect(a.text).not.toMatch(/\b(up|down|unchanged)\b/);
    expect(a.series).toHaveLength(24);
  });

  it('compares year on year with the same months a year earlier', async () => {
    const a = await answerCrime(
      q('crime.trend', { area: ROTHER, category: ASB, period: { kind: 'range', from: '2020-05', to: '2020-07' }, comparison: 'year-on-year' }),
      fixtureFigures(),
      pack,
    );
    expect(a.previousPeriod).toEqual({ from: '2019-05', to: '2019-07' });
    expect(a.total).toBe(60); // 40 + 10 + 10
    expect(a.previousTotal).toBe(30);
    expect(a.series?.map((m) => m.month)).toEqual(['2019-05', '2019-06', '2019-07', '2020-05', '2020-06', '2020-07']);
    expect(a.text).toContain('60 incidents in May 2020 – Jul 2020, up 100.0% on the same months a year earlier (30).');
  });

  it('answers for a named group with its rate per 1,000 residents instead of a rank', async () => {
    const a = await answerCrime(q('crime.trend', { area: NORTH, category: ASB }), fixtureFigures(), pack);
    expect(a.total).toBe(390); // 150 + 240
    expect(a.previousTotal).toBe(180); // 120 + 60
    expect(a.changePct).toBe(116.7); // 210 / 180
    expect(a.text).toContain('That is 55.7 per 1,000 residents.'); // 390 / 7,000 × 1,000
    expect(a.ranking).toBeNull();
  });

  it('treats no category as all crime (ASB left out) and no area as the district', async () => {
    const a = await answerCrime(q('crime.total'), fixtureFigures(), pack);
    expect(a.area).toEqual(DISTRICT);
    expect(a.category).toBeNull();
    expect(a.total).toBe(109); // burglary 24 + 1, violence 60 + 24
    expect(a.previousTotal).toBe(120); // burglary 36, violence 60 + 24
    expect(a.changePct).toBe(-9.2);
    expect(a.text).toContain('All crime in Testshire: 109 crimes in Feb 2020 – Jan 2021, down 9.2% on the previous 12 months (120).');
    expect(a.text).toContain('That is 12.7 per 1,000 residents.'); // 109 / 8,600 × 1,000
    expect(a.text).not.toContain('Highest month'); // a total, not a trend
  });

  it('puts a correction of the question first', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB, note: 'Taking “Rothr” as Rother.' }), fixtureFigures(), pack);
    expect(a.text.startsWith('Taking “Rothr” as Rother. ASB in Rother:')).toBe(true);
  });
});

describe('ranking answers', () => {
  it('ranks wards highest first with their rate, and names the district total', async () => {
    const a = await answerCrime(q('crime.rank', { category: ASB }), fixtureFigures(), pack);
    expect(a.ranking).toEqual([
      { area: { code: 'H', name: 'Hasland' }, count: 240, per1000: 120 },
      { area: { code: 'R', name: 'Rother' }, count: 150, per1000: 30 },
      { area: { code: 'W', name: 'Walton' }, count: 96, per1000: 60 },
    ]);
    expect(a.total).toBe(486);
    expect(a.text).toBe(
      'Wards with the most ASB, Feb 2020 – Jan 2021: Hasland 240 (120.0 per 1,000 residents); Rother 150 (30.0 per 1,000 residents); ' +
        'Walton 96 (60.0 per 1,000 residents). Testshire in all: 486 incidents.',
    );
  });

  it('names as many wards as the question asks for ("top 2 wards")', async () => {
    const a = await answerCrime(q('crime.rank', { category: ASB, rankCount: 2 }), fixtureFigures(), pack);
    expect(a.text).toMatch(/^Wards with the most ASB, Feb 2020 – Jan 2021: Hasland 240 \(120\.0 per 1,000 residents\); Rother 150 \(30\.0 per 1,000 residents\)\. /);
  });

  it('ranks wards by how they changed, each against its own earlier period, rises and falls apart', async () => {
    const a = await answerCrime(q('crime.rank', { category: ASB, rankBy: 'change' }), fixtureFigures(), pack);
    expect(a.text).toContain('ASB by ward, Feb 2020 – Jan 2021 against the previous 12 months:');
    expect(a.text).toContain('Hasland up 180 (60 to 240); Rother up 30 (120 to 150)');
    const falls = await answerCrime(q('crime.rank', { category: ASB, rankBy: 'fall' }), fixtureFigures(), pack);
    expect(falls.text).not.toContain('Hasland up');
    expect(falls.ranking).toEqual([]);
  });

  it('ranks by rate when asked per 1,000 residents', async () => {
    const a = await answerCrime(q('crime.rank', { category: ASB, perCapita: true, area: ROTHER }), fixtureFigures(), pack);
    expect(a.ranking?.map((r) => r.area.name)).toEqual(['Hasland', 'Walton', 'Rother']);
    expect(a.text).toContain('Wards with the highest rate of ASB per 1,000 residents, Feb 2020 – Jan 2021: Hasland 120.0 per 1,000 (240)');
    expect(rankOf(a.ranking!, 'R', true)?.rank).toBe(3);
  });

  it('ranks from the fewest when asked for the fewest, and says so', async () => {
    const a = await answerCrime(q('crime.rank', { category: ASB, order: 'asc' }), fixtureFigures(), pack);
    expect(a.ranking?.map((r) => r.area.name)).toEqual(['Walton', 'Rother', 'Hasland']);
    expect(a.text).toMatch(/^Wards with the least ASB, Feb 2020 – Jan 2021: Walton 96/);
    const byRate = await answerCrime(q('crime.rank', { category: ASB, order: 'asc', perCapita: true }), fixtureFigures(), pack);
    expect(byRate.ranking?.map((r) => r.area.name)).toEqual(['Rother', 'Walton', 'Hasland']); // 30, 60, 120 per 1,000
    expect(byRate.text).toMatch(/^Wards with the lowest rate of ASB per 1,000 residents/);
  });

  it('"where does Rother rank": Rother\'s count and rank come first and are the total', async () => {
    const a = await answerCrime(q('crime.rank', { category: ASB, area: ROTHER }), fixtureFigures(), pack);
    expect(a.total).toBe(150);
    expect(a.text).toMatch(/^Rother: 150 incidents of ASB in Feb 2020 – Jan 2021, 30\.0 per 1,000 residents; it ranks 2nd of 3 wards, 1st being the most\./);
    expect(a.text).toContain('Testshire in all: 486 incidents.');
  });

  it('gives joint ranks to equal counts', () => {
    const rows = [
      { area: { code: 'A', name: 'A' }, count: 5, per1000: 1 },
      { area: { code: 'B', name: 'B' }, count: 5, per1000: 1 },
      { area: { code: 'C', name: 'C' }, count: 2, per1000: 1 },
    ];
    expect(rankOf(rows, 'B', false)).toMatchObject({ rank: 1, joint: true, of: 3 });
    expect(rankOf(rows, 'C', false)).toMatchObject({ rank: 3, joint: false });
  });
});

describe('a month not yet published', () => {
  it('says which month is the latest and why, and offers it', async () => {
    const a = await answerCrime(q('crime.total', { category: ASB, area: ROTHER, period: { kind: 'range', from: '2021-03', to: '2021-03' } }), fixtureFigures(), pack);
    expect(a.total).toBeNull();
    expect(a.text).toBe(
      "There are no figures from March 2021 yet: police.uk publishes each month's figures about two months after the month ends, so the latest month held is January 2021.",
    );
    expect(a.suggestions?.[0]).toBe('ASB in Rother in January 2021');
  });
});

describe('breakdown answers', () => {
  it('breaks crime down by category, highest first, with ASB reported separately', async () => {
    const a = await answerCrime(q('crime.breakdown', { area: ROTHER }), fixtureFigures(), pack);
    expect(a.breakdown?.slice(0, 2)).toEqual([
      { category: VIOLENCE, count: 60 },
      { category: BURGLARY, count: 24 },
    ]);
    expect(a.breakdown?.some((b) => b.category.slug === 'anti-social-behaviour')).toBe(false);
    expect(a.total).toBe(84);
    expect(a.previousTotal).toBe(96);
    expect(a.text).toBe(
      'Crime in Rother: 84 crimes in Feb 2020 – Jan 2021, down 12.5% on the previous 12 months (96). ' +
        'Largest: violence and sexual offences 60 (71.4%), burglary 24 (28.6%). ASB, counted separately: 150 incidents.',
    );
  });
});

describe('comparing areas', () => {
  it('puts the areas side by side with totals, rates and changes', async () => {
    const a = await answerCrime(q('crime.compare_areas', { areas: [ROTHER, HASLAND], category: ASB }), fixtureFigures(), pack);
    expect(a.areas).toEqual([ROTHER, HASLAND]);
    expect(a.ranking).toEqual([
      { area: { code: 'H', name: 'Hasland' }, count: 240, per1000: 120 },
      { area: { code: 'R', name: 'Rother' }, count: 150, per1000: 30 },
    ]);
    expect(a.text).toContain('Rother 150 incidents (30.0 per 1,000 residents), up 25.0% on the previous 12 months (120).');
    expect(a.text).toContain('Hasland 240 incidents (120.0 per 1,000 residents), up 300.0% on the previous 12 months (60).');
    expect(a.text).toContain('Highest rate: Hasland.');
  });

  it('adds wards together when asked for them combined: the sum and the rate of them all', async () => {
    const a = await answerCrime(q('crime.compare_areas', { areas: [ROTHER, HASLAND], category: ASB, combined: true }), fixtureFigures(), pack);
    expect(a.text).toContain('Together: 390 incidents (55.7 per 1,000 residents).'); // 390 over 5,000 + 2,000 residents
  });

  it('"how many more in Rother than Hasland" says the difference, whichever has more', async () => {
    const a = await answerCrime(q('crime.compare_areas', { areas: [ROTHER, HASLAND], category: ASB, difference: true }), fixtureFigures(), pack);
    expect(a.text).toContain('Hasland had 90 more than Rother (240 against 150).');
    const plain = await answerCrime(q('crime.compare_areas', { areas: [ROTHER, HASLAND], category: ASB }), fixtureFigures(), pack);
    expect(plain.text).not.toContain('more than');
  });

  it('never adds a ward to the district that holds it, even when asked for them combined', async () => {
    const a = await answerCrime(q('crime.compare_areas', { areas: [ROTHER, DISTRICT], category: ASB, combined: true }), fixtureFigures(), pack);
    expect(a.text).toContain('I show each area on its own');
    expect(a.text).not.toContain('Together:');
  });

  it('gives an area\'s share of its district when that is what was asked', async () => {
    const a = await answerCrime(q('crime.compare_areas', { areas: [ROTHER, DISTRICT], category: ASB, share: true }), fixtureFigures(), pack);
    expect(a.text).toContain("Rother's share of Testshire's: 30.9%."); // 150 of 486
    const plain = await answerCrime(q('crime.compare_areas', { areas: [ROTHER, DISTRICT], category: ASB }), fixtureFigures(), pack);
    expect(plain.text).not.toContain('share');
  });

  it('compares one area with the district', async () => {
    const a = await answerCrime(q('crime.compare_areas', { areas: [ROTHER], category: ASB }), fixtureFigures(), pack);
    expect(a.areas).toEqual([ROTHER, DISTRICT]);
    expect(a.text).toContain('Testshire 486 incidents (56.5 per 1,000 residents), up 76.1% on the previous 12 months (276).'); // 210 / 276
  });
});

describe('local measures', () => {
  it('says police.uk does not publish a measure, and how to load it, with no figures', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: HATE }), fixtureFigures(), pack);
    expect(a.text).toContain('police.uk does not publish hate crime figures');
    expect(a.text).toContain('csp import local-csv <file>');
    expect(a.text).not.toMatch(/\d/);
    expect(a.total).toBeNull();
    expect(a.series).toBeNull();
    expect(a.ranking).toBeNull();
  });

  it('says which police.uk category holds a subgroup', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: { slug: 'violence-without-injury', name: 'Violence without injury' } }), fixtureFigures(), pack);
    expect(a.text).toContain('within violence and sexual offences');
    expect(a.suggestions).toContain('Violence and sexual offences trend in Rother');
  });

  it('never shows a count below the threshold: the month and the total read "fewer than 5"', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: HATE }), fixtureFigures({ withHateCrime: true }), pack, { suppressionThreshold: 5 });
    expect(a.series?.find((m) => m.month === '2020-03')).toEqual({ month: '2020-03', count: 0, suppressed: true });
    expect(a.total).toBeNull(); // Mar 2020 (2) is hidden, so the total would reveal it
    expect(a.previousTotal).toBe(72);
    expect(a.changePct).toBeNull();
    expect(a.text).toContain('the total for Feb 2020 – Jan 2021 is not shown, as at least one month had fewer than 5');
    expect(a.text).toContain('1 month has fewer than 5 and is not shown.');
    expect(JSON.stringify(a)).not.toMatch(/"count":2\b/);
    expect(a.caveats).toContain(CAVEATS.suppression(5));
    expect(a.caveats).toContain(CAVEATS.localExtract);
    expect(a.sources).toEqual([{ name: 'Testshire Police extract (hate.csv)', asOf: '2021-01' }]);
  });

  it('shows a local measure in full when no month is small', async () => {
    const a = await answerCrime(q('crime.trend', { area: WALTON, category: HATE }), fixtureFigures({ withHateCrime: true }), pack);
    expect(a.total).toBe(72);
    expect(a.text).toContain('Hate crime in Walton: 72 crimes in Feb 2020 – Jan 2021, unchanged on the previous 12 months (72).');
    expect(a.caveats).not.toContain(CAVEATS.suppression(5));
  });

  it('leaves wards with small counts out of a ranking and says how many', async () => {
    const a = await answerCrime(q('crime.rank', { category: HATE }), fixtureFigures({ withHateCrime: true }), pack);
    expect(a.ranking?.[a.ranking.length - 1]).toEqual({ area: { code: 'R', name: 'Rother' }, count: 0, per1000: null, suppressed: true });
    expect(a.text).toContain('1 ward has fewer than 5 in a month and is not ranked.');
    expect(a.total).toBeNull();
  });
});

describe('sources and caveats', () => {
  it('cites police.uk with the OGL attribution and the last month of data', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB }), fixtureFigures(), pack);
    expect(a.sources).toEqual([
      { name: 'police.uk street-level crime data. Contains public sector information licensed under the Open Government Licence v3.0.', asOf: '2021-01' },
    ]);
  });

  it('warns that ASB is incidents, about Covid recording, map-point snapping and recording changes behind a rise', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB }), fixtureFigures(), pack);
    expect(a.caveats).toEqual([CAVEATS.asb, CAVEATS.covid, CAVEATS.snapping, CAVEATS.recording]);
  });

  it('leaves out caveats that do not apply: a fall in burglary carries only the snapping caveat', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: BURGLARY }), fixtureFigures(), pack);
    expect(a.caveats).toEqual([CAVEATS.snapping]);
  });

  it('gives no Covid caveat for months before the lockdowns', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB, period: { kind: 'year', year: 2019 } }), fixtureFigures(), pack);
    expect(a.period).toEqual({ from: '2019-02', to: '2019-12' });
    expect(a.caveats).not.toContain(CAVEATS.covid);
  });

  it('says the figures are sample data whenever the demo dataset is loaded', async () => {
    for (const intent of ['crime.trend', 'crime.total', 'crime.rank', 'crime.breakdown', 'crime.compare_areas'] as const) {
      const a = await answerCrime(q(intent, { area: ROTHER, areas: [ROTHER, HASLAND] }), fixtureFigures({ sample: true }), pack);
      expect(a.caveats?.[0]).toBe('These figures are synthetic sample data for the demo, not real crime figures.');
      expect(a.sources).toEqual([{ name: 'Sample data (synthetic)', asOf: '2021-01' }]);
    }
  });

  it('offers follow-up questions', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB }), fixtureFigures(), pack);
    expect(a.suggestions).toEqual(['Compare Rother with Testshire for ASB', 'Breakdown of crime in Rother', 'Which wards have the most ASB?', 'Actions in Rother']);
  });
});

describe('questions the data cannot answer', () => {
  it('says which months hold data when asked about months outside it', async () => {
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB, period: { kind: 'year', year: 2017 } }), fixtureFigures(), pack);
    expect(a.text).toBe('There is no data for Jan 2017 – Dec 2017: figures cover Feb 2019 – Jan 2021.');
    expect(a.total).toBeNull();
  });

  it('says how to load data when the store is empty', async () => {
    const figures = { ...fixtureFigures(), dataRange: async () => null };
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB }), figures, pack);
    expect(a.text).toContain('No crime figures are loaded yet for Testshire.');
    expect(a.total).toBeUndefined();
  });

  it('refuses intents that are not about crime', async () => {
    await expect(answerCrime(q('help'), fixtureFigures(), pack)).rejects.toThrow(/cannot answer intent help/);
  });
});
