import axios, { AxiosInstance, AxiosResponse, isAxiosError } from 'axios';
import type Bottleneck from 'bottleneck';
import { Ring, parsePolicePoly, splitRing, toPolicePoly } from '../geo';
import { createRateLimiter, POLICE_RATE_LIMIT, RateLimit } from './limiter';
import { parseRetryAfter } from '../../core/retryAfter';

/** One record of police.uk `crimes-street` (fields the project uses; the rest pass through). */
export interface PoliceCrime {
  category: string;
  location_type?: string | null;
  location: { latitude: string; longitude: string; street?: { id: number; name: string } } | null;
  context?: string;
  outcome_status?: { category: string; date: string } | null;
  persistent_id: string;
  id: number;
  location_subtype?: string;
  month: string;
}

export interface StreetDate {
  date: string;
  stopAndSearch: string[];
}

export interface PoliceCategoryInfo {
  url: string;
  name: string;
}

/** What one polygon query cost and what it turned away. */
export interface PolygonResult {
  crimes: PoliceCrime[];
  /** Records dropped because their month was not the month asked for. */
  wrongMonth: number;
  /** How many times the polygon (or a half of it) was split after a 503. */
  splits: number;
}

export interface PoliceClientStats {
  requests: number;
  retries: number;
  rateLimited: number;
  timeouts: number;
  splits: number;
  wrongMonthDropped: number;
}

export interface PoliceClientOptions {
  /** e.g. https://data.police.uk/api/ (config CSP_POLICE_API_URL). */
  baseUrl: string;
  /** Per-request timeout; a hung request is abandoned and retried. */
  timeoutMs?: number;
  /** Attempts after the first for one request (429s, 5xx, timeouts, wrong-month answers). */
  maxRetries?: number;
  /** Backoff for 5xx and timeouts: full jitter over base × 2^attempt, capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How deep a polygon may be halved after 503s before giving up. */
  maxSplitDepth?: number;
  /** A limiter shared by every call; one is made from `rateLimit` when absent. */
  limiter?: Bottleneck;
  rateLimit?: RateLimit;
  /** Injected for tests. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The API could not answer after every retry; the message says what was asked. */
export class PoliceApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PoliceApiError';
  }
}

class CapExceeded extends Error {}
class WrongMonthAnswer extends Error {}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));


/**
 * The police.uk API client. Every call goes through one limiter that keeps to the published rate;
 * 429 waits for Retry-After, 5xx and timeouts back off with jitter, a 503 on a polygon (more than
 * 10,000 crimes) halves the polygon, and records of another month are turned away.
 */
export class PoliceUkClient {
  readonly stats: PoliceClientStats = { requests: 0, retries: 0, rateLimited: 0, timeouts: 0, splits: 0, wrongMonthDropped: 0 };
  private readonly http: AxiosInstance;
  private readonly limiter: Bottleneck;
  private readonly ownsLimiter: boolean;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxSplitDepth: number;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(readonly options: PoliceClientOptions) {
    const baseURL = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.http = axios.create({
      baseURL,
      timeout: options.timeoutMs ?? 30_000,
      // Status handling is ours: retries and splits depend on it.
      validateStatus: () => true,
      headers: { Accept: 'application/json', 'User-Agent': 'community-safety-assistant' },
    });
    this.limiter = options.limiter ?? createRateLimiter(options.rateLimit ?? POLICE_RATE_LIMIT);
    this.ownsLimiter = !options.limiter;
    this.maxRetries = options.maxRetries ?? 6;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
    this.maxSplitDepth = options.maxSplitDepth ?? 8;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Stops the limiter's timer when this client made it. */
  async close(): Promise<void> {
    if (this.ownsLimiter) await this.limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }

  /** Months the API holds, oldest first (the API does not promise an order). */
  async crimesStreetDates(): Promise<StreetDate[]> {
    const body = await this.getJson<Array<{ date: string; 'stop-and-search'?: string[] }>>('crimes-street-dates');
    if (!Array.isArray(body)) throw new PoliceApiError('crimes-street-dates did not answer a list');
    return body
      .filter((d) => typeof d?.date === 'string' && MONTH.test(d.date))
      .map((d) => ({ date: d.date, stopAndSearch: d['stop-and-search'] ?? [] }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  /** The date of the API's last update, YYYY-MM-DD. */
  async crimeLastUpdated(): Promise<string> {
    const body = await this.getJson<{ date?: string }>('crime-last-updated');
    if (!body || typeof body.date !== 'string') throw new PoliceApiError('crime-last-updated did not answer a date');
    return body.date.slice(0, 10);
  }

  async crimeCategories(month?: string): Promise<PoliceCategoryInfo[]> {
    const body = await this.getJson<PoliceCategoryInfo[]>('crime-categories', month ? { date: month } : undefined);
    if (!Array.isArray(body)) throw new PoliceApiError('crime-categories did not answer a list');
    return body;
  }

  /**
   * Street-level crimes of `month` inside a polygon (a ring of [lng, lat] or a police.uk poly string),
   * posted as a form so that long polygons never meet the GET URL limit.
   */
  async crimesStreet(area: Ring | string, month: string, category = 'all-crime'): Promise<PolygonResult> {
    if (!MONTH.test(month)) throw new PoliceApiError(`not a month: "${month}" (expected YYYY-MM)`);
    const ring = typeof area === 'string' ? parsePolicePoly(area) : area;
    const result: PolygonResult = { crimes: [], wrongMonth: 0, splits: 0 };
    const seen = new Set<number>();
    await this.polygonInto(ring, month, category, 0, result, seen);
    return result;
  }

  private async polygonInto(ring: Ring, month: string, category: string, depth: number, into: PolygonResult, seen: Set<number>): Promise<void> {
    try {
      const crimes = await this.request<PoliceCrime[]>(
        { method: 'POST', url: `crimes-street/${category}`, data: new URLSearchParams({ poly: toPolicePoly(ring), date: month }).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
        { capIsSplit: depth < this.maxSplitDepth, month, into },
      );
      // Halves share their cut line: a crime on it comes back twice and is the same record.
      for (const c of crimes) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        into.crimes.push(c);
      }
    } catch (e) {
      if (!(e instanceof CapExceeded)) throw e;
      into.splits += 1;
      this.stats.splits += 1;
      for (const half of splitRing(ring)) {
        if (half.length >= 4) await this.polygonInto(half, month, category, depth + 1, into, seen);
      }
    }
  }

  private async getJson<T>(url: string, params?: Record<string, string>): Promise<T> {
    return this.request<T>({ method: 'GET', url, params }, {});
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** attempt);
    return Math.round(this.random() * ceiling);
  }

  private async request<T>(
    config: { method: 'GET' | 'POST'; url: string; params?: Record<string, string>; data?: string; headers?: Record<string, string> },
    polygon: { capIsSplit?: boolean; month?: string; into?: PolygonResult },
  ): Promise<T> {
    let lastProblem = '';
    for (let attempt = 0; ; attempt++) {
      if (attempt > this.maxRetries) {
        throw new PoliceApiError(`police.uk ${config.url} failed after ${this.maxRetries + 1} attempts: ${lastProblem}`);
      }
      if (attempt > 0) this.stats.retries += 1;
      let response: AxiosResponse<unknown>;
      try {
        this.stats.requests += 1;
        response = await this.limiter.schedule(() => this.http.request({ ...config, responseType: 'json' }));
      } catch (e) {
        if (isAxiosError(e) && (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT')) {
          this.stats.timeouts += 1;
          lastProblem = 'timed out';
        } else if (isAxiosError(e) && !e.response) {
          lastProblem = e.code ?? e.message;
        } else {
          throw e;
        }
        await this.sleep(this.backoff(attempt));
        continue;
      }
      const { status } = response;
      if (status === 429) {
        this.stats.rateLimited += 1;
        lastProblem = 'rate limited (429)';
        // An unreadable Retry-After waits a second rather than not at all.
        await this.sleep(parseRetryAfter(response.headers['retry-after'], Date.now()) ?? 1000);
        continue;
      }
      if (status === 503 && polygon.capIsSplit) throw new CapExceeded();
      if (status === 502 || status === 503 || status === 504 || status === 500) {
        lastProblem = `HTTP ${status}`;
        await this.sleep(this.backoff(attempt));
        continue;
      }
      if (status < 200 || status >= 300) {
        throw new PoliceApiError(`police.uk ${config.url} answered HTTP ${status}`, status);
      }
      if (polygon.month !== undefined && polygon.into) {
        try {
          return this.keepMonth(response.data, polygon.month, polygon.into) as T;
        } catch (e) {
          if (!(e instanceof WrongMonthAnswer)) throw e;
          lastProblem = e.message;
          await this.sleep(this.backoff(attempt));
          continue;
        }
      }
      return response.data as T;
    }
  }

  /**
   * Drops records of another month. An answer made only of another month's records means the
   * API ignored the date (it then serves its latest month): that answer is retried.
   */
  private keepMonth(body: unknown, month: string, into: PolygonResult): PoliceCrime[] {
    if (!Array.isArray(body)) throw new PoliceApiError('crimes-street did not answer a list');
    const crimes = body as PoliceCrime[];
    const kept = crimes.filter((c) => c && c.month === month);
    const dropped = crimes.length - kept.length;
    if (dropped > 0) {
      into.wrongMonth += dropped;
      this.stats.wrongMonthDropped += dropped;
      if (kept.length === 0) throw new WrongMonthAnswer(`answered ${dropped} records of another month than ${month}`);
    }
    return kept;
  }
}
