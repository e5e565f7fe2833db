import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Store } from '../../src/store/db';

export type SheetCell = string | number | Date | null;

export interface SheetSpec {
  name: string;
  rows: SheetCell[][];
  /** Ranges such as "A1:F1" to merge after the rows are written. */
  merges?: string[];
  /** Cells given a number format, e.g. { C5: 'dd/mm/yyyy' }. */
  formats?: Record<string, string>;
}

/** An .xlsx workbook built the way a council's spreadsheet would be. */
export async function workbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const [addr, fmt] of Object.entries(s.formats ?? {})) ws.getCell(addr).numFmt = fmt;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A scratch directory for tracker files, removed by `cleanup`. */
export function scratch(): { path(name: string, content: string | Buffer): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'csp-tracker-'));
  return {
    path(name, content) {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every row of the tables an import may write, in a stable order: equal dumps mean an unchanged store. */
export async function dumpPlanTables(store: Store): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of [
    ['action_item', 'id'],
    ['action_history', 'id'],
    ['plan_person', 'id'],
    ['person', 'aad_object_id'],
    ['audit_log', 'id'],
    ['app_meta', 'key'],
  ] as const) {
    const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.ref(order)}`.execute(store.db);
    out[table] = r.rows;
  }
  return JSON.stringify(out);
}
