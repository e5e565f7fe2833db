import { CAVEATS, crimeCaveats, CaveatFacts } from '../../../src/features/crime/caveats';

const facts = (f: Partial<CaveatFacts>): CaveatFacts => ({
  categories: ['burglary'],
  period: { from: '2019-02', to: '2020-01' },
  previousPeriod: { from: '2018-02', to: '2019-01' },
  rose: false,
  sampleData: false,
  suppressed: false,
  suppressionThreshold: 5,
  ...f,
});

describe('crime caveats', () => {
  it('puts sample data first whenever the demo dataset is used', () => {
    expect(crimeCaveats(facts({ sampleData: true }))[0]).toBe('These figures are synthetic sample data for the demo, not real crime figures.');
  });

  it('gives the Covid caveat for ASB, public order and all crime when a period touches March 2020 – March 2021', () => {
    const covid = { period: { from: '2021-03', to: '2022-02' } };
    expect(crimeCaveats(facts({ categories: ['anti-social-behaviour'], ...covid }))).toContain(CAVEATS.covid);
    expect(crimeCaveats(facts({ categories: ['public-order'], ...covid }))).toContain(CAVEATS.covid);
    expect(crimeCaveats(facts({ categories: [null], ...covid }))).toContain(CAVEATS.covid);
    expect(crimeCaveats(facts({ categories: ['burglary'], ...covid }))).not.toContain(CAVEATS.covid);
    expect(crimeCaveats(facts({ categories: ['anti-social-behaviour'], period: { from: '2021-04', to: '2022-03' }, previousPeriod: { from: '2020-04', to: '2021-03' } }))).toContain(CAVEATS.covid);
    expect(crimeCaveats(facts({ categories: ['anti-social-behaviour'], period: { from: '2021-04', to: '2022-03' }, previousPeriod: null }))).not.toContain(CAVEATS.covid);
  });

  it('warns that a rise may be recording only when figures rose', () => {
    expect(crimeCaveats(facts({ rose: true }))).toContain(CAVEATS.recording);
    expect(crimeCaveats(facts({ rose: false }))).not.toContain(CAVEATS.recording);
  });

  it('gives the snapping caveat for police.uk figures and the extract caveat for local ones', () => {
    expect(crimeCaveats(facts({ categories: ['hate-crime'] }))).toEqual([CAVEATS.localExtract]);
    expect(crimeCaveats(facts({ categories: ['hate-crime'], suppressed: true, suppressionThreshold: 10 }))).toEqual([
      CAVEATS.localExtract,
      'To protect privacy, local counts below 10 for a ward in a month are shown as "fewer than 10".',
    ]);
    expect(crimeCaveats(facts({}))).toEqual([CAVEATS.snapping]);
  });
});
