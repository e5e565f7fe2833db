import type { CategoryRef } from '../core/answer';
import { categoryBySlug } from '../domain/crime/categories';
import { STOP_WORDS } from './lexicon';
import { allowedEdits, editDistance, foldPhrase, longestPhraseAt, phrasePrefixes, type Token } from './normalise';

/**
 * The words people use for each police.uk category and local measure. Plurals are listed where
 * they are not just "+s" (those are added automatically). Longer phrases win over shorter ones,
 * so "bike theft" is bicycle theft, not theft.
 */
const WORDS: Record<string, string[]> = {
  'anti-social-behaviour': [
    'asb', 'anti social behaviour', 'anti social behavior', 'antisocial behaviour', 'antisocial behavior', 'anti social',
    'antisocial', 'nuisance', 'nuisance behaviour', 'anti social behaviour incident', 'asb incident', 'a s b', 'anti social behavour',
    'antisocial behavour', 'anti social behaviours', 'youths causing trouble', 'nuisance youths', 'rowdy behaviour',
  ],
  'violent-crime': [
    'violence', 'violent crime', 'violence and sexual offences', 'violence and sexual offence', 'violent and sexual offences',
    // Not "sexual offence(s)": police.uk does not publish them apart, and the question is asked back (see unheld.ts).
    'assault', 'violent offence', 'vso', 'vaso',
  ],
  'violence-without-injury': ['violence without injury', 'common assault', 'assault without injury', 'vwi'],
  'violence-with-injury': ['violence with injury', 'assault with injury', 'vwii'],
  'stalking-and-harassment': ['stalking', 'harassment', 'stalking and harassment', 'harrassment'],
  burglary: [
    'burglary', 'burglaries', 'break in', 'breakin', 'break ins', 'breakins', 'house breaking', 'housebreaking', 'burglar',
    'burgled', 'houses burgled', 'homes burgled', 'house burglary', 'home burglary', 'houses broken into', 'homes broken into',
    'house break ins', 'broken into', 'burglers', 'burgalries', 'burgleries', 'burglarys', 'breaking and entering', 'sheds broken into',
  ],
  shoplifting: ['shoplifting', 'shop lifting', 'shop theft', 'theft from shops', 'shoplifter', 'retail crime', 'retail theft'],
  drugs: [
    'drugs', 'drug', 'drug offence', 'drug crime', 'drug dealing', 'drugs offence', 'drug related crime', 'dealers',
    'drug dealers', 'drug use', 'cannabis', 'weed', 'county lines', 'class a', 'cocaine', 'heroin',
  ],
  'public-order': ['public order', 'public disorder', 'disorder', 'public order offence', 'fighting in the street', 'affray'],
  'criminal-damage-arson': [
    'criminal damage', 'vandalism', 'arson', 'criminal damage and arson', 'graffiti', 'damage', 'fire setting', 'vandalised',
    'smashed windows', 'deliberate fires', 'fires',
  ],
  'vehicle-crime': [
    'vehicle crime', 'car crime', 'car theft', 'vehicle theft', 'theft from vehicles', 'theft from cars', 'theft of vehicles',
    'stolen cars', 'theft of cars', 'vehicle offence', 'thefts from cars', 'thefts from vehicles', 'thefts of cars',
    'thefts of vehicles', 'vehicle break ins', 'vehicle break in', 'car break ins', 'car break in', 'cars broken into',
    'vehicles broken into', 'broken into cars', 'car thefts', 'vehicle thefts', 'catalytic converter thefts',
    'catalytic converters', 'number plate thefts', 'cars stolen', 'vehicles stolen', 'theft from motor vehicles', 'car related crime',
  ],
  'other-theft': ['theft', 'thefts', 'other theft', 'stealing'],
  'theft-from-the-person': ['theft from the person', 'theft from person', 'pickpocketing', 'pickpocket', 'bag snatching', 'snatch theft'],
  robbery: ['robbery', 'robberies', 'mugging', 'muggings', 'muggers', 'robbed', 'armed robbery'],
  'possession-of-weapons': [
    'weapons', 'weapon', 'knife crime', 'knives', 'knife', 'possession of weapons', 'possession of a weapon', 'weapon possession',
    'weapons possession', 'weapon offence', 'weapons offence', 'blade', 'offensive weapon', 'knife crimes', 'knife offences',
    'knife carrying', 'carrying knives', 'stabbings', 'stabbing', 'guns', 'gun crime', 'firearms',
  ],
  'bicycle-theft': ['theft of bikes', 'theft of bicycles', 'thefts of bikes', 'stolen bike', 'bikes nicked', 'cycle thefts', 'bike theft', 'bicycle theft', 'cycle theft', 'stolen bikes', 'stolen bicycles', 'bikes stolen', 'bike thefts', 'bicycle thefts'],
  'other-crime': ['other crime', 'other crimes', 'other offences'],
  'hate-crime': ['hate crime', 'hate crimes', 'hate incident', 'racist incidents', 'racially motivated crime'],
  'domestic-abuse': ['domestic abuse', 'da', 'domestic violence', 'dv', 'domestic incident', 'domestic'],
};

/**
 * Everyday names that are not a police.uk category of their own, with what the asker must know.
 * Keys are folded phrases.
 */
const PHRASE_NOTES: [RegExp, string][] = [
  [
    /^(?:knife|knives|knife crimes?|knife offences|knife carrying|carrying knives|blade|stabbings?)$/,
    'Knife crime is not a police.uk category: these are possession of weapons offences. Knife-enabled robberies and assaults are counted in robbery and violence, so this is not every crime involving a knife.',
  ],
  [/^(?:guns|gun crime|firearms)$/, 'Gun crime is not a police.uk category: these are possession of weapons offences (all weapons, not only firearms).'],
  [/^(?:county lines|cannabis|weed|cocaine|heroin|class a)$/, 'police.uk does not split drug offences by drug or by county lines: these are all drug offences.'],
  [/^(?:catalytic converters?|catalytic converter thefts|number plate thefts)$/, 'police.uk does not count these separately: these are all vehicle crimes.'],
  [
    /^(?:theft|thefts|stealing)$/,
    'Taking "theft" as police.uk\'s "other theft" category: shoplifting, vehicle crime, bicycle theft, theft from the person and burglary are counted separately.',
  ],
  [/^(?:assaults?)$/, 'police.uk counts assaults within violence and sexual offences: these figures are that whole category, not assaults alone.'],
  [/^(?:fires|deliberate fires)$/, 'police.uk counts deliberate fires within criminal damage and arson: these are all such offences.'],
  [/^(?:shed|sheds broken into)$/, 'These are all burglaries (homes and other buildings).'],
];

/** What the asker should know about the everyday name they used for a category, if anything. */
export function phraseNote(phrase: string): string | undefined {
  for (const [re, note] of PHRASE_NOTES) if (re.test(phrase)) return note;
  return undefined;
}

export interface CategoryIndex {
  phrases: Map<string, string>;
  prefixes: Set<string>;
  /** Single words long enough to be caught misspelt ("burglery"), with their slug. */
  fuzzyWords: { word: string; slug: string }[];
  /** Every word used in any category phrase: these never count as place names. */
  words: Set<string>;
}

function plural(phrase: string): string[] {
  const words = phrase.split(' ');
  const last = words[words.length - 1];
  if (last.length < 3 || last.endsWith('s')) return [];
  const forms: string[] = [];
  if (last.endsWith('y') && !/[aeiou]y$/.test(last)) forms.push(`${last.slice(0, -1)}ies`);
  else forms.push(`${last}s`);
  if (last.endsWith('ence')) forms.push(`${last}s`);
  return forms.map((f) => [...words.slice(0, -1), f].join(' '));
}

let shared: CategoryIndex | undefined;

/** The category phrase index; the same for every district, so built once. */
export function categoryIndex(): CategoryIndex {
  if (shared) return shared;
  const phrases = new Map<string, string>();
  for (const [slug, list] of Object.entries(WORDS)) {
    if (!categoryBySlug(slug)) throw new Error(`unknown category slug in ask/categories: ${slug}`);
    const name = categoryBySlug(slug)?.name ?? slug;
    for (const p of [...list, name]) {
      const folded = foldPhrase(p);
      for (const form of [folded, ...plural(folded)]) if (!phrases.has(form)) phrases.set(form, slug);
    }
  }
  const words = new Set<string>();
  const fuzzyWords: { word: string; slug: string }[] = [];
  for (const [p, slug] of phrases) {
    const parts = p.split(' ');
    parts.forEach((w) => words.add(w));
    if (parts.length === 1 && p.length >= 6) fuzzyWords.push({ word: p, slug });
  }
  shared = { phrases, prefixes: phrasePrefixes(phrases.keys()), fuzzyWords, words };
  return shared;
}

export function categoryRef(slug: string): CategoryRef {
  const c = categoryBySlug(slug);
  return { slug, name: c?.name ?? slug };
}

export interface CategoryMatch {
  category: CategoryRef;
  /** Token index range [from, to). */
  from: number;
  to: number;
  fuzzy: boolean;
  /** The folded phrase matched. */
  phrase?: string;
}

/**
 * Finds category phrases, longest first, left to right. `used` marks tokens already taken by
 * other matches and is updated. Misspelt single words are tried only when nothing matched exactly.
 */
export function matchCategories(tokens: Token[], used: boolean[], index = categoryIndex(), known?: Set<string>): CategoryMatch[] {
  const out: CategoryMatch[] = misspeltPhrases(tokens, used, index, known);
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const hit = longestPhraseAt(tokens, i, used, (p) => index.phrases.has(p), index.prefixes);
    if (!hit) continue;
    out.push({ category: categoryRef(index.phrases.get(hit.phrase) ?? ''), from: i, to: i + hit.len, fuzzy: false, phrase: hit.phrase });
    for (let k = i; k < i + hit.len; k++) used[k] = true;
    i += hit.len - 1;
  }
  if (out.length > 0) return out.sort((a, b) => a.from - b.from);
  for (let i = 0; i < tokens.length && i < 60; i++) {
    const w = tokens[i].norm;
    if (used[i] || w.length < 6 || w.length > 20 || known?.has(w)) continue;
    const max = allowedEdits(w.length);
    let best: { slug: string; d: number } | undefined;
    for (const f of index.fuzzyWords) {
      const d = editDistance(w, f.word, Math.min(max, allowedEdits(f.word.length)));
      if (d <= max && d <= allowedEdits(f.word.length) && (!best || d < best.d)) best = { slug: f.slug, d };
    }
    if (best) {
      used[i] = true;
      out.push({ category: categoryRef(best.slug), from: i, to: i + 1, fuzzy: true });
      break;
    }
  }
  return out;
}

let multiWord: Map<number, { phrase: string; slug: string }[]> | undefined;

/** Category phrases of two or more words, by word count. */
function phrasesByLength(index: CategoryIndex): Map<number, { phrase: string; slug: string }[]> {
  if (multiWord) return multiWord;
  multiWord = new Map();
  for (const [phrase, slug] of index.phrases) {
    const n = phrase.split(' ').length;
    if (n < 2 || phrase.length < 8) continue;
    const list = multiWord.get(n) ?? [];
    list.push({ phrase, slug });
    multiWord.set(n, list);
  }
  return multiWord;
}

/**
 * Misspelt names of several words ("anti socail behaviour", "vehical crime", "crimnal damage"):
 * a run of two or three words holding a word that is nothing else, close in spelling to a
 * category phrase of as many words. Runs first, so "damage" alone does not take the name.
 */
function misspeltPhrases(tokens: Token[], used: boolean[], index: CategoryIndex, known?: Set<string>): CategoryMatch[] {
  const out: CategoryMatch[] = [];
  const byLength = phrasesByLength(index);
  // A word of everyday questions ("trend", "since", "march") is something else, so not odd.
  const odd = (w: string) => w.length >= 4 && !index.words.has(w) && !STOP_WORDS.has(w) && !known?.has(w) && /^[a-z]+$/.test(w);
  // Misspelt names are short: junk input longer than a question is not searched past 40 words.
  for (let i = 0; i < tokens.length && i < 40; i++) {
    if (used[i] || tokens[i].norm.length > 15) continue;
    for (let len = 4; len >= 2; len--) {
      if (i + len > tokens.length) continue;
      const span = tokens.slice(i, i + len);
      if (span.some((t, k) => used[i + k] || (k > 0 && t.afterBreak)) || !span.some((t) => odd(t.norm))) continue;
      const phrase = span.map((t) => t.norm).join(' ');
      if (phrase.length > 40 || index.phrases.has(phrase)) continue;
      const max = Math.min(2, allowedEdits(phrase.length));
      let best: { slug: string; phrase: string; d: number } | undefined;
      for (const c of byLength.get(len) ?? []) {
        if (Math.abs(c.phrase.length - phrase.length) > max) continue;
        const d = editDistance(phrase, c.phrase, max);
        if (d <= max && (!best || d < best.d)) best = { slug: c.slug, phrase: c.phrase, d };
      }
      if (!best) continue;
      out.push({ category: categoryRef(best.slug), from: i, to: i + len, fuzzy: true, phrase: best.phrase });
      for (let k = i; k < i + len; k++) used[k] = true;
      i += len - 1;
      break;
    }
  }
  return out;
}
