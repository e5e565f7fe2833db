import { partnershipOf, type AppDeps } from '../deps';
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
import { allowedTransitions, applyEdit, canEdit, describeChange, Editor, isCoordinator } from './workflow';
import { manageVerbs } from './manage';
import { CardListFilter, ListRequest, parseListRequest, parseRef, parseSave, parseVersionedRef, rawInputs } from './input';
import { ActionRepo } from '../../store/actionRepo';
import { planPage } from './planView';
import { PersonRepo } from '../../store/personRepo';
import { RoleRepo } from '../../store/roleRepo';
import {
  actionConflictCard,
  actionDetailCard,
  actionEditCard,
  actionErrorCard,
  actionHistoryCard,
  actionPlanCard,
  ListButton,
  planSummaryCard,
  refreshUserIds,
  savedNotice,
  withRefresh,
} from './cards';

const isCoordinatorRole = (role: Role) => hasAtLeast(role, 'coordinator');

/** Shown on every plan answer so a reader knows where the position comes from. */
const PLAN_SOURCE = 'Partnership action plan (kept in this bot)';
const DEMO_CAVEAT = 'Sample data: this is the demo partnership’s action plan, not a live record.';
const EXEMPT_CAVEAT = 'Exempt (Part 2) items are not listed here: they are shown only in a personal chat with the bot, to partnership officers and coordinators.';


/**
 * What a partnership with no plan in the store is told, rather than "0 actions" (which would say
 * the plan is empty) or another partnership's plan.
 */
export function noPlanLoaded(partnershipName: string): string {
  return (
    `No action plan is loaded for the ${partnershipName} partnership yet. A coordinator loads it from the partnership's tracker ` +
    `(.xlsx or .csv) with \`csp actions import <tracker file> --partnership "${partnershipName}"\`.`
  );
}

function noPlanAnswer(query: Query, deps: AppDeps): Answer {
  return { intent: query.intent === 'action.detail' ? 'action.detail' : 'actions.list', actions: [], text: noPlanLoaded(deps.pack.district.name), caveats: [], suggestions: ['help'] };
}

/** The role is the one the bot resolved from the store for this turn, never anything the card carries. */
function editorOf(ctx: RequestContext): Editor {
  return { aadObjectId: ctx.actor.aadObjectId, name: ctx.actor.name, role: ctx.actor.role };
}

/** Exempt items only in a personal chat, and only to someone above member. */
export function mayViewExempt(ctx: RequestContext, role: Role): boolean {
  return ctx.conversation.type === 'personal' && hasAtLeast(role, 'officer');
}

/** Whether exempt actions may be listed to this person in this conversation. */
export function seesExemptActions(ctx: RequestContext): boolean {
  return mayViewExempt(ctx, ctx.actor.role);
}

export function visible(action: ActionItem, ctx: RequestContext, role: Role): boolean {
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

export function wardNamer(pack: AreaPack): (code: string) => string {
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
  if (f.noLead) text += ' with no lead officer named';
  if (f.flagged) text += ' flagged for the committee (target date moved twice)';
  if (f.dueFrom && f.dueTo) text += ` due between ${formatDate(f.dueFrom)} and ${formatDate(f.dueTo)}`;
  return text;
}

function line(a: ActionItem, now: Date): string {
  const r = ragView(a, now);
  return `${a.id} ${a.title} – ${STATUS_LABELS[a.status]}${r ? `, ${r.label}` : ''}; ${a.lead.name.trim() ? `lead ${a.lead.name}` : 'no lead officer named'} (${a.leadAgency}); target ${formatDate(a.targetDate)}`;
}

/** The list filter a chat question asks for, in the words and codes a card button can carry. */
export function cardFilterOfQuery(query: Query): CardListFilter {
  const f = query.actions ?? {};
  const out: CardListFilter = {};
  const areaCode = f.wardCode ?? f.areaCode ?? (query.area && query.area.type !== 'district' ? query.area.code : undefined);
  if (f.areaCodes && f.areaCodes.length > 1) out.areas = f.areaCodes.slice(0, 8);
  else if (areaCode) out.area = areaCode;
  if (f.rags && f.rags.length > 1) out.rags = f.rags.filter(isRag);
  else if (f.rag && isRag(f.rag)) out.rag = f.rag;
  if (f.leadAgency) out.leadAgency = f.leadAgency;
  if (f.theme) out.theme = f.theme;
  const status = f.status ? parseStatus(f.status) : undefined;
  if (status) out.status = status;
  if (f.lead === 'me') out.lead = 'me';
  else if (f.lead) out.leadName = f.lead;
  if (f.overdue) out.overdue = true;
  if (f.noLead) out.noLead = true;
  if (f.flagged) out.flagged = true;
  if (f.dueFrom && f.dueTo) {
    out.dueFrom = f.dueFrom;
    out.dueTo = f.dueTo;
  }
  if (f.changedSince) out.changedSince = f.changedSince;
  else if (!out.dueFrom && query.period && (query.period.kind === 'since' || query.period.kind === 'range')) {
    // "what changed since March": a month means its first day.
    const from = query.period.from;
    out.changedSince = /^\d{4}-\d{2}$/.test(from) ? `${from}-01` : from;
  }
  return out;
}

/** Turns a carried filter into the plan filter: areas to the ward codes of every ward set, "me" to the asker. */
export function resolveFilter(f: CardListFilter, askerAad: string, includeExempt: boolean, pack: AreaPack): { filter: ActionListFilter; areaName?: string } {
  const filter: ActionListFilter = { includeExempt };
  let areaName: string | undefined;
  const areaCode = f.area ?? f.wardCode;
  if (f.areas && f.areas.length > 0) {
    // "actions in Rother and Dunston": any of the areas named.
    filter.wardCodes = [...new Set(f.areas.flatMap((c) => wardCodesOfArea(pack, c) ?? [c]))];
    areaName = f.areas.map((c) => areaByCode(pack, c)?.name ?? c).join(' or ');
  } else if (areaCode) {
    const codes = wardCodesOfArea(pack, areaCode);
    // The district stands for the whole plan; a code the pack does not know matches only itself.
    if (codes || !areaByCode(pack, areaCode)) filter.wardCodes = codes ?? [areaCode];
    areaName = areaByCode(pack, areaCode)?.name ?? areaCode;
  }
  if (f.rags) filter.rags = f.rags;
  if (f.rag) filter.rag = f.rag;
  if (f.leadAgency) {
    const asked = f.leadAgency;
    filter.leadAgency = (name) => leadAgencyMatches(asked, name);
  }
  if (f.theme) filter.theme = f.theme;
  if (f.status) filter.status = f.status;
  if (f.lead === 'me') filter.leadAadObjectId = askerAad;
  else if (f.leadName) filter.leadName = f.leadName;
  if (f.overdue) filter.overdue = true;
  if (f.changedSince) filter.changedSince = f.changedSince;
  if (f.noLead) filter.noLead = true;
  if (f.flagged) filter.flagged = true;
  if (f.dueFrom && f.dueTo) {
    filter.dueFrom = f.dueFrom;
    filter.dueTo = f.dueTo;
  }
  return { filter, areaName };
}

/**
 * Answers the action-plan intents as plain data (`actions.list`, `action.detail`): the same object
 * `csp ask --json` prints and the card is drawn from.
 */
export async function answerActions(query: Query, ctx: RequestContext, deps: AppDeps): Promise<Answer> {
  const repo = new ActionRepo(deps.store, partnershipOf(deps));
  const role = ctx.actor.role;
  const now = ctx.now;
  const plan = await (await deps.snapshots.ofTurn(ctx)).plan(partnershipOf(deps));
  const all = plan.items;
  if (all.length === 0) return noPlanAnswer(query, deps);
  const includeExempt = mayViewExempt(ctx, role);
  const shown = all.filter((a) => visible(a, ctx, role));
  const caveats: string[] = [];
  if (plan.demo) caveats.push(DEMO_CAVEAT);
  if (!includeExempt && all.some((a) => a.classification === 'exempt')) caveats.push(EXEMPT_CAVEAT);
  const sources: Source[] = [{ name: PLAN_SOURCE, asOf: today(now) }];

  if (query.intent === 'action.detail') {
    // How the question was read leads the text, as crime answers' do, so that the action's card carries it too.
    const read = (a: Answer): Answer => (query.note && !a.text.includes(query.note) ? { ...a, text: `${query.note} ${a.text}` } : a);
    const asked = query.actionTitle ?? query.text;
    const matches = matchTitle(shown, asked);
    if (matches.length === 0) {
      return read({
        intent: 'action.detail',
        actions: [],
        text: `I could not find an action matching “${asked}” in the plan.`,
        sources,
        caveats,
        suggestions: ['show the action plan', 'overdue actions'],
      });
    }
    const best = matches[0];
    const close = matches.filter((m) => m.score >= best.score - 0.1);
    if (close.length > 1 && best.score < 1) {
      return read({
        intent: 'action.detail',
        actions: close.slice(0, 5).map((m) => toActionSummary(m.action, now)),
        text: `${close.length} actions match “${asked}”: ${close.slice(0, 5).map((m) => `${m.action.id} ${m.action.title}`).join('; ')}. Which one?`,
        sources,
        caveats,
        suggestions: close.slice(0, 3).map((m) => `status of ${m.action.id}`),
      });
    }
    const a = best.action;
    const r = ragView(a, now);
    const update = a.latestUpdate ? ` Latest update (${a.latestUpdate.author}, ${formatDate(a.latestUpdate.asOf)}): ${a.latestUpdate.text}` : ' No progress update yet.';
    return read({
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
    });
  }

  const cardFilter = cardFilterOfQuery(query);
  const { filter, areaName } = resolveFilter(cardFilter, ctx.actor.aadObjectId, includeExempt, deps.pack);
  const mine = cardFilter.lead === 'me';
  const f = query.actions ?? {};
  const history = filter.changedSince ? await repo.historySince(filter.changedSince) : [];
  const hits = filterActions(all, filter, now, history).sort((a, b) => (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999') || a.id.localeCompare(b.id));
  const heading = describeFilter(filter, areaName, mine, cardFilter.leadAgency);
  const unfiltered = Object.keys(filter).length === 1;

  let text: string;
  if (unfiltered) {
    const s = planSummary(shown, now);
    text = `The ${shown[0]?.plan ?? ''} action plan has ${s.total} actions: ${describeRagCounts(s.byRag)}; ${s.overdue} overdue.`.replace('The  action', 'The action');
  } else if (hits.length === 0) {
    text = unknownTheme(shown, filter, now) ?? `${heading}: none.`;
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

/** A theme the plan does not have is said so, with the themes it has: "none" would read as none yet. */
function unknownTheme(shown: readonly ActionItem[], filter: ActionListFilter, now: Date): string | undefined {
  if (!filter.theme || filterActions(shown, { includeExempt: true, theme: filter.theme }, now).length > 0) return undefined;
  const themes = [...new Set(shown.map((a) => a.theme).filter((t) => t.trim() !== ''))].sort();
  return `The plan has no theme called “${filter.theme}”. Its themes are: ${themes.join('; ')}.`;
}

/**
 * A chat question about the plan, with its card: a list is the paged plan card (open and overdue
 * first, done work folded away); a single action or a choice between a few is the answer's own card.
 */
export async function answerActionsWithCard(query: Query, ctx: RequestContext, deps: AppDeps): Promise<Answer | { answer: Answer; card: CardJson }> {
  const answer = await answerActions(query, ctx, deps);
  // No plan: the answer says so, with no plan card to page through.
  if (query.intent !== 'actions.list' || (await (await deps.snapshots.ofTurn(ctx)).plan(partnershipOf(deps))).items.length === 0) return answer;
  const asks: ListButton[] = (answer.suggestions ?? []).slice(0, 2).map((q) => ({ title: q.length > 40 ? `${q.slice(0, 39)}…` : q, verb: 'ask', data: { question: q } }));
  // How the question was read ("Taking "before Christmas" as …") heads the card, as it heads the text.
  const card = await planCard({ filter: cardFilterOfQuery(query), done: false, page: 1 }, ctx, deps, { buttons: asks, notice: query.note });
  return { answer, card };
}

// ───────────────────────────── card verbs ─────────────────────────────

export interface VerbContext {
  deps: AppDeps;
  ctx: RequestContext;
  editor: Editor;
  repo: ActionRepo;
  now: Date;
}

/** The lead and every coordinator and admin we know a Teams id for: they get the editing view. */
export async function editorsOf(action: ActionItem, v: VerbContext): Promise<string[]> {
  const roles = new RoleRepo(v.deps.store);
  const people = new PersonRepo(v.deps.store);
  const coordinators = [...(await roles.withRole('coordinator')), ...(await roles.withRole('admin'))].map((g) => g.aadObjectId);
  const aadIds = [...(action.lead.aadObjectId ? [action.lead.aadObjectId] : []), ...coordinators, ...v.deps.config.CSP_ADMINS];
  const known = await people.teamsUserIds([...new Set(aadIds)]);
  return refreshUserIds([action.lead.teamsUserId, ...known]);
}

async function detailFor(action: ActionItem, v: VerbContext, asEditor: boolean, notice?: string): Promise<CardJson> {
  const recent = await v.repo.recentHistory(action.id, 5);
  return actionDetailCard(action, { now: v.now, recentHistory: recent, canEdit: asEditor, canManage: asEditor && isCoordinator(v.editor), wardName: wardNamer(v.deps.pack), notice });
}

/** The card this person should see for an action, refreshing itself so editors get their view. */
async function userDetail(action: ActionItem, v: VerbContext, notice?: string): Promise<CardJson> {
  const card = await detailFor(action, v, canEdit(v.editor, action), notice);
  return withRefresh(card, action, await editorsOf(action, v));
}

type RefusalEvent = 'refused' | 'invalid' | 'not_found';
interface RefusalExtra {
  id?: string;
  problems?: string[];
  data?: unknown;
}

/** Logs and audits a refused or invalid attempt: what was asked, by whom, and what they typed (shortened). */
export async function recordRefusal(v: VerbContext, event: RefusalEvent, verb: string, message: string, extra: RefusalExtra): Promise<void> {
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
}

export async function refuse(v: VerbContext, event: RefusalEvent, verb: string, title: string, message: string, extra: RefusalExtra = {}): Promise<InvokeOutcome> {
  await recordRefusal(v, event, verb, message, extra);
  return { kind: 'card', card: actionErrorCard({ title, message, problems: extra.problems, id: event === 'not_found' ? undefined : extra.id, correlationId: v.ctx.correlationId }) };
}

/** A save that cannot be made as typed: the form again, everything kept, the message beside the field. */
async function editAgain(v: VerbContext, action: ActionItem, data: unknown, problem: string, errors: Record<string, string>, problems: string[]): Promise<InvokeOutcome> {
  await recordRefusal(v, 'invalid', 'action.save', problem, { id: action.id, problems, data });
  return {
    kind: 'card',
    card: actionEditCard(action, { now: v.now, transitions: allowedTransitions(v.editor, action), form: rawInputs(data), problem, errors }),
  };
}

export async function load(v: VerbContext, verb: string, id: string): Promise<ActionItem | InvokeOutcome> {
  const action = await v.repo.get(id);
  if (!action || !visible(action, v.ctx, v.editor.role)) {
    return refuse(v, 'not_found', verb, 'Action not available', `There is no action ${id} that can be shown here.`, { id });
  }
  return action;
}

export function isOutcome(x: ActionItem | InvokeOutcome): x is InvokeOutcome {
  return 'kind' in x;
}

async function footerFor(v: VerbContext): Promise<string> {
  return planFooter(v.ctx, v.deps, v.editor.role);
}

export async function planFooter(ctx: RequestContext, deps: AppDeps, role: Role): Promise<string> {
  const notes = [`Position at ${formatDate(today(ctx.now))}.`];
  if (await new ActionRepo(deps.store, partnershipOf(deps)).isDemo()) notes.push(DEMO_CAVEAT);
  if (!mayViewExempt(ctx, role)) notes.push('Exempt (Part 2) items are shown only in a personal chat.');
  return notes.join(' ');
}

/** Wards and named areas the plan's actions target, by name, for the plan card's filter bar. */
export function planAreas(actions: readonly ActionItem[], pack: AreaPack): { code: string; name: string }[] {
  const name = wardNamer(pack);
  const codes = [...new Set(actions.flatMap((a) => a.wards))];
  return codes.map((code) => ({ code, name: name(code) })).sort((a, b) => a.name.localeCompare(b.name)).slice(0, 60);
}

/**
 * The plan card for a filter, a view (open or done) and a page: what the chat question
 * "show the action plan" answers with, and what its buttons ask for again.
 */
export async function planCard(request: ListRequest, ctx: RequestContext, deps: AppDeps, options: { role?: Role; notice?: string; buttons?: ListButton[] } = {}): Promise<CardJson> {
  const role = options.role ?? ctx.actor.role;
  const plan = await (await deps.snapshots.ofTurn(ctx)).plan(partnershipOf(deps));
  const shown = plan.items.filter((a) => visible(a, ctx, role));
  const { filter, areaName } = resolveFilter(request.filter, ctx.actor.aadObjectId, mayViewExempt(ctx, role), deps.pack);
  const history = filter.changedSince ? await new ActionRepo(deps.store, partnershipOf(deps)).historySince(filter.changedSince) : [];
  const hits = filterActions(shown, filter, ctx.now, history);
  const page = planPage(hits, { done: request.done, page: request.page, anyStatus: filter.status !== undefined }, ctx.now);
  const heading = describeFilter(filter, areaName, request.filter.lead === 'me', request.filter.leadAgency);
  const unfiltered = Object.keys(filter).length === 1;
  const title = unfiltered ? `Action plan ${shown[0]?.plan ?? ''}`.trim() : heading;
  const counts = planSummary(hits, ctx.now);
  const description =
    hits.length === 0
      ? 'No actions match.'
      : `${hits.length} action${hits.length === 1 ? '' : 's'}: ${describeRagCounts(counts.byRag)}; ${counts.overdue} overdue. Select an action to open it.`;
  const buttons: ListButton[] = [
    ...(isCoordinatorRole(role) ? [{ title: 'New action', verb: 'action.new', data: {} }, { title: 'Roles', verb: 'role.form', data: {} }] : []),
    { title: 'Plan summary', verb: 'action.summary', data: {} },
    ...(options.buttons ?? []),
  ];
  const notice = [options.notice, unknownTheme(shown, filter, ctx.now)].filter(Boolean).join(' ') || undefined;
  return actionPlanCard({
    title,
    description,
    notice,
    page,
    request,
    now: ctx.now,
    themes: [...new Set(shown.map((a) => a.theme))].sort(),
    areas: planAreas(shown, deps.pack),
    footer: await planFooter(ctx, deps, role),
    buttons,
  });
}

type ActionVerb = (req: InvokeRequest, v: VerbContext) => Promise<InvokeOutcome>;

/** The plan as this turn reads it, as chat reads it: a save reads and checks the stored row instead. */
async function planOf(v: VerbContext): Promise<readonly ActionItem[]> {
  return (await (await v.deps.snapshots.ofTurn(v.ctx)).plan(partnershipOf(v.deps))).items;
}

const summaryVerb: ActionVerb = async (_req, v) => {
  const all = (await planOf(v)).filter((a) => visible(a, v.ctx, v.editor.role));
  return {
    kind: 'card',
    card: planSummaryCard(planSummary(all, v.now), { title: `Action plan ${all[0]?.plan ?? ''}`.trim(), asOf: today(v.now), footer: await footerFor(v) }),
  };
};

/** `action.list`: the plan card for the filter, view and page the button carries (or the filter bar chose). */
const listVerb: ActionVerb = async (req, v) => {
  const p = parseListRequest(req.data);
  if (!p.ok) return refuse(v, 'invalid', req.verb, 'That filter is not valid', 'The list could not be filtered that way.', { problems: p.problems });
  return { kind: 'card', card: await planCard(p.value, v.ctx, v.deps, { role: v.editor.role }) };
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

export function editRefusal(editor: Editor, action: ActionItem): string {
  if (editor.role === 'member') return 'Members can read the action plan but not change it.';
  return `Only the lead officer (${action.lead.name}) or a coordinator can update ${action.id}.`;
}

const saveVerb: ActionVerb = async (req, v) => {
  const parsed = parseSave(req.data, v.now);
  const rawId = typeof (req.data as { id?: unknown })?.id === 'string' ? ((req.data as { id: string }).id.slice(0, 40)) : undefined;
  if (!parsed.ok) {
    // The form is shown again when it names an action this person may edit at the version they saw.
    const ref = parseVersionedRef(req.data);
    const action = ref.ok ? await v.repo.get(ref.value.id) : undefined;
    if (ref.ok && action && visible(action, v.ctx, v.editor.role) && canEdit(v.editor, action)) {
      if (ref.value.version !== action.version) return conflict(action, ref.value.version, rawInputs(req.data), v);
      return editAgain(v, action, req.data, 'Some of what you entered cannot be saved.', parsed.fields ?? {}, parsed.problems);
    }
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
    if (result.code === 'forbidden') return refuse(v, 'refused', req.verb, 'You cannot make this change', result.message, { id: current.id, data: req.data });
    return editAgain(v, current, req.data, result.message, result.field ? { [result.field]: result.message } : {}, [result.message]);
  }
  const outcome = await v.repo.save(result.next, current.version, result.history);
  if (outcome === 'stale') {
    const latest = await v.repo.get(current.id);
    if (latest) return conflict(latest, input.version, input.raw, v);
  }
  if (outcome !== 'saved') return refuse(v, 'not_found', req.verb, 'Action not available', `Action ${current.id} no longer exists.`, { id: current.id });
  v.deps.log.info({ id: current.id, version: result.next.version, fields: result.history.map((h) => h.field), actor: v.ctx.actor.aadObjectId }, 'action saved');
  return savedOutcome(result.next, savedNotice(result.history, result.next, v.now), v);
};

/** The lead and coordinators get their own view back; everyone else's copy becomes the read-only card. */
export async function savedOutcome(next: ActionItem, notice: string, v: VerbContext): Promise<InvokeOutcome> {
  const editors = await editorsOf(next, v);
  const mine = withRefresh(await detailFor(next, v, canEdit(v.editor, next), notice), next, editors);
  // Everyone else sees the read-only card; the refresh gives the lead and coordinators their view.
  const everyone = withRefresh(await detailFor(next, v, false), next, editors);
  return { kind: 'card', card: mine, updateOriginal: everyone };
}

export async function conflict(latest: ActionItem, staleVersion: number, yours: Record<string, string>, v: VerbContext): Promise<InvokeOutcome> {
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
 * The card verbs of the action plan: summary, list, view, refresh, history, edit, save, and the
 * coordinators' new, create, manage, reassign, move, close and reopen. Whoever presses is checked
 * by AAD object id and the role the bot resolved from the store; card data carries only ids and a version.
 */
export function actionVerbs(deps: AppDeps): Record<string, VerbHandler> {
  const verbs: Record<string, VerbHandler> = {};
  for (const [name, verb] of Object.entries({ ...VERBS, ...manageVerbs })) {
    verbs[name] = (req, ctx) => verb(req, { deps, ctx, editor: editorOf(ctx), repo: new ActionRepo(deps.store, partnershipOf(deps)), now: ctx.now });
  }
  return verbs;
}
const CLOSED = /^(completed|closed|cancelled|carried forward)/i;

/** Open actions of the plan tagged to an area (a ward, or a group through its wards): listed under its figures. */
export async function openActionsIn(area: NonNullable<Answer['area']>, ctx: RequestContext, deps: AppDeps): Promise<Answer['actions']> {
  const listed = await answerActions({ intent: 'actions.list', text: `actions in ${area.name}`, area, actions: { areaCode: area.code } }, ctx, deps);
  return (listed.actions ?? []).filter((a) => !CLOSED.test(a.status));
}
