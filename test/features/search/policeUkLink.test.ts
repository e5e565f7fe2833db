import { areaNameForNeighbourhood, neighbourhoodOfLink, slugWords } from '../../../src/features/search/policeUkLink';
import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';

describe('reading a police.uk link', () => {
  test.each([
    ['https://www.police.uk/pu/your-area/derbyshire-constabulary/hasland/', { force: 'derbyshire-constabulary', neighbourhood: 'hasland' }],
    ['https://police.uk/pu/your-area/derbyshire-constabulary/hasland/?tab=CrimeMap', { force: 'derbyshire-constabulary', neighbourhood: 'hasland' }],
    ['https://www.police.uk/pu/your-area/derbyshire-constabulary/Walton/crime/stats/', { force: 'derbyshire-constabulary', neighbourhood: 'walton' }],
  ])('%s is a neighbourhood link', (url, expected) => {
    expect(neighbourhoodOfLink(url)).toEqual(expected);
  });

  test.each([
    'https://www.police.uk.example.org/pu/your-area/derbyshire-constabulary/hasland/',
    'https://api.police.uk/api/derbyshire/neighbourhoods',
    'https://www.police.uk/pu/your-area/derbyshire-constabulary/',
    'javascript:alert(1)',
    'not a url',
  ])('%s is not', (url) => {
    expect(neighbourhoodOfLink(url)).toBeUndefined();
  });
});

describe('placing a neighbourhood in the area pack', () => {
  const place = (neighbourhood: string, force = 'derbyshire-constabulary') => areaNameForNeighbourhood(chesterfieldPack, { force, neighbourhood });

  test('a ward, a ward written with "and" for "&", a named group and an alias are found by their exact name', () => {
    expect(place('hasland')).toBe('Hasland');
    expect(place('brampton-east-and-boythorpe')).toBe('Brampton East & Boythorpe');
    expect(place('staveley')).toBe('Staveley');
    expect(place('town-centre')).toBe('Town centre');
  });

  test('a near miss, another force or the whole district is not placed (never a nearby area)', () => {
    expect(place('haslan')).toBeUndefined();
    expect(place('hasland', 'south-yorkshire-police')).toBeUndefined();
    expect(place('chesterfield-north-east')).toBeUndefined();
  });

  test('slug words fold case, "&" and punctuation', () => {
    expect(slugWords("St. Helen's & Hollingwood")).toBe('st helens and hollingwood');
  });
});
