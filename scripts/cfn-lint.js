#!/usr/bin/env node
// Lints every synthesized CloudFormation template in the cloud assembly (including nested assemblies of
// Stages and product/nested stack templates) with cfn-lint, and fails only on error-level findings.
//
// Usage: node scripts/cfn-lint.js [assembly-dir]   (default: cdk.out; run `cdk synth` first)
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

// cfn-lint's exit code is a bitmask: 1 = the linter itself failed, 2 = error, 4 = warning, 8 = informational.
const EXIT_LINTER_FAILED = 1;
const EXIT_ERROR = 2;

function findTemplates(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // asset.* directories hold bundled code, never templates to deploy.
      if (!entry.name.startsWith('asset.')) found.push(...findTemplates(full));
    } else if (entry.name.endsWith('.template.json')) {
      found.push(full);
    }
  }
  return found.sort();
}

function main() {
  const assemblyDir = process.argv[2] || 'cdk.out';
  if (!fs.existsSync(assemblyDir)) {
    console.error(`cfn-lint: ${assemblyDir} does not exist; run \`npx cdk synth\` first.`);
    return 1;
  }
  const templates = findTemplates(assemblyDir);
  if (templates.length === 0) {
    console.error(`cfn-lint: no *.template.json under ${assemblyDir}; run \`npx cdk synth\` first.`);
    return 1;
  }

  const run = spawnSync('cfn-lint', ['--format', 'json', '--', ...templates], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) {
    console.error(`cfn-lint: could not run cfn-lint (${run.error.message}); is it installed and on PATH?`);
    return 1;
  }
  let findings;
  try {
    findings = JSON.parse(run.stdout || '[]');
  } catch {
    console.error(`cfn-lint: unreadable output (exit code ${run.status}):\n${run.stdout}\n${run.stderr}`);
    return 1;
  }

  const byLevel = { Error: 0, Warning: 0, Informational: 0 };
  for (const f of findings) {
    byLevel[f.Level] = (byLevel[f.Level] || 0) + 1;
    const where = `${f.Filename}:${f.Location.Start.LineNumber}`;
    console.log(`${f.Level.padEnd(13)} ${f.Rule.Id.padEnd(6)} ${where}  ${f.Location.Path.join('/')}\n${' '.repeat(21)}${f.Message}`);
  }

  const failed = (run.status & (EXIT_ERROR | EXIT_LINTER_FAILED)) !== 0 || byLevel.Error > 0;
  console.log(
    `\ncfn-lint: ${templates.length} template(s): ${byLevel.Error} error(s), ${byLevel.Warning} warning(s), ` +
      `${byLevel.Informational} informational. ${failed ? 'FAILED' : 'OK'}`,
  );
  for (const t of templates) console.log(`  ${t}`);
  if (run.status & EXIT_LINTER_FAILED) console.error(run.stderr);
  return failed ? 1 : 0;
}

process.exitCode = main();
