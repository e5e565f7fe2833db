import { addDays, DEFAULT_REQUEST_DAYS, dueFromSentence } from './dates';
import type { MinutesParagraph, ProposedFollowUp, Resolution } from '../../domain/minutes/model';
import { splitSentences } from './normalise';
import { exemptParagraphs, isItemHeading } from './exempt';

/**
 * Requests and promises in minutes that someone has to act on, in the ways clerks write them:
 * passive requests ("Further information on … was requested", "Members asked for …"), officer
 * undertakings ("the officer would look into …", "agreed to circulate …"), resolutions ("That a
 * further report be provided to the Committee in September", "That the Chair write to …"),
 * deferrals ("deferred to the meeting on 3 November"), invitations and member briefings.
 */

const PASSIVE_VERBS: Record<string, string> = {
  distributed: 'Distribute',
  circulated: 'Circulate',
  'recirculated': 'Recirculate',
  provided: 'Provide',
  sent: 'Send',
  submitted: 'Submit',
  presented: 'Present',
  'brought back': 'Bring back',
  brought: 'Bring',
  reported: 'Report',
  'reported back': 'Report back',
  shared: 'Share',
  forwarded: 'Forward',
  'made available': 'Make available',
  emailed: 'Email',
  'e-mailed': 'Email',
  published: 'Publish',
  arranged: 'Arrange',
  organised: 'Organise',
  organized: 'Organise',
  scheduled: 'Schedule',
  held: 'Hold',
  'set up': 'Set up',
  investigated: 'Investigate',
  'looked into': 'Look into',
  invited: 'Invite',
  'written to': 'Write to',
  contacted: 'Contact',
  'followed up': 'Follow up',
  explored: 'Explore',
  reviewed: 'Review',
  prepared: 'Prepare',
  produced: 'Produce',
  clarified: 'Clarify',
  confirmed: 'Confirm',
  'fed back': 'Feed back',
  passed: 'Pass',
  'passed on': 'Pass on',
  included: 'Include',
  added: 'Add',
};
const PASSIVE_KEYS = Object.keys(PASSIVE_VERBS).sort((a, b) => b.length - a.length).join('|');
const PASSIVE = new RegExp(`\\b(would|will|should|shall|to|be(?=\\s+(?:${PASSIVE_KEYS})\\b))\\s+(?:also\\s+|then\\s+|now\\s+)?(?:be\\s+)?(${PASSIVE_KEYS})\\b`, 'i');

const ACTIVE_VERBS = [
  'provide', 'circulate', 'distribute', 'send', 'share', 'report back', 'report', 'investigate', 'look into', 'arrange', 'write to', 'contact', 'update',
  'bring back', 'bring', 'forward', 'present', 'submit', 'find out', 'follow up', 'liaise with', 'check', 'confirm', 'clarify', 'feed back', 'respond to',
  'raise', 'explore', 'review', 'invite', 'organise', 'organize', 'prepare', 'produce', 'obtain', 'seek', 'speak to', 'meet with', 'email', 'e-mail', 'chase',
  'attend',
];
const ACTIVE_ALT = ACTIVE_VERBS.sort((a, b) => b.length - a.length).join('|');
const ACTIVE = new RegExp(`^(.{3,120}?)\\s+(?:agreed|undertook|offered|promised|committed|was asked|were asked|had been asked|would|will|to)\\s+(?:to\\s+)?(?:also\\s+)?(${ACTIVE_ALT})\\b(.*)$`, 'i');
/** The subjunctive of a resolution: "That the Chair write to …", "That officers report back …". */
const SUBJUNCTIVE = new RegExp(`^(?!a\\b|an\\b|the\\s+(?:report|minutes|item|update|plan|next\\s+meeting)\\b)((?:the\\s+)?[A-Za-z][\\w’'-]*(?:\\s+(?:and\\s+|of\\s+|for\\s+|–\\s+)?[A-Za-z][\\w’'-]*){0,8}?)\\s+(?:be\\s+asked\\s+to\\s+|be\\s+requested\\s+to\\s+)?(${ACTIVE_ALT})\\b(?!\\s+(?:be|was|were|is|are|had|has)\\b)(.*)$`, 'i');

const WHAT = '(?:(?:further|more|additional|detailed|updated|written)\\s+)*(?:information|details|data|figures|statistics|clarification|an?\\s+(?:further\\s+|more\\s+detailed\\s+|written\\s+|all-members?\\s+|members?[’\']?\\s+)?(?:report|briefing|update|breakdown|note|analysis|response|explanation|presentation|seminar|workshop|session))';
const REQUEST = new RegExp(`\\b(${WHAT})\\s+(?:had\\s+been|has\\s+been|was|were|is|be|being)\\s+(?:requested|sought|asked\\s+for)\\s+(?:on|about|regarding|concerning|in\\s+relation\\s+to|into|of|for|with\\s+regard\\s+to)\\s+(.+)$`, 'i');
/** "Further information on X was requested", "A breakdown of X by ward was requested by Members". */
const REQUEST_BEFORE = new RegExp(`^(?:.{0,40}?\\b)?(${WHAT})\\s+((?:on|about|regarding|concerning|in\\s+relation\\s+to|into|of|for|as\\s+to)\\s+.+?)\\s+(?:had\\s+been|has\\s+been|was|were|is)\\s+(?:requested|sought|asked\\s+for)\\b(.*)$`, 'i');
const MEMBERS_ASKED = /\b(?:Members?|Councillors?|Cllr\.?\s+[A-Z][\w'-]+|the\s+Committee|the\s+Chair(?:man)?)\s+(?:had\s+|also\s+|further\s+)?(?:requested|asked\s+for|sought|would\s+like|wished\s+to\s+(?:see|receive))\s+(?!that\b)(.+)$/i;
const MEMBERS_ASKED_THAT = /^(?:.{0,60}?\b)?(?:Members?|Councillors?|the\s+Committee|the\s+Chair(?:man)?)\s+(?:had\s+|also\s+)?(?:requested|asked|suggested|recommended|proposed)\s+that\s+(.+)$/i;
const DEFERRED = /^(.{3,160}?)\s+(?:was|were|be|had\s+been|is|would\s+be)\s+(?:deferred|postponed|adjourned|carried\s+forward)\s+(?:to|until|till)\s+(.+)$/i;

const AUDIENCE = /^\s*(?:to|with|for)\s+((?:all\s+)?(?:the\s+)?(?:[A-Z][\w’'&-]*\s+(?:and\s+|of\s+|for\s+)?){0,6}(?:Committee|Board|Cabinet|Council|Members|Partnership|Panel|Group|Forum|Councillors|Chair|Chairman|Vice-Chair)|(?:all\s+)?(?:Members|members|Councillors|councillors|ward\s+(?:members|councillors)|local\s+(?:members|councillors)))\b/;
/** Whoever a letter or an invitation goes to: "to the Home Secretary", "to the Chief Constable of Derbyshire". */
const ADDRESSEE = /^\s*(?:to\s+)?((?:the\s+)?(?:[A-Z][\w’'&.-]*|of|for|and)(?:\s+(?:[A-Z][\w’'&.-]*|of|for|and|the)){0,8})/;
const OWNER_BY = /^\s*(?:to\s+[^,]+?\s+)?by\s+((?:the\s+)?[A-Z][^,.;]+?)(?=\s+(?:in|by|after|before|at|on|within|following|to)\b|[,.;]|$)/;

/** Where a title stops: timing words belong to the due date, not the title. */
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const TIMING = new RegExp(
  [
    `\\s*(?:,\\s*)?\\b(?:in|by|before|during|at|on|for|from|no\\s+later\\s+than|w\\/?c\\.?|week\\s+commencing)\\s+(?:the\\s+)?(?:end\\s+of\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?(?:${MONTHS})\\b.*$`,
    `\\s*(?:,\\s*)?\\b(?:by|before|on|no\\s+later\\s+than)\\s+\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?\\s+(?:${MONTHS})\\b.*$`,
  ].join('|'),
  'i',
);
/** Timing phrases that do not end the title: "report back in the new municipal year on the hotspots". */
const TIMING_PHRASE = new RegExp(
  [
    '\\s*\\b(?:after|following)\\s+the\\s+meeting\\b',
    '\\s*\\b(?:the\\s+)?(?:following|next|coming)\\s+week\\b',
    '\\s*\\bwithin\\s+\\w+\\s+(?:day|week|month)s?\\b',
    '\\s*\\bin\\s+\\w+\\s+months[’\']?(?:\\s+time)?\\b',
    '\\s*\\b(?:at|to|for|before)\\s+(?:its|the|their|a)\\s+(?:next|future)\\s+(?:scheduled\\s+)?meeting(?:\\s+of\\s+the\\s+(?:[A-Z][\\w-]*\\s*(?:and\\s+)?)*(?:Committee|Panel|Board|Cabinet))?\\b',
    '\\s*\\bas\\s+soon\\s+as\\s+(?:possible|practicable)\\b',
    '\\s*\\b(?:in|during|early\\s+in)\\s+the\\s+(?:new|next)\\s+municipal\\s+year\\b',
    '\\s*\\b(?:before|by)\\s+(?:the\\s+)?(?:financial\\s+)?(?:year[- ]end|end\\s+of\\s+(?:the|this)\\s+(?:financial\\s+|calendar\\s+)?year)\\b',
    '\\s*\\bin\\s+due\\s+course\\b',
    '\\s*\\b(?:by|before|during)\\s+(?:the\\s+end\\s+of\\s+)?(?:the|this|next)\\s+month\\b',
  ].join('|'),
  'gi',
);

/** Openings that are not part of what is asked: "Furthermore,", "It was agreed that", "The Inspector confirmed that". */
const CONNECTIVE = /^(?:(?:(?:and|but|so|also|furthermore|in\s+addition|additionally|however|moreover|finally|therefore|accordingly|separately|as\s+a\s+result|in\s+response|following\s+(?:discussion|questions)|arising\s+from\s+(?:the\s+)?discussion)\s*,?|further\s*,)\s+)+/i;
const REPORTED_THAT = /^(.{2,80}?)\s+(?:confirmed|said|stated|advised|explained|reported|indicated|noted|added|agreed|undertook|informed(?:\s+(?:the\s+)?(?:Committee|Members))?)\s+that\b[\s,]*/i;
const MAX_TITLE = 140;

function trimEnd(text: string): string {
  return text.replace(/[\s,;:.(–—-]+$/, '').replace(/\s+(?:and|or|to)$/i, '').trim();
}

function lowerFirst(text: string): string {
  return /^[A-Z](?:[a-z]|\s)/.test(text) && !/^(?:I|PCSO|PCC|CSP|ASB)\b/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

function upperFirst(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** A title of reasonable length, cut at a word. */
function clipTitle(text: string): string {
  const t = trimEnd(text.replace(/\s+/g, ' '));
  return t.length <= MAX_TITLE ? t : `${t.slice(0, MAX_TITLE).replace(/\s+\S*$/, '')}…`;
}

/** Keeps the noun phrase short: "details of a webinar to be run by X …" → "details of a webinar". */
function shortSubject(subject: string): string {
  const cut = subject.search(/\s+(?:to\s+be\s+|which\s+|who\s+|that\s+(?:was|were|had|would|is)\b)|,\s+/);
  return trimEnd(cut > 20 ? subject.slice(0, cut) : subject);
}

function stripTiming(text: string): string {
  return trimEnd(text.replace(TIMING, '').replace(TIMING_PHRASE, '').replace(/\s{2,}/g, ' '));
}

function cleanOwner(name: string): string {
  return trimEnd(name.replace(/^the\s+/i, '').replace(/^it\s+was\s+(?:agreed|noted)\s+that\s+/i, '').replace(CONNECTIVE, ''));
}

function audienceOf(phrase: string): string {
  return trimEnd(phrase.replace(/^all\s+/i, '').replace(/^the\s+/i, ''));
}

function isPronoun(subject: string): boolean {
  return /^(?:he|she|they|it|this|that|these|those|we|i|you|there|which|who)$/i.test(subject.trim());
}

/** The words that say what is asked for, without openings: owner (when said) and subject. */
function subjectOf(before: string): { subject: string; reporter: string | null } {
  let s = before.trim().replace(/^[\s,;:–—-]+/, '').replace(CONNECTIVE, '');
  let reporter: string | null = null;
  const said = REPORTED_THAT.exec(s);
  if (said) {
    // "Members were advised that …": those told are not the ones who owe it.
    reporter = isPronoun(said[1]) || /\b(?:was|were|been)$/i.test(said[1]) ? null : cleanOwner(said[1]);
    s = s.slice(said[0].length);
  }
  const thats = [...s.matchAll(/\bthat\b[\s,]*/gi)];
  const last = thats.at(-1);
  if (last) s = s.slice(last.index! + last[0].length);
  return { subject: s.replace(/^[\s,;:–—-]+/, '').replace(CONNECTIVE, '').replace(/^[\s,;:–—-]+/, '').trim(), reporter };
}

interface Found {
  kind: ProposedFollowUp['kind'];
  title: string;
  owner: string | null;
  audience: string | null;
  /** A deferred item comes back to the committee: say so in the title. */
  deferredTo?: string;
}

function requestFound(what: string, topic: string, rest: string): Found {
  const by = /\bby\s+((?:the\s+)?[A-Z][^,.;]+?)(?=\s+(?:in|by|after|before|at|on|within|following|to)\b|[,.;]|$)/.exec(rest);
  const about = stripTiming(topic).replace(/^(?:on|about|regarding|concerning|in\s+relation\s+to|into|as\s+to)\s+/i, '');
  const noun = what.toLowerCase().replace(/\s+/g, ' ');
  const joined = /^(?:of|for)\s/i.test(about) ? `${noun} ${about}` : `${noun} on ${about}`;
  return { kind: 'request', title: clipTitle(`Provide ${joined}`), owner: by && !/^by\s+(?:Members?|Councillors?|the\s+Committee)\b/i.test(by[0]) ? cleanOwner(by[1]) : null, audience: 'Members' };
}

/** "The Committee agreed that …", "It was resolved that …", "That …": what follows is a that-clause. */
const THAT_LEAD = /^(?:\([a-z0-9]{1,3}\)\s+)?(?:that\s+|(?:.{0,80}?\b)?(?:agreed|agrees|resolved|resolves|requested|requests|asked|asks|recommended|recommends|decided|decides|proposed)\s*,?\s+that\s+)/i;

/** Reads one sentence; null when it asks nothing of anyone. */
export function followUpIn(sentence: string): Found | null {
  return followUpsIn(sentence)[0] ?? null;
}

/**
 * Every request in a sentence: "That A be noted and that B be reported in June" asks one thing (B).
 * `resolved`: the sentence is an item of a resolution ("(3) the Head of Community Safety write to
 * …"), so it is read as a that-clause even where its "that" was printed once, above the list.
 */
export function followUpsIn(sentence: string, resolved = false): Found[] {
  // "ACTION: Inspector Shaw to provide …", "Agreed: Jane Ellis to bring …", as action logs in minutes are written.
  const stripped = sentence.replace(/^(?:action(?:\s+point)?s?|actioned|agreed|decision|decided|outcome)\s*[:–—-]\s*/i, '').replace(CONNECTIVE, '').replace(/^\([a-z0-9]{1,3}\)\s+/i, '');
  const lead = THAT_LEAD.exec(stripped);
  const body = lead ? stripped.slice(lead[0].length) : stripped;
  const clauses = body.split(/,?\s+and\s+that\s+|;\s+(?:and\s+)?that\s+/i);
  const out: Found[] = [];
  clauses.forEach((clause, i) => {
    const found = followUpInClause(clause, lead !== null || i > 0 || resolved);
    if (found) out.push(found);
  });
  return out;
}

function followUpInClause(body: string, thatClause: boolean): Found | null {
  const before = REQUEST_BEFORE.exec(body);
  if (before) return requestFound(before[1], before[2], before[3]);
  const req = REQUEST.exec(body);
  if (req) return requestFound(req[1], req[2], body.slice(req.index + req[0].length - req[2].length));

  const deferred = DEFERRED.exec(body);
  if (deferred) {
    const { subject } = subjectOf(deferred[1]);
    const item = /^(?:the\s+|this\s+)?(?:item|matter|report|it)$/i.test(subject) ? 'the deferred item' : lowerFirst(shortSubject(subject.replace(/^consideration\s+of\s+/i, '')));
    return { kind: 'promise', title: clipTitle(`Bring back ${item} to the Committee`), owner: null, audience: 'Committee', deferredTo: deferred[2] };
  }

  // Members asked that something be done: what is asked is the rest of the sentence.
  const askedThat = MEMBERS_ASKED_THAT.exec(body);
  const inner = askedThat ? askedThat[1] : body;
  const asPassive = PASSIVE.exec(inner);
  if (asPassive) {
    const { subject, reporter } = subjectOf(inner.slice(0, asPassive.index));
    if (subject.length >= 3 && !/\b(?:not|no longer|never)\s*$/i.test(subject) && !isPronoun(subject) && !/\b(?:hoped|expected|likely|could|might)\b/i.test(subject)) {
      const verbKey = asPassive[2].toLowerCase();
      const verb = PASSIVE_VERBS[verbKey] ?? upperFirst(verbKey);
      const after = inner.slice(asPassive.index + asPassive[0].length);
      const ownerBy = OWNER_BY.exec(after);
      const object = lowerFirst(shortSubject(subject));
      // "The next meeting will be held on …" is a date, not something to do.
      if (verb === 'Hold' && /\bmeeting\b/i.test(subject) && !/\b(?:briefing|seminar|workshop|session)\b/i.test(subject)) return null;
      if (verb === 'Invite') {
        const to = trimEnd(after.replace(/^\s*to\s+/, '').split(/[,;.]|\s+(?:and|in\s+order|to\s+(?:discuss|present|update|answer|explain|talk|give))\b/i)[0]);
        return { kind: askedThat ? 'request' : 'promise', title: clipTitle(`Invite ${object}${to ? ` to ${to}` : ' to a meeting of the Committee'}`), owner: ownerBy ? cleanOwner(ownerBy[1]) : reporter, audience: audienceOf(shortSubject(subject)) };
      }
      const audience = AUDIENCE.exec(after);
      const addressee = !audience && /^(?:Send|Forward|Write to|Email)$/.test(verb) ? ADDRESSEE.exec(after.replace(/^\s*to\s+/, ' ')) : null;
      const audienceName = audience ? audienceOf(audience[1]) : addressee && /^\s*to\s/.test(after) ? audienceOf(addressee[1]) : null;
      const audienceText = audience ? audience[1].replace(/^all\s+/i, '').replace(/^The\s/, 'the ') : audienceName ? addressee![1].replace(/^The\s/, 'the ') : null;
      return {
        kind: askedThat ? 'request' : 'promise',
        title: clipTitle(stripTiming(`${verb} ${object}${audienceText ? ` ${(audience && /^\s*(with|for)\b/.exec(after)?.[1]) || 'to'} ${audienceText}` : ''}`)),
        owner: ownerBy ? cleanOwner(ownerBy[1]) : reporter,
        audience: audienceName ?? (askedThat || /\bmembers?\b|\bcouncillors\b/i.test(subject) ? 'Members' : null),
      };
    }
  }

  // "the officer would circulate …" before "That the Chair write to …".
  const active = ACTIVE.exec(body) ?? (thatClause ? SUBJUNCTIVE.exec(body) : null);
  if (active) {
    const { subject, reporter } = subjectOf(active[1]);
    const owner = isPronoun(subject) ? reporter : subject;
    if (owner && subject.length >= 2 && !/\b(?:hoped|expected|likely|could|might|would\s+like)\b/i.test(active[1]) && !/^(?:members|councillors|the\s+committee)$/i.test(subject)) {
      const verb = upperFirst(active[2].toLowerCase());
      const rest = stripTiming(active[3]);
      // "send the figures to the Chair": whoever it goes to may follow the object.
      const to = active[3].search(/\s(?:to|with|for)\s/);
      const audience = AUDIENCE.exec(active[3]) ?? (to !== -1 ? AUDIENCE.exec(active[3].slice(to)) : null);
      // Whoever is written to or contacted: the words up to what the letter is about.
      const addressee = /^(?:Write to|Contact|Liaise with|Speak to|Meet with|Invite)$/.test(verb) ? trimEnd(rest.split(/[,;]|\s+(?:to\s+(?:ask|request|seek|express|raise|explain|set)|setting|asking|requesting|seeking|regarding|about|expressing)\b/)[0]) : '';
      return {
        kind: 'promise',
        title: clipTitle(`${verb}${rest ? ` ${rest.trim()}` : ''}`),
        owner: cleanOwner(owner),
        // Reporting back is to the body that asked.
        audience: audience ? audienceOf(audience[1]) : addressee ? audienceOf(addressee) : /^(?:Report|Bring back|Attend)/.test(verb) ? 'Committee' : null,
      };
    }
  }

  const asked = MEMBERS_ASKED.exec(body);
  if (asked) {
    const what = stripTiming(lowerFirst(asked[1])).replace(/^(?:to\s+(?:see|receive|have)\s+)/i, '');
    if (what.length >= 3) return { kind: 'request', title: clipTitle(`Provide ${what}`), owner: null, audience: 'Members' };
  }
  return null;
}

/** The heading of the item a paragraph sits in, for follow-ups that say only "the item". */
function itemTitles(paragraphs: readonly MinutesParagraph[]): Map<number, string> {
  const out = new Map<number, string>();
  let current: string | null = null;
  for (const p of paragraphs) {
    if (isItemHeading(p) && !/:$/.test(p.text)) current = p.text;
    if (current) out.set(p.index, current);
  }
  return out;
}

/** A promise that answers the request before it: "would provide details", "agreed to circulate the breakdown". */
const REFERS_BACK = /^\S+(?:\s+\S+)?\s+(?:the\s+(?:information|details|data|figures|breakdown|briefing|note|update|report|response|analysis)|(?:these|this|those|it|them|details|a\s+response)\b)/i;

function sameFollowUp(a: ProposedFollowUp, title: string, due: string | null): boolean {
  return a.title.toLowerCase() === title.toLowerCase() && a.due === due;
}

/**
 * Every follow-up the minutes ask for, with its due date counted from the meeting date. A
 * follow-up without a named owner falls to the officer who presented the report. The same
 * request printed twice (a decision list and the minutes) is proposed once.
 */
export function findFollowUps(paragraphs: readonly MinutesParagraph[], resolutions: readonly Resolution[], meetingDate: string | null, presenter: string | null, nextMeetingDate: string | null = null): ProposedFollowUp[] {
  const out: ProposedFollowUp[] = [];
  const resolutionAt = new Map(resolutions.map((r) => [r.source.paragraph, r]));
  const exempt = exemptParagraphs(paragraphs);
  const items = itemTitles(paragraphs);
  for (const p of paragraphs) {
    if (p.kind === 'heading' || p.kind === 'table' || isItemHeading(p)) continue;
    const sentences = splitSentences(p.text);
    const resolved = resolutionAt.has(p.index);
    sentences.forEach((sentence, i) => {
      followUpsIn(sentence, resolved).forEach((found, j) => {
        const due = dueFromSentence(found.deferredTo ? `${found.deferredTo} ${sentence}` : sentence, meetingDate, nextMeetingDate);
        const title = found.title === 'Bring back the deferred item to the Committee' && items.get(p.index) ? clipTitle(`Bring back "${items.get(p.index)}" to the Committee`) : found.title;
        if (out.some((o) => sameFollowUp(o, title, due.due))) return;
        // "Further information on X was requested. The officer would provide details before …": one follow-up.
        const asked = out.at(-1);
        if (asked && asked.source.paragraph === p.index && asked.kind === 'request' && found.kind === 'promise' && REFERS_BACK.test(title)) {
          if (found.owner) Object.assign(asked, { owner: found.owner, ownerBasis: 'named' as const });
          if (found.audience) asked.audience = found.audience;
          if (due.basis !== 'none' || asked.dueBasis === 'none') Object.assign(asked, { due: due.due, precision: due.precision, dueBasis: due.basis, dueText: due.text, chaseFrom: due.basis === 'none' ? asked.chaseFrom : null });
          return;
        }
        const resolution = resolutionAt.get(p.index);
        out.push({
          key: j === 0 ? `fu:${p.index}:${i}` : `fu:${p.index}:${i}:${j}`,
          kind: resolution ? 'resolution' : found.kind,
          title,
          due: due.due,
          precision: due.precision,
          dueBasis: due.basis,
          dueText: due.text,
          owner: found.owner ?? presenter,
          ownerBasis: found.owner ? 'named' : presenter ? 'presenter' : null,
          audience: found.audience,
          resolutionNumber: resolution?.number ?? null,
          chaseFrom: due.basis === 'none' && meetingDate ? addDays(meetingDate, DEFAULT_REQUEST_DAYS) : null,
          exempt: exempt.has(p.index),
          source: { paragraph: p.index, text: sentence },
        });
      });
    });
  }
  return out;
}
