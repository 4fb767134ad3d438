// ESLint 9 flat config: LWC rules for the TypeScript components, typescript-eslint strict for
// everything in TypeScript or Node tooling, Jest globals for tests.
const lwcConfig = require('@salesforce/eslint-config-lwc');
const tseslint = require('typescript-eslint');
const jestPlugin = require('eslint-plugin-jest');
const globals = require('globals');

const LWC_FILES = ['force-app/**/lwc/**/*.ts'];
const LWC_TEST_FILES = [
  'force-app/**/lwc/**/__tests__/**/*.ts',
  'force-app/tests/jest-mocks/**/*.ts'
];
const TOOLING_FILES = [
  'scripts/**/*.{mjs,js,ts}',
  'test/**/*.ts',
  'localorg/**/*.{ts,mjs}',
  'demo/**/*.{ts,mjs}',
  '*.js'
];

/** Restricts each config object of a shared config array to the given files. */
function only(files, configs) {
  return configs.map((config) => ({ ...config, files }));
}

module.exports = tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'coverage/**',
      'build/**',
      'dist/**',
      '.sf/**',
      '.sfdx/**',
      '.localorg/**',
      // Vendored at npm ci by scripts/vendor-static-resources.mjs (Chart.js as published).
      'force-app/main/admin-ui/staticresources/S2SChartJs.js',
      // JavaScript emitted from a component's TypeScript (npm run build:lwc writes to build/, but an
      // editor's tsc may leave it beside the source).
      'force-app/**/lwc/**/*.js'
    ]
  },
  // LWC components: the Salesforce recommended rules, parsed as TypeScript.
  ...only(LWC_FILES, lwcConfig.configs.recommended),
  ...only(LWC_FILES, tseslint.configs.strict),
  {
    files: LWC_FILES,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { sourceType: 'module', ecmaVersion: 'latest' },
      globals: { ...globals.browser }
    }
  },
  {
    files: LWC_TEST_FILES,
    ...jestPlugin.configs['flat/recommended'],
    languageOptions: {
      parser: tseslint.parser,
      globals: { ...globals.browser, ...globals.jest, ...globals.node }
    },
    rules: {
      ...jestPlugin.configs['flat/recommended'].rules,
      // Jest mocks of Apex and wire adapters are loosely typed by nature.
      '@typescript-eslint/no-explicit-any': 'off',
      // jest.mock() factories must use require() to stay hoistable.
      '@typescript-eslint/no-require-imports': 'off',
      // Tests read shadowRoot!.querySelector(...) and wait with setTimeout: a failing assertion, not
      // a crash in production, is the consequence.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@lwc/lwc/no-async-operation': 'off',
      // Toasts and modals render outside the component: tests look for them in document.
      '@lwc/lwc/no-document-query': 'off'
    }
  },
  // Node tooling and the local org.
  ...only(TOOLING_FILES, tseslint.configs.strict),
  {
    files: TOOLING_FILES,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { sourceType: 'module', ecmaVersion: 'latest' },
      globals: { ...globals.node }
    }
  },
  {
    // CommonJS config files at the root.
    files: ['*.js', 'config/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
);
