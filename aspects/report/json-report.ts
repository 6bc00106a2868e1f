/** compliance-report.json: the full evidence of one gate run. */
import { GateResult } from '../compliance-gate';
import { Acknowledgement } from './acknowledgements';

/** The only field that changes between two synths of the same commit; comparisons ignore it. */
export const TIMESTAMP_FIELD = 'generatedAt';

export function jsonReport(result: GateResult, acknowledgements: Acknowledgement[], versions: Record<string, string>): object {
  return {
    reportVersion: '1.0',
    [TIMESTAMP_FIELD]: new Date().toISOString(),
    synthesisRoot: result.synthesisRoot,
    outcome: result.violations.length === 0 ? 'pass' : 'fail',
    toolVersions: versions,
    summary: {
      rules: result.rules.length,
      evaluations: result.evaluations.length,
      violations: result.violations.length,
      acknowledgements: acknowledgements.length,
    },
    rules: result.rules.map((rule) => ({
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      mandated: rule.mandated,
      waivable: false,
      rationale: rule.rationale,
      remediation: rule.remediation,
      resourceTypes: rule.resourceTypes,
      judgesStacks: rule.judgesStacks,
      frameworks: rule.frameworks,
    })),
    evaluations: result.evaluations.map((e) => ({
      ruleId: e.ruleId,
      path: e.path,
      stackPath: e.stackPath,
      logicalId: e.logicalId ?? null,
      resourceType: e.resourceType,
      outcome: e.violations.length === 0 ? 'pass' : 'fail',
      violations: e.violations.length,
    })),
    violations: result.violations,
    // The SFX controls cannot be waived; these are the cdk-nag (validation plugin) acknowledgements.
    acknowledgements,
  };
}
