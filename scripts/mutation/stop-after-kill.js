/**
 * Jest runner for Stryker runs only (stryker.config.mjs): jest's own, except that a mutant run stops
 * at the first test file with a failure. One failing test kills the mutant; the files after it would
 * only be loaded to have their tests skipped, and loading is most of their cost (a static mutant
 * lists every file that loads its module). Jest's own bail option exits the process, which Stryker's
 * in-process runs cannot have.
 */
const JestRunner = require('jest-runner').default;
const firstFailure = require('./first-failure');

class StopAfterKill extends JestRunner {
  async runTests(tests, watcher, options) {
    const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    // Stryker runs jest in band; without an active mutant (the dry run) every file runs.
    if (mutant === undefined || !options.serial) return super.runTests(tests, watcher, options);
    for (const test of tests) {
      if (firstFailure.hasFailed(mutant)) return;
      await super.runTests([test], watcher, options);
    }
  }
}

module.exports = StopAfterKill;
