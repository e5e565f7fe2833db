import { hasAtLeast, Role } from '../../core/roles';
import {
  ActionItem,
  ActionStatus,
  Channel,
  HistoryEntry,
  HistoryField,
  LeadOfficer,
  OPEN_STATUSES,
  Rag,
  RAG_LABELS,
  STATUS_LABELS,
} from '../../domain/actions/model';

/** Who is acting, as the domain sees it: the role comes from the store, the identity from Teams. */
export interface Editor {
  aadObjectId: string;
  name: string;
  role: Role;
}

export type Requirement = 'none' | 'reason' | 'commentary' | 'verification';
export type Who = 'lead-or-coordinator' | 'coordinator' | 'coordinator-not-lead';

export interface TransitionRule {
  from: ActionStatus;
  to: ActionStatus;
  who: Who;
  requires: Requirement;
}

/** The permission table of the action workflow (domain note, "Statuses and who may move them"). */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'not_started', to: 'in_progress', who: 'lead-or-coordinator', requires: 'none' },
  { from: 'in_progress', to: 'on_hold', who: 'lead-or-coordinator', requires: 'reason' },
  { from: 'on_hold', to: 'in_progress', who: 'lead-or-coordinator', requires: 'reason' },
  { from: 'in_progress', to: 'completed', who: 'lead-or-coordinator', requires: 'commentary' },
  { from: 'completed', to: 'closed', who: 'coordinator-not-lead', requires: 'verification' },
  { from: 'completed', to: 'in_progress', who: 'coordinator', requires: 'reason' },
  // Reopening a closed action (found not done after all) is the coordinators' call, with a reason.
  { from: 'closed', to: 'in_progress', who: 'coordinator', requires: 'reason' },
  ...OPEN_STATUSES.flatMap((from) => [
    { from, to: 'cancelled' as const, who: 'coordinator' as const, requires: 'reason' as const },
    { from, to: 'carried_forward' as const, who: 'coordinator' as const, requires: 'reason' as const },
  ]),
];

export function isLead(editor: Editor, action: ActionItem): boolean {
  return action.lead.aadObjectId !== null && action.lead.aadObjectId === editor.aadObjectId;
}

/** Admins count as coordinators. */
export function isCoordinator(editor: Editor): boolean {
  return hasAtLeast(editor.role, 'coordinator');
}

/** Coordinators edit any action; officers only those they lead; members none. */
export function canEdit(editor: Editor, action: ActionItem): boolean {
  if (isCoordinator(editor)) return true;
  return editor.role === 'officer' && isLead(editor, action);
}

function allows(who: Who, editor: Editor, action: ActionItem): boolean {
  switch (who) {
    case 'lead-or-coordinator':
      return canEdit(editor, action);
    case 'coordinator':
      return isCoordinator(editor);
    case 'coordinator-not-lead':
      return isCoordinator(editor) && !isLead(editor, action);
  }
}

export function findRule(from: ActionStatus, to: ActionStatus): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The statuses this person may move this action to, for the edit form's choices. */
export function allowedTransitions(editor: Editor, action: ActionItem): TransitionRule[] {
  return TRANSITIONS.filter((t) => t.from === action.status && allows(t.who, editor, action));
}

const REQUIREMENT_TEXT: Record<Requirement, string> = {
  none: '',
  reason: 'a reason',
  commentary: 'progress commentary',
  verification: 'a verification note',
};

const WHO_TEXT: Record<Who, string> = {
  'lead-or-coordinator': 'the lead officer or a coordinator',
  coordinator: 'a coordinator',
  'coordinator-not-lead': 'a coordinator who is not the lead officer',
};

/** What a person asks to change, already validated for shape (lengths, real dates, known values). */
export interface ActionEdit {
  status?: ActionStatus;
  /** Reason, commentary or verification note for the status change. */
  statusNote?: string;
  /** A new progress update. */
  update?: string;
  targetDate?: string;
  targetDateReason?: string;
  /** 'none' clears an override. */
  ragOverride?: Rag | 'none';
  ragOverrideReason?: string;
}

/** The form field a refusal is about, so the card can show the message beside it. */
export type EditField = keyof ActionEdit | 'lead' | 'leadAgency' | 'theme' | 'title' | 'wards' | 'closeNote' | 'reopenReason';

export type EditRefusal = { ok: false; code: 'forbidden' | 'invalid' | 'no_change'; message: string; field?: EditField };
export type EditResult =
  | {
      ok: true;
      next: ActionItem;
      /** History lines the change appends, in order; their version is the new version. */
      history: HistoryEntry[];
      /** The change was the second slip of the target date: the committee should hear about it. */
      committeeFlagRaised: boolean;
    }
  | EditRefusal;

function refuse(code: EditRefusal['code'], message: string, field?: EditField): EditRefusal {
  return field ? { ok: false, code, message, field } : { ok: false, code, message };
}

function present(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t ? t : undefined;
}

/**
 * Checks an edit against the permission table and applies it to a copy of the action. Nothing is
 * stored here: the repository saves `next` and `history` together, or not at all.
 */
export function applyEdit(
  action: ActionItem,
  edit: ActionEdit,
  editor: Editor,
  at: Date,
  channel: Channel,
): EditResult {
  if (!canEdit(editor, action)) {
    if (editor.role === 'member') return refuse('forbidden', 'Members can read the action plan but not change it.');
    if (editor.role === 'officer') return refuse('forbidden', `Only the lead officer (${action.lead.name}) or a coordinator can update ${action.id}.`);
    return refuse('forbidden', `You cannot update ${action.id}.`);
  }
  const when = at.toISOString();
  const asOf = when.slice(0, 10);
  const next: ActionItem = { ...action, latestUpdate: action.latestUpdate && { ...action.latestUpdate } };
  const history: Omit<HistoryEntry, 'version'>[] = [];
  const line = (field: HistoryField, oldValue: string | null, newValue: string | null, note: string | null = null) =>
    history.push({ actionId: action.id, at: when, actorAadObjectId: editor.aadObjectId, actorName: editor.name, field, oldValue, newValue, note, channel });

  const note = present(edit.statusNote);
  const update = present(edit.update);

  if (edit.status && edit.status !== action.status) {
    const rule = findRule(action.status, edit.status);
    const change = `${STATUS_LABELS[action.status]} → ${STATUS_LABELS[edit.status]}`;
    if (!rule) return refuse('invalid', `${change} is not a step the workflow allows.`, 'status');
    if (!allows(rule.who, editor, action)) {
      return refuse('forbidden', `${change} can only be made by ${WHO_TEXT[rule.who]}.`, 'status');
    }
    // Completion's commentary may come as the progress update itself.
    const given = rule.requires === 'commentary' ? (note ?? update) : note;
    if (rule.requires !== 'none' && !given) {
      return refuse('invalid', `${change} needs ${REQUIREMENT_TEXT[rule.requires]}.`, 'statusNote');
    }
    next.status = edit.status;
    line('status', action.status, edit.status, given ?? null);
  } else if (note) {
    return refuse('invalid', 'A reason or note was given without a change of status: choose the new status, or put the text in the progress update instead.', 'statusNote');
  }

  if (update) {
    next.latestUpdate = { text: update, author: editor.name, asOf };
    line('latest_update', action.latestUpdate?.text ?? null, update);
  }

  if (edit.targetDate && edit.targetDate !== action.targetDate) {
    const reason = present(edit.targetDateReason);
    if (!reason) return refuse('invalid', 'A new target date needs a reason for the change.', 'targetDateReason');
    const slipped = action.targetDate !== null && edit.targetDate > action.targetDate;
    next.targetDate = edit.targetDate;
    next.targetDateReason = reason;
    if (!next.originalTargetDate) next.originalTargetDate = edit.targetDate;
    line('target_date', action.targetDate, edit.targetDate, reason);
    if (slipped) {
      next.targetSlips = action.targetSlips + 1;
      if (next.targetSlips >= 2 && !action.committeeFlag) {
        next.committeeFlag = true;
        line('committee_flag', 'no', 'yes', `target date has slipped ${next.targetSlips} times`);
      }
    }
  }

  if (edit.ragOverride !== undefined) {
    const wanted = edit.ragOverride === 'none' ? null : edit.ragOverride;
    const reason = present(edit.ragOverrideReason);
    if (wanted && !reason) return refuse('invalid', `Setting RAG by hand to ${RAG_LABELS[wanted]} needs a reason.`, 'ragOverrideReason');
    if (wanted && !OPEN_STATUSES.includes(next.status)) return refuse('invalid', 'RAG applies to open actions only.', 'ragOverride');
    if (wanted !== action.ragOverride || (wanted && reason !== action.ragOverrideReason)) {
      next.ragOverride = wanted;
      next.ragOverrideReason = wanted ? (reason ?? null) : null;
      line('rag_override', action.ragOverride, wanted, wanted ? (reason ?? null) : null);
    }
  }

  if (history.length === 0) return refuse('no_change', 'Nothing was changed: the form matches the action as it stands.');
  next.version = action.version + 1;
  next.updatedAt = when;
  return {
    ok: true,
    next,
    history: history.map((h) => ({ ...h, version: next.version })),
    committeeFlagRaised: next.committeeFlag && !action.committeeFlag,
  };
}

/** What a coordinator fills in to add an action; already checked for shape. */
export interface NewAction {
  theme: string;
  title: string;
  description?: string;
  lead: LeadOfficer;
  leadAgency: string;
  wards: string[];
  startDate?: string;
  targetDate: string;
  partners?: string[];
  successMeasure?: string;
  classification?: ActionItem['classification'];
}

export type CreateResult = { ok: true; item: ActionItem; history: HistoryEntry[] } | EditRefusal;

/** A new action of the plan, at version 1, with its opening history line. Coordinators only. */
export function createAction(input: NewAction, ids: { id: string; plan: string }, editor: Editor, at: Date, channel: Channel): CreateResult {
  if (!isCoordinator(editor)) return refuse('forbidden', 'Only a coordinator can add actions to the plan.');
  if (input.startDate && input.startDate > input.targetDate) return refuse('invalid', 'The start date is after the target date.', 'targetDate');
  const when = at.toISOString();
  const item: ActionItem = {
    id: ids.id,
    plan: ids.plan,
    theme: input.theme.trim(),
    title: input.title.trim(),
    description: input.description?.trim() ?? '',
    lead: input.lead,
    leadAgency: input.leadAgency.trim(),
    partners: [...new Set((input.partners ?? []).map((p) => p.trim()).filter(Boolean))],
    wards: [...new Set(input.wards)],
    startDate: input.startDate ?? null,
    originalTargetDate: input.targetDate,
    targetDate: input.targetDate,
    targetDateReason: null,
    targetSlips: 0,
    committeeFlag: false,
    status: 'not_started',
    ragOverride: null,
    ragOverrideReason: null,
    latestUpdate: null,
    successMeasure: input.successMeasure?.trim() ?? '',
    source: { kind: 'plan', plan: ids.plan },
    classification: input.classification ?? 'public',
    version: 1,
    createdAt: when,
    updatedAt: when,
  };
  const history: HistoryEntry = {
    actionId: item.id,
    version: 1,
    at: when,
    actorAadObjectId: editor.aadObjectId,
    actorName: editor.name,
    field: 'created',
    oldValue: null,
    newValue: `${item.title} (lead ${item.lead.name}, ${item.leadAgency}; target ${item.targetDate})`,
    note: null,
    channel,
  };
  return { ok: true, item, history: [history] };
}

/** Gives an action a new lead officer (and lead agency). Coordinators only; the reason is kept in the history. */
export function reassignLead(action: ActionItem, lead: LeadOfficer, leadAgency: string | undefined, reason: string | undefined, editor: Editor, at: Date, channel: Channel): EditResult {
  if (!isCoordinator(editor)) return refuse('forbidden', 'Only a coordinator can change who leads an action.');
  const agency = leadAgency?.trim() || action.leadAgency;
  if (lead.aadObjectId === action.lead.aadObjectId && agency === action.leadAgency) {
    return refuse('no_change', `${lead.name} already leads ${action.id} for ${agency}.`, 'lead');
  }
  const when = at.toISOString();
  const next: ActionItem = { ...action, lead, leadAgency: agency, version: action.version + 1, updatedAt: when };
  const note = reason?.trim() || null;
  const line = (field: HistoryField, oldValue: string, newValue: string): HistoryEntry => ({
    actionId: action.id,
    version: next.version,
    at: when,
    actorAadObjectId: editor.aadObjectId,
    actorName: editor.name,
    field,
    oldValue,
    newValue,
    note,
    channel,
  });
  const history: HistoryEntry[] = [];
  if (lead.aadObjectId !== action.lead.aadObjectId) history.push(line('lead', action.lead.name, lead.name));
  if (agency !== action.leadAgency) history.push(line('lead_agency', action.leadAgency, agency));
  return { ok: true, next, history, committeeFlagRaised: false };
}

const FIELD_NAMES: Partial<Record<HistoryField, string>> = {
  title: 'Action',
  theme: 'Theme',
  description: 'Description',
  lead_agency: 'Lead organisation',
  partners: 'Partners',
  wards: 'Wards',
  start_date: 'Start date',
  success_measure: 'Success measure',
};

/** Reads a history line the way the committee would: "Status: In progress → Completed". */
export function describeChange(h: HistoryEntry): string {
  const status = (v: string | null) => (v ? (STATUS_LABELS[v as ActionStatus] ?? v) : '–');
  const rag = (v: string | null) => (v ? (RAG_LABELS[v as Rag] ?? v) : 'derived (no override)');
  switch (h.field) {
    case 'created':
      return 'Action added to the plan';
    case 'status':
      return `Status: ${status(h.oldValue)} → ${status(h.newValue)}`;
    case 'rag_override':
      return `RAG override: ${rag(h.oldValue)} → ${rag(h.newValue)}`;
    case 'latest_update':
      return `Progress update: ${h.newValue ?? ''}`;
    case 'target_date':
      return `Target date: ${h.oldValue ?? 'not set'} → ${h.newValue ?? 'not set'}`;
    case 'committee_flag':
      return 'Flagged for the committee';
    case 'lead':
      return h.oldValue === h.newValue ? `Lead ${h.newValue ?? ''} linked to their Teams account` : `Lead: ${h.oldValue ?? 'none'} → ${h.newValue ?? 'none'}`;
    case 'title':
    case 'theme':
    case 'description':
    case 'lead_agency':
    case 'partners':
    case 'wards':
    case 'start_date':
    case 'success_measure':
      return `${FIELD_NAMES[h.field]}: ${h.oldValue ?? '–'} → ${h.newValue ?? '–'}`;
    default:
      return `${h.field}: ${h.oldValue ?? '–'} → ${h.newValue ?? '–'}`;
  }
}
