/**
 * What a failing synth prints (aspects/cli-output.ts): formatViolationReport from plain violations;
 * runGatedSynth and formatFindingReport on tiny apps (CDK's built-in CloudFormation validation off).
 */
import { App, CfnResource, IPolicyValidationPlugin, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyCompliance } from '../../aspects';
import { formatFindingReport, formatViolationReport, runGatedSynth } from '../../aspects/cli-output';
import type { CheckFinding } from '../../aspects/report/checks';
import type { GateViolation } from '../../aspects/violation-error';

const v = (stackPath: string, path: string, ruleId = 'SFX-RDS-TLS'): GateViolation => ({
  ruleId,
  path,
  stackPath,
  resourceType: 'AWS::RDS::DBInstance',
  message: 'rds.force_ssl is 0',
  fix: 'set it to 1',
});

describe('formatViolationReport', () => {
  test('one violation: singular words, no source line when none is known', () => {
    expect(formatViolationReport([v('Api', 'Api/Db')], 'App')).toBe(
      [
        'Api (1 violation)',
        '  [SFX-RDS-TLS] Api/Db: rds.force_ssl is 0. Fix: set it to 1.',
        '',
        'SFX compliance gate: FAIL. 1 violation of 1 control in 1 stack of App; cdk.out holds the reports and no template.',
      ].join('\n'),
    );
  });

  test('groups by stack in order of appearance, counts controls and stacks, and adds where each construct was created', () => {
    const sources: Record<string, { uri: string; line: number }> = { 'Api/Db': { uri: 'lib/api.ts', line: 12 } };
    const report = formatViolationReport(
      [v('Api', 'Api/Db'), v('Data', 'Data/Cache', 'SFX-REDIS-AT-REST'), v('Api', 'Api/Other', 'SFX-REDIS-AT-REST')],
      'App',
      (path) => sources[path],
    );
    expect(report.split('\n')).toEqual([
      'Api (2 violations)',
      '  [SFX-RDS-TLS] Api/Db: rds.force_ssl is 0. Fix: set it to 1.',
      '      created at lib/api.ts:12',
      '  [SFX-REDIS-AT-REST] Api/Other: rds.force_ssl is 0. Fix: set it to 1.',
      '',
      'Data (1 violation)',
      '  [SFX-REDIS-AT-REST] Data/Cache: rds.force_ssl is 0. Fix: set it to 1.',
      '',
      'SFX compliance gate: FAIL. 3 violations of 2 controls in 2 stacks of App; cdk.out holds the reports and no template.',
    ]);
  });
});

const THIS_FILE = path.relative(process.cwd(), __filename).split(path.sep).join('/');
/** The line of this file that holds `marker` (where a construct below is created). */
const lineOf = (marker: string) =>
  fs
    .readFileSync(__filename, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(marker) && !line.includes('lineOf(')) + 1;

/** A validation plugin that fails with one error on the topic. */
const failingPlugin: IPolicyValidationPlugin = {
  name: 'Alpha Check',
  validate: (context) => ({
    success: false,
    violations: [
      {
        ruleName: 'A1',
        description: 'the topic is wrong',
        severity: 'error',
        violatingResources: [{ resourceLogicalId: 'Topic', templatePath: context.templatePaths[0], locations: ['Properties'] }],
      },
    ],
  }),
};

function tinyApp(region = 'eu-west-1', plugin?: IPolicyValidationPlugin): { app: App; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-cli-'));
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  if (plugin) Validations.of(app).addPlugins(plugin);
  const stack = new Stack(app, 'S', { env: { region } });
  new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' }); // the topic
  applyCompliance(app);
  return { app, outdir };
}

describe('runGatedSynth', () => {
  let exitCode: typeof process.exitCode;
  let printed: string[];
  const print = (text: string) => printed.push(text);
  beforeEach(() => {
    exitCode = process.exitCode;
    printed = [];
  });
  afterEach(() => {
    process.exitCode = exitCode;
    jest.restoreAllMocks();
  });

  test('a passing synth returns true, prints nothing and leaves the exit code alone', () => {
    process.exitCode = undefined;
    expect(runGatedSynth(tinyApp().app, {}, print)).toBe(true);
    expect(printed).toEqual([]);
    expect(process.exitCode).toBeUndefined();
  });

  test('a gate failure prints the violation report with the line that created each construct, and sets exit code 1', () => {
    const { app } = tinyApp('us-east-1');
    expect(runGatedSynth(app, {}, print)).toBe(false);
    expect(process.exitCode).toBe(1);
    expect(printed).toHaveLength(1);
    expect(printed[0].split('\n')).toEqual([
      'S (1 violation)',
      "  [SFX-REGION] S: the stack deploys to us-east-1, not eu-west-1. Fix: set env: { region: 'eu-west-1' } on the stack or its Stage.",
      `      created at ${THIS_FILE}:${lineOf("const stack = new Stack(app, 'S'")}`,
      '',
      'SFX compliance gate: FAIL. 1 violation of 1 control in 1 stack of the app; cdk.out holds the reports and no template.',
    ]);
  });

  test("a validation plugin's failure prints its findings by stack, then the reason synthesis failed", () => {
    const { app, outdir } = tinyApp('eu-west-1', failingPlugin);
    expect(runGatedSynth(app, {}, print)).toBe(false);
    expect(process.exitCode).toBe(1);
    expect(printed[0].split('\n')).toEqual([
      'S (1 finding)',
      "  [A1] S/Topic: the topic is wrong (Alpha Check, error; acknowledge with 'Alpha-Check::A1' and a reason only if it is accepted)",
      `      created at ${THIS_FILE}:${lineOf('// the topic')}`,
      '',
      'Synthesis failed: Alpha Check (1 finding(s)) failed after the SFX gate passed; the cloud assembly holds no template, no manifest and no ' +
        `asset (reports stay in ${outdir}).`,
    ]);
  });

  test('any other failure (here of onSuccess) prints one line', () => {
    expect(
      runGatedSynth(
        tinyApp().app,
        {
          onSuccess: () => {
            throw new Error('the snapshot cannot be copied');
          },
        },
        print,
      ),
    ).toBe(false);
    expect(
      runGatedSynth(
        tinyApp().app,
        {
          onSuccess: () => {
            throw 'a thrown string';
          },
        },
        print,
      ),
    ).toBe(false);
    expect(printed).toEqual(['Synthesis failed: the snapshot cannot be copied', 'Synthesis failed: a thrown string']);
    expect(process.exitCode).toBe(1);
  });

  test('prints to stderr unless told otherwise', () => {
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(
      runGatedSynth(tinyApp().app, {
        onSuccess: () => {
          throw new Error('no');
        },
      }),
    ).toBe(false);
    expect(stderr.mock.calls).toEqual([['Synthesis failed: no']]);
  });
});

/** Stacks, a nested stack, and constructs outside any stack. */
function findingApp(): App {
  const app = new App();
  const parent = new Stack(app, 'Parent');
  new CfnResource(new NestedStack(parent, 'Child'), 'Queue', { type: 'AWS::SQS::Queue' });
  new CfnResource(parent, 'Topic', { type: 'AWS::SNS::Topic' });
  new Construct(app, 'Loose');
  new Construct(new Stage(app, 'Dev'), 'Loose');
  return app;
}

describe('formatFindingReport', () => {
  const app = findingApp();
  const finding = (constructPath: string, ruleName = 'R1'): CheckFinding => ({
    check: 'Check',
    ruleName,
    description: 'wrong',
    severity: 'warning',
    constructPath,
    acknowledgeId: `Check::${ruleName}`,
  });
  const line = (constructPath: string, ruleName = 'R1') =>
    `  [${ruleName}] ${constructPath}: wrong (Check, warning; acknowledge with 'Check::${ruleName}' and a reason only if it is accepted)`;

  test("groups findings under the construct's stack (a nested stack its own), else the first segment of the path", () => {
    const report = formatFindingReport(
      [
        finding('Parent/Topic'),
        finding('Parent/Child/Queue'),
        finding('Parent/Topic', 'R2'),
        finding('Gone/Thing'),
        finding('Loose'),
        finding('Dev/Loose'),
      ],
      app,
      'it failed',
    );
    expect(report.split('\n')).toEqual([
      'Parent (2 findings)',
      line('Parent/Topic'),
      `      created at ${THIS_FILE}:${lineOf("new CfnResource(parent, 'Topic'")}`,
      line('Parent/Topic', 'R2'),
      `      created at ${THIS_FILE}:${lineOf("new CfnResource(parent, 'Topic'")}`,
      '',
      'Parent/Child (1 finding)',
      line('Parent/Child/Queue'),
      `      created at ${THIS_FILE}:${lineOf("new NestedStack(parent, 'Child')")}`,
      '',
      'Gone (1 finding)',
      line('Gone/Thing'),
      '',
      'Loose (1 finding)',
      line('Loose'),
      '',
      'Dev (1 finding)',
      line('Dev/Loose'),
      '',
      'Synthesis failed: it failed',
    ]);
  });

  test('no findings: the summary alone', () => {
    expect(formatFindingReport([], app, 'it failed')).toBe('Synthesis failed: it failed');
  });
});
