import { matchFollowUps } from '../../../src/features/followups/match';
import type { FollowUp } from '../../../src/domain/followups/model';

/** Which open follow-up a person means by a few words: never one that only shares a word like "report". */
const item = (id: string, title: string) => ({ id, title, dueDate: '2021-09-30' }) as FollowUp;
const open = [
  item('FU-1', 'Further progress report on the CSP action plan and performance to the Crime and Disorder Committee'),
  item('FU-2', 'Further information on the rise in reported hate crime'),
];
const found = (about: string) => matchFollowUps(about, open);
/** The best match, when it stands out (as the reminder takes it). */
const meant = (about: string) => {
  const [best, next] = found(about);
  return best && (!next || best.score > next.score) ? best.followUp.id : undefined;
};

describe('the follow-up a person means', () => {
  test.each([
    ['the progress report', 'FU-1'],
    ['the hate crime figures', 'FU-2'],
    ['the hate crime stuff from March', 'FU-2'],
  ])('"%s" is the follow-up whose title says it', (about, id) => expect(meant(about)).toBe(id));

  test.each(['the CCTV report', 'the scams update', 'the knife crime paper'])('"%s" is none of them: only the kind of thing is shared', (about) => {
    expect(found(about)).toEqual([]);
  });
});
