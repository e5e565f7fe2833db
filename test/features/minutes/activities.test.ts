import { activityTitle, findActivities, significantWords, titleCoverage } from '../../../src/features/minutes/activities';
import { splitParagraphs } from '../../../src/features/minutes/normalise';

const minutes = [
  'The update covered these parts of the action plan:',
  '• Launching a knife amnesty with the Police in the spring;',
  '• Extending the Neighbourhood Watch scheme to two more estates and recruiting volunteer coordinators;',
  '• Developing a youth diversion programme.',
  '',
  'Arising from questions the following points were raised:',
  '• Members asked about the knife amnesty bins.',
  '',
  'The Neighbourhood Watch coordinators had met monthly.',
].join('\n');

const actions = [
  { id: 'A-1', title: 'Run a knife amnesty with Police' },
  { id: 'A-2', title: 'Extend Neighbourhood Watch to more estates' },
  { id: 'A-3', title: 'Recruit volunteer Neighbourhood Watch coordinators' },
  { id: 'A-4', title: 'Install street lighting on the canal path' },
];

describe('activities named in minutes', () => {
  const found = findActivities(splitParagraphs(minutes), actions);
  const listed = found.filter((a) => a.mention === 'listed');

  it('takes one activity per bullet of a list introduced as the action plan, not from other lists', () => {
    expect(listed.map((a) => a.source.paragraph)).toEqual([2, 3, 4]);
  });

  it('matches bullets to existing actions by shared words, a bullet naming two actions getting both', () => {
    expect(listed.map((a) => a.matchedActionIds)).toEqual([['A-1'], ['A-2', 'A-3'], []]);
    expect(listed[2].matchedActionId).toBeNull();
  });

  it('never links the same action twice, nor an action to a paragraph that does not name it', () => {
    const all = found.flatMap((a) => a.matchedActionIds);
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('A-4');
  });

  it('turns "-ing" openings into the plan\'s imperative titles', () => {
    expect(listed.map((a) => a.title)).toEqual([
      'Launch a knife amnesty with the Police in the spring',
      'Extending the Neighbourhood Watch scheme to two more estates and recruiting volunteer coordinators',
      'Develop a youth diversion programme',
    ]);
    expect(activityTitle('Supporting the scheme; and')).toBe('Support the scheme');
  });
});

describe('word matching', () => {
  it('meets words in their different forms (promote / promoting, cams / cam, buddies / buddy)', () => {
    expect(significantWords('Promoting guard cams and Cyber Buddies')).toEqual(significantWords('promote the guard cam with cyber buddy'));
  });

  it('scores the share of the action title found in the text', () => {
    expect(titleCoverage('Extend Neighbourhood Watch', new Set(significantWords('The Neighbourhood Watch scheme')))).toEqual({ score: 2 / 3, hits: 2 });
  });
});
