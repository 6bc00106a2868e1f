/**
 * What the current mutant run has seen fail, and which test files killed earlier mutants. One failing
 * test is enough to kill a mutant, so the rest of the run is skipped (`record-mutants-by-file.js`),
 * and the files that killed the last mutants go first (`only-covering-test-files.js`): neighbouring
 * mutants are usually killed by the same file. Both live in Stryker's test runner process, outside
 * jest's module registry, so this state lasts across the runs of one process.
 */
let failedUnder;
let kills = 0;
const lastKillByFile = new Map();

module.exports = {
  /** A new mutant run begins: nothing has failed in it yet. */
  startRun() {
    failedUnder = undefined;
  },
  markFailed(mutant, testPath) {
    if (failedUnder !== mutant) lastKillByFile.set(testPath, ++kills);
    failedUnder = mutant;
  },
  hasFailed(mutant) {
    return mutant !== undefined && failedUnder === mutant;
  },
  /** Higher for a file that killed a more recent mutant; 0 for one that never killed. */
  lastKill(testPath) {
    return lastKillByFile.get(testPath) ?? 0;
  },
};
