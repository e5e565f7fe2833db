const SECONDS = /^\s*-?\d+(\.\d+)?\s*$/;
/** HTTP dates (IMF-fixdate, RFC 850, asctime) all name the month and give hh:mm:ss. */
const HTTP_DATE = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b.*\b\d{2}:\d{2}:\d{2}\b/i;

/**
 * How long a Retry-After header asks us to wait, in milliseconds: a number of seconds, or an
 * HTTP date (then the time until it, never less than 0). Anything else (missing, negative, junk)
 * is undefined, so the caller falls back to its own backoff rather than to a guess.
 */
export function parseRetryAfter(header: unknown, nowMs: number): number | undefined {
  if (typeof header === 'number') return Number.isFinite(header) && header >= 0 ? Math.round(header * 1000) : undefined;
  if (typeof header !== 'string') return undefined;
  if (SECONDS.test(header)) {
    const seconds = Number(header);
    return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  }
  if (!HTTP_DATE.test(header)) return undefined;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
