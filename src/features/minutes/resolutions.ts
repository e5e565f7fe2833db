import type { MinutesParagraph, Resolution } from '../../domain/minutes/model';
import { stripResolvedLead } from './normalise';

/**
 * Resolutions follow a "RESOLVED –" line: numbered "(1) That …", or one unnumbered "That …".
 * The run ends at the first paragraph that is neither a numbered item nor a "That …" clause.
 */
export function findResolutions(paragraphs: readonly MinutesParagraph[]): Resolution[] {
  const out: Resolution[] = [];
  let inRun = false;
  let nextNumber = 1;
  const add = (p: MinutesParagraph, text: string, marker: string | null) => {
    const n = marker ? /\d+/.exec(marker) : null;
    const number = n ? Number(n[0]) : nextNumber;
    nextNumber = number + 1;
    out.push({ number, text, source: { paragraph: p.index, text } });
  };
  for (const p of paragraphs) {
    if (p.kind === 'resolved') {
      inRun = true;
      nextNumber = 1;
      const { rest } = stripResolvedLead(p.text);
      if (rest) add(p, rest.replace(/^that\b/i, 'That'), null);
      continue;
    }
    if (!inRun) continue;
    if (p.kind === 'numbered' && /^\(?\d/.test(p.marker ?? '')) {
      add(p, p.text, p.marker);
      continue;
    }
    if ((p.kind === 'text' || p.kind === 'bullet') && /^that\b/i.test(p.text)) {
      add(p, p.text, null);
      continue;
    }
    inRun = false;
  }
  return out;
}
