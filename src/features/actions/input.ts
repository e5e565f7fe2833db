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

function dateSchema(now: Date) {
  const latest = maxDate(now);
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'the target date must be a date like 2021-12-31' })
      .refine((v) => DateTime.fromISO(v, { zone: 'utc' }).isValid, { message: 'the target date is not a real date' })
      .refine((v) => v >= INPUT_LIMITS.minDate, { message: `the target date must not be before ${INPUT_LIMITS.minDate}` })
      .refine((v) => v <= latest, { message: `the target date must be within ${INPUT_LIMITS.maxYearsAhead} years (by ${latest})` })
      .optional(),
  );
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

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const field = i.path.join('.');
    return /^[A-Z]/.test(i.message) || !field ? i.message : `${field}: ${i.message}`;
  });
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
  if (!r.success) return { ok: false, problems: problemsOf(r.error) };
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

export const listFilterSchema = z.object({
  filter: z
    .object({
      theme: z.string().max(100).optional(),
      wardCode: z.string().regex(/^[EW]05\d{6}$/).optional(),
      status: z.enum(ACTION_STATUSES).optional(),
      rag: z.enum(RAGS).optional(),
      lead: z.literal('me').optional(),
      overdue: z.boolean().optional(),
    })
    .strict()
    .default({}),
});

export type CardListFilter = z.infer<typeof listFilterSchema>['filter'];

export function parseListFilter(data: unknown): Parsed<CardListFilter> {
  const r = listFilterSchema.safeParse(data ?? {});
  return r.success ? { ok: true, value: r.data.filter } : { ok: false, problems: problemsOf(r.error) };
}
