import { DateTime } from 'luxon';

/**
 * Bank holidays in England and Wales, 2020–2030, as published by GOV.UK up to 2027 and by the
 * standing rules after that (substitute days when a holiday falls at a weekend). One-off days
 * (VE Day 2020, the Platinum Jubilee 2022, the state funeral 2022, the coronation 2023) are
 * included. Kept as data: a proclamation can move or add a day, and this list is what to edit.
 */
export const ENGLAND_WALES_BANK_HOLIDAYS: readonly string[] = [
  '2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28',
  '2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28',
  '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19',
  '2022-12-26', '2022-12-27',
  '2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25',
  '2023-12-26',
  '2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26',
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  '2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26',
  '2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26',
  '2030-01-01', '2030-04-19', '2030-04-22', '2030-05-06', '2030-05-27', '2030-08-26', '2030-12-25', '2030-12-26',
];

/** The days no reminder is sent on, besides weekends. */
export type HolidaySet = ReadonlySet<string>;

export const DEFAULT_HOLIDAYS: HolidaySet = new Set(ENGLAND_WALES_BANK_HOLIDAYS);

function day(date: string): DateTime {
  const d = DateTime.fromISO(date, { zone: 'utc' });
  if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  return d;
}

export function addDays(date: string, days: number): string {
  return day(date).plus({ days }).toISODate() as string;
}

export function isBusinessDay(date: string, holidays: HolidaySet = DEFAULT_HOLIDAYS): boolean {
  return day(date).weekday <= 5 && !holidays.has(date);
}

/** The date itself when it is a business day, else the business day before it. */
export function onOrBeforeBusinessDay(date: string, holidays: HolidaySet = DEFAULT_HOLIDAYS): string {
  let d = date;
  while (!isBusinessDay(d, holidays)) d = addDays(d, -1);
  return d;
}

/** The date itself when it is a business day, else the next business day. */
export function onOrAfterBusinessDay(date: string, holidays: HolidaySet = DEFAULT_HOLIDAYS): string {
  let d = date;
  while (!isBusinessDay(d, holidays)) d = addDays(d, 1);
  return d;
}

/** `month` is YYYY-MM. */
export function firstWorkingDayOfMonth(month: string, holidays: HolidaySet = DEFAULT_HOLIDAYS): string {
  return onOrAfterBusinessDay(`${month}-01`, holidays);
}

export function lastWorkingDayOfMonth(month: string, holidays: HolidaySet = DEFAULT_HOLIDAYS): string {
  const last = day(`${month}-01`).endOf('month').toISODate() as string;
  return onOrBeforeBusinessDay(last, holidays);
}
