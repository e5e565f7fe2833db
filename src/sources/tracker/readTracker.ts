import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { GridCell, GridRow, GridSheet, TrackerFileError, TrackerGrid } from './grid';

/** Trackers are a few hundred rows; anything far larger is not an action plan. */
const MAX_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 5000;
const MAX_COLUMNS = 256;

/** Reads an action-plan tracker (.xlsx or .csv) into a grid; a file that cannot be read whole is refused. */
export async function readTrackerFile(path: string): Promise<TrackerGrid> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TrackerFileError(code === 'ENOENT' ? `There is no file ${path}.` : `Could not read ${path}: ${(err as Error).message}`);
  }
  return readTrackerBytes(bytes, basename(path));
}

export async function readTrackerBytes(bytes: Buffer, fileName: string): Promise<TrackerGrid> {
  if (bytes.length === 0) throw new TrackerFileError(`${fileName} is empty.`);
  if (bytes.length > MAX_BYTES) throw new TrackerFileError(`${fileName} is ${Math.round(bytes.length / 1048576)} MB: too large for an action plan tracker.`);
  const ext = extname(fileName).toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (ole || ext === '.xls') {
    throw new TrackerFileError(`${fileName} is an old-style Excel (.xls) workbook, which cannot be read: open it in Excel and save it as .xlsx (Excel Workbook) or .csv.`);
  }
  if (ext === '.ods') throw new TrackerFileError(`${fileName} is an OpenDocument spreadsheet: save it as .xlsx or .csv.`);
  if (ext === '.xlsx' || ext === '.xlsm' || zip) {
    if (!zip) throw new TrackerFileError(`${fileName} is not an Excel workbook (it does not start like one): save it again as .xlsx, or as .csv.`);
    return { format: 'xlsx', sheets: await readWorkbook(bytes, fileName) };
  }
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv' || ext === '') return { format: 'csv', sheets: [{ name: basename(fileName, ext), rows: readCsv(bytes, fileName) }] };
  throw new TrackerFileError(`${fileName}: only .xlsx and .csv trackers can be read.`);
}

async function readWorkbook(bytes: Buffer, fileName: string): Promise<GridSheet[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new TrackerFileError(
      `${fileName} could not be read as an Excel workbook (${(err as Error).message.split('\n')[0]}): it may be damaged or cut short. Nothing was imported; open it in Excel and save it again.`,
    );
  }
  const sheets: GridSheet[] = [];
  // Visible sheets first: "the first sheet that looks like a tracker" is one people can see.
  const ordered = [...wb.worksheets.filter((w) => w.state === 'visible' || !w.state), ...wb.worksheets.filter((w) => w.state && w.state !== 'visible')];
  for (const ws of ordered) sheets.push({ name: ws.name, rows: sheetRows(ws) });
  if (sheets.length === 0) throw new TrackerFileError(`${fileName} has no worksheets.`);
  return sheets;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseMerges(ws: ExcelJS.Worksheet): Merge[] {
  const ranges = ((ws.model as { merges?: string[] }).merges ?? []) as string[];
  const out: Merge[] = [];
  for (const r of ranges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(r);
    if (m) out.push({ left: columnNumber(m[1]), top: Number(m[2]), right: columnNumber(m[3]), bottom: Number(m[4]) });
  }
  return out;
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + (ch.charCodeAt(0) - 64), 0);
}

/**
 * Merged cells as people mean them: a band merged across columns (a title or a theme) is one
 * cell, in its first column; a cell merged down several rows (a theme or a lead shared by the
 * actions beside it) belongs to each of those rows.
 */
function sheetRows(ws: ExcelJS.Worksheet): GridRow[] {
  // Formatting can stretch a sheet's extent far below its last value: only rows holding values count.
  const numbers: number[] = [];
  ws.eachRow({ includeEmpty: false }, (_row, n) => {
    numbers.push(n);
  });
  if (numbers.length > MAX_ROWS) throw new TrackerFileError(`Sheet "${ws.name}" has ${numbers.length} rows: too many for an action plan tracker.`);
  const merges = parseMerges(ws);
  const rows: GridRow[] = [];
  const width = Math.min(ws.columnCount, MAX_COLUMNS);
  // Hidden rows are read too: hiding a row in Excel does not take an action out of the plan.
  for (const r of numbers) {
    const row = ws.getRow(r);
    const cells: GridCell[] = [];
    let mergedAcross = false;
    for (let c = 1; c <= width; c++) {
      const merge = merges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
      if (merge) {
        if (merge.right > merge.left && r === merge.top && c === merge.left) mergedAcross = true;
        cells.push(c === merge.left ? cellValue(ws.getCell(merge.top, merge.left).value) : null);
      } else {
        cells.push(cellValue(row.getCell(c).value));
      }
    }
    rows.push({ rowNumber: r, cells: trimTrailing(cells), mergedAcross });
  }
  return rows;
}

/** A cell's value as shown: formulas by their result, rich text and links by their text, errors as blank. */
function cellValue(v: ExcelJS.CellValue): GridCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null || (typeof result === 'object' && 'error' in result)) return null;
      return cellValue(result as ExcelJS.CellValue);
    }
    if ('hyperlink' in v && 'text' in v) return cellValue((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return String(v);
}

function trimTrailing(cells: GridCell[]): GridCell[] {
  let end = cells.length;
  while (end > 0 && isBlank(cells[end - 1])) end -= 1;
  return cells.slice(0, end);
}

function isBlank(c: GridCell): boolean {
  return c === null || (typeof c === 'string' && c.trim() === '');
}

/** UTF-8 (with or without a BOM, as Excel's "CSV UTF-8" writes); else Windows-1252, as Excel's plain "CSV" writes. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Comma, semicolon or tab, whichever splits the first lines most consistently. */
function sniffDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).slice(0, 30).filter((l) => l.trim());
  let best = ',';
  let bestScore = -1;
  for (const d of [',', ';', '\t']) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const score = counts.filter((n) => n > 0).length * 10 + Math.max(0, ...counts);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function readCsv(bytes: Buffer, fileName: string): GridRow[] {
  const text = decode(bytes).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new TrackerFileError(`${fileName} is not a text (CSV) file.`);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (err) {
    throw new TrackerFileError(`${fileName} could not be read as CSV (${(err as Error).message}). Nothing was imported.`);
  }
  if (records.length > MAX_ROWS) throw new TrackerFileError(`${fileName} has ${records.length} rows: too many for an action plan tracker.`);
  // A spreadsheet shows one row per record, so that is the number people will look for.
  return records.map((r, i) => ({
    rowNumber: i + 1,
    cells: trimTrailing(r.slice(0, MAX_COLUMNS).map((c) => (c === '' ? null : c))),
    mergedAcross: false,
  }));
}
