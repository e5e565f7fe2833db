import { findFollowUps, followUpIn } from '../../../src/features/minutes/followUps';
import { splitParagraphs } from '../../../src/features/minutes/normalise';
import { findResolutions } from '../../../src/features/minutes/resolutions';

describe('reading a request or promise from one sentence', () => {
  it('reads a request for information, its topic becoming the title', () => {
    expect(followUpIn('More information was requested about the rise in shoplifting in the town.')).toMatchObject({
      kind: 'request',
      title: 'Provide more information on the rise in shoplifting in the town',
    });
  });

  it('reads a passive promise with its audience, leaving the timing out of the title', () => {
    expect(followUpIn('A map of the CCTV cameras would be circulated to all Members before the next meeting.')).toMatchObject({
      kind: 'promise',
      title: 'Circulate a map of the CCTV cameras to Members',
      audience: 'Members',
    });
  });

  it('reads the owner of a passive promise when named after "by"', () => {
    expect(followUpIn('The figures would be provided by the Police Inspector after the meeting.')).toMatchObject({ owner: 'Police Inspector' });
  });

  it('reads an officer agreeing to do something, with the officer as owner', () => {
    expect(followUpIn('The Community Safety Manager agreed to circulate the patrol rota to ward members.')).toMatchObject({
      kind: 'promise',
      owner: 'Community Safety Manager',
      title: 'Circulate the patrol rota to ward members',
    });
  });

  it('reads a resolution asking for a report to a committee', () => {
    expect(followUpIn('That an annual report on the PSPO be presented to the Scrutiny Committee in January 2023.')).toMatchObject({
      title: 'Present an annual report on the PSPO to the Scrutiny Committee',
      audience: 'Scrutiny Committee',
    });
  });

  it('ignores sentences that ask nothing of anyone', () => {
    for (const s of ['That the report be noted.', 'Crime reported in the town fell.', 'It was hoped that the pilot would provide results.', 'Members were welcome to join the walks.', 'Cameras were used to support vulnerable people.']) {
      expect(followUpIn(s)).toBeNull();
    }
  });
});

describe('follow-ups of a document', () => {
  const ps = splitParagraphs(
    'The Head of Community Safety presented the quarterly report.\n\nFurther details were requested on repeat victims. Slides would be sent to Members after the meeting.\n\nRESOLVED –\n\n(1) That the report be noted.\n\n(2) That a further report be submitted to the Committee in March 2023.',
  );
  const fus = findFollowUps(ps, findResolutions(ps), '2022-10-03', 'Head of Community Safety');

  it('finds each follow-up once, keyed by paragraph and sentence, with its source', () => {
    expect(fus.map((f) => f.key)).toEqual(['fu:2:0', 'fu:2:1', 'fu:5:0']);
    expect(fus[1].source).toEqual({ paragraph: 2, text: 'Slides would be sent to Members after the meeting.' });
  });

  it('ties a follow-up to the resolution it comes from', () => {
    expect(fus[2]).toMatchObject({ kind: 'resolution', resolutionNumber: 2, due: '2023-03', precision: 'month' });
  });

  it('gives unowned follow-ups to the presenter, and says that is why', () => {
    expect(fus[0]).toMatchObject({ owner: 'Head of Community Safety', ownerBasis: 'presenter' });
  });
});
