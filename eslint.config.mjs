import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'dist/', 'coverage/', '.scratch/', '.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
      // aws-cdk's limit; prettier wraps code at it, long strings are broken by hand.
      'max-len': ['error', { code: 150, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    // Expected messages in tests and one-reason-per-line reviewed data read best whole.
    files: ['test/**/*.ts', 'lib/proof/data/**/*.ts'],
    rules: { 'max-len': ['error', { code: 150, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true }] },
  },
);
