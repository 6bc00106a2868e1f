/** compliance-report.json: the full evidence of one gate run. A pure function of plain data (the CLI reuses it). */
import type { GateResult } from '../compliance-gate';
import { Acknowledgement } from './acknowledgements';
import { CheckOutcome, overallOutcome } from './checks';

/** The only field that changes between two synths of the same commit; comparisons ignore it. */
export const TIMESTAMP_FIELD = 'generatedAt';

/**
 * `checks` are the other checks of the synthesis (validation plugins: cdk-nag packs, CloudFormation
 * Validate); the outcome is `fail` when the gate or any of them failed.
 */
export function jsonReport(
  result: GateResult,
  acknowledgements: readonly Acknowledgement[],
  versions: Record<string, string>,
  checks: readonly CheckOutcome[] = [],
): object {
  const waived = result.waived ?? [];
  const waivers = result.waivers ?? [];
  return {
    reportVersion: '1.1',
    [TIMESTAMP_FIELD]: new Date().toISOString(),
    synthesisRoot: result.synthesisRoot,
    outcome: overallOutcome(result.violations.length, checks),
    gateOutcome: result.violations.length === 0 ? 'pass' : 'fail',
    toolVersions: versions,
    summary: {
      rules: result.rules.length,
      evaluations: result.evaluations.length,
      violations: result.violations.length,
      waived: waived.length,
      waivers: waivers.length,
      unusedWaivers: waivers.filter((w) => w.status === 'unused').length,
      acknowledgements: acknowledgements.length,
      failedChecks: checks.filter((c) => c.outcome === 'fail').length,
    },
    rules: result.rules.map((rule) => ({
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      mandated: rule.mandated,
      waivable: !rule.mandated,
      rationale: rule.rationale,
      remediation: rule.remediation,
      resourceTypes: rule.resourceTypes,
      judgesStacks: rule.checkStack !== undefined,
      frameworks: rule.frameworks,
    })),
    evaluations: result.evaluations.map((e) => ({
      ruleId: e.ruleId,
      path: e.path,
      stackPath: e.stackPath,
      logicalId: e.logicalId ?? null,
      resourceType: e.resourceType,
      outcome: e.violations.length > 0 ? 'fail' : (e.waived ?? 0) > 0 ? 'waived' : 'pass',
      violations: e.violations.length,
      ...((e.waived ?? 0) > 0 ? { waived: e.waived } : {}),
    })),
    violations: result.violations,
    // Violations accepted by a current waiver, each with the waiver that accepted it.
    waived,
    // Every waiver declared under the root: applied, expired (its violations fail again) or unused.
    waivers,
    // The cdk-nag (validation plugin) acknowledgements.
    acknowledgements,
    // The checks that ran after the gate (validation plugins), or what else stopped synthesis.
    checks,
  };
}
