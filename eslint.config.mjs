import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // events/ and projections/ are pure data and folds: no framework, no store client, no validation library.
    files: ['events/**/*.ts', 'projections/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', '@eventstore/*', 'class-validator', 'class-transformer', 'better-sqlite3', 'node:fs', 'fs'] }],
    },
  },
  {
    // Only the EventStoreDB adapter may import the client (STYLE.md: one port, one adapter).
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts'],
    ignores: ['libs/store/esdb/**', 'test/esdb-standin/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@eventstore/*'] }] },
  },
  {
    // bin/ledger.js is a CommonJS launcher for the compiled CLI.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
