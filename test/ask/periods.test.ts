import { lowered } from '../../src/ask/normalise';
import { parseDay, parsePeriod } from '../../src/ask/periods';

const ref = new Date(Date.UTC(2021, 2, 10, 12));
const period = (text: string) => parsePeriod(lowered(text), ref);

describe('parsePeriod', () => {
  it.each([
    ['Feb 2020 to Jan 2021', { kind: 'range', from: '2020-02', to: '2021-01' }],
    ['from February 2020 until January 2021', { kind: 'range', from: '2020-02', to: '2021-01' }],
    ['between Feb and Jan 2021', { kind: 'range', from: '2020-02', to: '2021-01' }],
    ['Feb 2020 – Jan 2021', { kind: 'range', from: '2020-02', to: '2021-01' }],
    ['2020-02 to 2021-01', { kind: 'range', from: '2020-02', to: '2021-01' }],
    ['2018 to 2020', { kind: 'range', from: '2018-01', to: '2020-12' }],
    ['2020/21', { kind: 'range', from: '2020-04', to: '2021-03' }],
    ['financial year 2019-20', { kind: 'range', from: '2019-04', to: '2020-03' }],
    ['in 2020', { kind: 'year', year: 2020 }],
    ['during 2019', { kind: 'year', year: 2019 }],
    ['March 2020', { kind: 'range', from: '2020-03', to: '2020-03' }],
    ['in Sept 2020', { kind: 'range', from: '2020-09', to: '2020-09' }],
    ['03/2020', { kind: 'range', from: '2020-03', to: '2020-03' }],
    ['the first half of 2020', { kind: 'range', from: '2020-01', to: '2020-06' }],
    ['H1 2020', { kind: 'range', from: '2020-01', to: '2020-06' }],
    ['h2 2020', { kind: 'range', from: '2020-07', to: '2020-12' }],
    ['second half of 2019', { kind: 'range', from: '2019-07', to: '2019-12' }],
    ['the last six months of 2020', { kind: 'range', from: '2020-07', to: '2020-12' }],
    ['the first half of 2020/21', { kind: 'range', from: '2020-04', to: '2020-09' }],
    ['H2 2020-21', { kind: 'range', from: '2020-10', to: '2021-03' }],
    ['summer 2020', { kind: 'range', from: '2020-06', to: '2020-08' }],
    ['the summer holidays 2020', { kind: 'range', from: '2020-07', to: '2020-08' }],
    ['last 6 months', { kind: 'last-months', months: 6 }],
    ['over the past six months', { kind: 'last-months', months: 6 }],
    ['last 2 years', { kind: 'last-months', months: 24 }],
    ['last 12 months', { kind: 'last-months', months: 12 }],
    ['past year', { kind: 'last-months', months: 12 }],
    ['in the last year', { kind: 'last-months', months: 12 }],
    ['last quarter', { kind: 'last-months', months: 3 }],
    ['last month', { kind: 'last-months', months: 1 }],
    ['this year', { kind: 'this-year' }],
    ['year to date', { kind: 'this-year' }],
    ['last year', { kind: 'last-year' }],
    ['since March 2020', { kind: 'since', from: '2020-03' }],
    ['since 1st March 2020', { kind: 'since', from: '2020-03' }],
    ['since 2019', { kind: 'since', from: '2019-01' }],
  ])('"%s"', (text, expected) => {
    expect(period(text).period).toEqual(expected);
  });

  it('gives a month without a year the latest such month up to the reference date', () => {
    expect(period('since March').period).toEqual({ kind: 'since', from: '2021-03' });
    expect(period('since June').period).toEqual({ kind: 'since', from: '2020-06' });
  });

  it('without a reference date asks for the year instead of guessing it', () => {
    const p = parsePeriod(lowered('since June'), undefined);
    expect(p.period).toBeUndefined();
    expect(p.note).toMatch(/year/);
  });

  it.each([
    ['compared with the previous 12 months', 'previous'],
    ['against the previous 12', 'previous'],
    ['vs previous year', 'previous'],
    ['year on year', 'year-on-year'],
    ['year-on-year', 'year-on-year'],
    ['compared with the same period last year', 'year-on-year'],
  ])('comparison "%s" is %s, and is not read as the period', (text, comparison) => {
    const p = period(text);
    expect(p.comparison).toBe(comparison);
    expect(p.period).toBeUndefined();
  });

  it('reads a period and a comparison together, with their spans', () => {
    const text = 'crime Feb 2020 to Jan 2021 compared with the previous 12 months';
    const p = period(text);
    expect(p.period).toEqual({ kind: 'range', from: '2020-02', to: '2021-01' });
    expect(p.comparison).toBe('previous');
    expect(p.spans.map(([s, e]) => text.slice(s, e).trim()).sort()).toEqual(['Feb 2020 to Jan 2021', 'compared with the previous 12 months'].sort());
  });

  it.each([
    ['ASB this summer compared with last summer', undefined, 'year-on-year'],
    ['shoplifting over Christmas 2020 vs Christmas 2019', { kind: 'range', from: '2020-12', to: '2020-12' }, 'year-on-year'],
    ['ASB in summer 2020 vs summer 2019', { kind: 'range', from: '2020-06', to: '2020-08' }, 'year-on-year'],
    ['ASB in Feb 2020 vs Feb 2019', { kind: 'range', from: '2020-02', to: '2020-02' }, 'year-on-year'],
    ['ASB in Jan 2021 vs Dec 2020', { kind: 'range', from: '2021-01', to: '2021-01' }, 'previous'],
    ['shoplifting in November compared with October', { kind: 'range', from: '2020-11', to: '2020-11' }, 'previous'],
    ['shoplifting in January vs December', undefined, 'previous'],
    ['ASB in Nov 2020 vs November', { kind: 'range', from: '2020-11', to: '2020-11' }, 'year-on-year'],
  ])('"%s": the season, holiday or month compared with is the one a year (or a month) before', (text, expected, comparison) => {
    const p = period(text);
    if (expected) expect(p.period).toEqual(expected);
    expect(p.comparison).toBe(comparison);
    expect(p.note ?? '').not.toContain('not with');
  });

  it('the year to date is compared with the same months a year before', () => {
    for (const text of ['ASB year to date', 'ASB this year', 'ASB ytd']) expect(period(text)).toMatchObject({ period: { kind: 'this-year' }, comparison: 'year-on-year' });
  });

  it('a season or month compared with other than the one a year before is said not to be what is compared', () => {
    expect(period('ASB in summer 2020 vs summer 2018').note).toContain('not with summer 2018');
    expect(period('ASB in Jan 2021 vs March 2020').note).toContain('not with March 2020');
    expect(period('ASB in November vs July').note).toContain('not with July');
  });

  it('finds nothing in a question without a period', () => {
    expect(period('ASB in Rother per 1,000 residents')).toEqual({ spans: [] });
    expect(period('may I ask about Rother')).toEqual({ spans: [] });
  });
});

describe('parseDay', () => {
  it('reads a day without a year forwards for reminders and backwards for "since"', () => {
    expect(parseDay('on 1 March', ref, 'future')?.date).toBe('2022-03-01');
    expect(parseDay('1 March', ref, 'past')?.date).toBe('2021-03-01');
    expect(parseDay('1 September', ref, 'future')?.date).toBe('2021-09-01');
    expect(parseDay('1 September', ref, 'past')?.date).toBe('2020-09-01');
  });

  it('reads British day-first dates and relative days', () => {
    expect(parseDay('on 03/04/2021', ref, 'future')?.date).toBe('2021-04-03');
    expect(parseDay('tomorrow', ref, 'future')?.date).toBe('2021-03-11');
  });

  it('gives where the date was found so it can be cut out of the subject', () => {
    const text = 'the hate crime figures on 1 March';
    const d = parseDay(text, ref, 'future');
    expect(text.slice(d?.index, (d?.index ?? 0) + (d?.length ?? 0))).toMatch(/1 March/);
  });

  it('without a reference date reads only dates that say their year', () => {
    expect(parseDay('1 March', undefined, 'future')).toBeUndefined();
    expect(parseDay('1 March 2021', undefined, 'future')?.date).toBe('2021-03-01');
  });

  it('finds no date in text without one', () => {
    expect(parseDay('the progress report', ref, 'future')).toBeUndefined();
  });
});
