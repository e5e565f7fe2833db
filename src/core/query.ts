import type { AreaRef } from './answer';
import type { CategoryRef } from './answer';

/**
 * What a question asks, before any data is read. `src/ask/` turns text into a Query with no I/O;
 * the domain turns a Query into an Answer.
 */
export type QueryIntent =
  | 'crime.trend'
  | 'crime.total'
  | 'crime.rank'
  | 'crime.breakdown'
  | 'crime.compare_areas'
  | 'crime.compare_districts'
  | 'actions.list'
  | 'action.detail'
  | 'followups.list'
  | 'followups.remind'
  | 'followups.stop'
  | 'minutes.import'
  | 'report.draft'
  | 'whoami'
  | 'help'
  | 'clarify'
  | 'unknown';

/** A period as the question states it; resolved against the latest month with data by the domain. */
export type PeriodSpec =
  | { kind: 'last-months'; months: number }
  | { kind: 'range'; from: string; to: string }
  | { kind: 'since'; from: string }
  | { kind: 'year'; year: number }
  | { kind: 'this-year' }
  | { kind: 'last-year' };

export interface ActionFilter {
  theme?: string;
  wardCode?: string;
  areaCode?: string;
  status?: string;
  rag?: 'green' | 'amber' | 'red' | 'grey';
  /** 'me' means the person asking. */
  lead?: 'me' | string;
  overdue?: boolean;
  /** YYYY-MM-DD */
  changedSince?: string;
  /** "what changed since the last meeting": the date is the last committee meeting's, known to the store. */
  sinceLastMeeting?: boolean;
  /** "actions that have slipped twice": only those flagged for the committee (target date moved twice). */
  flagged?: boolean;
  /** "actions with no lead": only those no lead officer is named for. */
  noLead?: boolean;
  /** "actions due this month": the first and last target date kept (YYYY-MM-DD, inclusive). */
  dueFrom?: string;
  dueTo?: string;
  /**
   * Every RAG colour asked for ("amber or red actions" → ['amber', 'red']). When set, use it
   * rather than `rag`, which is set only when exactly one colour was asked for.
   */
  rags?: ('green' | 'amber' | 'red' | 'grey')[];
  /** "actions led by police": the lead agency as typed, lower case; match it case-insensitively within the agency name. */
  leadAgency?: string;
  /** Several areas named ("actions in Rother and Hasland"): their codes (wards, groups or the district). */
  areaCodes?: string[];
  /** Titles of the plan named in the question (from `Vocabulary.actionTitles`). */
  titles?: string[];
}

/** What a district is compared with: other districts, a police force area, England and Wales, or its most similar group. */
export type DistrictComparator =
  | { kind: 'districts'; codes: string[] }
  | { kind: 'force'; force: string; name: string }
  | { kind: 'country' }
  | { kind: 'similar' };

export interface Query {
  intent: QueryIntent;
  /** The question as understood after clean-up (mention stripped, whitespace folded). */
  text: string;
  area?: AreaRef;
  areas?: AreaRef[];
  /** Undefined: not said (all crime for crime intents). */
  category?: CategoryRef;
  period?: PeriodSpec;
  comparison?: 'previous' | 'year-on-year';
  perCapita?: boolean;
  /** For 'crime.compare_areas': the areas' figures asked for together ("Rother and Hasland combined"). */
  combined?: boolean;
  /** For 'crime.compare_areas' of an area and its district: the area's part of the district's figure ("what percentage of ASB is in Rother"). */
  share?: boolean;
  /** For 'crime.rank': 'asc' ranks from the fewest ("quietest", "bottom three", "safest"); default 'desc'. */
  order?: 'asc' | 'desc';
  actions?: ActionFilter;
  /** Free text naming one action ("Operation Blofeld"). */
  actionTitle?: string;
  /** `from`–`to` (YYYY-MM-DD, inclusive): the days asked about ("due this month"); else the next four weeks. */
  followups?: { scope: 'due' | 'overdue' | 'last-meeting' | 'all'; from?: string; to?: string };
  /** "remind me about X on D" / "remind this channel about X on D" */
  reminder?: { about: string; on: string; audience: 'me' | 'this-conversation' };
  /** "stop reminding me about X" */
  stopAbout?: string;
  /** For intent 'clarify': what to ask, and the questions each choice stands for. */
  clarify?: { question: string; options: { label: string; text: string }[] };
  /**
   * A short sentence for the asker about how the question was read: a place outside the
   * district ("I only hold figures for Chesterfield…"), a corrected spelling ("Taking “Rothr”
   * as Rother."), or a period that needs a year.
   */
  note?: string;
  /** For intent 'crime.compare_districts': the district compared (default: the partnership's own) and with what. */
  districtComparison?: { subject?: string; versus: DistrictComparator };
  /**
   * Set when the question was read from the conversation so far ("and in Walton?"): the first
   * line of the answer, e.g. "Vehicle crime in Dunston — following on from your last question."
   */
  followsOn?: string;
  /** "What are we doing about ASB in Rother": the figures joined with the plan's actions on that subject and place, and the committee's last request on it. */
  withPlan?: boolean;
  /** For intent 'minutes.import': the pasted minutes after "import minutes", line breaks kept. */
  minutesText?: string;
  /** "how many more in Rother than Hasland": a comparison of two areas says the difference between them. */
  difference?: boolean;
  /** A ranking of wards by how they changed against the earlier period: rises first, falls first, or both. */
  rankBy?: 'rise' | 'fall' | 'change';
  /** How many wards a ranking's answer names ("top 5 wards"); three when not said. */
  rankCount?: number;
}
