import { describeDue, resolveDue } from '../../../src/domain/followups/dueDate';

describe('due dates', () => {
  it('makes "September 2021" due on the first working day of September', () => {
    expect(resolveDue('2021-09')).toEqual({ dueDate: '2021-09-01', precision: 'month', dueMonth: '2021-09' });
    expect(resolveDue('2022-01')).toEqual({ dueDate: '2022-01-04', precision: 'month', dueMonth: '2022-01' });
  });

  it('takes another day of the month when configured, never spilling into the next month', () => {
    expect(resolveDue('2021-09', 'last-working-day').dueDate).toBe('2021-09-30');
    expect(resolveDue('2021-09', 15).dueDate).toBe('2021-09-15');
    expect(resolveDue('2021-08', 28).dueDate).toBe('2021-08-31'); // Saturday 28, Monday 30 a holiday
    expect(resolveDue('2021-07', 31).dueDate).toBe('2021-07-30'); // Saturday 31 → the month's last working day
  });

  it('keeps a day as given and refuses what is not a date', () => {
    expect(resolveDue('2021-03-12')).toEqual({ dueDate: '2021-03-12', precision: 'day', dueMonth: null });
    expect(() => resolveDue('September')).toThrow(/YYYY-MM-DD or YYYY-MM/);
    expect(() => resolveDue('2021-13')).toThrow();
  });

  it('says a due date as people do', () => {
    expect(describeDue('2021-09-01', 'month', '2021-09')).toBe('September 2021');
    expect(describeDue('2021-03-12', 'day', null)).toBe('12 March 2021');
  });
});
