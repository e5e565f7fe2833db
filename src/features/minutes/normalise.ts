import { createHash } from 'node:crypto';
import type { MinutesParagraph, ParagraphKind } from '../../domain/minutes/model';
import { tableLines } from './tables';

/**
 * Minutes arrive copied out of a committee system, a Word document or a PDF: bullets of every
 * shape, non-breaking spaces, lines wrapped mid-sentence, page numbers. This turns them into
 * numbered paragraphs that read the same however they were copied.
 */

// Spaces that are not ASCII spaces (nbsp, thin, figure, ideographic…) and invisible characters.
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

const BULLET = /^(?:[·•●▪◦○■□‣⁃∙\u2022\u00b7\uf0b7\uf0a7\uf076\uf0d8*>]|[-–—](?=\s)|o(?=\s{2,}))\s*/;
const NUMBERED = /^(?:\((\d{1,2}|[a-z]|[ivx]{1,4})\)|(\d{1,2})[.)](?=\s)|([a-z])\)(?=\s))\s*/;
/** "RESOLVED –", "Resolved:", "RESOLVED, that", "It was resolved that", "AGREED -", "Decision: That". */
export const RESOLVED_LEAD = /^(?:[Ii]t\s+was\s+(?:unanimously\s+)?)?(?:RESOLVED|Resolved|resolved|AGREED|Agreed|RECOMMENDED|DECISION|Decision|DECIDED)\b(?:\s*\((?:unanimously|by\s+[^)]{1,40})\))?\s*(?:[–—:,-]+\s*)?/;
/** Only these open a paragraph as a resolution ("Agreed actions were…" does not). */
const RESOLVED_OPENING = /^(?:(?:[Ii]t\s+was\s+(?:unanimously\s+)?)(?:RESOLVED|resolved|Resolved)\b|RESOLVED\b|AGREED\b|RECOMMENDED\b|DECISION\b|DECIDED\b|Resolved\s*(?:[–—:,-]|that\b|$)|Agreed\s*[–—:-]|Decision\s*(?::|\s[–—-]\s|$))/;
const PAGE_FURNITURE = /^(?:page\s+\d+(?:\s+of\s+\d+)?|\d{1,3}|-\s*\d{1,3}\s*-)$/i;
/**
 * What committee systems print around the minutes: links to documents with their sizes
 * ("Report PDF 96 KB"), "Additional documents:", webcast links. Never part of a paragraph.
 */
const SYSTEM_FURNITURE = [
  /\b(?:PDF|DOCX?|XLSX?|PPTX?|RTF|ODT|HTML?)\s*[,(]?\s*\d+(?:\.\d+)?\s*[KMG]B\b\)?/i,
  /^(?:additional|supporting|background|related)\s+documents?\s*:?$/i,
  /^(?:attachments?|appendices)\s*:?$/i,
  /^(?:view|watch)\s+(?:the\s+)?(?:webcast|recording|reasons?|background)\b.{0,80}$/i,
  /^(?:link\s+to\s+)?webcast\b.{0,80}$/i,
  /^(?:printed|draft)\s+minutes\s*:?$/i,
];
const TERMINAL = /[.;:!?)]["'’”]*$/;

interface RawLine {
  text: string;
  kind: ParagraphKind;
  marker: string | null;
  /** Length of the last physical line, marker included: a short one ended its paragraph. */
  lastLineLength?: number;
  /** True once a second physical line has been joined to it. */
  joined?: boolean;
}

function cleanLine(line: string): string {
  return line.replace(INVISIBLE, '').replace(ODD_SPACES, ' ').replace(/\s+$/, '');
}

function classify(line: string): RawLine {
  const trimmed = line.trim();
  const b = BULLET.exec(trimmed);
  if (b && trimmed.length > b[0].length) {
    return { text: trimmed.slice(b[0].length), kind: 'bullet', marker: b[0].trim() };
  }
  const n = NUMBERED.exec(trimmed);
  if (n && trimmed.length > n[0].length) {
    return { text: trimmed.slice(n[0].length), kind: 'numbered', marker: n[0].trim() };
  }
  if (RESOLVED_LEAD.test(trimmed) && RESOLVED_OPENING.test(trimmed)) {
    return { text: trimmed, kind: 'resolved', marker: null };
  }
  return { text: trimmed, kind: 'text', marker: null };
}

/** "Item 4 – Neighbourhood Policing Update", "Community Safety Scrutiny Panel – 8 September 2022". */
/** A short line that does not end a sentence; in title case unless `numbered` ("2. Minutes of the last meeting", an item's own heading). */
function looksLikeHeadingLine(text: string, numbered = false): boolean {
  const words = text.trim().split(/\s+/);
  const titleCase = words.filter((w) => /^[A-Z0-9–-]/.test(w)).length >= Math.ceil(words.length / 2);
  return text.length < 70 && words.length <= 10 && !TERMINAL.test(text) && !/\b(?:the|of|and|to|in|on|for|a|an|with|by|at|that|from|as|or|be|was|were|is|are|had|has|have)$/i.test(text.trim()) && (titleCase || numbered);
}

function startsNewParagraph(prev: RawLine, next: RawLine, wrapWidth: number | null): boolean {
  if (next.kind !== 'text') return true;
  if (prev.kind === 'resolved' && RESOLVED_LEAD.exec(prev.text)?.[0].length === prev.text.length) return true;
  if (/:\s*$/.test(prev.text)) return true;
  if (/^[a-z(‘'"“,]/.test(next.text)) return false;
  const lastLength = prev.lastLineLength ?? prev.text.length;
  // Text with a line per paragraph: a short title-like line is a heading, not a sentence wrapped.
  const itemNumber = prev.kind === 'numbered' && /^\d{1,3}\.?$/.test(prev.marker ?? '');
  if (wrapWidth === null && (prev.kind === 'text' || itemNumber) && !prev.joined && looksLikeHeadingLine(prev.text, itemNumber) && /^[A-Z(]/.test(next.text)) return true;
  // In hard-wrapped text a full-width line ending a sentence is still mid-paragraph.
  if (wrapWidth !== null && lastLength >= wrapWidth - 12 && /[.!?]["'’”)]*$/.test(prev.text)) return false;
  // A long line without a full stop was wrapped; a short one ended a paragraph or a heading.
  return TERMINAL.test(prev.text) || lastLength < 30;
}

/**
 * The column text was wrapped at, when it looks hard-wrapped (as copied from a PDF): most lines
 * are of a similar length and none is very long. Null for text with one line per paragraph.
 */
function wrapWidthOf(lines: string[]): number | null {
  const lengths = lines.map((l) => l.trim().length).filter((n) => n > 0).sort((a, b) => a - b);
  if (lengths.length < 10 || lengths[lengths.length - 1] > 120) return null;
  const p80 = lengths[Math.floor(lengths.length * 0.8)];
  const near = lengths.filter((n) => n >= p80 - 12).length;
  return near >= lengths.length * 0.4 ? p80 : null;
}

/** Collapses runs of spaces and tidies the spacing around punctuation. */
export function tidySpacing(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])(?=\s|$)/g, '$1')
    .trim();
}

function isHeading(text: string): boolean {
  if (text.length > 160) return false;
  if (/:$/.test(text) && text.length < 80) return true;
  return !/[.;!?]["'’”)]*$/.test(text) && /^[A-Z0-9]/.test(text) && text.split(' ').length <= 20;
}

/**
 * Splits minutes text into paragraphs: blank lines separate paragraphs; a bullet, a numbered item
 * or "RESOLVED" starts one; other lines are joined to the line before when it was wrapped.
 */
export function splitParagraphs(raw: string): MinutesParagraph[] {
  const rawLines = raw.replace(/\r\n?/g, '\n').split('\n');
  const tableAt = tableLines(rawLines);
  const lines = rawLines.map((l, i) => (tableAt.has(i) ? tableAt.get(i)! : cleanLine(l)));
  const wrapWidth = wrapWidthOf(lines.filter((_, i) => !tableAt.has(i)));
  const groups: RawLine[] = [];
  let current: RawLine | null = null;
  for (const [i, line] of lines.entries()) {
    const trimmed = line.trim();
    if (tableAt.has(i)) {
      if (trimmed !== '') groups.push({ text: trimmed, kind: 'table', marker: null });
      current = null;
      continue;
    }
    if (trimmed === '' || PAGE_FURNITURE.test(trimmed) || SYSTEM_FURNITURE.some((re) => re.test(trimmed))) {
      if (trimmed === '') current = null;
      continue;
    }
    let next = classify(line);
    // "Service Director\n– Leisure…": a dash after an unfinished line is the sentence going on, not a bullet.
    if (current && next.kind === 'bullet' && /^[-–—]$/.test(next.marker ?? '') && current.marker !== next.marker && !TERMINAL.test(current.text)) {
      next = { text: trimmed, kind: 'text', marker: null };
    }
    if (current && (!startsNewParagraph(current, next, wrapWidth) || (next.kind === 'text' && /^[-–—]\s/.test(next.text)))) {
      current.text = current.text.endsWith('-') && /[A-Za-z]-$/.test(current.text) ? current.text + next.text : `${current.text} ${next.text}`;
      current.lastLineLength = trimmed.length;
      current.joined = true;
      continue;
    }
    current = { ...next, lastLineLength: trimmed.length };
    groups.push(current);
  }
  const paragraphs: MinutesParagraph[] = [];
  for (const g of groups) {
    const text = tidySpacing(g.text);
    if (text === '') continue;
    const kind: ParagraphKind = g.kind === 'text' && isHeading(text) ? 'heading' : g.kind;
    paragraphs.push({ index: paragraphs.length + 1, text, kind, marker: g.marker });
  }
  return splitInlineResolutions(paragraphs);
}

/**
 * "RESOLVED – (1) That … (2) That …" written on one line becomes one paragraph per resolution,
 * so each keeps its own location.
 */
function splitInlineResolutions(paragraphs: MinutesParagraph[]): MinutesParagraph[] {
  const out: MinutesParagraph[] = [];
  const push = (p: Omit<MinutesParagraph, 'index'>) => out.push({ ...p, index: out.length + 1 });
  for (const p of paragraphs) {
    const inline = p.kind === 'resolved' || p.kind === 'numbered' ? splitNumberedRun(p.kind === 'resolved' ? stripResolvedLead(p.text).rest : p.text) : null;
    if (p.kind === 'resolved') {
      const { lead, rest } = stripResolvedLead(p.text);
      if (inline && inline.length > 1) {
        push({ text: lead, kind: 'resolved', marker: null });
        for (const item of inline) push({ text: item.text, kind: 'numbered', marker: item.marker });
        continue;
      }
      if (inline && inline.length === 1 && inline[0].marker) {
        push({ text: lead, kind: 'resolved', marker: null });
        push({ text: inline[0].text, kind: 'numbered', marker: inline[0].marker });
        continue;
      }
      push({ text: rest ? `${lead} ${rest}` : lead, kind: 'resolved', marker: null });
      continue;
    }
    if (p.kind === 'numbered' && inline && inline.length > 1) {
      push({ text: inline[0].text, kind: 'numbered', marker: p.marker });
      for (const item of inline.slice(1)) push({ text: item.text, kind: 'numbered', marker: item.marker });
      continue;
    }
    push(p);
  }
  return out;
}

export function stripResolvedLead(text: string): { lead: string; rest: string } {
  const m = RESOLVED_LEAD.exec(text);
  if (!m) return { lead: '', rest: text };
  return { lead: text.slice(0, m[0].length).trim(), rest: text.slice(m[0].length).trim() };
}

/** Splits "(1) That … (2) That …" into its items; a text without markers is one item without a marker. */
function splitNumberedRun(whole: string): { marker: string | null; text: string }[] | null {
  if (!whole) return null;
  // "RESOLVED that (1) the report be noted; (2) …": the "that" belongs to every item.
  const that = /^that\s+(?=\(\d{1,2}\)\s)/i.exec(whole);
  const text = that ? whole.slice(that[0].length) : whole;
  const re = /(?:^|\s)\((\d{1,2})\)\s+/g;
  const hits: { at: number; end: number; marker: string }[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) hits.push({ at: m.index, end: m.index + m[0].length, marker: `(${m[1]})` });
  if (hits.length === 0) return [{ marker: null, text: whole }];
  // Only a run that starts the text and counts up is a list of resolutions; "(1)" mid-sentence is not.
  if (hits[0].at !== 0 || hits.some((h, i) => h.marker !== `(${i + Number(hits[0].marker.slice(1, -1))})`)) return [{ marker: null, text: whole }];
  return hits.map((h, i) => ({ marker: h.marker, text: `${that ? 'that ' : ''}${text.slice(h.end, i + 1 < hits.length ? hits[i + 1].at : undefined).trim()}` }));
}

const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'cllr', 'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'nos', 'approx', 'inc', 'co', 'ltd', 'vs', 'cf', 'insp', 'supt', 'sgt', 'pc', 'para', 'paras', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

/** Splits a paragraph into sentences, keeping abbreviations and decimals ("6.2%") whole. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]["'’”)]*\s+(?=["'‘“(]?[A-Z0-9])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(start, m.index);
    const word = /([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase().replace(/\.$/, '') ?? '';
    if (ABBREVIATIONS.has(word) || /^[a-z]$/i.test(word)) continue;
    out.push(text.slice(start, m.index + m[0].trimEnd().length).trim());
    start = m.index + m[0].length;
  }
  const last = text.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/** Apostrophes, quotes and dashes folded to ASCII, for matching (never for display). */
export function foldForMatching(text: string): string {
  return text
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/&/g, ' and ');
}

/** The identity of a set of minutes: the same words, however they were copied, hash alike. */
export function contentHashOf(paragraphs: readonly MinutesParagraph[]): string {
  const canonical = paragraphs
    .map((p) => (p.kind === 'resolved' ? `resolved ${stripResolvedLead(p.text).rest}` : p.text))
    .map((t) => foldForMatching(t).toLowerCase().replace(/\s+/g, ' ').trim())
    .join('\n');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
