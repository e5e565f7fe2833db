import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'data/**', 'coverage/**', 'test-output/**', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'botbuilder stays inside src/teams/.' }] }],
    },
  },
  {
    files: ['src/teams/**', 'test/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
