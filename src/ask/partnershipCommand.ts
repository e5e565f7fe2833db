/**
 * The chat commands that bind a team or chat to a partnership, when a deployment serves several:
 * "use partnership Bolsover", "switch to the Bolsover partnership", "which partnership is this?".
 */
export type PartnershipCommand = { kind: 'bind'; name: string } | { kind: 'which' } | { kind: 'unbind' };

const BIND = /^\s*(?:please\s+)?(?:use|switch\s+to|bind\s+(?:this\s+(?:team|chat|conversation)\s+)?to|set)\s+(?:the\s+)?partnership(?:\s+to)?\s+(.+?)\s*[.!]?\s*$/i;
const BIND_AFTER = /^\s*(?:please\s+)?(?:use|switch\s+to)\s+(?:the\s+)?(.+?)\s+partnership\s*[.!]?\s*$/i;
const WHICH = /^\s*(?:which|what)\s+partnership\s+(?:is\s+this|does\s+this\s+(?:team|chat)\s+(?:use|answer\s+for)|am\s+i\s+in)\s*\??\s*$/i;
const UNBIND = /^\s*(?:use|switch\s+(?:back\s+)?to)\s+(?:the\s+)?default\s+partnership\s*[.!]?\s*$/i;

export function readPartnershipCommand(text: string): PartnershipCommand | null {
  const t = text.replace(/<at>[^<]*<\/at>/gi, ' ').trim();
  if (t.length > 200) return null;
  if (WHICH.test(t)) return { kind: 'which' };
  if (UNBIND.test(t)) return { kind: 'unbind' };
  const m = BIND.exec(t) ?? BIND_AFTER.exec(t);
  return m ? { kind: 'bind', name: m[1].replace(/^["']|["']$/g, '').trim() } : null;
}
