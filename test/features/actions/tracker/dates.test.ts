import { readDate } from '../../../../src/features/actions/tracker/dates';

const date = (d: string) => ({ kind: 'date', date: d });

describe('tracker dates, as UK trackers write them', () => {
  test.each([
    ['31/03/2025', '2025-03-31'],
    ['31/3/25', '2025-03-31'],
    ['1.4.2024', '2024-04-01'],
    ['31-03-2025', '2025-03-31'],
    ['2025-03-31', '2025-03-31'],
    ['31 March 2025', '2025-03-31'],
    ['31st March 2025', '2025-03-31'],
    ['31 Mar 25', '2025-03-31'],
    ['March 31, 2025', '2025-03-31'],
    ['By 30 June 2025', '2025-06-30'],
    // A month alone is met by its last day.
    ['Mar-25', '2025-03-31'],
    ['March 2025', '2025-03-31'],
    ['Feb 2024', '2024-02-29'],
    ['End of September 2024', '2024-09-30'],
    ['06/2025', '2025-06-30'],
    // Quarters of the financial year (April to March).
    ['Q4 2024/25', '2025-03-31'],
    ['Q1 2024/25', '2024-06-30'],
    ['Q3 24/25', '2024-12-31'],
    ['Q2 2025-26', '2025-09-30'],
    ['2024/25 Q4', '2025-03-31'],
    // An Excel serial number typed or exported as text.
    ['45747', '2025-03-31'],
    // Exports with a time, and a date with a remark after it.
    ['2025-03-31 00:00:00', '2025-03-31'],
    ['31/03/2025 00:00', '2025-03-31'],
    ['30/06/2025 (revised)', '2025-06-30'],
    ['30/06/2025 - moved from March', '2025-06-30'],
  ])('%s is %s', (text, iso) => {
    expect(readDate(text)).toEqual(date(iso));
  });

  test.each(['Ongoing', 'TBC', 'tba', 'N/A', '', '-', 'Annually', 'As required', 'On-going'])('"%s" is no date', (text) => {
    expect(readDate(text)).toEqual({ kind: 'none' });
  });

  test('for a start date, a month or a quarter is its first day', () => {
    expect(readDate('Apr-24', 'start')).toEqual(date('2024-04-01'));
    expect(readDate('Q4 2024/25', 'start')).toEqual(date('2025-01-01'));
    expect(readDate('Q2 2024/25', 'start')).toEqual(date('2024-07-01'));
    expect(readDate('15/05/2024', 'start')).toEqual(date('2024-05-15'));
  });

  test('Excel date cells and serial numbers are dates; a float error is rounded to the day', () => {
    expect(readDate(new Date(Date.UTC(2025, 2, 31)))).toEqual(date('2025-03-31'));
    expect(readDate(new Date(Date.UTC(2025, 2, 30, 23, 59, 59, 900)))).toEqual(date('2025-03-31'));
    expect(readDate(45838)).toEqual(date('2025-06-30'));
    expect(readDate(null)).toEqual({ kind: 'none' });
    // What Excel shows as 00/01/1900: a date cell holding nothing.
    expect(readDate(new Date(Date.UTC(1899, 11, 30)))).toEqual({ kind: 'none' });
    expect(readDate(0)).toEqual({ kind: 'none' });
  });

  test.each([
    ['03/31/2025', 'is not a real date'],
    ['31/02/2025', 'is not a real date'],
    ['Summer 2025', 'is not a date this import can read'],
    ['Q3 2024', 'could be a calendar or a financial quarter'],
    ['Q4 2024/26', 'is not a financial year'],
    ['2025', 'is not a date'],
    ['2025-02-30', 'is not a real date'],
    ['31/06/2025 (revised)', 'is not a date this import can read'],
    ['12', 'is not a date'],
  ])('"%s" is refused, never guessed', (text, why) => {
    const r = readDate(text);
    expect(r.kind).toBe('bad');
    expect(r.kind === 'bad' && r.reason).toContain(why);
  });
});
