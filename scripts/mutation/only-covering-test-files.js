/**
 * Jest test sequencer for Stryker runs only (stryker.config.mjs). Stryker runs a mutant with
 * findRelatedTests: every test file that imports its file, directly or through other modules. For a
 * rules/core/ module that is ~30 files, and for a static mutant (code run at module load or in a
 * beforeAll) jest runs all their tests. This keeps only the files that executed the mutant's code in
 * the dry run (`record-mutants-by-file.js`): a file that never reaches the code cannot tell the
 * mutant from the original. Anything it cannot prove skippable runs: no active mutant (the dry run),
 * no record, or a file the record does not know.
 *
 * A failure skips the rest of the run, so the likeliest killers go first: the files that killed the
 * latest mutants, then the focused ones (fewest mutants executed) before the broad ones.
 */
const fs = require('fs');
const Sequencer = require('@jest/test-sequencer').default;
const { MUTANTS_BY_FILE } = require('./mutants-by-file');
const firstFailure = require('./first-failure');

/** test file -> ids of the mutants it executed, or undefined before the dry run has written the record. */
function recordedMutantsByFile() {
  if (!fs.existsSync(MUTANTS_BY_FILE)) return undefined;
  const byFile = new Map();
  for (const line of fs.readFileSync(MUTANTS_BY_FILE, 'utf8').split('\n')) {
    if (!line) continue;
    const { file, mutants } = JSON.parse(line);
    byFile.set(file, new Set([...(byFile.get(file) ?? []), ...mutants]));
  }
  return byFile;
}

class OnlyCoveringTestFiles extends Sequencer {
  async sort(tests) {
    firstFailure.startRun();
    const sorted = await super.sort(tests);
    const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    const byFile = mutant === undefined ? undefined : recordedMutantsByFile();
    if (!byFile) return sorted;
    const breadth = (test) => byFile.get(test.path)?.size ?? Infinity;
    const likelierKiller = (a, b) => firstFailure.lastKill(b.path) - firstFailure.lastKill(a.path) || breadth(a) - breadth(b);
    return sorted.filter((test) => byFile.get(test.path)?.has(mutant) ?? true).sort(likelierKiller);
  }
}

module.exports = OnlyCoveringTestFiles;
