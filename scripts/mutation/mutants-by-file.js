/**
 * Where Stryker's mutant runs learn which test file executes which mutant: the dry run records it
 * (`record-mutants-by-file.js`), `only-covering-test-files.js` reads it. The file lives in Stryker's
 * sandbox, so every run starts without one.
 */
const path = require('path');

module.exports = { MUTANTS_BY_FILE: path.join(__dirname, '..', '..', '.stryker-mutants-by-file.jsonl') };
