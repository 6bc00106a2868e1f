/**
 * Synthesis that leaves nothing deployable when any check fails (CONTROLS.md, "Failing synthesis,
 * whatever failed"). The SFX gate fails before templates are written; cdk-nag packs and
 * CloudFormation Validate run as validation plugins *after* CDK wrote every template, the
 * manifest and the assets, and CDK then throws. This wraps `app.synth()`: on any failure it
 * removes the templates, manifests and assets, keeps the reports of the checks that ran, and
 * rewrites the compliance reports to say FAIL with the failed checks.
 */
import { Stage } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { CheckOutcome, validationChecks } from './report/checks';
import { clearDeployableOutput } from './report/clear-assembly';
import { rewriteComplianceReports } from './report/write-reports';
import { ComplianceViolationError } from './violation-error';

export interface GatedSynthOptions {
  /**
   * Runs only after every check passed, before `synthesizeGated` returns: the place to change
   * committed files (for example to copy a Service Catalog product snapshot into the repository).
   */
  readonly onSuccess?: (assembly: CloudAssembly) => void;
}

/** Thrown when a check after the SFX gate (a validation plugin) or synthesis itself failed. */
export class SynthesisFailedError extends Error {
  constructor(
    message: string,
    public readonly checks: readonly CheckOutcome[],
    public readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'SynthesisFailedError';
  }
}

export function synthesizeGated(app: Stage, options: GatedSynthOptions = {}): CloudAssembly {
  const exitCodeBefore = process.exitCode;
  let assembly: CloudAssembly;
  try {
    assembly = app.synth();
  } catch (error) {
    // The gate cleaned up and wrote its reports already: its error says everything.
    if (error instanceof ComplianceViolationError) throw error;
    throw fail(app, firstLine(error instanceof Error ? error.message : String(error)), error);
  }
  // A CDK app in "process" mode reports failed validation plugins through the exit code, not a throw.
  const checks = validationChecks(app.outdir);
  if (checks.some((c) => c.outcome === 'fail') || (process.exitCode !== exitCodeBefore && Number(process.exitCode) !== 0)) {
    throw fail(
      app,
      // Said only when no check failed: then the exit code did (@aws-cdk/core:strictCfnValidateErrors fails on warnings).
      `CDK set exit code ${process.exitCode} while no check in validation-report.json failed (strict validation counts warnings)`,
      undefined,
      checks,
    );
  }
  rewriteComplianceReports(app, checks);
  options.onSuccess?.(assembly);
  return assembly;
}

/** `stopped` says what stopped synthesis when no validation plugin failed. */
function fail(app: Stage, stopped: string, error: unknown, found?: CheckOutcome[]): SynthesisFailedError {
  clearDeployableOutput(app.outdir);
  const checks = found ?? validationChecks(app.outdir);
  const failed = checks.filter((c) => c.outcome === 'fail');
  const outcomes = failed.length > 0 ? checks : [...checks, { name: 'CDK synthesis', outcome: 'fail' as const, findings: 0, detail: stopped }];
  rewriteComplianceReports(app, outcomes);
  const reason =
    failed.length > 0
      ? `${failed.map((c) => `${c.name} (${c.findings} finding(s))`).join(', ')} failed after the SFX gate passed`
      : `synthesis failed: ${stopped}`;
  return new SynthesisFailedError(
    `${reason}; the cloud assembly holds no template, no manifest and no asset (reports stay in ${app.outdir}).`,
    outcomes,
    error,
  );
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}
