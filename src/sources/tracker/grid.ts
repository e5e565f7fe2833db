/**
 * A tracker file as a grid: what a spreadsheet shows, before anything is interpreted. Cells are
 * text, numbers, booleans or calendar dates (Excel date cells stay dates); a row keeps the number
 * the spreadsheet shows beside it, so problems can be reported where people will look.
 */
export type GridCell = string | number | boolean | Date | null;

export interface GridRow {
  /** 1-based, as the spreadsheet (or a text editor, for a CSV record) numbers it. */
  rowNumber: number;
  cells: GridCell[];
  /** The row holds a cell merged across several columns (a title or theme band). */
  mergedAcross: boolean;
}

export interface GridSheet {
  name: string;
  rows: GridRow[];
}

export interface TrackerGrid {
  format: 'xlsx' | 'csv';
  sheets: GridSheet[];
}

/** A file that cannot be read whole: nothing in it is used. */
export class TrackerFileError extends Error {}
