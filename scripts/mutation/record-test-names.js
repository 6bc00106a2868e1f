/**
 * setupFilesAfterEnv for Stryker runs only (stryker.config.mjs): during the dry run, appends one line
 * per test file, `{ file, names }`, to the sandbox's tests-by-file list. Mutant runs (an active mutant
 * is set) record nothing: the dry run already saw every test.
 */
/* global afterEach, afterAll, expect */
const fs = require('fs');
const { TESTS_BY_FILE } = require('./tests-by-file');

if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) {
  const names = [];
  afterEach(() => {
    names.push(expect.getState().currentTestName);
  });
  afterAll(() => {
    // One appended line per file: both Stryker test runners may write, and a short O_APPEND write does not interleave.
    fs.appendFileSync(TESTS_BY_FILE, JSON.stringify({ file: expect.getState().testPath, names }) + '\n');
  });
}
