import type { AreaRef } from '../domain/areas/pack';
import type { ActionFilter, PeriodSpec, Query } from '../core/query';
import type { CategoryRef } from '../core/answer';
import { foldPhrase } from './normalise';
import { monthLabel } from './periods';
import { findUnheld, refusal } from './unheld';
import { asksWhetherItWorked, understand, type CompiledVocabulary, type UnderstandOptions } from './understand';

/**
 * Conversations: what one person said last in one conversation, and how the next message
 * follows on from it ("and in Walton?", "as a rate?", "only the red ones"). Pure: the caller
 * loads the context (one read of turn state) and saves what this returns.
 *
 * A complete new question replaces the context and is never bent by it; a fragment is read
 * against the last subject, and the Query says so (`followsOn`), so the answer's first line can.
 */

declare module '../core/turnState' {
  interface TurnSlots {
    /** The conversation so far, for follow-ups (see `readInContext`). */
    ask: AskContext;
  }
}

/** How long a conversation's context is kept after its last message (the store forgets it too). */
export const CONTEXT_TTL_MS = 30 * 60 * 1000;

/** The subject of the last answered question: the Query's fields that a follow-up may keep. */
export interface AskSubject {
  intent: Query['intent'];
  area?: AreaRef;
  areas?: AreaRef[];
  category?: CategoryRef;
  period?: PeriodSpec;
  comparison?: Query['comparison'];
  perCapita?: boolean;
  order?: Query['order'];
  actions?: ActionFilter;
  actionTitle?: string;
}

/** What is kept per person per conversation (JSON, so it can be stored). */
export interface AskContext {
  /** ISO time of the last message; older than `CONTEXT_TTL_MS`, the context is ignored. */
  at: string;
  last?: AskSubject;
  /** Areas recently asked about, newest first ("side by side"). */
  recentAreas?: AreaRef[];
  /** The choices of a "which did you mean?" card, so a typed one-word answer picks one. */
  pending?: { question: string; options: { label: string; text: string }[] };
}

export interface ContextReading {
  query: Query;
  /** True when the Query was built from the last subject (or a pending choice). */
  followsOn: boolean;
  /** What to keep for the next message. */
  context: AskContext;
}

const CRIME = /^crime\./;
const LEAD = /^(?:and|ok and|okay and|what about|how about|and what about|and how about|same for|the same for|now|then|also|and for|and in|what of|and now|ok what about|right and|compare with)\b/;

/** Fragments that change one thing about the last answer. */
const AS_RATE = /^(?:(?:and |what about |how about |ok |so )?(?:whats the rate|what is the rate|whats that as a rate|what is that as a rate|and the rate|rate please|as a rate|as rates|per head|per capita|per (?:1000|1 000|thousand)(?: residents| people)?|by rate|the rate|rates?|by population|adjusted for population|relative to population))$/;
const AS_COUNT = /^(?:(?:and |what about |ok )?(?:as a count|as counts|the count|raw numbers|actual numbers|by count|numbers only))$/;
const TREND = /^(?:(?:and |so |ok |but )?(?:is it |are they |is that |has it |have they )?(?:rising or falling|going up or down|up or down|rising|falling|going up|going down|getting worse|getting better|improving|increasing|decreasing|better or worse|worse or better|trend|the trend|what is the trend|whats the trend|over time|month by month|any trend|show the trend|show me the trend))$/;
const WORST = /^(?:(?:and |so |ok |what about |and the |the )?(?:top|bottom|worst|best|highest|lowest|fewest|least|most|safest|quietest)(?: (?:wards?|ones?|areas?|three|five|3|5|10|ten))*|(?:and |so |ok )?(?:where|which wards?|what wards?|which area|which areas|what areas)(?: is| are| was| were| has| have)? (?:it |they |that |this )?(?:the )?(?:worst|highest|most|best|lowest|least|fewest|quietest|safest)(?: affected)?(?: for (?:it|that|this))?|(?:and |ok )?(?:rank|ranking|rank them|rank the wards|league table|which ward tops it|top wards|worst wards|best wards))$/;
const BREAKDOWN = /^(?:(?:and |so |ok )?(?:whats in that|what is in that|whats in it|what is in it|whats that made of|what is that made of|what makes that up|what makes it up|break (?:that|it) down|breakdown|a breakdown|the breakdown|by type|what types?|what kinds?|what sort|which crimes|what crimes(?: are they)?|split by type))$/;
const SIDE_BY_SIDE = /^(?:(?:and |ok |can you |can i see |show (?:them |me )?|put them )?(?:side by side|compare them|compare the two|compare both|both together|together|next to each other|show both))$/;
const YEAR_BEFORE = /^(?:(?:and |what about |how about |ok |and how about |and what about )?(?:the year before(?: that)?|a year before(?: that)?|the previous year|the year earlier|a year earlier|the year prior|the same time last year|same period last year|the previous period|the period before|before that|a year earlier than that))$/;
const WHO = /^(?:(?:and |so |ok )?(?:whos working on (?:that|it|this)|who is working on (?:that|it|this)|whos doing something about (?:it|that)|who is doing something about (?:it|that)|what are we doing about (?:it|that|this)|what is being done(?: about (?:it|that|this))?|whats being done(?: about (?:it|that|this))?|who leads on (?:that|it|this)|who is responsible|whos responsible|any actions(?: on (?:that|it|this))?|what actions(?: are there)?|actions(?: on (?:that|it|this))?|what is the plan|whats the plan|who leads (?:them|those|these|it|that|on it|on that)|whos leading (?:them|those|these|it|that|on it|on that)|who (?:owns|is responsible for) (?:them|those|these|it|that)))$/;
/** "is that high?": the place against the borough, by rate. */
const IS_THAT_HIGH = /^(?:(?:and |so |but )?(?:is|are) (?:that|it|this|those|these) (?:high|low|a lot|bad|good|normal|unusual|typical|above average|below average|worse than average|better than average|high for (?:chesterfield|the borough)))$/;
const COMPARE_WITH = /\b(?:compare|compared|comparing|vs|versus|against|v)\b/;
const RAG_ONLY = /^(?:(?:and |ok |now |just |only |show )*(?:the )?(?:only )?(?:just )?(red|amber|green|overdue|late|completed|open)(?: ones?| only| actions?)?(?: please)?)$/;

function fold(text: string): string {
  return foldPhrase(text.replace(/[?!.]+/g, ' '));
}

function fresh(context: AskContext | undefined, now: Date): AskContext | undefined {
  if (!context) return undefined;
  const at = Date.parse(context.at);
  if (!Number.isFinite(at) || now.getTime() - at > CONTEXT_TTL_MS || now.getTime() < at - 60_000) return undefined;
  return context;
}

/** The subject of a Query, if it is one a follow-up can build on. */
export function subjectOf(q: Query): AskSubject | undefined {
  if (!CRIME.test(q.intent) && q.intent !== 'actions.list' && q.intent !== 'action.detail' && q.intent !== 'followups.list') return undefined;
  const s: AskSubject = { intent: q.intent };
  if (q.area) s.area = q.area;
  if (q.areas) s.areas = q.areas;
  if (q.category) s.category = q.category;
  if (q.period) s.period = q.period;
  if (q.comparison) s.comparison = q.comparison;
  if (q.perCapita) s.perCapita = true;
  if (q.order) s.order = q.order;
  if (q.actions) s.actions = q.actions;
  if (q.actionTitle) s.actionTitle = q.actionTitle;
  return s;
}

function categoryWords(c: CategoryRef | undefined): string {
  if (!c) return 'All crime';
  if (c.slug === 'anti-social-behaviour') return 'ASB';
  return c.name;
}

/** "Vehicle crime in Dunston", "Red actions in Rother": the first words of a follow-on answer. */
export function describe(q: Query): string {
  if (CRIME.test(q.intent)) {
    const what = categoryWords(q.category);
    if (q.intent === 'crime.compare_areas' && q.areas) return `${what} in ${q.areas.map((a) => a.name).join(' and ')} side by side`;
    if (q.intent === 'crime.rank') return `${what}: wards ranked${q.perCapita ? ' by rate' : ''}${q.order === 'asc' ? ', fewest first' : ''}`;
    if (q.intent === 'crime.breakdown') return `Crime by type in ${q.area?.name ?? 'the district'}`;
    return `${what} in ${q.area?.name ?? 'the district'}${q.perCapita ? ' as a rate' : ''}`;
  }
  if (q.intent === 'actions.list') {
    const rag = q.actions?.rags?.length ? `${q.actions.rags.join(' or ')} ` : q.actions?.overdue ? 'overdue ' : '';
    const theme = q.actions?.theme ? ` on ${q.actions.theme.toLowerCase()}` : '';
    const where = q.area ? ` in ${q.area.name}` : '';
    const words = `${rag}actions${theme}${where}`;
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  if (q.intent === 'followups.list') return 'The committee’s follow-ups';
  return 'Your question';
}

function fromSubject(s: AskSubject, text: string): Query {
  const q: Query = { intent: s.intent, text };
  if (s.area) q.area = s.area;
  if (s.areas) q.areas = s.areas;
  if (s.category) q.category = s.category;
  if (s.period) q.period = s.period;
  if (s.comparison) q.comparison = s.comparison;
  if (s.perCapita) q.perCapita = true;
  if (s.order) q.order = s.order;
  if (s.actions) q.actions = { ...s.actions };
  if (s.actionTitle) q.actionTitle = s.actionTitle;
  return q;
}

/** A twelve-month shift of a period ("how about the year before?"), or undefined when it cannot be said. */
export function yearBefore(period: PeriodSpec | undefined, latest: string | undefined, ref: Date | undefined): PeriodSpec | undefined {
  const shift = (m: string) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`;
  if (!period) {
    if (!latest) return undefined;
    const to = shift(latest);
    return { kind: 'range', from: addMonths(to, -11), to };
  }
  switch (period.kind) {
    case 'year':
      return { kind: 'year', year: period.year - 1 };
    case 'range':
      return { kind: 'range', from: shift(period.from), to: shift(period.to) };
    case 'since':
      return undefined;
    case 'this-year':
      return { kind: 'last-year' };
    case 'last-year':
      return ref ? { kind: 'year', year: ref.getUTCFullYear() - 2 } : undefined;
    case 'last-months': {
      if (!latest) return undefined;
      const to = shift(latest);
      return { kind: 'range', from: addMonths(to, -(period.months - 1)), to };
    }
  }
}

function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

function pickOption(text: string, pending: NonNullable<AskContext['pending']>): { label: string; text: string } | undefined {
  const t = fold(text);
  if (!t) return undefined;
  const n = /^(?:option |number |no )?(\d)$/.exec(t);
  if (n) return pending.options[Number(n[1]) - 1];
  const exact = pending.options.find((o) => fold(o.label) === t || fold(o.text) === t);
  if (exact) return exact;
  // "yes" to a single offer ("Do you want the figures for Walton?").
  if (pending.options.length === 1 && /^(?:yes|yeah|yep|yes please|ok|okay|please|go on|go ahead|sure|do it)$/.test(t)) return pending.options[0];
  // "north" for "Brimington North", "the first one": a word that fits one option only.
  if (/^(?:the )?first(?: one)?$/.test(t)) return pending.options[0];
  if (/^(?:the )?second(?: one)?$/.test(t)) return pending.options[1];
  const fits = pending.options.filter((o) => ` ${fold(o.label)} `.includes(` ${t} `));
  return fits.length === 1 ? fits[0] : undefined;
}

/**
 * The text a message stands for: the chosen option's question when the message answers a
 * pending "which did you mean?", else the message. Lets a caller with an asynchronous reader
 * read the right text before `readInContext`.
 */
export function textToRead(text: string, context: AskContext | undefined, now: Date): string {
  const ctx = fresh(context, now);
  const picked = ctx?.pending ? pickOption(text, ctx.pending) : undefined;
  return picked ? picked.text : text;
}

function namesDistrict(folded: string, v: CompiledVocabulary): boolean {
  return folded.includes(fold(v.pack.district.name)) || /\b(?:borough|district|whole|everywhere|overall)\b/.test(folded);
}

/** True when the question names its own place (not the district by default). */
function namesPlace(q: Query, folded: string, v: CompiledVocabulary): boolean {
  if (q.areas && q.areas.length > 0) return true;
  if (q.area && q.area.type !== 'district') return true;
  const district = fold(v.pack.district.name);
  return q.area?.type === 'district' && (folded.includes(district) || /\b(?:borough|district|whole|everywhere|overall)\b/.test(folded));
}

/** Words that make a question about crime on its own ("crime in Walton"), not a fragment. */
const OWN_TOPIC = /\b(?:crimes?|offen[cs]es?|incidents?|actions?|follow ?ups?|breakdown|trend|figures|stats|rank|wards?)\b/;

/**
 * Reads a message in the light of the conversation so far. `context` is what the last turn
 * saved (or undefined). Returns the Query to answer, whether it follows on, and what to save.
 */
export function readInContext(
  text: string,
  v: CompiledVocabulary,
  context: AskContext | undefined,
  now: Date,
  options: UnderstandOptions & { read?: (text: string) => Query } = {},
): ContextReading {
  const ctx = fresh(context, now);
  const at = now.toISOString();
  // The bot passes its shared reader (cached readings); tests read directly.
  const read = options.read ?? ((t: string) => understand(t, v, { referenceDate: options.referenceDate ?? now, lastMeeting: options.lastMeeting }));
  const folded = fold(typeof text === 'string' ? text : '');

  // A typed answer to "which did you mean?".
  if (ctx?.pending) {
    const picked = pickOption(text, ctx.pending);
    if (picked) return settle(read(picked.text), ctx, at, true, text);
  }

  const q = read(text);
  const last = ctx?.last;
  if (!last || !folded) return settle(q, ctx, at, false, text);

  // "how many were charged?" after burglary in Rother: the refusal offers burglary in Rother.
  // Not "did the youth project reduce ASB?": a whole question of its own, asked back for its own reason.
  const hits = q.intent === 'clarify' && !namesPlace(q, folded, v) && !q.category && !asksWhetherItWorked(folded) ? findUnheld(folded) : [];
  if (hits.length > 0 && CRIME.test(last.intent) && hits.every((h) => h.concept.kind === 'qualifier')) {
    const area = last.area ?? last.areas?.[0];
    const what = last.category ? (last.category.slug === 'anti-social-behaviour' ? 'ASB' : last.category.name.charAt(0).toLowerCase() + last.category.name.slice(1)) : 'crime';
    const clarify = refusal(hits, { area: area?.name ?? v.pack.district.name, what, latestMonth: v.latestMonth ? monthLabel(v.latestMonth) : undefined });
    return settle({ intent: 'clarify', text: q.text, clarify }, ctx, at, false, text);
  }

  const base = (): Query => fromSubject(last, typeof text === 'string' ? text : '');
  const crimeLast = CRIME.test(last.intent);

  if (AS_RATE.test(folded) && crimeLast) {
    const n = base();
    n.perCapita = true;
    return settle(n, ctx, at, true, text);
  }
  if (AS_COUNT.test(folded) && crimeLast) {
    const n = base();
    delete n.perCapita;
    return settle(n, ctx, at, true, text);
  }
  if (TREND.test(folded) && crimeLast) {
    const n = base();
    n.intent = n.areas && n.areas.length > 1 ? 'crime.compare_areas' : 'crime.trend';
    return settle(n, ctx, at, true, text);
  }
  if (WORST.test(folded) && crimeLast) {
    const n = base();
    n.intent = 'crime.rank';
    n.order = q.order ?? 'desc';
    if (q.perCapita) n.perCapita = true;
    delete n.areas;
    if (q.note) n.note = q.note;
    return settle(n, ctx, at, true, text);
  }
  if (BREAKDOWN.test(folded) && crimeLast) {
    const n = base();
    n.intent = 'crime.breakdown';
    delete n.category;
    delete n.areas;
    delete n.order;
    delete n.perCapita;
    if (!n.area) n.area = last.areas?.[0] ?? v.areas.district;
    return settle(n, ctx, at, true, text);
  }
  if (SIDE_BY_SIDE.test(folded)) {
    const recent = ctx?.recentAreas ?? [];
    if (recent.length >= 2) {
      const n = base();
      n.intent = 'crime.compare_areas';
      n.areas = [recent[1], recent[0]];
      delete n.area;
      if (!crimeLast) {
        delete n.actions;
        delete n.actionTitle;
      }
      return settle(n, ctx, at, true, text);
    }
  }
  if (YEAR_BEFORE.test(folded) && crimeLast) {
    const period = yearBefore(last.period, v.latestMonth, options.referenceDate ?? now);
    const n = base();
    if (period) {
      n.period = period;
      delete n.comparison;
      if (period.kind === 'range') n.note = `The year before: ${monthLabel(period.from)} to ${monthLabel(period.to)}.`;
    } else {
      n.comparison = 'year-on-year';
    }
    return settle(n, ctx, at, true, text);
  }
  if (IS_THAT_HIGH.test(folded) && crimeLast) {
    const area = last.area ?? last.areas?.[0];
    if (area && area.type !== 'district') {
      const n = base();
      n.intent = 'crime.compare_areas';
      n.areas = [area, v.areas.district];
      delete n.area;
      n.perCapita = true;
      n.note = `Compared with ${v.areas.district.name} as a whole, by rate per 1,000 residents.`;
      return settle(n, ctx, at, true, text);
    }
  }
  if (WHO.test(folded) && last.intent === 'actions.list') return settle(base(), ctx, at, true, text);
  if (WHO.test(folded)) {
    const area = last.area ?? last.areas?.[0];
    const n: Query = { intent: 'actions.list', text, actions: {} };
    if (area && area.type === 'ward' && n.actions) n.actions.wardCode = area.code;
    else if (area && area.type === 'group' && n.actions) n.actions.areaCode = area.code;
    if (area && area.type !== 'district') n.area = area;
    const theme = last.category && ['anti-social-behaviour', 'hate-crime', 'domestic-abuse'].includes(last.category.slug) ? last.category.name : undefined;
    if (theme && n.actions) n.actions.theme = theme;
    if (last.intent === 'action.detail' && last.actionTitle) return settle({ intent: 'action.detail', text, actionTitle: last.actionTitle }, ctx, at, true, text);
    return settle(n, ctx, at, true, text);
  }
  const rag = RAG_ONLY.exec(folded);
  if (rag && (last.intent === 'actions.list' || crimeLast)) {
    const n: Query = { intent: 'actions.list', text, actions: { ...(last.intent === 'actions.list' ? last.actions : {}) } };
    const f = n.actions as ActionFilter;
    if (last.intent === 'actions.list') {
      if (last.area) n.area = last.area;
      if (last.areas) n.areas = last.areas;
    } else {
      const area = last.area;
      if (area?.type === 'ward') f.wardCode = area.code;
      if (area?.type === 'group') f.areaCode = area.code;
      if (area && area.type !== 'district') n.area = area;
    }
    const word = rag[1];
    if (word === 'red' || word === 'amber' || word === 'green') {
      f.rag = word;
      f.rags = [word];
    } else if (word === 'overdue' || word === 'late') {
      f.overdue = true;
    } else if (word === 'completed') {
      f.status = 'completed';
    }
    return settle(n, ctx, at, true, text);
  }

  // Fragments that name one new thing: a place, a crime type or a period.
  const leads = LEAD.test(folded);
  const ownTopic = OWN_TOPIC.test(folded);
  if (CRIME.test(q.intent) && crimeLast && !ownTopic) {
    const place = namesPlace(q, folded, v);
    const n = base();
    let changed = false;
    const lastPlaces = [...(last.areas ?? []), ...(last.area ? [last.area] : [])].filter((a) => a.type !== 'district');
    if (place && !q.category && !q.period && COMPARE_WITH.test(folded) && lastPlaces.length > 0 && q.areas?.length === 2 && q.areas[1].type === 'district' && !namesDistrict(folded, v)) {
      // "compare with Walton" after Hasland: Hasland and Walton, not Walton and the borough.
      n.intent = 'crime.compare_areas';
      n.areas = [...lastPlaces.filter((a) => a.code !== q.areas?.[0].code).slice(0, 4), q.areas[0]];
      delete n.area;
      changed = true;
    } else if (place && !q.category && !q.period) {
      if (q.areas && q.areas.length > 1) {
        n.intent = 'crime.compare_areas';
        n.areas = q.areas;
        delete n.area;
      } else {
        n.area = q.area;
        if (n.intent === 'crime.compare_areas') n.intent = 'crime.trend';
        delete n.areas;
        // A ranking is of every ward: a place after it asks for that place's own figures.
        if (n.intent === 'crime.rank') {
          n.intent = 'crime.trend';
          delete n.order;
        }
      }
      changed = true;
    } else if (q.category && !place && !q.period && (leads || isBare(folded, q))) {
      n.category = q.category;
      if (n.intent === 'crime.breakdown') n.intent = 'crime.trend';
      changed = true;
    } else if (q.period && !place && !q.category) {
      n.period = q.period;
      if (q.comparison) n.comparison = q.comparison;
      else delete n.comparison;
      changed = true;
    } else if (leads && (place || q.category || q.period)) {
      if (place) {
        n.area = q.area;
        delete n.areas;
      }
      if (q.category) n.category = q.category;
      if (q.period) n.period = q.period;
      changed = true;
    }
    if (changed) {
      if (q.note) n.note = q.note;
      return settle(n, ctx, at, true, text);
    }
  }
  // "and in Walton?" after a list of actions: the same list for Walton.
  if (last.intent === 'actions.list' && CRIME.test(q.intent) && !ownTopic && !q.category && namesPlace(q, folded, v) && (leads || isBare(folded, q))) {
    const n: Query = { intent: 'actions.list', text, actions: { ...last.actions } };
    const f = n.actions as ActionFilter;
    delete f.wardCode;
    delete f.areaCode;
    delete f.areaCodes;
    const area = q.area;
    if (area?.type === 'ward') f.wardCode = area.code;
    if (area?.type === 'group') f.areaCode = area.code;
    if (area && area.type !== 'district') n.area = area;
    return settle(n, ctx, at, true, text);
  }
  return settle(q, ctx, at, false, text);
}

/** A message that is nothing but a place or a crime type ("Walton", "burglary?"). */
function isBare(folded: string, q: Query): boolean {
  return folded.split(' ').length <= 4 && !/\b(?:how|what|which|where|when|why|who|is|are|show|give|tell)\b/.test(folded) && q.intent !== 'clarify';
}

function settle(read: Query, ctx: AskContext | undefined, at: string, followsOn: boolean, text: string): ContextReading {
  // Readings may be shared and frozen: the answer to this message gets its own copy.
  const q: Query = { ...read };
  const next: AskContext = { at };
  const subject = subjectOf(q);
  next.last = subject ?? ctx?.last;
  const areas = [...(q.areas ?? []), ...(q.area && q.area.type !== 'district' ? [q.area] : [])];
  const recent = [...areas.reverse(), ...(ctx?.recentAreas ?? [])].filter((a, i, all) => all.findIndex((b) => b.code === a.code) === i).slice(0, 3);
  if (recent.length > 0) next.recentAreas = recent;
  if (q.intent === 'clarify' && q.clarify && q.clarify.options.length > 0) next.pending = { question: q.clarify.question, options: q.clarify.options.slice(0, 20) };
  if (followsOn) {
    const line = `${describe(q)} — following on from your last question.`;
    q.followsOn = line;
    q.note = [line, q.note].filter(Boolean).join(' ');
    q.text = typeof text === 'string' ? q.text || text : q.text;
  }
  return { query: q, followsOn, context: next };
}
