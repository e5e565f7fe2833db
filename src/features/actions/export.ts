import { ActionItem, HistoryEntry, formatDate, STATUS_LABELS } from '../../domain/actions/model';
import { ragView } from './rag';
import { describeChange } from './workflow';

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
}

function changesSince(input: ExportInput): HistoryEntry[] {
  if (!input.since) return [];
  const ids = new Set(input.actions.map((a) => a.id));
  return input.history
    .filter((h) => ids.has(h.actionId) && h.at.slice(0, 10) >= (input.since as string))
    .sort((a, b) => a.at.localeCompare(b.at) || a.actionId.localeCompare(b.actionId));
}

/**
 * CSV: the tracker table; with `since`, a blank line and a second table of changes since that
 * date (When, Reference, Change, Note, By, Channel).
 */
export function renderTrackerCsv(input: ExportInput): string {
  const keys = Object.keys(TRACKER_HEADINGS) as (keyof TrackerRow)[];
  const lines = [csvLine(keys.map((k) => TRACKER_HEADINGS[k]))];
  for (const row of trackerRows(input.actions, input.now)) lines.push(csvLine(keys.map((k) => row[k])));
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
