import { compileTitles, matchTitles, pickTitle } from '../../src/ask/titles';
import { planTitles } from './fixtures';

const index = compileTitles(planTitles);

describe('action title matching', () => {
  it('picks the one title a distinctive word names', () => {
    expect(pickTitle('Operation Blofeld', index).title).toBe(planTitles[0]);
    expect(pickTitle('guard cams', index).title).toBe('Provide guard cams to vulnerable residents');
    expect(pickTitle('the PSPO', index).title).toBe('Enforce the Town Centre Public Space Protection Order (PSPO)');
  });

  it('knows the acronyms of capitalised names in titles', () => {
    const plan = compileTitles(['Maintain the Town Centre Public Space Protection Order', 'Support the Derbyshire Business Crime Reduction Partnership']);
    expect(pickTitle('PSPO', plan).title).toBe('Maintain the Town Centre Public Space Protection Order');
    expect(pickTitle('the BCRP', plan).title).toBe('Support the Derbyshire Business Crime Reduction Partnership');
  });

  it('forgives a one-letter slip in a long word', () => {
    expect(pickTitle('Great Outdors', index).title).toBe('Run the Great Outdoors programme');
  });

  it('returns the contenders when two titles fit about as well', () => {
    const picked = pickTitle('hate crime', index);
    expect(picked.title).toBeUndefined();
    expect(picked.contenders.sort()).toEqual(['Adopt the county Hate Crime Strategy', 'Hold Hate Crime Awareness Week']);
  });

  it('finds nothing for words no title has, or with no titles at all', () => {
    expect(matchTitles('weather forecast', index)).toEqual([]);
    expect(pickTitle('Operation Blofeld', compileTitles([])).contenders).toEqual([]);
  });
});
