/**
 * `npm run package`: fills manifest/manifest.json with this deployment's bot id, domain and
 * version, checks it against the official schema, and writes build/appPackage.zip for upload
 * to Teams. A developer action: it validates with @microsoft/app-manifest, a devDependency.
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { ZipFile } from 'yazl';
import { validateManifest } from './validate';
import { ConfigError, loadManifestLinks } from '../core/config';

/** Thrown when the package cannot be made; each problem names what to fix. */
export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package was not made:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

/** The values substituted for the manifest's placeholders. */
export interface PackageValues {
  /** MicrosoftAppId: the Azure Bot registration's app id; also the Teams app id. */
  botId: string;
  /** Host name the bot is served from, e.g. csp-bot.example.org. */
  botDomain: string;
  /** package.json's version; Teams needs a higher one for each update of an uploaded app. */
  appVersion: string;
  /** Who runs the bot and their pages, from CSP_DEVELOPER_NAME, CSP_WEBSITE_URL, CSP_PRIVACY_URL, CSP_TERMS_URL. */
  developer: Developer;
}

export interface Developer {
  name: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
}

/** What the manifest says when the developer details are not configured: fine to try, never to publish. */
export const EXAMPLE_DEVELOPER: Developer = {
  name: 'CSP Assistant contributors',
  websiteUrl: 'https://www.example.org/community-safety-assistant',
  privacyUrl: 'https://www.example.org/community-safety-assistant/privacy',
  termsOfUseUrl: 'https://www.example.org/community-safety-assistant/terms',
};

/** The configuration variable behind each developer detail, and what it is for. */
const DEVELOPER_VARIABLES: Array<[keyof Developer, 'CSP_DEVELOPER_NAME' | 'CSP_WEBSITE_URL' | 'CSP_PRIVACY_URL' | 'CSP_TERMS_URL', string]> = [
  ['name', 'CSP_DEVELOPER_NAME', 'the council or supplier that runs the bot'],
  ['websiteUrl', 'CSP_WEBSITE_URL', 'your page about the bot, with who to contact'],
  ['privacyUrl', 'CSP_PRIVACY_URL', 'your privacy notice covering the bot'],
  ['termsOfUseUrl', 'CSP_TERMS_URL', 'your terms of use of the bot'],
];

/** A placeholder address (example.org, .com or .net), never to be published. */
function isExampleUrl(url: string): boolean {
  try {
    return /(^|\.)example\.(org|com|net)$/i.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The variables left unset (or set to example addresses): the package then shows placeholders. */
export function placeholderDeveloperDetails(developer: Developer): string[] {
  return DEVELOPER_VARIABLES.filter(([key]) => developer[key] === EXAMPLE_DEVELOPER[key] || (key !== 'name' && isExampleUrl(developer[key]))).map(([, name]) => name);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;
// A fixed time stamp on every entry: the same inputs give a byte-identical package.
const ENTRY_TIME = new Date(Date.UTC(2020, 0, 1));

/** Reads and checks the package values; every problem is reported at once, naming the variable. */
export function packageValuesFrom(env: Record<string, string | undefined>, appVersion: string): PackageValues {
  const problems: string[] = [];
  const botId = (env.MicrosoftAppId ?? '').trim();
  if (botId === '') {
    problems.push("MicrosoftAppId is not set: it is the bot's app id (a GUID) from its Azure Bot registration");
  } else if (!GUID.test(botId)) {
    problems.push(`MicrosoftAppId "${botId}" is not a GUID: use the app id of the Azure Bot registration, such as 00000000-0000-0000-0000-000000000000`);
  }
  let botDomain = (env.BOT_DOMAIN ?? '').trim();
  if (/^https?:\/\//i.test(botDomain)) {
    // People paste the bot's URL; the manifest wants its host only.
    try {
      botDomain = new URL(botDomain).hostname;
    } catch {
      // left as given; the host check below reports it
    }
  }
  if (botDomain === '') {
    problems.push('BOT_DOMAIN is not set: it is the host name the bot is served from, such as csp-bot.example.org');
  } else if (!HOST.test(botDomain)) {
    problems.push(`BOT_DOMAIN "${botDomain}" is not a host name: give it without scheme, port or path, such as csp-bot.example.org`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(appVersion)) {
    problems.push(`package.json version "${appVersion}" must be major.minor.patch (Teams does not accept pre-release versions)`);
  }
  const developer = developerFrom(env, problems);
  if (problems.length > 0) throw new PackageError(problems);
  return { botId: botId.toLowerCase(), botDomain: botDomain.toLowerCase(), appVersion, developer };
}

/** The developer details from configuration; in production each must be set, and not to example.org. */
function developerFrom(env: Record<string, string | undefined>, problems: string[]): Developer {
  let links: ReturnType<typeof loadManifestLinks> = {};
  try {
    links = loadManifestLinks(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems);
  }
  const developer = { ...EXAMPLE_DEVELOPER };
  for (const [key, name] of DEVELOPER_VARIABLES) developer[key] = links[name] ?? EXAMPLE_DEVELOPER[key];
  if (env.NODE_ENV === 'production') {
    for (const [key, name, meaning] of DEVELOPER_VARIABLES) {
      if (links[name] === undefined) problems.push(`${name} is not set: it is ${meaning}, shown in the app's details in Teams (in production a placeholder is refused)`);
      else if (key !== 'name' && isExampleUrl(developer[key])) problems.push(`${name} "${developer[key]}" is an example address: give ${meaning}`);
    }
  }
  return developer;
}

/** Substitutes `${{NAME}}` and `{{NAME}}` placeholders; unknown ones are left for validation to report. */
export function fillManifest(template: string, values: PackageValues): unknown {
  const byName: Record<string, string> = {
    BOT_ID: values.botId,
    BOT_DOMAIN: values.botDomain,
    APP_VERSION: values.appVersion,
    DEVELOPER_NAME: values.developer.name,
    WEBSITE_URL: values.developer.websiteUrl,
    PRIVACY_URL: values.developer.privacyUrl,
    TERMS_URL: values.developer.termsOfUseUrl,
  };
  const filled = template.replace(/\$?\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (placeholder, name: string) => {
    const value = byName[name];
    // The values are checked GUIDs, host names, versions and addresses, but escape anyway: they land inside JSON strings.
    return value === undefined ? placeholder : JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(filled) as unknown;
}

/** Width and height from a PNG's IHDR chunk; undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function readIcon(manifestDir: string, fileName: unknown, role: string, size: number, problems: string[]): Buffer | undefined {
  if (typeof fileName !== 'string' || fileName === '' || /[/\\]/.test(fileName)) {
    problems.push(`icons.${role} must name a PNG file next to manifest.json`);
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(manifestDir, fileName));
  } catch {
    problems.push(`icons.${role}: ${fileName} is missing from ${manifestDir}`);
    return undefined;
  }
  const found = pngSize(bytes);
  if (!found) problems.push(`icons.${role}: ${fileName} is not a PNG`);
  else if (found.width !== size || found.height !== size) {
    problems.push(`icons.${role}: ${fileName} is ${found.width}×${found.height}; Teams needs ${size}×${size}`);
  }
  return bytes;
}

function writeZip(outFile: string, entries: Array<[string, Buffer]>): Promise<void> {
  mkdirSync(dirname(outFile), { recursive: true });
  return new Promise((done, fail) => {
    const zip = new ZipFile();
    const out = createWriteStream(outFile);
    out.on('close', () => done());
    out.on('error', fail);
    zip.outputStream.on('error', fail);
    zip.outputStream.pipe(out);
    for (const [name, bytes] of entries) zip.addBuffer(bytes, name, { mtime: ENTRY_TIME });
    zip.end();
  });
}

export interface PackageOptions {
  /** The folder holding manifest.json and its icons. */
  manifestDir: string;
  /** Where the zip goes, e.g. build/appPackage.zip. */
  outFile: string;
  values: PackageValues;
}

/**
 * Writes the app package: the filled manifest.json and its two icons at the zip's root.
 * Refuses (PackageError) when the filled manifest is not valid or an icon has the wrong size.
 */
export async function packageApp(options: PackageOptions): Promise<{ outFile: string; manifest: Record<string, unknown> }> {
  const manifest = fillManifest(readFileSync(join(options.manifestDir, 'manifest.json'), 'utf8'), options.values);
  const problems = validateManifest(manifest);
  if (problems.length > 0) throw new PackageError(problems);
  const filled = manifest as Record<string, unknown> & { icons: { color: string; outline: string } };
  const iconProblems: string[] = [];
  const color = readIcon(options.manifestDir, filled.icons.color, 'color', 192, iconProblems);
  const outline = readIcon(options.manifestDir, filled.icons.outline, 'outline', 32, iconProblems);
  if (iconProblems.length > 0 || !color || !outline) throw new PackageError(iconProblems);
  await writeZip(options.outFile, [
    ['manifest.json', Buffer.from(`${JSON.stringify(filled, null, 2)}\n`, 'utf8')],
    [filled.icons.color, color],
    [filled.icons.outline, outline],
  ]);
  return { outFile: options.outFile, manifest: filled };
}

async function main(): Promise<void> {
  // dist/manifest/packageApp.js → the repository root
  const root = resolve(__dirname, '..', '..');
  loadDotenv({ path: join(root, '.env'), quiet: true });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const values = packageValuesFrom(process.env, version);
  const { outFile } = await packageApp({ manifestDir: join(root, 'manifest'), outFile: join(root, 'build', 'appPackage.zip'), values });
  console.log(`Wrote ${outFile}\n  bot ${values.botId}, domain ${values.botDomain}, version ${values.appVersion}, developer ${values.developer.name}`);
  const placeholders = placeholderDeveloperDetails(values.developer);
  if (placeholders.length > 0) {
    console.warn(`Note: ${placeholders.join(', ')} not set: the app's details in Teams show example.org placeholders. Set them before publishing (NODE_ENV=production refuses them).`);
  }
  console.log('Upload it in Teams: Apps → Manage your apps → Upload an app (or through the Teams admin centre).');
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  });
}
