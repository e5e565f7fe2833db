import { personRecorder } from '../../src/main';
import { PersonRepo } from '../../src/store/personRepo';
import { describeEachStore } from '../support/stores';

const at = new Date('2021-08-16T09:00:00Z');
const priya = { aadObjectId: 'a0000002-0000-4000-8000-000000000002', teamsUserId: '29:priya', name: 'Cllr Priya Shah' };

describeEachStore('personRecorder', (get) => {
  test('a person speaking to the bot is recorded with their Teams id, so cards can be refreshed for them', async () => {
    const record = personRecorder(new PersonRepo(get()));
    await record(priya, at);
    expect(await new PersonRepo(get()).teamsUserIds([priya.aadObjectId])).toEqual(['29:priya']);
  });

  test('a person seen again unchanged is not read from the store again; a new name is recorded', async () => {
    const people = new PersonRepo(get());
    let reads = 0;
    const get0 = people.get.bind(people);
    people.get = async (id: string) => {
      reads += 1;
      return get0(id);
    };
    const record = personRecorder(people);
    await record(priya, at);
    await record(priya, at);
    await record(priya, at);
    expect(reads).toBe(1);
    await record({ ...priya, name: 'Priya Shah' }, at);
    expect((await get0(priya.aadObjectId))?.name).toBe('Priya Shah');
  });

  test('someone with no Teams user id (the command line) is not recorded', async () => {
    await personRecorder(new PersonRepo(get()))({ aadObjectId: 'cli', name: 'Shell' }, at);
    expect(await new PersonRepo(get()).get('cli')).toBeUndefined();
  });
});
