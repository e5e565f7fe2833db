/** A ward, a named group of wards, or the whole district: what a question is about. */
export type AreaType = 'ward' | 'group' | 'district';

export interface AreaRef {
  code: string;
  name: string;
  type: AreaType;
}

/** The contract between the domain and every renderer (cards, CLI text, `csp ask --json`). */
export type AnswerIntent =
  | 'crime.trend'
  | 'crime.total'
  | 'crime.rank'
  | 'crime.breakdown'
  | 'crime.compare_areas'
  | 'actions.list'
  | 'action.detail'
  | 'followups.list'
  | 'help'
  | 'clarify'
  | 'unknown';

export interface CategoryRef {
  slug: string;
  name: string;
}

/** Inclusive months, YYYY-MM. */
export interface Period {
  from: string;
  to: string;
}

export interface ActionSummary {
  id: string;
  title: string;
  status: string;
  rag: string | null;
  leadAgency: string;
  targetDate: string | null;
}

export interface FollowUpSummary {
  id: string;
  title: string;
  due: string;
  status: string;
}

export interface Source {
  name: string;
  asOf: string;
}

export interface Answer {
  intent: AnswerIntent;
  area?: AreaRef | null;
  areas?: AreaRef[] | null;
  category?: CategoryRef | null;
  period?: Period | null;
  previousPeriod?: Period | null;
  total?: number | null;
  previousTotal?: number | null;
  changePct?: number | null;
  /**
   * `suppressed`: a local-extract count below the threshold; its count is 0 and must read "fewer than N".
   * A null count is a month with no data loaded (a gap, shown as "no data", never as 0).
   */
  series?: { month: string; count: number | null; suppressed?: boolean }[] | null;
  ranking?: { area: { code: string; name: string }; count: number; per1000: number | null; suppressed?: boolean }[] | null;
  breakdown?: { category: CategoryRef; count: number }[] | null;
  actions?: ActionSummary[] | null;
  followups?: FollowUpSummary[] | null;
  /** The plain-language answer a member reads. */
  text: string;
  sources?: Source[];
  caveats?: string[];
  /** Example questions or next steps, shown as buttons. */
  suggestions?: string[];
}

/** Change in per cent to one decimal; null when there is nothing to compare with. */
export function changePct(total: number, previousTotal: number | null | undefined): number | null {
  if (previousTotal === null || previousTotal === undefined || previousTotal === 0) return null;
  return Math.round(((total - previousTotal) / previousTotal) * 1000) / 10;
}
