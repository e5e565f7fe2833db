import { ActionItem, isOpen } from '../../domain/actions/model';
import { isOverdue } from './rag';

/** About eight actions fit a Teams card without a wall of scrolling. */
export const PLAN_PAGE_SIZE = 8;

export interface PlanPage {
  /** The actions on this page, in reading order. */
  rows: ActionItem[];
  page: number;
  pages: number;
  /** Actions in this view (open, or done) across all pages. */
  total: number;
  /** Open actions past their target date, across all pages. */
  overdue: number;
  /** Actions of the other view, folded away (done ones when open are shown, and back). */
  folded: number;
}

/**
 * The order people need: overdue first (longest overdue at the top), then the other open actions
 * by target date (undated last), then everything no longer open, most recently changed first.
 */
export function planOrder(actions: readonly ActionItem[], now: Date): ActionItem[] {
  const rank = (a: ActionItem) => (isOverdue(a, now) ? 0 : isOpen(a.status) ? 1 : 2);
  return [...actions].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    if (rank(a) === 2) return b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
    return (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999') || a.id.localeCompare(b.id);
  });
}

/**
 * One page of the plan. Open actions and done ones are separate views, so finished work never
 * pushes what needs attention off the first page; a status asked for by name shows whatever matches.
 * A page past the end shows the last page.
 */
export function planPage(actions: readonly ActionItem[], view: { done: boolean; page: number; anyStatus?: boolean }, now: Date): PlanPage {
  const ordered = planOrder(actions, now);
  const inView = view.anyStatus ? ordered : ordered.filter((a) => isOpen(a.status) !== view.done);
  const pages = Math.max(1, Math.ceil(inView.length / PLAN_PAGE_SIZE));
  const page = Math.min(Math.max(1, view.page), pages);
  return {
    rows: inView.slice((page - 1) * PLAN_PAGE_SIZE, page * PLAN_PAGE_SIZE),
    page,
    pages,
    total: inView.length,
    overdue: inView.filter((a) => isOverdue(a, now)).length,
    folded: ordered.length - inView.length,
  };
}
