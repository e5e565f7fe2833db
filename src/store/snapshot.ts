import { LRUCache } from 'lru-cache';
import { keptPromise } from '../core/keptPromise';
import type { ActionItem } from '../domain/actions/model';
import { ActionRepo } from './actionRepo';
import type { Store } from './db';
import { DataVersion, readDataVersion, VersionedData } from './dataVersions';
import { RoleGrant, RoleRepo } from './roleRepo';

/** A partnership's whole action plan at one version: every item, and whether it is the demo partnership's. */
export interface PlanSnapshot {
  readonly items: readonly ActionItem[];
  readonly demo: boolean;
}

/**
 * Freezes a value and everything reachable from it, so that a value shared between turns can
 * never be changed by one of them (a change would throw instead of corrupting the next answer).
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/** How much a kept result weighs, in about-kilobytes: the cache is bounded by the total. */
export interface KeepOptions {
  size?: number;
  /** False for results holding compiled matchers or shared constants, which are kept as they are. */
  freeze?: boolean;
}

/** The default bound: about 64 MB of kept results (an answer with its card is about 20 KB). */
export const DEFAULT_SNAPSHOT_BUDGET = 64_000;

/**
 * The data as one turn reads it: the version tokens of the crime figures, the plan and the roles,
 * read once, and every result computed from them kept and shared until a token changes. One
 * bounded cache and one keying scheme serve every kind of result (figures, the plan, role grants,
 * the question vocabulary, finished answers): the key is the kind, the tokens of the data it
 * depends on, and its own arguments. A change saved on any instance gives the data a new token,
 * so the next turn on every instance reads afresh.
 */
export class DataSnapshot {
  constructor(
    readonly version: DataVersion,
    private readonly cache: SnapshotCache,
    private readonly store: Store,
    private readonly scope = '',
  ) {}

  /**
   * A result that is a pure function of the `dependsOn` data and `args`, computed once and shared
   * (frozen). A failure is never kept.
   */
  keep<V>(kind: string, dependsOn: readonly VersionedData[], args: unknown, compute: () => Promise<V>, options: KeepOptions = {}): Promise<V> {
    const key = JSON.stringify([this.scope + kind, dependsOn.map((d) => this.version[d]), args]);
    return this.cache.get(key, compute, options.size ?? 1, options.freeze ?? true);
  }

  /** A partnership's plan at this version, read once and shared: every answer about actions reads it whole. */
  plan(partnership: string): Promise<PlanSnapshot> {
    return this.keep('plan', ['plan'], partnership, async () => {
      const repo = new ActionRepo(this.store, partnership);
      const [items, demo] = await Promise.all([repo.list(), repo.isDemo()]);
      return { items, demo };
    }, { size: 50 });
  }

  /** A person's stored role grant at this version of the roles. */
  async grantOf(aadObjectId: string): Promise<RoleGrant | undefined> {
    const { grant } = await this.keep('grant', ['roles'], aadObjectId, async () => ({ grant: (await new RoleRepo(this.store).get(aadObjectId)) ?? null }));
    return grant ?? undefined;
  }
}

/** What the snapshots of one store share, whichever partnership they serve: the cache and each turn's tokens. */
interface SharedSnapshots {
  cache: SnapshotCache;
  turns: WeakMap<object, Promise<DataVersion>>;
  /** The tokens the latest turn read: work done ahead of a turn's opening assumes them (see `ahead`). */
  latest?: DataVersion;
}

/** Reads snapshots of one store: the tokens once per turn, the results once per version. */
export class DataSnapshots {
  private readonly shared: SharedSnapshots;

  constructor(
    private readonly store: Store,
    options: { budget?: number } = {},
    shared?: SharedSnapshots,
    /** Keeps one partnership's results apart from another's in the shared cache ('' for the default one). */
    private readonly scope = '',
  ) {
    this.shared = shared ?? { cache: new SnapshotCache(options.budget ?? DEFAULT_SNAPSHOT_BUDGET), turns: new WeakMap() };
  }

  /**
   * The snapshots of a partnership served beside the default one: the same cache and the same
   * reading of each turn's tokens, its results kept apart (a district's ranking is its own).
   */
  scoped(partnership: string): DataSnapshots {
    return new DataSnapshots(this.store, {}, this.shared, `${this.scope}${partnership}/`);
  }

  /** The data as it is now (the tokens are read now). */
  async current(): Promise<DataSnapshot> {
    return this.at(await readDataVersion(this.store));
  }

  /** The data at given tokens. */
  at(version: DataVersion): DataSnapshot {
    return new DataSnapshot(version, this.shared.cache, this.store, this.scope);
  }

  /**
   * Starts a turn at tokens already read (with the rest of the turn's opening, see turnOpening.ts):
   * the turn then reads none of its own.
   */
  startTurn(turn: object, version: DataVersion): void {
    this.shared.latest = version;
    this.shared.turns.set(turn, Promise.resolve(version));
  }

  /**
   * Starts work ahead of a turn's opening at the tokens the latest turn read, as a guess: what it
   * computes is kept under those tokens, so the turn itself shares it only if its opening reads the
   * same. False (nothing started) before any turn has read tokens.
   */
  ahead(turn: object): boolean {
    const latest = this.shared.latest;
    if (!latest) return false;
    this.shared.turns.set(turn, Promise.resolve(latest));
    return true;
  }

  /**
   * The snapshot one turn reads, however many parts of the turn ask: one consistent state per
   * turn, one read of the tokens. A turn that saves a change reads what it saved from the store.
   */
  async ofTurn(turn: object): Promise<DataSnapshot> {
    const version = keptPromise(this.shared.turns, turn, () => readDataVersion(this.store).then((read) => (this.shared.latest = read)));
    return this.at(await version);
  }
}

/** Results kept most recently used first, bounded by their total size; concurrent asks share one computation. */
class SnapshotCache {
  private readonly lru: LRUCache<string, Promise<{ value: unknown }>>;

  constructor(budget: number) {
    this.lru = new LRUCache({ maxSize: budget, sizeCalculation: () => 1 });
  }

  get<V>(key: string, compute: () => Promise<V>, size: number, freeze: boolean): Promise<V> {
    const lru = this.lru;
    const hit = lru.get(key);
    if (hit) return hit.then((box) => box.value as V);
    // Missed: kept with its size, shared while it is computed, forgotten if it fails.
    const keeper = { get: (k: string) => lru.get(k), set: (k: string, v: Promise<{ value: unknown }>) => lru.set(k, v, { size: Math.max(1, Math.round(size)) }), delete: (k: string) => lru.delete(k) };
    // Boxed so that results which are booleans or null are kept too.
    const boxed = keptPromise(keeper, key, () => compute().then((value) => ({ value: freeze ? deepFreeze(value) : value })));
    return boxed.then((box) => box.value as V);
  }
}
