import { readTrackerBytes } from '../../../src/sources/tracker/readTracker';
import { TrackerFileError } from '../../../src/sources/tracker/grid';
import { workbook } from '../../support/trackers';

describe('reading a tracker file into a grid', () => {
  test('xlsx: dates stay dates, formulas give their result, rich text its text, hidden-free rows keep their numbers', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Ref', 'Action', 'Due']);
    ws.addRow(['1', { richText: [{ text: 'Run ' }, { text: 'walk-throughs' }] }, new Date(Date.UTC(2025, 2, 31))]);
    ws.addRow([2, { formula: 'B2&" again"', result: 'Run walk-throughs again' }, 45838]);
    const grid = await readTrackerBytes(Buffer.from(await wb.xlsx.writeBuffer()), 'plan.xlsx');
    expect(grid.format).toBe('xlsx');
    expect(grid.sheets[0].rows.map((r) => [r.rowNumber, r.cells])).toEqual([
      [1, ['Ref', 'Action', 'Due']],
      [2, ['1', 'Run walk-throughs', new Date(Date.UTC(2025, 2, 31))]],
      [3, [2, 'Run walk-throughs again', 45838]],
    ]);
  });

  test('xlsx: a band merged across is one cell in its first column; a cell merged down belongs to every row', async () => {
    const book = await workbook([
      {
        name: 'Plan',
        rows: [
          ['Action plan 2024-25', null, null],
          ['Theme', 'Action', 'Lead'],
          ['Hate crime', 'First', 'Jo'],
          [null, 'Second', 'Sam'],
        ],
        merges: ['A1:C1', 'A3:A4'],
      },
    ]);
    const grid = await readTrackerBytes(book, 'merged.xlsx');
    const rows = grid.sheets[0].rows;
    expect(rows[0]).toEqual({ rowNumber: 1, cells: ['Action plan 2024-25'], mergedAcross: true });
    expect(rows[3].cells).toEqual(['Hate crime', 'Second', 'Sam']);
  });

  test('csv: with or without a BOM, quoted line breaks, row numbers as a spreadsheet shows them', async () => {
    const text = 'Ref,Action\r\n1,"Two\nlines"\r\n\r\n2,Plain\r\n';
    for (const bytes of [Buffer.from(text), Buffer.from(`\uFEFF${text}`)]) {
      const grid = await readTrackerBytes(bytes, 'plan.csv');
      expect(grid.sheets[0].rows.map((r) => [r.rowNumber, r.cells])).toEqual([
        [1, ['Ref', 'Action']],
        [2, ['1', 'Two\nlines']],
        [3, []],
        [4, ['2', 'Plain']],
      ]);
    }
  });

  test('files that cannot be read whole are refused with a reason', async () => {
    const good = await workbook([{ name: 'Plan', rows: [['Ref', 'Action']] }]);
    await expect(readTrackerBytes(good.subarray(0, 200), 'cut.xlsx')).rejects.toThrow(/damaged or cut short/);
    await expect(readTrackerBytes(Buffer.from('hello'), 'plan.xlsx')).rejects.toThrow(/not an Excel workbook/);
    await expect(readTrackerBytes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), 'plan.xls')).rejects.toThrow(/old-style Excel/);
    await expect(readTrackerBytes(Buffer.alloc(0), 'empty.csv')).rejects.toThrow(TrackerFileError);
    await expect(readTrackerBytes(Buffer.from('x'), 'plan.pdf')).rejects.toThrow(/only .xlsx and .csv/);
  });

  test('xlsx: hidden rows are read, and visible sheets come before hidden ones', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('Old');
    hidden.state = 'hidden';
    hidden.addRow(['Ref', 'Action']);
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Ref', 'Action']);
    ws.addRow(['1', 'Hidden but still in the plan']);
    ws.getRow(2).hidden = true;
    const grid = await readTrackerBytes(Buffer.from(await wb.xlsx.writeBuffer()), 'plan.xlsx');
    expect(grid.sheets.map((s) => s.name)).toEqual(['Plan', 'Old']);
    expect(grid.sheets[0].rows[1].cells).toEqual(['1', 'Hidden but still in the plan']);
  });
});
