import type { InvokeOutcome, InvokeRequest } from '../../core/turn';
import { ActionItem, formatDate, HistoryEntry } from '../../domain/actions/model';
import { knownPeople } from '../people/people';
import { PersonRepo } from '../../store/personRepo';
import { actionManageCard, actionNewCard } from './cards';
import { CREATE_INPUTS, formInputs, FormParsed, MANAGE_INPUTS, parseClose, parseCreate, parseMove, parseReassign, parseReopen, versionedRefSchema } from './input';
import { applyEdit, createAction, EditResult, findRule, isCoordinator, reassignLead } from './workflow';
import { isOutcome, load, planAreas, recordRefusal, refuse, savedOutcome, seesExemptActions, VerbContext } from './actionsApp';
import { savedNotice } from './cards';
import { today } from './rag';
import { latestWardSet, wardSetOn } from '../../domain/areas/resolve';

/**
 * The coordinators' card verbs: add an action, change its lead, move its target date, close or
 * reopen it. Each is checked with zod, allowed by the workflow's rules, saved with its history in
 * one transaction on the version the card showed, and refused or stale with a fresh card.
 */
type ManageVerb = (req: InvokeRequest, v: VerbContext) => Promise<InvokeOutcome>;

const NOT_COORDINATOR = 'Only a coordinator can add actions, change their lead, move their dates, or close and reopen them. Officers update the actions they lead with Edit.';

async function mustCoordinate(req: InvokeRequest, v: VerbContext, id?: string): Promise<InvokeOutcome | undefined> {
  if (isCoordinator(v.editor)) return undefined;
  return refuse(v, 'refused', req.verb, 'Only coordinators can do this', NOT_COORDINATOR, { id, data: req.data });
}

/** The plan new actions join: the plan of the latest action added, or this financial year's. */
function currentPlan(actions: readonly ActionItem[], now: Date): string {
  const latest = [...actions].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (latest) return latest.plan;
  const d = today(now);
  const start = Number(d.slice(0, 4)) - (d.slice(5, 7) < '04' ? 1 : 0);
  return `${start}–${String(start + 1).slice(2)}`;
}

/** The next free reference in the plan's own pattern ("CSP-2021-07" → "CSP-2021-16"). */
export function nextActionId(actions: readonly ActionItem[], now: Date, skip = 0): string {
  const latest = [...actions].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))[0];
  const m = latest ? /^(.*?)(\d+)$/.exec(latest.id) : null;
  const prefix = m ? m[1] : `CSP-${today(now).slice(0, 4)}-`;
  const width = m ? m[2].length : 2;
  const used = actions.map((a) => (a.id.startsWith(prefix) ? Number(a.id.slice(prefix.length)) : NaN)).filter((n) => Number.isInteger(n));
  const next = (used.length ? Math.max(...used) : 0) + 1 + skip;
  return `${prefix}${String(next).padStart(width, '0')}`;
}

async function newCard(v: VerbContext, extra: { form?: Record<string, string>; problem?: string; errors?: Record<string, string> } = {}): Promise<InvokeOutcome> {
  const actions = await v.repo.list();
  return {
    kind: 'card',
    card: actionNewCard({
      now: v.now,
      people: await knownPeople(v.deps),
      plan: currentPlan(actions, v.now),
      themes: [...new Set(actions.map((a) => a.theme))].sort(),
      wards: planWards(v),
      offerExempt: seesExemptActions(v.ctx),
      ...extra,
    }),
  };
}

/** Every ward of the ward set in force today (else the latest), by name: what a new action may target. */
function planWards(v: VerbContext): { code: string; name: string }[] {
  const set = wardSetOn(v.deps.pack, today(v.now)) ?? latestWardSet(v.deps.pack);
  const wards = set ? set.wards.map((w) => ({ code: w.code, name: w.name })) : planAreas([], v.deps.pack);
  return wards.sort((a, b) => a.name.localeCompare(b.name));
}

async function manageCard(v: VerbContext, action: ActionItem, extra: { form?: Record<string, string>; problem?: string; errors?: Record<string, string> } = {}): Promise<InvokeOutcome> {
  const closing = findRule(action.status, 'closed');
  return {
    kind: 'card',
    card: actionManageCard(action, {
      now: v.now,
      people: await knownPeople(v.deps),
      canClose: closing !== undefined && action.lead.aadObjectId !== v.editor.aadObjectId,
      canReopen: findRule(action.status, 'in_progress') !== undefined && ['completed', 'closed'].includes(action.status),
      ...extra,
    }),
  };
}

/** The lead officer chosen in a picker, from the people the bot knows; undefined when not known. */
async function leadOf(v: VerbContext, aadObjectId: string): Promise<ActionItem['lead'] | undefined> {
  const person = (await knownPeople(v.deps)).find((p) => p.aadObjectId === aadObjectId);
  if (!person) return undefined;
  const stored = await new PersonRepo(v.deps.store).get(aadObjectId);
  return { name: person.name, aadObjectId, teamsUserId: stored?.teamsUserId ?? null };
}

const create: ManageVerb = async (req, v) => {
  const refused = await mustCoordinate(req, v);
  if (refused) return refused;
  const typed = formInputs(req.data, CREATE_INPUTS);
  const parsed = parseCreate(req.data, v.now);
  const again = async (problem: string, errors: Record<string, string>, problems: string[]) => {
    await recordRefusal(v, 'invalid', req.verb, problem, { problems, data: req.data });
    return newCard(v, { form: typed, problem, errors });
  };
  if (!parsed.ok) return again('Some of what you entered cannot be used.', parsed.fields, parsed.problems);
  const input = parsed.value;
  // An exempt action is made where it may be seen: a forged or forwarded form cannot make one in a channel.
  if (input.classification === 'exempt' && !seesExemptActions(v.ctx)) {
    return refuse(v, 'refused', req.verb, 'Not added', 'Exempt (Part 2) actions are added in a private chat with the bot, where they may be shown.', { data: req.data });
  }
  const lead = await leadOf(v, input.lead);
  if (!lead) return again('The lead officer is not someone the bot knows.', { lead: 'Choose the lead officer from the list.' }, ['unknown lead']);
  // The form offers the wards in force; a ward of an earlier set (as older plans record them) is known too.
  const known = new Set(v.deps.pack.wardSets.flatMap((set) => set.wards.map((w) => w.code)));
  const unknown = input.wards.filter((w) => !known.has(w));
  if (unknown.length) return again('A ward chosen is not one of the borough’s.', { wards: `Not a ward of the borough: ${unknown.join(', ')}.` }, ['unknown ward']);
  for (let attempt = 0; attempt < 5; attempt++) {
    const actions = await v.repo.list();
    const ids = { id: nextActionId(actions, v.now, attempt), plan: currentPlan(actions, v.now) };
    const made = createAction({ ...input, lead }, ids, v.editor, v.now, 'teams');
    if (!made.ok) return made.code === 'forbidden' ? refuse(v, 'refused', req.verb, 'You cannot add actions', made.message, { data: req.data }) : again(made.message, made.field ? { [made.field]: made.message } : {}, [made.message]);
    // Another coordinator may take the same reference at the same moment: try the next one.
    if (await v.repo.insertIfAbsent(made.item, made.history)) {
      v.deps.log.info({ id: made.item.id, actor: v.ctx.actor.aadObjectId }, 'action added');
      const notice = `Added ${made.item.id} to the ${made.item.plan} plan, led by ${lead.name} (${made.item.leadAgency}), target date ${formatDate(made.item.targetDate)}.`;
      return savedOutcome(made.item, notice, v);
    }
  }
  return refuse(v, 'invalid', req.verb, 'The action could not be added', 'Its reference was taken by another change at the same moment. Please try again.', { data: req.data });
};

/** Shared by the manage forms: load at the version shown, refuse or go stale with a fresh card, save with history. */
async function change<T extends { id: string; version: number }>(
  req: InvokeRequest,
  v: VerbContext,
  parsed: FormParsed<T>,
  apply: (action: ActionItem, input: T) => Promise<EditResult> | EditResult,
): Promise<InvokeOutcome> {
  const typed = formInputs(req.data, MANAGE_INPUTS);
  const ref = versionedRefSchema.safeParse(req.data);
  if (!ref.success) return refuse(v, 'invalid', req.verb, 'That card is not valid', 'The card did not name an action and version.', { data: req.data });
  const refused = await mustCoordinate(req, v, ref.data.id);
  if (refused) return refused;
  const action = await load(v, req.verb, ref.data.id);
  if (isOutcome(action)) return action;
  if (ref.data.version !== action.version) return stale(v, req, action, ref.data.version, typed);
  if (!parsed.ok) {
    await recordRefusal(v, 'invalid', req.verb, 'Some of what you entered cannot be used.', { id: action.id, problems: parsed.problems, data: req.data });
    return manageCard(v, action, { form: typed, problem: 'Some of what you entered cannot be used.', errors: parsed.fields });
  }
  const result = await apply(action, parsed.value);
  if (!result.ok) {
    if (result.code === 'forbidden') return refuse(v, 'refused', req.verb, 'You cannot make this change', result.message, { id: action.id, data: req.data });
    await recordRefusal(v, 'invalid', req.verb, result.message, { id: action.id, problems: [result.message], data: req.data });
    return manageCard(v, action, { form: typed, problem: result.message, errors: result.field ? { [result.field]: result.message } : {} });
  }
  const outcome = await v.repo.save(result.next, action.version, result.history);
  if (outcome === 'stale') {
    const latest = await v.repo.get(action.id);
    if (latest) return stale(v, req, latest, ref.data.version, typed);
  }
  if (outcome !== 'saved') return refuse(v, 'not_found', req.verb, 'Action not available', `Action ${action.id} no longer exists.`, { id: action.id });
  v.deps.log.info({ id: action.id, version: result.next.version, verb: req.verb, actor: v.ctx.actor.aadObjectId }, 'action changed');
  return savedOutcome(result.next, savedNotice(result.history as HistoryEntry[], result.next, v.now), v);
}

/** Someone changed the action since this card was drawn: nothing is saved; the latest, with what was typed. */
async function stale(v: VerbContext, req: InvokeRequest, latest: ActionItem, seen: number, typed: Record<string, string>): Promise<InvokeOutcome> {
  const changes = await v.repo.historyAfter(latest.id, seen);
  const detail = { verb: req.verb, id: latest.id, staleVersion: seen, currentVersion: latest.version, correlationId: v.ctx.correlationId };
  await v.repo.audit('action.stale', v.ctx.actor.aadObjectId, detail, v.now);
  const who = [...new Set(changes.map((h) => h.actorName))].join(', ') || 'someone';
  return manageCard(v, latest, { form: typed, problem: `${latest.id} was changed by ${who} after this card was shown (version ${seen} → ${latest.version}), so nothing was saved. Here it is as it stands now.` });
}

/** The workflow speaks of the status note; on the manage card it is the close or reopen box. */
function noteField(result: EditResult, field: 'closeNote' | 'reopenReason'): EditResult {
  return !result.ok && result.field === 'statusNote' ? { ...result, field } : result;
}

export const manageVerbs: Record<string, ManageVerb> = {
  'action.new': async (req, v) => (await mustCoordinate(req, v)) ?? newCard(v),
  'action.create': create,
  'action.manage': async (req, v) => {
    const ref = versionedRefSchema.safeParse(req.data);
    if (!ref.success) return refuse(v, 'invalid', req.verb, 'That card is not valid', 'The card did not name an action and version.', { data: req.data });
    const refused = await mustCoordinate(req, v, ref.data.id);
    if (refused) return refused;
    const action = await load(v, req.verb, ref.data.id);
    return isOutcome(action) ? action : manageCard(v, action);
  },
  'action.reassign': (req, v) =>
    change(req, v, parseReassign(req.data), async (action, input) => {
      const lead = await leadOf(v, input.lead);
      if (!lead) return { ok: false, code: 'invalid', message: 'The new lead is not someone the bot knows.', field: 'lead' };
      return reassignLead(action, lead, input.leadAgency, input.leadReason, v.editor, v.now, 'teams');
    }),
  'action.move': (req, v) =>
    change(req, v, parseMove(req.data, v.now), (action, input) => {
      if (input.targetDate === action.targetDate) return { ok: false, code: 'no_change', message: `The target date is already ${formatDate(action.targetDate)}.`, field: 'targetDate' };
      return applyEdit(action, { targetDate: input.targetDate, targetDateReason: input.targetDateReason }, v.editor, v.now, 'teams');
    }),
  'action.close': (req, v) =>
    change(req, v, parseClose(req.data), (action, input) => noteField(applyEdit(action, { status: 'closed', statusNote: input.closeNote }, v.editor, v.now, 'teams'), 'closeNote')),
  'action.reopen': (req, v) =>
    change(req, v, parseReopen(req.data), (action, input) => noteField(applyEdit(action, { status: 'in_progress', statusNote: input.reopenReason }, v.editor, v.now, 'teams'), 'reopenReason')),
};
