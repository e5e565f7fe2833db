import { compileAreas, nearestAreas, resolveAreaForMonth, scanAreas, type AreaScan } from '../../src/ask/areas';
import { categoryIndex } from '../../src/ask/categories';
import { tokenize } from '../../src/ask/normalise';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import type { AreaRef } from '../../src/domain/areas/pack';
import { barePack } from './fixtures';

const bare = compileAreas(barePack);
const known = categoryIndex().words;

function scan(text: string, index = bare): AreaScan {
  const tokens = tokenize(text);
  return scanAreas(tokens, new Array<boolean>(tokens.length).fill(false), index, known, text);
}

/** The one area a text names, by code; fails when it names none or several. */
function one(text: string, index = bare): string {
  const s = scan(text, index);
  expect(s.mentions).toHaveLength(1);
  expect(s.mentions[0].candidates).toHaveLength(1);
  return s.mentions[0].candidates[0].code;
}

describe('area matching on a pack with no aliases', () => {
  it.each([
    ['Rother', 'E05015178'],
    ['rother ward', 'E05015178'],
    ['HASLAND', 'E05015176'],
    ['Spire Ward', 'E05015179'],
    ['Brampton East & Boythorpe', 'E05015170'],
    ['Brampton East and Boythorpe', 'E05015170'],
    ['Boythorpe', 'E05015170'],
    ['Loundsley Green', 'E05015171'],
    ['Brimington Sth', 'E05015173'],
    ['Brimington N', 'E05015172'],
    ['Staveley Ctrl', 'E05015180'],
    ["St Leonard's", 'E05003339'],
    ['St Leonards', 'E05003339'],
    ['Saint Leonards', 'E05003339'],
    ['St Leonard', 'E05003339'],
    ['Inkersall', 'E05003329'],
    ['Hollingwood & Inkersall', 'E05003329'],
    ['Middlecroft and Poolsbrook', 'E05003334'],
    ['Barrow Hill', 'E05003323'],
    ['Staveley', 'group:staveley'],
    ['the borough', 'E07000034'],
    ['Chesterfield', 'E07000034'],
  ])('"%s" is %s', (text, code) => {
    expect(one(text)).toBe(code);
  });

  it('names the 2023 ward where a name is in both sets, by default', () => {
    expect(one('Rother')).toBe('E05015178');
  });

  it('names the older ward when asOfMonth falls in the 2015–2023 set', () => {
    expect(one('Rother', compileAreas(barePack, { asOfMonth: '2020-06' }))).toBe('E05003337');
  });

  it('finds two areas joined by "and" or "vs" when no single name spans them', () => {
    const s = scan('Rother and Hasland vs Spire');
    expect(s.mentions.map((m) => m.candidates[0].code)).toEqual(['E05015178', 'E05015176', 'E05015179']);
  });

  it('a part shared by two wards fits both, so it is reported as ambiguous', () => {
    const s = scan('Brimington');
    expect(s.mentions[0].candidates.map((a) => a.name).sort()).toEqual(['Brimington North', 'Brimington South']);
    expect(scan('Brampton').mentions[0].candidates).toHaveLength(2);
  });

  it('reads misspellings within the allowed edits and marks them as such', () => {
    const s = scan('Rothr');
    expect(s.mentions[0]).toMatchObject({ candidates: [{ code: 'E05015178' }], misspelt: 'rothr' });
    expect(one('Haslnd')).toBe('E05015176');
    expect(one('Middlecroft and Poolsbrok')).toBe('E05003334');
  });

  it('does not take everyday words for misspelt places', () => {
    for (const text of ['rather', 'other', 'best', 'rest', 'mother', 'spice']) expect(scan(text).mentions).toEqual([]);
  });

  it('reports a place outside the district', () => {
    expect(scan('violence in Sheffield').outside).toEqual([{ from: 2, to: 3, name: 'Sheffield' }]);
    expect(scan('crime in North East Derbyshire').outside[0].name).toBe('North East Derbyshire');
  });

  it('recognises extra outside places from the options', () => {
    const index = compileAreas(barePack, { outsidePlaces: ['Narnia'] });
    expect(scan('ASB in Narnia', index).outside[0].name).toBe('Narnia');
  });

  it('reports an unknown place after "in" with the nearest names', () => {
    const s = scan('ASB in Hasslewood');
    expect(s.mentions).toEqual([]);
    expect(s.unknownPlace?.words).toBe('hasslewood');
    expect(s.unknownPlace?.nearest.length).toBe(3);
  });

  it('does not call ordinary words after "in" or "at" unknown places', () => {
    for (const text of ['ASB in the last 6 months', 'ASB in total', 'ASB in general', 'ASB in parks', 'violence at night', 'ASB in the evenings', 'crime in blocks of flats']) {
      expect(scan(text).unknownPlace).toBeUndefined();
    }
  });

  it('takes a capitalised unknown word, a lower-case one close to a name, or any word before "ward" for a place', () => {
    expect(scan('ASB in Narnia').unknownPlace?.words).toBe('narnia');
    expect(scan('ASB in hazzland').unknownPlace?.words).toBe('hazzland');
    expect(scan('ASB in narnia ward').unknownPlace?.words).toBe('narnia');
    expect(scan('ASB in narnia').unknownPlace).toBeUndefined();
  });

  it('spots "my ward"', () => {
    expect(scan('ASB in my ward').ownWard).toEqual({ from: 2, to: 4 });
  });
});

describe('area matching with the Chesterfield pack', () => {
  const pack = compileAreas(chesterfieldPack);

  it('takes every ward of both sets by its own name, with and without "ward", in the months of its set', () => {
    for (const set of chesterfieldPack.wardSets) {
      const index = compileAreas(chesterfieldPack, { asOfMonth: set.from.slice(0, 7) === '2015-05' ? '2020-01' : '2024-01' });
      for (const w of set.wards) {
        for (const text of [w.name, `${w.name} ward`, w.name.toUpperCase(), `${w.name.toLowerCase()} WARD`]) {
          const s = scan(text, index);
          expect(s.mentions).toHaveLength(1);
          expect(s.mentions[0].candidates).toEqual([{ code: w.code, name: w.name, type: 'ward' }]);
        }
      }
    }
  });

  it('takes every group and district alias', () => {
    for (const g of chesterfieldPack.groups) for (const alias of g.aliases) expect(one(alias, pack)).toBe(g.code);
    for (const alias of chesterfieldPack.district.aliases) expect(one(alias, pack)).toBe('E07000034');
  });

  it('nearest names are offered for an unknown place', () => {
    const near = nearestAreas('hollywood', pack, 3).map((a) => a.name);
    expect(near).toContain('Staveley South'); // Hollingwood is one of its aliases
  });
});

describe('resolveAreaForMonth', () => {
  const rother2023: AreaRef = { code: 'E05015178', name: 'Rother', type: 'ward' };

  it('carries a ward to the ward of the same name in the set used for the month', () => {
    expect(resolveAreaForMonth(chesterfieldPack, rother2023, '2020-06')).toEqual({ code: 'E05003337', name: 'Rother', type: 'ward' });
    expect(resolveAreaForMonth(chesterfieldPack, rother2023, '2024-01')).toEqual(rother2023);
  });

  it('gives undefined for a ward with no namesake then', () => {
    expect(resolveAreaForMonth(chesterfieldPack, { code: 'E05015179', name: 'Spire', type: 'ward' }, '2020-06')).toBeUndefined();
  });

  it('leaves groups and the district as they are', () => {
    const group: AreaRef = { code: 'group:staveley', name: 'Staveley', type: 'group' };
    expect(resolveAreaForMonth(chesterfieldPack, group, '2019-01')).toBe(group);
  });
});
