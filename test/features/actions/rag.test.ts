import { deriveRag, explainRag, isOverdue, ragView, today } from '../../../src/features/actions/rag';
import { anAction } from '../../support/actions';

const now = new Date('2021-08-16T09:00:00Z');

describe('derived RAG', () => {
  test('red – off track once the target date has passed, even with a fresh update', () => {
    const a = anAction({ targetDate: '2021-08-15', latestUpdate: { text: 'x', author: 'y', asOf: '2021-08-15' } });
    expect(deriveRag(a, now)).toEqual({ rag: 'red', reason: 'target date 15 Aug 2021 has passed' });
    expect(isOverdue(a, now)).toBe(true);
  });

  test('an action due today is not yet overdue', () => {
    expect(isOverdue(anAction({ targetDate: '2021-08-16' }), now)).toBe(false);
    expect(deriveRag(anAction({ targetDate: '2021-08-16' }), now)?.rag).not.toBe('red');
  });

  test('grey – no update this cycle when the last update is over three months old', () => {
    expect(deriveRag(anAction({ latestUpdate: { text: 'x', author: 'y', asOf: '2021-05-15' } }), now)?.rag).toBe('grey');
    expect(deriveRag(anAction({ latestUpdate: { text: 'x', author: 'y', asOf: '2021-05-17' } }), now)?.rag).not.toBe('grey');
  });

  test('grey when there has never been an update', () => {
    expect(deriveRag(anAction({ latestUpdate: null }), now)).toEqual({ rag: 'grey', reason: 'no progress update yet' });
  });

  test('green while an action is not due to start yet, update or not', () => {
    expect(deriveRag(anAction({ status: 'not_started', startDate: '2021-09-01', latestUpdate: null }), now)?.rag).toBe('green');
  });

  test('amber – at risk when on hold', () => {
    expect(deriveRag(anAction({ status: 'on_hold' }), now)).toEqual({ rag: 'amber', reason: 'on hold' });
  });

  test('amber when not started and due within 30 days', () => {
    const a = anAction({ status: 'not_started', startDate: '2021-08-01', targetDate: '2021-09-10' });
    expect(deriveRag(a, now)?.rag).toBe('amber');
    expect(deriveRag({ ...a, targetDate: '2021-10-30' }, now)?.rag).toBe('green');
  });

  test('amber when the last update is over six weeks old', () => {
    expect(deriveRag(anAction({ latestUpdate: { text: 'x', author: 'y', asOf: '2021-06-30' } }), now)?.rag).toBe('amber');
  });

  test('green – on track otherwise', () => {
    expect(deriveRag(anAction(), now)).toEqual({ rag: 'green', reason: 'updated 1 Aug 2021; target date 31 Dec 2021 still ahead' });
  });

  test('no RAG for actions that are no longer open', () => {
    for (const status of ['completed', 'closed', 'cancelled', 'carried_forward'] as const) {
      expect(ragView(anAction({ status, targetDate: '2020-01-01' }), now)).toBeNull();
      expect(isOverdue(anAction({ status, targetDate: '2020-01-01' }), now)).toBe(false);
    }
  });
});

describe('RAG as people see it', () => {
  test('always words with the colour', () => {
    expect(ragView(anAction({ targetDate: '2021-01-01' }), now)?.label).toBe('Red – off track');
    expect(ragView(anAction(), now)?.label).toBe('Green – on track');
  });

  test('an override wins, says it was set by hand, and keeps the derived value for reference', () => {
    const v = ragView(anAction({ ragOverride: 'amber', ragOverrideReason: 'Partner staff shortage.' }), now);
    expect(v).toEqual({ rag: 'amber', label: 'Amber – at risk', reason: 'set by hand: Partner staff shortage.', overridden: true, derived: 'green' });
  });

  test('today is the date in the UK, not in UTC', () => {
    expect(today(new Date('2021-08-16T23:30:00Z'))).toBe('2021-08-17');
    expect(today(new Date('2021-12-16T23:30:00Z'))).toBe('2021-12-16');
  });

  test('today follows the clock changes: the night before the clocks go back is still summer time', () => {
    expect(today(new Date('2021-10-30T23:30:00Z'))).toBe('2021-10-31');
    expect(today(new Date('2021-10-31T23:30:00Z'))).toBe('2021-10-31');
    expect(today(new Date('2021-03-27T23:30:00Z'))).toBe('2021-03-27');
  });

  test('today turns over at midnight in the UK, to the minute, however often it is asked', () => {
    expect(today(new Date('2021-08-16T22:59:59.999Z'))).toBe('2021-08-16');
    expect(today(new Date('2021-08-16T23:00:00Z'))).toBe('2021-08-17');
    expect(today(new Date('2021-08-16T22:59:00Z'))).toBe('2021-08-16');
    expect(today(new Date('2021-12-16T23:59:59Z'))).toBe('2021-12-16');
    expect(today(new Date('2021-12-17T00:00:00Z'))).toBe('2021-12-17');
    expect(today(new Date('2021-08-16T23:00:00Z'), 'Asia/Kolkata')).toBe('2021-08-17');
    expect(today(new Date('2021-08-16T18:29:00Z'), 'Asia/Kolkata')).toBe('2021-08-16');
    expect(today(new Date('2021-08-16T18:30:00Z'), 'Asia/Kolkata')).toBe('2021-08-17');
  });
});

describe('why the RAG is what it is', () => {
  test('says the rule, never the colour\'s own words, and tells of a slipped date', () => {
    expect(explainRag(anAction(), now)).toBe('Green – on track: updated 1 Aug 2021; target date 31 Dec 2021 still ahead');
    const twice = anAction({ targetSlips: 2, committeeFlag: true, targetDate: '2022-03-31' });
    expect(explainRag(twice, now)).toBe('Green – on track: updated 1 Aug 2021; target date 31 Mar 2022 still ahead; the target date has moved later 2 times, so it is flagged for the committee');
    expect(explainRag(twice, now)).not.toContain('(on track)');
    expect(explainRag(anAction({ ragOverride: 'red', ragOverrideReason: 'Funding withdrawn.' }), now)).toBe('Red – off track: set by hand: Funding withdrawn. (the rule would give Green – on track)');
    expect(explainRag(anAction({ status: 'completed' }), now)).toBe('No RAG: the action is completed');
  });
});
