import type { AreaPack, AreaRef } from '../domain/areas/pack';
import { compileAreas, scanAreas, type AreaIndex, type AreaMention, type AreaScan } from './areas';
import { categoryIndex, matchCategories, phraseNote, type CategoryMatch } from './categories';
import { findUnheld, refusal } from './unheld';
import { findStreets, leftoverWords, type StreetMention } from './leftovers';
import { CHANGE_RANK_WORDS, changeDirection, MAIN_PROBLEM, RANK_EXTRA, readRankCount, readRanking, WARDS_CHANGED } from './ranking';
import * as I from './intents';
import { STOP_WORDS } from './lexicon';
import { cleanQuestion, foldPhrase, lowered, tokenize, type Token } from './normalise';
import { parseDay, parsePeriod, monthLabel, type PeriodParse } from './periods';
import { readDueWindow } from './dueWindow';
import { ASKS_OF_LEAD, compileLeads, leadNamed } from './leads';
import type { ActionFilter, Query } from '../core/query';
import { compileTitles, pickTitle, type TitleIndex } from './titles';

/** What the parser knows about the deployment. */
export interface Vocabulary {
  pack: AreaPack;
  /** Titles of the action plan, for "status of Operation Blofeld". */
  actionTitles?: string[];
  /** Gives a year to dates said without one ("1 March"); relative periods stay relative. */
  referenceDate?: Date;
  /**
   * YYYY-MM, normally the latest month with data: where a ward name exists in several ward
   * sets, the set in force then is matched. Default: the newest ward set. Old names (e.g.
   * "Middlecroft and Poolsbrook") resolve to their own codes either way; see
   * `resolveAreaForMonth` to carry a ward to the set of another month.
   */
  asOfMonth?: string;
  /** Places outside the district to recognise besides the built-in UK list. */
  outsidePlaces?: string[];
  /**
   * YYYY-MM: the latest month with data, for "in November" (not yet published?), "yesterday"
   * ("the latest month I hold is …") and seasons said without a year. Default: `asOfMonth`.
   */
  latestMonth?: string;
  /** Streets, parks and estates whose ward is known: "ASB in Queen's Park" answers for that ward, saying so. */
  landmarks?: { name: string; wardCode: string }[];
  /** The plan's lead officers, for "Jo Whitfield's actions" and "what is Jo Whitfield working on". */
  leadNames?: string[];
}

/** A vocabulary with its indices built; make one per deployment (and again when the plan's titles change). */
export interface CompiledVocabulary {
  readonly compiled: true;
  readonly pack: AreaPack;
  readonly areas: AreaIndex;
  readonly titles: TitleIndex;
  readonly referenceDate?: Date;
  /** Words of the question language (categories), never taken as places. */
  readonly known: ReadonlySet<string>;
  readonly latestMonth?: string;
  /** Folded landmark name → its ward. */
  readonly landmarks: ReadonlyMap<string, AreaRef>;
  /** The plan's lead officers: folded full name → the name as the plan has it. */
  readonly leads: ReadonlyMap<string, string>;
}

export interface UnderstandOptions {
  /** Overrides the vocabulary's reference date for this question (the bot passes its clock's today). */
  referenceDate?: Date;
  /** YYYY-MM-DD of the last committee meeting the store knows, for "since the last meeting". */
  lastMeeting?: string;
}

export function compileVocabulary(v: Vocabulary): CompiledVocabulary {
  const cats = categoryIndex();
  return {
    compiled: true,
    pack: v.pack,
    areas: compileAreas(v.pack, { asOfMonth: v.asOfMonth, outsidePlaces: v.outsidePlaces }),
    titles: compileTitles(v.actionTitles ?? []),
    referenceDate: v.referenceDate,
    known: new Set([...cats.words, ...QUESTION_WORDS]),
    latestMonth: v.latestMonth ?? v.asOfMonth,
    landmarks: compileLandmarks(v),
    leads: compileLeads(v.leadNames ?? []),
  };
}


function compileLandmarks(v: Vocabulary): Map<string, AreaRef> {
  const out = new Map<string, AreaRef>();
  for (const l of v.landmarks ?? []) {
    const ward = v.pack.wardSets.flatMap((s) => s.wards).find((w) => w.code === l.wardCode);
    if (ward) out.set(foldPhrase(l.name), { code: ward.code, name: ward.name, type: 'ward' });
  }
  return out;
}

/** Words of ranking and judgement questions: never places. */
const QUESTION_WORDS = [
  'fewest', 'quietest', 'calmest', 'busiest', 'biggest', 'largest', 'smallest', 'safest', 'safe', 'safer', 'unsafe', 'dangerous',
  'roughest', 'dodgiest', 'lowest', 'highest', 'affected', 'worst', 'best', 'problem', 'problems', 'issue', 'issues', 'main',
];

const compiledCache = new WeakMap<Vocabulary, CompiledVocabulary>();

function isCompiled(v: Vocabulary | CompiledVocabulary): v is CompiledVocabulary {
  return (v as CompiledVocabulary).compiled === true;
}

/**
 * Turns a question into a Query. Never throws: anything it cannot read becomes 'help',
 * 'unknown' or 'clarify'. Pure: the same text, vocabulary and reference date give the same Query.
 */
/** Words asking what the partnership does about a problem, not only how big it is. */
const ASKS_WHAT_IS_DONE =
  /\b(?:what (?:are|is|have) (?:we|you|the (?:partnership|council|csp|police|community safety partnership))(?: all)? (?:doing|done|do)\b|what(?:'|’)?s (?:being )?done\b|what is being done\b|how (?:are|is) (?:we|the partnership|the council) (?:tackling|dealing with|addressing)|what action (?:is being|are we|has been) tak)/i;

function monthsIn(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export function understand(text: string, vocab: Vocabulary | CompiledVocabulary, options: UnderstandOptions = {}): Query {
  let compiled: CompiledVocabulary;
  if (isCompiled(vocab)) {
    compiled = vocab;
  } else {
    compiled = compiledCache.get(vocab) ?? compileVocabulary(vocab);
    compiledCache.set(vocab, compiled);
  }
  try {
    let q = parseQuestion(typeof text === 'string' ? text : '', compiled, options.referenceDate ?? compiled.referenceDate, options.lastMeeting);
    if (!q.intent.startsWith('crime.')) return q;
    if (ASKS_WHAT_IS_DONE.test(q.text)) q = { ...q, withPlan: true };
    // A season, quarter or month is compared with the same months a year earlier, not the months
    // just before: crime is seasonal, so summer against spring would not be like with like.
    if (q.comparison === undefined && q.period?.kind === 'range' && monthsIn(q.period.from, q.period.to) < 12) q = { ...q, comparison: 'year-on-year' };
    return q;
  } catch {
    // A parser bug must not become a user-facing error: the question is simply not understood.
    return { intent: 'unknown', text: cleanQuestion(typeof text === 'string' ? text : '') };
  }
}

interface Parsed {
  clean: string;
  low: string;
  tokens: Token[];
  /** Folded words joined by spaces. */
  plain: string;
  /** Cleaned text with straight quotes, for regexes that keep the asker's words. */
  straight: string;
}

/**
 * The parse itself, without `understand`'s safety net: it throws only on a bug in this module.
 * Exported so tests can tell a bug from a question that was simply not understood.
 */
export function parseQuestion(raw: string, v: CompiledVocabulary, ref: Date | undefined, lastMeeting?: string): Query {
  const minutes = readMinutesImport(raw);
  if (minutes) return minutes;

  const clean = sharedPlaceNames(cleanQuestion(raw), v);
  if (!clean) return { intent: 'help', text: '' };
  const low = lowered(clean);
  const tokens = tokenize(clean);
  const plain = tokens.map((t) => t.norm).join(' ');
  const straight = clean.replace(/[\u2018\u2019\u02BC]/g, "'");
  const p: Parsed = { clean, low, tokens, plain, straight };

  if (tokens.length === 0) return { intent: 'unknown', text: clean };
  if (I.WHOAMI.test(plain)) return { intent: 'whoami', text: clean };
  if (I.HELP.test(plain)) return { intent: 'help', text: clean };

  const stop = readStop(p);
  if (stop) return stop;
  const remind = readReminder(p, ref);
  if (remind) return remind;

  // An action's reference ("CSP-2021-07") names that action; its digits are never a month.
  const actionRef = I.ACTION_REF.exec(straight);
  if (actionRef && !/^(?:19|20)\d\d$/.test(actionRef[1].split(/[-/]/)[0])) return { intent: 'action.detail', text: clean, actionTitle: actionRef[1].toUpperCase() };

  // What the question names: categories, the period, areas (in that order, each taking its words).
  const used = new Array<boolean>(tokens.length).fill(false);
  const categories = matchCategories(tokens, used, categoryIndex(), v.areas.nameWords);
  const period = parsePeriod(low, ref, v.latestMonth);
  for (const [s, e] of period.spans) tokens.forEach((t, i) => (t.start >= s && t.start < e ? (used[i] = true) : undefined));
  markWords(tokens, used, /^(?:operation)$/);
  const streets = findStreets(tokens, used, clean, (ph) => v.areas.phrases.has(ph) || v.landmarks.has(ph), (w) => v.known.has(w));
  const scan = scanAreas(tokens, used, v.areas, v.known, clean);

  const hasActionWords = I.ACTION_WORDS.test(plain) || I.MY_ACTIONS.test(plain) || I.WHO_LEADS.test(plain);
  const crimeSignal =
    categories.length > 0 || I.CRIME_WORDS.test(plain) || I.RANK.test(plain) || RANK_EXTRA.test(plain) || I.BREAKDOWN.test(plain) || MAIN_PROBLEM.test(plain);
  const changedMatch = I.CHANGED_SINCE.exec(straight);
  const changed = changedMatch && !crimeSignal ? changedMatch : null;
  const crimeSinceMeeting = period.sinceLastMeeting && crimeSignal && !hasActionWords;
  // "Draft the next progress report": the committee report, drafted from live data (for officers).
  if (DRAFT_REPORT.test(plain)) return { intent: 'report.draft', text: clean };
  // An officer of the plan named ("is Dan Hughes leading anything overdue") makes it a question about actions.
  const lead = leadNamed(p.plain, v.leads);
  if (!hasActionWords && !changed && !crimeSinceMeeting && !lead && I.FOLLOWUP_WORDS.test(plain)) return followupsList(p, ref);

  const caused = readCausalQuestion(p, v, categories, scan);
  if (caused) return caused;

  const detail = readActionDetail(p, v, categories, scan, used);
  if (detail) return detail;

  // "Loundsley Green" is a place, not a RAG colour.
  const inPlace = new Set<number>();
  for (const m of scan.mentions) for (let k = m.from; k < m.to; k++) inPlace.add(k);
  const rags = I.ragsOf(tokens.filter((_, i) => !inPlace.has(i)).map((t) => t.norm).join(' '));
  const actionsAsked =
    hasActionWords || changed !== null || (rags.length > 0 && !crimeSignal) || (I.OVERDUE.test(plain) && !crimeSignal) || (lead !== undefined && ASKS_OF_LEAD.test(plain) && !crimeSignal);

  if (actionsAsked) return withAreas(p, v, scan, used, (areas) => actionsList(p, v, ref, areas, categories, changed, rags, period, used, lastMeeting));

  const unheld = unheldQuery(p, v, categories, scan, used);
  if (unheld) return unheld;

  const crimeAsked =
    crimeSignal || scan.mentions.length > 0 || period.period !== undefined || period.sinceLastMeeting || scan.ownWard !== undefined || streets.length > 0 || I.TREND_ALONE.test(plain);
  if (crimeAsked && streets.length > 0) return streetQuery(p, v, streets, scan);
  if (crimeAsked && (scan.mentions.length > 0 || scan.outside.length === 0)) {
    return withAreas(p, v, scan, used, (areas) => crimeQuery(p, v, areas, categories, period, tokens, used, { ref, lastMeeting }));
  }
  if (scan.outside.length > 0) {
    const place = scan.outside[0].name;
    return {
      intent: 'unknown',
      text: clean,
      note: `${place} is outside ${v.pack.district.name}: I only hold figures and actions for ${v.pack.district.name} and its wards.`,
    };
  }
  if (I.GREETING.test(plain)) return { intent: 'help', text: clean };
  return { intent: 'unknown', text: clean };
}

function markWords(tokens: Token[], used: boolean[], re: RegExp): void {
  tokens.forEach((t, i) => {
    if (re.test(t.norm)) used[i] = true;
  });
}

function readMinutesImport(raw: string): Query | undefined {
  if (typeof raw !== 'string' || raw.length === 0) return undefined;
  const head = raw.slice(0, 400).replace(/<at\b[^>]*>.*?<\/at>/gi, (m) => ' '.repeat(m.length));
  const m = I.MINUTES_IMPORT.exec(head);
  if (!m) return undefined;
  const command = cleanQuestion(m[0]).replace(/[\s:.-]+$/, '');
  const minutesText = raw.slice(m.index + m[0].length).replace(/\r\n?/g, '\n').trim();
  return { intent: 'minutes.import', text: command, minutesText };
}

function trimSubject(s: string): string {
  return s
    .replace(/^[\s"'“”‘’:,-]+|[\s"'“”‘’?.!,;:-]+$/g, '')
    .replace(/\s+/g, ' ')
    .slice(0, 200);
}

function readStop(p: Parsed): Query | undefined {
  const m = I.STOP_REMINDING.exec(p.straight) ?? I.UNSUBSCRIBE.exec(p.straight);
  if (!m) return undefined;
  const about = trimSubject(m[1] ?? '');
  return about ? { intent: 'followups.stop', text: p.clean, stopAbout: about } : { intent: 'followups.stop', text: p.clean };
}

function readReminder(p: Parsed, ref: Date | undefined): Query | undefined {
  const m = I.REMIND.exec(p.straight);
  if (!m) return undefined;
  const who = m[1].toLowerCase();
  const audience: 'me' | 'this-conversation' = who === 'me' ? 'me' : 'this-conversation';
  const rest = m[2] ?? '';
  const day = parseDay(rest, ref, 'future');
  // "remind me what the ASB figures were for Rother" is a question, not a reminder.
  if (!day && /^(?:what|how|which|where|who|when|why)\b/i.test(rest)) return undefined;
  let about = rest;
  if (day) about = rest.slice(0, day.index) + ' ' + rest.slice(day.index + day.length);
  about = trimSubject(about.replace(/\s+(?:on|by|at|for|in|before)\s*$/i, '').replace(/\s+(?:on|by|at|before)\s+(?=$)/i, ''));
  about = trimSubject(about.replace(/\s+(?:on|by|before)$/i, ''));
  const whoWords = m[0].slice(0, m[0].length - rest.length).trim();
  if (!about) {
    return {
      intent: 'clarify',
      text: p.clean,
      clarify: { question: 'What should I remind you about? For example: "remind me about the hate crime figures on 1 March".', options: [] },
    };
  }
  if (!day) {
    const stem = `${whoWords.replace(/\s+(?:about|of|to|that|re:?|regarding)$/i, '')} about ${about}`;
    return {
      intent: 'clarify',
      text: p.clean,
      clarify: {
        question: `When should I send the reminder about "${about}"?`,
        options: [
          { label: 'Tomorrow', text: `${stem} tomorrow` },
          { label: 'In a week', text: `${stem} in 1 week` },
          { label: 'In two weeks', text: `${stem} in 2 weeks` },
        ],
      },
    };
  }
  return { intent: 'followups.remind', text: p.clean, reminder: { about, on: day.date, audience } };
}

function followupsList(p: Parsed, ref: Date | undefined): Query {
  let scope: NonNullable<Query['followups']>['scope'] = 'all';
  if (/\b(?:last|previous) (?:meeting|committee|time)|what (?:did we|was) (?:resolve|agree|ask|decide|request)|resolutions?\b/.test(p.plain)) scope = 'last-meeting';
  else if (/\boverdue\b/.test(p.plain)) scope = 'overdue';
  else if (/\bdue\b|coming up/.test(p.plain)) scope = 'due';
  // "what's due this month", "follow-ups due before Christmas": that window, not the next four weeks.
  const due = scope !== 'last-meeting' && scope !== 'overdue' && ref ? readDueWindow(p.plain, p.straight, ref, "what's overdue") : undefined;
  if (due) return { intent: 'followups.list', text: p.clean, followups: { scope: 'due', from: due.from, to: due.to }, note: due.note };
  return { intent: 'followups.list', text: p.clean, followups: { scope } };
}

/** "status of Operation Blofeld", "how is the PSPO going", or a distinctive title word with "changed". */
/** The subject with the words that areas and categories took blanked out. */
function withoutTaken(p: Parsed, used: boolean[], subject: string): string {
  const at = p.straight.indexOf(subject);
  if (at < 0) return subject;
  let out = subject;
  p.tokens.forEach((t, i) => {
    if (used[i] && t.start >= at && t.end <= at + subject.length) out = out.slice(0, t.start - at) + ' '.repeat(t.end - t.start) + out.slice(t.end - at);
  });
  return out;
}

function readActionDetail(p: Parsed, v: CompiledVocabulary, categories: CategoryMatch[], scan: AreaScan, used: boolean[]): Query | undefined {
  let subject: string | undefined;
  const op = I.OPERATION.exec(p.straight);
  if (op) subject = op[1];
  let weak = false;
  if (!subject) {
    for (const [k, re] of I.DETAIL_LEADINS.entries()) {
      const m = re.exec(p.straight);
      if (m && m[1]) {
        subject = trimSubject(m[1]);
        weak = I.WEAK_DETAIL_LEADINS.includes(k);
        break;
      }
    }
  }
  const hasTitles = v.titles.titles.length > 0;
  if (!subject) return undefined;
  // "who leads the guard cams action" names one action.
  subject = subject.replace(/\s+(?:action|project|work|scheme)$/i, '');
  if (/\b(?:actions?|action plan|plan|follow ?ups?|reminders?)\b/i.test(subject)) return undefined;
  if (hasTitles) {
    // "what has changed on guard cams, CCTV or the PSPO": several actions, so a list.
    if (!op && namedTitles(subject, v).length > 1) return undefined;
    // A title named only by a place or a crime word ("tell me about Rother") is not named at all.
    const byOwnWords = pickTitle(withoutTaken(p, used, subject), v.titles);
    // "status of the hate crime work" may name titles by a crime word; "tell me about hate crime" does not.
    const ownWordsOnly = byOwnWords.contenders.length === 0 && (scan.mentions.length > 0 || (weak && categories.length > 0));
    const picked = ownWordsOnly ? byOwnWords : pickTitle(subject, v.titles);
    if (picked.title) return { intent: 'action.detail', text: p.clean, actionTitle: picked.title };
    if (picked.contenders.length > 1) {
      return {
        intent: 'clarify',
        text: p.clean,
        clarify: {
          question: `More than one action fits "${subject}". Which one?`,
          options: picked.contenders.map((t) => ({ label: t, text: `status of ${t}` })),
        },
      };
    }
    // Nothing in the plan fits. A crime subject ("update on ASB in Rother") is a crime question.
    if (categories.length > 0 || scan.mentions.length > 0) return undefined;
    // The answer says it is not in the plan: "I could not find an action matching …".
    if (op) return { intent: 'action.detail', text: p.clean, actionTitle: subject };
    return undefined;
  }
  if (!op && (categories.length > 0 || scan.mentions.length > 0 || scan.outside.length > 0)) return undefined;
  if (!op && STOP_WORDS.has(subject.toLowerCase())) return undefined;
  return { intent: 'action.detail', text: p.clean, actionTitle: subject };
}

/** "did the youth project reduce ASB?", "has the CCTV made a difference?": whether something the partnership did worked. */
const CAUSAL =
  /\b(?:did|has|have|is|are|was|were)\b(?: \S+){0,6} (?:project|projects|scheme|schemes|initiative|cctv|pspo|patrols?|actions?|campaign|operation|intervention|programme|program|funding|plan|work|activities|wardens?|order)\b(?: \S+){0,4} (?:reduced?|reducing|cut|lowered|work(?:ed|ing)?|made (?:a|any) difference|make (?:a|any) difference|making (?:a|any) difference|had (?:an|any) (?:effect|impact)|effective|help(?:ed|ing)?|succeeded|successful|paid off)\b|\b(?:what|any) (?:impact|effect|difference)\b.{0,40}\b(?:project|scheme|initiative|cctv|pspo|patrols?|action|campaign|operation|intervention|programme|program|funding|plan|wardens?)\b/;

/** Whether a question (folded, as foldPhrase gives) asks if something the partnership did worked. */
export function asksWhetherItWorked(folded: string): boolean {
  return CAUSAL.test(folded);
}

/**
 * Whether an action changed the figures is a judgement they cannot make on their own (a fall may
 * have many causes), so it is said, with what would help the asker judge: the figures where it
 * ran and the partnership's actions there.
 */
function readCausalQuestion(p: Parsed, v: CompiledVocabulary, categories: CategoryMatch[], scan: AreaScan): Query | undefined {
  // "Is the PSPO working?" alone asks how the action is going, which its detail answers.
  if (!CAUSAL.test(p.plain) || (categories.length === 0 && !/\b(?:crimes?|asb|anti social behaviour|offences|offending|incidents)\b/.test(p.plain))) return undefined;
  const area = scan.mentions.find((m) => m.candidates.length === 1)?.candidates[0] ?? v.areas.district;
  const what = categories[0] ? categoryWords(categories[0].category) : 'crime';
  return {
    intent: 'clarify',
    text: p.clean,
    clarify: {
      question: `I can't say whether an action caused a change: the figures show what was recorded, not why, and many things move them. These may help you judge:`,
      options: [
        { label: `${capitalised(what)} trend in ${area.name}`, text: `${capitalised(what)} trend in ${area.name}` },
        { label: `Actions in ${area.name}`, text: area.type === 'district' ? 'Show the action plan' : `Actions in ${area.name}` },
      ],
    },
  };
}

/** "Brimington North and South": two places that share a name, said once. */
const SHARED_NAME = /\b([A-Za-z][\w'’-]*(?: [A-Za-z][\w'’-]*)?) (north|south|east|west|central|upper|lower) (and|&|or|\/) (north|south|east|west|central|upper|lower)\b/gi;

/**
 * Writes "Brimington North and South" out as "Brimington North and Brimington South" when both
 * are names of areas (else the second would be dropped), so that each is read as a place.
 */
function sharedPlaceNames(clean: string, v: CompiledVocabulary): string {
  return clean.replace(SHARED_NAME, (whole, name: string, first: string, joint: string, second: string) => {
    for (let words = name.split(' '); words.length > 0; words = words.slice(1)) {
      const stem = words.join(' ');
      if (v.areas.phrases.has(foldPhrase(`${stem} ${first}`)) && v.areas.phrases.has(foldPhrase(`${stem} ${second}`)))
        return `${name} ${first} ${joint} ${stem} ${second}`;
    }
    return whole;
  });
}

/** "Rother but not Hasland", "the borough except Brimington": the words before an area that leave it out. */
const LEAVES_OUT = /(?:^| )(?:not|excluding|exclude|except|except for|apart from|other than|without|minus|besides|aside from|not including|not counting|leaving out|ignoring)(?: in| for| the)?$/;

/** The mentions a question leaves out, each with the first token of the words that leave it out. */
function leftOutAreas(p: Parsed, scan: AreaScan): { mention: AreaMention; from: number }[] {
  const out: { mention: AreaMention; from: number }[] = [];
  for (const m of scan.mentions) {
    const before = p.tokens.slice(Math.max(0, m.from - 3), m.from).map((t) => t.norm);
    const match = LEAVES_OUT.exec(before.join(' '));
    if (!match) continue;
    const words = match[0].trim().split(' ').length;
    // "but not Hasland": the "but" goes with the words that leave it out.
    const from = m.from - words - (m.from - words > 0 && /^(?:but|and)$/.test(p.tokens[m.from - words - 1].norm) ? 1 : 0);
    out.push({ mention: m, from });
  }
  return out;
}

/**
 * Areas a question leaves out ("burglary in Rother but not Hasland"). Wards do not overlap, so
 * leaving one ward out of others' figures changes nothing and is said; one left out of the
 * district or a named area cannot be taken out of its figures, so the question is asked back.
 */
function leaveOut(p: Parsed, v: CompiledVocabulary, left: { mention: AreaMention; from: number }[], areas: AreaRef[], used: boolean[], build: (areas: AreaRef[]) => Query): Query {
  const outCodes = new Set(left.map((l) => l.mention.candidates[0].code));
  const kept = areas.filter((a) => !outCodes.has(a.code));
  const out = areas.filter((a) => outCodes.has(a.code));
  for (const { mention, from } of left) for (let i = from; i < mention.to; i++) used[i] = true;
  const names = (list: AreaRef[], or = false) => list.map((a) => a.name).join(or ? ' or ' : ' and ');
  if (kept.length > 0 && [...kept, ...out].every((a) => a.type === 'ward')) {
    const q = build(kept);
    if (q.intent === 'clarify') return q;
    const note = `${names(out)} left out, as asked: ${out.length === 1 ? 'it is a ward of its own' : 'they are wards of their own'}, not part of ${names(kept, true)}.`;
    return { ...q, note: q.note ? `${note} ${q.note}` : note };
  }
  const whole = kept[0] ?? v.areas.district;
  const first = left[0];
  return {
    intent: 'clarify',
    text: p.clean,
    clarify: {
      question: `I can't take ${names(out)} out of ${whole.name}'s figures. Choose one of these:`,
      options: [
        { label: `All of ${whole.name}`, text: replaceSpan(p, first.from, first.mention.to, kept.length === 0 ? `in ${whole.name}` : '') },
        { label: `${whole.name} and ${names(out)} compared`, text: replaceSpan(p, first.from, first.mention.to, kept.length === 0 ? `in ${whole.name} compared with ${names(out)}` : `compared with ${names(out)}`) },
      ],
    },
  };
}

/**
 * Applies the area rules every area-taking intent shares: ask when unsure, otherwise build. The
 * words that leave an area out are marked `used`, so that the reading does not take them as a
 * crime type left out.
 */
function withAreas(p: Parsed, v: CompiledVocabulary, scan: AreaScan, used: boolean[], build: (areas: AreaRef[]) => Query): Query {
  const ambiguous = scan.mentions.find((m) => m.candidates.length > 1);
  if (ambiguous) return clarifyAmbiguous(p, v, ambiguous);
  if (scan.ownWard) {
    const span = scan.ownWard;
    return {
      intent: 'clarify',
      text: p.clean,
      clarify: {
        question: 'Which ward do you mean?',
        options: v.areas.preferredWards.map((w) => ({
          label: w.name,
          text: replaceSpan(p, span.from, span.to, `${span.from > 0 && /^(?:in|for|at|of|on|around|across)$/.test(p.tokens[span.from - 1].norm) ? '' : 'in '}${w.name} ward`),
        })),
      },
    };
  }
  if (scan.unknownPlace) {
    const u = scan.unknownPlace;
    const typed = p.clean.slice(p.tokens[u.from].start, p.tokens[u.to - 1].end);
    // "in Hollywood ward" becomes "in Chesterfield", not "in Chesterfield ward".
    const wardAfter = u.to < p.tokens.length && /^wards?$/.test(p.tokens[u.to].norm) ? u.to + 1 : u.to;
    const options = [...u.nearest, v.areas.district].map((a) => ({
      label: a.type === 'district' ? `All of ${a.name}` : a.name,
      text: replaceSpan(p, u.from, a.type === 'ward' ? u.to : wardAfter, a.name),
    }));
    return {
      intent: 'clarify',
      text: p.clean,
      clarify: { question: `I don't know a place called "${typed}" in ${v.pack.district.name}. Did you mean one of these?`, options },
    };
  }
  const areas: AreaRef[] = [];
  for (const m of scan.mentions) if (!areas.some((a) => a.code === m.candidates[0].code)) areas.push(m.candidates[0]);
  const left = leftOutAreas(p, scan);
  const q = left.length > 0 ? leaveOut(p, v, left, areas, used, build) : build(areas);
  const notes: string[] = [];
  // "Hollingwood", "E05015178": a name that is not the ward's own is said back.
  const aliased = scan.mentions.filter((m) => {
    if (m.misspelt || m.candidates.length !== 1 || m.candidates[0].type !== 'ward') return false;
    const typed = p.tokens.slice(m.from, m.to).map((t) => t.norm).join(' ');
    const own = foldPhrase(m.candidates[0].name);
    return !own.includes(typed) && !own.replace(/ and /g, ' ').includes(typed) && !/^(?:st|saint) /.test(typed);
  });
  if (aliased.length > 0) notes.push(aliased.map((m) => `Taking "${p.clean.slice(p.tokens[m.from].start, p.tokens[m.to - 1].end)}" as ${m.candidates[0].name} ward.`).join(' '));
  const fixed = scan.mentions.filter((m) => m.misspelt);
  if (fixed.length > 0 && q.intent !== 'clarify') {
    notes.push(fixed.map((m) => `Taking "${p.clean.slice(p.tokens[m.from].start, p.tokens[m.to - 1].end)}" to mean ${m.candidates[0].name}.`).join(' '));
  }
  // Agencies carry county names ("Derbyshire Constabulary"): only a crime question is about a place.
  if (scan.outside.length > 0 && q.intent.startsWith('crime.')) {
    const outside = scan.outside.map((o) => o.name).join(', ');
    // "compare Chesterfield with Bolsover" when Bolsover's figures are not in the store: the comparison
    // cannot be made, and answering for Chesterfield alone would not answer it.
    if (COMPARES_WITH.test(p.plain)) {
      const own = v.pack.district.name;
      return {
        intent: 'clarify',
        text: p.clean,
        clarify: {
          question: `I cannot compare with ${outside}: this store holds no figures for it. A coordinator can load its area and police.uk files (csp areas import-lookup, then csp import), after which I compare districts by rate per 1,000 residents. Would ${own}'s own figures help?`,
          options: [
            { label: `${own}'s trend`, text: `${q.category ? capitalised(categoryWords(q.category)) : 'Crime'} trend in ${own}` },
            { label: `Wards of ${own}`, text: `Which wards have the most ${q.category ? categoryWords(q.category) : 'crime'}?` },
          ],
        },
      };
    }
    notes.push(`${outside} is outside ${v.pack.district.name}, so it is left out.`);
  }
  const preferred = new Set(v.areas.preferredWards.map((w) => w.code));
  const older = areas.filter((a) => a.type === 'ward' && !preferred.has(a.code));
  if (older.length > 0 && q.intent !== 'clarify') {
    const set = v.pack.wardSets.find((ws) => ws.wards.some((w) => w.code === older[0].code));
    const span = set ? `${set.from.slice(0, 4)}–${set.to ? set.to.slice(0, 4) : 'now'}` : 'earlier';
    notes.push(`${older.map((a) => a.name).join(' and ')} ${older.length === 1 ? 'is a ward' : 'are wards'} of the ${span} boundaries, not of the current wards: the figures are for ${older.length === 1 ? 'its' : 'their'} area.`);
  }
  if (q.note) notes.push(q.note);
  if (notes.length > 0) q.note = notes.join(' ');
  return q;
}

function replaceSpan(p: Parsed, from: number, to: number, words: string): string {
  const s = p.tokens[from].start;
  const e = p.tokens[to - 1].end;
  return `${p.clean.slice(0, s)}${words}${p.clean.slice(e)}`.replace(/\s+/g, ' ').trim();
}

function clarifyAmbiguous(p: Parsed, v: CompiledVocabulary, m: AreaMention): Query {
  const typed = p.clean.slice(p.tokens[m.from].start, p.tokens[m.to - 1].end);
  const options = m.candidates.slice(0, 8).map((a) => ({ label: a.name, text: replaceSpan(p, m.from, m.to, a.name) }));
  return {
    intent: 'clarify',
    text: p.clean,
    clarify: { question: `"${typed}" could mean ${listNames(m.candidates.map((a) => a.name))}. Which do you mean?`, options },
  };
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function actionsList(
  p: Parsed,
  v: CompiledVocabulary,
  ref: Date | undefined,
  areas: AreaRef[],
  categories: CategoryMatch[],
  changed: RegExpExecArray | null,
  rags: NonNullable<ActionFilter['rags']>,
  period: PeriodParse,
  used: boolean[],
  lastMeeting?: string,
): Query {
  const filter: ActionFilter = {};
  // "actions with no update": the plan's grey is "no update this cycle".
  if (rags.length === 0 && NO_UPDATE.test(p.plain)) rags = ['grey'];
  if (rags.length === 1) filter.rag = rags[0];
  if (rags.length > 0) filter.rags = rags;
  // "slipped twice", "flagged for committee": the committee's flag, not merely past the date.
  if (FLAGGED.test(p.plain)) filter.flagged = true;
  if (I.OVERDUE.test(p.plain) && !(filter.flagged && !/\b(?:overdue|late|past)\b/.test(p.plain))) filter.overdue = true;
  const status = I.statusOf(p.plain);
  if (status) filter.status = status;
  if (I.MY_ACTIONS.test(p.plain)) filter.lead = 'me';
  if (NO_LEAD.test(p.plain)) filter.noLead = true;
  // "Jo Whitfield's actions", "actions led by Jo Whitfield": a lead officer of the plan, by name.
  const lead = leadNamed(p.plain, v.leads);
  if (lead && filter.lead !== 'me') filter.lead = lead;
  const led = I.LED_BY.exec(p.plain);
  if (led && led[1] !== 'me' && !lead) filter.leadAgency = led[1].replace(/^the /, '').trim();
  const agency = I.AGENCY_ACTIONS.exec(p.plain);
  if (!filter.leadAgency && agency) filter.leadAgency = agency[1].replace(/^the /, '');
  const theme = I.THEME.exec(p.plain);
  // "actions for the vulnerable people theme": the theme's own words, not the lead-in.
  if (theme) filter.theme = (theme[1] ?? theme[2]).trim().replace(THEME_LEAD_IN, '');
  let note: string | undefined;
  if (changed) {
    if (I.SINCE_LAST_MEETING.test(changed[1])) {
      if (!lastMeeting) return askChangedSince(p, ref, 'I do not know the date of the last meeting yet (no minutes are loaded).');
      filter.sinceLastMeeting = true;
      filter.changedSince = lastMeeting.slice(0, 10);
      note = `Since the last meeting (${formatDay(lastMeeting)}).`;
    } else {
      const day = parseDay(changed[1], ref, 'past');
      if (day) filter.changedSince = day.date;
      else if (period.period?.kind === 'since') filter.changedSince = `${period.period.from}-01`;
      else if (period.note) note = period.note;
    }
  }
  // Titles are named by the words no area or category took ("Staveley CCTV" → CCTV).
  let rest = p.straight;
  p.tokens.forEach((t, i) => {
    if (used[i]) rest = rest.slice(0, t.start) + ' '.repeat(t.end - t.start) + rest.slice(t.end);
  });
  const titles = v.titles.titles.length > 0 ? namedTitles(rest, v) : [];
  if (titles.length > 0) {
    // Named actions are more specific than any area filter.
    filter.titles = titles;
  } else if (areas.length === 1) {
    const a = areas[0];
    if (a.type === 'ward') filter.wardCode = a.code;
    else if (a.type === 'group') filter.areaCode = a.code;
  } else if (areas.length > 1) {
    filter.areaCodes = areas.map((a) => a.code);
  }
  const q: Query = { intent: 'actions.list', text: p.clean, actions: filter };
  if (titles.length === 0 && areas.length === 1 && areas[0].type !== 'district') q.area = areas[0];
  if (titles.length === 0 && areas.length > 1) q.areas = areas;
  if (categories.length > 0) q.category = categories[0].category;
  const leads = AGENCY_LEADS.exec(p.plain);
  if (leads && !filter.leadAgency) filter.leadAgency = leads[1];
  // "actions due this month", "finishing before Christmas": target dates, counted from today.
  const due = !changed && ref ? readDueWindow(p.plain, p.straight, ref) : undefined;
  if (due) {
    filter.dueFrom = due.from;
    filter.dueTo = due.to;
    note = due.note;
  }
  // Any other period ("actions in 2020") is not a filter of the plan, which is listed as it stands.
  if (!changed && !due && period.period && !note) note = 'I list the plan as it stands today: I cannot pick actions by a period, so check the target dates in the list.';
  // "ASB actions": the plan's themes use these names; other crime types map to themes each plan names its own way.
  if (categories.length > 0 && !filter.theme && ['anti-social-behaviour', 'hate-crime', 'domestic-abuse'].includes(categories[0].category.slug))
    filter.theme = categories[0].category.name;
  // "which actions have slipped": a moved target date is on each action's card ("originally …"); the list is of those past it.
  if (/\bslip(?:ped|ping|s)?\b/.test(p.plain) && filter.overdue && !note)
    note = 'Taking "slipped" as past the target date. An action whose target date was moved says so on its card, with the date it had first.';
  if (note) q.note = note;
  return q;
}

/** Words before a theme's name that are not part of it ("show me actions under the … theme"). */
const THEME_LEAD_IN = /^(?:(?:show|list|give|me|all|any|the|our|actions?|items?|for|on|under|in|about|of|with|within|from|what|which|are|is)\s+)+/;

/** "draft the next progress report", "can you write the committee report", "prepare our performance report". */
const DRAFT_REPORT = /\b(?:draft|write|prepare|produce|generate|create|put together|pull together|start)\b(?: me| us)?(?: up)? (?:the |a |an |our )?(?:next |new |latest |quarterly |annual )?(?:committee |csp |partnership )?(?:progress |performance |committee |scrutiny )report\b/;

/** "actions that have slipped twice", "flagged for committee": a target date moved twice. */
const FLAGGED = /\b(?:slipped|slipping|moved|changed|put back|pushed back) (?:twice|more than once|two or more times|again|repeatedly)\b|\b(?:flagged|escalated) (?:for|to) (?:the )?committee\b|\bcommittee flags?\b|\bflagged actions\b/;

/** "actions with no lead", "which actions are unassigned". */
const NO_LEAD = /\b(?:no |without (?:an? |any )?|missing (?:an? )?|lacking (?:an? )?)(?:lead|leads|lead officers?|owners?)\b|\b(?:unassigned|not assigned|nobody leading|no one leading|nobody leads|no one leads)\b/;

/** "actions with no update", "which actions haven't been updated". */
const NO_UPDATE = /\b(?:no |without (?:an? |any )?|(?:not|havent|hasnt|hadnt|have not|has not|had not)(?: been)? )updat(?:e|es|ed)\b/;

/**
 * "What changed since the last meeting" with no meeting known: asked back with spans to choose
 * from, dated from the reference date (none without one: the reading never reads the clock).
 */
function askChangedSince(p: Parsed, ref: Date | undefined, why: string): Query {
  const daysBefore = (at: Date, n: number) => formatDay(new Date(at.getTime() - n * 86_400_000).toISOString().slice(0, 10));
  const options = ref
    ? [
        { label: 'The last 4 weeks', text: `What changed in the plan since ${daysBefore(ref, 28)}?` },
        { label: 'The last 3 months', text: `What changed in the plan since ${daysBefore(ref, 91)}?` },
      ]
    : [];
  return { intent: 'clarify', text: p.clean, clarify: { question: `${why} Changes since when?`, options } };
}

/** Plan titles the question names by a distinctive word ("guard cams", "Cyber Buddies"). */
function namedTitles(text: string, v: CompiledVocabulary): string[] {
  const out: string[] = [];
  for (const part of text.split(/,|\bor\b|\band\b/i)) {
    const picked = pickTitle(part, v.titles);
    if (picked.title && !out.includes(picked.title)) out.push(picked.title);
  }
  return out;
}

/** The first area a question names, else the district: what a suggestion is about. */
function subjectArea(v: CompiledVocabulary, scan: AreaScan): AreaRef {
  const m = scan.mentions.find((x) => x.candidates.length === 1);
  return m ? m.candidates[0] : v.areas.district;
}

/**
 * A question about something not held (fly-tipping, homicides, driving offences) or with a
 * qualifier that cannot be honoured (charged, next month, yesterday): the honest sentence and
 * the nearest questions that can be answered, as buttons. Words a category took do not count
 * ("violence and sexual offences" is held).
 */
function unheldQuery(p: Parsed, v: CompiledVocabulary, categories: CategoryMatch[], scan: AreaScan, used: boolean[]): Query | undefined {
  const hits = findUnheld(p.plain).filter((h) => {
    const at = p.plain.indexOf(h.words);
    if (at < 0) return true;
    const index = p.plain.slice(0, at).split(' ').length - 1;
    return !categories.some((c) => index >= c.from && index < c.to);
  });
  if (hits.length === 0) return undefined;
  // A qualifier alone ("yesterday") only matters in a question about figures.
  const topic = hits.find((h) => h.concept.kind === 'topic');
  if (
    !topic &&
    categories.length === 0 &&
    scan.mentions.length === 0 &&
    !I.CRIME_WORDS.test(p.plain) &&
    !I.TREND_ALONE.test(p.plain) &&
    !I.TOTAL.test(p.plain) &&
    !/\b(?:it|they|them|that|those|there|any)\b/.test(p.plain)
  )
    return undefined;
  void used;
  const area = subjectArea(v, scan);
  const what = categories.length > 0 ? categoryWords(categories[0].category) : 'crime';
  return { intent: 'clarify', text: p.clean, clarify: refusal(hits, { area: area.name, what, latestMonth: v.latestMonth ? monthLabel(v.latestMonth) : undefined }) };
}

function categoryWords(c: { slug: string; name: string }): string {
  if (c.slug === 'anti-social-behaviour') return 'ASB';
  return c.name.charAt(0).toLowerCase() + c.name.slice(1);
}

/** "ASB on Sheffield Road": no figure is held for a street or park; its ward when known, else ask. */
function streetQuery(p: Parsed, v: CompiledVocabulary, streets: StreetMention[], scan: AreaScan): Query {
  const s = streets[0];
  const typed = p.clean.slice(p.tokens[s.from].start, p.tokens[s.to - 1].end);
  const key = p.tokens.slice(s.from, s.to).map((t) => t.norm).join(' ');
  const ward = v.landmarks.get(key);
  if (ward) {
    const text = replaceSpan(p, s.from, s.to, ward.name);
    const q = understandAgain(text, v);
    if (q.intent.startsWith('crime.')) {
      q.text = p.clean;
      q.note = [`I can't answer for a street or park: ${typed} lies in ${ward.name} ward, so these are ${ward.name}'s figures.`, q.note].filter(Boolean).join(' ');
      return q;
    }
  }
  // A ward named inside the street's name ("Hasland Park") is offered first.
  const inside = v.areas.preferredWards.filter((w) => key.includes(foldPhrase(w.name)));
  const named = scan.mentions.filter((m) => m.candidates.length === 1).map((m) => m.candidates[0]);
  const first = named.length > 0 ? named : inside;
  const wards = [...first, ...v.areas.preferredWards.filter((w) => !first.some((f) => f.code === w.code))];
  let from = s.from;
  while (from > 0 && /^(?:the|on|at|near|around|in|by|along|of)$/.test(p.tokens[from - 1].norm)) from--;
  const options = wards.map((w) => ({ label: w.name, text: replaceSpan(p, from, s.to, `in ${w.name} ward`) }));
  if (named.length > 0) {
    return {
      intent: 'clarify',
      text: p.clean,
      clarify: {
        question: `I can't answer for a street or park such as ${typed}: I hold figures by ward. Do you want the figures for ${named.map((n) => n.name).join(' or ')}?`,
        options: options.slice(0, named.length).map((o) => ({ ...o, text: withoutSpan(p, s.from, s.to) })),
      },
    };
  }
  return {
    intent: 'clarify',
    text: p.clean,
    clarify: { question: `I can't answer for a street or park such as ${typed}, and I don't know which ward it lies in. Which ward do you mean?`, options },
  };
}

function withoutSpan(p: Parsed, from: number, to: number): string {
  const s = p.tokens[from].start;
  const e = p.tokens[to - 1].end;
  return `${p.clean.slice(0, s)}${p.clean.slice(e)}`.replace(/\b(?:on|at|near|around|in)\s+(?=(?:on|at|near|around|in)\b|[?.!]|$)/gi, '').replace(/\s+/g, ' ').trim();
}

/** Reads a rewritten question (a street replaced by its ward) with the same vocabulary. */
function understandAgain(text: string, v: CompiledVocabulary): Query {
  return parseQuestion(text, v, v.referenceDate);
}

interface CrimeReadingContext {
  ref: Date | undefined;
  lastMeeting: string | undefined;
}

function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function crimeQuery(
  p: Parsed,
  v: CompiledVocabulary,
  areas: AreaRef[],
  categories: CategoryMatch[],
  period: PeriodParse,
  tokens: Token[],
  used: boolean[],
  rc: CrimeReadingContext = { ref: undefined, lastMeeting: undefined },
): Query {
  const district = v.areas.district;
  const q: Query = { intent: 'crime.trend', text: p.clean };
  const notes: string[] = [];
  if (categories.length > 0) q.category = categories[0].category;
  // "burglary and robbery", "all crime except ASB": one crime type is answered at a time, and
  // none can be left out of a total, so ask rather than answer half the question.
  const where = areas.length === 1 ? areas[0] : areas.length === 0 ? v.areas.district : undefined;
  const slugs = [...new Set(categories.map((c) => c.category.slug))];
  const outsideCategories = tokens.filter((_, i) => !used[i] && !categories.some((c) => i >= c.from && i < c.to)).map((t) => t.norm).join(' ');
  if (where && EXCLUDING.test(outsideCategories) && categories.length > 0) {
    // The type left out is the one after the excluding word ("violent crime excluding domestic abuse").
    const cut = EXCLUDING.exec(p.low)?.index ?? 0;
    const out = categories.find((c) => tokens[c.from].start > cut) ?? categories[0];
    const kept = categories.find((c) => c.category.slug !== out.category.slug && tokens[c.from].start < cut);
    const named = categoryWords(out.category);
    const whole = kept ? categoryWords(kept.category) : 'all crime';
    return {
      intent: 'clarify',
      text: p.clean,
      clarify: {
        question: `I can't take ${named} out of ${kept ? `the figures for ${whole}` : 'a total'}. The breakdown by type shows each crime type on its own; or choose one of these.`,
        options: [
          { label: `Breakdown in ${where.name}`, text: `Breakdown of crime in ${where.name}` },
          { label: `${capitalised(whole)} in ${where.name}`, text: kept ? `${capitalised(whole)} in ${where.name}` : `Crime trend in ${where.name}` },
          { label: `${capitalised(named)} in ${where.name}`, text: `${capitalised(named)} in ${where.name}` },
        ],
      },
    };
  }
  if (where && slugs.length > 1 && !I.BREAKDOWN_STRONG.test(p.plain)) {
    const names = categories.filter((c, i) => categories.findIndex((d) => d.category.slug === c.category.slug) === i).map((c) => categoryWords(c.category));
    return {
      intent: 'clarify',
      text: p.clean,
      clarify: {
        question: `I answer one crime type at a time: which do you want first? The breakdown by type shows them all together.`,
        options: [
          ...names.slice(0, 3).map((n) => ({ label: `${capitalised(n)} in ${where.name}`, text: `${capitalised(n)} in ${where.name}` })),
          { label: `Breakdown in ${where.name}`, text: `Breakdown of crime in ${where.name}` },
        ],
      },
    };
  }
  const caveat = categories[0]?.phrase ? phraseNote(categories[0].phrase) : undefined;
  if (caveat) notes.push(caveat);
  if (period.period) q.period = period.period;
  if (period.comparison) q.comparison = period.comparison;
  if (period.note) notes.push(period.note);
  if (I.PER_CAPITA.test(p.plain)) q.perCapita = true;

  if (period.sinceLastMeeting) {
    if (!rc.lastMeeting) return askPeriod(p, period, 'I do not know the date of the last meeting yet (no minutes are loaded).');
    q.period = { kind: 'since', from: rc.lastMeeting.slice(0, 7) };
    notes.push(`Since the last meeting (${formatDay(rc.lastMeeting)}), from ${monthLabel(rc.lastMeeting.slice(0, 7))}.`);
  }
  // A month not yet published: say which month is the latest and why, and offer it.
  const latest = v.latestMonth;
  if (latest && q.period?.kind === 'range' && q.period.from > latest) {
    const asked = q.period.from === q.period.to ? monthLabel(q.period.from) : `${monthLabel(q.period.from)} to ${monthLabel(q.period.to)}`;
    const span = period.spans[period.spans.length - 1];
    const withLatest = span ? `${p.clean.slice(0, span[0])} in ${monthLabel(latest)} ${p.clean.slice(span[1])}`.replace(/\s+/g, ' ').trim() : `${p.clean} in ${monthLabel(latest)}`;
    return {
      intent: 'clarify',
      text: p.clean,
      clarify: {
        question: `${asked} is not published yet: police.uk publishes each month's figures about two months after it ends, so the latest month I hold is ${monthLabel(latest)}.`,
        options: [{ label: monthLabel(latest), text: withLatest.replace(/\bin in\b/g, 'in') }],
      },
    };
  }
  if (latest && rc.ref && q.period?.kind === 'last-months' && q.period.months === 1 && /\b(?:last|this|past|previous) month\b/.test(p.plain)) {
    const meant = /\bthis month\b/.test(p.plain) ? monthOf(rc.ref) : previousMonth(monthOf(rc.ref));
    if (meant > latest)
      notes.push(`${monthLabel(meant)} is not published yet (police.uk publishes about two months behind), so this is ${monthLabel(latest)}, the latest month I hold.`);
  }

  const compareWord = tokens.some((t, i) => !used[i] && I.COMPARE_WORDS.test(t.norm));
  let list = areas;
  if (list.length === 1 && compareWord && list[0].type !== 'district') list = [list[0], district];
  if (list.length >= 2) {
    q.intent = 'crime.compare_areas';
    q.areas = list;
    if (COMBINED.test(p.plain)) q.combined = true;
    if (DIFFERENCE.test(p.plain)) q.difference = true;
    // "Hasland against the rest of the borough": the borough is compared whole, and that is said.
    const rest = list.find((a) => a.type !== 'district');
    if (REST_OF_DISTRICT.test(p.plain) && rest && list.includes(district)) notes.push(`${comparedWhole(district, rest)}.`);
    if (notes.length > 0) q.note = notes.join(' ');
    return q;
  }
  q.area = list[0] ?? district;
  const ranks = I.RANK.test(p.plain) || RANK_EXTRA.test(p.plain);
  if ((I.BREAKDOWN_STRONG.test(p.plain) || MAIN_PROBLEM.test(p.plain)) && categories.length === 0 && !/\b(?:which|what) (?:wards?|areas?|part)\b/.test(p.plain)) q.intent = 'crime.breakdown';
  else if (ranks && (q.area.type !== 'ward' || /\b(?:rank|ranks|ranking|ranked|league table|position|compare[sd]? to other wards)\b/.test(p.plain))) q.intent = 'crime.rank';
  else if (I.TOTAL.test(p.plain) && !q.comparison && !I.TREND.test(p.plain)) q.intent = 'crime.total';
  else if (!q.comparison && !I.TREND.test(p.plain) && q.period && (q.period.kind === 'year' || q.period.kind === 'range') && !ranks)
    q.intent = 'crime.total';
  else if (I.BREAKDOWN.test(p.plain)) q.intent = 'crime.breakdown';
  // "which month was worst for burglary": the months of one area, not a ranking of wards.
  if (WHICH_MONTH.test(p.plain) && q.intent !== 'crime.compare_areas') q.intent = 'crime.trend';
  // "which wards have seen the biggest increase", "which wards have seen ASB fall", "has crime gone down in every ward".
  const byChange =
    (BY_CHANGE.test(p.plain) && (ranks || /\b(?:where|which|what) (?:wards?|areas?|part)?\b|\bwards\b/.test(p.plain))) || EVERY_WARD_CHANGED.test(p.plain) || WARDS_CHANGED.test(p.plain);
  if (byChange && q.area.type === 'district' && q.intent !== 'crime.compare_areas') {
    // Across the borough's wards, each against its own earlier period.
    q.intent = 'crime.rank';
    q.rankBy = changeDirection(p.plain);
  } else if (byChange && q.area.type !== 'ward' && q.intent !== 'crime.compare_areas') {
    const what = q.category ? categoryWords(q.category) : 'crime';
    return {
      intent: 'clarify',
      text: p.clean,
      clarify: {
        question: `I rank the wards of ${district.name} as a whole by how they changed, not those of ${q.area.name} alone. ${q.area.name}'s own change is in its trend. Would one of these help?`,
        options: [
          { label: `Changes in every ward`, text: `Which wards of ${district.name} had the biggest change in ${what}?` },
          { label: `${capitalised(what)} trend in ${q.area.name}`, text: `${capitalised(what)} trend in ${q.area.name}` },
          { label: `Wards with the most ${what}`, text: `Which wards have the most ${what}?` },
        ],
      },
    };
  }
  if (q.intent === 'crime.rank' && !q.rankBy) {
    const r = readRanking(p.plain);
    q.order = r.order;
    const count = readRankCount(p.plain);
    if (count) q.rankCount = count;
    // "which wards had no burglaries": the fewest first, so wards with none come at the top.
    if (/\b(?:no|zero|none|nil)\b/.test(p.plain)) q.order = 'asc';
    const threshold = /\b(?:more|fewer|less|over|under|above|below|at least|at most)(?: than)? (\d[\d,]*)\b/.exec(p.plain);
    if (threshold) notes.push(`I rank every ward rather than pick those over or under ${threshold[1]}: the full ranking shows where each ward stands.`);
    if (r.byRateForJudgement && !q.perCapita) {
      q.perCapita = true;
      notes.push('Ranked by rate per 1,000 residents, not by count: a count mostly reflects how many people live in a ward, so it is not a measure of safety.');
    }
  }
  // "is Loundsley Green safe": a judgement of one ward is read against the others by rate.
  if (q.intent !== 'crime.rank' && q.intent !== 'crime.compare_areas' && q.area?.type === 'ward' && /\b(?:safe|safer|safest|unsafe|dangerous|rough|dodgy)\b/.test(p.plain) && !q.perCapita) {
    q.perCapita = true;
    notes.push('Judged by rate per 1,000 residents against the other wards: a count alone is not a measure of safety.');
  }
  // "percentage change in burglary": a change over time, which the trend gives, not a share.
  if (PERCENT_CHANGE.test(p.plain)) {
    if (q.intent === 'crime.total' || q.intent === 'crime.breakdown') q.intent = 'crime.trend';
  } else if (AREA_SHARE.test(p.plain) && q.area && q.area.type !== 'district' && q.intent !== 'crime.compare_areas' && q.intent !== 'crime.rank') {
    // "what percentage of ASB is in Rother": the area's part of the borough's, side by side.
    q.intent = 'crime.compare_areas';
    q.areas = [q.area, district];
    q.share = true;
    delete q.area;
  } else if (SHARE.test(p.plain) && q.intent !== 'crime.compare_areas' && q.intent !== 'crime.rank') {
    // "what proportion of crime is violence": the breakdown holds each type's share.
    q.intent = 'crime.breakdown';
    if (q.category) notes.push(`The share of ${categoryWords(q.category)} is in the breakdown by type.`);
  }
  // "better or worse than average": against the borough as a whole, by rate.
  if ((/\b(?:(?:than|to|with|vs|versus|against|below|above) (?:the )?(?:borough |district |town |chesterfield |local )?average|borough as a whole)\b/.test(p.plain) || REST_OF_DISTRICT.test(p.plain)) && q.area?.type !== 'district' && q.area && q.intent !== 'crime.rank') {
    q.intent = 'crime.compare_areas';
    q.areas = [q.area, district];
    q.perCapita = true;
    notes.push(`${comparedWhole(district, REST_OF_DISTRICT.test(p.plain) ? q.area : undefined)}, by rate per 1,000 residents.`);
    delete q.area;
  } else if (/\b(?:average|averages|mean|per month on average|a month on average)\b/.test(p.plain) && q.intent !== 'crime.compare_areas') {
    notes.push('I give the total and each month’s figure, not an average: divide the total by the number of months shown.');
  }
  const leftovers = leftoverWords(tokens, used, p.clean, (w) => v.known.has(w) || v.areas.nameWords.has(w) || LEFTOVER_KNOWN.test(w) || (q.rankBy !== undefined && CHANGE_RANK_WORDS.test(w)));
  if (leftovers.length > 0) {
    const words = leftovers.map((w) => `"${w}"`).join(', ');
    if (categories.length === 0 && !ranks && q.intent !== 'crime.breakdown' && q.intent !== 'crime.compare_areas') {
      const where = q.area ?? district;
      return {
        intent: 'clarify',
        text: p.clean,
        clarify: {
          question: `I'm not sure what you mean by ${words}: I hold police.uk crime and ASB figures by ward, crime type and month. Did you mean one of these?`,
          options: [
            { label: `All crime in ${where.name}`, text: `Crime trend in ${where.name}` },
            { label: `ASB in ${where.name}`, text: `ASB in ${where.name}` },
            { label: `Breakdown in ${where.name}`, text: `Breakdown of crime in ${where.name}` },
          ],
        },
      };
    }
    notes.push(`I could not take ${words} into account: this answer does not allow for ${leftovers.length === 1 ? 'it' : 'them'}.`);
  }
  if (notes.length > 0) q.note = notes.join(' ');
  return q;
}

/** "biggest increase", "improved the most", "falling fastest", "doubled", "rank wards by change": a ranking by change. */
const BY_CHANGE =
  /\b(?:biggest|largest|greatest|most|fastest|sharpest|highest|steepest|quickest) (?:increases?|rises?|jumps?|growth|falls?|drops?|decreases?|reductions?|improvements?|changes?|spikes?)\b|\b(?:improved|changed?) (?:the )?most\b|\b(?:rising|falling|increasing|decreasing|growing|dropping|improving|worsening|getting worse|getting better) (?:the )?(?:fastest|most|quickest)\b|\b(?:doubled|tripled|halved|gone up the most|gone down the most)\b|\bby (?:the |their |its )?(?:(?:percentage |%\s?)?(?:change|increase|rise|fall|decrease|drop|improvement|reduction|growth)s?|how much (?:they|it|each)? ?(?:changed|rose|fell|went up|went down|increased|decreased))\b/;

/** "the rest of the borough": compared with the whole district, which holds the area asked about. */
const REST_OF_DISTRICT = /\bthe rest of (?:the )?(?:borough|district|town|chesterfield)\b/;

/** What a comparison with the district compares with: all of it, the area asked about (when named) included. */
function comparedWhole(district: AreaRef, part?: AreaRef): string {
  return `Compared with ${district.name} as a whole${part ? `, ${part.name} included` : ''}`;
}

/** A comparison with somewhere else ("compare Chesterfield with Bolsover", "Chesterfield vs Sheffield"). */
const COMPARES_WITH = /\b(?:compare[sd]?|comparing|comparison|vs|versus|against|than|relative to)\b/;

/** "how many more burglaries in Rother than Hasland", "the difference between Rother and Hasland". */
const DIFFERENCE = /\bhow (?:many|much) (?:more|fewer|less|higher|lower)\b|\bdifference (?:between|in)\b|\bby how (?:many|much)\b/;

/** "Rother and Hasland combined": the areas' figures added together. */
const COMBINED = /\b(?:combined|together|altogether|in total|added up|between them|put together|all told)\b/;

/** "which month was worst", "the busiest month": a question about the months of one area. */
const WHICH_MONTH = /\b(?:which|what) months?\b|\b(?:worst|busiest|peak|highest) months?\b/;


/** "has crime gone down in every ward", "did ASB rise in all wards": each ward's change, asked of them all. */
const EVERY_WARD_CHANGED =
  /\b(?:every|each|all(?: the)?|any) wards?\b.{0,40}\b(?:gone (?:up|down)|go (?:up|down)|went (?:up|down)|fall(?:en)?|fell|risen|rose|rise|increased?|decreased?|dropped|improved|got (?:worse|better))\b|\b(?:go(?:ne)? (?:up|down)|went (?:up|down)|fall(?:en)?|fell|rise|risen|rose|increased?|decreased?|drop(?:ped)?|improved?|got (?:worse|better)) (?:in|across|for) (?:every|each|all(?: the)?|any) (?:of the )?wards?\b/;

/** "what actions does the police lead". */
const AGENCY_LEADS = /\b(?:does|do|is|are) (?:the )?(police|council|fire service|fire|nhs|probation|county council|borough council)\b.{0,30}\b(?:lead|leading|own|owns|run|running|responsible)\b/;

/** "all crime except ASB": a type left out of a total. */
const EXCLUDING = /\b(?:excluding|exclude|excludes|except|apart from|other than|not including|not counting|without|minus|besides|aside from|leaving out|ignoring)\b/;

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "what proportion", "what share", "percentage of crime". */
const SHARE = /\b(?:proportion|percentage|percent|share|what part|how much of)\b/;

/** "percentage change in burglary", "by what percentage has ASB risen": a change, not a share. */
const PERCENT_CHANGE = /\b(?:percentage|percent|per cent) (?:change|increase|decrease|rise|fall|drop|reduction|difference|up|down)\b|\bby what (?:percentage|percent|per cent)\b|\bchanged? by (?:what|how much)\b/;

/** "what percentage of ASB is in Rother": an area's part of the borough's figure. */
const AREA_SHARE = /\b(?:proportion|percentage|percent|per cent|share|how much) of\b.{0,40}\b(?:is|are|was|were|happens?|happened|occurs?|occurred|takes? place|took place|recorded|reported|comes?|came) (?:in|from)\b/;

/** Words of questions the crime reading uses by pattern rather than by token. */
const LEFTOVER_KNOWN =
  /^(?:fewest|quietest|calmest|busiest|biggest|largest|smallest|safest|safe|safer|unsafe|dangerous|roughest|dodgiest|lowest|highest|affected|main|major|common|commonest|key|greatest|types?|sorts?|kinds?|happens?|occurs?|occurring|compared|rising|falling|going|getting|reduced|reducing|risen|rose|increased|increasing|decreased|decreasing|fallen|fell|dropped|changed|worse|better|improving|improved|position|league|sum|much|bad|good|worst|best|problem|problems|issue|issues|hotspot|hotspots|happening|last|next|against|versus|same|previous|monthly|yearly|annual|annually|average|averages|mean|proportion|percentage|percent|share|peak|peaks|highest|lowest|broken|break|down|split|whats|breakdown|hows|bottom|top|rank|ranked|ranking|ranks|table|list|wards|ward|show|me|give|tell)$/;

function askPeriod(p: Parsed, period: PeriodParse, why: string): Query {
  const span = period.spans[period.spans.length - 1];
  const base = span ? `${p.clean.slice(0, span[0])} ${p.clean.slice(span[1])}`.replace(/\s+/g, ' ').trim() : p.clean;
  return {
    intent: 'clarify',
    text: p.clean,
    clarify: {
      question: `${why} Which period do you mean?`,
      options: [
        { label: 'Last 3 months', text: `${base} in the last 3 months` },
        { label: 'Last 6 months', text: `${base} in the last 6 months` },
        { label: 'Last 12 months', text: `${base} in the last 12 months` },
      ],
    },
  };
}

function formatDay(iso: string): string {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${Number(iso.slice(8, 10))} ${months[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}
