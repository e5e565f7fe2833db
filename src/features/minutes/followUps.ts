import { dueFromSentence } from './dates';
import type { MinutesParagraph, ProposedFollowUp, Resolution } from '../../domain/minutes/model';
import { splitSentences } from './normalise';

/**
 * Requests and promises in minutes that someone has to act on: "further information had been
 * requested on …", "would be distributed to Members after the meeting", "be provided to the …
 * Committee in September, 2021", "the officer agreed to circulate …".
 */

const PASSIVE_VERBS: Record<string, string> = {
  distributed: 'Distribute',
  circulated: 'Circulate',
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
  investigated: 'Investigate',
  'looked into': 'Look into',
};
const PASSIVE = new RegExp(`\\b(would|will|should|shall|to|be(?=\\s+(?:${Object.keys(PASSIVE_VERBS).join('|')})\\b))\\s+(?:also\\s+|then\\s+)?(?:be\\s+)?(${Object.keys(PASSIVE_VERBS).sort((a, b) => b.length - a.length).join('|')})\\b`, 'i');

const ACTIVE_VERBS = ['provide', 'circulate', 'distribute', 'send', 'share', 'report back', 'report', 'investigate', 'look into', 'arrange', 'write to', 'contact', 'update', 'bring back', 'bring', 'forward', 'present', 'submit'];
const ACTIVE = new RegExp(`^(.{3,120}?)\\s+(?:agreed|undertook|offered|promised|was asked|were asked|had been asked|would|will)\\s+(?:to\\s+)?(${ACTIVE_VERBS.join('|')})\\b(.*)$`, 'i');

const REQUEST = /\b((?:further|more|additional)\s+(?:information|details|data|figures)|information|details|a\s+(?:further\s+)?(?:report|briefing|update|breakdown|note|written response))\s+(?:had\s+been|has\s+been|was|were|is|be|being)\s+requested\s+(?:on|about|regarding|concerning|in\s+relation\s+to|into|of|for|with\s+regard\s+to)\s+(.+)$/i;
const MEMBERS_ASKED = /\b(?:Members?|Councillors?|the\s+Committee|the\s+Chair)\s+(?:had\s+|also\s+)?(?:requested|asked\s+for|sought)\s+(?!that\b)(.+)$/i;

const AUDIENCE = /^\s*(?:to|with)\s+((?:all\s+)?(?:the\s+)?(?:[A-Z][\w’'&-]*\s+(?:and\s+|of\s+|for\s+)?){0,6}(?:Committee|Board|Cabinet|Council|Members|Partnership|Panel|Group|Forum|Councillors)|(?:all\s+)?(?:Members|members|Councillors|councillors|ward members))\b/;
const OWNER_BY = /^\s*(?:to\s+[^,]+?\s+)?by\s+((?:the\s+)?[A-Z][^,.;]+?)(?=\s+(?:in|by|after|before|at|on|within|following|to)\b|[,.;]|$)/;

/** Where a title stops: timing words belong to the due date, not the title. */
const TIMING = /\s*(?:,\s*)?\b(?:in|by|before|during|at|on|for)\s+(?:the\s+)?(?:end\s+of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b.*$|\s*\b(?:after|following)\s+the\s+meeting\b.*$|\s*\b(?:the\s+)?(?:following|next|coming)\s+week\b.*$|\s*\bwithin\s+\w+\s+(?:day|week|month)s?\b.*$|\s*\bat\s+(?:its|the|their)\s+next\s+meeting\b.*$|\s*\bas\s+soon\s+as\s+\w+\b.*$/i;

function trimEnd(text: string): string {
  return text.replace(/[\s,;:.]+$/, '').replace(/\s+(?:and|or)$/i, '').trim();
}

function lowerFirst(text: string): string {
  return /^[A-Z](?:[a-z]|\s)/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

function upperFirst(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** Keeps the noun phrase short: "details of a webinar to be run by X …" → "details of a webinar". */
function shortSubject(subject: string): string {
  const cut = subject.search(/\s+(?:to\s+be\s+|which\s+|who\s+|that\s+(?:was|were|had|would|is)\b)|,\s+/);
  return trimEnd(cut > 20 ? subject.slice(0, cut) : subject);
}

function stripTiming(text: string): string {
  return trimEnd(text.replace(TIMING, ''));
}

function cleanOwner(name: string): string {
  return trimEnd(name.replace(/^the\s+/i, '').replace(/^it\s+was\s+(?:agreed|noted)\s+that\s+/i, ''));
}

function audienceOf(phrase: string): string {
  return trimEnd(phrase.replace(/^all\s+/i, '').replace(/^the\s+/i, ''));
}

function isPronoun(subject: string): boolean {
  return /^(?:he|she|they|it|this|that|these|those|we|i|officers?)$/i.test(subject.trim());
}

interface Found {
  kind: ProposedFollowUp['kind'];
  title: string;
  owner: string | null;
  audience: string | null;
}

/** Reads one sentence; null when it asks nothing of anyone. */
export function followUpIn(sentence: string): Found | null {
  const body = sentence.replace(/^(?:that|it\s+was\s+(?:agreed|resolved|noted)\s+that)\s+/i, '');

  const req = REQUEST.exec(body);
  if (req) {
    const what = req[1].toLowerCase();
    const topic = stripTiming(req[2]);
    const rest = body.slice(req.index + req[0].length - req[2].length);
    const by = /\bby\s+((?:the\s+)?[A-Z][^,.;]+?)(?=\s+(?:in|by|after|before|at|on|within|following|to)\b|[,.;]|$)/.exec(rest);
    return { kind: 'request', title: `Provide ${what} on ${topic}`, owner: by && !/^by\s+Members?/i.test(by[0]) ? cleanOwner(by[1]) : null, audience: 'Members' };
  }

  const passive = PASSIVE.exec(body);
  if (passive) {
    const subject = body.slice(0, passive.index).trim();
    if (subject.length >= 3 && !/\b(?:not|no longer)\s*$/i.test(subject)) {
      const verbKey = passive[2].toLowerCase();
      const verb = PASSIVE_VERBS[verbKey] ?? upperFirst(verbKey);
      const after = body.slice(passive.index + passive[0].length);
      const audience = AUDIENCE.exec(after);
      const ownerBy = OWNER_BY.exec(after);
      const object = lowerFirst(shortSubject(subject));
      const audienceName = audience ? audienceOf(audience[1]) : null;
      const title = `${verb} ${object}${audienceName ? ` to ${audience![1].replace(/^all\s+/i, '').replace(/^The\s/, 'the ')}` : ''}`;
      return {
        kind: 'promise',
        title: stripTiming(title),
        owner: ownerBy ? cleanOwner(ownerBy[1]) : null,
        audience: audienceName,
      };
    }
  }

  const active = ACTIVE.exec(body);
  if (active && !isPronoun(active[1]) && !/\b(?:hoped|expected|likely|could|might)\b/i.test(active[1])) {
    const verb = upperFirst(active[2].toLowerCase());
    const rest = stripTiming(active[3]);
    const audience = AUDIENCE.exec(active[3]);
    return {
      kind: 'promise',
      title: trimEnd(`${verb}${rest ? ` ${rest.trim()}` : ''}`),
      owner: cleanOwner(active[1]),
      audience: audience ? audienceOf(audience[1]) : null,
    };
  }

  const asked = MEMBERS_ASKED.exec(body);
  if (asked) {
    return { kind: 'request', title: `Provide ${stripTiming(lowerFirst(asked[1]))}`, owner: null, audience: 'Members' };
  }
  return null;
}

/**
 * Every follow-up the minutes ask for, with its due date counted from the meeting date. A
 * follow-up without a named owner falls to the officer who presented the report.
 */
export function findFollowUps(paragraphs: readonly MinutesParagraph[], resolutions: readonly Resolution[], meetingDate: string | null, presenter: string | null): ProposedFollowUp[] {
  const out: ProposedFollowUp[] = [];
  const resolutionAt = new Map(resolutions.map((r) => [r.source.paragraph, r]));
  for (const p of paragraphs) {
    if (p.kind === 'heading') continue;
    const sentences = splitSentences(p.text);
    sentences.forEach((sentence, i) => {
      const found = followUpIn(sentence);
      if (!found) return;
      const due = dueFromSentence(sentence, meetingDate);
      const resolution = resolutionAt.get(p.index);
      out.push({
        key: `fu:${p.index}:${i}`,
        kind: resolution ? 'resolution' : found.kind,
        title: found.title,
        due: due.due,
        precision: due.precision,
        dueBasis: due.basis,
        dueText: due.text,
        owner: found.owner ?? presenter,
        ownerBasis: found.owner ? 'named' : presenter ? 'presenter' : null,
        audience: found.audience,
        resolutionNumber: resolution?.number ?? null,
        source: { paragraph: p.index, text: sentence },
      });
    });
  }
  return out;
}
