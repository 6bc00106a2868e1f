/**
 * Where Stryker's mutant runs learn which test file holds which test: the dry run (every test, no
 * active mutant) records each test's full name under its file; `only-covering-test-files.js` reads it.
 * The file lives in Stryker's sandbox, so every run starts without one.
 */
const path = require('path');

module.exports = { TESTS_BY_FILE: path.join(__dirname, '..', '..', '.stryker-tests-by-file.jsonl') };
