import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';
import { splitParagraphs } from '../../../src/features/minutes/normalise';
import { findWards } from '../../../src/features/minutes/wards';

const wardsIn = (text: string, month: string | null) => findWards(splitParagraphs(text), chesterfieldPack, month).map((w) => [w.code, w.name, w.type]);

describe('wards and places named in minutes', () => {
  it('uses the ward set in force at the meeting: Rother is a different ward before and after May 2023', () => {
    expect(wardsIn('Patrols were increased in Rother.', '2021-03')).toEqual([['E05003337', 'Rother', 'ward']]);
    expect(wardsIn('Patrols were increased in Rother.', '2024-03')).toEqual([['E05015178', 'Rother', 'ward']]);
  });

  it('prefers the longest name and folds "&" and apostrophes', () => {
    expect(wardsIn('Meetings in Middlecroft & Poolsbrook and St Helens wards.', '2021-03')).toEqual([
      ['E05003334', 'Middlecroft and Poolsbrook', 'ward'],
      ['E05003338', "St Helen's", 'ward'],
    ]);
  });

  it('names groups such as Staveley, and lists each place once with every paragraph that names it', () => {
    const found = findWards(splitParagraphs('CCTV in Staveley town centre.\n\nStaveley residents were consulted.'), chesterfieldPack, '2021-03');
    expect(found).toEqual([{ code: 'group:staveley', name: 'Staveley', type: 'group', paragraphs: [1, 2] }]);
  });

  it('does not take a place name that is part of a longer proper name, nor ordinary words', () => {
    expect(wardsIn('The Town Centre Public Space Protection Order continues. Walks to the west of the moor.', '2021-03')).toEqual([]);
    expect(wardsIn('Incidents in West ward rose.', '2021-03')).toEqual([['E05003341', 'West', 'ward']]);
  });
});
