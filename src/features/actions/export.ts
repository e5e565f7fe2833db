import { ActionItem, HistoryEntry, formatDate, STATUS_LABELS } from '../../domain/actions/model';
import type { AreaPack } from '../../domain/areas/pack';
import { ragView } from './rag';
import { describeChange } from './workflow';
import { wardCell, wardResolverForPlan, type WardResolver } from './tracker/wards';

/** One row of the tracker table a committee report appends. */
export interface TrackerRow {
  reference: string;
  theme: string;
  action: string;
  lead: string;
  targetDate: string;
  status: string;
  rag: string;
  latestUpdate: string;
}

export const TRACKER_HEADINGS: Record<keyof TrackerRow, string> = {
  reference: 'Reference',
  theme: 'Theme',
  action: 'Action',
  lead: 'Lead',
  targetDate: 'Target date',
  status: 'Status',
  rag: 'RAG',
  latestUpdate: 'Latest update',
};

export function trackerRows(actions: readonly ActionItem[], now: Date): TrackerRow[] {
  return [...actions]
    .sort((a, b) => a.theme.localeCompare(b.theme) || a.id.localeCompare(b.id))
    .map((a) => {
      const rag = ragView(a, now);
      return {
        reference: a.id,
        theme: a.theme,
        action: a.title,
        lead: `${a.lead.name} (${a.leadAgency})`,
        targetDate: a.targetDate ?? '',
        status: STATUS_LABELS[a.status],
        rag: rag ? `${rag.label}${rag.overridden ? ' (set by hand)' : ''}` : 'n/a (not open)',
        latestUpdate: a.latestUpdate ? `${a.latestUpdate.text} (${a.latestUpdate.author}, ${a.latestUpdate.asOf})` : '',
      };
    });
}

/** Quotes a CSV cell, and defuses cells a spreadsheet would run as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(cells: string[]): string {
  return cells.map(csvCell).join(',');
}

export interface ExportInput {
  actions: readonly ActionItem[];
  /** History on or after `since`, any order. */
  history: readonly HistoryEntry[];
  since?: string;
  now: Date;
  /** For ward names in the CSV; without it wards are written as ONS codes (which the import also reads). */
  pack?: AreaPack;
}

/**
 * The CSV is a tracker `csp actions import` reads back unchanged: every column of the plan, each
 * under a heading the import knows, dates as YYYY-MM-DD, wards by name.
 */
export const CSV_HEADINGS = [
  'Reference',
  'Plan',
  'Theme',
  'Action',
  'Description',
  'Lead officer',
  'Lead organisation',
  'Partners',
  'Wards',
  'Start date',
  'Target date',
  'Status',
  'RAG',
  'Latest update',
  'Update by',
  'Update date',
  'Success measure',
] as const;

function csvRows(input: ExportInput): string[][] {
  const resolvers = new Map<string, WardResolver>();
  const wards = (a: ActionItem): string => {
    if (!input.pack) return a.wards.length ? a.wards.join('; ') : 'Borough-wide';
    let r = resolvers.get(a.plan);
    if (!r) {
      r = wardResolverForPlan(input.pack, a.plan);
      resolvers.set(a.plan, r);
    }
    return wardCell(r, a.wards);
  };
  const tracker = new Map(trackerRows(input.actions, input.now).map((r) => [r.reference, r]));
  return [...input.actions]
    .sort((a, b) => a.theme.localeCompare(b.theme) || a.id.localeCompare(b.id))
    .map((a) => [
      a.id,
      a.plan,
      a.theme,
      a.title,
      a.description,
      a.lead.name,
      a.leadAgency,
      a.partners.join('; '),
      wards(a),
      a.startDate ?? '',
      a.targetDate ?? '',
      STATUS_LABELS[a.status],
      tracker.get(a.id)?.rag ?? '',
      a.latestUpdate?.text ?? '',
      a.latestUpdate?.author ?? '',
      a.latestUpdate?.asOf ?? '',
      a.successMeasure,
    ]);
}

function changesSince(input: ExportInput): HistoryEntry[] {
  if (!input.since) return [];
  const ids = new Set(input.actions.map((a) => a.id));
  return input.history
    .filter((h) => ids.has(h.actionId) && h.at.slice(0, 10) >= (input.since as string))
    .sort((a, b) => a.at.localeCompare(b.at) || a.actionId.localeCompare(b.actionId));
}

/**
 * CSV: the whole plan as a tracker (see CSV_HEADINGS); with `since`, a blank line and a second table of changes since that
 * date (When, Reference, Change, Note, By, Channel).
 */
export function renderTrackerCsv(input: ExportInput): string {
  const lines = [csvLine([...CSV_HEADINGS])];
  for (const row of csvRows(input)) lines.push(csvLine(row));
  if (input.since) {
    lines.push('');
    lines.push(csvLine([`Changed since ${input.since}`]));
    lines.push(csvLine(['When', 'Reference', 'Change', 'Note', 'By', 'Channel']));
    for (const h of changesSince(input)) {
      lines.push(csvLine([h.at.slice(0, 16).replace('T', ' '), h.actionId, describeChange(h), h.note ?? '', h.actorName, h.channel]));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

function mdCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(headings: string[], rows: string[][]): string[] {
  return [`| ${headings.join(' | ')} |`, `|${headings.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)];
}

export function renderTrackerMarkdown(input: ExportInput, title = 'Community Safety Partnership action plan'): string {
  const keys = Object.keys(TRACKER_HEADINGS) as (keyof TrackerRow)[];
  const out = [`# ${title}`, '', `Position at ${formatDate(input.now.toISOString().slice(0, 10))}.`, ''];
  out.push(...mdTable(keys.map((k) => TRACKER_HEADINGS[k]), trackerRows(input.actions, input.now).map((r) => keys.map((k) => r[k]))));
  if (input.since) {
    out.push('', `## Changed since ${formatDate(input.since)}`, '');
    const changes = changesSince(input);
    if (changes.length === 0) out.push('No changes recorded.');
    else
      out.push(
        ...mdTable(
          ['When', 'Reference', 'Change', 'Note', 'By', 'Channel'],
          changes.map((h) => [h.at.slice(0, 16).replace('T', ' '), h.actionId, describeChange(h), h.note ?? '', h.actorName, h.channel]),
        ),
      );
  }
  return `${out.join('\n')}\n`;
}
