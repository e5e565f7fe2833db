import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The house's boundaries (see README "How it is built"): each outside world enters through one
// folder, and imports point down. A rule per folder lists what it may not import.
const botbuilder = { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'botbuilder stays inside src/teams/ (the Teams edge).' };
const sql = { group: ['kysely', 'kysely/*', 'pg', 'better-sqlite3'], message: 'SQL stays inside src/store/.' };
const http = { group: ['axios'], message: 'Outbound HTTP stays inside src/sources/.' };
const upward = { group: ['**/features', '**/features/*', '**/main', '../main', '../../main'], message: 'Lower layers never import features or the composition root (src/main.ts).' };
const coreOnly = { group: ['../*', '!../core'], message: 'src/core holds shared contracts only: it imports nothing else of the project.' };

/** The no-restricted-imports rule for files of one folder. */
const restrict = (files, patterns, ignores = []) => ({ files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'data/**', 'coverage/**', 'test-output/**', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Everything of src not named below: features, cli, demo, manifest, main.ts, start.ts.
  restrict(['src/**/*.ts'], [botbuilder, sql, http], ['src/teams/**', 'src/store/**', 'src/sources/**', 'src/core/**', 'src/domain/**', 'src/ask/**', 'src/cards/**']),
  restrict(['src/teams/**/*.ts'], [sql, http]),
  restrict(['src/store/**/*.ts'], [botbuilder, http, upward]),
  restrict(['src/sources/**/*.ts'], [botbuilder, sql, upward]),
  restrict(['src/domain/**/*.ts', 'src/ask/**/*.ts', 'src/cards/**/*.ts'], [botbuilder, sql, http, upward]),
  restrict(['src/core/**/*.ts'], [botbuilder, sql, http, upward, coreOnly]),
);
