import { chesterfieldPack as pack } from '../../../src/domain/areas/chesterfield';
import { lsoasOfWard, populationOf, resolveAreaName, wardSetFor, wardSetSpans } from '../../../src/domain/areas/resolve';

describe('ward set in force', () => {
  it('uses the 2015 wards for months up to April 2023 and the 2023 wards from May 2023', () => {
    expect(wardSetFor(pack, '2022-06').id).toBe('2015-2023');
    expect(wardSetFor(pack, '2023-04').id).toBe('2015-2023');
    expect(wardSetFor(pack, '2023-05').id).toBe('2023');
    expect(wardSetFor(pack, '2024-01').id).toBe('2023');
  });
  it('splits a period that crosses the change into one stretch per ward set', () => {
    expect(wardSetSpans(pack, '2022-11', '2023-08').map((s) => [s.set.id, s.from, s.to])).toEqual([
      ['2015-2023', '2022-11', '2023-04'],
      ['2023', '2023-05', '2023-08'],
    ]);
  });
});

describe('resolveAreaName', () => {
  const names = (text: string, month?: string) => resolveAreaName(pack, text, month).map((a) => `${a.type}:${a.name}`);
  it('finds wards by their own names however people type them', () => {
    expect(names('St Leonards', '2020-01')).toEqual(["ward:St Leonard's"]);
    expect(names("st. helen's ward", '2020-01')).toEqual(["ward:St Helen's"]);
    expect(names('brampton east and boythorpe')).toEqual(['ward:Brampton East & Boythorpe']);
  });
  it('reads place names as the ward covering them in the ward set in force', () => {
    expect(names('Inkersall', '2020-01')).toEqual(['ward:Hollingwood and Inkersall']);
    expect(names('Inkersall', '2024-01')).toEqual(['ward:Staveley South']);
    expect(names('Barrow Hill', '2019-05')).toEqual(['ward:Barrow Hill and New Whittington']);
  });
  it('finds a ward that no longer exists when nothing current has that name', () => {
    expect(names("St Leonard's")).toEqual(["ward:St Leonard's"]);
  });
  it('finds groups and the district by their aliases', () => {
    expect(names('Staveley')).toEqual(['group:Staveley']);
    expect(names('the town centre')).toEqual(['group:Town centre']);
    expect(names('the borough')).toEqual(['district:Chesterfield']);
    expect(names('CBC')).toEqual(['district:Chesterfield']);
    expect(names('Narnia')).toEqual([]);
  });
});

describe('populations', () => {
  it('a ward has the residents of its best-fit LSOAs; the district all 69', () => {
    const rother2023 = lsoasOfWard(pack.wardSets[1], 'E05015178');
    expect(rother2023).toContain('E01019548'); // 012D, 53 % in Rother
    const sum = pack.lsoas.filter((l) => rother2023.includes(l.code)).reduce((s, l) => s + l.population, 0);
    expect(populationOf(pack, { code: 'E05015178', name: 'Rother', type: 'ward' })).toBe(sum);
    expect(populationOf(pack, { code: 'E07000034', name: 'Chesterfield', type: 'district' })).toBe(pack.lsoas.reduce((s, l) => s + l.population, 0));
  });
});
