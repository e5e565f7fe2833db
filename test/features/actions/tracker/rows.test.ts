import { findHeader } from '../../../../src/features/actions/tracker/columns';
import { readTrackerRows } from '../../../../src/features/actions/tracker/rows';
import { wardResolver } from '../../../../src/features/actions/tracker/wards';
import { chesterfieldPack } from '../../../../src/domain/areas/chesterfield';
import type { GridCell, GridRow } from '../../../../src/sources/tracker/grid';

const ctx = { wards: wardResolver(chesterfieldPack), minDate: '2000-01-01', maxDate: '2034-11-20' };

function grid(rows: GridCell[][], merged: number[] = []): GridRow[] {
  return rows.map((cells, i) => ({ rowNumber: i + 1, cells, mergedAcross: merged.includes(i + 1) }));
}

function read(rows: GridRow[]) {
  const header = findHeader(rows);
  if (!header) throw new Error('no header');
  return readTrackerRows(rows, header, ctx);
}

describe('tracker rows', () => {
  test('theme rows set the theme below them: a lone cell, a merged band, a "Priority 2:" label, a numbered parent row', () => {
    const r = read(
      grid(
        [
          ['Ref', 'Action', 'Lead'],
          ['Priority 1: Violence'],
          ['1.1', 'First', 'Jo'],
          [null, 'Priority 2 – Fraud'],
          ['2.1', 'Second', 'Jo'],
          ['3', 'Drugs and alcohol'],
          ['3.1', 'Third', 'Jo'],
          [null, 'Night-time economy'],
          ['4.1', 'Fourth', 'Jo'],
          ['Theme 5', 'Youth'],
          ['5.1', 'Fifth', 'Jo'],
        ],
        [8],
      ),
    );
    expect(r.themes.map((t) => [t.rowNumber, t.theme])).toEqual([
      [2, 'Violence'],
      [4, 'Fraud'],
      [6, 'Drugs and alcohol'],
      [8, 'Night-time economy'],
      [10, 'Youth'],
    ]);
    expect(r.entries.map((e) => [e.ref, e.theme])).toEqual([
      ['1.1', 'Violence'],
      ['2.1', 'Fraud'],
      ['3.1', 'Drugs and alcohol'],
      ['4.1', 'Night-time economy'],
      ['5.1', 'Youth'],
    ]);
  });

  test('in a tracker of full rows, text alone in the action column is a heading', () => {
    const r = read(
      grid([
        ['Action', 'Lead', 'Due', 'Status'],
        ['Reducing anti-social behaviour'],
        ['Run park walk-throughs', 'Jo', '31/03/2025', 'In progress'],
        ['Install CCTV', 'Sam', '31/03/2025', 'Not started'],
        ['Tackling fraud'],
        ['Hold a scams roadshow', 'Jo', '31/01/2025', 'Not started'],
      ]),
    );
    expect(r.entries.map((e) => [e.title, e.theme])).toEqual([
      ['Run park walk-throughs', 'Reducing anti-social behaviour'],
      ['Install CCTV', 'Reducing anti-social behaviour'],
      ['Hold a scams roadshow', 'Tackling fraud'],
    ]);
  });

  test('a status column holding RAG colours gives the RAG; Blue there means completed', () => {
    const r = read(grid([['Ref', 'Action', 'Status'], ['1', 'First', 'Amber'], ['2', 'Second', 'Blue'], ['3', 'Third', 'G']]));
    expect(r.entries.map((e) => [e.ref, e.status, e.rag])).toEqual([
      ['1', null, 'amber'],
      ['2', 'completed', undefined],
      ['3', null, 'green'],
    ]);
  });

  test('an action alone in its row is an action, not a theme', () => {
    const r = read(grid([['Ref', 'Action', 'Lead'], [null, 'Hold a community safety day'], ['1', 'Second', 'Jo']]));
    expect(r.entries.map((e) => e.title)).toEqual(['Hold a community safety day', 'Second']);
  });

  test('a repeated header and a colour key are passed over; quarterly columns give the latest filled one', () => {
    const r = read(
      grid([
        ['Ref', 'Action', 'Q1 update', 'Q2 update', 'Q1 RAG', 'Q2 RAG'],
        ['1', 'First', 'Planned', 'Started', 'G', 'A'],
        ['Ref', 'Action', 'Q1 update', 'Q2 update', 'Q1 RAG', 'Q2 RAG'],
        ['2', 'Second', 'Planned', null, 'R', null],
        ['Key:', 'Red = off track', 'Amber = at risk', 'Green = on track'],
      ]),
    );
    expect(r.passed).toEqual([
      { rowNumber: 3, reason: 'the header repeated' },
      { rowNumber: 5, reason: 'a colour key' },
    ]);
    expect(r.entries.map((e) => [e.ref, e.update?.text, e.rag])).toEqual([
      ['1', 'Started', 'amber'],
      ['2', 'Planned', 'red'],
    ]);
    expect(r.problems).toEqual([]);
  });

  test('a date far outside the plan is taken for a typing mistake', () => {
    const r = read(grid([['Ref', 'Action', 'Due'], ['1', 'First', '31/03/2205']]));
    expect(r.problems).toEqual([{ rowNumber: 2, ref: '1', title: 'First', reasons: ['target date 2205-03-31 is outside 2000–2034: a typing mistake?'] }]);
  });

  test('a header over two rows: periods under a merged "Progress update", or update and RAG under each quarter', () => {
    const under = read(
      grid([
        ['Ref', 'Action', 'Progress update', null, null, 'RAG'],
        [null, null, 'Q1', 'Q2', 'Q3'],
        ['1', 'First', 'Planned', 'Started', null, 'G'],
        ['2', 'Second', 'Planned', null, null, 'A'],
      ]),
    );
    expect(under.problems).toEqual([]);
    expect(under.entries.map((e) => [e.ref, e.update?.text])).toEqual([
      ['1', 'Started'],
      ['2', 'Planned'],
    ]);
    const over = read(
      grid([
        ['Ref', 'Action', 'Q1 2024/25', null, 'Q2 2024/25'],
        ['Ref', 'Action', 'Update', 'RAG', 'Update', 'RAG'],
        ['1', 'First', 'Planned', 'G', 'Started', 'A'],
      ]),
    );
    expect(over.entries.map((e) => [e.ref, e.update?.text, e.rag])).toEqual([['1', 'Started', 'amber']]);
  });
});
