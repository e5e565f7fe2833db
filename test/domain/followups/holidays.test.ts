import { ENGLAND_WALES_BANK_HOLIDAYS, firstWorkingDayOfMonth, isBusinessDay, lastWorkingDayOfMonth, onOrBeforeBusinessDay } from '../../../src/domain/followups/holidays';

describe('England and Wales bank holidays', () => {
  it('lists 2020–2030 with the one-off days and substitute days', () => {
    expect(ENGLAND_WALES_BANK_HOLIDAYS).toEqual(expect.arrayContaining(['2020-05-08', '2022-06-03', '2022-09-19', '2023-05-08', '2021-12-27', '2021-12-28', '2030-12-26']));
    expect(ENGLAND_WALES_BANK_HOLIDAYS).not.toContain('2020-05-04'); // moved to VE Day that year
    expect(new Set(ENGLAND_WALES_BANK_HOLIDAYS.map((d) => d.slice(0, 4)))).toEqual(new Set(Array.from({ length: 11 }, (_, i) => String(2020 + i))));
    for (const d of ENGLAND_WALES_BANK_HOLIDAYS) expect(isBusinessDay(d)).toBe(false);
  });

  it('knows weekends and bank holidays are not business days', () => {
    expect(isBusinessDay('2021-08-30')).toBe(false); // summer bank holiday
    expect(isBusinessDay('2021-08-28')).toBe(false); // Saturday
    expect(isBusinessDay('2021-08-31')).toBe(true);
  });

  it('moves a day back over a weekend and a bank holiday', () => {
    expect(onOrBeforeBusinessDay('2021-08-30')).toBe('2021-08-27'); // Monday holiday → Friday
    expect(onOrBeforeBusinessDay('2022-06-05')).toBe('2022-06-01'); // Jubilee Thursday and Friday, then the weekend
  });

  it('finds the first and last working day of a month', () => {
    expect(firstWorkingDayOfMonth('2021-09')).toBe('2021-09-01');
    expect(firstWorkingDayOfMonth('2022-01')).toBe('2022-01-04'); // 1–2 weekend, 3 substitute holiday
    expect(firstWorkingDayOfMonth('2021-05')).toBe('2021-05-04'); // Saturday, Sunday, early May bank holiday
    expect(lastWorkingDayOfMonth('2021-12')).toBe('2021-12-31');
    expect(lastWorkingDayOfMonth('2021-07')).toBe('2021-07-30');
  });
});
