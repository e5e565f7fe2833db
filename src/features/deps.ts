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
