import { periodIn } from './dates';
import type { KeyFigure, MinutesParagraph } from '../../domain/minutes/model';
import { splitSentences } from './normalise';

/**
 * Key figures quoted in minutes: percentages ("a reduction of 6.2%"), counts of crimes or
 * incidents, and sums of money, each with the months it covers where the sentence says.
 */

const DOWN = /\b(?:reduction|reduced|decrease[ds]?|decline[ds]?|fall|fell|fallen|drop(?:ped)?|down|lower|fewer|less)\b/gi;
const UP = /\b(?:increase[ds]?|rise|rose|risen|up|higher|more|growth|grew|additional)\b/gi;

const PERCENT = /(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s?cent\b)/gi;
const MONEY = /£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?(\s*(?:k|m|million|thousand)\b)?/gi;
const COUNT = /\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:(?:more|fewer|additional|new|reported|recorded)\s+)?(?:crimes|offences|incidents|reports|calls|arrests|cases|victims|cameras|volunteers|businesses|referrals|prosecutions|fixed penalty notices|warnings|dispersal orders)\b/gi;

const MEASURES: [RegExp, string][] = [
  [/\b(?:total|all)\s+(?:number\s+of\s+)?(?:recorded\s+|reported\s+)?crimes?\b|\btotal\s+crime\b|\boverall\s+crime\b/i, 'all-crime'],
  [/\banti-?social\s+behaviour\b|\bASB\b/, 'anti-social-behaviour'],
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

/** The clause that states the figure, from where it starts to the end of the sentence. */
function clauseOf(sentence: string, at: number): string {
  const before = sentence.slice(0, at);
  const boundaries = [/,\s/g, /;\s/g, /\b(?:that|showed|shows|show|was|were|saw|had been|has been)\s/g];
  let start = 0;
  for (const re of boundaries) {
    for (let m = re.exec(before); m; m = re.exec(before)) start = Math.max(start, m.index + m[0].length);
  }
  return sentence
    .slice(start)
    .replace(/[\s.;]+$/, '')
    .trim();
}

function measureOf(text: string): string | null {
  for (const [re, slug] of MEASURES) if (re.test(text)) return slug;
  return null;
}

export function findFigures(paragraphs: readonly MinutesParagraph[]): KeyFigure[] {
  const out: KeyFigure[] = [];
  for (const p of paragraphs) {
    if (p.kind === 'heading') continue;
    for (const sentence of splitSentences(p.text)) {
      const found: { at: number; end: number; value: number; unit: KeyFigure['unit'] }[] = [];
      for (const m of sentence.matchAll(PERCENT)) found.push({ at: m.index!, end: m.index! + m[0].length, value: Number(m[1]), unit: '%' });
      for (const m of sentence.matchAll(MONEY)) {
        const scale = /m/i.test(m[3] ?? '') ? 1_000_000 : /k|thousand/i.test(m[3] ?? '') ? 1000 : 1;
        found.push({ at: m.index!, end: m.index! + m[0].length, value: Number(m[1].replace(/,/g, '') + (m[2] ? `.${m[2]}` : '')) * scale, unit: '£' });
      }
      for (const m of sentence.matchAll(COUNT)) found.push({ at: m.index!, end: m.index! + m[0].length, value: Number(m[1].replace(/,/g, '')), unit: 'count' });
      for (const f of found.sort((a, b) => a.at - b.at)) {
        const text = clauseOf(sentence, f.at);
        const sign = f.unit === '£' ? 1 : direction(sentence, f.at, f.end) || 1;
        const { period, comparedWith } = periodIn(text);
        out.push({ text, value: sign * f.value, unit: f.unit, measure: measureOf(text), period, comparedWith, source: { paragraph: p.index, text: sentence } });
      }
    }
  }
  return out;
}
