import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package version, read once from package.json (two levels above src/ or dist/). */
export const VERSION: string = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
