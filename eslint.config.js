import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Errors, not warnings. Boundaries are enforced here, not hoped for (style.md). */
const nodeOnly = {
  patterns: [
    { group: ['node:*'], message: 'shared/ and renderer/ run without Node: no node:* imports.' },
    { group: ['electron', 'electron/*'], message: 'shared/ and renderer/ never import electron.' },
    { group: ['better-sqlite3'], message: 'SQL stays in electron/services/db.' },
    { group: ['**/electron/**'], message: 'shared/ and renderer/ never import the main process code.' },
  ],
  paths: ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'ws'].map((name) => ({
    name,
    message: 'shared/ and renderer/ run without Node.',
  })),
};

export default tseslint.config(
  { ignores: ['.scratch/**', 'dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'coverage/**', '.bench-cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', nodeOnly] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
