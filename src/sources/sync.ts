import type { Clock } from '../core/clock';
import type { AreaPack } from '../domain/areas/pack';
import { wardSetFor } from '../domain/areas/resolve';
import { CrimeRepo } from '../store/crimeRepo';
import type { Store } from '../store/db';
import { outerRings } from './geo';
import { assignToWards, WardAnswer, WardBoundary } from './policeUk/assign';
import type { PoliceUkClient } from './policeUk/client';

export interface SyncOptions {
  /** Inclusive months, YYYY-MM. */
  from: string;
  to: string;
  /** Fetch months again even when already complete. */
  refresh?: boolean;
  /** Months fetched at once (each month queries all its wards at once, under the shared limiter). */
  monthConcurrency?: number;
  onProgress?: (event: SyncProgress) => void;
}

export type SyncProgress =
  | { kind: 'start'; totalRequests: number; months: string[] }
  | { kind: 'ward'; month: string; ward: string; done: number; total: number }
  | { kind: 'month'; month: string; crimes: number }
  | { kind: 'failed'; month: string; error: string };

export interface SyncSummary {
  /** Months fetched and stored in this run. */
  months: number;
  /** Crimes stored (after de-duplication), over those months. */
  crimes: number;
  retries: number;
  duplicatesDropped: number;
  /** Crimes outside every ward of the district. */
  outsideDropped: number;
  /** Records of another month than the one asked for. */
  wrongMonthDropped: number;
  requests: number;
  splits: number;
  /** Already complete and not asked to refresh. */
  skipped: string[];
  /** Not held by the API (it keeps a rolling 36 months). */
  unavailable: string[];
  failed: { month: string; error: string }[];
}

export interface SyncDeps {
  store: Store;
  clock: Clock;
  pack: AreaPack;
  client: PoliceUkClient;
  /** Boundaries of the pack's wards (any ward set); each month needs every ward of its set. */
  boundaries: WardBoundary[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  if (!MONTH.test(from) || !MONTH.test(to)) throw new Error(`months must be YYYY-MM (got ${from} and ${to})`);
  if (from > to) throw new Error(`--from ${from} is after --to ${to}`);
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) return out;
    out.push(month);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
}

/**
 * Fetches every ward of the ward set in force for each month, settles each crime in one ward and
 * replaces the month in the store. A month is recorded only once all its wards have answered, so
 * a run that stops part-way resumes where it left off; complete months are skipped unless `refresh`.
 */
export async function syncPolice(deps: SyncDeps, options: SyncOptions): Promise<SyncSummary> {
  const repo = new CrimeRepo(deps.store, deps.pack.district.code);
  const { client } = deps;
  const startStats = { ...client.stats };
  const summary: SyncSummary = {
    months: 0,
    crimes: 0,
    retries: 0,
    duplicatesDropped: 0,
    outsideDropped: 0,
    wrongMonthDropped: 0,
    requests: 0,
    splits: 0,
    skipped: [],
    unavailable: [],
    failed: [],
  };

  const wanted = monthsBetween(options.from, options.to);
  const complete = new Set(options.refresh ? [] : await repo.completeMonths('police.uk'));
  const available = new Set((await client.crimesStreetDates()).map((d) => d.date));
  const asOf = await client.crimeLastUpdated();
  const byCode = new Map(deps.boundaries.map((b) => [b.code, b]));

  const todo: { month: string; wards: WardBoundary[] }[] = [];
  for (const month of wanted) {
    if (complete.has(month)) {
      summary.skipped.push(month);
      continue;
    }
    if (!available.has(month)) {
      summary.unavailable.push(month);
      continue;
    }
    const set = wardSetFor(deps.pack, month);
    const missing = set.wards.filter((w) => !byCode.has(w.code)).map((w) => w.code);
    if (missing.length > 0) {
      summary.failed.push({ month, error: `no boundary for ward${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (ward set ${set.id})` });
      continue;
    }
    todo.push({ month, wards: set.wards.map((w) => byCode.get(w.code)!) });
  }

  const total = todo.reduce((n, t) => n + t.wards.reduce((k, w) => k + outerRings(w.geometry).length, 0), 0);
  options.onProgress?.({ kind: 'start', totalRequests: total, months: todo.map((t) => t.month) });
  let done = 0;

  const fetchMonth = async ({ month, wards }: { month: string; wards: WardBoundary[] }): Promise<void> => {
    const answers: WardAnswer[] = await Promise.all(
      wards.map(async (ward) => {
        // A ward in several parts is queried part by part; each part is its own request.
        const crimes = [];
        for (const ring of outerRings(ward.geometry)) {
          const result = await client.crimesStreet(ring, month);
          crimes.push(...result.crimes);
          done += 1;
          options.onProgress?.({ kind: 'ward', month, ward: ward.code, done, total });
        }
        return { ward: ward.code, crimes };
      }),
    );
    const assigned = assignToWards(answers, wards);
    await repo.replaceMonth(
      { source: 'police.uk', month, district: deps.pack.district.code, origin: 'api', importedAt: deps.clock.now().toISOString(), records: assigned.records, asOf },
      assigned.rows,
    );
    summary.months += 1;
    summary.crimes += assigned.records;
    summary.duplicatesDropped += assigned.duplicatesDropped;
    summary.outsideDropped += assigned.outsideDropped;
    options.onProgress?.({ kind: 'month', month, crimes: assigned.records });
  };

  const queue = [...todo];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        await fetchMonth(next);
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        summary.failed.push({ month: next.month, error });
        options.onProgress?.({ kind: 'failed', month: next.month, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.monthConcurrency ?? 2) }, worker));

  summary.failed.sort((a, b) => a.month.localeCompare(b.month));
  summary.retries = client.stats.retries - startStats.retries;
  summary.requests = client.stats.requests - startStats.requests;
  summary.splits = client.stats.splits - startStats.splits;
  summary.wrongMonthDropped = client.stats.wrongMonthDropped - startStats.wrongMonthDropped;
  return summary;
}
