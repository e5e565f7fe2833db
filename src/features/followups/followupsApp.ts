import * as chrono from 'chrono-node';
import { partnershipOf, type AppDeps } from '../deps';
import type { InvokeOutcome, RequestContext, VerbHandler } from '../../core/turn';
import type { Query } from '../../core/query';
import type { Answer, FollowUpSummary } from '../../core/answer';
import { hasAtLeast } from '../../core/roles';
import { reminderCard, longDate } from './cards';
import { describeDue } from '../../domain/followups/dueDate';
import { addDays } from '../../domain/followups/holidays';
import { DEFAULT_SCHEDULE, FollowUp, Recipient, subjectOfFollowUp } from '../../domain/followups/model';
import { localDate, localToUtc, sendKey, snoozeUntil } from '../../domain/followups/schedule';
import { matchFollowUps } from './match';
import { FollowUpRepo } from '../../store/followUpRepo';
import { ReminderRepo } from '../../store/reminderRepo';
import { AuditLog } from '../../store/auditLog';

/** Items listed by "what's due": everything open and due within this many days (overdue included). */
const DUE_WINDOW_DAYS = 28;
const MAX_LISTED = 10;

function schedule(deps: AppDeps) {
  return { ...DEFAULT_SCHEDULE, timezone: deps.config.CSP_TIMEZONE };
}

/** Exempt (Part 2) items appear only in a personal chat, to someone with a role. */
export function visible(f: FollowUp, ctx: RequestContext): boolean {
  return f.classification === 'public' || (ctx.conversation.type === 'personal' && hasAtLeast(ctx.actor.role, 'officer'));
}

export function summaryOf(f: FollowUp): FollowUpSummary {
  return { id: f.id, title: f.title, due: f.duePrecision === 'month' && f.dueMonth ? f.dueMonth : f.dueDate, status: f.status };
}

function line(f: FollowUp, today: string): string {
  const due = describeDue(f.dueDate, f.duePrecision, f.dueMonth);
  if (f.status !== 'open') return `- ${f.title} – ${f.status === 'done' ? 'done' : 'cancelled'}${f.completedAt ? ` (${describeDue(f.completedAt.slice(0, 10), 'day', null)})` : ''}`;
  const late = f.dueDate < today ? ' – overdue' : '';
  return `- ${f.title} – due ${due}${late}`;
}

function listAnswer(items: FollowUp[], heading: string, empty: string, today: string, suggestions: string[]): Answer {
  const shown = items.slice(0, MAX_LISTED);
  const more = items.length > shown.length ? `\n…and ${items.length - shown.length} more.` : '';
  return {
    intent: 'followups.list',
    followups: items.map(summaryOf),
    text: items.length === 0 ? empty : `${heading}\n${shown.map((f) => line(f, today)).join('\n')}${more}`,
    sources: [{ name: 'Follow-ups recorded from committee minutes and chat', asOf: today }],
    suggestions,
  };
}

/** Answers followups.list, followups.remind and followups.stop as Answer objects (what `csp ask --json` prints). */
export async function answerFollowUps(query: Query, ctx: RequestContext, deps: AppDeps): Promise<Answer> {
  const repo = new FollowUpRepo(deps.store, partnershipOf(deps));
  const today = localDate(ctx.now, deps.config.CSP_TIMEZONE);
  if (query.intent === 'followups.remind') return remind(query, ctx, deps, repo, today);
  if (query.intent === 'followups.stop') return stop(query, ctx, repo, today);

  const scope = query.followups?.scope ?? 'all';
  if (scope === 'last-meeting') {
    const meeting = await repo.lastMeetingDate(today);
    if (!meeting) return listAnswer([], '', 'No follow-ups from a committee meeting are recorded yet.', today, ["what's due"]);
    const items = (await repo.list({ meetingDate: meeting })).filter((f) => visible(f, ctx));
    const done = items.filter((f) => f.status === 'done').length;
    return listAnswer(
      items,
      `From the meeting on ${describeDue(meeting, 'day', null)}: ${items.length} follow-up${items.length === 1 ? '' : 's'}, ${done} done.`,
      `Nothing was recorded from the meeting on ${describeDue(meeting, 'day', null)}.`,
      today,
      ["what's overdue", "what's due"],
    );
  }
  const open = (await repo.list({ status: ['open'] })).filter((f) => visible(f, ctx));
  if (scope === 'overdue') {
    const items = open.filter((f) => f.dueDate < today);
    // Said of follow-ups only: "what's overdue" may mean the plan's actions, which are listed apart.
    return listAnswer(items, `${items.length} follow-up${items.length === 1 ? ' is' : 's are'} overdue:`, 'No committee follow-up is overdue.', today, ['which actions are overdue', "what's due", 'follow-ups from the last meeting']);
  }
  const asked = query.followups;
  if (scope === 'due' && asked?.from && asked.to) {
    const { from, to } = asked;
    const items = open.filter((f) => dueBetween(f, from, to));
    const range = `between ${describeDue(from, 'day', null)} and ${describeDue(to, 'day', null)}`;
    const next = open.filter((f) => f.dueDate > to).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
    const after = next ? ` The next is due ${describeDue(next.dueDate, next.duePrecision, next.dueMonth)}: ${next.title}.` : '';
    const heading = `${items.length} follow-up${items.length === 1 ? ' is' : 's are'} due ${range}:`;
    return listAnswer(items, heading, `No committee follow-up is due ${range}.${after}`, today, ["what's overdue", "what's due"]);
  }
  if (scope === 'due') {
    const horizon = addDays(today, DUE_WINDOW_DAYS);
    const items = open.filter((f) => f.dueDate <= horizon);
    const overdue = items.filter((f) => f.dueDate < today).length;
    const heading = `${items.length} follow-up${items.length === 1 ? ' is' : 's are'} due by ${longDate(horizon)}${overdue ? `, ${overdue} of them overdue` : ''}:`;
    return listAnswer(items, heading, `No committee follow-up is due in the next ${DUE_WINDOW_DAYS / 7} weeks.`, today, ["what's overdue", 'follow-ups from the last meeting']);
  }
  return listAnswer(open, `${open.length} open follow-up${open.length === 1 ? '' : 's'}:`, 'There are no open follow-ups.', today, ["what's due", "what's overdue"]);
}

/** Due within the days asked about: a follow-up due "in September" is due in any window that touches September. */
function dueBetween(f: FollowUp, from: string, to: string): boolean {
  if (f.duePrecision === 'month' && f.dueMonth) return f.dueMonth >= from.slice(0, 7) && f.dueMonth <= to.slice(0, 7);
  return f.dueDate >= from && f.dueDate <= to;
}

function parseOn(on: string, now: Date, timezone: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(on)) return on;
  const parsed = chrono.en.GB.parseDate(on, { instant: now }, { forwardDate: true });
  return parsed ? localDate(parsed, timezone) : undefined;
}

async function remind(query: Query, ctx: RequestContext, deps: AppDeps, repo: FollowUpRepo, today: string): Promise<Answer> {
  const r = query.reminder;
  const refuse = (text: string): Answer => ({ intent: 'followups.list', text, followups: [], suggestions: ["what's due"] });
  if (!r || !r.about.trim()) return refuse('What should I remind you about, and when? For example: "remind me about the hate crime figures on 1 March".');
  const tz = deps.config.CSP_TIMEZONE;
  const on = parseOn(r.on, ctx.now, tz);
  if (!on) return refuse(`I could not read "${r.on}" as a date. Try "on 1 September" or "on 2021-09-01".`);
  if (on < today) return refuse(`${longDate(on)} has passed. Which day should I remind you?`);
  const forConversation = r.audience === 'this-conversation';
  if (forConversation && !hasAtLeast(ctx.actor.role, 'coordinator')) {
    return refuse('Only coordinators can set reminders for a whole channel or chat. I can remind you personally instead: say "remind me about …".');
  }
  const recipient: Omit<Recipient, 'muted'> = forConversation
    ? { kind: 'conversation', target: ctx.conversation.key, label: ctx.conversation.type === 'channel' ? 'this channel' : 'this chat', role: 'audience' }
    : { kind: 'user', target: ctx.actor.aadObjectId, label: ctx.actor.name, role: 'owner' };
  const open = (await repo.list({ status: ['open'] })).filter((f) => visible(f, ctx));
  const matches = matchFollowUps(r.about, open);
  let item: FollowUp;
  let createdNew = false;
  if (matches.length === 1 || (matches.length > 1 && matches[0].score > matches[1].score)) {
    item = matches[0].followUp;
    const changed = await repo.addRecipient(item.id, recipient.role === 'owner' ? { ...recipient, role: 'audience' } : recipient, ctx.actor.aadObjectId, ctx.now, 'teams');
    if (changed.kind === 'ok') item = changed.followUp;
  } else if (matches.length > 1) {
    return {
      intent: 'followups.list',
      followups: matches.slice(0, MAX_LISTED).map((m) => summaryOf(m.followUp)),
      text: `More than one follow-up matches "${r.about}":\n${matches
        .slice(0, MAX_LISTED)
        .map((m) => line(m.followUp, today))
        .join('\n')}\nSay the reminder again with more of the title.`,
      suggestions: [],
    };
  } else {
    const title = r.about.charAt(0).toUpperCase() + r.about.slice(1);
    const created = await repo.create(
      {
        title,
        dueDate: on,
        duePrecision: 'day',
        source: { kind: 'chat', meetingDate: null, meetingTitle: null, minuteRef: null, text: query.text },
        // A reminder asked for in chat goes on the day asked, once: no countdown, no nagging.
        schedule: { daysBefore: [], onTheDay: false, overdueEveryDays: 0 },
        recipients: forConversation ? [{ kind: 'user', target: ctx.actor.aadObjectId, label: ctx.actor.name, role: 'owner' }, recipient] : [recipient],
      },
      ctx.now,
      ctx.actor.aadObjectId,
      'teams',
    );
    item = created.followUp;
    createdNew = true;
  }
  const fireAt = new Date(Math.max(Date.parse(localToUtc(on, schedule(deps).localTime, tz)), ctx.now.getTime())).toISOString();
  await new ReminderRepo(deps.store).plan(
    [
      {
        sendKey: sendKey('followup', item.id, fireAt, recipient.kind, recipient.target),
        itemKind: 'followup',
        itemId: item.id,
        stage: 'requested',
        fireAt,
        recipientKind: recipient.kind,
        recipient: recipient.target,
        escalation: false,
      },
    ],
    ctx.now,
    partnershipOf(deps),
  );
  const who = forConversation ? (ctx.conversation.type === 'channel' ? 'this channel' : 'this chat') : 'you';
  const when = fireAt.slice(0, 10) === localToUtc(on, schedule(deps).localTime, tz).slice(0, 10) ? `on ${longDate(on)} at ${schedule(deps).localTime}` : 'shortly';
  return {
    intent: 'followups.list',
    followups: [summaryOf(item)],
    text: createdNew
      ? `I will remind ${who} about "${item.title}" ${when}. I have added it as a follow-up due ${longDate(on)}.`
      : `I will remind ${who} about "${item.title}" ${when}. It is due ${describeDue(item.dueDate, item.duePrecision, item.dueMonth)}.`,
    suggestions: ["what's due"],
  };
}

async function stop(query: Query, ctx: RequestContext, repo: FollowUpRepo, today: string): Promise<Answer> {
  const me = ctx.actor.aadObjectId;
  const open = (await repo.list({ status: ['open'] })).filter((f) => visible(f, ctx));
  const mine = open.filter((f) => f.recipients.some((r) => r.kind === 'user' && r.target === me && !r.muted));
  const about = query.stopAbout?.trim();
  const mineText = mine.length ? `You get reminders about:\n${mine.map((f) => line(f, today)).join('\n')}` : 'You get no reminders at the moment.';
  if (!about) {
    return { intent: 'followups.list', followups: mine.map(summaryOf), text: `Which follow-up should I stop reminding you about? ${mineText}`, suggestions: [] };
  }
  // Coordinators hear escalations of items they are not listed on, so any open item can be muted.
  const candidates = hasAtLeast(ctx.actor.role, 'coordinator') ? open : mine;
  const matches = matchFollowUps(about, candidates);
  if (matches.length === 0) {
    return { intent: 'followups.list', followups: mine.map(summaryOf), text: `I could not find a follow-up about "${about}" that reminds you. ${mineText}`, suggestions: [] };
  }
  if (matches.length > 1 && matches[0].score === matches[1].score) {
    return {
      intent: 'followups.list',
      followups: matches.map((m) => summaryOf(m.followUp)),
      text: `More than one follow-up matches "${about}":\n${matches.map((m) => line(m.followUp, today)).join('\n')}\nSay it again with more of the title.`,
      suggestions: [],
    };
  }
  const item = matches[0].followUp;
  const r = await repo.mute(item.id, 'user', me, me, ctx.now, 'teams');
  const after = r.kind === 'ok' ? r.followUp : item;
  return {
    intent: 'followups.list',
    followups: [summaryOf(after)],
    text: `I will stop reminding you about "${item.title}". It stays open, due ${describeDue(item.dueDate, item.duePrecision, item.dueMonth)}; say "remind me about ${item.title.toLowerCase()} on …" to hear about it again.`,
    suggestions: ["what's due"],
  };
}

function readCardData(data: unknown): { id: string; version: number | null } | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as { id?: unknown; version?: unknown };
  if (typeof d.id !== 'string' || d.id.length === 0 || d.id.length > 64) return undefined;
  const v = typeof d.version === 'number' ? d.version : typeof d.version === 'string' && /^\d+$/.test(d.version) ? Number(d.version) : null;
  return { id: d.id, version: v };
}

type Refusal = 'invalid' | 'not_found' | 'refused';

/**
 * Refuses a card button press and audits it the way refused action-card presses are audited:
 * a warning in the log and a `followup.<event>` line in the audit trail saying who tried what, where.
 */
async function refuse(
  deps: AppDeps,
  ctx: RequestContext,
  event: Refusal,
  verb: string,
  id: string | null,
  status: 400 | 403 | 404,
  message: string,
): Promise<InvokeOutcome> {
  const detail = { verb: verb.slice(0, 80), id, message, conversation: ctx.conversation.type, role: ctx.actor.role, correlationId: ctx.correlationId };
  deps.log.warn({ ...detail, actor: ctx.actor.aadObjectId }, `follow-up invoke ${event}`);
  await new AuditLog(deps.store).record(`followup.${event}`, ctx.actor.aadObjectId, detail, ctx.now);
  return { kind: 'error', status, message };
}

/** Card buttons on reminders: `followup.done`, `followup.snooze`, and `followup.refresh` (the current card). Only an owner of the item or a coordinator may press them. */
export function followUpVerbs(deps: AppDeps): Record<string, VerbHandler> {
  const repo = new FollowUpRepo(deps.store, partnershipOf(deps));
  const run = (kind: 'done' | 'snooze' | 'view'): VerbHandler => async (req, ctx): Promise<InvokeOutcome> => {
    const data = readCardData(req.data);
    if (!data) return refuse(deps, ctx, 'invalid', req.verb, null, 400, 'This button is missing which follow-up it is for.');
    const gone = () => refuse(deps, ctx, 'not_found', req.verb, data.id, 404, 'That follow-up no longer exists.');
    const item = await repo.get(data.id);
    if (!item) return gone();
    const today = localDate(ctx.now, deps.config.CSP_TIMEZONE);
    const cardOf = (f: FollowUp, notice?: string) => reminderCard(subjectOfFollowUp(f), { today, notice });
    if (!visible(item, ctx)) return refuse(deps, ctx, 'refused', req.verb, item.id, 403, 'This follow-up is exempt: it is shown only in a private chat.');
    // A refresh only shows the current state: changing anything during one starts a loop.
    if (req.trigger === 'automatic' || kind === 'view') return { kind: 'card', card: cardOf(item) };
    const isOwner = item.recipients.some((r) => r.role === 'owner' && r.kind === 'user' && r.target === ctx.actor.aadObjectId);
    if (!isOwner && !hasAtLeast(ctx.actor.role, 'coordinator')) {
      return refuse(deps, ctx, 'refused', req.verb, item.id, 403, 'Only the owner of this follow-up or a coordinator can change it.');
    }
    if (item.status !== 'open') {
      return { kind: 'card', card: cardOf(item, `Already ${item.status}: nothing changed.`) };
    }
    if (kind === 'done') {
      const r = await repo.setStatus(item.id, 'done', data.version, ctx.actor.aadObjectId, ctx.now, 'teams');
      if (r.kind === 'not-found') return gone();
      if (r.kind === 'stale') return { kind: 'card', card: cardOf(r.followUp, 'This card was out of date, so nothing changed. Here is the latest.') };
      const card = cardOf(r.followUp, `Marked done by ${ctx.actor.name}. No more reminders will be sent.`);
      return { kind: 'card', card, updateOriginal: card };
    }
    const until = snoozeUntil(ctx.now, 7, schedule(deps));
    const r = await repo.snooze(item.id, until, data.version, ctx.actor.aadObjectId, ctx.now, 'teams');
    if (r.kind === 'not-found') return gone();
    if (r.kind === 'stale') return { kind: 'card', card: cardOf(r.followUp, 'This card was out of date, so nothing changed. Here is the latest.') };
    const card = cardOf(r.followUp, `Snoozed by ${ctx.actor.name} until ${longDate(localDate(until, deps.config.CSP_TIMEZONE))}: the next reminder comes then.`);
    return { kind: 'card', card, updateOriginal: card };
  };
  return { 'followup.done': run('done'), 'followup.snooze': run('snooze'), 'followup.refresh': run('view') };
}
