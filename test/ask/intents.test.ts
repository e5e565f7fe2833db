import { GREETING, HELP, ragsOf, statusOf, WHOAMI } from '../../src/ask/intents';

describe('intent words', () => {
  it('lists RAG colours in the order asked, once each, grey for gray', () => {
    expect(ragsOf('amber or red actions')).toEqual(['amber', 'red']);
    expect(ragsOf('red red and gray')).toEqual(['red', 'grey']);
    expect(ragsOf('all actions')).toEqual([]);
  });

  it('reads the statuses of the action workflow', () => {
    expect(statusOf('actions not started')).toBe('not_started');
    expect(statusOf('actions in progress')).toBe('in_progress');
    expect(statusOf('actions on hold')).toBe('on_hold');
    expect(statusOf('carried forward actions')).toBe('carried_forward');
    expect(statusOf('open actions')).toBeUndefined();
  });

  it('tells whoami, help and greetings apart on the folded words', () => {
    expect(WHOAMI.test('whats my role')).toBe(true);
    expect(WHOAMI.test('who am i')).toBe(true);
    expect(HELP.test('what can you do')).toBe(true);
    expect(GREETING.test('good morning')).toBe(true);
    expect(GREETING.test('good morning asb in rother')).toBe(false);
  });
});
