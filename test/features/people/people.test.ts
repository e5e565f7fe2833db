import { matchPeople, peopleSearch, searchPeople } from '../../../src/features/people/people';
import { PersonRepo } from '../../../src/store/personRepo';
import { describeEachStore } from '../../support/stores';
import { ctxOf, demoDeps } from '../../support/actionsApp';

const people = [
  { aadObjectId: 'a1', name: 'Jo Whitfield' },
  { aadObjectId: 'a2', name: 'Joanne Price' },
  { aadObjectId: 'a3', name: 'Insp Dan Hughes' },
  { aadObjectId: 'a4', name: 'Zoë Jones' },
];

describe('matching people by what is typed', () => {
  test('every word typed starts a word of the name; names starting with the text come first', () => {
    expect(matchPeople(people, 'jo').map((p) => p.name)).toEqual(['Jo Whitfield', 'Joanne Price', 'Zoë Jones']);
    expect(matchPeople(people, 'jo whit').map((p) => p.name)).toEqual(['Jo Whitfield']);
    expect(matchPeople(people, 'hughes').map((p) => p.name)).toEqual(['Insp Dan Hughes']);
    expect(matchPeople(people, 'zoe').map((p) => p.name)).toEqual(['Zoë Jones']);
    expect(matchPeople(people, 'nobody')).toEqual([]);
  });

  test('pages with skip and top', () => {
    expect(matchPeople(people, 'jo', { top: 1, skip: 1 }).map((p) => p.name)).toEqual(['Joanne Price']);
  });
});

describeEachStore('the people picker search', (get) => {
  test('finds people who talked to the bot, people with a role and the plan\'s leads', async () => {
    const deps = await demoDeps(get());
    await new PersonRepo(deps.store).remember({ aadObjectId: 'aad-new', teamsUserId: '29:new', name: 'Nadia Newcomer' }, deps.clock.now());
    expect(await searchPeople(deps, 'nad')).toEqual([{ title: 'Nadia Newcomer', value: 'aad-new' }]);
    expect((await searchPeople(deps, 'hughes')).map((r) => r.title)).toEqual(['Insp Dan Hughes']);
  });

  test('answers coordinators; members get nothing; another dataset is not ours', async () => {
    const deps = await demoDeps(get());
    const search = peopleSearch(deps);
    expect((await search('csp.people', 'jo', { skip: 0, top: 15 }, ctxOf('Alex Morgan'))) ?? []).toContainEqual({ title: 'Jo Whitfield', value: expect.any(String) });
    expect(await search('csp.people', 'jo', { skip: 0, top: 15 }, ctxOf('Priya'))).toEqual([]);
    expect(await search('npm.packages', 'jo', { skip: 0, top: 15 }, ctxOf('Alex Morgan'))).toBeUndefined();
  });
});
