/**
 * Jest test environment for Stryker runs only (stryker.config.mjs). During the dry run (no active
 * mutant) it appends one line per test file, `{ file, mutants }`: the id of every mutant whose code
 * that file executed, in a test or outside one (module load, describe bodies, beforeAll). A mutant
 * can change only what executes its code, so `only-covering-test-files.js` may skip every other file.
 * Stryker wraps this environment in its own during the dry run, which is what fills the coverage read here.
 *
 * In a mutant run it notes the first failure and skips the file's tests after it: one failing test
 * kills the mutant (`stop-after-kill.js` skips the files after it; so this setup does not honour
 * Stryker's --disableBail).
 */
const fs = require('fs');
const NodeEnvironment = require('jest-environment-node').TestEnvironment;
const { MUTANTS_BY_FILE } = require('./mutants-by-file');
const firstFailure = require('./first-failure');

/** Every mutant id in Stryker's coverage so far, with how often it was hit. */
function hitCounts(coverage) {
  const counts = new Map();
  const add = (hits) => {
    for (const [id, n] of Object.entries(hits ?? {})) counts.set(id, (counts.get(id) ?? 0) + n);
  };
  add(coverage?.static);
  for (const hits of Object.values(coverage?.perTest ?? {})) add(hits);
  return counts;
}

class RecordMutantsByFile extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    this.recording = this.mutant === undefined;
  }

  handleTestEvent(event) {
    if (this.recording) return;
    const failed = (event.name === 'test_done' && event.test.errors.length > 0) || event.name === 'hook_failure';
    if (failed) firstFailure.markFailed(this.mutant, this.testPath);
    else if (event.name === 'test_start' && firstFailure.hasFailed(this.mutant)) event.test.mode = 'skip';
  }

  /** Stryker's coverage object, once its wrapper has put it on the test's global. */
  coverage() {
    return this.global.__stryker__?.mutantCoverage;
  }

  async setup() {
    await super.setup();
    // Coverage accumulates over the whole dry run: this file's hits are what it adds.
    if (this.recording) this.before = hitCounts(this.coverage());
  }

  async teardown() {
    if (this.recording && this.coverage()) {
      const after = hitCounts(this.coverage());
      const mutants = [...after].filter(([id, n]) => n > (this.before.get(id) ?? 0)).map(([id]) => id);
      // One appended line per file: a short O_APPEND write does not interleave with another runner's.
      fs.appendFileSync(MUTANTS_BY_FILE, JSON.stringify({ file: this.testPath, mutants }) + '\n');
    }
    await super.teardown();
  }
}

module.exports = RecordMutantsByFile;
