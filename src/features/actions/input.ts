import { z } from 'zod';
import { DateTime } from 'luxon';
import { ACTION_STATUSES, RAGS } from '../../domain/actions/model';
import type { ActionEdit } from './workflow';

/** Bounds on what a card may send: long enough for real use, short enough to refuse junk. */
export const INPUT_LIMITS = { update: 2000, note: 1000, reason: 500, minDate: '2000-01-01', maxYearsAhead: 10 } as const;

export function maxDate(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'utc' }).plus({ years: INPUT_LIMITS.maxYearsAhead }).toISODate() as string;
}

/** Teams sends an empty string for an input left blank: that means "not given". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const text = (max: number, what: string) =>
  z.preprocess(blankToUndefined, z.string().max(max, { message: `${what} is too long: at most ${max.toLocaleString('en-GB')} characters` }).optional());

export const actionRefSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,39}$/, { message: 'the action reference is not valid' }),
});

export const versionedRefSchema = actionRefSchema.extend({
  version: z.coerce.number().int().min(1).max(1_000_000),
});

function dateString(now: Date, what = 'the target date', missing?: string) {
  const latest = maxDate(now);
  return z
    .string(missing ? { error: missing } : undefined)
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${what} must be a date like 2021-12-31` })
    .refine((v) => DateTime.fromISO(v, { zone: 'utc' }).isValid, { message: `${what} is not a real date` })
    .refine((v) => v >= INPUT_LIMITS.minDate, { message: `${what} must not be before ${INPUT_LIMITS.minDate}` })
    .refine((v) => v <= latest, { message: `${what} must be within ${INPUT_LIMITS.maxYearsAhead} years (by ${latest})` });
}

function dateSchema(now: Date) {
  return z.preprocess(blankToUndefined, dateString(now).optional());
}

function saveSchema(now: Date) {
  return versionedRefSchema.extend({
    status: z.preprocess(blankToUndefined, z.enum(ACTION_STATUSES, { message: 'the status is not one of the plan’s statuses' }).optional()),
    statusNote: text(INPUT_LIMITS.note, 'The note'),
    update: text(INPUT_LIMITS.update, 'The progress update'),
    targetDate: dateSchema(now),
    targetDateReason: text(INPUT_LIMITS.reason, 'The reason for the new target date'),
    ragOverride: z.preprocess(blankToUndefined, z.enum(['keep', 'none', ...RAGS], { message: 'the RAG choice is not one offered' }).optional()),
    ragOverrideReason: text(INPUT_LIMITS.reason, 'The reason for the RAG'),
  });
}

export interface SaveInput {
  id: string;
  version: number;
  edit: ActionEdit;
  /** What the person typed, kept so a refused or stale save can offer it back. */
  raw: Record<string, string>;
}

/** A refusal lists its problems, and by input id the ones about a field, to show beside it. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[]; fields?: Record<string, string> };

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const field = i.path.join('.');
    return /^[A-Z]/.test(i.message) || !field ? i.message : `${field}: ${i.message}`;
  });
}

function fieldsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) {
    const field = String(i.path[0] ?? '');
    if (field && !(field in out)) out[field] = i.message.charAt(0).toUpperCase() + i.message.slice(1);
  }
  return out;
}

/** The inputs a person may have typed, as text, for offering back; anything else is dropped. */
export function rawInputs(data: unknown): Record<string, string> {
  const keep = ['status', 'statusNote', 'update', 'targetDate', 'targetDateReason', 'ragOverride', 'ragOverrideReason'];
  const out: Record<string, string> = {};
  if (typeof data === 'object' && data !== null) {
    for (const k of keep) {
      const v = (data as Record<string, unknown>)[k];
      if (typeof v === 'string' && v.trim() !== '') out[k] = v.slice(0, INPUT_LIMITS.update);
    }
  }
  return out;
}

/** Checks a save's data (the card's id and version, plus the inputs Teams merges in). */
export function parseSave(data: unknown, now: Date): Parsed<SaveInput> {
  const r = saveSchema(now).safeParse(data);
  if (!r.success) return { ok: false, problems: problemsOf(r.error), fields: fieldsOf(r.error) };
  const v = r.data;
  const edit: ActionEdit = {
    status: v.status,
    statusNote: v.statusNote,
    update: v.update,
    targetDate: v.targetDate,
    targetDateReason: v.targetDateReason,
    ragOverride: v.ragOverride === 'keep' ? undefined : v.ragOverride,
    ragOverrideReason: v.ragOverrideReason,
  };
  return { ok: true, value: { id: v.id, version: v.version, edit, raw: rawInputs(data) } };
}

export function parseRef(data: unknown): Parsed<{ id: string }> {
  const r = actionRefSchema.safeParse(data);
  return r.success ? { ok: true, value: { id: r.data.id } } : { ok: false, problems: problemsOf(r.error) };
}

export function parseVersionedRef(data: unknown): Parsed<{ id: string; version: number }> {
  const r = versionedRefSchema.safeParse(data);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: problemsOf(r.error) };
}

const areaCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_:.-]{0,59}$/, { message: 'the area is not one the plan knows' });
const shortText = (max: number) => z.string().trim().min(1).max(max);

/**
 * A filter carried by a plan card's buttons: the chat question's filter, or what the card's own
 * inputs chose. Only words and codes, never records; checked again when pressed.
 */
export const cardFilterSchema = z
  .object({
    theme: shortText(100).optional(),
    /** A ward or a named group (wards of every ward set are matched through their LSOAs). */
    area: areaCode.optional(),
    /** Several areas ("actions in Rother and Dunston"). */
    areas: z.array(areaCode).min(1).max(8).optional(),
    /** Kept for older cards, which sent one ward code. */
    wardCode: z.string().regex(/^[EW]05\d{6}$/).optional(),
    status: z.enum(ACTION_STATUSES).optional(),
    rag: z.enum(RAGS).optional(),
    rags: z.array(z.enum(RAGS)).min(1).max(4).optional(),
    lead: z.literal('me').optional(),
    leadName: shortText(80).optional(),
    leadAgency: shortText(80).optional(),
    overdue: z.boolean().optional(),
    changedSince: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    noLead: z.literal(true).optional(),
    flagged: z.literal(true).optional(),
    dueFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    dueTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict();

export type CardListFilter = z.infer<typeof cardFilterSchema>;

/** The toggles and choices of the plan card's filter bar, merged into the data by Teams when Apply is pressed. */
/** "*" is the filter bar's "any" choice: no filter. */
const anyToUndefined = (v: unknown) => (v === '*' ? undefined : blankToUndefined(v));

const filterInputs = z.object({
  fTheme: z.preprocess(anyToUndefined, z.string().max(100).optional()),
  fArea: z.preprocess(anyToUndefined, areaCode.optional()),
  fMine: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
  fOverdue: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
});

export const listRequestSchema = z
  .object({
    filter: cardFilterSchema.default({}),
    /** Closed, completed, cancelled and carried-forward actions are folded away unless asked for. */
    done: z.boolean().default(false),
    page: z.coerce.number().int().min(1).max(1000).default(1),
    /** Set by the Apply button: the filter bar's inputs replace theme, area, mine and overdue. */
    apply: z.boolean().optional(),
  })
  .merge(filterInputs)
  .passthrough();

export interface ListRequest {
  filter: CardListFilter;
  done: boolean;
  page: number;
}

export function parseListFilter(data: unknown): Parsed<CardListFilter> {
  const r = parseListRequest(data);
  return r.ok ? { ok: true, value: r.value.filter } : r;
}

/** A plan card's list request: the carried filter, with the filter bar's choices applied when asked. */
export function parseListRequest(data: unknown): Parsed<ListRequest> {
  const r = listRequestSchema.safeParse(data ?? {});
  if (!r.success) return { ok: false, problems: problemsOf(r.error) };
  const v = r.data;
  let filter: CardListFilter = { ...v.filter };
  if (v.apply) {
    const { theme: _t, area: _a, areas: _as, wardCode: _w, lead: _l, overdue: _o, ...rest } = filter;
    filter = {
      ...rest,
      ...(v.fTheme ? { theme: v.fTheme } : {}),
      ...(v.fArea ? { area: v.fArea } : {}),
      ...(v.fMine === 'true' ? { lead: 'me' as const } : {}),
      ...(v.fOverdue === 'true' ? { overdue: true } : {}),
    };
    // Choosing the filter again starts from the first page.
    return { ok: true, value: { filter, done: v.done, page: 1 } };
  }
  return { ok: true, value: { filter, done: v.done, page: v.page } };
}

// ───────────── coordinators' forms: new action, reassign, move the date, close, reopen ─────────────

/** An AAD object id as the people picker sends it (a GUID in real tenants; kept loose for others). */
const personId = (missing: string) => z.preprocess(blankToUndefined, z.string({ error: missing }).regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$/, { message: 'Choose a person from the list' }));
const required = (max: number, what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${what} is needed` })
      .trim()
      .min(1, { message: `${what} is needed` })
      .max(max, { message: `${what} is too long: at most ${max.toLocaleString('en-GB')} characters` }),
  );
function requiredDate(now: Date, what: string) {
  return z.preprocess(blankToUndefined, dateString(now, what.toLowerCase(), `${what} is needed`));
}

export const TITLE_MAX = 200;
export const AGENCY_MAX = 120;

function createSchema(now: Date) {
  return z.object({
    theme: required(100, 'A theme'),
    title: required(TITLE_MAX, 'A title'),
    description: text(INPUT_LIMITS.update, 'The description'),
    lead: personId('A lead officer is needed'),
    leadAgency: required(AGENCY_MAX, 'A lead agency'),
    // Teams sends a multi-select as one comma-separated string.
    wards: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(',').map((w) => w.trim()).filter(Boolean) : v === undefined ? [] : v),
      z.array(z.string().regex(/^[EW]05\d{6}$/, { message: 'a ward is not one the plan knows' })).max(60),
    ),
    targetDate: requiredDate(now, 'A target date'),
    // Other agencies working on it: typed as a list separated by commas or semicolons.
    partners: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/[,;]/).map((p) => p.trim()).filter(Boolean) : v === undefined ? [] : v),
      z.array(z.string().max(AGENCY_MAX, { message: `a partner's name is too long: at most ${AGENCY_MAX} characters` })).max(MAX_PARTNERS, { message: `at most ${MAX_PARTNERS} partners` }),
    ),
    successMeasure: text(INPUT_LIMITS.note, 'The success measure'),
    // Only a private chat offers "exempt"; the verb refuses it from anywhere else.
    classification: z.preprocess((v) => blankToUndefined(v) ?? 'public', z.enum(['public', 'exempt'], { message: 'choose public or exempt' })),
  });
}

/** Partners an action may name on the form. */
const MAX_PARTNERS = 20;

export type CreateInput = z.infer<ReturnType<typeof createSchema>>;

/** What the forms' inputs were, as typed, for offering them back after a refusal. */
export function formInputs(data: unknown, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof data === 'object' && data !== null) {
    for (const k of keys) {
      const v = (data as Record<string, unknown>)[k];
      if (typeof v === 'string' && v.trim() !== '') out[k] = v.slice(0, INPUT_LIMITS.update);
    }
  }
  return out;
}

export type FormParsed<T> = { ok: true; value: T } | { ok: false; problems: string[]; fields: Record<string, string> };

function parseForm<S extends z.ZodTypeAny>(schema: S, data: unknown): FormParsed<z.infer<S>> {
  const r = schema.safeParse(data ?? {});
  return r.success ? { ok: true, value: r.data as z.infer<S> } : { ok: false, problems: problemsOf(r.error), fields: fieldsOf(r.error) };
}

export const CREATE_INPUTS = ['theme', 'title', 'description', 'lead', 'leadAgency', 'wards', 'targetDate', 'partners', 'successMeasure', 'classification'] as const;

export function parseCreate(data: unknown, now: Date): FormParsed<CreateInput> {
  return parseForm(createSchema(now), data);
}

export const MANAGE_INPUTS = ['lead', 'leadAgency', 'leadReason', 'targetDate', 'targetDateReason', 'closeNote', 'reopenReason'] as const;

export function parseReassign(data: unknown) {
  return parseForm(
    versionedRefSchema.extend({
      lead: personId('Choose the new lead officer'),
      leadAgency: text(AGENCY_MAX, 'The lead agency'),
      leadReason: text(INPUT_LIMITS.reason, 'The reason'),
    }),
    data,
  );
}

export function parseMove(data: unknown, now: Date) {
  return parseForm(
    versionedRefSchema.extend({
      targetDate: requiredDate(now, 'The new target date'),
      targetDateReason: required(INPUT_LIMITS.reason, 'A reason for moving the date'),
    }),
    data,
  );
}

export function parseClose(data: unknown) {
  return parseForm(versionedRefSchema.extend({ closeNote: required(INPUT_LIMITS.note, 'A verification note') }), data);
}

export function parseReopen(data: unknown) {
  return parseForm(versionedRefSchema.extend({ reopenReason: required(INPUT_LIMITS.reason, 'A reason for reopening') }), data);
}
