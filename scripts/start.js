// `npm start`. In production it runs the built bot only (dist/), so a server needs no build tools:
// build once with the dev dependencies (`npm ci && npm run build`), then `npm prune --omit=dev`.
// Anywhere else it builds first, then starts the demo with the local Teams client.
// Plain CommonJS on purpose: it must run before anything is compiled.
/* global require, __dirname, process, console */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher, run by plain node */
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = join(__dirname, '..');
const ENTRY = join(ROOT, 'dist', 'start.js');

// NODE_ENV may be set in .env rather than in the environment; the environment wins, as in the bot.
if (existsSync(join(ROOT, '.env'))) require('dotenv').config({ path: join(ROOT, '.env'), quiet: true });
const production = process.env.NODE_ENV === 'production';

if (production) {
  if (!existsSync(ENTRY)) {
    console.error(
      'The bot is not built: dist/start.js is missing.\n' +
        'Build it where the dev dependencies are installed: `npm ci && npm run build`, then optionally\n' +
        '`npm prune --omit=dev`, and start again with NODE_ENV=production (see "Host the bot" in the README).',
    );
    process.exit(1);
  }
  const stale = newestSource(join(ROOT, 'src'));
  if (stale > statSync(ENTRY).mtimeMs) {
    console.error('Warning: src/ has changed since the last build; run `npm run build` so the bot runs the code you have.');
  }
} else {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc');
  } catch {
    console.error('The TypeScript compiler is not installed: run `npm ci` (with the dev dependencies) first.');
    process.exit(1);
  }
  const built = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit', cwd: ROOT });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

require(ENTRY);

/** Latest modification time of the .ts files under dir (0 when there is no src/, as in a release zip). */
function newestSource(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
