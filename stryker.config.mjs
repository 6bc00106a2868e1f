// Mutation testing of the compliance gate (issue 14): `npm run mutate`. A measurement, not part
// of `npm test` or CI. Runs only the fast tests (jest.mutate.config.js) against each mutant.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: 'npm',
  mutate: ['rules/**/*.ts', 'aspects/**/*.ts'],
  testRunner: 'jest',
  // findRelatedTests: each mutant runs only the fast test files that import its file, directly or through
  // other modules. That needs rules/ and aspects/ in jest's roots (jest.mutate.config.js); without them an
  // earlier run scored rules/core/ at 4 % because jest could not follow a rule's imports into core.
  jest: {
    projectType: 'custom',
    configFile: 'jest.mutate.config.js',
    enableFindRelatedTests: true,
    // Of those related files, load only the ones that executed the mutant's code in the dry run
    // (scripts/mutation/): jest would load all of them, ~30 files for a rules/core/ mutant, and run every
    // test in them for a static mutant (code run at module load or in a beforeAll). The dry run's record
    // comes from the test environment set in jest.mutate.config.js. A mutant run stops at its first
    // failing file, likeliest killers first: one failure kills the mutant.
    config: {
      testSequencer: '<rootDir>/scripts/mutation/only-covering-test-files.js',
      runner: '<rootDir>/scripts/mutation/stop-after-kill.js',
    },
  },
  coverageAnalysis: 'perTest',
  // The TypeScript checker (`npm run mutate:typed`) drops mutants that do not compile; it costs about
  // ten times the run (one tsc per core over aws-cdk-lib's types), so the full run goes without it and
  // the checked run is for classifying the survivors of a file (README, "Mutation testing").
  checkers: [],
  // The checker compiles only the mutated code and the fast tests (tsconfig.mutate.json), not the blueprint.
  tsconfigFile: 'tsconfig.mutate.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // Re-runs test only the mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 2,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: false },
  thresholds: { high: 90, low: 80, break: null },
  // Files Stryker copies into its sandbox: everything tests import, no build output or reports.
  ignorePatterns: ['dist', 'cdk.out', 'cdk.out.*', 'coverage', '.scratch'],
  tempDirName: '.stryker-tmp',
  timeoutMS: 10000,
};
export default config;
