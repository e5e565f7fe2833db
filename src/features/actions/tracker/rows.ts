import type { GridCell, GridRow } from '../../../sources/tracker/grid';
import type { ActionStatus, Rag } from '../../../domain/actions/model';
import { cellText, foldHeader, type HeaderMatch, type TrackerField } from './columns';
import { readDate } from './dates';
import { readLead, readList, readPlanYear, readRag, readStatus } from './values';
import type { WardResolver } from './wards';

/**
 * One action row of a tracker, read. A field is `undefined` when the tracker has no such column,
 * and `null` when the column is there but the cell is blank (or says "no date"): an import only
 * changes what the tracker speaks about.
 */
export interface TrackerEntry {
  rowNumber: number;
  ref: string | null;
  title: string;
  theme: string | null;
  description?: string | null;
  lead?: { name: string; email?: string } | null;
  leadAgency?: string | null;
  partners?: string[];
  wards?: string[];
  startDate?: string | null;
  targetDate?: string | null;
  status?: ActionStatus | null;
  rag?: Rag | 'done' | null;
  update?: { text: string; author?: string; asOf?: string } | null;
  successMeasure?: string | null;
  plan?: string | null;
  /** Things worth saying that do not stop the row ("two leads named: the first is taken"). */
  notes: string[];
}

export interface RowProblem {
  rowNumber: number;
  ref?: string;
  title?: string;
  reasons: string[];
}

export interface ThemeRow {
  rowNumber: number;
  theme: string;
}

export interface ReadRows {
  entries: TrackerEntry[];
  problems: RowProblem[];
  themes: ThemeRow[];
  /** Rows passed over on purpose (a repeated header, a colour key), with why. */
  passed: { rowNumber: number; reason: string }[];
}

export interface RowContext {
  wards: WardResolver;
  /** Dates outside [minDate, maxDate] are typing mistakes ("31/03/2205"), reported as such. */
  minDate: string;
  maxDate: string;
}

const LEGEND = /^(?:key|legend|rag key|rag rating key|red|amber|green|blue|grey|[ragb])\s*(?:[:=–-].*)?$/i;
const MAX_TITLE = 500;
const MAX_TEXT = 4000;

function isBlank(c: GridCell | undefined): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

/** "Theme 2: Reducing ASB" → "Reducing ASB"; "PRIORITY 1 – VIOLENCE" keeps its words. */
function themeText(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(?:theme|priority|strategic priority|objective|outcome|strand|workstream)\s*(?:\d+[a-z]?|[ivx]+)?\s*[:.\-–—)]\s*(.+)$/i.exec(t);
  return (m ? m[1] : t).trim();
}

const THEME_LABEL = /^(?:theme|priority|strategic priority|objective|strand|workstream)\b/i;

export function readTrackerRows(rows: readonly GridRow[], header: HeaderMatch, ctx: RowContext): ReadRows {
  const out: ReadRows = { entries: [], problems: [], themes: [], passed: [] };
  const byField = new Map<TrackerField, number[]>();
  for (const c of header.columns) byField.set(c.field, [...(byField.get(c.field) ?? []), c.index]);
  const has = (f: TrackerField) => byField.has(f);
  const titleCol = byField.get('title')?.[0] ?? -1;
  const refCol = byField.get('ref')?.[0];
  const headerKey = header.columns.map((c) => foldHeader(c.header)).join('|');

  const body = rows.slice(header.rowIndex + (header.headerRows ?? 1));
  // Where actions are written out in full (most rows fill three cells or more), text alone in the
  // action column is a heading, not an action with nothing known about it.
  const widths = body.map((r) => r.cells.filter((c) => !isBlank(c)).length).filter((n) => n > 0);
  const fullRows = widths.length >= 3 && widths.filter((n) => n >= 3).length * 2 > widths.length;
  let theme: string | null = null;
  for (let i = 0; i < body.length; i++) {
    const row = body[i];
    const filled = row.cells.map((c, idx) => ({ c, idx })).filter(({ c }) => !isBlank(c));
    if (filled.length === 0) continue;
    const text = (f: TrackerField): string => cellText(row.cells[byField.get(f)?.[0] ?? -1]);

    if (filled.length === 1 && /^changed since\b/i.test(cellText(filled[0].c))) break; // this project's export appendix
    if (header.columns.map((c) => foldHeader(cellText(row.cells[c.index]))).join('|') === headerKey) {
      out.passed.push({ rowNumber: row.rowNumber, reason: 'the header repeated' });
      continue;
    }
    if (filled.every(({ c }) => LEGEND.test(cellText(c))) && filled.some(({ c }) => /[:=]|^(?:key|legend)/i.test(cellText(c)))) {
      out.passed.push({ rowNumber: row.rowNumber, reason: 'a colour key' });
      continue;
    }

    // A row holding one text alone, outside the action column (or merged across, labelled
    // "Theme …", or in a tracker of full rows), sets the theme of the rows below it.
    if (filled.length === 1) {
      const only = cellText(filled[0].c);
      const inTitle = filled[0].idx === titleCol;
      if (typeof filled[0].c === 'string' && (!inTitle || row.mergedAcross || THEME_LABEL.test(only) || fullRows)) {
        theme = themeText(only);
        out.themes.push({ rowNumber: row.rowNumber, theme });
        continue;
      }
    }
    // "1 | Reducing ASB" followed by "1.1 | …": a numbered theme row.
    const ref = refCol !== undefined ? cellText(row.cells[refCol]).replace(/\s+/g, ' ') : '';
    const title = text('title').replace(/\s+/g, ' ');
    if (ref && title && filled.length === 2 && filled.every(({ idx }) => idx === refCol || idx === titleCol)) {
      if (THEME_LABEL.test(ref)) {
        // "Theme 1 | Reducing ASB"
        theme = themeText(title);
        out.themes.push({ rowNumber: row.rowNumber, theme });
        continue;
      }
      const next = body.slice(i + 1).find((r) => r.cells.some((c) => !isBlank(c)));
      const nextRef = next && refCol !== undefined ? cellText(next.cells[refCol]) : '';
      if (nextRef.startsWith(`${ref}.`)) {
        theme = themeText(title);
        out.themes.push({ rowNumber: row.rowNumber, theme });
        continue;
      }
    }

    const reasons: string[] = [];
    const entry: TrackerEntry = { rowNumber: row.rowNumber, ref: ref || null, title, theme: null, notes: [] };
    if (!title) reasons.push('no action text');
    else if (title.length > MAX_TITLE) reasons.push(`the action text is ${title.length} characters long (at most ${MAX_TITLE}): put the detail in a description column`);

    if (has('theme')) {
      const t = text('theme');
      // A theme written once above a group of rows (not merged) carries down the column.
      if (t) theme = themeText(t);
    }
    entry.theme = theme;
    const plain = (f: TrackerField): string | null | undefined => {
      if (!has(f)) return undefined;
      const t = text(f);
      if (t.length > MAX_TEXT) reasons.push(`the ${f === 'update' ? 'progress update' : f} is too long (${t.length} characters; at most ${MAX_TEXT})`);
      return t || null;
    };
    entry.description = plain('description');
    entry.successMeasure = plain('successMeasure');

    if (has('lead') || has('leadEmail')) {
      const lead = readLead(text('lead'));
      const fromEmail = readLead(text('leadEmail'));
      const email = fromEmail?.email ?? lead?.email;
      if (lead) {
        entry.lead = { name: lead.name, ...(email ? { email } : {}) };
        if (lead.organisation && !has('leadAgency')) entry.leadAgency = lead.organisation;
        if (lead.others.length > 0) entry.notes.push(`several leads named: ${lead.name} is taken as the lead (${lead.others.join(', ')} not recorded)`);
      } else if (fromEmail) {
        entry.lead = { name: fromEmail.name, ...(email ? { email } : {}) };
      } else {
        entry.lead = null;
      }
    }
    if (has('leadAgency')) entry.leadAgency = text('leadAgency') || null;
    if (has('partners')) entry.partners = readList(text('partners'));

    if (has('wards')) {
      const w = ctx.wards.read(text('wards'));
      if (w.kind === 'bad') reasons.push(w.reason);
      else entry.wards = w.codes;
    }
    for (const f of ['startDate', 'targetDate'] as const) {
      if (!has(f)) continue;
      const cell = row.cells[byField.get(f)?.[0] ?? -1];
      const d = readDate(cell, f === 'startDate' ? 'start' : 'end');
      const label = f === 'startDate' ? 'start date' : 'target date';
      if (d.kind === 'bad') reasons.push(`unreadable ${label}: ${d.reason}`);
      else if (d.kind === 'none') entry[f] = null;
      else if (d.date < ctx.minDate || d.date > ctx.maxDate) reasons.push(`${label} ${d.date} is outside ${ctx.minDate.slice(0, 4)}–${ctx.maxDate.slice(0, 4)}: a typing mistake?`);
      else entry[f] = d.date;
    }

    // Quarterly columns ("Q1 RAG", "Q2 RAG"): the rightmost filled one is the latest.
    const latest = (f: TrackerField): GridCell | undefined => {
      const cols = byField.get(f) ?? [];
      for (let k = cols.length - 1; k >= 0; k--) if (!isBlank(row.cells[cols[k]])) return row.cells[cols[k]];
      return undefined;
    };
    if (has('rag')) {
      const r = readRag(cellText(latest('rag')));
      if (r.kind === 'bad') reasons.push(r.reason);
      entry.rag = r.kind === 'rag' ? r.rag : r.kind === 'done' ? 'done' : null;
    }
    if (has('status')) {
      const said = cellText(latest('status'));
      const s = readStatus(said);
      entry.status = s.kind === 'status' ? s.status : null;
      if (s.kind === 'bad') {
        // Many trackers keep the RAG colour in their status column ("Amber", "G").
        const r = readRag(said);
        if (r.kind === 'rag' && !entry.rag) entry.rag = r.rag;
        else if (r.kind === 'rag' && entry.rag !== r.rag) reasons.push(`the status says ${r.rag} while the RAG column says ${entry.rag}`);
        else if (r.kind === 'done') entry.status = 'completed';
        else if (r.kind !== 'rag') reasons.push(s.reason);
      }
    }
    if (has('update')) {
      const u = cellText(latest('update'));
      if (u.length > MAX_TEXT) reasons.push(`the progress update is too long (${u.length} characters; at most ${MAX_TEXT})`);
      entry.update = u ? readUpdate(u) : null;
      if (entry.update && has('updateBy')) entry.update.author = text('updateBy') || entry.update.author;
      if (entry.update && has('updateDate')) {
        const d = readDate(latest('updateDate'));
        if (d.kind === 'bad') reasons.push(`unreadable date of the update: ${d.reason}`);
        else if (d.kind === 'date') entry.update.asOf = d.date;
      }
    }
    if (has('plan')) {
      const p = text('plan');
      const year = p ? readPlanYear(p) : undefined;
      if (p && !year) reasons.push(`plan "${p}" is not a plan year such as 2024-25`);
      entry.plan = year ?? null;
    }

    if (reasons.length > 0) out.problems.push({ rowNumber: row.rowNumber, ...(entry.ref ? { ref: entry.ref } : {}), ...(title ? { title } : {}), reasons });
    else out.entries.push(entry);
  }
  return out;
}

/** "Text (Author, 2021-07-30)", as this project's markdown export writes an update, gives its author and date back. */
function readUpdate(text: string): { text: string; author?: string; asOf?: string } {
  const m = /^([\s\S]*\S)\s+\(([^(),]+), (\d{4}-\d{2}-\d{2})\)$/.exec(text);
  return m ? { text: m[1], author: m[2].trim(), asOf: m[3] } : { text };
}
