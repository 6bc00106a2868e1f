/**
 * The fast tests only (pure rule and aspect tests, milliseconds each): what Stryker runs against
 * every mutant. Synthesizing tests (blueprint, catalog, CDK delivery) stay in jest.config.js; a
 * mutant they alone kill would cost minutes each, and the behavioural matrix of each rule belongs
 * at the pure level anyway (issue 14).
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/rules', '<rootDir>/test/aspects'],
  // runtime-mapping synthesizes a catalog stack (seconds): not fast, so not a mutation test.
  testPathIgnorePatterns: ['/node_modules/', '/test/rules/runtime-mapping\\.test\\.ts$'],
  testTimeout: 30000,
};
