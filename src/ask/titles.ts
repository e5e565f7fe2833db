import { STOP_WORDS } from './lexicon';
import { editDistance, foldPhrase } from './normalise';

/**
 * Fuzzy matching of the action plan's titles ("status of Operation Blofeld", "guard cams"):
 * words weighted by how rare they are across the plan, so a word every title shares
 * ("deliver", "crime") decides nothing.
 */

export interface TitleIndex {
  titles: string[];
  /** Folded distinctive words of each title (singular forms). */
  words: Set<string>[];
  weight: Map<string, number>;
  /** The whole folded title, for an exact or near-exact hit. */
  folded: string[];
}

/** Words that say what kind of thing an action is rather than which one. */
const GENERIC = new Set(
  'deliver delivery develop development provide support implement implementation continue launch run review promote raise increase reduce improve work working programme project scheme partnership partners new local community communities'.split(
    ' ',
  ),
);

function singular(w: string): string {
  return w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

function significant(folded: string): string[] {
  return folded
    .split(' ')
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w) && !GENERIC.has(w))
    .map(singular);
}

/**
 * Acronyms people use for a title's capitalised names: each run of three or more capitalised
 * words gives the initials of its endings ("Public Space Protection Order" → "pspo", "Derbyshire
 * Business Crime Reduction Partnership" → "dbcrp", "bcrp", "crp").
 */
function acronyms(title: string): string[] {
  const out: string[] = [];
  for (const run of title.match(/(?:\b[A-Z][\w'-]*(?:\s+|$)){3,}/g) ?? []) {
    const initials = run.trim().split(/\s+/).map((w) => w[0].toLowerCase());
    for (let i = 0; i + 3 <= initials.length; i++) out.push(initials.slice(i).join(''));
  }
  return out;
}

export function compileTitles(titles: string[] = []): TitleIndex {
  const folded = titles.map((t) => foldPhrase(t.replace(/[()]/g, ' ')));
  const words = folded.map((f, i) => new Set([...significant(f), ...acronyms(titles[i])]));
  const df = new Map<string, number>();
  for (const set of words) for (const w of set) df.set(w, (df.get(w) ?? 0) + 1);
  const weight = new Map<string, number>();
  for (const [w, n] of df) weight.set(w, Math.log(1 + titles.length / n));
  return { titles, words, weight, folded };
}

export interface TitleMatch {
  title: string;
  score: number;
}

/**
 * Titles that fit the words, best first. A title fits when it shares at least one distinctive
 * word (exactly, or misspelt by one letter in a word of six or more) with the words.
 */
export function matchTitles(words: string, index: TitleIndex): TitleMatch[] {
  if (index.titles.length === 0) return [];
  const folded = foldPhrase(words);
  if (!folded) return [];
  const asked = [...new Set(significant(folded))].slice(0, 30);
  const scored: TitleMatch[] = [];
  index.words.forEach((set, i) => {
    if (index.folded[i] === folded) {
      scored.push({ title: index.titles[i], score: 1000 });
      return;
    }
    let score = 0;
    for (const a of asked) {
      if (set.has(a)) {
        score += index.weight.get(a) ?? 0;
        continue;
      }
      if (a.length < 6) continue;
      for (const w of set) {
        if (w.length >= 6 && editDistance(a, w, 1) <= 1) {
          score += (index.weight.get(w) ?? 0) * 0.8;
          break;
        }
      }
    }
    if (score > 0) scored.push({ title: index.titles[i], score });
  });
  return scored.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title));
}

/**
 * The one title the words name, or the close contenders when more than one fits about as well
 * (the caller asks). Empty when none fits.
 */
export function pickTitle(words: string, index: TitleIndex): { title?: string; contenders: string[] } {
  const matches = matchTitles(words, index);
  if (matches.length === 0) return { contenders: [] };
  const best = matches[0];
  const close = matches.filter((m) => m.score >= best.score * 0.8);
  if (close.length === 1) return { title: best.title, contenders: [best.title] };
  return { contenders: close.slice(0, 5).map((m) => m.title) };
}
