import { STOP_WORDS } from './lexicon';
import type { Token } from './normalise';

/**
 * Words a question used that the reading did not: a word that changes the meaning is named back
 * to the asker rather than dropped ("near schools", "involving children"). Also the streets,
 * parks and estates people name, which no figure is held for.
 */

/** Words that carry no meaning a figure could change with. */
const FILLER = new Set(
  `pls plz thx please mate folks guys team bot assistant quick quickly quick question question questions query wondering wonder
  curious interested interesting fancy keen asking ask tell show give let know find out check checking look looking see seeing
  about around roughly approximately approx exactly precise precisely currently current now right recently lately these days nowadays
  happening happen happened been going there going on situation picture position looking like like look looks things thing stuff
  whats hows wheres whens whos ok okay hmm erm um hi hello thanks thank cheers ta again still yet already even
  actually basically really pretty quite rather fairly somewhat bit lot lots loads much many few several
  any anything something everything nothing some all total overall whole general generally
  figure figures number numbers stats statistics data info information detail details summary overview update latest recent
  year month years months period time times ward wards area areas borough district town council councillor cllr member members
  can could would should will might may must shall do does did doing done have has had having get got getting give given
  is are was were be been being am its it this that these those there their they them what which who where when why how
  level levels amount amounts rate rates count counts trend trends chart graph table map compare comparison
  happening incidents incident crimes crime offences offence reported recorded reports report police uk police.uk
  residents resident people population per capita head thousand 1000 100000
  seen see saw say said tell told know knew think thought feel felt seem seems seemed
  issue issues problem problems concern concerns worried worry worrying gone went come came goes been became become
  wat wot u ur pls plz moment headline headlines key main snapshot quick
  safe safer safety unsafe dangerous like during around throughout within yr yrs mths mnths`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words for places no figure is held for; a name before one is a street, a park or an estate. */
const STREET_WORDS = new Set(
  'road rd street lane ln avenue ave drive close crescent way terrace grove park estate rec recreation playing fields field precinct square retail shopping market walk row gardens mews hill green bridge station'.split(
    ' ',
  ),
);

export interface StreetMention {
  from: number;
  to: number;
}

/**
 * "ASB on Sheffield Road", "the Grangewood estate", "crime in Queen's Park": a name (one to
 * three words) followed by a street word, where the whole is no area name. `isArea` tells
 * whether a folded phrase is an area's name.
 */
export function findStreets(tokens: Token[], used: boolean[], clean: string, isArea: (phrase: string) => boolean, isKnown: (w: string) => boolean): StreetMention[] {
  const out: StreetMention[] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (used[i] || !STREET_WORDS.has(tokens[i].norm) || tokens[i].afterBreak) continue;
    let from = i;
    while (from > 0 && i - from < 3 && !used[from - 1] && !tokens[from].afterBreak) {
      const w = tokens[from - 1].norm;
      if (STOP_WORDS.has(w) && w !== 'st' && w !== 'saint') break;
      if (isKnown(w)) break;
      from--;
    }
    if (from === i) continue;
    // A lower-case "the park" or "car park" is not a named place unless written as a name.
    const named = tokens.slice(from, i + 1).some((t) => clean[t.start] !== clean[t.start].toLowerCase()) || /^(?:estate|road|street|lane|avenue|rd|drive|close|crescent)$/.test(tokens[i].norm);
    if (!named) continue;
    // "Loundsley Green", "Barrow Hill": names of areas are areas.
    let isAreaName = false;
    for (let s = from; s <= i && !isAreaName; s++) {
      const phrase = tokens.slice(s, i + 1).map((t) => t.norm).join(' ');
      if (isArea(phrase)) isAreaName = true;
    }
    if (isAreaName) continue;
    out.push({ from, to: i + 1 });
    for (let k = from; k <= i; k++) used[k] = true;
  }
  return out;
}

/** Unused words of the question that may change its meaning, as typed. */
export function leftoverWords(tokens: Token[], used: boolean[], clean: string, isKnown: (w: string) => boolean): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (used[i]) return;
    const w = t.norm;
    if (w.length < 3 || /^\d+$/.test(w) || STOP_WORDS.has(w) || FILLER.has(w) || isKnown(w)) return;
    const typed = clean.slice(t.start, t.end);
    if (!out.includes(typed)) out.push(typed);
  });
  return out;
}
