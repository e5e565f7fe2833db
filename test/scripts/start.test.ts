import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LAUNCHER = join(__dirname, '../../scripts/start.js');

/** Runs scripts/start.js from a folder of its own (no dist/ unless written), as `npm start` would. */
function launch(root: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'start.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('npm start (scripts/start.js)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'csp-start-'));
    mkdirSync(join(root, 'scripts'));
    copyFileSync(LAUNCHER, join(root, 'scripts', 'start.js'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('in production, without a build, says how to build and stops (it never looks for the compiler)', () => {
    const r = launch(root, { NODE_ENV: 'production' });
    expect(r.status).toBe(1);
    expect(r.out).toContain('The bot is not built');
    expect(r.out).toContain('npm run build');
    expect(r.out).not.toMatch(/tsc|TypeScript compiler/);
  });

  it('in production, runs the built entry point without compiling anything', () => {
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'start.js'), 'console.log("built bot ran");\n');
    const r = launch(root, { NODE_ENV: 'production' });
    expect(r.status).toBe(0);
    expect(r.out).toContain('built bot ran');
  });

  it('warns when the sources are newer than the build, and still runs the build', () => {
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'start.js'), 'console.log("built bot ran");\n');
    const yesterday = new Date(Date.now() - 86_400_000);
    utimesSync(join(root, 'dist', 'start.js'), yesterday, yesterday);
    mkdirSync(join(root, 'src'));
    const later = join(root, 'src', 'changed.ts');
    writeFileSync(later, 'export {};\n');
    const r = launch(root, { NODE_ENV: 'production' });
    expect(r.out).toContain('src/ has changed since the last build');
    expect(r.out).toContain('built bot ran');
  });
});
