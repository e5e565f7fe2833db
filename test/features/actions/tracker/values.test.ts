import { financialYearOf, readLead, readPlanYear, readRag, readStatus } from '../../../../src/features/actions/tracker/values';
import { wardResolver, wardResolverForPlan, wardCell } from '../../../../src/features/actions/tracker/wards';
import { chesterfieldPack } from '../../../../src/domain/areas/chesterfield';
import { personNameKey } from '../../../../src/domain/actions/people';

describe('tracker values', () => {
  test.each([
    ['Not started', 'not_started'],
    ['Not yet started', 'not_started'],
    ['In progress', 'in_progress'],
    ['In-progress', 'in_progress'],
    ['Ongoing', 'in_progress'],
    ['On track', 'in_progress'],
    ['On hold', 'on_hold'],
    ['Complete', 'completed'],
    ['Completed', 'completed'],
    ['Done', 'completed'],
    ['Blue', 'completed'],
    ['Complete – verified by the board', 'completed'],
    ['Closed', 'closed'],
    ['Cancelled', 'cancelled'],
    ['No longer required', 'cancelled'],
    ['Carried forward', 'carried_forward'],
    ['C/F', 'carried_forward'],
  ])('status "%s" is %s', (text, status) => {
    expect(readStatus(text)).toEqual({ kind: 'status', status });
  });

  test('an unknown status is reported, a blank one is none', () => {
    expect(readStatus('Sort of').kind).toBe('bad');
    expect(readStatus('  ')).toEqual({ kind: 'none' });
  });

  test.each([
    ['R', 'red'],
    ['Red', 'red'],
    ['a', 'amber'],
    ['AMBER', 'amber'],
    ['G', 'green'],
    ['Green – on track (set by hand)', 'green'],
    ['Amber/Red', 'amber'],
    ['Grey', 'grey'],
  ])('RAG "%s" is %s', (text, rag) => {
    expect(readRag(text)).toEqual({ kind: 'rag', rag });
  });

  test('Blue or B means done; n/a is none; other colours are reported', () => {
    expect(readRag('Blue')).toEqual({ kind: 'done' });
    expect(readRag('B')).toEqual({ kind: 'done' });
    expect(readRag('n/a (not open)')).toEqual({ kind: 'none' });
    expect(readRag('Purple').kind).toBe('bad');
  });

  test('lead cells: a name, "Name <e-mail>", an e-mail alone, a name with the organisation, several people', () => {
    expect(readLead('Jo Whitfield')).toEqual({ name: 'Jo Whitfield', others: [] });
    expect(readLead('Jo Whitfield <Jo.Whitfield@Example.org>')).toEqual({ name: 'Jo Whitfield', email: 'jo.whitfield@example.org', others: [] });
    expect(readLead('jo.whitfield@example.org')).toEqual({ name: 'Jo Whitfield', email: 'jo.whitfield@example.org', others: [] });
    expect(readLead('Jo Whitfield (Rural Action Derbyshire)')).toEqual({ name: 'Jo Whitfield', organisation: 'Rural Action Derbyshire', others: [] });
    expect(readLead('Jo Whitfield / Sam Reid')).toEqual({ name: 'Jo Whitfield', others: ['Sam Reid'] });
    expect(readLead('Jo Whitfield, Chesterfield Borough Council')).toEqual({ name: 'Jo Whitfield', organisation: 'Chesterfield Borough Council', others: [] });
    expect(readLead('Sam Reid – Derbyshire Constabulary')).toEqual({ name: 'Sam Reid', organisation: 'Derbyshire Constabulary', others: [] });
    expect(readLead('TBC')).toBeUndefined();
    expect(readLead('cllr dana hale')?.name).toBe('Cllr Dana Hale');
    expect(readLead("SEAN O'NEILL")?.name).toBe("Sean O'Neill");
    expect(readLead('Jo McAllister')?.name).toBe('Jo McAllister');
  });

  test('names match whatever the case, spacing or title', () => {
    expect(personNameKey('  cllr PRIYA   shah ')).toBe(personNameKey('Priya Shah'));
    expect(personNameKey('Insp. Ann Lee')).toBe(personNameKey('Ann Lee'));
    expect(personNameKey('Ann Lee')).not.toBe(personNameKey('Anne Lee'));
  });

  test('plan years in their many spellings', () => {
    for (const t of ['2024-25', '2024/25', '2024–2025', '24/25', 'Action Plan 2024-25', '2024 to 2025']) expect([t, readPlanYear(t)]).toEqual([t, '2024–25']);
    expect(readPlanYear('2024-26')).toBeUndefined();
    expect(readPlanYear('Version 3')).toBeUndefined();
    expect(financialYearOf('2025-03-31')).toBe('2024–25');
    expect(financialYearOf('2025-04-01')).toBe('2025–26');
  });
});

describe('tracker wards', () => {
  const wards = wardResolver(chesterfieldPack);
  test('several wards in one cell, short and misspelt forms, places and the whole borough', () => {
    expect(wards.read('Rother; Brockwell')).toEqual({ kind: 'wards', codes: ['E05015178', 'E05015174'] });
    expect(wards.read('Rother, Brockwell and Hasland')).toEqual({ kind: 'wards', codes: ['E05015178', 'E05015174', 'E05015176'] });
    expect(wards.read('Brampton East and Boythorpe')).toEqual({ kind: 'wards', codes: ['E05015170'] });
    expect(wards.read('Brockwel')).toEqual({ kind: 'wards', codes: ['E05015174'] });
    expect(wards.read('Hasland ward')).toEqual({ kind: 'wards', codes: ['E05015176'] });
    expect(wards.read('Hasland (part); Rother & Brockwell')).toEqual({ kind: 'wards', codes: ['E05015176', 'E05015178', 'E05015174'] });
    expect(wards.read('Staveley')).toEqual({ kind: 'wards', codes: ['E05015181', 'E05015182', 'E05015180'] });
    for (const whole of ['Borough-wide', 'All wards', 'District-wide', 'Chesterfield', 'All']) expect(wards.read(whole)).toEqual({ kind: 'wards', codes: [] });
  });

  test('an unknown ward is reported with the nearest names', () => {
    const r = wards.read('Rother; Narnia');
    expect(r).toEqual({ kind: 'bad', reason: expect.stringMatching(/^unknown ward "Narnia" \(nearest: /) });
  });

  test('a plan reads names in the ward set of its year; the export cell reads back to the same wards', () => {
    const old = wardResolverForPlan(chesterfieldPack, '2020–21');
    expect(old.read('Rother')).toEqual({ kind: 'wards', codes: ['E05003337'] });
    expect(wardCell(old, ['E05015178'])).toBe('Rother (E05015178)');
    expect(old.read('Rother (E05015178)')).toEqual({ kind: 'wards', codes: ['E05015178'] });
    expect(old.read('E05099999').kind).toBe('bad');
  });
});
