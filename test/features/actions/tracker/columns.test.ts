import { findHeader, matchHeader, setAsideRatings } from '../../../../src/features/actions/tracker/columns';
import type { GridRow } from '../../../../src/sources/tracker/grid';

const field = (h: string) => matchHeader(h)?.field;

describe('tracker headers', () => {
  test.each([
    [['Ref', 'Reference', 'No.', 'ID', '#', 'Action Ref', 'Ref No'], 'ref'],
    [['Action', 'Activity', 'Task', 'Actions', 'Key actions', 'Action / Activity'], 'title'],
    [['Lead Officer', 'Owner', 'Lead', 'Action Owner', 'Lead officer name', 'Responsible officer'], 'lead'],
    [['Lead Organisation', 'Agency', 'Partner', 'Lead Agency', 'Organisation'], 'leadAgency'],
    [['Ward(s)', 'Wards', 'Area', 'Location'], 'wards'],
    [['Target Date', 'Due', 'Deadline', 'Completion date', 'Target completion date', 'Target Date (dd/mm/yyyy)', 'Due date'], 'targetDate'],
    [['Status', 'Current status'], 'status'],
    [['RAG', 'RAG status', 'RAG rating', 'BRAG', 'Status (RAG)', 'Q3 RAG'], 'rag'],
    [['Progress Update', 'Latest update', 'Comments', 'Update Q2', 'Progress to date'], 'update'],
    [['Theme', 'Priority', 'Strategic priority'], 'theme'],
    [['Success measure', 'Outcome', 'Measure', 'Outcomes', 'Measure of success'], 'successMeasure'],
    [['Start date', 'Start'], 'startDate'],
    [['Partners', 'Supporting partners', 'Partner agencies', 'Partner Organisation(s)'], 'partners'],
    [['Email', 'E-mail', 'Lead officer email'], 'leadEmail'],
  ])('%j are taken as %s', (headers, expected) => {
    for (const h of headers) expect([h, field(h)]).toEqual([h, expected]);
  });

  test('words in brackets are a hint: "Status (RAG)" is the RAG, other brackets say what the column holds', () => {
    expect(field('Status (RAG)')).toBe('rag');
    expect(field('Status (Not started / In progress / Complete)')).toBe('status');
    expect(field('RAG Rating (Red/Amber/Green)')).toBe('rag');
    expect(field('Lead Officer (name and email)')).toBe('lead');
    expect(field('Target date for completion')).toBe('targetDate');
    expect(field('Expected Outcomes/Impact')).toBe('successMeasure');
  });

  test('headers that only contain a known word with other meaning are not taken', () => {
    expect(field('Target audience')).toBeUndefined();
    expect(field('Date')).toBeUndefined();
    expect(field('Budget (£)')).toBeUndefined();
  });

  const row = (n: number, cells: (string | null)[]): GridRow => ({ rowNumber: n, cells, mergedAcross: false });

  test('the header is found below title rows; a description column is the action when there is no action column', () => {
    const h = findHeader([row(1, ['Community Safety Partnership']), row(2, ['Action plan 2024-25']), row(3, [null, 'Description', 'Owner', 'Due'])]);
    expect(h?.rowNumber).toBe(3);
    expect(h?.columns.map((c) => [c.letter, c.field])).toEqual([
      ['B', 'title'],
      ['C', 'lead'],
      ['D', 'targetDate'],
    ]);
  });

  test('with an action column, a description column is the description; a second lead column is ignored and said so', () => {
    const h = findHeader([row(1, ['Action', 'Description', 'Lead', 'Owner'])]);
    expect(h?.columns.map((c) => c.field)).toEqual(['title', 'description', 'lead']);
    expect(h?.ignored).toEqual([{ index: 3, letter: 'D', header: 'Owner', reason: 'a second lead officer column (column C is used)' }]);
  });

  test('no action column, or an action column alone, is no header', () => {
    expect(findHeader([row(1, ['Cost centre', 'Amount', 'Owner'])])).toBeUndefined();
    expect(findHeader([row(1, ['Action'])])).toBeUndefined();
  });

  test('a Priority column of High/Medium/Low is set aside, not read as themes', () => {
    const rows = [row(1, ['Priority', 'Action', 'Lead']), row(2, ['High', 'First', 'Jo']), row(3, ['Low', 'Second', 'Jo'])];
    const h = setAsideRatings(findHeader(rows)!, rows);
    expect(h.columns.map((c) => c.field)).toEqual(['title', 'lead']);
    expect(h.ignored).toEqual([{ index: 0, letter: 'A', header: 'Priority', reason: 'holds ratings (High, Medium, Low), not themes' }]);
    const themed = [row(1, ['Priority', 'Action', 'Lead']), row(2, ['Reducing ASB', 'First', 'Jo'])];
    expect(setAsideRatings(findHeader(themed)!, themed).columns.map((c) => c.field)).toEqual(['theme', 'title', 'lead']);
  });
});
