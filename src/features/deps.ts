import type { Clock } from '../core/clock';
import type { Config } from '../core/config';
import type { AreaPack } from '../domain/areas/pack';
import type { Logger } from '../core/log';
import type { Store } from '../store/db';

/** What every use case is given: built once at start-up (bot or CLI), never global. */
export interface AppDeps {
  store: Store;
  clock: Clock;
  config: Config;
  pack: AreaPack;
  log: Logger;
}
