import type { Clock } from '../clock';
import type { Config } from '../config';
import type { AreaPack } from '../domain/areas/pack';
import type { Logger } from '../log';
import type { Store } from '../store/db';

/** What every use case is given: built once at start-up (bot or CLI), never global. */
export interface AppDeps {
  store: Store;
  clock: Clock;
  config: Config;
  pack: AreaPack;
  log: Logger;
}
