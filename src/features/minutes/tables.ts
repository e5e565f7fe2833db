import type { KeyFigure, MinutesParagraph } from '../../domain/minutes/model';
import { periodIn } from './dates';

/**
 * Tables flattened to text, as they arrive from PDFs and committee systems: a row per line
 * (cells split by tabs, bars or runs of spaces, or a label followed by numbers) or a cell per
 * line. Rows are kept as one paragraph with cells joined by " | "; lone cells each as their own
 * paragraph, so that a figure can point at the cell it was read from.
 */

export const CELL_SEPARATOR = ' | ';

/** A cell holding one number: "1,203", "-8.0%", "−25", "+3", "£4,000". */
const NUMERIC_CELL = /^[-+−–]?\s*£?\d[\d,]*(?:\.\d+)?\s*%?$/;
/** A label then two or more numbers: "Burglary 312 287 -8.0%". */
const SPACED_ROW = /^([A-Za-z][A-Za-z ,'’&()/-]*?[A-Za-z)])\s+((?:[-+−–]?£?\d[\d,]*(?:\.\d+)?%?\s+){1,8}[-+−–]?£?\d[\d,]*(?:\.\d+)?%?)$/;

export function isNumericCell(text: string): boolean {
  return NUMERIC_CELL.test(text.trim());
}

function cellsOf(line: string): string[] | null {
  const t = line.replace(/[\u00a0\u2000-\u200a\u202f]/g, ' ').trim();
  if (t === '') return null;
  let cells: string[] | null = null;
  if (/\t|\s\|\s|^\|/.test(t)) cells = t.split(/\s*(?:\t+|\|)\s*/);
  else if (/\S {2,}\S/.test(t)) cells = t.split(/ {2,}/);
  if (!cells) return null;
  cells = cells.map((c) => c.trim()).filter((c) => c !== '');
  return cells.length >= 2 && cells.every((c) => c.length <= 60) ? cells : null;
}

function spacedRow(line: string): string[] | null {
  const m = SPACED_ROW.exec(line.trim());
  return m ? [m[1].trim(), ...m[2].trim().split(/\s+/)] : null;
}

/** A short line that could be one cell of a table written a cell per line. */
function isCellLine(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 40 && !/[:;]$/.test(t) && (isNumericCell(t) || !/[.!?]$/.test(t)) && !/^(?:page\s+\d|[·•●▪*]\s)/i.test(t);
}

/**
 * The raw lines that belong to tables, with the text each becomes. A line is a row when it and
 * a neighbour both have number cells; a run of six or more short lines, a third of them numbers
 * (at least three), is a table written a cell per line.
 */
export function tableLines(lines: readonly string[]): Map<number, string> {
  const out = new Map<number, string>();
  const rows = lines.map((l) => {
    const cells = cellsOf(l) ?? spacedRow(l);
    return cells && cells.slice(1).some(isNumericCell) && !/^\(?(?:\d{1,2}|[a-z]|[ivx]+)[.)]$/i.test(cells[0]) ? cells : null;
  });
  const nonBlank = (from: number, step: 1 | -1): number => {
    for (let i = from; i >= 0 && i < lines.length; i += step) if (lines[i].trim() !== '') return i;
    return -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const cells = rows[i];
    if (!cells) continue;
    const prev = nonBlank(i - 1, -1);
    const next = nonBlank(i + 1, 1);
    const inTable = (prev !== -1 && rows[prev]) || (next !== -1 && rows[next]);
    if (!inTable) continue;
    out.set(i, cells.join(CELL_SEPARATOR));
    // The header row above the first row: cells of the same count, none of them a number.
    if (prev !== -1 && !rows[prev] && !out.has(prev)) {
      const header = cellsOf(lines[prev]);
      if (header && header.length >= cells.length - 1 && header.length <= cells.length && !header.some(isNumericCell)) out.set(prev, header.join(CELL_SEPARATOR));
    }
  }
  // A cell per line.
  let run: number[] = [];
  const flush = () => {
    const numbers = run.filter((i) => isNumericCell(lines[i])).length;
    if (run.length >= 6 && numbers >= 3 && numbers >= run.length / 3) for (const i of run) out.set(i, lines[i].trim());
    run = [];
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    if (!out.has(i) && isCellLine(lines[i])) run.push(i);
    else flush();
  }
  flush();
  return out;
}

const DOWN_WORDS = /\b(?:reduction|decrease|fall|down|fewer|lower)\b/i;
const CHANGE_HEADER = /\b(?:change|difference|variance|\+\/-|%)/i;

/** A signed number from a cell: "−25" → -25, "8.0%" → 8. */
function cellNumber(cell: string): { value: number; percent: boolean } {
  const t = cell.trim().replace(/[−–]/g, '-');
  const value = Number(t.replace(/[£,%\s+]/g, ''));
  return { value, percent: /%/.test(t) };
}

/** Header cells that are years ("2020", "2021") are headers, not numbers. */
function isHeaderRow(cells: string[]): boolean {
  return cells.slice(1).every((c) => !isNumericCell(c) || /^(?:19|20)\d{2}$/.test(c.trim()));
}

/** Reads figures from the table paragraphs: one per number cell, named by its row and column. */
export function findTableFigures(paragraphs: readonly MinutesParagraph[], measureOf: (text: string) => string | null): KeyFigure[] {
  const out: KeyFigure[] = [];
  const blocks: MinutesParagraph[][] = [];
  for (const p of paragraphs) {
    const last = blocks.at(-1);
    if (p.kind !== 'table') continue;
    if (last && last.at(-1)!.index === p.index - 1) last.push(p);
    else blocks.push([p]);
  }
  const figure = (label: string, column: string | null, cell: string, source: MinutesParagraph, sourceText: string) => {
    const { value, percent } = cellNumber(cell);
    if (!Number.isFinite(value)) return;
    const columnText = column ?? '';
    const sign = value >= 0 && CHANGE_HEADER.test(columnText) && DOWN_WORDS.test(columnText) ? -1 : 1;
    const unit: KeyFigure['unit'] = percent || /%|per\s?cent/i.test(columnText) ? '%' : /£/.test(cell) ? '£' : 'count';
    const { period, comparedWith } = periodIn(columnText);
    out.push({
      text: `${label}${column ? `, ${column}` : ''}: ${cell.trim()}`,
      value: sign * value,
      unit,
      measure: measureOf(label),
      period,
      comparedWith,
      exempt: false,
      source: { paragraph: source.index, text: sourceText },
    });
  };
  for (const block of blocks) {
    if (block.some((p) => p.text.includes(CELL_SEPARATOR))) {
      let header: string[] | null = null;
      for (const p of block) {
        const cells = p.text.split(CELL_SEPARATOR).map((c) => c.trim());
        if (isHeaderRow(cells)) {
          header = cells;
          continue;
        }
        // A header one cell short has no name over the labels' column.
        const columns = header ? (header.length === cells.length ? header : ['', ...header]) : null;
        cells.forEach((c, j) => {
          if (j > 0 && isNumericCell(c)) figure(cells[0], columns?.[j] || null, c, p, p.text);
        });
      }
      continue;
    }
    // A cell per line: rows start at each label; the cells before the first row's numbers are headers.
    const firstNumber = block.findIndex((p) => isNumericCell(p.text));
    if (firstNumber < 1) continue;
    const leading = block.slice(0, firstNumber).map((p) => p.text);
    let width = 0;
    while (firstNumber + width < block.length && isNumericCell(block[firstNumber + width].text)) width++;
    const headerCells = leading.slice(0, -1);
    const columns = headerCells.length === width + 1 ? headerCells.slice(1) : headerCells.length === width ? headerCells : null;
    let label: string | null = null;
    let col = 0;
    for (const p of block.slice(firstNumber - 1)) {
      if (!isNumericCell(p.text)) {
        label = p.text;
        col = 0;
        continue;
      }
      if (label) figure(label, columns?.[col] ?? null, p.text, p, p.text);
      col++;
    }
  }
  return out;
}
