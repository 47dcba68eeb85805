// Lint doubles as the architecture's guard rail: the layer rules below keep the
// process and module boundaries from docs/architecture.md true without anyone remembering.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronAndNode = ['electron', 'node:*', 'fs', 'path', 'os', 'child_process'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Benchmarks and e2e tests run in Node but pass functions to page.evaluate.
    files: ['bench/**/*.{js,mjs,ts}', 'tests/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: electronAndNode.map((name) => ({
            name,
            message: 'The renderer never imports Node or Electron: go through platform/.',
          })),
        },
      ],
    },
  },
  {
    // src/shared is imported by every process: no Electron, DOM or Dexie.
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'dexie', 'dexie-react-hooks', 'react', 'react-dom'].map((name) => ({
            name,
            message: 'src/shared is used by every process: no Electron, DOM, React or Dexie.',
          })),
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'indexedDB'],
    },
  },
  {
    // Domain logic stays pure: testable without a database or a renderer.
    files: ['src/renderer/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'dexie',
            'dexie-react-hooks',
            'react',
            'react-dom',
            'zustand',
            ...electronAndNode,
          ].map((name) => ({ name, message: 'domain/ is pure: no React, Dexie, stores or Node.' })),
          patterns: [
            {
              group: ['**/db/*', '**/services/**', '**/components/**', '**/pages/**'],
              message: 'domain/ is pure.',
            },
          ],
        },
      ],
    },
  },
  {
    // Components and pages read through hooks/ and write through services/, never the db.
    files: ['src/renderer/src/components/**/*.{ts,tsx}', 'src/renderer/src/pages/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['dexie', ...electronAndNode].map((name) => ({
            name,
            message: 'UI never touches the database or Node directly.',
          })),
          patterns: [
            {
              group: ['**/db', '**/db/*'],
              message: 'UI reads through hooks/ (live queries) and writes through services/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name='contextBridge'] > Identifier[name='ipcRenderer']",
          message: 'Never expose raw ipcRenderer: expose one function per capability.',
        },
      ],
    },
  },
);
