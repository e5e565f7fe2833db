import { ConfigError, loadConfig } from '../../src/core/config';

describe('loadConfig', () => {
  test('with nothing set, the bot runs locally on port 3978 with a SQLite file and Chesterfield', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3978);
    expect(c.DATABASE_URL).toBe('sqlite:./data/csp.sqlite');
    expect(c.CSP_AREA).toBe('E07000034');
    expect(c.CSP_ADMINS).toEqual([]);
    expect(c.CSP_CLOCK).toBeUndefined();
    expect(c.CSP_CONTEXT_MINUTES).toBe(30);
  });

  test.each([
    ['PORT', 'eighty', 'PORT'],
    ['PORT', '70000', 'PORT'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL'],
    ['CSP_CLOCK', 'next tuesday', 'CSP_CLOCK'],
    ['CSP_ADMINS', 'not-a-guid', 'CSP_ADMINS'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL'],
    ['MicrosoftAppType', 'Whatever', 'MicrosoftAppType'],
    ['CSP_AREA', 'Chesterfield', 'CSP_AREA'],
    ['CSP_PRIVACY_URL', 'www.testshire.gov.uk/privacy', 'CSP_PRIVACY_URL'],
    ['CSP_WEBSITE_URL', 'http://www.testshire.gov.uk/bot', 'CSP_WEBSITE_URL'],
    ['CSP_CONTEXT_MINUTES', 'half an hour', 'CSP_CONTEXT_MINUTES'],
    ['CSP_CONTEXT_MINUTES', '0', 'CSP_CONTEXT_MINUTES'],
  ])('a bad %s (%s) stops start-up with a message naming the variable', (name, value, named) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      expect((e as ConfigError).message).toContain(named);
    }
  });

  test('an app id without a password is refused, naming MicrosoftAppPassword', () => {
    expect(() => loadConfig({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555' })).toThrow(/MicrosoftAppPassword/);
  });

  test('a single-tenant bot needs its tenant id', () => {
    expect(() =>
      loadConfig({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }),
    ).toThrow(/MicrosoftAppTenantId/);
  });

  test('admins are read as a list of AAD object ids', () => {
    const c = loadConfig({ CSP_ADMINS: 'a0000001-0000-4000-8000-000000000001, a0000005-0000-4000-8000-000000000005' });
    expect(c.CSP_ADMINS).toEqual(['a0000001-0000-4000-8000-000000000001', 'a0000005-0000-4000-8000-000000000005']);
  });

  test('an empty optional value counts as not set', () => {
    expect(loadConfig({ MicrosoftAppId: '', CSP_CLOCK: '' }).MicrosoftAppId).toBeUndefined();
  });
});
