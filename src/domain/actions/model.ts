/**
 * An action of the partnership's plan, as plain data. The store keeps it; the domain decides what
 * may change and how; renderers show it. Dates are YYYY-MM-DD, moments ISO-8601 UTC.
 */
export const ACTION_STATUSES = ['not_started', 'in_progress', 'on_hold', 'completed', 'closed', 'cancelled', 'carried_forward'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Open items are still being worked on: they carry a RAG and can be cancelled or carried forward. */
export const OPEN_STATUSES: readonly ActionStatus[] = ['not_started', 'in_progress', 'on_hold'];

export const RAGS = ['green', 'amber', 'red', 'grey'] as const;
export type Rag = (typeof RAGS)[number];

export const CHANNELS = ['teams', 'cli', 'import', 'system'] as const;
export type Channel = (typeof CHANNELS)[number];

export type Classification = 'public' | 'exempt';

export type ActionSource =
  | { kind: 'plan'; plan: string }
  | { kind: 'resolution'; meetingDate: string; minuteRef: string };

export interface LeadOfficer {
  name: string;
  /** AAD object id: what permissions are checked against. */
  aadObjectId: string | null;
  /** Teams user id (`29:…`), for user-specific card views. */
  teamsUserId: string | null;
}

export interface ProgressUpdate {
  text: string;
  author: string;
  /** YYYY-MM-DD */
  asOf: string;
}

export interface ActionItem {
  /** e.g. "CSP-2021-07" */
  id: string;
  /** e.g. "2020–21" */
  plan: string;
  theme: string;
  /** Starts with a verb: "Promote Hate Crime Awareness Week". */
  title: string;
  description: string;
  lead: LeadOfficer;
  leadAgency: string;
  partners: string[];
  /** ONS ward codes the action targets; empty means borough-wide. */
  wards: string[];
  startDate: string | null;
  originalTargetDate: string | null;
  targetDate: string | null;
  targetDateReason: string | null;
  /** How many times the target date has moved later; the second slip flags the item for committee. */
  targetSlips: number;
  committeeFlag: boolean;
  status: ActionStatus;
  ragOverride: Rag | null;
  ragOverrideReason: string | null;
  latestUpdate: ProgressUpdate | null;
  successMeasure: string;
  source: ActionSource;
  classification: Classification;
  /** Bumped by every saved change; a card that carries an older version is stale. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type HistoryField =
  | 'created'
  | 'status'
  | 'rag_override'
  | 'latest_update'
  | 'target_date'
  | 'committee_flag'
  | 'lead'
  | 'classification'
  // Changed only by a tracker import, which speaks for every column of the plan.
  | 'title'
  | 'theme'
  | 'description'
  | 'lead_agency'
  | 'partners'
  | 'wards'
  | 'start_date'
  | 'success_measure';

/** One line of the append-only audit trail: who changed what, when, and through which channel. */
export interface HistoryEntry {
  actionId: string;
  /** The version the change produced. */
  version: number;
  at: string;
  actorAadObjectId: string | null;
  actorName: string;
  field: HistoryField;
  oldValue: string | null;
  newValue: string | null;
  /** Reason, commentary or verification note given with the change. */
  note: string | null;
  channel: Channel;
}

export const STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  on_hold: 'On hold',
  completed: 'Completed',
  closed: 'Closed',
  cancelled: 'Cancelled',
  carried_forward: 'Carried forward',
};

/** Always words with the colour: the colour alone never carries the meaning. */
export const RAG_LABELS: Record<Rag, string> = {
  green: 'Green – on track',
  amber: 'Amber – at risk',
  red: 'Red – off track',
  grey: 'Grey – no update this cycle',
};

export function isOpen(status: ActionStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function isActionStatus(v: string): v is ActionStatus {
  return (ACTION_STATUSES as readonly string[]).includes(v);
}

export function isRag(v: string): v is Rag {
  return (RAGS as readonly string[]).includes(v);
}

/** Reads a status the way people type it ("on hold", "In progress", "carried-forward"). */
export function parseStatus(text: string): ActionStatus | undefined {
  const key = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return isActionStatus(key) ? key : undefined;
}

/** "31 Mar 2021" from "2021-03-31"; dates are calendar dates, so no time zone applies. */
export function formatDate(date: string | null): string {
  if (!date) return 'not set';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

export function describeSource(source: ActionSource): string {
  return source.kind === 'plan'
    ? `Action plan ${source.plan}`
    : `Committee resolution, meeting of ${formatDate(source.meetingDate)}, minute ${source.minuteRef}`;
}
