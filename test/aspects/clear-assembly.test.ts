/** aspects/report/clear-assembly.ts on real files in a temp dir: what a failed synthesis removes and what it keeps. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { clearCloudAssembly, clearDeployableOutput } from '../../aspects/report/clear-assembly';

/** A cloud assembly as CDK leaves it, with a nested Stage assembly and a few files the gate does not own. */
function assembly(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-clear-'));
  const files = [
    'compliance-report.json',
    'compliance-report.sarif',
    'compliance-report.md',
    'manifest.json',
    'tree.json',
    'cdk.out',
    'validation-report.json',
    'policy-validation-report.json',
    'performance-counters.json',
    'cdk-nag-AwsSolutions.json',
    'Api.template.json',
    'Api.assets.json',
    'Api.metadata.json',
    'Api-cdk-nag-checks.template.json',
    // A stack named like a cdk-nag report is still a stack: its files are deployable.
    'cdk-nag-Demo.template.json',
    'cdk-nag-Demo.assets.json',
    'asset.0123.zip',
    'asset.abcd/index.js',
    'assembly-Dev/manifest.json',
    'assembly-Dev/cdk.out',
    'assembly-Dev/Dev-Api.template.json',
    'assembly-Dev/cdk-nag-AwsSolutions.json',
    'assembly-Dev/compliance-report.json',
    'assembly-Dev/asset.ef01/handler.py',
    // Not the gate's: stays (clearCloudAssembly takes any assembly-* entry).
    'notes.txt',
    'my-manifest.json',
    'tree.json.orig',
    'validation-report.json.orig',
    'my-validation-report.json',
    'assembly-notes',
    'other/manifest.json',
  ];
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
    fs.writeFileSync(path.join(outdir, file), '{}');
  }
  // A directory named like a template is not a template.
  fs.mkdirSync(path.join(outdir, 'Dir.template.json'));
  return outdir;
}

/** Every file and empty directory under `dir`, relative to it, sorted. */
function left(dir: string): string[] {
  const entries = fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[];
  return entries
    .filter((e) => e.isFile() || (e.isDirectory() && fs.readdirSync(path.join(e.parentPath, e.name)).length === 0))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('clearCloudAssembly (the gate failed: nothing after it ran)', () => {
  test('removes every assembly file, anything named assembly-* or asset.* and every earlier check report; keeps the compliance reports', () => {
    const outdir = assembly();
    clearCloudAssembly(outdir);
    expect(left(outdir)).toEqual([
      'Dir.template.json',
      'compliance-report.json',
      'compliance-report.md',
      'compliance-report.sarif',
      'my-manifest.json',
      'my-validation-report.json',
      'notes.txt',
      'other/manifest.json',
      'performance-counters.json',
      'policy-validation-report.json',
      'tree.json.orig',
      'validation-report.json.orig',
    ]);
  });

  test('does nothing without an outdir or when it does not exist', () => {
    expect(() => clearCloudAssembly(undefined)).not.toThrow();
    expect(() => clearCloudAssembly(path.join(os.tmpdir(), 'sfx-clear-missing', 'x'))).not.toThrow();
  });
});

describe('clearDeployableOutput (a check after the gate failed)', () => {
  test('removes templates, manifests, trees and assets (nested assemblies too, and those of a stack named like a report), keeps every report; returns what it removed', () => {
    const outdir = assembly();
    const removed = clearDeployableOutput(outdir);
    expect([...removed].sort()).toEqual([
      'Api-cdk-nag-checks.template.json',
      'Api.assets.json',
      'Api.metadata.json',
      'Api.template.json',
      'assembly-Dev/Dev-Api.template.json',
      'assembly-Dev/asset.ef01',
      'assembly-Dev/cdk.out',
      'assembly-Dev/manifest.json',
      'asset.0123.zip',
      'asset.abcd',
      'cdk-nag-Demo.assets.json',
      'cdk-nag-Demo.template.json',
      'cdk.out',
      'manifest.json',
      'tree.json',
    ]);
    expect(left(outdir)).toEqual([
      'Dir.template.json',
      'assembly-Dev/cdk-nag-AwsSolutions.json',
      'assembly-Dev/compliance-report.json',
      'assembly-notes',
      'cdk-nag-AwsSolutions.json',
      'compliance-report.json',
      'compliance-report.md',
      'compliance-report.sarif',
      'my-manifest.json',
      'my-validation-report.json',
      'notes.txt',
      'other/manifest.json',
      'performance-counters.json',
      'policy-validation-report.json',
      'tree.json.orig',
      'validation-report.json',
      'validation-report.json.orig',
    ]);
  });

  test('removes nothing without an outdir or when it does not exist', () => {
    expect(clearDeployableOutput(undefined)).toEqual([]);
    expect(clearDeployableOutput(path.join(os.tmpdir(), 'sfx-clear-missing', 'x'))).toEqual([]);
  });
});
