import type { Store } from '../store/db';
import { DataVersion, readDataVersion } from '../store/dataVersions';
import type { RequestContext } from '../core/turn';

const seen = new WeakMap<RequestContext, Promise<DataVersion>>();

/**
 * The data versions as this turn sees them, read once per turn however many parts ask: a turn
 * reads one consistent state, and a change saved by any instance is seen by the next turn. For
 * answering questions; a turn that saves a change reads what it saved from the store.
 */
export function versionsOfTurn(store: Store, ctx: RequestContext): Promise<DataVersion> {
  let v = seen.get(ctx);
  if (!v) {
    v = readDataVersion(store);
    seen.set(ctx, v);
    v.catch(() => seen.delete(ctx));
  }
  return v;
}
