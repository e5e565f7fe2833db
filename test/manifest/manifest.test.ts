import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { EXAMPLE_DEVELOPER, fillManifest } from '../../src/manifest/packageApp';
import { schemaFileFor, TEAMS_LIMITS, validateManifest } from '../../src/manifest/validate';
import { ACCENT, drawColorIcon, drawOutlineIcon } from '../../scripts/make-icons';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../src/teams/messageExtension';
import { POLICE_UK_HOSTS } from '../../src/features/search/policeUkLink';
import { COMMAND_MENU } from '../../src/features/help/help';

const manifestDir = join(__dirname, '../../manifest');
const template = readFileSync(join(manifestDir, 'manifest.json'), 'utf8');
const values = { botId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', botDomain: 'csp-bot.example.org', appVersion: '0.1.0', developer: EXAMPLE_DEVELOPER };

interface Command {
  title: string;
  description?: string;
}
interface CommandList {
  scopes: string[];
  commands: Command[];
}
type Manifest = Record<string, unknown> & {
  manifestVersion: string;
  id: string;
  name: { short: string; full?: string };
  accentColor: string;
  validDomains: string[];
  bots: Array<{ botId: string; scopes: string[]; commandLists: CommandList[] }>;
};

/** A fresh, filled copy of the shipped manifest for each test to change. */
function filledManifest(): Manifest {
  return fillManifest(template, values) as Manifest;
}

function readPng(name: string): PNG {
  return PNG.sync.read(readFileSync(join(manifestDir, name)));
}

describe('the shipped manifest', () => {
  it('passes the official schema of its manifestVersion and the Teams limits once filled in', () => {
    expect(validateManifest(filledManifest())).toEqual([]);
  });

  it('uses manifest schema 1.19 or later, and the schema ships in @microsoft/app-manifest', () => {
    const [major, minor] = filledManifest().manifestVersion.split('.').map(Number);
    expect(major * 1000 + minor).toBeGreaterThanOrEqual(1019);
    expect(schemaFileFor(filledManifest().manifestVersion)).toBeDefined();
  });

  it('uses the newest manifest schema the installed @microsoft/app-manifest ships', () => {
    const teamsSchemas = dirname(dirname(schemaFileFor('1.19') ?? ''));
    const newest = readdirSync(teamsSchemas)
      .filter((d) => /^v\d+\.\d+$/.test(d))
      .map((d) => d.slice(1))
      .sort((a, b) => {
        const [aMajor, aMinor] = a.split('.').map(Number);
        const [bMajor, bMinor] = b.split('.').map(Number);
        return aMajor - bMajor || aMinor - bMinor;
      })
      .pop();
    expect(filledManifest().manifestVersion).toBe(newest);
  });

  it('is refused while its placeholders are not filled in, naming each placeholder', () => {
    const problems = validateManifest(JSON.parse(template));
    expect(problems).toEqual(expect.arrayContaining([
      'id still holds the placeholder ${{BOT_ID}}',
      'bots[0].botId still holds the placeholder ${{BOT_ID}}',
      'validDomains[0] still holds the placeholder ${{BOT_DOMAIN}}',
    ]));
  });

  it('puts the bot id, domain and version where the placeholders were', () => {
    const m = filledManifest();
    expect(m.id).toBe(values.botId);
    expect(m.bots[0].botId).toBe(values.botId);
    expect(m.validDomains).toEqual([values.botDomain]);
    expect(m.version).toBe(values.appVersion);
  });

  it('offers the bot in personal chat, teams and group chats, with Help and Who am I in each', () => {
    const bot = filledManifest().bots[0];
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const scope of ['personal', 'team', 'groupChat']) {
      const titles = bot.commandLists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
      expect(titles).toEqual(expect.arrayContaining(['Help', 'Who am I', 'ASB trend in my ward', 'Show the action plan', 'Overdue actions']));
    }
  });

  it('lets people send files to the bot in personal chat (minutes as .txt or .docx)', () => {
    expect(filledManifest().bots[0]).toMatchObject({ supportsFiles: true });
  });

  it('offers the command menu that help describes, in every scope', () => {
    for (const list of filledManifest().bots[0].commandLists) expect(list.commands).toEqual(COMMAND_MENU);
  });

  it('has a search message extension (one query command with a parameter) answered by the bot', () => {
    const m = filledManifest() as Manifest & { composeExtensions: Array<{ botId: string; commands: Array<Record<string, unknown>>; messageHandlers: unknown[] }> };
    expect(m.composeExtensions).toHaveLength(1);
    const [ext] = m.composeExtensions;
    expect(ext.botId).toBe(values.botId);
    expect(ext.commands).toEqual([
      expect.objectContaining({ id: SEARCH_COMMAND_ID, type: 'query', parameters: [expect.objectContaining({ name: SEARCH_PARAMETER, inputType: 'text' })] }),
    ]);
  });

  it('unfurls police.uk links: the domain is listed under the message handlers', () => {
    const m = filledManifest() as Manifest & { composeExtensions: Array<{ messageHandlers: Array<{ type: string; value: { domains: string[] } }> }> };
    const handlers = m.composeExtensions[0].messageHandlers;
    expect(handlers).toEqual([{ type: 'link', value: { domains: expect.arrayContaining([...POLICE_UK_HOSTS]) } }]);
  });

  it('is refused when the message extension command has no parameter', () => {
    const m = filledManifest() as Manifest & { composeExtensions: Array<{ commands: Array<Record<string, unknown>> }> };
    m.composeExtensions[0].commands[0].parameters = [];
    expect(validateManifest(m).join('\n')).toMatch(/composeExtensions\[0\]\.commands\[0\]\.parameters/);
  });

  it('is named CSP Assistant, in full Community Safety Assistant', () => {
    expect(filledManifest().name).toEqual({ short: 'CSP Assistant', full: 'Community Safety Assistant' });
  });

  it('has the accent colour the colour icon is drawn in', () => {
    const hex = `#${[ACCENT.r, ACCENT.g, ACCENT.b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    expect(filledManifest().accentColor.toLowerCase()).toBe(hex);
  });
});

describe('validateManifest refuses', () => {
  it('a command title over 32 characters, which newer schemas allow but Teams does not show', () => {
    const m = filledManifest();
    m.bots[0].commandLists[0].commands[0].title = 'How has ASB changed in my ward lately';
    const problems = validateManifest(m);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^bots\[0\]\.commandLists\[0\]\.commands\[0\]\.title .* is 37 characters; Teams allows at most 32$/);
  });

  it('a list of 11 commands', () => {
    const m = filledManifest();
    const list = m.bots[0].commandLists[1];
    list.commands = Array.from({ length: 11 }, (_, i) => ({ title: `Question ${i + 1}` }));
    expect(validateManifest(m)).toEqual([`bots[0].commandLists[1].commands has 11 commands; Teams shows at most ${TEAMS_LIMITS.commandsPerList}`]);
  });

  it('a command description over 128 characters', () => {
    const m = filledManifest();
    m.bots[0].commandLists[0].commands[1].description = 'x'.repeat(129);
    expect(validateManifest(m)).toEqual(['bots[0].commandLists[0].commands[1].description is 129 characters; Teams allows at most 128']);
  });

  it('a fourth command list (the official schema allows three)', () => {
    const m = filledManifest();
    const lists = m.bots[0].commandLists;
    lists.push(lists[0], lists[1]);
    expect(validateManifest(m)).toEqual(expect.arrayContaining(['bots[0].commandLists must NOT have more than 3 items']));
  });

  it('a bot id that is not a GUID', () => {
    const m = filledManifest();
    m.bots[0].botId = 'csp-bot';
    expect(validateManifest(m).join('\n')).toMatch(/^bots\[0\]\.botId must match pattern/m);
  });

  it('a developer without a privacy URL', () => {
    const m = filledManifest();
    delete (m.developer as Record<string, unknown>).privacyUrl;
    expect(validateManifest(m)).toEqual(["developer must have required property 'privacyUrl'"]);
  });

  it('a property the schema does not know, naming it', () => {
    const m = { ...filledManifest(), botName: 'CSP' };
    expect(validateManifest(m)).toEqual(['manifest has a property the schema does not allow: "botName"']);
  });

  it('a short name over 30 characters', () => {
    const m = filledManifest();
    m.name.short = 'Community Safety Partnership Bot';
    expect(validateManifest(m)).toEqual(['name.short must NOT have more than 30 characters']);
  });

  it('a valid domain given as a URL', () => {
    const m = filledManifest();
    m.validDomains = ['https://csp-bot.example.org/api/messages'];
    expect(validateManifest(m)).toEqual([
      'validDomains[0] "https://csp-bot.example.org/api/messages" must be a host name only, without scheme, port or path',
    ]);
  });

  it('more than 16 valid domains', () => {
    const m = filledManifest();
    m.validDomains = Array.from({ length: 17 }, (_, i) => `host${i}.example.org`);
    expect(validateManifest(m)).toEqual(['validDomains has 17 entries; Teams allows at most 16']);
  });

  it('a manifest version with no schema shipped, and input that is not a manifest', () => {
    expect(validateManifest({ ...filledManifest(), manifestVersion: '9.99' })).toEqual([
      'manifest.manifestVersion "9.99" has no schema in @microsoft/app-manifest',
    ]);
    expect(validateManifest([])).toEqual(['manifest must be a JSON object']);
    expect(validateManifest({})[0]).toMatch(/manifestVersion is missing/);
  });
});

describe('the icons', () => {
  it('color.png is 192×192 and in full colour', () => {
    const png = readPng('color.png');
    expect([png.width, png.height]).toEqual([192, 192]);
    const colours = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(`${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`);
    expect(colours.has(`${ACCENT.r},${ACCENT.g},${ACCENT.b}`)).toBe(true);
    expect(colours.has('255,255,255')).toBe(true);
  });

  it('outline.png is 32×32, white only, on a transparent background', () => {
    const png = readPng('outline.png');
    expect([png.width, png.height]).toEqual([32, 32]);
    const notWhite: number[] = [];
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) notWhite.push(i / 4);
      if (png.data[i + 3] === 0) transparent += 1;
      if (png.data[i + 3] === 255) opaque += 1;
    }
    expect(notWhite).toEqual([]);
    expect(png.data[3]).toBe(0); // the top-left corner is background
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
    expect(opaque).toBeGreaterThan(0);
  });

  it('are the ones scripts/make-icons.ts draws', () => {
    expect(readPng('color.png').data.equals(drawColorIcon().data)).toBe(true);
    expect(readPng('outline.png').data.equals(drawOutlineIcon().data)).toBe(true);
  });
});
