import { addMonths, formatMonth, formatPeriod, monthCount, monthRange, resolvePeriod } from '../../../src/domain/crime/periods';

const data = { earliest: '2018-02', latest: '2021-01' };

describe('month arithmetic', () => {
  it('adds and subtracts months across year ends', () => {
    expect(addMonths('2020-02', 11)).toBe('2021-01');
    expect(addMonths('2020-01', -1)).toBe('2019-12');
    expect(addMonths('2020-12', 1)).toBe('2021-01');
    expect(addMonths('2021-01', -36)).toBe('2018-01');
  });
  it('lists every month of a range inclusive, and counts them', () => {
    expect(monthRange('2019-11', '2020-02')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(monthRange('2020-02', '2020-01')).toEqual([]);
    expect(monthCount('2018-02', '2021-01')).toBe(36);
  });
  it('names months and periods as a member reads them', () => {
    expect(formatMonth('2020-02')).toBe('Feb 2020');
    expect(formatPeriod({ from: '2020-02', to: '2021-01' })).toBe('Feb 2020 – Jan 2021');
    expect(formatPeriod({ from: '2020-06', to: '2020-06' })).toBe('Jun 2020');
  });
  it('rejects text that is not a month', () => {
    expect(() => addMonths('2020-13', 1)).toThrow(/YYYY-MM/);
  });
});

describe('resolvePeriod', () => {
  it('with no period, means the last 12 months with data against the 12 before', () => {
    expect(resolvePeriod(undefined, data)).toEqual({
      period: { from: '2020-02', to: '2021-01' },
      previousPeriod: { from: '2019-02', to: '2020-01' },
      notes: [],
      noData: false,
    });
  });

  it('counts "last 6 months" back from the latest month with data, not from today', () => {
    const r = resolvePeriod({ kind: 'last-months', months: 6 }, data);
    expect(r.period).toEqual({ from: '2020-08', to: '2021-01' });
    expect(r.previousPeriod).toEqual({ from: '2020-02', to: '2020-07' });
  });

  it('"since March 2020" runs to the latest month, compared with as many months before', () => {
    const r = resolvePeriod({ kind: 'since', from: '2020-03' }, data);
    expect(r.period).toEqual({ from: '2020-03', to: '2021-01' });
    expect(r.previousPeriod).toEqual({ from: '2019-04', to: '2020-02' });
  });

  it('a calendar year, against the year before', () => {
    const r = resolvePeriod({ kind: 'year', year: 2019 }, data);
    expect(r.period).toEqual({ from: '2019-01', to: '2019-12' });
    expect(r.previousPeriod).toBeNull();
    expect(r.notes.join(' ')).toMatch(/no data for all of Jan 2018 – Dec 2018.*no comparison/);
  });

  it('"this year" is the latest year with data so far; "last year" the whole year before it', () => {
    expect(resolvePeriod({ kind: 'this-year' }, data).period).toEqual({ from: '2021-01', to: '2021-01' });
    expect(resolvePeriod({ kind: 'this-year' }, data).previousPeriod).toEqual({ from: '2020-12', to: '2020-12' });
    const last = resolvePeriod({ kind: 'last-year' }, data);
    expect(last.period).toEqual({ from: '2020-01', to: '2020-12' });
    expect(last.previousPeriod).toEqual({ from: '2019-01', to: '2019-12' });
  });

  it('year-on-year compares the same months a year earlier', () => {
    const r = resolvePeriod({ kind: 'range', from: '2020-04', to: '2020-06' }, data, 'year-on-year');
    expect(r.previousPeriod).toEqual({ from: '2019-04', to: '2019-06' });
  });

  it('clips a period that runs past the data and says so', () => {
    const r = resolvePeriod({ kind: 'range', from: '2020-06', to: '2021-06' }, data);
    expect(r.period).toEqual({ from: '2020-06', to: '2021-01' });
    expect(r.notes).toEqual(['January 2021 is the latest month with data, so the figures stop there.']);
    expect(r.previousPeriod).toEqual({ from: '2019-10', to: '2020-05' });
  });

  it('clips a period that starts before the data and drops a comparison it cannot make', () => {
    const r = resolvePeriod({ kind: 'since', from: '2017-01' }, data);
    expect(r.period).toEqual({ from: '2018-02', to: '2021-01' });
    expect(r.previousPeriod).toBeNull();
    expect(r.notes[0]).toBe('There is no data before February 2018, so the figures start then.');
  });

  it('says plainly when no month asked for has data', () => {
    const r = resolvePeriod({ kind: 'year', year: 2015 }, data);
    expect(r.noData).toBe(true);
    expect(r.notes).toEqual(['There is no data for Jan 2015 – Dec 2015: figures cover Feb 2018 – Jan 2021.']);
  });
});
