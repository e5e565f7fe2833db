import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import yauzl from 'yauzl';
import { EXAMPLE_DEVELOPER, fillManifest, PackageError, packageApp, packageValuesFrom, placeholderDeveloperDetails, pngSize } from '../../src/manifest/packageApp';

const manifestDir = join(__dirname, '../../manifest');
const botId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const values = { botId, botDomain: 'csp-bot.example.org', appVersion: '1.2.3', developer: EXAMPLE_DEVELOPER };

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'csp-package-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The entries of a zip, by name. */
function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((done, fail) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return fail(err);
      const entries = new Map<string, Buffer>();
      zip.on('error', fail);
      zip.on('end', () => done(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr) return fail(streamErr);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof PackageError) return e.problems;
    throw e;
  }
  throw new Error('expected a PackageError');
}

describe('packageValuesFrom', () => {
  it('refuses without MicrosoftAppId, saying what it is', () => {
    expect(problemsOf(() => packageValuesFrom({ BOT_DOMAIN: 'csp-bot.example.org' }, '0.1.0'))).toEqual([
      "MicrosoftAppId is not set: it is the bot's app id (a GUID) from its Azure Bot registration",
    ]);
    expect(problemsOf(() => packageValuesFrom({ MicrosoftAppId: '  ', BOT_DOMAIN: 'csp-bot.example.org' }, '0.1.0'))).toHaveLength(1);
  });

  it('refuses a MicrosoftAppId that is not a GUID', () => {
    const problems = problemsOf(() => packageValuesFrom({ MicrosoftAppId: 'csp-bot', BOT_DOMAIN: 'csp-bot.example.org' }, '0.1.0'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^MicrosoftAppId "csp-bot" is not a GUID/);
  });

  it('reports every missing value at once, and the error message lists them', () => {
    let message = '';
    try {
      packageValuesFrom({}, '0.1.0-beta');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/MicrosoftAppId is not set/);
    expect(message).toMatch(/BOT_DOMAIN is not set/);
    expect(message).toMatch(/package.json version "0.1.0-beta" must be major.minor.patch/);
  });

  it('takes the host from a pasted bot URL and refuses a domain with a path or a bare word', () => {
    expect(packageValuesFrom({ MicrosoftAppId: botId.toUpperCase(), BOT_DOMAIN: 'https://CSP-Bot.example.org:443/api/messages' }, '0.1.0')).toEqual({
      botId,
      botDomain: 'csp-bot.example.org',
      appVersion: '0.1.0',
      developer: EXAMPLE_DEVELOPER,
    });
    expect(problemsOf(() => packageValuesFrom({ MicrosoftAppId: botId, BOT_DOMAIN: 'csp-bot.example.org/api' }, '0.1.0'))[0]).toMatch(
      /^BOT_DOMAIN "csp-bot.example.org\/api" is not a host name/,
    );
    expect(problemsOf(() => packageValuesFrom({ MicrosoftAppId: botId, BOT_DOMAIN: 'localhost' }, '0.1.0'))).toHaveLength(1);
  });
});

describe('the developer details shown in Teams', () => {
  const base = { MicrosoftAppId: botId, BOT_DOMAIN: 'csp-bot.testshire.gov.uk' };
  const council = {
    CSP_DEVELOPER_NAME: 'Testshire District Council',
    CSP_WEBSITE_URL: 'https://www.testshire.gov.uk/csp-assistant',
    CSP_PRIVACY_URL: 'https://www.testshire.gov.uk/privacy/csp-assistant',
    CSP_TERMS_URL: 'https://www.testshire.gov.uk/csp-assistant/terms',
  };

  it('come from configuration and land in the packaged manifest', async () => {
    const v = packageValuesFrom({ ...base, ...council, NODE_ENV: 'production' }, '1.2.3');
    expect(v.developer).toEqual({
      name: 'Testshire District Council',
      websiteUrl: 'https://www.testshire.gov.uk/csp-assistant',
      privacyUrl: 'https://www.testshire.gov.uk/privacy/csp-assistant',
      termsOfUseUrl: 'https://www.testshire.gov.uk/csp-assistant/terms',
    });
    expect(placeholderDeveloperDetails(v.developer)).toEqual([]);
    const { manifest } = await packageApp({ manifestDir, outFile: join(work, 'app.zip'), values: v });
    expect(manifest.developer).toEqual(v.developer);
    expect(JSON.stringify(manifest)).not.toContain('example.org/community-safety-assistant');
  });

  it('outside production, fall back to example.org placeholders that are named as such', () => {
    const v = packageValuesFrom({ ...base, CSP_DEVELOPER_NAME: 'Testshire District Council' }, '1.2.3');
    expect(v.developer.websiteUrl).toBe(EXAMPLE_DEVELOPER.websiteUrl);
    expect(placeholderDeveloperDetails(v.developer)).toEqual(['CSP_WEBSITE_URL', 'CSP_PRIVACY_URL', 'CSP_TERMS_URL']);
  });

  it('in production, are refused when unset or example addresses, each by name', () => {
    const problems = problemsOf(() =>
      packageValuesFrom({ ...base, NODE_ENV: 'production', CSP_DEVELOPER_NAME: 'Testshire District Council', CSP_WEBSITE_URL: 'https://www.example.org/bot' }, '1.2.3'),
    );
    expect(problems).toEqual([
      'CSP_WEBSITE_URL "https://www.example.org/bot" is an example address: give your page about the bot, with who to contact',
      expect.stringMatching(/^CSP_PRIVACY_URL is not set: it is your privacy notice covering the bot/),
      expect.stringMatching(/^CSP_TERMS_URL is not set: it is your terms of use of the bot/),
    ]);
  });

  it('must be https addresses and a name Teams can show', () => {
    const problems = problemsOf(() =>
      packageValuesFrom({ ...base, ...council, CSP_PRIVACY_URL: 'http://www.testshire.gov.uk/privacy', CSP_DEVELOPER_NAME: 'Testshire District Council Community Safety' }, '1.2.3'),
    );
    expect(problems).toEqual([
      'CSP_DEVELOPER_NAME must be at most 32 characters (a Teams limit)',
      'CSP_PRIVACY_URL must be an https:// address (Teams shows it in the app details)',
    ]);
  });
});

describe('fillManifest', () => {
  it('fills both ${{NAME}} and {{NAME}} placeholders and leaves unknown ones for validation to report', () => {
    const filled = fillManifest('{"a":"${{BOT_ID}}","b":"{{ BOT_DOMAIN }}","c":"{{APP_VERSION}}","d":"${{OTHER}}"}', values);
    expect(filled).toEqual({ a: botId, b: 'csp-bot.example.org', c: '1.2.3', d: '${{OTHER}}' });
  });
});

describe('pngSize', () => {
  it('reads the size of a PNG and recognises bytes that are not one', () => {
    expect(pngSize(readFileSync(join(manifestDir, 'color.png')))).toEqual({ width: 192, height: 192 });
    expect(pngSize(Buffer.from('not a png at all, just some text'))).toBeUndefined();
  });
});

describe('packageApp', () => {
  it('writes a zip with exactly manifest.json, color.png and outline.png at its root, filled in', async () => {
    const outFile = join(work, 'build', 'appPackage.zip');
    await packageApp({ manifestDir, outFile, values });
    const entries = await readZip(outFile);
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = entries.get('manifest.json')?.toString('utf8') ?? '';
    expect(text).not.toMatch(/\{\{/);
    const manifest = JSON.parse(text) as { id: string; version: string; bots: Array<{ botId: string }>; validDomains: string[] };
    expect(manifest.id).toBe(botId);
    expect(manifest.bots[0].botId).toBe(botId);
    expect(manifest.validDomains).toEqual(['csp-bot.example.org']);
    expect(manifest.version).toBe('1.2.3');
    expect(entries.get('color.png')?.equals(readFileSync(join(manifestDir, 'color.png')))).toBe(true);
    expect(entries.get('outline.png')?.equals(readFileSync(join(manifestDir, 'outline.png')))).toBe(true);
  });

  it('makes the same bytes from the same inputs', async () => {
    await packageApp({ manifestDir, outFile: join(work, 'one.zip'), values });
    await packageApp({ manifestDir, outFile: join(work, 'two.zip'), values });
    expect(readFileSync(join(work, 'one.zip')).equals(readFileSync(join(work, 'two.zip')))).toBe(true);
  });

  it('refuses an outline icon of the wrong size and writes nothing', async () => {
    const dir = join(work, 'manifest');
    const outFile = join(work, 'appPackage.zip');
    mkdirSync(dir);
    copyFileSync(join(manifestDir, 'manifest.json'), join(dir, 'manifest.json'));
    copyFileSync(join(manifestDir, 'color.png'), join(dir, 'color.png'));
    writeFileSync(join(dir, 'outline.png'), PNG.sync.write(new PNG({ width: 48, height: 48 })));
    await expect(packageApp({ manifestDir: dir, outFile, values })).rejects.toMatchObject({
      problems: ['icons.outline: outline.png is 48×48; Teams needs 32×32'],
    });
    expect(existsSync(outFile)).toBe(false);
  });

  it('refuses a manifest that fails validation and writes nothing', async () => {
    const dir = join(work, 'manifest');
    const outFile = join(work, 'appPackage.zip');
    mkdirSync(dir);
    const manifest = JSON.parse(readFileSync(join(manifestDir, 'manifest.json'), 'utf8')) as { bots: Array<{ commandLists: Array<{ commands: Array<{ title: string }> }> }> };
    manifest.bots[0].commandLists[0].commands[0].title = 'A question far too long for the Teams command menu';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await expect(packageApp({ manifestDir: dir, outFile, values })).rejects.toThrow(/commands\[0\]\.title .* Teams allows at most 32/);
    expect(existsSync(outFile)).toBe(false);
  });
});
