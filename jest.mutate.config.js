/**
 * The fast tests only (pure rule and aspect tests, milliseconds each): what Stryker runs against
 * every mutant. Synthesizing tests (blueprint, catalog, CDK delivery) stay in jest.config.js; a
 * mutant they alone kill would cost minutes each, and the behavioural matrix of each rule belongs
 * at the pure level anyway (issue 14).
 */
const path = require('path');
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // The haste map must crawl the code under test too: without rules/ and aspects/ in roots jest cannot
  // follow a test's imports past the first file, so findRelatedTests would miss tests reaching rules/core/ through a rule.
  roots: ['<rootDir>/test', '<rootDir>/rules', '<rootDir>/aspects'],
  testMatch: ['<rootDir>/test/rules/**/*.test.ts', '<rootDir>/test/aspects/**/*.test.ts'],
  // Not mutation tests: runtime-mapping synthesizes a catalog stack (seconds), and naming loads
  // aws-cdk-lib through aspects/index.ts (~2 s per run, paid again by every static mutant).
  testPathIgnorePatterns: ['/node_modules/', '/test/rules/runtime-mapping\\.test\\.ts$', '/test/rules/naming\\.test\\.ts$'],
  testTimeout: 30000,
  // jest's node environment; under Stryker's dry run it also records which file executed which mutant
  // (scripts/mutation/). An absolute path: Stryker loads the environment itself and does not resolve <rootDir>.
  testEnvironment: path.join(__dirname, 'scripts', 'mutation', 'record-mutants-by-file.js'),
};
