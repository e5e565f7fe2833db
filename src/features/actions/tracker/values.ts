import { ActionStatus, parseStatus, Rag, RAG_LABELS } from '../../../domain/actions/model';
import { normaliseEmail } from '../../../domain/actions/people';

/**
 * Statuses as trackers word them, onto the workflow's statuses. "Blue" is the colour most
 * partnerships use for done. Unknown words are reported, not guessed.
 */
const STATUS_WORDS: Record<string, ActionStatus> = {
  'not started': 'not_started', 'not yet started': 'not_started', 'yet to start': 'not_started', planned: 'not_started', pending: 'not_started',
  'to do': 'not_started', new: 'not_started', 'not due': 'not_started', 'not yet due': 'not_started', proposed: 'not_started',
  'in progress': 'in_progress', ongoing: 'in_progress', 'on going': 'in_progress', started: 'in_progress', underway: 'in_progress',
  'under way': 'in_progress', 'on track': 'in_progress', progressing: 'in_progress', active: 'in_progress', live: 'in_progress',
  'in hand': 'in_progress', delayed: 'in_progress', behind: 'in_progress', 'behind schedule': 'in_progress', 'at risk': 'in_progress',
  open: 'in_progress', wip: 'in_progress', 'work in progress': 'in_progress', 'partially complete': 'in_progress', 'partly complete': 'in_progress',
  'on hold': 'on_hold', paused: 'on_hold', suspended: 'on_hold', deferred: 'on_hold',
  complete: 'completed', completed: 'completed', done: 'completed', achieved: 'completed', finished: 'completed', delivered: 'completed',
  implemented: 'completed', blue: 'completed', met: 'completed', 'fully complete': 'completed',
  closed: 'closed', 'closed verified': 'closed', signed_off: 'closed', 'signed off': 'closed',
  cancelled: 'cancelled', canceled: 'cancelled', withdrawn: 'cancelled', stopped: 'cancelled', discontinued: 'cancelled',
  'no longer required': 'cancelled', 'not required': 'cancelled', 'no longer needed': 'cancelled', deleted: 'cancelled', abandoned: 'cancelled',
  'carried forward': 'carried_forward', 'carry forward': 'carried_forward', 'c/f': 'carried_forward', cf: 'carried_forward',
  'rolled over': 'carried_forward', 'rolled forward': 'carried_forward', 'carried over': 'carried_forward', 'moved to next year': 'carried_forward',
};

export type StatusReading = { kind: 'status'; status: ActionStatus } | { kind: 'none' } | { kind: 'bad'; reason: string };

export function readStatus(text: string): StatusReading {
  const t = text.toLowerCase().replace(/[_–—-]+/g, ' ').replace(/[.!]+$/, '').replace(/\s+/g, ' ').trim();
  if (!t || /^(?:n\/a|na|not applicable|tbc|tba|-|–)$/.test(t)) return { kind: 'none' };
  const known = STATUS_WORDS[t] ?? parseStatus(t);
  if (known) return { kind: 'status', status: known };
  // "Complete – verified by panel", "In progress (see update)": the status, then words about it.
  const lead = Object.keys(STATUS_WORDS)
    .sort((a, b) => b.length - a.length)
    .find((k) => t.startsWith(`${k} `) || t.startsWith(`${k}(`) || t.startsWith(`${k}:`) || t.startsWith(`${k},`));
  if (lead) return { kind: 'status', status: STATUS_WORDS[lead] };
  return { kind: 'bad', reason: `status "${text}" is not one this import knows (e.g. Not started, In progress, On hold, Complete, Cancelled, Carried forward)` };
}

/** RAG as a word or letter; "Blue"/"B" means done; "n/a" or blank gives none. */
export type RagReading = { kind: 'rag'; rag: Rag } | { kind: 'done' } | { kind: 'none' } | { kind: 'derived' } | { kind: 'bad'; reason: string };

const RAG_WORDS: Record<string, Rag | 'done'> = {
  r: 'red', red: 'red', a: 'amber', amber: 'amber', yellow: 'amber', orange: 'amber', g: 'green', green: 'green',
  grey: 'grey', gray: 'grey', b: 'done', blue: 'done', complete: 'done', completed: 'done', done: 'done',
};

/**
 * "Green – on track" exactly as this project's export writes a derived RAG: the rule's result on
 * the day of the export, not anyone's judgement, so it sets nothing (a tracker exported in June
 * and imported in July must not pin June's RAG). "(set by hand)" after it is a judgement.
 */
const DERIVED_LABELS = new Set(Object.values(RAG_LABELS).map((l) => l.toLowerCase()));

export function readRag(text: string): RagReading {
  const t = text.toLowerCase().trim();
  if (DERIVED_LABELS.has(t)) return { kind: 'derived' };
  if (!t || /^(?:n\/?a|none|-|–|tbc)(?:\b|$)/.test(t)) return { kind: 'none' };
  if (/^on[\s-]?track\b/.test(t)) return { kind: 'rag', rag: 'green' };
  if (/^(?:at[\s-]risk|some concerns?)\b/.test(t)) return { kind: 'rag', rag: 'amber' };
  if (/^(?:off[\s-]track|significant concerns?)\b/.test(t)) return { kind: 'rag', rag: 'red' };
  // "Green – on track (set by hand)" (this project's export), "Amber/Red", "A/G": the first colour counts.
  const first = /^([a-z]+)/.exec(t)?.[1] ?? '';
  const r = RAG_WORDS[first];
  if (r === 'done') return { kind: 'done' };
  if (r) return { kind: 'rag', rag: r };
  return { kind: 'bad', reason: `RAG "${text}" is not Red, Amber, Green or Blue (or R, A, G, B)` };
}

const ORGANISATION_WORDS =
  /\b(?:council|police|constabulary|service|services|nhs|trust|partnership|fire|rescue|probation|board|authority|agency|housing|cbc|dcc|icb|pcc|university|college|school|charity|association|limited|ltd|cic)\b/i;

export interface LeadReading {
  name: string;
  email?: string;
  /** Organisation written beside the name: "Jo Whitfield (Rural Action Derbyshire)". */
  organisation?: string;
  /** Further people named in the same cell ("Jo Whitfield / Sam Reid"): the first is the lead. */
  others: string[];
}

/**
 * A lead cell: "Jo Whitfield", "Jo Whitfield <jo.whitfield@example.org>", "jo.whitfield@example.org",
 * "Jo Whitfield (Rural Action Derbyshire)", "Jo Whitfield, Chesterfield Borough Council" (split
 * only when the part after the comma or dash names a kind of body: "Jo Whitfield, Manager" is a
 * name and a job title, kept whole). Several people: the first named is the lead.
 */
export function readLead(text: string): LeadReading | undefined {
  let t = text.replace(/\s+/g, ' ').trim();
  if (!t || /^(?:tbc|tba|n\/?a|none|-|–|vacant|to be confirmed)$/i.test(t)) return undefined;
  let email: string | undefined;
  const angle = /<\s*(?:mailto:)?([^<>\s]+@[^<>\s]+)\s*>/i.exec(t);
  if (angle) {
    email = normaliseEmail(angle[1]);
    t = `${t.slice(0, angle.index)} ${t.slice(angle.index + angle[0].length)}`.replace(/\s+/g, ' ').trim();
  } else {
    const bare = /(?:^|\s|\(|\[)((?:mailto:)?[^\s@<>(),;[\]]+@[^\s@<>(),;[\]]+\.[a-z]{2,})(?=$|\s|\)|\]|,|;)/i.exec(t);
    if (bare) {
      email = normaliseEmail(bare[1]);
      t = t.replace(bare[1], ' ').replace(/\(\s*\)|\[\s*\]/g, ' ').replace(/\s+/g, ' ').trim();
    }
  }
  let organisation: string | undefined;
  const paren = /^(.*?)\s*\(([^()]+)\)$/.exec(t);
  if (paren && paren[1].trim()) {
    organisation = paren[2].trim();
    t = paren[1].trim();
  } else {
    // "Jo Whitfield, Chesterfield Borough Council", "Sam Reid – Derbyshire Constabulary".
    const after = /^([^,–—]+?)\s*(?:,|\s[-–—]\s)\s*(.+)$/.exec(t);
    if (after && ORGANISATION_WORDS.test(after[2])) {
      organisation = after[2].trim();
      t = after[1].trim();
    }
  }
  const people = t.split(/\s*(?:;|\/|\n|&|\band\b|\+)\s*/i).map((p) => p.trim().replace(/[,;:-]+$/, '').trim()).filter(Boolean);
  const name = people[0] ? properCase(people[0]) : email ? nameFromEmail(email) : '';
  if (!name) return undefined;
  return { name, email, organisation, others: people.slice(1) };
}

/** "cllr dana hale" or "DANA HALE" → "Cllr Dana Hale"; a name with its own capitals is kept as written. */
function properCase(name: string): string {
  if (name !== name.toLowerCase() && name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** "jo.whitfield@example.org" → "Jo Whitfield", for a lead given only by e-mail. */
function nameFromEmail(email: string): string {
  return email
    .split('@')[0]
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/** Partners: "Police; Fire and Rescue, DCC" → three names ("and" stays: it is part of many names). */
export function readList(text: string): string[] {
  return text
    .split(/\s*(?:;|,|\n|\r)\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * A plan year as the store writes it ("2024–25", with an en dash): "2024-25", "2024/25",
 * "2024-2025", "24/25", "Action plan 2024–25" all give it. Undefined when there is no such year.
 */
export function readPlanYear(text: string): string | undefined {
  const m = /(?:^|[^\d])((?:19|20)?\d{2})\s*(?:[-/–—]|\sto\s)\s*((?:19|20)?\d{2})(?!\d)/.exec(text);
  if (!m) return undefined;
  const start = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  const end = m[2].length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) : Number(m[2]);
  if (end !== start + 1 || start < 2000 || start > 2100) return undefined;
  return `${start}–${String(end % 100).padStart(2, '0')}`;
}

/** The financial year (April to March) a date falls in, as a plan name. */
export function financialYearOf(date: string): string {
  const y = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 4 ? y : y - 1;
  return `${start}–${String((start + 1) % 100).padStart(2, '0')}`;
}
