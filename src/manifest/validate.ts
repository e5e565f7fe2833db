import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction, ErrorObject } from 'ajv';

/**
 * Limits the Teams client enforces on a bot's commands and domains. Newer manifest schemas
 * allow more (12 commands, 128-character titles, 100 domains), but the client still shows at
 * most these, so a manifest is held to them whatever its schema version.
 */
export const TEAMS_LIMITS = {
  commandLists: 3,
  commandsPerList: 10,
  commandTitleLength: 32,
  commandDescriptionLength: 128,
  validDomains: 16,
} as const;

/**
 * The official manifest schema of a version, as shipped in @microsoft/app-manifest; undefined
 * when none ships. Throws when the package itself is not installed.
 */
export function schemaFileFor(manifestVersion: string): string | undefined {
  if (!/^\d+\.\d+$|^devPreview$/.test(manifestVersion)) return undefined;
  // A devDependency: only developer actions (tests, `npm run package`) validate manifests,
  // so a production install without it never reaches this.
  let packageRoot: string;
  try {
    packageRoot = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  } catch {
    throw new Error('@microsoft/app-manifest is not installed: run `npm install` (with dev dependencies) to validate the manifest');
  }
  const file = join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifestVersion === 'devPreview' ? 'DevPreview' : manifestVersion}`, 'MicrosoftTeams.schema.json');
  return existsSync(file) ? file : undefined;
}

// Compiling a manifest schema takes a few hundred milliseconds; each file compiles once.
const compiledSchemas = new Map<string, ValidateFunction>();

function compiledSchema(file: string): ValidateFunction {
  let validate = compiledSchemas.get(file);
  if (!validate) {
    // The manifest schemas are draft-04 and written loosely (e.g. additionalProperties without
    // type); strict mode would reject Microsoft's own schema, not our manifest.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    compiledSchemas.set(file, validate);
  }
  return validate;
}

/** "/bots/0/commandLists/1/commands/3/title" → "bots[0].commandLists[1].commands[3].title" */
function readablePath(pointer: string): string {
  if (pointer === '') return 'manifest';
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
}

function describeSchemaError(e: ErrorObject): string {
  const where = readablePath(e.instancePath);
  if (e.keyword === 'additionalProperties') return `${where} has a property the schema does not allow: "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${where} ${e.message ?? 'is not allowed'}: ${JSON.stringify(e.params.allowedValues)}`;
  return `${where} ${e.message ?? `fails ${e.keyword}`}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function teamsLimitProblems(manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  bots.forEach((bot, b) => {
    if (!isRecord(bot) || !Array.isArray(bot.commandLists)) return;
    if (bot.commandLists.length > TEAMS_LIMITS.commandLists) {
      problems.push(`bots[${b}].commandLists has ${bot.commandLists.length} lists; Teams allows at most ${TEAMS_LIMITS.commandLists}`);
    }
    bot.commandLists.forEach((list, l) => {
      if (!isRecord(list) || !Array.isArray(list.commands)) return;
      const where = `bots[${b}].commandLists[${l}]`;
      if (list.commands.length > TEAMS_LIMITS.commandsPerList) {
        problems.push(`${where}.commands has ${list.commands.length} commands; Teams shows at most ${TEAMS_LIMITS.commandsPerList}`);
      }
      list.commands.forEach((command, c) => {
        if (!isRecord(command)) return;
        if (typeof command.title === 'string' && command.title.length > TEAMS_LIMITS.commandTitleLength) {
          problems.push(`${where}.commands[${c}].title "${command.title}" is ${command.title.length} characters; Teams allows at most ${TEAMS_LIMITS.commandTitleLength}`);
        }
        if (typeof command.description === 'string' && command.description.length > TEAMS_LIMITS.commandDescriptionLength) {
          problems.push(`${where}.commands[${c}].description is ${command.description.length} characters; Teams allows at most ${TEAMS_LIMITS.commandDescriptionLength}`);
        }
      });
    });
  });
  if (Array.isArray(manifest.validDomains)) {
    if (manifest.validDomains.length > TEAMS_LIMITS.validDomains) {
      problems.push(`validDomains has ${manifest.validDomains.length} entries; Teams allows at most ${TEAMS_LIMITS.validDomains}`);
    }
    manifest.validDomains.forEach((domain, d) => {
      if (typeof domain === 'string' && /[/:]/.test(domain)) {
        problems.push(`validDomains[${d}] "${domain}" must be a host name only, without scheme, port or path`);
      }
    });
  }
  return problems;
}

/** Strings still holding a `{{NAME}}` or `${{NAME}}` placeholder: the package was not filled in. */
function placeholderProblems(value: unknown, pointer = ''): string[] {
  if (typeof value === 'string') {
    const found = value.match(/\$?\{\{[^}]*\}\}/);
    return found ? [`${readablePath(pointer)} still holds the placeholder ${found[0]}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => placeholderProblems(item, `${pointer}/${i}`));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => placeholderProblems(v, `${pointer}/${k}`));
  return [];
}

/**
 * Checks a Teams app manifest offline against the official JSON schema of its `manifestVersion`
 * and the limits of the Teams client. Returns one readable line per problem; empty means valid.
 */
export function validateManifest(json: unknown): string[] {
  if (!isRecord(json)) return ['manifest must be a JSON object'];
  const version = json.manifestVersion;
  if (typeof version !== 'string') return ['manifest.manifestVersion is missing: it names the schema to check against, e.g. "1.30"'];
  let schemaFile: string | undefined;
  try {
    schemaFile = schemaFileFor(version);
  } catch (e) {
    return [(e as Error).message];
  }
  if (!schemaFile) return [`manifest.manifestVersion "${version}" has no schema in @microsoft/app-manifest`];
  const validate = compiledSchema(schemaFile);
  const schemaProblems = validate(json) ? [] : (validate.errors ?? []).map(describeSchemaError);
  return [...new Set([...placeholderProblems(json), ...schemaProblems, ...teamsLimitProblems(json)])];
}
