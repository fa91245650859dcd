// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-test/', '.vscode-test/', 'test-results/', 'bench/results/', '.bench-venv/', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
      // Prettier wraps code at 140; this catches the strings and comments it cannot wrap.
      'max-len': ['error', { code: 160, ignoreUrls: true }],
    },
  },
  { files: ['src/**', 'server/**', 'scripts/**', 'test/**', 'bench/**', '*.mjs'], languageOptions: { globals: globals.node } },
  { files: ['webview/**', 'component/**', 'test/fixtures/**'], languageOptions: { globals: globals.browser } },
  // A plain CommonJS extension, as third-party extensions are written: loaded by VS Code as it is.
  {
    files: ['test/fixtures/auth-consumer/**', 'test/fixtures/untrusted-workspace/**', 'examples/workspace/apps/**'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
