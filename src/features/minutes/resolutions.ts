import type { MinutesParagraph, Resolution } from '../../domain/minutes/model';
import { foldForMatching, splitSentences, stripResolvedLead } from './normalise';
import { exemptParagraphs, isItemHeading } from './exempt';

/**
 * What a committee decided, in every way clerks write it:
 * - a "RESOLVED –" / "RESOLVED, that" / "Decision:" line, then numbered "(1) That …", lettered
 *   "(a) …" or one unnumbered "That …" (lettered items under a numbered one ending ":" belong to it);
 * - "It was resolved that …" inside a paragraph;
 * - "Cabinet notes …", "The Committee agreed …" opening a sentence;
 * - the previous minutes "agreed as a correct record".
 * A resolution printed twice (under "Decision:" and again under "Minutes:") counts once; item
 * headings ("Date of next meeting") are never resolutions.
 */

const INLINE_RESOLVED = /\bit\s+was\s+(?:unanimously\s+|further\s+|therefore\s+)?resolved\s*,?\s*that\s+(.+)$/i;
const BODY_DECIDES =
  /^(?:[^,]{0,60},\s*)?(?:the\s+)?(?:Cabinet|Executive|(?:Sub-)?Committee|Panel|Board|Partnership|(?:[A-Z][\w’'-]*\s+(?:and\s+|of\s+)?){1,6}(?:Committee|Panel|Board|Cabinet|Partnership))\s+(?:(?:unanimously|also|further|therefore)\s+)?(?:notes|agrees|agreed|resolves|resolved|approves|approved|endorses|endorsed|recommends|recommended|accepts|accepted|requests|requested|supports|decided|decides|RESOLVED|AGREED|NOTED)\b/;
const CORRECT_RECORD = /\bminutes\b.*\b(?:as\s+an?\s+(?:correct|true|accurate|full)\s+record|be\s+(?:approved|confirmed|signed))\b|\b(?:approved|agreed|confirmed|accepted)\s+as\s+an?\s+(?:correct|true|accurate)\s+record\b/i;

const LETTER = /^\(?(?:[a-z]|[ivx]{1,4})[.)]$/;
const DIGIT = /^\(?\d{1,2}[.)]?$/;

function identity(text: string): string {
  return foldForMatching(text)
    .toLowerCase()
    .replace(/^that\s+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function asThat(text: string): string {
  return text.replace(/^that\b/i, 'That');
}

export function findResolutions(paragraphs: readonly MinutesParagraph[]): Resolution[] {
  const exempt = exemptParagraphs(paragraphs);
  const out: Resolution[] = [];
  const seen = new Set<string>();
  let inRun = false;
  /** The run's lead had no words after it ("Decision:"): the next paragraph is its body. */
  let awaitingBody = false;
  let style: 'digit' | 'letter' | null = null;
  let nested = false;
  let stem: string | null = null;
  let nextNumber = 1;
  const add = (p: MinutesParagraph, text: string, marker: string | null) => {
    const n = marker ? /\d+/.exec(marker) : null;
    const number = n ? Number(n[0]) : nextNumber;
    nextNumber = number + 1;
    const key = identity(text);
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    out.push({ number, text, exempt: exempt.has(p.index), source: { paragraph: p.index, text } });
  };
  const appendTo = (p: MinutesParagraph) => {
    const last = out.at(-1);
    if (!last) return false;
    last.text = `${last.text} ${p.marker ?? ''} ${p.text}`.replace(/\s+/g, ' ');
    return true;
  };
  for (const p of paragraphs) {
    if (p.kind === 'resolved') {
      inRun = true;
      style = null;
      nested = false;
      nextNumber = 1;
      const { rest } = stripResolvedLead(p.text);
      // "Resolved – that the Committee:" then "(i) notes …": the stem opens each item.
      stem = /:$/.test(rest) && rest.length <= 80 ? asThat(rest.replace(/:$/, '')) : null;
      awaitingBody = rest === '' || stem !== null;
      if (rest && !stem) add(p, asThat(rest), null);
      continue;
    }
    if (inRun && p.kind !== 'heading' && p.kind !== 'table' && !isItemHeading(p)) {
      if (p.kind === 'numbered') {
        const marker = p.marker ?? '';
        const isLetter = LETTER.test(marker);
        // "(a)" under "(1) That the following be noted:" belongs to (1), as do the letters after it.
        if ((isLetter || marker === '') && style === 'digit' && (nested || out.at(-1)?.text.endsWith(':'))) {
          nested = appendTo(p);
          continue;
        }
        nested = false;
        if (DIGIT.test(marker) || (isLetter && style !== 'digit')) {
          style ??= isLetter ? 'letter' : 'digit';
          add(p, stem ? `${stem} ${p.text}` : asThat(p.text), isLetter ? null : marker);
          awaitingBody = false;
          continue;
        }
      } else if (/^that\b/i.test(p.text) || (awaitingBody && (p.kind === 'text' || p.kind === 'bullet')) || (stem !== null && p.kind === 'bullet')) {
        add(p, stem && !/^that\b/i.test(p.text) ? `${stem} ${p.text}` : asThat(p.text), null);
        awaitingBody = false;
        continue;
      }
    }
    inRun = false;
    awaitingBody = false;
    stem = null;
    if (p.kind === 'heading' || p.kind === 'table' || isItemHeading(p)) continue;
    for (const sentence of splitSentences(p.text)) {
      const inline = INLINE_RESOLVED.exec(sentence);
      if (inline) add(p, asThat(`that ${inline[1]}`), null);
      else if (BODY_DECIDES.test(sentence) || CORRECT_RECORD.test(sentence)) add(p, sentence, null);
    }
  }
  return out;
}
