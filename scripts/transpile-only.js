// Lets `node` run the app's TypeScript directly, transpile-only: no type-check on every synth
// (the test command type-checks once). Uses the project's own pinned `typescript`, loaded only
// when a file changed: transpiled output is cached by content hash under node_modules/.cache,
// so an unchanged app skips both the compiler load and the transpilation.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const CACHE_DIR = path.join(__dirname, '..', 'node_modules', '.cache', 'transpile-only');
let ts; // loaded on the first cache miss

function compilerOptions() {
  return {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    resolveJsonModule: true,
    sourceMap: false,
    inlineSourceMap: true,
  };
}

function transpile(source, filename) {
  const key = crypto.createHash('sha256').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    ts = ts || require('typescript');
    const { outputText } = ts.transpileModule(source, { compilerOptions: compilerOptions(), fileName: filename });
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      fs.writeFileSync(`${cached}.${process.pid}`, outputText);
      fs.renameSync(`${cached}.${process.pid}`, cached); // atomic: parallel synths never read half a file
    } catch {
      // A read-only node_modules only costs speed.
    }
    return outputText;
  }
}

require.extensions['.ts'] = function loadTypeScript(module, filename) {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
