import { leadAgencyMatches } from '../../src/ask/agencies';

describe('leadAgencyMatches', () => {
  it('takes "police" to mean the constabulary', () => {
    expect(leadAgencyMatches('police', 'Derbyshire Constabulary')).toBe(true);
    expect(leadAgencyMatches('the police', 'Derbyshire Constabulary')).toBe(true);
    expect(leadAgencyMatches('police', 'Chesterfield Borough Council')).toBe(false);
  });

  it('tells the borough and county councils apart but "council" fits both', () => {
    expect(leadAgencyMatches('cbc', 'Chesterfield Borough Council')).toBe(true);
    expect(leadAgencyMatches('county council', 'Chesterfield Borough Council')).toBe(false);
    expect(leadAgencyMatches('council', 'Derbyshire County Council')).toBe(true);
  });

  it('matches part of the name as typed, whatever the case', () => {
    expect(leadAgencyMatches('rural action', 'Rural Action Derbyshire')).toBe(true);
    expect(leadAgencyMatches('', 'Rural Action Derbyshire')).toBe(false);
  });
});
