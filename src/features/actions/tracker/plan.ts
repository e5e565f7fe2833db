import { ActionItem, ActionStatus, HistoryEntry, HistoryField, isOpen, Rag, STATUS_LABELS } from '../../../domain/actions/model';
import { personNameKey } from '../../../domain/actions/people';
import { deriveRag, today } from '../rag';
import type { RowProblem, TrackerEntry } from './rows';

/**
 * What an import would do to the store, worked out without touching it: per row, the action it
 * creates or the changes it makes to an existing one (with the history lines that record them),
 * and the people it would add. Applying it is the use case's job, in one transaction.
 *
 * Matching: a row's reference is the action's id, so re-importing the same tracker updates the
 * same actions. A bare number ("3", "1.2") is a reference within its plan, so it is stored as
 * "2024-25/1.2": next year's "1.2" is another action. A row without a reference is matched by
 * its action text to an action of the same plan; failing that, it gets the next free reference
 * "2024-25/N". Only the columns a tracker has are compared: a tracker without a wards column
 * leaves every action's wards as they are.
 */
export interface KnownPerson {
  name: string;
  email: string | null;
  aadObjectId: string | null;
  teamsUserId: string | null;
}

export interface Importer {
  name: string;
  aadObjectId: string | null;
}

export interface FieldChange {
  field: HistoryField;
  from: string | null;
  to: string | null;
}

export interface PlannedAction {
  rowNumber: number;
  ref: string;
  title: string;
  outcome: 'created' | 'updated' | 'unchanged';
  changes: FieldChange[];
  next: ActionItem;
  /** The stored version the update applies to; null for a new action. */
  expectedVersion: number | null;
  history: HistoryEntry[];
  lead: { name: string; known: 'person' | 'plan' | 'new' } | null;
  notes: string[];
}

export interface NewPerson {
  name: string;
  email: string | null;
}

export interface ImportPlan {
  actions: PlannedAction[];
  problems: RowProblem[];
  newPeople: NewPerson[];
}

export interface PlanInput {
  entries: readonly TrackerEntry[];
  existing: readonly ActionItem[];
  people: readonly KnownPerson[];
  /** The plan rows belong to; `explicit` when the user or the file said so (not assumed). */
  plan: { name: string; explicit: boolean };
  importer: Importer;
  now: Date;
  /** Named in history notes: "imported from plan.xlsx, row 12". */
  source: string;
  /** Ward names for history and reports. */
  wardNames(codes: readonly string[]): string[];
}

const DEFAULT_THEME = 'General';

/** A plan name without its en dash, for references: "2024–25" → "2024-25". */
export function planSlug(plan: string): string {
  return plan.replace(/[–—]/g, '-').replace(/\s+/g, '');
}

/**
 * The action id a tracker's reference stands for, or undefined when it cannot be one. Ids are
 * letters, digits and "-_./" (what cards carry): "ASB 1" becomes "ASB-1", consistently.
 */
export function referenceFor(ref: string, plan: string): string | undefined {
  const r = ref
    .trim()
    .replace(/[\s–—]+/g, '-')
    .replace(/[^A-Za-z0-9_.\-/]/g, '')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[.\-/]+$/, '');
  const id = /^\d+(?:[.-]\d+)*[a-z]?$/i.test(r) ? `${planSlug(plan)}/${r}` : r;
  return /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,39}$/.test(id) ? id : undefined;
}

function titleKey(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

type LeadMatch = { kind: 'found'; person: KnownPerson; known: 'person' | 'plan' } | { kind: 'new' } | { kind: 'ambiguous'; names: string[] };

function matchLead(lead: { name: string; email?: string }, people: readonly KnownPerson[]): LeadMatch {
  const pick = (hits: KnownPerson[]): LeadMatch | undefined => {
    if (hits.length === 0) return undefined;
    const linked = [...new Map(hits.filter((p) => p.aadObjectId).map((p) => [p.aadObjectId, p])).values()];
    if (linked.length > 1) return { kind: 'ambiguous', names: linked.map((p) => `${p.name}${p.email ? ` <${p.email}>` : ''}`) };
    if (linked.length === 1) return { kind: 'found', person: linked[0], known: 'person' };
    return { kind: 'found', person: hits[0], known: 'plan' };
  };
  if (lead.email) {
    const byEmail = pick(people.filter((p) => p.email === lead.email));
    if (byEmail) return byEmail;
  }
  const key = personNameKey(lead.name);
  // A different e-mail on a same-named person is another person.
  return pick(people.filter((p) => personNameKey(p.name) === key && !(lead.email && p.email && p.email !== lead.email))) ?? { kind: 'new' };
}

function agencyKey(name: string): string {
  return name.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export function planImport(input: PlanInput): ImportPlan {
  const { now, importer, plan } = input;
  const when = now.toISOString();
  const day = today(now);
  const byId = new Map(input.existing.map((a) => [a.id, a]));
  const claimed = new Map<string, number>();
  const titlesSeen = new Map<string, number>();
  const newPeople = new Map<string, NewPerson>();
  const out: ImportPlan = { actions: [], problems: [], newPeople: [] };
  const pending: { entry: TrackerEntry; id: string | null; existing: ActionItem | undefined; planName: string; dropped?: boolean }[] = [];

  for (const entry of input.entries) {
    const planName = entry.plan ?? plan.name;
    const explicit = entry.plan ? true : plan.explicit;
    const problem = (reason: string) =>
      out.problems.push({ rowNumber: entry.rowNumber, ...(entry.ref ? { ref: entry.ref } : {}), title: entry.title, reasons: [reason] });
    if (entry.ref) {
      const id = referenceFor(entry.ref, planName);
      if (!id) {
        problem(`reference "${entry.ref}" cannot be used: at most 40 letters, digits and - _ . /`);
        continue;
      }
      const first = claimed.get(id);
      if (first !== undefined) {
        problem(`reference ${entry.ref} is used again (first on row ${first})`);
        continue;
      }
      const existing = byId.get(id);
      if (existing && explicit && existing.plan !== planName) {
        problem(`reference ${entry.ref} is an action of the ${existing.plan} plan, not ${planName}`);
        continue;
      }
      claimed.set(id, entry.rowNumber);
      pending.push({ entry, id, existing, planName: existing?.plan ?? planName });
    } else {
      const key = `${planName}\u0000${titleKey(entry.title)}`;
      const first = titlesSeen.get(key);
      if (first !== undefined) {
        problem(`the same action as row ${first}, and neither has a reference: give each a reference`);
        continue;
      }
      titlesSeen.set(key, entry.rowNumber);
      const same = input.existing.filter((a) => a.plan === planName && titleKey(a.title) === titleKey(entry.title));
      if (same.length > 1) {
        problem(`no reference, and the action text fits ${same.length} actions (${same.map((a) => a.id).join(', ')}): give the reference`);
        continue;
      }
      pending.push({ entry, id: same[0]?.id ?? null, existing: same[0], planName });
    }
  }
  // Rows matched by text must not take an id a referenced row claims.
  for (const p of pending) {
    if (p.id && !p.entry.ref) {
      const first = claimed.get(p.id);
      if (first !== undefined) {
        out.problems.push({ rowNumber: p.entry.rowNumber, title: p.entry.title, reasons: [`matches ${p.id}, which row ${first} updates by reference`] });
        p.dropped = true;
        continue;
      }
      claimed.set(p.id, p.entry.rowNumber);
    }
  }
  const used = new Set([...byId.keys(), ...claimed.keys()]);
  const counters = new Map<string, number>();
  const freshId = (planName: string): string => {
    let n = counters.get(planName) ?? 1;
    while (used.has(`${planSlug(planName)}/${n}`)) n += 1;
    counters.set(planName, n + 1);
    const id = `${planSlug(planName)}/${n}`;
    used.add(id);
    return id;
  };

  // An organisation already in the plan keeps its spelling: "derbyshire constabulary" is the same body.
  const agencies = new Map(input.existing.filter((a) => a.leadAgency).map((a) => [agencyKey(a.leadAgency), a.leadAgency]));
  for (const p of pending) {
    if (p.dropped) continue;
    const entry = p.entry.leadAgency ? { ...p.entry, leadAgency: agencies.get(agencyKey(p.entry.leadAgency)) ?? p.entry.leadAgency } : p.entry;
    const notes = [...entry.notes];
    let lead: PlannedAction['lead'] = null;
    let leadPerson: { name: string; aadObjectId: string | null; teamsUserId: string | null } | undefined;
    if (entry.lead) {
      const m = matchLead(entry.lead, input.people);
      if (m.kind === 'ambiguous') {
        out.problems.push({ rowNumber: entry.rowNumber, ...(entry.ref ? { ref: entry.ref } : {}), title: entry.title, reasons: [`lead "${entry.lead.name}" fits more than one person (${m.names.join('; ')}): add their e-mail`] });
        continue;
      }
      if (m.kind === 'found') {
        leadPerson = { name: entry.lead.name, aadObjectId: m.person.aadObjectId, teamsUserId: m.person.teamsUserId };
        lead = { name: entry.lead.name, known: m.known };
      } else {
        const key = personNameKey(entry.lead.name);
        if (!newPeople.has(key)) newPeople.set(key, { name: entry.lead.name, email: entry.lead.email ?? null });
        leadPerson = { name: entry.lead.name, aadObjectId: null, teamsUserId: null };
        lead = { name: entry.lead.name, known: 'new' };
      }
    }
    const rowNote = `imported from ${input.source}, row ${entry.rowNumber}`;
    const status = statusOf(entry, p.existing?.status, notes);

    if (!p.existing) {
      const id = p.id ?? freshId(p.planName);
      const next: ActionItem = {
        id,
        plan: p.planName,
        theme: entry.theme ?? DEFAULT_THEME,
        title: entry.title,
        description: entry.description ?? '',
        lead: leadPerson ?? { name: '', aadObjectId: null, teamsUserId: null },
        leadAgency: entry.leadAgency ?? '',
        partners: entry.partners ?? [],
        wards: entry.wards ?? [],
        startDate: entry.startDate ?? null,
        originalTargetDate: entry.targetDate ?? null,
        targetDate: entry.targetDate ?? null,
        targetDateReason: null,
        targetSlips: 0,
        committeeFlag: false,
        // A tracker without a status that reports progress on an action has it under way.
        status: status ?? (entry.update ? 'in_progress' : 'not_started'),
        ragOverride: null,
        ragOverrideReason: null,
        latestUpdate: entry.update ? { text: entry.update.text, author: entry.update.author ?? importer.name, asOf: entry.update.asOf ?? day } : null,
        successMeasure: entry.successMeasure ?? '',
        source: { kind: 'plan', plan: p.planName },
        classification: 'public',
        version: 1,
        createdAt: when,
        updatedAt: when,
      };
      if (!entry.lead) notes.push('no lead officer named');
      applyRag(next, entry, now, notes);
      out.actions.push({
        rowNumber: entry.rowNumber,
        ref: id,
        title: next.title,
        outcome: 'created',
        changes: [],
        next,
        expectedVersion: null,
        history: [historyLine(next, 'created', null, next.title, rowNote, importer, when)],
        lead,
        notes,
      });
      continue;
    }

    const a = p.existing;
    const next: ActionItem = { ...a, lead: { ...a.lead }, latestUpdate: a.latestUpdate && { ...a.latestUpdate } };
    const changes: (FieldChange & { note?: string })[] = [];
    const change = (field: HistoryField, from: string | null, to: string | null, note?: string) => changes.push({ field, from, to, ...(note ? { note } : {}) });
    const text = (field: HistoryField, key: 'title' | 'description' | 'successMeasure' | 'leadAgency', value: string | null | undefined) => {
      if (value === undefined) return;
      const v = value ?? '';
      if (squash(v) === squash(a[key])) return;
      next[key] = v;
      change(field, a[key] || null, v || null);
    };
    if (entry.theme !== null && squash(entry.theme) !== squash(a.theme)) {
      next.theme = entry.theme;
      change('theme', a.theme, entry.theme);
    }
    text('title', 'title', entry.title);
    text('description', 'description', entry.description);
    if (leadPerson && personNameKey(leadPerson.name) !== personNameKey(a.lead.name)) {
      next.lead = leadPerson;
      change('lead', a.lead.name || null, leadPerson.name);
    } else if (leadPerson && !a.lead.aadObjectId && leadPerson.aadObjectId) {
      // The same person, now known in Teams: link them (no visible change).
      next.lead = { ...a.lead, aadObjectId: leadPerson.aadObjectId, teamsUserId: leadPerson.teamsUserId };
      change('lead', a.lead.name, leadPerson.name, 'linked to their Teams account');
    }
    text('lead_agency', 'leadAgency', entry.leadAgency);
    if (entry.partners !== undefined && !sameList(entry.partners, a.partners)) {
      next.partners = entry.partners;
      change('partners', a.partners.join('; ') || null, entry.partners.join('; ') || null);
    }
    if (entry.wards !== undefined && !sameList(entry.wards, a.wards)) {
      next.wards = entry.wards;
      change('wards', input.wardNames(a.wards).join('; ') || 'borough-wide', input.wardNames(entry.wards).join('; ') || 'borough-wide');
    }
    if (entry.startDate !== undefined && entry.startDate !== a.startDate) {
      next.startDate = entry.startDate;
      change('start_date', a.startDate, entry.startDate);
    }
    text('success_measure', 'successMeasure', entry.successMeasure);
    if (entry.targetDate !== undefined && entry.targetDate !== a.targetDate) {
      next.targetDate = entry.targetDate;
      next.targetDateReason = 'changed in the imported tracker';
      if (!next.originalTargetDate) next.originalTargetDate = entry.targetDate;
      change('target_date', a.targetDate, entry.targetDate, 'changed in the imported tracker');
      if (a.targetDate !== null && entry.targetDate !== null && entry.targetDate > a.targetDate) {
        next.targetSlips = a.targetSlips + 1;
        if (next.targetSlips >= 2 && !a.committeeFlag) {
          next.committeeFlag = true;
          change('committee_flag', 'no', 'yes', `target date has slipped ${next.targetSlips} times`);
        }
      }
    }
    if (status && status !== a.status) {
      next.status = status;
      change('status', a.status, status);
      if (!isOpen(status)) {
        next.ragOverride = null;
        next.ragOverrideReason = null;
      }
    }
    if (entry.update && squash(entry.update.text) !== squash(a.latestUpdate?.text)) {
      // A new text beside the old update's author and date (an exported tracker edited in Excel): those were the old update's.
      const leftOver = a.latestUpdate !== null && entry.update.author === a.latestUpdate.author && entry.update.asOf === a.latestUpdate.asOf;
      next.latestUpdate = leftOver
        ? { text: entry.update.text, author: importer.name, asOf: day }
        : { text: entry.update.text, author: entry.update.author ?? importer.name, asOf: entry.update.asOf ?? day };
      change('latest_update', a.latestUpdate?.text ?? null, entry.update.text);
    }
    applyRag(next, entry, now, notes);
    if (next.ragOverride !== a.ragOverride) change('rag_override', a.ragOverride, next.ragOverride, next.ragOverrideReason ?? 'cleared: the tracker agrees with the derived RAG, or the action is no longer open');

    if (changes.length === 0) {
      out.actions.push({ rowNumber: entry.rowNumber, ref: a.id, title: a.title, outcome: 'unchanged', changes: [], next: a, expectedVersion: a.version, history: [], lead, notes });
      continue;
    }
    next.version = a.version + 1;
    next.updatedAt = when;
    out.actions.push({
      rowNumber: entry.rowNumber,
      ref: a.id,
      title: next.title,
      outcome: 'updated',
      changes: changes.map(({ field, from, to }) => ({ field, from, to })),
      next,
      expectedVersion: a.version,
      history: changes.map((c) => ({ ...historyLine(next, c.field, c.from, c.to, c.note ? `${c.note}; ${rowNote}` : rowNote, importer, when) })),
      lead,
      notes,
    });
  }
  out.newPeople = [...newPeople.values()];
  out.actions.sort((x, y) => x.rowNumber - y.rowNumber);
  out.problems.sort((x, y) => x.rowNumber - y.rowNumber);
  return out;
}

/** The status a row gives: its status column, or "Blue"/"Complete" in the RAG column; closed stays closed. */
function statusOf(entry: TrackerEntry, current: ActionStatus | undefined, notes: string[]): ActionStatus | undefined {
  let status = entry.status ?? undefined;
  if (entry.rag === 'done' && (status === undefined || isOpen(status))) {
    if (status) notes.push(`RAG says complete while the status says ${STATUS_LABELS[status]}: taken as completed`);
    status = 'completed';
  }
  // A tracker's "Complete" for an action the partnership has verified and closed is no change.
  if (status === 'completed' && current === 'closed') return 'closed';
  return status;
}

/**
 * The tracker's RAG for an open action: the derived RAG when they agree (any hand-set RAG is
 * cleared), else set by hand with the tracker as its reason. Closed items carry no RAG.
 */
function applyRag(next: ActionItem, entry: TrackerEntry, now: Date, notes: string[]): void {
  const rag = entry.rag;
  if (!rag || rag === 'done') return;
  if (!isOpen(next.status)) {
    notes.push(`RAG ${rag} not recorded: the action is ${STATUS_LABELS[next.status].toLowerCase()}`);
    return;
  }
  const derived = deriveRag(next, now)?.rag;
  const effective: Rag | undefined = next.ragOverride ?? derived;
  if (rag === effective) return;
  if (rag === derived) {
    next.ragOverride = null;
    next.ragOverrideReason = null;
  } else {
    next.ragOverride = rag;
    next.ragOverrideReason = 'as the imported tracker gives it';
  }
}

function historyLine(
  next: ActionItem,
  field: HistoryField,
  oldValue: string | null,
  newValue: string | null,
  note: string,
  importer: Importer,
  at: string,
): HistoryEntry {
  return { actionId: next.id, version: next.version, at, actorAadObjectId: importer.aadObjectId, actorName: importer.name, field, oldValue, newValue, note, channel: 'import' };
}
