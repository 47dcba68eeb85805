// Lint doubles as the architecture's guard rail: the layer rules below keep the
// process and module boundaries from docs/architecture.md true without anyone remembering.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronAndNode = ['electron', 'node:*', 'fs', 'path', 'os', 'child_process'];

// Radix primitives are wrapped once in components/ui (DialogShell, TabbedPanels): features use
// those, so every dialog and tab strip behaves and looks the same.
const radixOutsideUi = {
  group: ['@radix-ui/*'],
  message:
    'Raw Radix stays inside components/ui/: use DialogShell, TabbedPanels or add a primitive there.',
};

// Components and pages read through hooks/ and write through services/, never the db.
const uiLayerImports = {
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
};

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
          patterns: [radixOutsideUi],
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
            radixOutsideUi,
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/src/components/**/*.{ts,tsx}', 'src/renderer/src/pages/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...uiLayerImports, patterns: [...uiLayerImports.patterns, radixOutsideUi] },
      ],
    },
  },
  {
    // The primitives themselves: the one place Radix is imported.
    files: ['src/renderer/src/components/ui/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', uiLayerImports] },
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
