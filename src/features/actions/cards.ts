import { DateTime } from 'luxon';
import type { CardJson } from '../../core/turn';
import type { Answer } from '../../core/answer';
import {
  ActionItem,
  describeSource,
  formatDate,
  HistoryEntry,
  RAG_LABELS,
  RAGS,
  STATUS_LABELS,
  Channel,
  isOpen,
} from '../../domain/actions/model';
import { explainRag, isOverdue, ragView } from './rag';
import { PLAN_PAGE_SIZE, PlanPage } from './planView';
import { describeRagCounts, describeStatusCounts, PlanSummary } from './summary';
import { describeChange, TransitionRule, Requirement } from './workflow';
import { AGENCY_MAX, CREATE_INPUTS, INPUT_LIMITS, ListRequest, MANAGE_INPUTS, maxDate, TITLE_MAX } from './input';
import { KnownPerson, peoplePicker } from '../people/people';
import { assertCardFits, cardBytes, CARD_BUDGET_BYTES, renderCard } from '../../cards/template';

/** Teams refreshes a card for at most 60 listed users, and only by Teams user id (`29:…`). */
export const MAX_REFRESH_USERS = 60;

const CHANNEL_TEXT: Record<Channel, string> = { teams: 'Teams', cli: 'command line', import: 'import', system: 'the bot' };

export function formatMoment(at: string, zone = 'Europe/London'): string {
  const d = DateTime.fromISO(at, { zone: 'utc' }).setZone(zone);
  return d.isValid ? d.toFormat('d LLL yyyy HH:mm') : at;
}


function historyLine(h: HistoryEntry) {
  return { when: formatMoment(h.at), who: h.actorName, change: describeChange(h), noteText: h.note ? ` (${h.note})` : '' };
}

/** Only `29:` ids, no repeats, at most 60: anything else Teams refuses or ignores. */
export function refreshUserIds(candidates: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const id of candidates) {
    if (typeof id === 'string' && /^29:\S+$/.test(id) && !out.includes(id)) out.push(id);
    if (out.length === MAX_REFRESH_USERS) break;
  }
  return out;
}

/**
 * Makes a card refresh itself for the listed users, so the lead and coordinators see their editing
 * view while everyone else keeps the read-only card.
 */
export function withRefresh(card: CardJson, ref: { id: string; version: number }, userIds: readonly string[]): CardJson {
  const ids = refreshUserIds(userIds);
  if (ids.length === 0) return card;
  return { ...card, refresh: { action: { type: 'Action.Execute', title: 'Refresh', verb: 'action.refresh', data: { id: ref.id, version: ref.version } }, userIds: ids } };
}

/** Renders, dropping list items from the end until the card fits the size budget. */
function renderTrimmed<T>(name: string, data: (items: T[], dropped: number) => object, items: readonly T[]): CardJson {
  let keep = items.length;
  for (;;) {
    const card = renderCard(name, data(items.slice(0, keep), items.length - keep));
    if (cardBytes(card) <= CARD_BUDGET_BYTES - 1024 || keep === 0) return assertCardFits(card);
    keep = Math.max(0, Math.floor(keep * 0.8));
  }
}

export interface SummaryCardOptions {
  title: string;
  asOf: string;
  footer: string;
}

export function planSummaryCard(summary: PlanSummary, options: SummaryCardOptions): CardJson {
  return assertCardFits(
    renderCard('action-plan-summary', {
      title: options.title,
      overview: `${summary.total} actions, position at ${formatDate(options.asOf)}.`,
      statusText: describeStatusCounts(summary.byStatus) || 'none',
      ragText: describeRagCounts(summary.byRag),
      overdueText: summary.overdue === 1 ? '1 action past its target date' : `${summary.overdue} actions past their target date`,
      flagText: summary.committeeFlags === 0 ? 'none' : `${summary.committeeFlags} flagged (target date slipped twice)`,
      themes: summary.themes.map((t) => ({
        theme: t.theme,
        total: t.total,
        statusText: describeStatusCounts(t.byStatus),
        ragText: describeRagCounts(t.byRag),
        overdueText: String(t.overdue),
      })),
      footer: options.footer,
    }),
  );
}

export interface ListButton {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

export interface ListCardOptions {
  title: string;
  description: string;
  footer: string;
  buttons?: ListButton[];
}

export interface ListItem {
  id: string;
  title: string;
  status: string;
  rag: string | null;
  lead: string;
  targetDate: string | null;
}

export function listItemOf(a: ActionItem, now: Date): ListItem {
  const r = ragView(a, now);
  return {
    id: a.id,
    title: a.title,
    status: STATUS_LABELS[a.status],
    rag: r ? `${r.label}${r.overridden ? ' (set by hand)' : ''}` : null,
    lead: `${a.lead.name}, ${a.leadAgency}`,
    targetDate: a.targetDate,
  };
}

export function actionListCard(items: readonly ListItem[], options: ListCardOptions): CardJson {
  return renderTrimmed(
    'action-list',
    (shown, dropped) => ({
      title: options.title,
      description: options.description,
      items: shown.map((i) => {
        const heading = `${i.id}: ${i.title.replace(/[.\s]+$/, '')}.`;
        const facts = `Status: ${i.status} · RAG: ${i.rag ?? 'not applicable (not open)'} · Lead: ${i.lead} · Target date: ${formatDate(i.targetDate)}.`;
        return { id: i.id, heading, facts, name: `${heading} ${facts} Open` };
      }),
      footer: dropped > 0 ? `${dropped} more not shown: narrow the list with a filter. ${options.footer}` : options.footer,
      buttons: (options.buttons ?? []).slice(0, 5),
    }),
    items,
  );
}

/** One row of the plan card: everything it shows, and the same words as the row's accessible name. */
function planRow(a: ActionItem, now: Date, leadOf: (a: ActionItem) => string) {
  const item = listItemOf(a, now);
  // Each line ends in a full stop: a screen reader (and axe, which joins the lines without a
  // space) then reads the row as the sentences it shows, and the name below holds them in order.
  const heading = `${a.id}: ${a.title.replace(/[.\s]+$/, '')}.`;
  const flag = isOverdue(a, now) ? `Overdue: the target date ${formatDate(a.targetDate)} has passed.` : '';
  const facts = `${[item.status, item.rag ?? 'no RAG (not open)', `Lead: ${leadOf(a)}`, `Target: ${formatDate(a.targetDate)}`].join(' · ')}.`;
  // WCAG 2.5.3: the name a screen reader announces holds the row's visible words, then what pressing does.
  const name = `${heading} ${flag ? `${flag} ` : ''}${facts} Open`;
  return { id: a.id, heading, flag, facts, name };
}

export interface PlanCardInput {
  title: string;
  description: string;
  /** A confirmation or warning shown under the description. */
  notice?: string;
  page: PlanPage;
  request: ListRequest;
  now: Date;
  /** Themes of the plan, for the filter bar. */
  themes: readonly string[];
  /** Wards (and named areas) the plan's actions target, for the filter bar. */
  areas: readonly { code: string; name: string }[];
  /** How the lead is shown ("Jo Whitfield, Chesterfield Borough Council"). */
  leadOf?: (a: ActionItem) => string;
  footer: string;
  buttons?: ListButton[];
}

/**
 * The action plan a page at a time: overdue and open first, done work folded into its own view,
 * a filter bar (theme, ward, mine, overdue) and rows that open the action. Buttons carry only the
 * filter and page: the list is read afresh when pressed.
 */
export function actionPlanCard(input: PlanCardInput): CardJson {
  const { page, request } = input;
  const f = request.filter;
  const leadOf = input.leadOf ?? ((a: ActionItem) => `${a.lead.name}, ${a.leadAgency}`);
  const at = (p: number, done = request.done) => ({ filter: f, done, page: p });
  const pager: ListButton[] = [];
  if (page.page > 1) pager.push({ title: '‹ Previous page', verb: 'action.list', data: at(page.page - 1) });
  if (page.page < page.pages) pager.push({ title: 'Next page ›', verb: 'action.list', data: at(page.page + 1) });
  const what = request.done ? 'done' : 'open';
  const first = (page.page - 1) * PLAN_PAGE_SIZE + 1;
  const pageText =
    page.total === 0
      ? ''
      : `Page ${page.page} of ${page.pages}: ${what} actions ${first}–${first + page.rows.length - 1} of ${page.total}${!request.done && page.overdue > 0 ? `, ${page.overdue} overdue (listed first)` : ''}.`;
  const fold: ListButton[] = f.status
    ? []
    : request.done
      ? [{ title: 'Show open actions', verb: 'action.list', data: at(1, false) }]
      : page.folded > 0
        ? [{ title: `Show done actions (${page.folded})`, verb: 'action.list', data: at(1, true) }]
        : [];
  const area = f.area ?? f.wardCode;
  const areaChoices = [{ title: 'Any ward', value: '*' }, ...input.areas.map((w) => ({ title: w.name, value: w.code }))];
  if (area && !areaChoices.some((c) => c.value === area)) areaChoices.push({ title: area, value: area });
  const themeChoices = [{ title: 'Any theme', value: '*' }, ...input.themes.map((t) => ({ title: t, value: t }))];
  if (f.theme && !themeChoices.some((c) => c.value === f.theme)) themeChoices.push({ title: f.theme, value: f.theme });
  const emptyText = page.total > 0 ? '' : request.done ? 'No done actions match.' : `No open actions match.${page.folded > 0 ? ' Done ones are folded away: use "Show done actions".' : ''}`;
  return renderTrimmed(
    'action-plan',
    (rows, dropped) => ({
      title: input.title,
      description: input.description,
      notice: input.notice ?? '',
      form: { theme: f.theme ?? '*', area: area ?? '*', mine: f.lead === 'me' ? 'true' : 'false', overdue: f.overdue ? 'true' : 'false' },
      themeChoices,
      areaChoices,
      applyData: { filter: f, done: request.done, apply: true },
      clearData: { filter: {}, done: request.done, page: 1 },
      pageText: dropped > 0 ? `${pageText} ${dropped} not shown on this page to keep the card small.` : pageText,
      rows: rows.map((a) => planRow(a, input.now, leadOf)),
      emptyText,
      pager,
      footer: input.footer,
      buttons: [...fold, ...(input.buttons ?? [])].slice(0, 5),
    }),
    page.rows,
  );
}

export interface DetailCardOptions {
  now: Date;
  /** Newest first; the card shows five. */
  recentHistory: readonly HistoryEntry[];
  canEdit: boolean;
  /** A coordinator's view: the Manage button (lead, target date, close, reopen). */
  canManage?: boolean;
  wardName(code: string): string;
  notice?: string;
}

export function actionDetailCard(a: ActionItem, options: DetailCardOptions): CardJson {
  const facts = [
    { title: 'Theme', value: a.theme },
    { title: 'Plan', value: a.plan },
    { title: 'Status', value: STATUS_LABELS[a.status] },
    { title: 'RAG', value: explainRag(a, options.now) },
    { title: 'Lead officer', value: a.lead.name },
    { title: 'Lead agency', value: a.leadAgency },
    { title: 'Partners', value: a.partners.join(', ') || 'none listed' },
    { title: 'Wards', value: a.wards.length ? a.wards.map((w) => `${options.wardName(w)} (${w})`).join(', ') : 'Borough-wide' },
    { title: 'Start date', value: formatDate(a.startDate) },
    { title: 'Original target date', value: formatDate(a.originalTargetDate) },
    {
      title: 'Current target date',
      value: `${formatDate(a.targetDate)}${a.targetDateReason && a.targetDate !== a.originalTargetDate ? ` (moved: ${a.targetDateReason})` : ''}`,
    },
    { title: 'Success measure', value: a.successMeasure },
    { title: 'Source', value: describeSource(a.source) },
    { title: 'Classification', value: a.classification === 'exempt' ? 'Exempt (Part 2): not for channels or group chats' : 'Public' },
  ];
  if (a.committeeFlag) facts.push({ title: 'Committee', value: `Flagged: the target date has slipped ${a.targetSlips} times` });
  const r = ragView(a, options.now);
  return assertCardFits(
    renderCard('action-detail', {
      id: a.id,
      version: a.version,
      title: a.title,
      statusLine: `${STATUS_LABELS[a.status]}${r ? ` · ${r.label}${r.overridden ? ' (set by hand)' : ''}` : ''}`,
      notice: options.notice ?? '',
      description: a.description,
      facts,
      latestUpdate: a.latestUpdate ? `${a.latestUpdate.text} (${a.latestUpdate.author}, ${formatDate(a.latestUpdate.asOf)})` : 'No progress update yet.',
      history: options.recentHistory.slice(0, 5).map(historyLine),
      canEdit: options.canEdit,
      canManage: options.canManage ?? false,
    }),
  );
}

const REQUIREMENT_HINT: Record<Requirement, string> = { none: '', reason: 'a reason', commentary: 'progress commentary', verification: 'a verification note' };

export interface EditCardOptions {
  now: Date;
  /** The moves this person may make from the current status. */
  transitions: readonly TransitionRule[];
  /** Values to fill in (a stale or refused save's input offered back). */
  form?: Record<string, string>;
  /** Why the last save was refused, shown at the top; nothing was changed. */
  problem?: string;
  /** Messages by input id, shown beside the input they are about. */
  errors?: Record<string, string>;
}

const EDIT_INPUTS = ['status', 'statusNote', 'update', 'targetDate', 'targetDateReason', 'ragOverride', 'ragOverrideReason'] as const;

function editData(a: ActionItem, options: EditCardOptions) {
  const current = { title: `${STATUS_LABELS[a.status]} (no change)`, value: a.status };
  const statusChoices = [current, ...options.transitions.map((t) => ({ title: `${STATUS_LABELS[t.to]}${t.requires === 'none' ? '' : ` – needs ${REQUIREMENT_HINT[t.requires]}`}`, value: t.to }))];
  const ragChoices = [
    { title: a.ragOverride ? `Keep as set by hand (${RAG_LABELS[a.ragOverride]})` : 'Keep as it is', value: 'keep' },
    ...(a.ragOverride ? [{ title: 'Go back to the derived RAG', value: 'none' }] : []),
    ...RAGS.map((r) => ({ title: `Set by hand: ${RAG_LABELS[r]}`, value: r })),
  ];
  const hints = [...new Set(options.transitions.filter((t) => t.requires !== 'none').map((t) => `${STATUS_LABELS[t.to]} needs ${REQUIREMENT_HINT[t.requires]}`))];
  const form = options.form ?? {};
  const r = ragView(a, options.now);
  const validStatus = statusChoices.some((c) => c.value === form.status) ? form.status : a.status;
  const validRag = ragChoices.some((c) => c.value === form.ragOverride) ? form.ragOverride : 'keep';
  const errors = Object.fromEntries(EDIT_INPUTS.map((k) => [k, options.errors?.[k] ?? '']));
  return {
    id: a.id,
    version: a.version,
    title: a.title,
    statusLine: `Now: ${STATUS_LABELS[a.status]}${r ? ` · ${r.label}` : ''}. Lead: ${a.lead.name}.`,
    problem: options.problem ? `Not saved: ${options.problem} Everything you entered is kept below.` : '',
    errors,
    noteHint: hints.length ? hints.join('; ') : 'no status change is open to you',
    targetDateText: formatDate(a.targetDate),
    ragText: r ? `now ${r.label}${r.overridden ? ', set by hand' : ''}` : 'not applicable to this status',
    statusChoices,
    ragChoices,
    limits: { note: INPUT_LIMITS.note, update: INPUT_LIMITS.update, reason: INPUT_LIMITS.reason, minDate: INPUT_LIMITS.minDate, maxDate: maxDate(options.now) },
    form: {
      status: validStatus,
      statusNote: form.statusNote ?? '',
      update: form.update ?? '',
      targetDate: form.targetDate ?? a.targetDate ?? '',
      targetDateReason: form.targetDateReason ?? '',
      ragOverride: validRag,
      ragOverrideReason: form.ragOverrideReason ?? '',
    },
  };
}

export function actionEditCard(a: ActionItem, options: EditCardOptions): CardJson {
  return assertCardFits(renderCard('action-edit', editData(a, options)));
}

export function actionHistoryCard(a: ActionItem, history: readonly HistoryEntry[]): CardJson {
  const newestFirst = [...history].reverse();
  return renderTrimmed(
    'action-history',
    (shown, dropped) => ({
      id: a.id,
      title: a.title,
      description: `${history.length} recorded changes, newest first${dropped > 0 ? `; the oldest ${dropped} are in the export (csp export actions)` : ''}.`,
      entries: shown.map((h) => ({
        change: describeChange(h),
        when: formatMoment(h.at),
        who: h.actorName,
        channel: CHANNEL_TEXT[h.channel] ?? h.channel,
        note: h.note ?? '–',
      })),
    }),
    newestFirst,
  );
}

export interface ErrorCardOptions {
  title: string;
  message: string;
  problems?: string[];
  id?: string;
  correlationId: string;
}

export function actionErrorCard(o: ErrorCardOptions): CardJson {
  return assertCardFits(
    renderCard('action-error', { title: o.title, message: o.message, problems: o.problems ?? [], id: o.id ?? '', correlationId: o.correlationId }),
  );
}

const INPUT_TITLES: Record<string, string> = {
  status: 'Status',
  statusNote: 'Note',
  update: 'Progress update',
  targetDate: 'Target date',
  targetDateReason: 'Reason for the date',
  ragOverride: 'RAG',
  ragOverrideReason: 'Reason for the RAG',
};

/**
 * A save made against an old version: what changed since, what they typed, and the edit form
 * for the latest version filled in with it.
 */
export function actionConflictCard(latest: ActionItem, staleVersion: number, changes: readonly HistoryEntry[], yours: Record<string, string>, edit: EditCardOptions): CardJson {
  const head = renderCard('action-conflict', {
    id: latest.id,
    version: latest.version,
    staleVersion,
    changes: changes.slice(-10).map(historyLine),
    yours: Object.entries(yours).map(([k, v]) => ({
      title: INPUT_TITLES[k] ?? k,
      value: k === 'status' ? (STATUS_LABELS[v as keyof typeof STATUS_LABELS] ?? v) : v.length > 300 ? `${v.slice(0, 300)}…` : v,
    })),
  });
  const form = renderCard('action-edit', editData(latest, { ...edit, form: yours }));
  const body = [...((head.body as unknown[]) ?? []), ...((form.body as unknown[]) ?? [])];
  return assertCardFits({ ...head, body, actions: form.actions });
}

/** The card for an `actions.list` or `action.detail` Answer (chat and `csp ask`). */
export function renderActionsAnswerCard(answer: Answer): CardJson {
  const items: ListItem[] = (answer.actions ?? []).map((a) => ({
    id: a.id,
    title: a.title,
    status: a.status,
    rag: a.rag,
    lead: a.leadAgency,
    targetDate: a.targetDate,
  }));
  const title = answer.intent === 'action.detail' && items.length === 1 ? `${items[0].id}: ${items[0].title}` : 'Action plan';
  const notes = [...(answer.caveats ?? []), ...(answer.sources ?? []).map((s) => `Source: ${s.name}, as of ${s.asOf}.`)];
  const buttons: ListButton[] = [
    ...(answer.intent === 'action.detail' && items.length === 1 ? [{ title: `Open ${items[0].id}`, verb: 'action.view', data: { id: items[0].id } }] : []),
    { title: 'Plan summary', verb: 'action.summary', data: {} },
    ...(answer.suggestions ?? []).slice(0, 3).map((q) => ({ title: q.length > 40 ? `${q.slice(0, 39)}…` : q, verb: 'ask', data: { question: q } })),
  ];
  return actionListCard(items, { title, description: answer.text.split("\n")[0], footer: notes.join(' '), buttons });
}

function changeWords(h: HistoryEntry): string | undefined {
  switch (h.field) {
    case 'status':
      return `status ${STATUS_LABELS[h.oldValue as keyof typeof STATUS_LABELS] ?? h.oldValue ?? '–'} → ${STATUS_LABELS[h.newValue as keyof typeof STATUS_LABELS] ?? h.newValue ?? '–'}`;
    case 'latest_update':
      return 'progress update';
    case 'target_date':
      return `target date ${formatDate(h.oldValue)} → ${formatDate(h.newValue)}`;
    case 'rag_override':
      return h.newValue ? `RAG set by hand to ${RAG_LABELS[h.newValue as keyof typeof RAG_LABELS] ?? h.newValue}` : 'RAG back to the rule';
    case 'lead':
      return `lead ${h.oldValue ?? '–'} → ${h.newValue ?? '–'}`;
    case 'lead_agency':
      return `lead agency ${h.oldValue ?? '–'} → ${h.newValue ?? '–'}`;
    case 'created':
      return 'new action';
    default:
      return undefined;
  }
}

/**
 * The confirmation after a save, in words: what was saved, the RAG now and why
 * ("Saved: progress update. RAG is now Amber – at risk: on hold.").
 */
export function savedNotice(history: readonly HistoryEntry[], next: ActionItem, now: Date): string {
  const changes = history.map(changeWords).filter((c): c is string => c !== undefined);
  const flagged = history.some((h) => h.field === 'committee_flag') ? ' The target date has now slipped twice, so this action is flagged for the committee.' : '';
  const rag = ragView(next, now) ? `RAG is now ${explainRag(next, now)}.` : `${explainRag(next, now)}.`;
  return `Saved${changes.length ? `: ${changes.join('; ')}` : ''}. ${rag}${flagged}`;
}

const FORM_LIMITS = (now: Date) => ({
  title: TITLE_MAX,
  agency: AGENCY_MAX,
  description: INPUT_LIMITS.update,
  note: INPUT_LIMITS.note,
  reason: INPUT_LIMITS.reason,
  minDate: INPUT_LIMITS.minDate,
  maxDate: maxDate(now),
});

function errorsFor(keys: readonly string[], errors: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, errors?.[k] ?? '']));
}

export interface FormCardOptions {
  now: Date;
  people: readonly KnownPerson[];
  /** What was typed, offered back after a refusal. */
  form?: Record<string, string>;
  problem?: string;
  errors?: Record<string, string>;
}

/**
 * A coordinator's "New action" form: theme, title, lead (people picker), lead agency, wards, target
 * date, partners and success measure; whether it is exempt only where exempt actions may be shown.
 */
export function actionNewCard(o: FormCardOptions & { plan: string; themes: readonly string[]; wards: readonly { code: string; name: string }[]; offerExempt?: boolean }): CardJson {
  const form = o.form ?? {};
  return assertCardFits(
    renderCard('action-new', {
      plan: o.plan,
      themesText: o.themes.length ? o.themes.join(', ') : 'none yet',
      problem: o.problem ? `Not added: ${o.problem} Everything you entered is kept below.` : '',
      errors: errorsFor(CREATE_INPUTS, o.errors),
      limits: FORM_LIMITS(o.now),
      leadPicker: peoplePicker({ id: 'lead', label: 'Lead officer', people: o.people, value: form.lead, errorMessage: 'Choose the lead officer.' }),
      wardChoices: o.wards.map((w) => ({ title: w.name, value: w.code })),
      offerExempt: o.offerExempt ?? false,
      form: {
        ...{ theme: form.theme ?? '', title: form.title ?? '', description: form.description ?? '', leadAgency: form.leadAgency ?? '', wards: form.wards ?? '', targetDate: form.targetDate ?? '' },
        ...{ partners: form.partners ?? '', successMeasure: form.successMeasure ?? '', classification: form.classification === 'exempt' ? 'exempt' : 'public' },
      },
    }),
  );
}

/** A coordinator's tools for one action: change the lead, move the target date, close or reopen. */
export function actionManageCard(a: ActionItem, o: FormCardOptions & { canClose: boolean; canReopen: boolean }): CardJson {
  const form = o.form ?? {};
  const r = ragView(a, o.now);
  const slipText =
    a.targetSlips === 0
      ? 'Moving the date later counts as a slip; a second slip flags the action for the committee.'
      : a.committeeFlag
        ? `The date has moved later ${a.targetSlips} times already: the action is flagged for the committee.`
        : 'The date has moved later once already: moving it later again flags the action for the committee.';
  return assertCardFits(
    renderCard('action-manage', {
      id: a.id,
      version: a.version,
      title: a.title,
      statusLine: `Now: ${STATUS_LABELS[a.status]}${r ? ` · ${r.label}` : ''}. Lead: ${a.lead.name}, ${a.leadAgency}.`,
      leadText: `${a.lead.name}, ${a.leadAgency}`,
      problem: o.problem ? `Not saved: ${o.problem} Everything you entered is kept below.` : '',
      errors: errorsFor(MANAGE_INPUTS, o.errors),
      limits: FORM_LIMITS(o.now),
      leadPicker: peoplePicker({ id: 'lead', label: 'New lead officer', people: o.people, value: form.lead, isRequired: false }),
      targetDateText: formatDate(a.targetDate),
      slipText,
      canMove: isOpen(a.status),
      canClose: o.canClose,
      canReopen: o.canReopen,
      form: {
        leadAgency: form.leadAgency ?? a.leadAgency,
        leadReason: form.leadReason ?? '',
        targetDate: form.targetDate ?? a.targetDate ?? '',
        targetDateReason: form.targetDateReason ?? '',
        closeNote: form.closeNote ?? '',
        reopenReason: form.reopenReason ?? '',
      },
    }),
  );
}
