/**
 * Jest test sequencer for Stryker runs only (stryker.config.mjs). Stryker runs a mutant with
 * findRelatedTests (the test files that import its file) and a testNamePattern naming the tests that
 * cover it, but jest still loads every related file to skip most of their tests; for a rules/core/
 * module that is ~30 files per mutant. This keeps only the files that hold a covering test, as the dry
 * run recorded them. Anything it cannot prove skippable runs: no pattern (the dry run, a static
 * mutant), no record, or a file the record does not know.
 */
const fs = require('fs');
const Sequencer = require('@jest/test-sequencer').default;
const { TESTS_BY_FILE } = require('./tests-by-file');

function recordedNamesByFile() {
  if (!fs.existsSync(TESTS_BY_FILE)) return undefined;
  const byFile = new Map();
  for (const line of fs.readFileSync(TESTS_BY_FILE, 'utf8').split('\n')) {
    if (!line) continue;
    const { file, names } = JSON.parse(line);
    byFile.set(file, [...(byFile.get(file) ?? []), ...names]);
  }
  return byFile;
}

class OnlyCoveringTestFiles extends Sequencer {
  constructor(options) {
    super(options);
    this.testNamePattern = options.globalConfig.testNamePattern;
  }

  async sort(tests) {
    const sorted = await super.sort(tests);
    const byFile = this.testNamePattern ? recordedNamesByFile() : undefined;
    if (!byFile) return sorted;
    // The same test as jest-circus: testNamePattern is a case-insensitive regex over the full name.
    const covering = new RegExp(this.testNamePattern, 'i');
    return sorted.filter((test) => {
      const names = byFile.get(test.path);
      return names === undefined || names.some((name) => covering.test(name));
    });
  }
}

module.exports = OnlyCoveringTestFiles;
