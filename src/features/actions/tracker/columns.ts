import type { GridCell, GridRow } from '../../../sources/tracker/grid';

/**
 * What a tracker's columns may be called. Headers are compared folded (case, punctuation and
 * "&" ignored). A header equal to a name below is taken as that field; otherwise a header that
 * contains names is taken as the one ending last, since English puts the deciding word last
 * ("Action Ref" is a reference, "Action Owner" a lead, "Target Completion Date" a target date).
 * The README lists the same names ("Loading your action plan").
 */
export const COLUMN_SYNONYMS = {
  ref: ['ref', 'reference', 'ref no', 'reference no', 'reference number', 'no', 'number', 'id', 'action ref', 'action no', 'action number', 'action id', 'item no', 'ref number'],
  title: ['action', 'actions', 'activity', 'activities', 'task', 'tasks', 'action title', 'title', 'what we will do', 'what will be done', 'action to be taken', 'actions to be taken', 'key action', 'key actions', 'intervention', 'action activity', 'deliverable', 'project'],
  description: ['description', 'action description', 'detail', 'details', 'further detail', 'further details'],
  lead: ['lead officer', 'lead', 'owner', 'officer', 'action owner', 'lead person', 'lead name', 'named lead', 'responsible officer', 'responsible person', 'responsible', 'accountable officer', 'lead contact', 'contact', 'who'],
  leadEmail: ['email', 'e mail', 'email address', 'lead email', 'lead officer email', 'contact email', 'owner email'],
  leadAgency: ['lead organisation', 'lead organization', 'organisation', 'organization', 'agency', 'lead agency', 'partner', 'lead partner', 'responsible agency', 'responsible organisation', 'lead service', 'service', 'department'],
  partners: ['partners', 'supporting partners', 'key partners', 'other partners', 'partner agencies', 'supporting agencies', 'partners involved', 'partner organisations', 'partner organisation', 'other agencies'],
  wards: ['wards', 'ward', 'ward s', 'area', 'areas', 'location', 'locations', 'locality', 'neighbourhood', 'geography', 'where'],
  startDate: ['start date', 'start', 'date started', 'commencement date'],
  targetDate: ['target date', 'due', 'due date', 'date due', 'deadline', 'completion date', 'target completion date', 'target', 'timescale', 'timescales', 'timeframe', 'by when', 'end date', 'target end date', 'delivery date', 'date for completion'],
  status: ['status', 'current status', 'action status', 'progress status'],
  rag: ['rag', 'rag status', 'rag rating', 'brag', 'rag b', 'ragb', 'traffic light', 'rating'],
  update: ['progress update', 'latest update', 'update', 'updates', 'progress', 'comments', 'comment', 'commentary', 'progress commentary', 'progress to date', 'latest position', 'current position', 'position', 'notes', 'narrative'],
  updateDate: ['last updated', 'date updated', 'update date', 'date of update', 'date of last update', 'updated on', 'as of'],
  updateBy: ['updated by', 'update by', 'update author'],
  theme: ['theme', 'themes', 'priority', 'priority area', 'strategic priority', 'priority theme', 'objective', 'strand', 'workstream', 'category'],
  successMeasure: ['success measure', 'success measures', 'measure of success', 'measures of success', 'outcome', 'outcomes', 'expected outcome', 'measure', 'measures', 'performance measure', 'kpi', 'kpis', 'success criteria', 'target outcome', 'output', 'outputs', 'impact', 'expected impact', 'performance indicator', 'key performance indicator', 'indicator', 'indicators'],
  plan: ['plan', 'plan year', 'action plan year', 'year'],
} as const;

export type TrackerField = keyof typeof COLUMN_SYNONYMS;

/** What each field is called in reports of what a column was taken as. */
export const FIELD_LABELS: Record<TrackerField, string> = {
  ref: 'reference',
  title: 'action',
  description: 'description',
  lead: 'lead officer',
  leadEmail: "lead officer's e-mail",
  leadAgency: 'lead organisation',
  partners: 'partners',
  wards: 'wards',
  startDate: 'start date',
  targetDate: 'target date',
  status: 'status',
  rag: 'RAG',
  update: 'progress update',
  updateDate: 'date of the update',
  updateBy: 'update author',
  theme: 'theme',
  successMeasure: 'success measure',
  plan: 'plan',
};

/** A header naming a period: "Q1 update", "RAG Mar 25", "Update 2024". */
const PERIODIC = /\b(?:q[1-4]|quarter|qtr|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|20\d\d|\d\d \d\d)\b/;

/** Fields a tracker may repeat per period ("Q1 update", "Q2 update"): the rightmost filled cell counts. */
const REPEATABLE: ReadonlySet<TrackerField> = new Set(['update', 'rag', 'status', 'updateDate']);

export interface TrackerColumn {
  /** 0-based column index. */
  index: number;
  /** Spreadsheet letter, e.g. "C". */
  letter: string;
  header: string;
  field: TrackerField;
}

export interface IgnoredColumn {
  index: number;
  letter: string;
  header: string;
  reason: string;
}

export interface HeaderMatch {
  /** Index into the sheet's rows. */
  rowIndex: number;
  rowNumber: number;
  /** 2 when a row of periods under the header belongs to it. */
  headerRows?: number;
  columns: TrackerColumn[];
  ignored: IgnoredColumn[];
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function foldHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/#/g, ' no ')
    .replace(/\be-?mail\b/g, 'email')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const TRAILING_QUALIFIERS =
  /^(?:\d+|q[1-4]|quarter|quarterly|year|yr|month|monthly|dd|mm|yy|yyyy|date|dates|name|names|if|any|at|as|of|for|by|to|in|on|the|current|latest|here|optional|required|e|g|eg|text|completion|complete|delivery|red|amber|green|blue|grey|r|a|b|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|s)$/;

const FIELDS = Object.keys(COLUMN_SYNONYMS) as TrackerField[];

/**
 * The field a header names, and whether by an exact name. Words in brackets are a hint about the
 * column ("Status (RAG)" is the RAG; "Target date (dd/mm/yyyy)" and "Status (Not started /
 * Complete)" are what they say before the brackets).
 */
export function matchHeader(header: string): { field: TrackerField; exact: boolean } | undefined {
  const hints = [...header.matchAll(/\(([^()]*)\)|\[([^[\]]*)\]/g)].map((m) => foldHeader(m[1] ?? m[2] ?? ''));
  for (const hint of hints) {
    const field = FIELDS.find((f) => (COLUMN_SYNONYMS[f] as readonly string[]).includes(hint));
    if (field) return { field, exact: false };
  }
  const main = header.replace(/\([^()]*\)|\[[^[\]]*\]/g, ' ');
  return (hints.length > 0 && foldHeader(main) ? matchFolded(foldHeader(main)) : undefined) ?? matchFolded(foldHeader(header));
}

function matchFolded(h: string): { field: TrackerField; exact: boolean } | undefined {
  if (!h || h.length > 80) return undefined;
  for (const field of FIELDS) if ((COLUMN_SYNONYMS[field] as readonly string[]).includes(h)) return { field, exact: true };
  let best: { field: TrackerField; end: number; length: number } | undefined;
  const padded = ` ${h} `;
  for (const field of FIELDS) {
    for (const s of COLUMN_SYNONYMS[field]) {
      const at = padded.lastIndexOf(` ${s} `);
      if (at < 0) continue;
      const end = at + s.length;
      // "Target audience" is no target date: only qualifiers may follow the name ("Update Q3", "Due (dd/mm/yy)").
      if (!padded.slice(end + 1).trim().split(' ').every((w) => !w || TRAILING_QUALIFIERS.test(w))) continue;
      if (!best || end > best.end || (end === best.end && s.length > best.length)) best = { field, end, length: s.length };
    }
  }
  return best && { field: best.field, exact: false };
}

export function cellText(cell: GridCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'boolean') return cell ? 'Yes' : 'No';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Number(cell.toPrecision(12)));
  // This project's CSV export defuses formulas with a leading apostrophe; it is no part of the text.
  return cell.replace(/\u00a0/g, ' ').trim().replace(/^'(?=[=+\-@])/, '');
}

/** How a row reads as a header: its columns and ignored columns, or undefined when it is none. */
/** A label that is a period itself: "Q1", "Q2 2024/25", "April–June", "Mar 25". */
const PERIOD_LABEL = /^(?:q[1-4]|quarter|qtr|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|20\d\d)\b/;

function isPeriodLabel(text: string): boolean {
  const f = foldHeader(text);
  return PERIOD_LABEL.test(f) && f.split(' ').length <= 5;
}

/** The period a column sits under in the row above ("Q2" merged over "Update | RAG"), if any. */
function periodAbove(above: GridRow | undefined, index: number): string {
  if (!above) return '';
  for (let c = Math.min(index, above.cells.length - 1); c >= 0; c--) {
    const t = cellText(above.cells[c]);
    if (t) return isPeriodLabel(t) ? foldHeader(t) : '';
  }
  return '';
}

function asHeader(row: GridRow, rowIndex: number, above?: GridRow): (HeaderMatch & { score: number }) | undefined {
  const claims: { index: number; header: string; field: TrackerField; exact: boolean }[] = [];
  const unknown: { index: number; header: string }[] = [];
  row.cells.forEach((cell, index) => {
    if (typeof cell !== 'string') {
      if (cell !== null) unknown.push({ index, header: cellText(cell) });
      return;
    }
    const header = cellText(cell);
    if (!header) return;
    const m = matchHeader(header);
    if (m) claims.push({ index, header, ...m });
    else unknown.push({ index, header });
  });
  const columns: TrackerColumn[] = [];
  const ignored: IgnoredColumn[] = unknown.map((u) => ({ index: u.index, letter: columnLetter(u.index), header: u.header, reason: 'not a column the import knows' }));
  // Exact names claim their field first; within each kind, leftmost first.
  const ordered = [...claims].sort((a, b) => Number(b.exact) - Number(a.exact) || a.index - b.index);
  for (const c of ordered) {
    const taken = columns.find((t) => t.field === c.field);
    const periodic = (index: number, header: string) => PERIODIC.test(`${foldHeader(header)} ${periodAbove(above, index)}`);
    if (taken && !(REPEATABLE.has(c.field) && periodic(c.index, c.header) && periodic(taken.index, taken.header))) {
      ignored.push({ index: c.index, letter: columnLetter(c.index), header: c.header, reason: `a second ${FIELD_LABELS[c.field]} column (column ${taken.letter} is used)` });
      continue;
    }
    columns.push({ index: c.index, letter: columnLetter(c.index), header: c.header, field: c.field });
  }
  // With no action column, a description column is the action ("Description" alone names the action).
  if (!columns.some((c) => c.field === 'title')) {
    const d = columns.find((c) => c.field === 'description');
    if (d) d.field = 'title';
  }
  if (!columns.some((c) => c.field === 'title')) return undefined;
  const distinct = new Set(columns.map((c) => c.field)).size;
  if (distinct < 2) return undefined;
  columns.sort((a, b) => a.index - b.index);
  ignored.sort((a, b) => a.index - b.index);
  return { rowIndex, rowNumber: row.rowNumber, columns, ignored, score: distinct * 2 + columns.filter((c) => claims.find((k) => k.index === c.index)?.exact).length };
}

/** Title rows come above the header; the header is the row among the first few that names the most fields, one being the action. */
export function findHeader(rows: readonly GridRow[], scan = 40): HeaderMatch | undefined {
  let best: (HeaderMatch & { score: number }) | undefined;
  rows.slice(0, scan).forEach((row, i) => {
    const h = asHeader(row, i, rows[i - 1]);
    if (h && (!best || h.score > best.score)) best = h;
  });
  if (!best) return undefined;
  const { score: _score, ...match } = best;
  return withPeriodRow(match, rows);
}

/**
 * A header over two rows: "Progress update" merged across, with "Q1 | Q2 | Q3 | Q4" below it.
 * The row below gives the group's columns, each of the group's field (the latest filled counts),
 * and is passed over as part of the header.
 */
function withPeriodRow(header: HeaderMatch, rows: readonly GridRow[]): HeaderMatch {
  const headerRow = rows[header.rowIndex];
  const below = rows[header.rowIndex + 1];
  const titleIndex = header.columns.find((c) => c.field === 'title')?.index ?? -1;
  if (!below || cellText(below.cells[titleIndex])) return header;
  const labels = below.cells.map((c, index) => ({ index, text: cellText(c) })).filter((l) => l.text);
  if (labels.length < 2 || !labels.every((l) => typeof below.cells[l.index] === 'string' && isPeriodLabel(l.text))) return header;
  const columns = [...header.columns];
  for (const label of labels) {
    if (columns.some((c) => c.index === label.index)) continue;
    // The group is the nearest header to the left, with only blank header cells between.
    let g = label.index;
    while (g >= 0 && !cellText(headerRow.cells[g])) g -= 1;
    const group = columns.find((c) => c.index === g);
    if (!group || !REPEATABLE.has(group.field)) continue;
    columns.push({ index: label.index, letter: columnLetter(label.index), header: `${group.header} – ${label.text}`, field: group.field });
  }
  columns.sort((a, b) => a.index - b.index);
  return { ...header, columns, headerRows: 2 };
}

const RATING = /^(?:high|medium|med|low|h|m|l|[1-5]|critical|urgent|very high|very low)$/i;

/**
 * A "Priority" column holding High/Medium/Low rates actions; it names no theme. Such a column is
 * set aside (and said so) rather than making "High" a theme.
 */
export function setAsideRatings(header: HeaderMatch, rows: readonly GridRow[]): HeaderMatch {
  const theme = header.columns.find((c) => c.field === 'theme');
  if (!theme) return header;
  const values = rows
    .slice(header.rowIndex + (header.headerRows ?? 1))
    .map((r) => cellText(r.cells[theme.index]))
    .filter(Boolean);
  if (values.length === 0 || !values.every((v) => RATING.test(v))) return header;
  return {
    ...header,
    columns: header.columns.filter((c) => c !== theme),
    ignored: [...header.ignored, { index: theme.index, letter: theme.letter, header: theme.header, reason: 'holds ratings (High, Medium, Low), not themes' }].sort((a, b) => a.index - b.index),
  };
}
