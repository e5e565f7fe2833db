import { categoryIndex, matchCategories } from '../../src/ask/categories';
import { tokenize } from '../../src/ask/normalise';
import { LOCAL_MEASURES, POLICE_CATEGORIES } from '../../src/domain/crime/categories';

function slugsIn(text: string): string[] {
  const tokens = tokenize(text);
  return matchCategories(tokens, new Array<boolean>(tokens.length).fill(false)).map((m) => m.category.slug);
}

describe('category words', () => {
  it('knows every police.uk category and local measure by its own name', () => {
    for (const c of [...POLICE_CATEGORIES, ...LOCAL_MEASURES]) expect(slugsIn(c.name)).toEqual([c.slug]);
  });

  it.each([
    ['ASB', 'anti-social-behaviour'],
    ['anti social behaviour', 'anti-social-behaviour'],
    ['anti-social', 'anti-social-behaviour'],
    ['nuisance', 'anti-social-behaviour'],
    ['violence', 'violent-crime'],
    ['assaults', 'violent-crime'],
    ['violent crime', 'violent-crime'],
    ['break-ins', 'burglary'],
    ['break-in', 'burglary'],
    ['burglaries', 'burglary'],
    ['shoplifting', 'shoplifting'],
    ['drug', 'drugs'],
    ['public disorder', 'public-order'],
    ['vandalism', 'criminal-damage-arson'],
    ['arson', 'criminal-damage-arson'],
    ['car crime', 'vehicle-crime'],
    ['theft', 'other-theft'],
    ['robberies', 'robbery'],
    ['knife crime', 'possession-of-weapons'],
    ['weapon', 'possession-of-weapons'],
    ['bike theft', 'bicycle-theft'],
    ['bike thefts', 'bicycle-theft'],
    ['hate crimes', 'hate-crime'],
    ['domestic abuse', 'domestic-abuse'],
    ['DA', 'domestic-abuse'],
    ['violence without injury', 'violence-without-injury'],
    ['violence with injury', 'violence-with-injury'],
    ['stalking', 'stalking-and-harassment'],
    ['harassment', 'stalking-and-harassment'],
  ])('"%s" is %s', (text, slug) => {
    expect(slugsIn(text)).toEqual([slug]);
  });

  it('takes the longest phrase: "bike theft" is bicycle theft, not theft', () => {
    expect(slugsIn('bike theft in Rother')).toEqual(['bicycle-theft']);
    expect(slugsIn('violence without injury')).toEqual(['violence-without-injury']);
  });

  it('finds several categories in order', () => {
    expect(slugsIn('ASB and burglary')).toEqual(['anti-social-behaviour', 'burglary']);
  });

  it('reads a misspelt category word only when nothing matched exactly', () => {
    expect(slugsIn('burglery')).toEqual(['burglary']);
    expect(slugsIn('shopliftng in Rother')).toEqual(['shoplifting']);
    expect(slugsIn('ASB burglery')).toEqual(['anti-social-behaviour']);
  });

  it('does not treat ordinary words as categories', () => {
    expect(slugsIn('I hate Mondays')).toEqual([]);
    expect(slugsIn('show me the figures')).toEqual([]);
  });

  it('does not read a run of everyday words as a misspelt category name', () => {
    // "want social" is two edits from "anti social": read as ASB, it answered a question never asked.
    expect(slugsIn('I want social media figures for Rother')).toEqual([]);
    expect(slugsIn('until social services')).toEqual([]);
    // A real misspelling in the same place is still read.
    expect(slugsIn('anit social behaviour in Rother')).toEqual(['anti-social-behaviour']);
    expect(slugsIn('vehical crime since March')).toEqual(['vehicle-crime']);
  });

  it('builds its index once', () => {
    expect(categoryIndex()).toBe(categoryIndex());
  });
});
