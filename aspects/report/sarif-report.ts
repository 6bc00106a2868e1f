/** compliance-report.sarif: SARIF 2.1.0 for code-scanning tools (one rule per SFX id). */
import { GateResult } from '../compliance-gate';
import { formatViolation } from '../violation-error';
import { resourceLine } from './template-location';

const SEVERITY_SCORE = { critical: '9.0', high: '7.5', medium: '5.0' } as const;

/**
 * `templateUri` maps a stack's template file (relative to its own assembly) to its path relative
 * to the report's directory: a Stage's stacks sit in `assembly-<stage>/`.
 */
export function sarifReport(
  result: GateResult, versions: Record<string, string>,
  templateUri: (stackPath: string, file: string) => string = (_stackPath, file) => file,
): object {
  const ruleIndex = new Map(result.rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'sfx-compliance-gate',
          version: versions['sfx-compliance-gate'],
          rules: result.rules.map((rule) => ({
            id: rule.id,
            name: rule.id.replace(/^SFX-/, '').toLowerCase().replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
            shortDescription: { text: rule.title },
            fullDescription: { text: rule.rationale },
            help: {
              text: `${rule.remediation} Frameworks: ${rule.frameworks.map((f) => `${f.framework} ${f.control}`).join('; ')}.`,
              markdown: `**Fix:** ${rule.remediation}\n\n**Why:** ${rule.rationale}\n\n**Frameworks:** ${rule.frameworks.map((f) => `${f.framework} ${f.control}`).join('; ')}`,
            },
            defaultConfiguration: { level: 'error' },
            properties: {
              tags: ['security', 'compliance', ...(rule.mandated ? ['mandated'] : [])],
              precision: 'very-high',
              'security-severity': SEVERITY_SCORE[rule.severity],
            },
          })),
        },
      },
      originalUriBaseIds: { CDK_OUT: { uri: 'cdk.out/', uriBaseId: '%SRCROOT%' } },
      results: result.violations.map((violation) => {
        const template = result.templates.get(violation.stackPath);
        return {
          ruleId: violation.ruleId,
          ruleIndex: ruleIndex.get(violation.ruleId) ?? 0,
          level: 'error',
          message: { text: formatViolation(violation) },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: template ? templateUri(violation.stackPath, template.file) : 'manifest.json', uriBaseId: 'CDK_OUT' },
              region: { startLine: template ? resourceLine(template.view, violation.logicalId) : 1 },
            },
            logicalLocations: [{
              fullyQualifiedName: violation.path,
              ...(violation.logicalId ? { name: violation.logicalId } : {}),
              kind: 'resource',
            }],
          }],
          partialFingerprints: { constructPath: `${violation.ruleId}:${violation.path}` },
        };
      }),
    }],
  };
}
