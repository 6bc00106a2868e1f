/** aspects/report/checks.ts: the validation plugins' outcome, read from a real validation-report.json in a temp dir. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { overallOutcome, validationChecks, validationFindings } from '../../aspects/report/checks';

function outdirWith(report?: string | object): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-checks-'));
  if (report !== undefined) {
    fs.writeFileSync(path.join(outdir, 'validation-report.json'), typeof report === 'string' ? report : JSON.stringify(report));
  }
  return outdir;
}

const REPORT = {
  pluginReports: [
    { pluginName: 'AwsSolutions', conclusion: 'success', violations: [{ ruleName: 'Passed', violatingConstructs: [{ constructPath: 'S/A' }] }] },
    {
      pluginName: 'CloudFormation  Validate',
      conclusion: 'failure',
      violations: [
        {
          ruleName: 'E3002',
          description: 'NoSuchProperty is not allowed',
          severity: 'warning',
          violatingConstructs: [{ constructPath: 'S/Topic' }, { constructPath: 'S/Other' }],
        },
        {},
      ],
    },
    { conclusion: 'failure' },
  ],
};

describe('validationFindings', () => {
  test('one finding per construct of each failed plugin, with the id Validations.acknowledge takes', () => {
    expect(validationFindings(outdirWith(REPORT))).toEqual([
      {
        check: 'CloudFormation  Validate',
        ruleName: 'E3002',
        description: 'NoSuchProperty is not allowed',
        severity: 'warning',
        constructPath: 'S/Topic',
        acknowledgeId: 'CloudFormation-Validate::E3002',
      },
      {
        check: 'CloudFormation  Validate',
        ruleName: 'E3002',
        description: 'NoSuchProperty is not allowed',
        severity: 'warning',
        constructPath: 'S/Other',
        acknowledgeId: 'CloudFormation-Validate::E3002',
      },
      // A violation that says nothing: still one finding, severity error, on no construct.
      {
        check: 'CloudFormation  Validate',
        ruleName: '',
        description: '',
        severity: 'error',
        constructPath: '',
        acknowledgeId: 'CloudFormation-Validate::',
      },
    ]);
  });

  test('an unnamed failed plugin is "validation plugin"', () => {
    const report = { pluginReports: [{ conclusion: 'failure', violations: [{ ruleName: 'R1', violatingConstructs: [{ constructPath: 'S/X' }] }] }] };
    expect(validationFindings(outdirWith(report)).map((f) => [f.check, f.acknowledgeId])).toEqual([['validation plugin', 'validation-plugin::R1']]);
  });

  test('none without a report, with an unreadable one, or without plugin reports', () => {
    expect(validationFindings(outdirWith())).toEqual([]);
    expect(validationFindings(outdirWith('{ not json'))).toEqual([]);
    expect(validationFindings(outdirWith({}))).toEqual([]);
  });
});

describe('validationChecks', () => {
  test('each plugin passes with no findings or fails with the count of its violations', () => {
    expect(validationChecks(outdirWith(REPORT))).toEqual([
      { name: 'AwsSolutions', outcome: 'pass', findings: 0, report: 'validation-report.json' },
      { name: 'CloudFormation  Validate', outcome: 'fail', findings: 2, report: 'validation-report.json' },
      { name: 'validation plugin', outcome: 'fail', findings: 0, report: 'validation-report.json' },
    ]);
  });

  test('no checks without a report or plugin reports; an unreadable report is a failed check of its own', () => {
    expect(validationChecks(outdirWith())).toEqual([]);
    expect(validationChecks(outdirWith({}))).toEqual([]);
    expect(validationChecks(outdirWith('{ not json'))).toEqual([
      { name: 'CDK validation', outcome: 'fail', findings: 0, report: 'validation-report.json', detail: 'validation-report.json cannot be read' },
    ]);
  });
});

describe('overallOutcome', () => {
  const pass = { name: 'A', outcome: 'pass' as const, findings: 0 };
  const fail = { name: 'B', outcome: 'fail' as const, findings: 1 };

  test('passes only without violations and with every check passed', () => {
    expect(overallOutcome(0, [])).toBe('pass');
    expect(overallOutcome(0, [pass, pass])).toBe('pass');
    expect(overallOutcome(1, [pass])).toBe('fail');
    expect(overallOutcome(0, [pass, fail])).toBe('fail');
  });
});
