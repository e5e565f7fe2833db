import type { ActionRef, MinutesParagraph, NamedActivity } from '../../domain/minutes/model';
import { foldForMatching } from './normalise';

/**
 * Activities of the action plan that minutes name. A report's list ("the report referred to the
 * following areas of activity within the action plan:" then bullets) gives one activity per
 * bullet, matched to an existing action by the words they share or proposed as a new one.
 * Elsewhere, only a paragraph that clearly names an existing action is linked to it.
 */

const STOPWORDS = new Set(
  'a an and the of to in on for with by through which who that had has have be been being is are was were such as its their our from at into including include includes it this these those or any all more most also within across other new local plus via per over than up out about between under use used using'.split(' '),
);

const IRREGULAR_STEMS: Record<string, string> = { cams: 'cam', cctv: 'cctv', buddies: 'buddy', communities: 'community', activities: 'activity' };

function stem(word: string): string {
  if (IRREGULAR_STEMS[word]) return IRREGULAR_STEMS[word];
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // "promot(e)", "reduc(e)": drop a final e so that "promote" and "promoting" meet.
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The words of a title that carry its meaning, stemmed. */
export function significantWords(text: string): string[] {
  const words = foldForMatching(text)
    .toLowerCase()
    .replace(/'s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w));
  return [...new Set(words.map(stem))];
}

/** Share of the action title's words found in the text, 0–1, and how many were found. */
export function titleCoverage(actionTitle: string, textWords: ReadonlySet<string>): { score: number; hits: number } {
  const words = significantWords(actionTitle);
  if (words.length === 0) return { score: 0, hits: 0 };
  const hits = words.filter((w) => textWords.has(w)).length;
  return { score: hits / words.length, hits };
}

const GERUND_TO_VERB: Record<string, string> = {
  supporting: 'Support',
  exploring: 'Explore',
  promoting: 'Promote',
  providing: 'Provide',
  increasing: 'Increase',
  reducing: 'Reduce',
  encouraging: 'Encourage',
  raising: 'Raise',
  using: 'Use',
  tackling: 'Tackle',
  continuing: 'Continue',
  developing: 'Develop',
  delivering: 'Deliver',
  working: 'Work',
  engaging: 'Engage',
  introducing: 'Introduce',
  securing: 'Secure',
  improving: 'Improve',
  organising: 'Organise',
  coordinating: 'Coordinate',
  co_ordinating: 'Co-ordinate',
  running: 'Run',
  planning: 'Plan',
  leading: 'Lead',
  launching: 'Launch',
  expanding: 'Expand',
  installing: 'Install',
  establishing: 'Establish',
  reviewing: 'Review',
  implementing: 'Implement',
  enforcing: 'Enforce',
  piloting: 'Pilot',
  targeting: 'Target',
  training: 'Train',
  commissioning: 'Commission',
  creating: 'Create',
  managing: 'Manage',
  addressing: 'Address',
  preventing: 'Prevent',
  protecting: 'Protect',
  maintaining: 'Maintain',
};

/** "Supporting the PREVENT programme;" → "Support the PREVENT programme". Other openings stay as written. */
export function activityTitle(text: string): string {
  const trimmed = text.replace(/[\s;:,.]+$/, '').replace(/[;,]?\s+(?:and|or)$/i, '').trim();
  const first = /^([A-Za-z-]+)(\b.*)$/s.exec(trimmed);
  if (!first) return trimmed;
  const verb = GERUND_TO_VERB[first[1].toLowerCase().replace('-', '_')];
  return verb ? `${verb}${first[2]}` : trimmed;
}

/** A paragraph that introduces a list of the action plan's activities. */
function introducesActivities(p: MinutesParagraph): boolean {
  return /:\s*$/.test(p.text) && /\b(?:action\s+plan|activit(?:y|ies)|workstreams?|priorities|projects)\b/i.test(p.text) && !/\bpoints?\s+were\s+raised\b|\bquestions?\b/i.test(p.text);
}

const LISTED_THRESHOLD = 0.5;
const DISCUSSED_THRESHOLD = 0.65;

export function findActivities(paragraphs: readonly MinutesParagraph[], actions: readonly ActionRef[]): NamedActivity[] {
  const listed: MinutesParagraph[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    if (!introducesActivities(paragraphs[i])) continue;
    for (let j = i + 1; j < paragraphs.length && (paragraphs[j].kind === 'bullet' || paragraphs[j].kind === 'numbered'); j++) listed.push(paragraphs[j]);
  }
  const listedAt = new Set(listed.map((p) => p.index));
  const wordsOf = new Map(paragraphs.map((p) => [p.index, new Set(significantWords(p.text))]));

  // Each action goes to the listed bullet it matches best, so a common word cannot claim it twice.
  const candidates: { action: ActionRef; paragraph: number; score: number }[] = [];
  for (const action of actions) {
    for (const p of listed) {
      const { score, hits } = titleCoverage(action.title, wordsOf.get(p.index)!);
      if (score >= LISTED_THRESHOLD && hits >= Math.min(2, significantWords(action.title).length)) candidates.push({ action, paragraph: p.index, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const matchesOf = new Map<number, { id: string; score: number }[]>();
  const claimed = new Set<string>();
  for (const c of candidates) {
    if (claimed.has(c.action.id)) continue;
    claimed.add(c.action.id);
    const list = matchesOf.get(c.paragraph) ?? [];
    list.push({ id: c.action.id, score: c.score });
    matchesOf.set(c.paragraph, list);
  }

  const out: NamedActivity[] = listed.map((p) => {
    const ids = (matchesOf.get(p.index) ?? []).map((m) => m.id);
    return { key: `act:${p.index}`, title: activityTitle(p.text), matchedActionId: ids[0] ?? null, matchedActionIds: ids, mention: 'listed', source: { paragraph: p.index, text: p.text } };
  });

  for (const p of paragraphs) {
    if (listedAt.has(p.index) || p.kind === 'heading' || p.kind === 'resolved') continue;
    const ids = actions
      .filter((a) => !claimed.has(a.id))
      .map((a) => ({ id: a.id, ...titleCoverage(a.title, wordsOf.get(p.index)!) }))
      .filter((m) => m.score >= DISCUSSED_THRESHOLD && m.hits >= 3)
      .sort((a, b) => b.score - a.score)
      .map((m) => m.id);
    if (ids.length === 0) continue;
    ids.forEach((id) => claimed.add(id));
    const action = actions.find((a) => a.id === ids[0])!;
    out.push({ key: `act:${p.index}`, title: action.title, matchedActionId: ids[0], matchedActionIds: ids, mention: 'discussed', source: { paragraph: p.index, text: p.text } });
  }
  return out;
}
