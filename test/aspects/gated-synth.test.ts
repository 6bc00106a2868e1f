/**
 * aspects/gated-synth.ts on tiny apps (one topic each; CDK's built-in CloudFormation validation off,
 * validation plugins of the test's own): whatever fails, only reports stay, and they say why.
 */
import { App, CfnElement, CfnResource, IPolicyValidationPlugin, Stack, Validations } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyCompliance } from '../../aspects';
import { SynthesisFailedError, synthesizeGated } from '../../aspects/gated-synth';
import { ComplianceViolationError } from '../../aspects/violation-error';

const REPORTS = ['compliance-report.json', 'compliance-report.md', 'compliance-report.sarif'];

/**
 * A validation plugin reporting `findings` errors on the topic (none: success), or one warning when
 * `warning` (validation-report.json lists only plugins that found something).
 */
function plugin(name: string, findings: number, warning = false): IPolicyValidationPlugin {
  return {
    name,
    validate: (context) => ({
      success: findings === 0,
      violations: Array.from({ length: warning ? 1 : findings }, (_, i) => ({
        ruleName: `${name}-${i}`,
        description: 'the topic is wrong',
        severity: warning ? 'warning' : 'error',
        violatingResources: [{ resourceLogicalId: 'Topic', templatePath: context.templatePaths[0], locations: ['Properties'] }],
      })),
    }),
  };
}

/** An element whose rendering throws `thrown`. */
class Broken extends CfnElement {
  constructor(
    scope: Construct,
    private readonly thrown: unknown,
  ) {
    super(scope, 'Broken');
  }
  _toCloudFormation(): object {
    throw this.thrown;
  }
}

interface TinyApp {
  app: App;
  outdir: string;
  stack: Stack;
}

function tinyApp(options: { plugins?: IPolicyValidationPlugin[]; region?: string; context?: Record<string, unknown> } = {}): TinyApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-gated-'));
  const app = new App({ outdir, builtinCloudFormationValidation: false, context: options.context });
  if (options.plugins) Validations.of(app).addPlugins(...options.plugins);
  const stack = new Stack(app, 'S', { env: { region: options.region ?? 'eu-west-1' } });
  new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
  applyCompliance(app);
  return { app, outdir, stack };
}

function failure(app: App, onSuccess?: (assembly: CloudAssembly) => void): SynthesisFailedError {
  try {
    synthesizeGated(app, { onSuccess });
  } catch (error) {
    if (error instanceof SynthesisFailedError) return error;
    throw error;
  }
  throw new Error('synthesis passed');
}

const files = (outdir: string) => fs.readdirSync(outdir).sort();
const report = (outdir: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'compliance-report.json'), 'utf8')) as Record<string, unknown>;
const markdown = (outdir: string) => fs.readFileSync(path.join(outdir, 'compliance-report.md'), 'utf8');
const held = (outdir: string) => `; the cloud assembly holds no template, no manifest and no asset (reports stay in ${outdir}).`;

let exitCode: typeof process.exitCode;
beforeEach(() => {
  exitCode = process.exitCode;
});
afterEach(() => {
  process.exitCode = exitCode;
  delete process.env.CDK_APP_MODE;
});

describe('a passing synth', () => {
  test('returns the assembly, hands it to onSuccess, keeps the build and records the checks that passed', () => {
    const { app, outdir } = tinyApp({ plugins: [plugin('Probe', 0, true)] });
    const received: CloudAssembly[] = [];
    const assembly = synthesizeGated(app, { onSuccess: (a) => received.push(a) });
    expect(received).toEqual([assembly]);
    expect(assembly.directory).toBe(outdir);
    expect(assembly.stacks.map((s) => s.stackName)).toEqual(['S']);
    expect(files(outdir)).toEqual(expect.arrayContaining(['S.template.json', 'manifest.json', ...REPORTS]));
    expect(report(outdir)).toMatchObject({
      outcome: 'pass',
      checks: [{ name: 'Probe', outcome: 'pass', findings: 0, report: 'validation-report.json' }],
    });
  });

  test('an exit code set before synthesis, or one reset to 0 during it, is no failure', () => {
    process.exitCode = 3;
    expect(() => synthesizeGated(tinyApp().app)).not.toThrow();
    const { app, stack } = tinyApp();
    stack.node.addValidation({ validate: () => ((process.exitCode = 0), []) });
    expect(() => synthesizeGated(app)).not.toThrow();
  });
});

describe('the SFX gate fails', () => {
  test('its own error, unwrapped: it already cleared the assembly and wrote its reports; onSuccess is not called', () => {
    const { app, outdir } = tinyApp({ region: 'us-east-1' });
    let called = false;
    expect(() => synthesizeGated(app, { onSuccess: () => (called = true) })).toThrow(ComplianceViolationError);
    expect(called).toBe(false);
    expect(files(outdir)).toEqual(REPORTS);
  });
});

describe('validation plugins fail after the gate passed', () => {
  function failedPlugins() {
    const tiny = tinyApp({ plugins: [plugin('Alpha', 1), plugin('Beta', 2), plugin('Gamma', 0, true)] });
    let called = false;
    const error = failure(tiny.app, () => (called = true));
    return { ...tiny, error, called };
  }

  test('names each failed plugin with its findings, and where the reports are', () => {
    const { outdir, error, called } = failedPlugins();
    expect(error.message).toBe(`Alpha (1 finding(s)), Beta (2 finding(s)) failed after the SFX gate passed${held(outdir)}`);
    expect(error.name).toBe('SynthesisFailedError');
    expect(error.cause).toBeInstanceOf(Error);
    expect(called).toBe(false);
  });

  test('leaves only the reports, which list every plugin and say FAIL', () => {
    const { outdir, error } = failedPlugins();
    const checks = [
      { name: 'Alpha', outcome: 'fail', findings: 1, report: 'validation-report.json' },
      { name: 'Beta', outcome: 'fail', findings: 2, report: 'validation-report.json' },
      { name: 'Gamma', outcome: 'pass', findings: 0, report: 'validation-report.json' },
    ];
    expect(error.checks).toEqual(checks);
    expect(files(outdir)).toEqual([...REPORTS, 'validation-report.json']);
    expect(report(outdir)).toMatchObject({ outcome: 'fail', gateOutcome: 'pass', checks });
  });
});

describe('synthesis fails for another reason', () => {
  test('after the gate wrote its reports: they are rewritten with the CDK error as a failed check', () => {
    const { app, outdir, stack } = tinyApp();
    stack.node.addValidation({ validate: () => ['the stack is not ready'] });
    const error = failure(app);
    const stopped = { name: 'CDK synthesis', outcome: 'fail', findings: 0, detail: 'Validation failed with the following errors:' };
    expect(error.message).toBe(`synthesis failed: Validation failed with the following errors:${held(outdir)}`);
    expect(error.checks).toEqual([stopped]);
    expect(files(outdir)).toEqual(REPORTS);
    expect(report(outdir)).toMatchObject({ outcome: 'fail', gateOutcome: 'pass', checks: [stopped] });
    expect(markdown(outdir)).toMatch(/^# SFX compliance gate: FAIL\n/);
  });

  test('while the gate rendered: the first line of the error, trimmed, or the thrown value itself', () => {
    const first = tinyApp();
    new Broken(first.stack, new Error('  the element cannot render  \n    at somewhere'));
    const error = failure(first.app);
    expect(error.message).toBe(`synthesis failed: the element cannot render${held(first.outdir)}`);
    expect(error.checks).toEqual([{ name: 'CDK synthesis', outcome: 'fail', findings: 0, detail: 'the element cannot render' }]);
    expect(error.cause).toEqual(new Error('  the element cannot render  \n    at somewhere'));
    const second = tinyApp();
    new Broken(second.stack, 'a thrown string');
    expect(failure(second.app).message).toBe(`synthesis failed: a thrown string${held(second.outdir)}`);
  });
});

describe('CDK in "process" mode (it sets the exit code instead of throwing)', () => {
  beforeEach(() => {
    process.env.CDK_APP_MODE = 'process';
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  test('a failed plugin fails synthesis all the same, with nothing deployable left', () => {
    const { app, outdir } = tinyApp({ plugins: [plugin('Alpha', 1)] });
    expect(failure(app).message).toBe(`Alpha (1 finding(s)) failed after the SFX gate passed${held(outdir)}`);
    expect(files(outdir)).toEqual([...REPORTS, 'validation-report.json']);
  });

  test('a failed plugin fails synthesis even when the exit code was already 1 before it', () => {
    process.exitCode = 1;
    const { app, outdir } = tinyApp({ plugins: [plugin('Alpha', 1)] });
    const error = failure(app);
    expect(error.message).toBe(`Alpha (1 finding(s)) failed after the SFX gate passed${held(outdir)}`);
    expect(error.checks).toEqual([{ name: 'Alpha', outcome: 'fail', findings: 1, report: 'validation-report.json' }]);
    expect(files(outdir)).toEqual([...REPORTS, 'validation-report.json']);
  });

  test('a warning under strictCfnValidateErrors: no check failed, the exit code says why synthesis stopped', () => {
    const { app, outdir } = tinyApp({ plugins: [plugin('Alpha', 0, true)], context: { '@aws-cdk/core:strictCfnValidateErrors': true } });
    const detail = 'CDK set exit code 1 while no check in validation-report.json failed (strict validation counts warnings)';
    const error = failure(app);
    expect(error.message).toBe(`synthesis failed: ${detail}${held(outdir)}`);
    expect(error.checks).toEqual([
      { name: 'Alpha', outcome: 'pass', findings: 0, report: 'validation-report.json' },
      { name: 'CDK synthesis', outcome: 'fail', findings: 0, detail },
    ]);
    expect(error.cause).toBeUndefined();
    expect(files(outdir)).toEqual([...REPORTS, 'validation-report.json']);
  });
});
