/**
 * What a failing `cdk synth` prints: each violation once, grouped by stack, with the user's source
 * line, then a one-line summary; never a stack trace or an object dump. `runGatedSynth` is what an
 * app's entry point calls instead of `app.synth()`.
 */
import { Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CheckFinding, validationFindings } from './report/checks';
import { GatedSynthOptions, SynthesisFailedError, synthesizeGated } from './gated-synth';
import { SourceLocator, sourceLocatorFor } from './report/source-location';
import { ComplianceViolationError, GateViolation, formatViolation } from './violation-error';

/** The violations grouped by stack, each with where the user created the construct, and a summary line. */
export function formatViolationReport(
  violations: readonly GateViolation[],
  synthesisRoot: string,
  sourceOf: SourceLocator = () => undefined,
): string {
  const byStack = new Map<string, GateViolation[]>();
  for (const v of violations) byStack.set(v.stackPath, [...(byStack.get(v.stackPath) ?? []), v]);
  const lines: string[] = [];
  for (const [stack, list] of byStack) {
    lines.push(`${stack} (${list.length} violation${list.length === 1 ? '' : 's'})`);
    for (const v of list) {
      const source = sourceOf(v.path);
      lines.push(`  ${formatViolation(v)}`);
      if (source) lines.push(`      created at ${source.uri}:${source.line}`);
    }
    lines.push('');
  }
  const rules = new Set(violations.map((v) => v.ruleId)).size;
  lines.push(
    `SFX compliance gate: FAIL. ${violations.length} violation${violations.length === 1 ? '' : 's'} of ${rules} ` +
      `control${rules === 1 ? '' : 's'} in ${byStack.size} stack${byStack.size === 1 ? '' : 's'} of ${synthesisRoot}; cdk.out holds the ` +
      `reports and no template.`,
  );
  return lines.join('\n');
}

/**
 * Synthesizes `app` through {@link synthesizeGated}; on failure prints the report to stderr and
 * sets the exit code to 1 (the process then ends normally: no uncaught-exception dump).
 * Returns whether synthesis passed. Create the App with `autoSynth: false`: under the CDK CLI an
 * App otherwise synthesizes once more when the process exits, and a failure there is uncaught.
 */
export function runGatedSynth(app: Stage, options: GatedSynthOptions = {}, print: (text: string) => void = (text) => console.error(text)): boolean {
  try {
    synthesizeGated(app, options);
    return true;
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof ComplianceViolationError) {
      print(formatViolationReport(error.violations, app.node.path || 'the app', sourceLocatorFor(app)));
    } else if (error instanceof SynthesisFailedError) {
      print(formatFindingReport(validationFindings(app.outdir), app, error.message));
    } else {
      print(`Synthesis failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return false;
  }
}

/** The findings of the validation plugins that failed, grouped by stack, then the one-line summary. */
export function formatFindingReport(findings: readonly CheckFinding[], app: IConstruct, summary: string): string {
  const byPath = new Map(app.node.findAll().map((c) => [c.node.path, c]));
  const sourceOf = sourceLocatorFor(app);
  const stackOf = (constructPath: string) => {
    const construct = byPath.get(constructPath);
    try {
      return construct ? Stack.of(construct).node.path : constructPath.split('/')[0];
    } catch {
      return constructPath.split('/')[0];
    }
  };
  const byStack = new Map<string, CheckFinding[]>();
  for (const f of findings) byStack.set(stackOf(f.constructPath), [...(byStack.get(stackOf(f.constructPath)) ?? []), f]);
  const lines: string[] = [];
  for (const [stack, list] of byStack) {
    lines.push(`${stack} (${list.length} finding${list.length === 1 ? '' : 's'})`);
    for (const f of list) {
      const source = sourceOf(f.constructPath);
      lines.push(
        `  [${f.ruleName}] ${f.constructPath}: ${f.description} (${f.check}, ${f.severity}; acknowledge with '${f.acknowledgeId}' and a ` +
          `reason only if it is accepted)`,
      );
      if (source) lines.push(`      created at ${source.uri}:${source.line}`);
    }
    lines.push('');
  }
  lines.push(`Synthesis failed: ${summary}`);
  return lines.join('\n');
}
