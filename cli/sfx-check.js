#!/usr/bin/env node
// `npx sfx-check`: runs cli/command.ts straight from the repository, no build step. The repo's
// transpile-only hook (scripts/transpile-only.js) caches the transpiled files, so only the first
// run after a change loads the TypeScript compiler.
'use strict';
require('../scripts/transpile-only.js');
process.exitCode = require('./command.ts').main(process.argv.slice(2));
