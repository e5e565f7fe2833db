import type { ActionItem, ActionStatus, HistoryEntry, Rag } from '../../domain/actions/model';
import { effectiveRag, isOverdue } from './rag';

/** A filter over the plan; every field narrows, none set means the whole plan. */
export interface ActionListFilter {
  theme?: string;
  /** Any of these ward codes (a named group expands to its wards). */
  wardCodes?: string[];
  status?: ActionStatus;
  rag?: Rag;
  /** Any of these RAGs ("amber or red actions"). */
  rags?: Rag[];
  /** Keeps an action whose lead agency fits what was asked ("led by police"). */
  leadAgency?: (agencyName: string) => boolean;
  /** The lead's AAD object id. */
  leadAadObjectId?: string;
  /** Part of the lead's name, when asked by name. */
  leadName?: string;
  overdue?: boolean;
  /** Only actions with history on or after this date (YYYY-MM-DD). */
  changedSince?: string;
  /** Only actions no lead officer is named for. */
  noLead?: boolean;
  /** Only actions flagged for the committee: their target date has slipped twice. */
  flagged?: boolean;
  /** Only actions whose target date is within these days (YYYY-MM-DD, inclusive); one with no target date is not due. */
  dueFrom?: string;
  dueTo?: string;
  /** Whether exempt (Part 2) items may be included at all. */
  includeExempt: boolean;
}

function norm(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function filterActions(
  actions: readonly ActionItem[],
  filter: ActionListFilter,
  now: Date,
  history: readonly HistoryEntry[] = [],
): ActionItem[] {
  const changed = filter.changedSince
    ? new Set(history.filter((h) => h.at.slice(0, 10) >= (filter.changedSince as string)).map((h) => h.actionId))
    : undefined;
  return actions.filter((a) => {
    if (!filter.includeExempt && a.classification === 'exempt') return false;
    if (filter.theme && norm(a.theme) !== norm(filter.theme) && !norm(a.theme).includes(norm(filter.theme))) return false;
    if (filter.wardCodes && !a.wards.some((w) => filter.wardCodes?.includes(w))) return false;
    if (filter.status && a.status !== filter.status) return false;
    if (filter.rag && effectiveRag(a, now) !== filter.rag) return false;
    if (filter.rags && !filter.rags.includes(effectiveRag(a, now) as Rag)) return false;
    // "led by Jo Whitfield" reads like "led by the police": either the agency or the officer fits.
    if (filter.leadAgency && !filter.leadAgency(a.leadAgency) && !filter.leadAgency(a.lead.name)) return false;
    if (filter.leadAadObjectId && a.lead.aadObjectId !== filter.leadAadObjectId) return false;
    if (filter.leadName && !norm(a.lead.name).includes(norm(filter.leadName))) return false;
    if (filter.overdue && !isOverdue(a, now)) return false;
    if (changed && !changed.has(a.id)) return false;
    if (filter.noLead && a.lead.name.trim() !== '') return false;
    if (filter.flagged && !a.committeeFlag) return false;
    if (filter.dueFrom && (!a.targetDate || a.targetDate < filter.dueFrom)) return false;
    if (filter.dueTo && (!a.targetDate || a.targetDate > filter.dueTo)) return false;
    return true;
  });
}

const STOP_WORDS = new Set(['the', 'a', 'an', 'of', 'on', 'for', 'to', 'in', 'and', 'with', 'status', 'action', 'what', 'is', 'how', 'about', 'show', 'me', 'whats', 'progress', 'update']);

function tokens(text: string): string[] {
  return norm(text)
    .split(' ')
    .filter((t) => t.length > 1 && !STOP_WORDS.has(t));
}

/** Edit distance, for names misspelt in chat ("Blofield"). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function tokenScore(wanted: string, candidates: string[]): number {
  let best = 0;
  for (const c of candidates) {
    if (c === wanted) return 1;
    if (c.startsWith(wanted) && wanted.length >= 3) best = Math.max(best, 0.8);
    const allowed = wanted.length >= 8 ? 2 : wanted.length >= 5 ? 1 : 0;
    if (allowed > 0 && distance(wanted, c) <= allowed) best = Math.max(best, 0.7);
  }
  return best;
}

export interface TitleMatch {
  action: ActionItem;
  /** 0–1: the share of the asked words found in the action's reference, title or theme. */
  score: number;
}

/**
 * Finds actions by what people call them ("Operation Blofeld", "guard cams", "CSP-2021-07"):
 * every word asked is looked for in the reference, title and theme, allowing small misspellings.
 * Best first; only matches that find at least half the words.
 */
export function matchTitle(actions: readonly ActionItem[], asked: string): TitleMatch[] {
  const byId = actions.find((a) => norm(a.id) === norm(asked) || norm(asked).includes(norm(a.id)));
  if (byId) return [{ action: byId, score: 1 }];
  const wanted = tokens(asked);
  if (wanted.length === 0) return [];
  const scored = actions.map((action) => {
    const titleWords = tokens(action.title);
    const otherWords = tokens(`${action.theme} ${action.description}`);
    let sum = 0;
    for (const w of wanted) sum += Math.max(tokenScore(w, titleWords), tokenScore(w, otherWords) * 0.6);
    return { action, score: Math.round((sum / wanted.length) * 100) / 100 };
  });
  return scored.filter((s) => s.score >= 0.5).sort((a, b) => b.score - a.score || a.action.id.localeCompare(b.action.id));
}
