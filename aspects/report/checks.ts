/**
 * The other checks of one synthesis (cdk-nag packs, CloudFormation Validate, any validation
 * plugin), as plain data for the reports. CDK writes their outcome to validation-report.json.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface CheckOutcome {
  /** The plugin's name, e.g. `AwsSolutions`, `CloudFormation Validate`. */
  readonly name: string;
  readonly outcome: 'pass' | 'fail';
  /** Unacknowledged findings. */
  readonly findings: number;
  /** Where its own report is, relative to the assembly directory. */
  readonly report?: string;
  /** For a failure that is not a plugin's: what stopped synthesis. */
  readonly detail?: string;
}

const VALIDATION_REPORT = 'validation-report.json';

interface ValidationReportFile {
  readonly pluginReports?: readonly {
    pluginName?: string;
    conclusion?: string;
    violations?: readonly {
      ruleName?: string;
      description?: string;
      severity?: string;
      violatingConstructs?: readonly { constructPath?: string }[];
    }[];
  }[];
}

/** One unacknowledged finding of a failed validation plugin, on one construct. */
export interface CheckFinding {
  readonly check: string;
  readonly ruleName: string;
  readonly description: string;
  readonly severity: string;
  readonly constructPath: string;
  /** The id `Validations.of(scope).acknowledge` takes to accept it. */
  readonly acknowledgeId: string;
}

/** Every finding of the failed plugins in `outdir`'s validation-report.json, one per construct. */
export function validationFindings(outdir: string): CheckFinding[] {
  let plugins: ValidationReportFile['pluginReports'];
  try {
    plugins = (JSON.parse(fs.readFileSync(path.join(outdir, VALIDATION_REPORT), 'utf8')) as ValidationReportFile).pluginReports;
  } catch {
    // No report, or one that cannot be read: no findings to list (validationChecks reports it as a failed check).
  }
  if (!plugins) return [];
  return plugins
    .filter((plugin) => plugin.conclusion !== 'success')
    .flatMap((plugin) => {
      const check = String(plugin.pluginName ?? 'validation plugin');
      return (plugin.violations ?? []).flatMap((v) =>
        (v.violatingConstructs ?? [{}]).map((c) => ({
          check,
          ruleName: String(v.ruleName ?? ''),
          description: String(v.description ?? ''),
          severity: String(v.severity ?? 'error'),
          constructPath: String(c.constructPath ?? ''),
          acknowledgeId: `${check.replace(/\s+/g, '-')}::${v.ruleName ?? ''}`,
        })),
      );
    });
}

/** The outcome of each validation plugin recorded in `outdir`'s validation-report.json (none when it is absent). */
export function validationChecks(outdir: string): CheckOutcome[] {
  const file = path.join(outdir, VALIDATION_REPORT);
  if (!fs.existsSync(file)) return [];
  let report: ValidationReportFile;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8')) as ValidationReportFile;
  } catch {
    return [{ name: 'CDK validation', outcome: 'fail', findings: 0, report: VALIDATION_REPORT, detail: `${VALIDATION_REPORT} cannot be read` }];
  }
  return (report.pluginReports ?? []).map((plugin) => ({
    name: String(plugin.pluginName ?? 'validation plugin'),
    outcome: plugin.conclusion === 'success' ? 'pass' : 'fail',
    findings: plugin.conclusion === 'success' ? 0 : (plugin.violations?.length ?? 0),
    report: VALIDATION_REPORT,
  }));
}

/** Overall outcome: the gate's violations and every other check. */
export function overallOutcome(violations: number, checks: readonly CheckOutcome[]): 'pass' | 'fail' {
  return violations === 0 && checks.every((check) => check.outcome === 'pass') ? 'pass' : 'fail';
}
