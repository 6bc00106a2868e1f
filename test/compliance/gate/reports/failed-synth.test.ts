/**
 * Any failing synth leaves nothing deployable and changes no committed file (CONTROLS.md, "Failing
 * synthesis, whatever failed"): a cdk-nag-only failure of the blueprint, and a CloudFormation
 * Validate error, through synthesizeGated, the way bin/ synthesizes.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as fs from 'fs';
import * as path from 'path';
import { SynthesisFailedError, applyCompliance, synthesizeGated } from '../../../../aspects';
import { SNAPSHOT_DIRECTORY } from '../../../../lib/catalog';
import { stageSnapshots } from '../../../../lib/catalog/snapshot-staging';
import { buildStreamFlixApp } from '../../../../lib/app';
import { CDK_CONTEXT, REPORTS, filesUnder, readJson, readText, tempOutdir } from './helpers';

interface Report {
  outcome: string;
  gateOutcome: string;
  checks: { name: string; outcome: string; findings: number }[];
}

function synthFailure(synth: () => unknown): SynthesisFailedError {
  try {
    synth();
  } catch (error) {
    if (error instanceof SynthesisFailedError) return error;
    throw error;
  }
  throw new Error('synthesis passed');
}

describe('the blueprint with key rotation off on the cache key (a cdk-nag-only failure)', () => {
  let outdir: string;
  let committed: string;
  let before: Map<string, string>;
  let error: SynthesisFailedError;
  let committedAfterSuccess = false;
  let stagedDiffers = false;

  beforeAll(() => {
    outdir = tempOutdir();
    // A copy of the committed snapshots stands in for the repository's directory.
    committed = tempOutdir('sfx-committed-');
    fs.cpSync(SNAPSHOT_DIRECTORY, committed, { recursive: true });
    before = new Map(fs.readdirSync(committed).map((file) => [file, fs.readFileSync(path.join(committed, file), 'utf8')]));
    const snapshots = stageSnapshots(committed);
    const app = buildStreamFlixApp({ context: CDK_CONTEXT, outdir, snapshotDirectory: snapshots.directory });
    for (const key of app.node.findAll()) {
      if (key instanceof kms.CfnKey && /\/Data\/Cache\/Key\/Resource$/.test(key.node.path)) key.enableKeyRotation = false;
    }
    error = synthFailure(() =>
      synthesizeGated(app, {
        onSuccess: () => {
          committedAfterSuccess = true;
          snapshots.commit();
        },
      }),
    );
    // The staged copy did receive the weakened template: only the commit step is missing.
    stagedDiffers = fs
      .readdirSync(snapshots.directory)
      .some((file) => before.get(file) !== fs.readFileSync(path.join(snapshots.directory, file), 'utf8'));
    snapshots.discard();
  });

  test('fails naming the cdk-nag packs that failed', () => {
    expect(error.message).toMatch(/AwsSolutions \(\d+ finding\(s\)\)/);
    expect(error.checks.filter((c) => c.outcome === 'fail').map((c) => c.name)).toEqual(
      expect.arrayContaining(['AwsSolutions', 'NIST.800.53.R5', 'PCI.DSS.321']),
    );
  });

  test('leaves no template, no manifest, no asset, no tree', () => {
    const files = filesUnder(outdir);
    expect(files.filter((file) => /\.template\.json$|(^|\/)manifest\.json$|(^|\/)tree\.json$|\.assets\.json$|^asset\./.test(file))).toEqual([]);
  });

  test('keeps the reports of every check that ran, and they say FAIL', () => {
    const files = filesUnder(outdir);
    expect(files).toEqual(
      expect.arrayContaining([REPORTS.json, REPORTS.sarif, REPORTS.markdown, 'validation-report.json', 'cdk-nag-AwsSolutions.json']),
    );
    expect(readJson<{ success: boolean }>(outdir, 'cdk-nag-AwsSolutions.json').success).toBe(false);
    const report = readJson<Report>(outdir, REPORTS.json);
    expect(report.outcome).toBe('fail');
    expect(report.gateOutcome).toBe('pass');
    expect(report.checks).toContainEqual(expect.objectContaining({ name: 'AwsSolutions', outcome: 'fail' }));
    expect(readText(outdir, REPORTS.markdown).startsWith('# SFX compliance gate: FAIL\n')).toBe(true);
    expect(readText(outdir, REPORTS.markdown)).toMatch(/\| AwsSolutions \| FAIL \| \d+ \|/);
    const sarif = readJson<{ runs: { invocations: { executionSuccessful: boolean }[] }[] }>(outdir, REPORTS.sarif);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  test('changes no committed snapshot', () => {
    expect(committedAfterSuccess).toBe(false);
    expect(stagedDiffers).toBe(true);
    const after = new Map(fs.readdirSync(committed).map((file) => [file, fs.readFileSync(path.join(committed, file), 'utf8')]));
    expect(after).toEqual(before);
  });
});

describe('a CloudFormation Validate error', () => {
  let outdir: string;
  let error: SynthesisFailedError;

  beforeAll(() => {
    outdir = tempOutdir();
    const app = new App({ outdir, context: CDK_CONTEXT });
    const stack = new Stack(app, 'Topics', { env: { region: 'eu-west-1' } });
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic', properties: { TopicName: 'ok', NoSuchProperty: 'x' } });
    applyCompliance(app);
    error = synthFailure(() => synthesizeGated(app));
  });

  test('fails naming CloudFormation Validate', () => {
    expect(error.checks).toContainEqual(expect.objectContaining({ name: 'CloudFormation Validate', outcome: 'fail' }));
  });

  test('leaves only reports', () => {
    expect(filesUnder(outdir).filter((file) => /\.template\.json$|manifest\.json$/.test(file))).toEqual([]);
    expect(readJson<Report>(outdir, REPORTS.json).outcome).toBe('fail');
  });
});

describe('a passing synth', () => {
  test('calls onSuccess after every check and keeps the build', () => {
    const outdir = tempOutdir();
    const app = new App({ outdir, context: CDK_CONTEXT });
    const stack = new Stack(app, 'Topics', { env: { region: 'eu-west-1' } });
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic', properties: { TopicName: 'ok' } });
    applyCompliance(app);
    let called = false;
    synthesizeGated(app, {
      onSuccess: () => {
        called = true;
      },
    });
    expect(called).toBe(true);
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
    expect(readJson<Report>(outdir, REPORTS.json).outcome).toBe('pass');
  });
});
