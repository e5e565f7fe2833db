import { COMMAND_MENU, helpAnswer, helpContent, ROLE_EXAMPLES } from '../../../src/features/help/help';
import { helpCoverage } from '../../../src/features/help/coverage';
import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';

const figures = (range: { earliest: string; latest: string } | null, sample = true) => ({
  dataRange: async () => range,
  isSampleData: async () => sample,
});

describe('help', () => {
  it('names the wards the bot knows (those the latest figures use) and the months its figures cover', async () => {
    const coverage = await helpCoverage(chesterfieldPack, figures({ earliest: '2018-02', latest: '2021-01' }));
    expect(coverage.wards).toHaveLength(19);
    expect(coverage.wards.map((w) => w.name)).toContain('Hollingwood and Inkersall');
    const answer = helpAnswer('Chesterfield', 'member', undefined, coverage);
    expect(answer.text).toMatch(/The 19 wards of Chesterfield I know: Barrow Hill and New Whittington, Brimington North, .*, West\./);
    expect(answer.text).toMatch(/My crime figures cover Feb 2018 – Jan 2021 \(sample data for the demo, not real figures\)\./);
    const card = helpContent('Chesterfield', 'member', answer);
    expect(card.wards).toMatch(/^The 19 wards of Chesterfield I know: /);
    expect(card.dataMonths).toBe('My crime figures cover Feb 2018 – Jan 2021 (sample data for the demo, not real figures).');
  });

  it('after the 2023 boundary review, names the new wards; with nothing loaded, says so', async () => {
    const later = await helpCoverage(chesterfieldPack, figures({ earliest: '2023-06', latest: '2024-05' }, false));
    expect(later.wards.map((w) => w.name)).toContain('Brampton East & Boythorpe');
    expect(helpAnswer('Chesterfield', 'member', undefined, later).text).toMatch(/My crime figures cover Jun 2023 – May 2024\.$/);
    const none = await helpCoverage(chesterfieldPack, figures(null));
    expect(helpContent('Chesterfield', 'member', helpAnswer('Chesterfield', 'member', undefined, none)).dataMonths).toBe('No crime figures are loaded yet.');
  });

  it('gives examples for every role, the asker’s own first', () => {
    const forMember = helpContent('Chesterfield', 'member').roles.map((r) => r.name);
    expect(forMember).toEqual(['Councillors and members', 'Partnership officers', 'Coordinators']);
    const forCoordinator = helpContent('Chesterfield', 'coordinator').roles.map((r) => r.name);
    expect(forCoordinator[0]).toBe('Coordinators');
    expect(helpContent('Chesterfield', 'officer').roles[0].detail).toMatch(/"Show the action plan"/);
  });

  it('keeps the lead of an answer ("You sent an empty message.") on the card', () => {
    const answer = helpAnswer('Chesterfield', 'member', 'You sent an empty message.');
    expect(helpContent('Chesterfield', 'member', answer).intro).toMatch(/^You sent an empty message\. Ask me about crime/);
  });

  it('describes every command of the Teams command menu among its examples', () => {
    const examples = new Set(ROLE_EXAMPLES.flatMap((r) => r.examples));
    for (const c of COMMAND_MENU.filter((m) => !['Help', 'Who am I'].includes(m.title))) expect(examples).toContain(c.title);
  });
});
