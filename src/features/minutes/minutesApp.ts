import { partnershipOf, type AppDeps } from '../deps';
import type { Reply, RequestContext, VerbHandler } from '../../core/turn';
import { extractFromParagraphs, MinutesInputError, parseMinutes, toDryRun } from './parse';
import type { ActionRef, MinutesDryRun, MinutesExtract, ProposedFollowUp } from '../../domain/minutes/model';
import { isIsoDate } from './dates';
import { significantWords } from './activities';
import { hasAtLeast } from '../../core/roles';
import { inTransaction } from '../../store/db';
import { FollowUpRepo } from '../../store/followUpRepo';
import { MinutesRepo, StoredMinutes, storeInTransaction } from '../../store/minutesRepo';
import { resolveDue } from '../../domain/followups/dueDate';
import type { Recipient } from '../../domain/followups/model';
import { docxToText } from './docxText';
import { linkInputId, followUpInputIds, minutesDoneCard, minutesPreviewCard } from './cards';

/** Minutes are a few pages; anything near this is not minutes, or would swamp the parser. */
export const MAX_MINUTES_BYTES = 5 * 1024 * 1024;

export { MinutesInputError };

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Refuses anything over 5 MB, saying how big it was and what the limit is. */
export function assertMinutesSize(bytes: number, name = 'The minutes'): void {
  if (bytes > MAX_MINUTES_BYTES) {
    throw new MinutesInputError(`${name} is ${megabytes(bytes)}, over the 5 MB limit for minutes. Send the minutes of one meeting as plain text, .txt or .docx.`);
  }
}

/** The text of a Word document (.docx), paragraphs separated by blank lines, list numbers and table rows kept. */
export async function extractTextFromDocx(buffer: Buffer): Promise<string> {
  assertMinutesSize(buffer.length, 'The document');
  try {
    return await docxToText(buffer);
  } catch {
    throw new MinutesInputError('The file could not be read as a Word document (.docx). Save it again as .docx or .txt and send it again.');
  }
}

/** The text of an uploaded .txt or .docx file; other kinds are refused with a clear message. */
export async function minutesTextFromFile(fileName: string, buffer: Buffer): Promise<string> {
  assertMinutesSize(buffer.length, fileName);
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.docx')) return extractTextFromDocx(buffer);
  if (lower.endsWith('.txt') || lower.endsWith('.text') || !/\.[a-z0-9]{1,5}$/.test(lower)) {
    return buffer.toString('utf8').replace(/^\ufeff/, '');
  }
  throw new MinutesInputError(`${fileName} is not a .txt or .docx file. Copy the minutes as plain text, or save them as .docx, and send them again.`);
}

/** The plan's actions to match against; exempt (Part 2) ones only where they may be shown. */
async function actionRefs(deps: AppDeps, includeExempt = true): Promise<ActionRef[]> {
  return (await (await deps.snapshots.current()).plan(partnershipOf(deps))).items.filter((a) => includeExempt || a.classification !== 'exempt').map((a) => ({ id: a.id, title: a.title }));
}

/** Exempt items appear only in a personal chat (see domain notes: Part 2 items never in a channel). */
function mayShowExempt(ctx: RequestContext): boolean {
  return ctx.conversation.type === 'personal';
}

/** Reads minutes against the plan and the district's wards; writes nothing. */
export async function preview(deps: AppDeps, text: string, meetingDate?: string | null, options: { includeExempt?: boolean } = {}): Promise<{ extract: MinutesExtract; dryRun: MinutesDryRun }> {
  assertMinutesSize(Buffer.byteLength(text, 'utf8'));
  const extract = parseMinutes(text, { meetingDate: meetingDate ?? null, actions: await actionRefs(deps, options.includeExempt ?? true), pack: deps.pack });
  return { extract, dryRun: toDryRun(extract) };
}

/** What the person confirming chose: which proposals to create, with edited dates and owners. */
export interface ImportChoices {
  /** Keys of follow-ups to leave out. */
  skipFollowUps?: string[];
  /** `${activityKey}|${actionId}` of action links to leave out. */
  skipLinks?: string[];
  due?: Record<string, { due: string; precision: 'day' | 'month' }>;
  owner?: Record<string, string>;
}

export interface ImportActor {
  /** Stored as created_by: an AAD object id, or "cli". */
  id: string;
  name: string;
  /** Set for a Teams user: they become the owner who is reminded until the item is reassigned. */
  aadObjectId?: string | null;
}

export interface ImportInput {
  text?: string;
  /** Import a document already stored (the Teams preview stores it; the card carries its hash). */
  contentHash?: string;
  meetingDate?: string | null;
  sourceName?: string | null;
  actor: ImportActor;
  channel: 'cli' | 'teams';
  choices?: ImportChoices;
  /** False in a channel: exempt actions are neither matched nor linked. Default true. */
  includeExempt?: boolean;
}

export interface ImportResult {
  document: StoredMinutes;
  documentCreated: boolean;
  followUpsCreated: { id: string; title: string; key: string }[];
  followUpsExisting: { id: string; title: string; key: string }[];
  linksCreated: number;
  linksExisting: number;
  extract: MinutesExtract;
}

function sourceKeyOf(hash: string, key: string): string {
  return `minutes:${hash}:${key}`;
}

function minuteRef(f: ProposedFollowUp): string {
  return f.resolutionNumber !== null ? `Resolution (${f.resolutionNumber}), paragraph ${f.source.paragraph}` : `Paragraph ${f.source.paragraph}`;
}

/** A committee or Members hear about it in the committee channel. */
function recipientsOf(f: ProposedFollowUp, actor: ImportActor): Omit<Recipient, 'muted'>[] {
  const out: Omit<Recipient, 'muted'>[] = [];
  if (actor.aadObjectId) out.push({ kind: 'user', target: actor.aadObjectId, label: actor.name, role: 'owner' });
  if (f.audience && /\b(?:committee|members|councillors|cabinet|board|panel)\b/i.test(f.audience)) {
    out.push({ kind: 'committee', target: 'committee', label: f.audience, role: 'audience' });
  }
  return out;
}

/** Two titles for the same request: most of the shorter one's words are in the longer one. */
export function sameRequest(a: string, b: string): boolean {
  const wa = new Set(significantWords(a));
  const wb = new Set(significantWords(b));
  const hits = [...wa].filter((w) => wb.has(w)).length;
  return hits >= 3 && hits / Math.min(wa.size, wb.size) >= 0.65;
}

/** Reads the minutes of an import: from the text, or from the stored document the card names. */
async function extractFor(deps: AppDeps, input: ImportInput): Promise<MinutesExtract> {
  const options = { meetingDate: input.meetingDate ?? null, actions: await actionRefs(deps, input.includeExempt ?? true), pack: deps.pack };
  if (input.text !== undefined) {
    assertMinutesSize(Buffer.byteLength(input.text, 'utf8'));
    return parseMinutes(input.text, options);
  }
  const repo = new MinutesRepo(deps.store, partnershipOf(deps));
  const doc = input.contentHash ? await repo.findByHash(input.contentHash) : undefined;
  if (!doc) throw new MinutesInputError('These minutes are no longer stored: send them again to get a new preview.');
  return extractFromParagraphs(await repo.paragraphs(doc.id), { ...options, meetingDate: input.meetingDate ?? doc.meetingDate });
}

/**
 * Stores the minutes (once), creates the chosen follow-ups through the follow-ups repository and
 * links them and the named actions to their paragraphs, all in one transaction. Importing the
 * same minutes again finds what was created and adds nothing.
 */
export async function importMinutes(deps: AppDeps, input: ImportInput): Promise<ImportResult> {
  const extract = await extractFor(deps, input);
  if (!extract.isMinutes) throw new MinutesInputError(extract.summary);
  const choices = input.choices ?? {};
  const skipped = new Set(choices.skipFollowUps ?? []);
  const followUps = extract.followUps.filter((f) => !skipped.has(f.key));
  const undated = followUps.filter((f) => !(choices.due?.[f.key] ?? f.due ?? f.chaseFrom));
  if (undated.length > 0) {
    throw new MinutesInputError(
      `The due date of ${undated.length === 1 ? 'one follow-up' : `${undated.length} follow-ups`} depends on the meeting date, which the minutes do not give: give the meeting date (YYYY-MM-DD) and import again.`,
    );
  }
  const skipLinks = new Set(choices.skipLinks ?? []);
  const at = deps.clock.now();

  return inTransaction(deps.store, async (trx) => {
    const scoped = storeInTransaction(deps.store, trx);
    const minutes = new MinutesRepo(scoped, partnershipOf(deps));
    const followUpRepo = new FollowUpRepo(scoped, partnershipOf(deps));
    const { document, created: documentCreated } = await minutes.saveDocument(
      {
        contentHash: extract.contentHash,
        title: extract.meeting.title,
        meetingDate: extract.meeting.date,
        sourceName: input.sourceName ?? null,
        paragraphs: extract.paragraphs,
        resolutions: extract.resolutions.map((r) => ({ number: r.number, paragraph: r.source.paragraph })),
      },
      at,
      input.actor.id,
    );
    const result: ImportResult = { document, documentCreated, followUpsCreated: [], followUpsExisting: [], linksCreated: 0, linksExisting: 0, extract };
    // Items of the same meeting entered another way (by hand, or the demo) are found by their title, not duplicated.
    const ownIds = new Set((await minutes.links(document.id)).filter((l) => l.targetKind === 'followup').map((l) => l.targetId));
    const others = extract.meeting.date ? (await followUpRepo.list({ meetingDate: extract.meeting.date })).filter((x) => !ownIds.has(x.id)) : [];
    for (const f of followUps) {
      const similar = others.find((x) => sameRequest(x.title, f.title));
      if (similar) {
        others.splice(others.indexOf(similar), 1);
        result.followUpsExisting.push({ id: similar.id, title: similar.title, key: f.key });
        const linked = await minutes.link({ documentId: document.id, paragraph: f.source.paragraph, itemKey: f.key, targetKind: 'followup', targetId: similar.id }, at, input.actor.id);
        if (linked) result.linksCreated += 1;
        else result.linksExisting += 1;
        continue;
      }
      const chosen = choices.due?.[f.key]?.due;
      const due = resolveDue(chosen ?? f.due ?? f.chaseFrom!);
      const owner = choices.owner?.[f.key] ?? f.owner;
      const notes = [
        owner ? `Owner: ${owner}${!choices.owner?.[f.key] && f.ownerBasis === 'presenter' ? ' (presented the report)' : ''}` : null,
        !chosen && !f.due ? `No date given in the minutes: reminders start from ${f.chaseFrom}.` : null,
        f.exempt ? 'Exempt (Part 2) item.' : null,
      ].filter((x): x is string => x !== null);
      const { followUp, created } = await followUpRepo.create(
        {
          title: f.title,
          detail: notes.length ? notes.join(' ') : null,
          dueDate: due.dueDate,
          duePrecision: due.precision,
          dueMonth: due.dueMonth,
          source: { kind: f.kind === 'resolution' ? 'resolution' : 'request', meetingDate: extract.meeting.date, meetingTitle: extract.meeting.title, minuteRef: minuteRef(f), text: f.source.text },
          sourceKey: sourceKeyOf(extract.contentHash, f.key),
          // Read from a Part 2 item: never shown or posted in a channel or group chat.
          classification: f.exempt ? 'exempt' : 'public',
          recipients: recipientsOf(f, input.actor),
        },
        at,
        input.actor.id,
        input.channel,
      );
      (created ? result.followUpsCreated : result.followUpsExisting).push({ id: followUp.id, title: followUp.title, key: f.key });
      const linked = await minutes.link({ documentId: document.id, paragraph: f.source.paragraph, itemKey: f.key, targetKind: 'followup', targetId: followUp.id }, at, input.actor.id);
      if (linked) result.linksCreated += 1;
      else result.linksExisting += 1;
    }
    for (const a of extract.activities) {
      for (const actionId of a.matchedActionIds) {
        if (skipLinks.has(`${a.key}|${actionId}`)) continue;
        const linked = await minutes.link({ documentId: document.id, paragraph: a.source.paragraph, itemKey: a.key, targetKind: 'action', targetId: actionId }, at, input.actor.id);
        if (linked) result.linksCreated += 1;
        else result.linksExisting += 1;
      }
    }
    await minutes.audit('minutes.imported', input.actor.id, { hash: extract.contentHash, documentId: document.id, created: result.followUpsCreated.length, existing: result.followUpsExisting.length, links: result.linksCreated }, at);
    return result;
  });
}

/** One line per outcome, for the CLI and the chat. */
export function describeImport(r: ImportResult): string[] {
  const lines = [
    r.documentCreated ? `Stored the minutes (${r.document.paragraphCount} paragraphs).` : 'These minutes were imported before: the stored copy was used.',
    `${r.followUpsCreated.length} follow-up${r.followUpsCreated.length === 1 ? '' : 's'} created${r.followUpsExisting.length ? `, ${r.followUpsExisting.length} already there (not duplicated)` : ''}.`,
    `${r.linksCreated} link${r.linksCreated === 1 ? '' : 's'} to the minutes added${r.linksExisting ? `, ${r.linksExisting} already there` : ''}.`,
  ];
  for (const f of r.followUpsCreated) lines.push(`  + ${f.id} ${f.title}`);
  return lines;
}


const COORDINATORS_ONLY = 'Only coordinators can import minutes. Ask your community safety team to send them.';

/**
 * The preview card for minutes pasted or sent in chat. The document is stored (so the card needs
 * only its hash); nothing else is written until a coordinator presses Create.
 */
export async function previewCardForText(text: string, ctx: RequestContext, deps: AppDeps, options: { meetingDate?: string | null; sourceName?: string | null } = {}): Promise<Reply> {
  if (!hasAtLeast(ctx.actor.role, 'coordinator')) return { text: COORDINATORS_ONLY };
  try {
    const { extract } = await preview(deps, text, options.meetingDate ?? null, { includeExempt: mayShowExempt(ctx) });
    if (!extract.isMinutes) return { text: extract.summary };
    if (!mayShowExempt(ctx) && [...extract.resolutions, ...extract.followUps, ...extract.figures].some((x) => x.exempt)) {
      return { text: 'These minutes include exempt (Part 2) items, which are never shown in a channel. Send them to the bot in a private chat to review them.' };
    }
    await new MinutesRepo(deps.store, partnershipOf(deps)).saveDocument(
      {
        contentHash: extract.contentHash,
        title: extract.meeting.title,
        meetingDate: extract.meeting.date,
        sourceName: options.sourceName ?? 'chat',
        paragraphs: extract.paragraphs,
        resolutions: extract.resolutions.map((r) => ({ number: r.number, paragraph: r.source.paragraph })),
      },
      deps.clock.now(),
      ctx.actor.aadObjectId,
    );
    return { text: extract.summary, card: minutesPreviewCard(extract) };
  } catch (err) {
    if (err instanceof MinutesInputError) return { text: err.message };
    throw err;
  }
}

/** The same for a .txt or .docx attachment the bot has downloaded. */
export async function previewCardForFile(fileName: string, buffer: Buffer, ctx: RequestContext, deps: AppDeps): Promise<Reply> {
  if (!hasAtLeast(ctx.actor.role, 'coordinator')) return { text: COORDINATORS_ONLY };
  try {
    const text = await minutesTextFromFile(fileName, buffer);
    return previewCardForText(text, ctx, deps, { sourceName: fileName });
  } catch (err) {
    if (err instanceof MinutesInputError) return { text: err.message };
    throw err;
  }
}

function hashOf(data: unknown): string | null {
  const h = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).hash : undefined;
  return typeof h === 'string' && /^[0-9a-f]{64}$/.test(h) ? h : null;
}

function inputOf(data: unknown, id: string): string | undefined {
  const v = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[id] : undefined;
  return typeof v === 'string' ? v.trim() : typeof v === 'boolean' ? String(v) : undefined;
}

/** Reads the card's toggles, dates and owners back into choices, checking each value. */
export function choicesFromCard(extract: MinutesExtract, data: unknown): { choices: ImportChoices; problems: string[] } {
  const choices: ImportChoices = { skipFollowUps: [], skipLinks: [], due: {}, owner: {} };
  const problems: string[] = [];
  // A card too small for every follow-up showed the first `shown`; the rest are not created from it.
  const shownRaw = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).shown : undefined;
  const shown = typeof shownRaw === 'number' && Number.isInteger(shownRaw) && shownRaw >= 0 ? shownRaw : extract.followUps.length;
  for (const [i, f] of extract.followUps.entries()) {
    const ids = followUpInputIds(f.key);
    if (i >= shown) {
      choices.skipFollowUps!.push(f.key);
      continue;
    }
    if (inputOf(data, ids.include) === 'false') {
      choices.skipFollowUps!.push(f.key);
      continue;
    }
    const due = inputOf(data, ids.due);
    if (due) {
      if (!isIsoDate(due)) problems.push(`The due date of "${f.title}" must be a date.`);
      // A month-precise date left on the 1st of its month stays "in September"; any other day is a day.
      else if (f.precision === 'month' && f.due && due === `${f.due}-01`) choices.due![f.key] = { due: f.due, precision: 'month' };
      else choices.due![f.key] = { due, precision: 'day' };
    } else if (!f.due && !f.chaseFrom) problems.push(`"${f.title}" needs a due date.`);
    const owner = inputOf(data, ids.owner);
    if (owner !== undefined && owner !== (f.owner ?? '')) choices.owner![f.key] = owner.slice(0, 200);
  }
  for (const a of extract.activities) {
    for (const actionId of a.matchedActionIds) {
      if (inputOf(data, linkInputId(a.key, actionId)) === 'false') choices.skipLinks!.push(`${a.key}|${actionId}`);
    }
  }
  return { choices, problems };
}

/** Card verbs of the minutes preview: `minutes.create` and `minutes.cancel`, for coordinators only. */
export function minutesVerbs(deps: AppDeps): Record<string, VerbHandler> {
  const run = (kind: 'create' | 'cancel'): VerbHandler => async (req, ctx) => {
    const hash = hashOf(req.data);
    if (!hash) return { kind: 'error', status: 400, message: 'This card is missing the minutes it belongs to: send the minutes again.' };
    const repo = new MinutesRepo(deps.store, partnershipOf(deps));
    const doc = await repo.findByHash(hash);
    if (!doc) return { kind: 'error', status: 404, message: 'These minutes are no longer stored: send them again to get a new preview.' };
    const extract = extractFromParagraphs(await repo.paragraphs(doc.id), { meetingDate: doc.meetingDate, actions: await actionRefs(deps, mayShowExempt(ctx)), pack: deps.pack });
    if (req.trigger === 'automatic') return { kind: 'card', card: minutesPreviewCard(extract) };
    if (!hasAtLeast(ctx.actor.role, 'coordinator')) return { kind: 'error', status: 403, message: COORDINATORS_ONLY };

    if (kind === 'cancel') {
      // The preview stored the text; with nothing created from it, cancelling removes it again.
      await repo.deleteIfUnlinked(doc.id);
      const card = minutesDoneCard(extract, { cancelled: true, by: ctx.actor.name });
      return { kind: 'card', card, updateOriginal: card };
    }
    const { choices, problems } = choicesFromCard(extract, req.data);
    if (problems.length > 0) return { kind: 'message', text: `Nothing was created. ${problems.join(' ')}` };
    try {
      const result = await importMinutes(deps, {
        contentHash: hash,
        actor: { id: ctx.actor.aadObjectId, name: ctx.actor.name, aadObjectId: ctx.actor.aadObjectId },
        channel: 'teams',
        choices,
        includeExempt: mayShowExempt(ctx),
      });
      const card = minutesDoneCard(extract, { result, by: ctx.actor.name });
      return { kind: 'card', card, updateOriginal: card };
    } catch (err) {
      if (err instanceof MinutesInputError) return { kind: 'message', text: `Nothing was created. ${err.message}` };
      throw err;
    }
  };
  return { 'minutes.create': run('create'), 'minutes.cancel': run('cancel') };
}
