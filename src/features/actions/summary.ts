import type { ActionSummary } from '../../core/answer';
import { ActionItem, ACTION_STATUSES, ActionStatus, Rag, RAGS, STATUS_LABELS, RAG_LABELS } from '../../domain/actions/model';
import { effectiveRag, isOverdue } from './rag';

export interface ThemeSummary {
  theme: string;
  total: number;
  byStatus: Record<ActionStatus, number>;
  byRag: Record<Rag, number>;
  overdue: number;
}

export interface PlanSummary {
  total: number;
  themes: ThemeSummary[];
  byStatus: Record<ActionStatus, number>;
  byRag: Record<Rag, number>;
  overdue: number;
  committeeFlags: number;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Counts per theme by status and RAG, and the overdue count: the plan at a glance. */
export function planSummary(actions: readonly ActionItem[], now: Date): PlanSummary {
  const themes = new Map<string, ThemeSummary>();
  const all: PlanSummary = { total: 0, themes: [], byStatus: zeros(ACTION_STATUSES), byRag: zeros(RAGS), overdue: 0, committeeFlags: 0 };
  for (const a of actions) {
    let t = themes.get(a.theme);
    if (!t) {
      t = { theme: a.theme, total: 0, byStatus: zeros(ACTION_STATUSES), byRag: zeros(RAGS), overdue: 0 };
      themes.set(a.theme, t);
    }
    const rag = effectiveRag(a, now);
    const overdue = isOverdue(a, now);
    for (const s of [t, all]) {
      s.total += 1;
      s.byStatus[a.status] += 1;
      if (rag) s.byRag[rag] += 1;
      if (overdue) s.overdue += 1;
    }
    if (a.committeeFlag) all.committeeFlags += 1;
  }
  all.themes = [...themes.values()].sort((a, b) => a.theme.localeCompare(b.theme));
  return all;
}

/** "3 Red – off track, 2 Amber – at risk" — counts with their words, zeros left out. */
export function describeRagCounts(byRag: Record<Rag, number>): string {
  const parts = RAGS.filter((r) => byRag[r] > 0).map((r) => `${byRag[r]} ${RAG_LABELS[r]}`);
  return parts.length ? parts.join(', ') : 'none open';
}

export function describeStatusCounts(byStatus: Record<ActionStatus, number>): string {
  return ACTION_STATUSES.filter((s) => byStatus[s] > 0)
    .map((s) => `${byStatus[s]} ${STATUS_LABELS[s].toLowerCase()}`)
    .join(', ');
}

/** The Answer's view of an action; status and RAG in words, never colour alone. */
export function toActionSummary(a: ActionItem, now: Date): ActionSummary {
  const rag = effectiveRag(a, now);
  return {
    id: a.id,
    title: a.title,
    status: STATUS_LABELS[a.status],
    rag: rag ? RAG_LABELS[rag] : null,
    leadAgency: a.leadAgency,
    targetDate: a.targetDate,
  };
}
