import { parseListFilter, parseSave, parseVersionedRef } from '../../../src/features/actions/input';

const now = new Date('2021-08-16T09:00:00Z');
const base = { id: 'CSP-2021-07', version: 3 };

function problems(data: unknown): string[] {
  const r = parseSave(data, now);
  return r.ok ? [] : r.problems;
}

describe('checking what a card sends on save', () => {
  test('a well-formed save is read, blank inputs meaning "not given"', () => {
    const r = parseSave({ ...base, status: 'on_hold', statusNote: 'Waiting.', update: '', targetDate: '2022-01-31', targetDateReason: 'Delay.', ragOverride: 'keep', ragOverrideReason: '' }, now);
    expect(r).toEqual({
      ok: true,
      value: {
        id: 'CSP-2021-07',
        version: 3,
        edit: { status: 'on_hold', statusNote: 'Waiting.', update: undefined, targetDate: '2022-01-31', targetDateReason: 'Delay.', ragOverride: undefined, ragOverrideReason: undefined },
        raw: { status: 'on_hold', statusNote: 'Waiting.', targetDate: '2022-01-31', targetDateReason: 'Delay.', ragOverride: 'keep' },
      },
    });
  });

  test.each([
    ['2021-02-30', 'not a real date'],
    ['31/12/2021', 'a date like'],
    ['tomorrow', 'a date like'],
    ['1999-12-31', 'before 2000-01-01'],
    ['2040-01-01', 'within 10 years'],
  ])('the target date %s is refused (%s)', (targetDate, why) => {
    expect(problems({ ...base, targetDate, targetDateReason: 'x' }).join(' ')).toContain(why);
  });

  test('a 5,000-character update is refused with the limit stated', () => {
    const p = problems({ ...base, update: 'x'.repeat(5000) });
    expect(p).toEqual(['The progress update is too long: at most 2,000 characters']);
  });

  test('an update of exactly 2,000 characters is accepted', () => {
    expect(parseSave({ ...base, update: 'x'.repeat(2000) }, now).ok).toBe(true);
  });

  test('statuses and RAG values must be ones the form offers', () => {
    expect(problems({ ...base, status: 'done' }).join(' ')).toContain('status');
    expect(problems({ ...base, ragOverride: 'purple' }).join(' ')).toContain('RAG');
  });

  test('a missing or forged version is refused', () => {
    expect(problems({ id: 'CSP-2021-07' }).length).toBeGreaterThan(0);
    expect(problems({ ...base, version: 'latest' }).length).toBeGreaterThan(0);
    expect(problems({ ...base, version: 0 }).length).toBeGreaterThan(0);
  });

  test('an id with characters no reference has is refused', () => {
    expect(problems({ ...base, id: "x'; drop table action_item; --" }).length).toBeGreaterThan(0);
    expect(parseVersionedRef({ id: 'CSP-2021-07', version: '4' })).toEqual({ ok: true, value: { id: 'CSP-2021-07', version: 4 } });
  });
});

describe('list filters from cards', () => {
  test('known filters pass; unknown keys and values are refused', () => {
    expect(parseListFilter({ filter: { rag: 'red', overdue: true } })).toEqual({ ok: true, value: { rag: 'red', overdue: true } });
    expect(parseListFilter({})).toEqual({ ok: true, value: {} });
    expect(parseListFilter({ filter: { rag: 'pink' } }).ok).toBe(false);
    expect(parseListFilter({ filter: { sql: '1=1' } }).ok).toBe(false);
  });
});
