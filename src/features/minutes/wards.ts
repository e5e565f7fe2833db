import type { AreaPack } from '../../domain/areas/pack';
import { latestWardSet, wardSetFor } from '../../domain/areas/resolve';
import type { MinutesParagraph, NamedArea } from '../../domain/minutes/model';
import { foldForMatching } from './normalise';

/**
 * Wards and named places (groups such as Staveley) the minutes mention, from the ward set in
 * force at the time of the meeting: "Rother" in 2021 is the 2015–2023 ward, not its 2023 namesake.
 */

/** Ward names that are ordinary words count only when "ward" follows ("West ward"). */
const COMMON_WORDS = new Set(['west', 'east', 'north', 'south', 'central', 'moor', 'spire', 'the moor']);

interface Phrase {
  pattern: RegExp;
  length: number;
  code: string;
  name: string;
  type: 'ward' | 'group';
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phrasePattern(phrase: string): RegExp {
  const folded = foldForMatching(phrase).replace(/\s+/g, ' ').trim();
  const body = folded
    .split(' ')
    .map((w) => escape(w).replace(/'/g, "'?"))
    .join('\\s+');
  const needsWard = COMMON_WORDS.has(folded.toLowerCase());
  return new RegExp(`\\b${body}${needsWard ? '(?=\\s+wards?\\b)' : ''}\\b`, needsWard ? 'g' : 'gi');
}

function vocabulary(pack: AreaPack, month: string | null): Phrase[] {
  const set = month ? wardSetFor(pack, month) : latestWardSet(pack);
  const out: Phrase[] = [];
  for (const w of set?.wards ?? []) {
    for (const p of [w.name, ...(pack.wardAliases[w.code] ?? [])]) out.push({ pattern: phrasePattern(p), length: p.length, code: w.code, name: w.name, type: 'ward' });
  }
  for (const g of pack.groups) {
    for (const p of [g.name, ...g.aliases]) out.push({ pattern: phrasePattern(p), length: p.length, code: g.code, name: g.name, type: 'group' });
  }
  // Longest first, so "Middlecroft and Poolsbrook" wins over its alias "Middlecroft".
  return out.sort((a, b) => b.length - a.length);
}

/** A place name followed by another capitalised word is part of a proper name ("Rother Active Youth"). */
function partOfLongerName(text: string, end: number): boolean {
  return /^\s+(?!And\b|Ward\b|Wards\b)[A-Z][a-z]/.test(text.slice(end));
}

export function findWards(paragraphs: readonly MinutesParagraph[], pack: AreaPack, month: string | null): NamedArea[] {
  const phrases = vocabulary(pack, month);
  const found = new Map<string, NamedArea>();
  for (const p of paragraphs) {
    const text = foldForMatching(p.text);
    const taken: [number, number][] = [];
    const hits: { at: number; phrase: Phrase }[] = [];
    for (const phrase of phrases) {
      phrase.pattern.lastIndex = 0;
      for (let m = phrase.pattern.exec(text); m; m = phrase.pattern.exec(text)) {
        const start = m.index;
        const end = start + m[0].length;
        if (taken.some(([s, e]) => start < e && end > s)) continue;
        taken.push([start, end]);
        if (!partOfLongerName(text, end)) hits.push({ at: start, phrase });
      }
    }
    for (const { phrase } of hits.sort((a, b) => a.at - b.at)) {
      const area = found.get(phrase.code) ?? { code: phrase.code, name: phrase.name, type: phrase.type, paragraphs: [] };
      if (!area.paragraphs.includes(p.index)) area.paragraphs.push(p.index);
      found.set(phrase.code, area);
    }
  }
  return [...found.values()].sort((a, b) => a.paragraphs[0] - b.paragraphs[0]);
}
