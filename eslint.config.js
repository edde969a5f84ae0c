// ESLint flat config: typescript-eslint, lit and wc rules, and the import arrows of
// ../shared/HOUSE_STYLE.md enforced per folder with no-restricted-imports.

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

const SRC = [
  'app',
  'components',
  'controllers',
  'capture',
  'worker-client',
  'worker',
  'model',
  'pipeline',
  'people',
  'alerts',
  'matching',
  'store',
  'pwa',
  'sw',
  'shared',
];

/** Which src/ folders each folder may import (besides itself). */
const ARROWS = {
  app: ['components', 'controllers', 'shared', 'capture', 'alerts', 'matching'],
  // Components may read the alerts and matching domains' types and pure helpers.
  components: ['shared', 'alerts', 'matching'],
  controllers: [
    'capture',
    'worker-client',
    'store',
    'shared',
    'alerts',
    'matching',
  ],
  capture: ['shared'],
  'worker-client': ['shared'],
  // The worker and model layers use the matcher and descriptor maths (issue 18).
  worker: ['model', 'pipeline', 'people', 'shared', 'matching'],
  model: ['pipeline', 'shared', 'matching'],
  pipeline: ['shared'],
  // Person tracking (issue 15): pure, like pipeline/, whose face session it joins people to.
  people: ['pipeline', 'shared'],
  // Zones, lines and alert rules (issue 17): pure geometry and timing; the page runs them.
  alerts: ['shared'],
  // Authorised face matching (issue 18): the one place identification happens; its own
  // encrypted store (idb, WebCrypto) and pure descriptor maths.
  matching: ['shared'],
  store: ['shared'],
  pwa: ['shared'],
  sw: ['shared'],
  shared: [],
};

const arrowRules = Object.entries(ARROWS).map(([folder, allowed]) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: SRC.filter((f) => f !== folder && !allowed.includes(f)).map(
          (f) => ({
            group: [`**/${f}/*`, `../${f}`, `../../${f}`],
            message: `src/${folder} may not import src/${f} (see HOUSE_STYLE.md, src/ layout).`,
          }),
        ),
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-*/',
      'node_modules/',
      'public/',
      'test-results/',
      'tests/fixtures/generated/',
      '.scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  ...arrowRules,
  {
    // worker-client imports the worker API's *type* only.
    files: ['src/worker-client/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../worker/*'],
              allowTypeImports: true,
              message: 'worker-client may import only types from src/worker.',
            },
            ...SRC.filter(
              (f) => !['worker-client', 'shared', 'worker'].includes(f),
            ).map((f) => ({
              group: [`../${f}/*`],
              message: `src/worker-client may not import src/${f}.`,
            })),
          ],
        },
      ],
    },
  },
);
