import type { AppDeps } from '../deps';
import type { CardJson, InvokeOutcome, InvokeRequest, RequestContext, VerbHandler } from '../../core/turn';
import type { Query } from '../../core/query';
import type { Answer, Source } from '../../core/answer';
import type { AreaPack } from '../../domain/areas/pack';
import { areaByCode, bestFitWards, findWard, lsoasOfWard } from '../../domain/areas/resolve';
import { hasAtLeast, Role } from '../../core/roles';
import { ActionItem, formatDate, HistoryEntry, isRag, parseStatus, RAG_LABELS, STATUS_LABELS } from '../../domain/actions/model';
import { ragView, today } from './rag';
import { leadAgencyMatches } from '../../ask/agencies';
import { ActionListFilter, filterActions, matchTitle } from './filters';
import { describeRagCounts, planSummary, toActionSummary } from './summary';
import { allowedTransitions, applyEdit, canEdit, describeChange, Editor } from './workflow';
import { CardListFilter, parseListFilter, parseRef, parseSave, parseVersionedRef, rawInputs } from './input';
import { ActionRepo } from '../../store/actionRepo';
import { PersonRepo } from '../../store/personRepo';
import { RoleRepo } from '../../store/roleRepo';
import {
  actionConflictCard,
  actionDetailCard,
  actionEditCard,
  actionErrorCard,
  actionHistoryCard,
  actionListCard,
  listItemOf,
  planSummaryCard,
  refreshUserIds,
  withRefresh,
} from './cards';

/** Shown on every plan answer so a reader knows where the position comes from. */
const PLAN_SOURCE = 'Partnership action plan (kept in this bot)';
const DEMO_CAVEAT = 'Sample data: this is the demo partnership’s action plan, not a live record.';
const EXEMPT_CAVEAT = 'Exempt (Part 2) items are not listed here: they are shown only in a personal chat with the bot, to partnership officers and coordinators.';


/** The role is the one the bot resolved from the store for this turn, never anything the card carries. */
function editorOf(ctx: RequestContext): Editor {
  return { aadObjectId: ctx.actor.aadObjectId, name: ctx.actor.name, role: ctx.actor.role };
}

/** Exempt items only in a personal chat, and only to someone above member. */
function mayViewExempt(ctx: RequestContext, role: Role): boolean {
  return ctx.conversation.type === 'personal' && hasAtLeast(role, 'officer');
}

/** Whether exempt actions may be listed to this person in this conversation. */
export function seesExemptActions(ctx: RequestContext): boolean {
  return mayViewExempt(ctx, ctx.actor.role);
}

function visible(action: ActionItem, ctx: RequestContext, role: Role): boolean {
  return action.classification !== 'exempt' || mayViewExempt(ctx, role);
}

/**
 * Ward codes an area stands for, in every ward set: the plan records wards in the set in force
 * when it was written (2015–2023 codes for 2020–21), while people may name today's wards. A ward
 * or a named group is matched through its LSOAs to the wards holding them in each set; the
 * district stands for no filter (undefined).
 */
export function wardCodesOfArea(pack: AreaPack, code: string): string[] | undefined {
  const area = areaByCode(pack, code);
  if (!area || area.type === 'district') return undefined;
  let lsoas: string[];
  if (area.type === 'ward') {
    const found = findWard(pack, code);
    lsoas = found ? lsoasOfWard(found.set, code) : [];
  } else {
    lsoas = pack.groups.find((g) => g.code === code)?.lsoas ?? [];
  }
  const wards = new Set<string>(area.type === 'ward' ? [code] : []);
  for (const set of pack.wardSets) {
    const fit = bestFitWards(set);
    for (const lsoa of lsoas) {
      const w = fit.get(lsoa);
      if (w) wards.add(w);
    }
  }
  return [...wards];
}

function wardNamer(pack: AreaPack): (code: string) => string {
  return (code) => findWard(pack, code)?.ward.name ?? code;
}

// ───────────────────────────── chat answers ─────────────────────────────

function describeFilter(f: ActionListFilter, areaName: string | undefined, mine: boolean, leadAgencyAsked?: string): string {
  const parts: string[] = [];
  if (f.overdue) parts.push('overdue');
  if (f.rag) parts.push(RAG_LABELS[f.rag]);
  if (f.rags) parts.push(f.rags.map((r) => RAG_LABELS[r]).join(' or '));
  if (f.status) parts.push(STATUS_LABELS[f.status].toLowerCase());
  let text = parts.length ? `${parts.join(', ')} actions` : 'actions';
  text = text.charAt(0).toUpperCase() + text.slice(1);
  if (mine) text = `Your ${text.toLowerCase()}`;
  if (f.theme) text += ` on ${f.theme}`;
  if (areaName) text += ` in ${areaName}`;
  if (f.leadName) text += ` led by ${f.leadName}`;
  if (f.leadAgency && leadAgencyAsked) text += ` led by ${leadAgencyAsked}`;
  if (f.changedSince) text += ` changed since ${formatDate(f.changedSince)}`;
  return text;
}

function line(a: ActionItem, now: Date): string {
  const r = ragView(a, now);
  return `${a.id} ${a.title} – ${STATUS_LABELS[a.status]}${r ? `, ${r.label}` : ''}; lead ${a.lead.name} (${a.leadAgency}); target ${formatDate(a.targetDate)}`;
}

/**
 * Answers the action-plan intents as plain data (`actions.list`, `action.detail`): the same object
 * `csp ask --json` prints and the card is drawn from.
 */
export async function answerActions(query: Query, ctx: RequestContext, deps: AppDeps): Promise<Answer> {
  const repo = new ActionRepo(deps.store);
  const role = ctx.actor.role;
  const now = ctx.now;
  const plan = await (await deps.snapshots.ofTurn(ctx)).plan();
  const all = plan.items;
  const includeExempt = mayViewExempt(ctx, role);
  const shown = all.filter((a) => visible(a, ctx, role));
  const caveats: string[] = [];
  if (plan.demo) caveats.push(DEMO_CAVEAT);
  if (!includeExempt && all.some((a) => a.classification === 'exempt')) caveats.push(EXEMPT_CAVEAT);
  const sources: Source[] = [{ name: PLAN_SOURCE, asOf: today(now) }];

  if (query.intent === 'action.detail') {
    const asked = query.actionTitle ?? query.text;
    const matches = matchTitle(shown, asked);
    if (matches.length === 0) {
      return {
        intent: 'action.detail',
        actions: [],
        text: `I could not find an action matching “${asked}” in the plan.`,
        sources,
        caveats,
        suggestions: ['show the action plan', 'overdue actions'],
      };
    }
    const best = matches[0];
    const close = matches.filter((m) => m.score >= best.score - 0.1);
    if (close.length > 1 && best.score < 1) {
      return {
        intent: 'action.detail',
        actions: close.slice(0, 5).map((m) => toActionSummary(m.action, now)),
        text: `${close.length} actions match “${asked}”: ${close.slice(0, 5).map((m) => `${m.action.id} ${m.action.title}`).join('; ')}. Which one?`,
        sources,
        caveats,
        suggestions: close.slice(0, 3).map((m) => `status of ${m.action.id}`),
      };
    }
    const a = best.action;
    const r = ragView(a, now);
    const update = a.latestUpdate ? ` Latest update (${a.latestUpdate.author}, ${formatDate(a.latestUpdate.asOf)}): ${a.latestUpdate.text}` : ' No progress update yet.';
    return {
      intent: 'action.detail',
      actions: [toActionSummary(a, now)],
      text:
        `${a.id} ${a.title}: ${STATUS_LABELS[a.status]}${r ? `, ${r.label} (${r.reason})` : ''}. ` +
        `Led by ${a.lead.name} (${a.leadAgency}); target date ${formatDate(a.targetDate)}` +
        `${a.targetDate !== a.originalTargetDate ? `, originally ${formatDate(a.originalTargetDate)}` : ''}.${update}` +
        `${a.committeeFlag ? ' Flagged for the committee: the target date has slipped twice.' : ''}`,
      sources,
      caveats,
      suggestions: ['overdue actions', 'my actions', 'show the action plan'],
    };
  }

  const f = query.actions ?? {};
  const filter: ActionListFilter = { includeExempt };
  let areaName: string | undefined;
  const areaCode = f.wardCode ?? f.areaCode ?? (query.area && query.area.type !== 'district' ? query.area.code : undefined);
  if (areaCode) {
    filter.wardCodes = wardCodesOfArea(deps.pack, areaCode) ?? [areaCode];
    areaName = areaByCode(deps.pack, areaCode)?.name ?? query.area?.name ?? areaCode;
  }
  if (f.areaCodes && f.areaCodes.length > 1) {
    // "actions in Rother and Dunston": any of the areas named.
    filter.wardCodes = [...new Set(f.areaCodes.flatMap((c) => wardCodesOfArea(deps.pack, c) ?? [c]))];
    areaName = f.areaCodes.map((c) => areaByCode(deps.pack, c)?.name ?? c).join(' or ');
  }
  if (f.rags && f.rags.length > 1) filter.rags = f.rags.filter(isRag);
  if (f.leadAgency) {
    const asked = f.leadAgency;
    filter.leadAgency = (name) => leadAgencyMatches(asked, name);
  }
  if (f.theme) filter.theme = f.theme;
  if (f.status) filter.status = parseStatus(f.status);
  if (f.rag && isRag(f.rag)) filter.rag = f.rag;
  const mine = f.lead === 'me';
  if (mine) filter.leadAadObjectId = ctx.actor.aadObjectId;
  else if (f.lead) filter.leadName = f.lead;
  if (f.overdue) filter.overdue = true;
  if (f.changedSince) filter.changedSince = f.changedSince;
  else if (query.period && (query.period.kind === 'since' || query.period.kind === 'range')) {
    // "what changed since March": a month means its first day.
    const from = query.period.from;
    filter.changedSince = /^\d{4}-\d{2}$/.test(from) ? `${from}-01` : from;
  }
  const history = filter.changedSince ? await repo.historySince(filter.changedSince) : [];
  const hits = filterActions(all, filter, now, history).sort((a, b) => (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999') || a.id.localeCompare(b.id));
  const heading = describeFilter(filter, areaName, mine, f.leadAgency);
  const unfiltered = Object.keys(filter).length === 1;

  let text: string;
  if (unfiltered) {
    const s = planSummary(shown, now);
    text = `The ${shown[0]?.plan ?? ''} action plan has ${s.total} actions: ${describeRagCounts(s.byRag)}; ${s.overdue} overdue.`.replace('The  action', 'The action');
  } else if (hits.length === 0) {
    text = `${heading}: none.`;
  } else {
    text = `${heading}: ${hits.length}.`;
  }
  const lines = hits.map((a) => line(a, now));
  if (filter.changedSince) {
    const visibleIds = new Set(hits.map((a) => a.id));
    const changes = history.filter((h: HistoryEntry) => visibleIds.has(h.actionId));
    lines.push(...changes.slice(-15).map((h) => `${h.at.slice(0, 10)} ${h.actionId}: ${describeChange(h)} (${h.actorName})`));
  }
  if (lines.length) text += `\n${lines.join('\n')}`;
  const suggestions = unfiltered ? ['overdue actions', 'red actions', 'my actions'] : ['show the action plan', ...(f.overdue ? ['red actions'] : ['overdue actions'])];
  return { intent: 'actions.list', actions: hits.map((a) => toActionSummary(a, now)), text, sources, caveats, suggestions };
}

// ───────────────────────────── card verbs ─────────────────────────────

interface VerbContext {
  deps: AppDeps;
  ctx: RequestContext;
  editor: Editor;
  repo: ActionRepo;
  now: Date;
}

/** The lead and every coordinator and admin we know a Teams id for: they get the editing view. */
async function editorsOf(action: ActionItem, v: VerbContext): Promise<string[]> {
  const roles = new RoleRepo(v.deps.store);
  const people = new PersonRepo(v.deps.store);
  const coordinators = [...(await roles.withRole('coordinator')), ...(await roles.withRole('admin'))].map((g) => g.aadObjectId);
  const aadIds = [...(action.lead.aadObjectId ? [action.lead.aadObjectId] : []), ...coordinators, ...v.deps.config.CSP_ADMINS];
  const known = await people.teamsUserIds([...new Set(aadIds)]);
  return refreshUserIds([action.lead.teamsUserId, ...known]);
}

async function detailFor(action: ActionItem, v: VerbContext, asEditor: boolean, notice?: string): Promise<CardJson> {
  const recent = await v.repo.recentHistory(action.id, 5);
  return actionDetailCard(action, { now: v.now, recentHistory: recent, canEdit: asEditor, wardName: wardNamer(v.deps.pack), notice });
}

/** The card this person should see for an action, refreshing itself so editors get their view. */
async function userDetail(action: ActionItem, v: VerbContext, notice?: string): Promise<CardJson> {
  const card = await detailFor(action, v, canEdit(v.editor, action), notice);
  return withRefresh(card, action, await editorsOf(action, v));
}

async function refuse(
  v: VerbContext,
  event: 'refused' | 'invalid' | 'not_found',
  verb: string,
  title: string,
  message: string,
  extra: { id?: string; problems?: string[]; data?: unknown } = {},
): Promise<InvokeOutcome> {
  const detail = {
    verb,
    id: extra.id ?? null,
    message,
    problems: extra.problems ?? [],
    conversation: v.ctx.conversation.type,
    role: v.editor.role,
    correlationId: v.ctx.correlationId,
    // What they typed is kept short in the audit trail: enough to see what was attempted.
    inputs: Object.fromEntries(Object.entries(rawInputs(extra.data)).map(([k, val]) => [k, val.slice(0, 200)])),
  };
  v.deps.log.warn({ ...detail, actor: v.ctx.actor.aadObjectId }, `action invoke ${event}`);
  await v.repo.audit(`action.${event}`, v.ctx.actor.aadObjectId, detail, v.now);
  return { kind: 'card', card: actionErrorCard({ title, message, problems: extra.problems, id: event === 'not_found' ? undefined : extra.id, correlationId: v.ctx.correlationId }) };
}

async function load(v: VerbContext, verb: string, id: string): Promise<ActionItem | InvokeOutcome> {
  const action = await v.repo.get(id);
  if (!action || !visible(action, v.ctx, v.editor.role)) {
    return refuse(v, 'not_found', verb, 'Action not available', `There is no action ${id} that can be shown here.`, { id });
  }
  return action;
}

function isOutcome(x: ActionItem | InvokeOutcome): x is InvokeOutcome {
  return 'kind' in x;
}

function filterFromCard(f: CardListFilter, v: VerbContext): ActionListFilter {
  return {
    includeExempt: mayViewExempt(v.ctx, v.editor.role),
    theme: f.theme,
    wardCodes: f.wardCode ? [f.wardCode] : undefined,
    status: f.status,
    rag: f.rag,
    leadAadObjectId: f.lead === 'me' ? v.ctx.actor.aadObjectId : undefined,
    overdue: f.overdue,
  };
}

async function footerFor(v: VerbContext): Promise<string> {
  const notes = [`Position at ${formatDate(today(v.now))}.`];
  if (await v.repo.isDemo()) notes.push(DEMO_CAVEAT);
  if (!mayViewExempt(v.ctx, v.editor.role)) notes.push('Exempt (Part 2) items are shown only in a personal chat.');
  return notes.join(' ');
}

type ActionVerb = (req: InvokeRequest, v: VerbContext) => Promise<InvokeOutcome>;

/** The plan as this turn reads it, as chat reads it: a save reads and checks the stored row instead. */
async function planOf(v: VerbContext): Promise<readonly ActionItem[]> {
  return (await (await v.deps.snapshots.ofTurn(v.ctx)).plan()).items;
}

const summaryVerb: ActionVerb = async (_req, v) => {
  const all = (await planOf(v)).filter((a) => visible(a, v.ctx, v.editor.role));
  return {
    kind: 'card',
    card: planSummaryCard(planSummary(all, v.now), { title: `Action plan ${all[0]?.plan ?? ''}`.trim(), asOf: today(v.now), footer: await footerFor(v) }),
  };
};

const listVerb: ActionVerb = async (req, v) => {
  const p = parseListFilter(req.data);
  if (!p.ok) return refuse(v, 'invalid', req.verb, 'That filter is not valid', 'The list could not be filtered that way.', { problems: p.problems });
  const filter = filterFromCard(p.value, v);
  const hits = filterActions(await planOf(v), filter, v.now);
  const heading = describeFilter({ ...filter }, filter.wardCodes ? wardNamer(v.deps.pack)(filter.wardCodes[0]) : undefined, p.value.lead === 'me');
  return {
    kind: 'card',
    card: actionListCard(
      hits.map((a) => listItemOf(a, v.now)),
      {
        title: heading,
        description: hits.length === 0 ? 'None.' : `${hits.length} action${hits.length === 1 ? '' : 's'}. Select one to open it.`,
        footer: await footerFor(v),
        buttons: [{ title: 'Plan summary', verb: 'action.summary', data: {} }],
      },
    ),
  };
};

/** `action.view` and `action.refresh`: this person's view of one action. */
const viewVerb: ActionVerb = async (req, v) => {
  const p = parseRef(req.data);
  if (!p.ok) return refuse(v, 'invalid', req.verb, 'That card is not valid', 'The card did not name an action.', { problems: p.problems });
  const action = await load(v, req.verb, p.value.id);
  if (isOutcome(action)) return action;
  // An automatic refresh returns this person's view only: sending or updating here would loop.
  return { kind: 'card', card: await userDetail(action, v) };
};

const historyVerb: ActionVerb = async (req, v) => {
  const p = parseRef(req.data);
  if (!p.ok) return refuse(v, 'invalid', req.verb, 'That card is not valid', 'The card did not name an action.', { problems: p.problems });
  const action = await load(v, req.verb, p.value.id);
  if (isOutcome(action)) return action;
  return { kind: 'card', card: actionHistoryCard(action, await v.repo.history(action.id)) };
};

const editVerb: ActionVerb = async (req, v) => {
  const p = parseVersionedRef(req.data);
  if (!p.ok) return refuse(v, 'invalid', req.verb, 'That card is not valid', 'The card did not name an action and version.', { problems: p.problems });
  const action = await load(v, req.verb, p.value.id);
  if (isOutcome(action)) return action;
  if (!canEdit(v.editor, action)) {
    return refuse(v, 'refused', req.verb, 'You cannot edit this action', editRefusal(v.editor, action), { id: action.id });
  }
  return { kind: 'card', card: actionEditCard(action, { now: v.now, transitions: allowedTransitions(v.editor, action) }) };
};

function editRefusal(editor: Editor, action: ActionItem): string {
  if (editor.role === 'member') return 'Members can read the action plan but not change it.';
  return `Only the lead officer (${action.lead.name}) or a coordinator can update ${action.id}.`;
}

const saveVerb: ActionVerb = async (req, v) => {
  const parsed = parseSave(req.data, v.now);
  const rawId = typeof (req.data as { id?: unknown })?.id === 'string' ? ((req.data as { id: string }).id.slice(0, 40)) : undefined;
  if (!parsed.ok) {
    return refuse(v, 'invalid', req.verb, 'Some of what you entered cannot be saved', 'Please correct this and try again:', { id: rawId, problems: parsed.problems, data: req.data });
  }
  const input = parsed.value;
  const current = await load(v, req.verb, input.id);
  if (isOutcome(current)) return current;
  if (!canEdit(v.editor, current)) {
    return refuse(v, 'refused', req.verb, 'You cannot change this action', editRefusal(v.editor, current), { id: current.id, data: req.data });
  }
  if (input.version !== current.version) return conflict(current, input.version, input.raw, v);
  const result = applyEdit(current, input.edit, v.editor, v.now, 'teams');
  if (!result.ok) {
    const event = result.code === 'forbidden' ? 'refused' : 'invalid';
    const title = result.code === 'forbidden' ? 'You cannot make this change' : result.code === 'no_change' ? 'Nothing to save' : 'This change cannot be saved';
    return refuse(v, event, req.verb, title, result.message, { id: current.id, data: req.data });
  }
  const outcome = await v.repo.save(result.next, current.version, result.history);
  if (outcome === 'stale') {
    const latest = await v.repo.get(current.id);
    if (latest) return conflict(latest, input.version, input.raw, v);
  }
  if (outcome !== 'saved') return refuse(v, 'not_found', req.verb, 'Action not available', `Action ${current.id} no longer exists.`, { id: current.id });
  v.deps.log.info({ id: current.id, version: result.next.version, fields: result.history.map((h) => h.field), actor: v.ctx.actor.aadObjectId }, 'action saved');
  const editors = await editorsOf(result.next, v);
  const notice = result.committeeFlagRaised ? 'Saved. The target date has now slipped twice, so this action is flagged for the committee.' : 'Saved.';
  const mine = withRefresh(await detailFor(result.next, v, canEdit(v.editor, result.next), notice), result.next, editors);
  // Everyone else sees the read-only card; the refresh gives the lead and coordinators their view.
  const everyone = withRefresh(await detailFor(result.next, v, false), result.next, editors);
  return { kind: 'card', card: mine, updateOriginal: everyone };
};

async function conflict(latest: ActionItem, staleVersion: number, yours: Record<string, string>, v: VerbContext): Promise<InvokeOutcome> {
  const changes = await v.repo.historyAfter(latest.id, staleVersion);
  const detail = { verb: 'action.save', id: latest.id, staleVersion, currentVersion: latest.version, correlationId: v.ctx.correlationId };
  v.deps.log.info({ ...detail, actor: v.ctx.actor.aadObjectId }, 'action save on a stale version');
  await v.repo.audit('action.stale', v.ctx.actor.aadObjectId, detail, v.now);
  return {
    kind: 'card',
    card: actionConflictCard(latest, staleVersion, changes, yours, { now: v.now, transitions: allowedTransitions(v.editor, latest) }),
  };
}

const VERBS: Record<string, ActionVerb> = {
  'action.summary': summaryVerb,
  'action.list': listVerb,
  'action.view': viewVerb,
  'action.refresh': viewVerb,
  'action.history': historyVerb,
  'action.edit': editVerb,
  'action.save': saveVerb,
};

/**
 * The card verbs of the action plan: summary, list, view, refresh, history, edit, save. Whoever
 * presses is checked by AAD object id and the role the bot resolved from the store; card data
 * carries only ids and a version.
 */
export function actionVerbs(deps: AppDeps): Record<string, VerbHandler> {
  const verbs: Record<string, VerbHandler> = {};
  for (const [name, verb] of Object.entries(VERBS)) {
    verbs[name] = (req, ctx) => verb(req, { deps, ctx, editor: editorOf(ctx), repo: new ActionRepo(deps.store), now: ctx.now });
  }
  return verbs;
}

const CLOSED = /^(completed|closed|cancelled|carried forward)/i;

/** Open actions of the plan tagged to an area (a ward, or a group through its wards): listed under its figures. */
export async function openActionsIn(area: NonNullable<Answer['area']>, ctx: RequestContext, deps: AppDeps): Promise<Answer['actions']> {
  const listed = await answerActions({ intent: 'actions.list', text: `actions in ${area.name}`, area, actions: { areaCode: area.code } }, ctx, deps);
  return (listed.actions ?? []).filter((a) => !CLOSED.test(a.status));
}
