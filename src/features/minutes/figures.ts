import { periodIn } from './dates';
import type { KeyFigure, MinutesParagraph } from '../../domain/minutes/model';
import { splitSentences } from './normalise';
import { exemptParagraphs } from './exempt';
import { findTableFigures } from './tables';

const UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 };
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const WORD_NUMBER = new RegExp(`\\b(?:(${Object.keys(TENS).join('|')})(?:[\\s-]+(${Object.keys(UNITS).slice(0, 9).join('|')}))?|(${Object.keys(UNITS).join('|')}))(?:\\s+(hundred|thousand))?\\b`, 'gi');

/**
 * Numbers written in words become digits where they count something or give a percentage
 * ("twelve per cent", "the six months to August", "fifteen more burglaries"); other words
 * ("one of the wards") are left alone.
 */
export function wordsToDigits(text: string): string {
  return text.replace(WORD_NUMBER, (whole, tens: string | undefined, unit: string | undefined, single: string | undefined, scale: string | undefined, at: number) => {
    const after = text.slice(at + whole.length);
    if (!/^\s*(?:%|per\s?cent|percent|months?|years?|weeks?|(?:more|fewer|additional|new|reported|recorded)?\s*(?:crimes|offences|incidents|reports|calls|arrests|cases|victims|cameras|volunteers|businesses|referrals|prosecutions|burglaries|thefts|warnings))\b/i.test(after)) return whole;
    let n = tens ? TENS[tens.toLowerCase()] + (unit ? UNITS[unit.toLowerCase()] : 0) : UNITS[single!.toLowerCase()];
    if (scale) n *= scale.toLowerCase() === 'hundred' ? 100 : 1000;
    return String(n);
  });
}

/**
 * Key figures quoted in minutes: percentages ("a reduction of 6.2%"), counts of crimes or
 * incidents, and sums of money, each with the months it covers where the sentence says.
 */

const DOWN = /\b(?:reductions?|reduced|decrease[ds]?|decline[ds]?|fall|fell|fallen|drop(?:ped)?|down|lower|fewer|less)\b/gi;
const UP = /\b(?:increase[ds]?|rise|rose|risen|up|higher|more|growth|grew|additional)\b/gi;

const PERCENT = /(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s?cent\b)/gi;
const MONEY = /£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?(\s*(?:k|m|million|thousand)\b)?/gi;
const COUNT = /\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:(?:more|fewer|additional|new|reported|recorded|total)\s+)?(?:(?:hate|violent|sexual|drug|vehicle|knife|acquisitive|ASB|anti-social\s+behaviour|domestic(?:\s+abuse)?|shoplifting|recorded)\s+)?(?:crimes|offences|incidents|reports|calls|arrests|cases|victims|cameras|volunteers|businesses|referrals|prosecutions|fixed penalty notices|warnings|dispersal orders|burglaries|thefts|robberies)\b/gi;

const MEASURES: [RegExp, string][] = [
  [/\b(?:total|all)\s+(?:number\s+of\s+)?(?:recorded\s+|reported\s+)?crimes?\b|\btotal\s+crime\b|\boverall\s+crime\b/i, 'all-crime'],
  [/\b[Aa]nti-?\s?[Ss]ocial\s+[Bb]ehaviour\b|\bASB\b/, 'anti-social-behaviour'],
  [/\bviolence\s+without\s+injury\b/i, 'violence-without-injury'],
  [/\bviolence\s+with\s+injury\b/i, 'violence-with-injury'],
  [/\bhate\s+crimes?\b/i, 'hate-crime'],
  [/\bpublic\s+(?:order|disorder)\b/i, 'public-order'],
  [/\bburglar(?:y|ies)\b/i, 'burglary'],
  [/\bshoplifting\b/i, 'shoplifting'],
  [/\bvehicle\s+crimes?\b/i, 'vehicle-crime'],
  [/\bcriminal\s+damage\b/i, 'criminal-damage-arson'],
  [/\bdrugs?\b/i, 'drugs'],
  [/\bdomestic\s+(?:abuse|violence)\b/i, 'domestic-abuse'],
];

/** The sign of a change: the direction word nearest the number, within a few words. */
function direction(sentence: string, at: number, end: number): 1 | -1 | 0 {
  let best: { distance: number; sign: 1 | -1 } | null = null;
  for (const [re, sign] of [
    [DOWN, -1],
    [UP, 1],
  ] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const distance = m.index < at ? at - (m.index + m[0].length) : m.index - end;
      if (distance > 30) continue;
      if (!best || distance < best.distance) best = { distance, sign };
    }
  }
  return best?.sign ?? 0;
}

/** The clause that states the figure, from where it starts to the end of the sentence, and where it starts. */
function clauseOf(sentence: string, at: number): { text: string; start: number } {
  const before = sentence.slice(0, at);
  const boundaries = [/,\s/g, /;\s/g, /\b(?:that|showed|shows|show|was|were|saw|had been|has been)\s/g];
  let start = 0;
  for (const re of boundaries) {
    for (let m = re.exec(before); m; m = re.exec(before)) start = Math.max(start, m.index + m[0].length);
  }
  return { text: sentence.slice(start).replace(/[\s.;]+$/, ''), start };
}

/** The crime category or measure a phrase names ("hate crime" → hate-crime), or null. */
export function measureOf(text: string): string | null {
  for (const [re, slug] of MEASURES) if (re.test(text)) return slug;
  return null;
}

/** The measure a number belongs to: the first named after it ("9.1% in burglary"), else the last before it. */
function measureNear(text: string, at: number): string | null {
  let after: { at: number; slug: string } | null = null;
  let before: { at: number; slug: string } | null = null;
  for (const [re, slug] of MEASURES) {
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const m of text.matchAll(global)) {
      const i = m.index!;
      if (i >= at && (!after || i < after.at)) after = { at: i, slug };
      if (i < at && (!before || i > before.at)) before = { at: i, slug };
    }
  }
  return after?.slug ?? before?.slug ?? null;
}

/** A count is a level ("15,535 crimes"), signed only when the words make it a change ("120 fewer", "a rise of 40"). */
function countSign(sentence: string, at: number, end: number): 1 | -1 | 0 {
  const before = sentence.slice(Math.max(0, at - 24), at);
  const after = sentence.slice(end, end + 16);
  if (/\b(?:reduction|decrease|fall|drop|decline)\s+of\s+$/i.test(before) || /^\s*(?:fewer|less)\b/i.test(after) || /\b(?:fewer|down\s+by)\s+$/i.test(before)) return -1;
  if (/\b(?:increase|rise|growth)\s+of\s+$/i.test(before) || /\b(?:more|additional|extra|up\s+by)\s+$/i.test(before)) return 1;
  return 0;
}

/** The part of a sentence a number sits in, between ", while", ", and that", ";" and the like. */
function segmentAround(sentence: string, at: number): [string, number] {
  const cuts = [0, ...[...sentence.matchAll(/,?\s+(?:while|whereas|but|and\s+that)\s+|;\s+/gi)].map((m) => m.index! + m[0].length), sentence.length];
  const start = Math.max(...cuts.filter((c) => c <= at));
  const end = Math.min(...cuts.filter((c) => c > at));
  return [sentence.slice(start, end), at - start];
}

/** The clause ends where the next figure's clause starts: "…, and that hate crime had increased by 14%". */
function clauseEnd(text: string, from: number): string {
  const rest = text.slice(from);
  const stop = rest.search(/,?\s+and\s+that\s+|;\s+|,\s+(?:while|whereas|but)\s+/i);
  return stop === -1 ? text : text.slice(0, from + stop);
}

export function findFigures(paragraphs: readonly MinutesParagraph[]): KeyFigure[] {
  const out: KeyFigure[] = [];
  const exempt = exemptParagraphs(paragraphs);
  for (const p of paragraphs) {
    if (p.kind === 'heading' || p.kind === 'table') continue;
    for (const written of splitSentences(p.text)) {
      const sentence = wordsToDigits(written);
      const found: { at: number; end: number; value: number; unit: KeyFigure['unit'] }[] = [];
      for (const m of sentence.matchAll(PERCENT)) found.push({ at: m.index!, end: m.index! + m[0].length, value: Number(m[1]), unit: '%' });
      for (const m of sentence.matchAll(MONEY)) {
        const scale = /m/i.test(m[3] ?? '') ? 1_000_000 : /k|thousand/i.test(m[3] ?? '') ? 1000 : 1;
        found.push({ at: m.index!, end: m.index! + m[0].length, value: Number(m[1].replace(/,/g, '') + (m[2] ? `.${m[2]}` : '')) * scale, unit: '£' });
      }
      for (const m of sentence.matchAll(COUNT)) found.push({ at: m.index!, end: m.index! + m[0].length, value: Number(m[1].replace(/,/g, '')), unit: 'count' });
      for (const f of found.sort((a, b) => a.at - b.at)) {
        const clause = clauseOf(sentence, f.at);
        const text = clauseEnd(clause.text, f.end - clause.start).trim();
        const sign = f.unit === '£' ? 1 : f.unit === 'count' ? countSign(sentence, f.at, f.end) || 1 : direction(sentence, f.at, f.end) || 1;
        const { period, comparedWith } = periodIn(text);
        // The measure is named in the clause, or else once in the sentence ("Hate crime rose: up 12%").
        out.push({ text, value: sign * f.value, unit: f.unit, measure: measureNear(text, f.at - clause.start) ?? measureNear(...segmentAround(sentence, f.at)) ?? measureNear(sentence, f.at), period: period ?? periodIn(sentence).period, comparedWith: period ? comparedWith : periodIn(sentence).comparedWith, exempt: exempt.has(p.index), source: { paragraph: p.index, text: written } });
      }
    }
  }
  for (const f of findTableFigures(paragraphs, measureOf)) out.push({ ...f, exempt: exempt.has(f.source.paragraph) });
  return out;
}
