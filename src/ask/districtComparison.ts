import type { DistrictComparator, Query } from '../core/query';
import { normaliseAreaName } from '../domain/areas/resolve';

/** The names a comparison between districts may use: the districts and forces the store holds. */
export interface ComparisonVocabulary {
  own: { code: string; name: string };
  districts: { code: string; name: string; aliases: string[] }[];
  /** police.uk force ids and how people say them ("derbyshire" → "Derbyshire"). */
  forces: { id: string; name: string }[];
}

export interface DistrictComparisonReading {
  subject?: string;
  versus: DistrictComparator;
  /** The question without the comparison, for reading its crime type and period. */
  rest: string;
}

const LINK = String.raw`(?:compare[sd]?|comparing|comparison|compared|vs\.?|versus|against|relative to|measured against|stack up)`;
// "compare Chesterfield with Bolsover": what follows "with" is compared with what precedes it.
const COMPARE_X_WITH = /\b(?:compare[sd]?|comparing)\s+(?:.+?)\s+(?:with|to|against)\s+(?:the\s+)?(.+)$/i;
const AFTER = new RegExp(String.raw`\b${LINK}\s+(?:(?:with|to|against)\s+)?(?:the\s+)?(.+)$`, 'i');
const COUNTRY = /^(?:england\s+(?:and|&)\s+wales|england|wales|the\s+country|national(?:ly)?|(?:the\s+)?national\s+(?:average|figures?|rate)|nationwide|the\s+whole\s+country)\b/i;
const SIMILAR = /^(?:(?:our|its|their|the)\s+)?(?:most\s+)?similar\s+(?:areas?|districts?|partnerships?|places?|councils?|boroughs?|group|family)|(?:our|the|its)?\s*(?:msg|most\s+similar\s+group|comparator\s+group|statistical\s+neighbours?|(?:our\s+)?family\s+of\s+similar\s+areas)\b/i;
const TAIL = /^(?:\s*(?:and|,|&)\s*)/i;
const SUBJECT = /\b(?:how\s+(?:does|do|is|are)\s+)(?:crime\s+in\s+)?(.+?)\s+(?:compare|stack|measure|do|fare)/i;

function names(d: { name: string; aliases: string[] }): string[] {
  return [d.name, ...d.aliases].map((n) => normaliseAreaName(n)).filter((n) => n.length > 0);
}

/** The district or force a phrase starts with, longest name first. */
function leading(text: string, vocab: ComparisonVocabulary): { code?: string; force?: { id: string; name: string }; length: number } | null {
  const norm = normaliseAreaName(text);
  let best: { code?: string; force?: { id: string; name: string }; length: number } | null = null;
  const starts = (n: string) => norm === n || norm.startsWith(`${n} `);
  for (const d of vocab.districts) for (const n of names(d)) if (starts(n) && (!best || n.length > best.length)) best = { code: d.code, length: n.length };
  for (const f of vocab.forces) {
    for (const n of [normaliseAreaName(f.name), normaliseAreaName(`${f.name} police`), normaliseAreaName(`${f.name} force area`)]) {
      if (starts(n) && (!best || n.length > best.length || (n.length === best.length && best.code !== undefined))) best = { force: f, length: n.length };
    }
  }
  return best;
}

/**
 * Reads "how does Chesterfield compare with Bolsover", "… with Bolsover and Amber Valley",
 * "… with Derbyshire", "… with England and Wales", "compared with similar areas". Returns null
 * when the question compares something else (wards with wards, a period with a period), so the
 * question reader reads it as before. A name that is both a district and a force (Derbyshire
 * Dales is a district; Derbyshire is a force) goes to the longer match.
 */
export function readDistrictComparison(text: string, vocab: ComparisonVocabulary): DistrictComparisonReading | null {
  const m = COMPARE_X_WITH.exec(text) ?? AFTER.exec(text);
  if (!m) return null;
  let target = m[1].replace(/[?.!]+\s*$/, '').trim();
  // The question up to the compared-with part: its crime type and period are read from this.
  const rest = text.slice(0, m.index + m[0].length - m[1].length).replace(/(?:\s|\b(?:with|to|against|the)\b)+$/i, '').trim();
  // "… compared with X": the link word ends the question, it is not part of it.
  const core = /(?:^|\s)(?:compared|vs\.?|versus|against|relative to|measured against)$/i.test(rest) && !COMPARE_X_WITH.test(text) ? rest.replace(/\s*\S+(?:\s+to|\s+against)?$/i, '').trim() : rest;
  // Strip period words that follow the comparator ("with Bolsover over the last year").
  const periodTail = /\s+(?:over|in|during|for|since|from|last|this|between)\b.*$/i;
  const tail = periodTail.exec(target);
  const restWithPeriod = (tail ? `${core} ${tail[0].trim()}` : core).trim();
  if (tail) target = target.slice(0, tail.index).trim();
  let versus: DistrictComparator;
  if (COUNTRY.test(target)) versus = { kind: 'country' };
  else if (SIMILAR.test(target)) versus = { kind: 'similar' };
  else {
    const codes: string[] = [];
    let force: { id: string; name: string } | undefined;
    let left = target;
    for (let guard = 0; guard < 20 && left.length > 0; guard++) {
      const hit = leading(left, vocab);
      if (!hit) return null; // a ward, a period or a place the store does not hold: not ours to read
      if (hit.force) force = hit.force;
      else if (hit.code && hit.code !== vocab.own.code) codes.push(hit.code);
      // Cut the matched words off the original text (names normalise word by word).
      const words = left.split(/\s+/);
      let taken = 0;
      while (taken < words.length && normaliseAreaName(words.slice(0, taken + 1).join(' ')).length <= hit.length) taken++;
      left = words.slice(taken).join(' ').replace(TAIL, '').trim();
    }
    if (force && codes.length === 0) versus = { kind: 'force', force: force.id, name: force.name };
    else if (codes.length > 0 && !force) versus = { kind: 'districts', codes };
    else return null;
  }
  let subject: string | undefined;
  const s = SUBJECT.exec(text);
  if (s) {
    const hit = leading(s[1], vocab);
    if (hit?.code && normaliseAreaName(s[1]).length === hit.length) subject = hit.code;
  }
  return { versus, subject, rest: restWithPeriod };
}

/**
 * The Query of a comparison between districts: the reading, and the rest of the question as read
 * (its crime type, period and notes). A ward or named area in the rest ("burglary in Rother
 * compared with England and Wales") cannot be compared with districts: the district is, and the
 * note says so.
 */
export function districtComparisonQuery(text: string, reading: DistrictComparisonReading, rest: Query | undefined, ownName: string): Query {
  const part = [rest?.area, ...(rest?.areas ?? [])].find((a) => a && a.type !== 'district');
  const whole = part && !reading.subject ? `Districts are compared whole: these are ${ownName}'s figures, which include ${part.name}.` : undefined;
  const note = [whole, rest?.note].filter(Boolean).join(' ') || undefined;
  return { intent: 'crime.compare_districts', text, category: rest?.category, period: rest?.period, note, districtComparison: { subject: reading.subject, versus: reading.versus } };
}
