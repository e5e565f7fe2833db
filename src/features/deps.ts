import type { Clock } from '../core/clock';
import type { Config } from '../core/config';
import type { AreaPack } from '../domain/areas/pack';
import type { Logger } from '../core/log';
import type { Store } from '../store/db';
import type { DataSnapshots } from '../store/snapshot';

/** What every use case is given: built once at start-up (bot or CLI) by the composition root, never global. */
export interface AppDeps {
  store: Store;
  /** Reading by data version: every answer reads the data of its turn through this. */
  snapshots: DataSnapshots;
  clock: Clock;
  config: Config;
  pack: AreaPack;
  log: Logger;
}

/**
 * The partnership (its district code) these dependencies serve: the plan, follow-ups, minutes and
 * report drafts every feature reads or writes through them are that partnership's only.
 */
export function partnershipOf(deps: Pick<AppDeps, 'pack'>): string {
  return deps.pack.district.code;
}
