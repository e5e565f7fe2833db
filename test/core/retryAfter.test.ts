import { parseRetryAfter } from '../../src/core/retryAfter';

const NOW = Date.parse('2021-08-18T08:00:00Z');

describe('parseRetryAfter', () => {
  test.each([
    ['2', 2000],
    [' 120 ', 120_000],
    ['0', 0],
    ['1.5', 1500],
    [3, 3000],
  ])('a number of seconds (%p) is waited for as said', (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });

  test.each([
    ['Wed, 18 Aug 2021 08:00:05 GMT', 5000],
    ['Wednesday, 18-Aug-21 08:01:00 GMT', 60_000],
    ['Wed Aug 18 08:00:30 2021', 30_000],
  ])('an HTTP date (%s) is waited for until it comes', (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });

  test('an HTTP date already past means no wait, never a negative one', () => {
    expect(parseRetryAfter('Tue, 17 Aug 2021 08:00:00 GMT', NOW)).toBe(0);
  });

  test.each([[undefined], [null], [''], ['soon'], ['12abc'], ['5 seconds'], ['-5'], [-5], ['2021-08-18'], [Number.NaN], [['2']], [{}]])(
    'a missing, negative or unreadable value (%p) is not a wait: the caller backs off its own way',
    (header) => {
      expect(parseRetryAfter(header, NOW)).toBeUndefined();
    },
  );
});
