import type { AreaPack, AreaRef, WardSet } from '../domain/areas/pack';
import { wardSetFor } from '../domain/areas/resolve';
import { OUTSIDE_PLACES, PLACE_PREPOSITIONS, STOP_WORDS } from './lexicon';
import { allowedEdits, editDistance, foldPhrase, longestPhraseAt, phrasePrefixes, type Token } from './normalise';

/**
 * Area matching: ward names (both ward sets), named groups, the district and their aliases, as
 * the words people type. Exact phrases first (longest wins), then misspellings within a small
 * edit distance. A name that fits two areas, or a place-like word that fits none, is reported
 * as such so the caller asks rather than guesses.
 */

interface AreaEntry {
  ref: AreaRef;
  /** Index of the ward set in the pack's set list sorted by start date; -1 for groups and the district. */
  set: number;
  /** 1: a name or alias; 2: a part derived from a name ("Brimington" from "Brimington North"). */
  tier: 1 | 2;
}

export interface AreaIndex {
  district: AreaRef;
  /** Wards of the ward set names are matched against first, in pack order. */
  preferredWards: AreaRef[];
  preferredSet: number;
  phrases: Map<string, AreaEntry[]>;
  prefixes: Set<string>;
  maxTokens: number;
  /** Phrases for misspelling search, by token count. */
  fuzzy: Map<number, string[]>;
  /** Every word of every name: such words are never "unknown places". */
  nameWords: Set<string>;
  /** Places outside the district, folded → as written. */
  outside: Map<string, string>;
  outsidePrefixes: Set<string>;
}

export interface AreaIndexOptions {
  /**
   * YYYY-MM: where a name exists in several ward sets ("Rother"), the set in force in this
   * month wins. Default: the newest set. Pass the latest month with data.
   */
  asOfMonth?: string;
  /** More places outside the district to recognise (besides the built-in UK list). */
  outsidePlaces?: string[];
}

const DIRECTIONS = ['north', 'south', 'east', 'west', 'central'];
const DIRECTION_SHORT: Record<string, string[]> = {
  north: ['n', 'nth'],
  south: ['s', 'sth'],
  east: ['e'],
  west: ['w'],
  central: ['c', 'ctrl', 'cent'],
};

const ABBREVIATIONS = new Set(Object.values(DIRECTION_SHORT).flat());

/** Spelling variants of one folded name: "st"/"saint", possessive s, "and" optional, direction abbreviations. */
function variants(folded: string): string[] {
  const out = new Set<string>([folded]);
  const add = (s: string) => {
    if (s.trim()) out.add(s.replace(/\s+/g, ' ').trim());
  };
  for (const v of [...out]) {
    if (/(^| )st( |$)/.test(v)) add(v.replace(/(^| )st( |$)/, '$1saint$2'));
    if (/(^| )saint( |$)/.test(v)) add(v.replace(/(^| )saint( |$)/, '$1st$2'));
  }
  for (const v of [...out]) {
    // "St Leonard's" folds to "st leonards"; people also write "St Leonard".
    if (/^(st|saint) \w+s$/.test(v)) add(v.slice(0, -1));
  }
  // "Barrow Hill New Whittington", "Brampton East Boythorpe": the "and" is often left out.
  for (const v of [...out]) if (v.includes(' and ')) add(v.replace(/ and /g, ' '));
  for (const v of [...out]) {
    for (const dir of DIRECTIONS) {
      if (new RegExp(`(^| )${dir}( |$)`).test(v)) for (const s of DIRECTION_SHORT[dir]) add(v.replace(new RegExp(`(^| )${dir}( |$)`), `$1${s}$2`));
    }
  }
  return [...out];
}

/** Parts a person may use alone: each side of "X and Y", and a name without its direction word. */
function parts(folded: string): string[] {
  const out = new Set<string>();
  const sides = folded.split(' and ').map((s) => s.trim()).filter(Boolean);
  if (sides.length > 1) sides.forEach((s) => out.add(s));
  for (const s of [folded, ...sides]) {
    const words = s.split(' ');
    if (words.length > 1 && DIRECTIONS.includes(words[words.length - 1])) out.add(words.slice(0, -1).join(' '));
    if (words.length > 1 && DIRECTIONS.includes(words[0])) out.add(words.slice(1).join(' '));
  }
  out.delete(folded);
  return [...out].filter((p) => p.length >= 3 && !STOP_WORDS.has(p));
}

function sortedSets(pack: AreaPack): WardSet[] {
  return [...pack.wardSets].sort((a, b) => a.from.localeCompare(b.from));
}

export function compileAreas(pack: AreaPack, options: AreaIndexOptions = {}): AreaIndex {
  const sets = sortedSets(pack);
  let preferredSet = sets.length - 1;
  if (options.asOfMonth && sets.length > 0) {
    const set = wardSetFor(pack, options.asOfMonth);
    preferredSet = sets.indexOf(set);
  }
  const phrases = new Map<string, AreaEntry[]>();
  const put = (phrase: string, entry: AreaEntry) => {
    if (!phrase) return;
    const list = phrases.get(phrase) ?? [];
    const same = list.find((e) => e.ref.code === entry.ref.code);
    if (same) {
      if (entry.tier < same.tier) same.tier = entry.tier;
      return;
    }
    list.push(entry);
    phrases.set(phrase, list);
  };
  const addNamed = (names: string[], ref: AreaRef, set: number) => {
    for (const name of names) {
      const folded = foldPhrase(name);
      if (!folded) continue;
      for (const v of variants(folded)) put(v, { ref, set, tier: 1 });
      for (const p of parts(folded)) for (const v of variants(p)) put(v, { ref, set, tier: 2 });
    }
  };

  const district: AreaRef = { code: pack.district.code, name: pack.district.name, type: 'district' };
  addNamed([pack.district.name, ...pack.district.aliases], district, -1);
  for (const g of pack.groups) {
    // A town centre group is also "central Chesterfield", "Chesterfield centre", "the centre".
    const centre = /^(?:the )?town cent(?:re|er)$/i.test(g.name)
      ? [`central ${pack.district.name}`, `${pack.district.name} centre`, `${pack.district.name} center`, `centre of ${pack.district.name}`, 'the centre', 'town centre area']
      : [];
    addNamed([g.name, ...g.aliases, ...centre], { code: g.code, name: g.name, type: 'group' }, -1);
  }
  sets.forEach((set, si) => {
    for (const w of set.wards) {
      const ref: AreaRef = { code: w.code, name: w.name, type: 'ward' };
      addNamed([w.name, ...(pack.wardAliases[w.code] ?? [])], ref, si);
      // ONS codes ("E05015178") name the ward of their own set exactly.
      put(w.code.toLowerCase(), { ref, set: si, tier: 1 });
    }
  });
  put(pack.district.code.toLowerCase(), { ref: district, set: -1, tier: 1 });

  let maxTokens = 1;
  const fuzzy = new Map<number, string[]>();
  const nameWords = new Set<string>();
  for (const p of phrases.keys()) {
    const words = p.split(' ');
    maxTokens = Math.max(maxTokens, words.length);
    words.forEach((w) => nameWords.add(w));
    // Abbreviated forms ("brimington n") are matched exactly only: as fuzzy targets they fit too much.
    if (p.length >= 5 && !words.some((w) => ABBREVIATIONS.has(w))) {
      const list = fuzzy.get(words.length) ?? [];
      list.push(p);
      fuzzy.set(words.length, list);
    }
  }

  const outside = new Map<string, string>();
  for (const place of [...OUTSIDE_PLACES, ...(options.outsidePlaces ?? [])]) {
    const f = foldPhrase(place);
    if (f && !phrases.has(f)) outside.set(f, place);
  }

  const preferredWards = (sets[preferredSet]?.wards ?? []).map((w): AreaRef => ({ code: w.code, name: w.name, type: 'ward' }));
  return {
    district,
    preferredWards,
    preferredSet,
    phrases,
    prefixes: phrasePrefixes(phrases.keys()),
    maxTokens,
    fuzzy,
    nameWords,
    outside,
    outsidePrefixes: phrasePrefixes(outside.keys()),
  };
}

/** The areas a phrase stands for: best tier first, then the preferred ward set, then the nearest set. */
function choose(entries: AreaEntry[], preferredSet: number): AreaRef[] {
  const tier = Math.min(...entries.map((e) => e.tier));
  const sameTier = entries.filter((e) => e.tier === tier);
  const distance = (e: AreaEntry) => (e.set < 0 ? 0 : Math.abs(e.set - preferredSet));
  const best = Math.min(...sameTier.map(distance));
  const seen = new Set<string>();
  const out: AreaRef[] = [];
  for (const e of sameTier) {
    if (distance(e) !== best || seen.has(e.ref.code)) continue;
    seen.add(e.ref.code);
    out.push(e.ref);
  }
  return out;
}

export interface AreaMention {
  /** Token range [from, to). */
  from: number;
  to: number;
  /** One area: understood. Several: the words fit more than one area. */
  candidates: AreaRef[];
  /** Set when matched as a misspelling: what was typed. */
  misspelt?: string;
}

export interface AreaScan {
  mentions: AreaMention[];
  /** Places outside the district that were named. */
  outside: { from: number; to: number; name: string }[];
  /** A place-like word that fits no area closely, with the nearest names. */
  unknownPlace?: { from: number; to: number; words: string; nearest: AreaRef[] };
  /** "my ward", "our area": a place only the asker knows. */
  ownWard?: { from: number; to: number };
}

/** Ways of naming the asker's own place that only they know. */
const OWN_PLACE: string[][] = [
  ['where', 'i', 'live'],
  ['where', 'we', 'live'],
  ['near', 'me'],
  ['around', 'me'],
  ['round', 'here'],
  ['around', 'here'],
  ['ward', 'i', 'represent'],
  ['ward', 'i', 'cover'],
  ['ward', 'i', 'serve'],
  ['area', 'i', 'represent'],
  ['area', 'i', 'cover'],
  ['wards', 'i', 'represent'],
];

/** Small words that never start or end a misspelt place name. */
const EDGE_WORDS = new Set(['the', 'in', 'of', 'and', 'at', 'for', 'to', 'on', 'a', 'an', 'by', 'with', 'or', 'vs', 'v', 'ward', 'wards']);

/**
 * Scans tokens for areas. `used` marks tokens already understood (categories, periods) and is
 * updated. `known` holds the other words of the question language, which are never places.
 * `clean` (the text the tokens came from) lets a capitalised unknown word count as a place.
 */
export function scanAreas(tokens: Token[], used: boolean[], index: AreaIndex, known: ReadonlySet<string>, clean?: string): AreaScan {
  const mentions: AreaMention[] = [];
  const outside: AreaScan['outside'] = [];
  const n = tokens.length;

  // "my ward", "our area": the asker's own ward, which only they know.
  let ownWard: AreaScan['ownWard'];
  for (let i = 0; i + 1 < n && !ownWard; i++) {
    if ((tokens[i].norm === 'my' || tokens[i].norm === 'our') && /^(ward|wards|area|patch|neighbourhood|neighborhood|division|community|street|estate|local)$/.test(tokens[i + 1].norm)) {
      const to = tokens[i + 1].norm === 'local' && i + 2 < n && /^(ward|area|patch|community)$/.test(tokens[i + 2].norm) ? i + 3 : i + 2;
      ownWard = { from: i, to };
    }
    // "where I live", "near me", "the ward I represent"
    for (const words of OWN_PLACE) {
      if (i + words.length <= n && words.every((w, k) => tokens[i + k].norm === w)) {
        ownWard = { from: i, to: i + words.length };
        break;
      }
    }
  }
  if (ownWard) for (let k = ownWard.from; k < ownWard.to; k++) used[k] = true;

  // Shortened names: "brim north", "stav c", "whitt moor". A word of four letters or more that
  // begins exactly one name word, followed by the rest of a name, stands for that name.
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (used[i] || t.norm.length < 4 || index.nameWords.has(t.norm) || known.has(t.norm) || STOP_WORDS.has(t.norm) || !/^[a-z]+$/.test(t.norm)) continue;
    const starts: string[] = [];
    for (const w of index.nameWords) if (w.length > t.norm.length && w.startsWith(t.norm) && starts.push(w) > 1) break;
    if (starts.length !== 1) continue;
    let best: { len: number; phrase: string } | undefined;
    let phrase = starts[0];
    for (let k = i; k < n && k - i < 4; k++) {
      if (k > i) {
        if (used[k] || tokens[k].afterBreak) break;
        phrase = `${phrase} ${tokens[k].norm}`;
      }
      if (!index.prefixes.has(phrase)) break;
      if (index.phrases.has(phrase)) best = { len: k - i + 1, phrase };
    }
    if (!best) continue;
    mentions.push({ from: i, to: i + best.len, candidates: choose(index.phrases.get(best.phrase) ?? [], index.preferredSet), misspelt: tokens.slice(i, i + best.len).map((x) => x.norm).join(' ') });
    for (let k = i; k < i + best.len; k++) used[k] = true;
    i += best.len - 1;
  }

  // Exact names, longest first.
  for (let i = 0; i < n; i++) {
    if (used[i]) continue;
    const hit = longestPhraseAt(tokens, i, used, (p) => index.phrases.has(p), index.prefixes);
    if (!hit) continue;
    mentions.push({ from: i, to: i + hit.len, candidates: choose(index.phrases.get(hit.phrase) ?? [], index.preferredSet) });
    for (let k = i; k < i + hit.len; k++) used[k] = true;
    i += hit.len - 1;
  }

  // Places outside the district.
  for (let i = 0; i < n; i++) {
    if (used[i]) continue;
    const hit = longestPhraseAt(tokens, i, used, (p) => index.outside.has(p), index.outsidePrefixes);
    if (!hit) continue;
    outside.push({ from: i, to: i + hit.len, name: index.outside.get(hit.phrase) ?? hit.phrase });
    for (let k = i; k < i + hit.len; k++) used[k] = true;
    i += hit.len - 1;
  }

  // Misspellings: only words that are nothing else, and only a bounded number of them. A
  // misspelt longer name may swallow an exact shorter one ("Middlecroft and Poolsbrok").
  const isUnknownWord = (t: Token) => !known.has(t.norm) && !STOP_WORDS.has(t.norm) && !index.nameWords.has(t.norm) && /^[a-z]+$/.test(t.norm);
  const owner = new Array<number>(n).fill(-1);
  mentions.forEach((m, mi) => {
    for (let k = m.from; k < m.to; k++) owner[k] = mi;
  });
  const swallowed = new Set<number>();
  const maxFuzzyTokens = Math.min(5, index.maxTokens);
  // Junk input repeats words; each distinct phrase is compared once.
  const memo = new Map<string, { d: number; hits: string[] }>();
  let tried = 0;
  for (let i = 0; i < n && tried < 40; i++) {
    if ((used[i] && owner[i] < 0) || EDGE_WORDS.has(tokens[i].norm)) continue;
    if (owner[i] >= 0 && mentions[owner[i]].from !== i) continue;
    let best: { len: number; d: number; refs: AreaRef[] } | undefined;
    for (let len = 1; len <= maxFuzzyTokens && i + len <= n; len++) {
      let free = true;
      let unknown = false;
      let nameWord = false;
      for (let k = i; k < i + len; k++) {
        if (used[k] && (owner[k] < 0 || mentions[owner[k]].to > i + len)) free = false;
        if (!used[k] && isUnknownWord(tokens[k])) unknown = true;
        if (owner[k] >= 0 || index.nameWords.has(tokens[k].norm)) nameWord = true;
        if (k > i && tokens[k].afterBreak) free = false;
      }
      if (!free) {
        if (owner[i + len - 1] >= 0) continue;
        break;
      }
      if (!unknown || EDGE_WORDS.has(tokens[i + len - 1].norm)) continue;
      // A misspelt name of several words keeps one of them right, or starts with a word that fits alone.
      if (len > 1 && !nameWord && !best) continue;
      const phrase = tokens.slice(i, i + len).map((t) => t.norm).join(' ');
      if (phrase.length < 5 || phrase.length > 40) continue;
      let found = memo.get(phrase);
      if (!found) {
        tried++;
        found = closestNames(phrase, index.fuzzy.get(len) ?? []);
        memo.set(phrase, found);
      }
      const { d: bestD, hits } = found;
      if (hits.length === 0) continue;
      const refs = dedupe(hits.flatMap((h) => choose(index.phrases.get(h) ?? [], index.preferredSet)));
      // The longest phrase that fits wins: "Stavely Centrl" is Staveley Central, not Staveley plus a stray word.
      if (!best || len > best.len || (len === best.len && bestD < best.d)) best = { len, d: bestD, refs };
    }
    if (best) {
      const typed = tokens.slice(i, i + best.len);
      for (let k = i; k < i + best.len; k++) {
        if (owner[k] >= 0) swallowed.add(owner[k]);
        used[k] = true;
      }
      mentions.push({ from: i, to: i + best.len, candidates: best.refs, misspelt: typed.map((t) => t.norm).join(' ') });
      i += best.len - 1;
    }
  }
  if (swallowed.size > 0) {
    const kept = mentions.filter((_, mi) => !swallowed.has(mi));
    mentions.length = 0;
    mentions.push(...kept);
  }
  mentions.sort((a, b) => a.from - b.from);

  let unknownPlace: AreaScan['unknownPlace'];
  if (mentions.length === 0 && outside.length === 0 && !ownWard) unknownPlace = findUnknownPlace(tokens, used, index, isUnknownWord, clean);
  return { mentions, outside, unknownPlace, ownWard: mentions.length === 0 ? ownWard : undefined };
}

/** The names nearest in spelling to a phrase, within the edits its length allows. */
function closestNames(phrase: string, candidates: string[]): { d: number; hits: string[] } {
  let bestD = Infinity;
  let hits: string[] = [];
  for (const candidate of candidates) {
    // The name's length sets the allowance: "Rothr" may be Rother, but "spice" is not Spire.
    const limit = allowedEdits(candidate.length);
    if (limit === 0 || Math.abs(candidate.length - phrase.length) > limit) continue;
    const d = editDistance(phrase, candidate, limit);
    if (d > limit) continue;
    if (d < bestD) {
      bestD = d;
      hits = [candidate];
    } else if (d === bestD) {
      hits.push(candidate);
    }
  }
  return { d: bestD, hits };
}

function dedupe(refs: AreaRef[]): AreaRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => (seen.has(r.code) ? false : (seen.add(r.code), true)));
}

/** A word after "in"/"for"/… or before "ward" that is no known word: the asker meant a place we do not know. */
function findUnknownPlace(
  tokens: Token[],
  used: boolean[],
  index: AreaIndex,
  isUnknownWord: (t: Token) => boolean,
  clean: string | undefined,
): AreaScan['unknownPlace'] {
  const n = tokens.length;
  const placeAt = (i: number): { from: number; to: number } | undefined => {
    if (i >= n || used[i] || !isUnknownWord(tokens[i]) || tokens[i].norm.length < 3 || NOT_PLACES.has(tokens[i].norm)) return undefined;
    let j = i + 1;
    while (j < n && j - i < 3 && !used[j] && isUnknownWord(tokens[j]) && !NOT_PLACES.has(tokens[j].norm) && !tokens[j].afterBreak) j++;
    return { from: i, to: j };
  };
  // "in parks", "at night": after a preposition, only a capitalised word, or one close to a
  // name, is taken for a place. Before "ward" any unknown word is.
  const placeLike = (span: { from: number; to: number }, words: string): boolean => {
    const first = clean?.[tokens[span.from].start] ?? '';
    if (first !== first.toLowerCase()) return true;
    return nearestDistance(words, index) <= 3;
  };
  for (let i = 0; i < n; i++) {
    const w = tokens[i].norm;
    let span: { from: number; to: number } | undefined;
    let beforeWard = false;
    if (PLACE_PREPOSITIONS.has(w)) {
      const next = i + 1 < n && tokens[i + 1].norm === 'the' ? i + 2 : i + 1;
      span = placeAt(next);
    } else if ((w === 'ward' || w === 'wards') && i > 0) {
      let s = i - 1;
      while (s > 0 && i - s < 3 && !used[s - 1] && isUnknownWord(tokens[s - 1])) s--;
      span = placeAt(s);
      if (span) span.to = Math.min(span.to, i);
      beforeWard = true;
    }
    if (span) {
      const words = tokens.slice(span.from, span.to).map((t) => t.norm).join(' ');
      if (beforeWard || placeLike(span, words)) return { ...span, words, nearest: nearestAreas(words, index, 3) };
    }
  }
  return undefined;
}

/** Everyday nouns that follow "in"/"at" in questions and are never places. */
const NOT_PLACES = new Set(
  `park parks school schools home homes house houses shop shops store stores street streets road roads night nights nighttime
  daytime weekend weekends evening evenings morning mornings bus buses train trains station stations pub pubs bar bars club clubs
  estate estates garden gardens playground playgrounds public private particular detail full context future person children
  young youth teenagers women men elderly families business businesses online internet cyber social media centres centers
  hospital hospitals car cars vehicle vehicles premises property properties summer winter spring autumn holidays christmas`
    .split(/\s+/)
    .filter(Boolean),
);

function nearestDistance(words: string, index: AreaIndex): number {
  let best = Infinity;
  for (const phrase of index.phrases.keys()) {
    if (Math.abs(phrase.length - words.length) > 3) continue;
    best = Math.min(best, editDistance(words, phrase, 3));
    if (best <= 1) break;
  }
  return best;
}

/** The areas whose names are closest in spelling, for "did you mean" choices. */
export function nearestAreas(words: string, index: AreaIndex, count: number): AreaRef[] {
  const w = words.slice(0, 40);
  const best = new Map<string, { ref: AreaRef; d: number }>();
  for (const [phrase, entries] of index.phrases) {
    if (phrase.length < 3) continue;
    const d = editDistance(w, phrase, 40);
    for (const ref of choose(entries, index.preferredSet)) {
      if (ref.type === 'district') continue;
      const seen = best.get(ref.code);
      if (!seen || d < seen.d) best.set(ref.code, { ref, d });
    }
  }
  return [...best.values()]
    .sort((a, b) => a.d - b.d || a.ref.name.localeCompare(b.ref.name))
    .slice(0, count)
    .map((s) => s.ref);
}

/**
 * The same place in the ward set used for a month. Names are matched against one ward set
 * (see `asOfMonth`), but figures for a month roll up through the set in force then: "Rother"
 * matched in the 2023 set is E05015178, and for 2020 it is the 2015–2023 Rother, E05003337.
 * Groups and the district are the same in every month. Returns undefined when no ward of that
 * name existed then ("Spire" before May 2023); the caller should say so.
 */
export function resolveAreaForMonth(pack: AreaPack, area: AreaRef, month: string): AreaRef | undefined {
  if (area.type !== 'ward') return area;
  if (pack.wardSets.length === 0) return undefined;
  const set = wardSetFor(pack, month);
  const direct = set.wards.find((w) => w.code === area.code);
  if (direct) return { code: direct.code, name: direct.name, type: 'ward' };
  const name = foldPhrase(area.name);
  const same = set.wards.find((w) => foldPhrase(w.name) === name);
  return same ? { code: same.code, name: same.name, type: 'ward' } : undefined;
}

/** The areas a whole folded phrase names exactly (see `foldPhrase`): none, one, or several when ambiguous. */
export function areasNamed(phrase: string, index: AreaIndex): AreaRef[] {
  const entries = index.phrases.get(phrase);
  return entries ? choose(entries, index.preferredSet) : [];
}
