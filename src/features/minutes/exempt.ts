import type { MinutesParagraph } from '../../domain/minutes/model';

/**
 * Part 2 (exempt) items: the business taken after the press and public are excluded, or under a
 * heading that says it is exempt or not for publication. Everything read from them is marked
 * exempt, so it is never shown in a channel.
 */

const EXEMPT_HEADING = /\bPart\s*(?:2|II|B)\b|\bexempt\s+(?:item|information|report|business|appendix|minute)s?\b|\bnot\s+for\s+publication\b|\bconfidential\s+(?:item|report|minute)s?\b|\bprivate\s+session\b|\bSchedule\s+12A\b/i;
const EXCLUSION = /\bexclu(?:de|ded|sion)\b[^.]{0,80}\b(?:press|public)\b|\b(?:press|public)\b[^.]{0,40}\bbe\s+excluded\b/i;
const BACK_IN_PUBLIC = /\bPart\s*(?:1|I|A)\b|^date\s+(?:and\s+time\s+)?of\s+(?:the\s+)?next\s+meeting\b|\bre-?admitted\b|\bpublic\s+(?:session|part\s+of\s+the\s+meeting)\s+(?:resumed|reconvened)\b/i;

/** An item heading: a heading, or a short numbered line that does not read as a sentence. */
export function isItemHeading(p: MinutesParagraph): boolean {
  if (p.kind === 'heading') return true;
  return p.kind === 'numbered' && /^\d{1,3}\.?$/.test(p.marker ?? '') && p.text.length <= 120 && !/[.;:]$/.test(p.text) && !/^that\b/i.test(p.text) && /^[A-Z0-9]/.test(p.text);
}

/** Indexes of the paragraphs in exempt items. */
export function exemptParagraphs(paragraphs: readonly MinutesParagraph[]): Set<number> {
  const out = new Set<number>();
  let exempt = false;
  let afterExclusion = false;
  for (const p of paragraphs) {
    const heading = isItemHeading(p);
    if (heading && BACK_IN_PUBLIC.test(p.text)) {
      exempt = false;
      afterExclusion = false;
    } else if (heading && EXCLUSION.test(p.text)) {
      // The exclusion itself is public business; the items after it are not.
      afterExclusion = true;
    } else if (heading && (afterExclusion || EXEMPT_HEADING.test(p.text))) {
      exempt = true;
    } else if (!heading && EXCLUSION.test(p.text) && !exempt) {
      afterExclusion = true;
    } else if (!heading && BACK_IN_PUBLIC.test(p.text) && /\bre-?admitted\b/i.test(p.text)) {
      exempt = false;
      afterExclusion = false;
    }
    if (exempt) out.add(p.index);
  }
  return out;
}
