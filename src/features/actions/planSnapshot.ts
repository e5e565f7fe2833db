import type { ActionItem } from '../../domain/actions/model';
import { ActionRepo } from '../../store/actionRepo';
import type { Store } from '../../store/db';
import { sharedPerStore } from '../../store/answerCache';
import type { RequestContext } from '../../core/turn';
import { versionsOfTurn } from '../turnVersions';

/** The whole action plan at one version: every item, and whether it is the demo partnership's. */
export interface PlanSnapshot {
  readonly items: readonly ActionItem[];
  readonly demo: boolean;
}

// A plan is tens of items; the latest few versions are enough (turns in flight may still use the one before).
const plans = sharedPerStore<PlanSnapshot>(4);

/** The plan at one version, read once and shared (frozen). */
export function planAt(store: Store, version: string): Promise<PlanSnapshot> {
  return plans(store).get(version, async () => {
    const repo = new ActionRepo(store);
    const [items, demo] = await Promise.all([repo.list(), repo.isDemo()]);
    return { items, demo };
  });
}

/**
 * The plan as this turn sees it. Every answer about actions reads the whole plan (filters, RAG
 * counts, area lists), so it is read once per version of the plan and shared, frozen.
 */
export async function planOfTurn(store: Store, ctx: RequestContext): Promise<PlanSnapshot> {
  return planAt(store, (await versionsOfTurn(store, ctx)).plan);
}
