/**
 * compliance-report.sarif: SARIF 2.1.0 that GitHub code scanning accepts (one rule per SFX id).
 *
 * Each result's location is the user's TypeScript line that created the offending construct
 * (relative to %SRCROOT%, the repository); the template location is a related location, and only
 * when the template is in the assembly. `partialFingerprints` keep a result's identity across
 * commits (rule, construct path, message; not the line). Waived violations are results with a
 * `suppression` carrying the waiver's reason. A pure function of plain data: the CLI reuses it.
 */
import { createHash } from 'crypto';
import type { GateResult } from '../compliance-gate';
import { GateViolation, formatViolation } from '../violation-error';
import { CheckOutcome } from './checks';
import { SourceLocation } from './source-location';
import { resourceLine } from './template-location';

const SEVERITY_SCORE = { critical: '9.0', high: '7.5', medium: '5.0' } as const;

export interface SarifOptions {
  /** Checks run after the gate; a failed one makes the invocation unsuccessful. */
  readonly checks?: readonly CheckOutcome[];
  /** The user's source line that created the construct at a path. */
  readonly sourceOf?: (constructPath: string) => SourceLocation | undefined;
  /** Whether a template (URI relative to the assembly) exists; related locations only for those. @default () => false */
  readonly templateExists?: (uri: string) => boolean;
}

/**
 * `templateUri` maps a stack's template file (relative to its own assembly) to its path relative
 * to the report's directory: a Stage's stacks sit in `assembly-<stage>/`.
 */
export function sarifReport(
  result: GateResult,
  versions: Record<string, string>,
  templateUri: (stackPath: string, file: string) => string = (_stackPath, file) => file,
  options: SarifOptions = {},
): object {
  // Stryker disable next-line ArrayDeclaration: an element that is no check has no failed outcome, like no element
  const { checks = [], sourceOf, templateExists } = options;
  const ruleIndex = new Map(result.rules.map((rule, index) => [rule.id, index]));
  const toResult = (violation: GateViolation, suppression?: { reason: string; expires: string; path: string }) => {
    const template = result.templates.get(violation.stackPath);
    const uri = template ? templateUri(violation.stackPath, template.file) : undefined;
    const source = sourceOf?.(violation.path);
    const templateLocation =
      uri !== undefined && templateExists?.(uri)
        ? {
            id: 1,
            message: { text: `Rendered CloudFormation of ${violation.logicalId ?? violation.stackPath}` },
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: 'CDK_OUT' },
              region: { startLine: resourceLine(template!.view, violation.logicalId) },
            },
          }
        : undefined;
    const logicalLocations = [
      {
        fullyQualifiedName: violation.path,
        ...(violation.logicalId ? { name: violation.logicalId } : {}),
        kind: 'resource',
      },
    ];
    const primary = source
      ? {
          physicalLocation: {
            artifactLocation: { uri: source.uri, uriBaseId: '%SRCROOT%' },
            region: { startLine: source.line, ...(source.column ? { startColumn: source.column } : {}) },
          },
          logicalLocations,
        }
      : templateLocation
        ? { physicalLocation: templateLocation.physicalLocation, logicalLocations }
        : { logicalLocations };
    return {
      ruleId: violation.ruleId,
      ruleIndex: ruleIndex.get(violation.ruleId) ?? 0,
      level: 'error',
      message: { text: formatViolation(violation) },
      locations: [primary],
      ...(templateLocation && source ? { relatedLocations: [templateLocation] } : {}),
      partialFingerprints: { 'sfxViolation/v1': fingerprint(violation) },
      properties: { constructPath: violation.path, stackPath: violation.stackPath, resourceType: violation.resourceType },
      ...(suppression
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: `${suppression.reason} (waived on ${suppression.path || 'the app'} until ${suppression.expires})`,
              },
            ],
          }
        : {}),
    };
  };
  const failedChecks = checks.filter((c) => c.outcome === 'fail');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sfx-compliance-gate',
            version: versions['sfx-compliance-gate'],
            rules: result.rules.map((rule) => ({
              id: rule.id,
              name: rule.id
                .replace(/^SFX-/, '')
                .toLowerCase()
                .replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.rationale },
              help: {
                text: `${rule.remediation} Frameworks: ${rule.frameworks.map((f) => `${f.framework} ${f.control}`).join('; ')}.`,
                markdown:
                  `**Fix:** ${rule.remediation}\n\n**Why:** ${rule.rationale}\n\n**Frameworks:** ` +
                  `${rule.frameworks.map((f) => `${f.framework} ${f.control}`).join('; ')}`,
              },
              defaultConfiguration: { level: 'error' },
              properties: {
                tags: ['security', 'compliance', ...(rule.mandated ? ['mandated'] : ['waivable'])],
                precision: 'very-high',
                'problem.severity': 'error',
                'security-severity': SEVERITY_SCORE[rule.severity],
              },
            })),
          },
        },
        automationDetails: { id: 'sfx-compliance-gate/' },
        originalUriBaseIds: { CDK_OUT: { uri: 'cdk.out/', uriBaseId: '%SRCROOT%' } },
        invocations: [
          {
            executionSuccessful: result.violations.length === 0 && failedChecks.length === 0,
            ...(failedChecks.length > 0
              ? {
                  toolExecutionNotifications: failedChecks.map((c) => ({
                    level: 'error',
                    message: {
                      text:
                        `${c.name} failed after the SFX gate${c.findings ? ` with ${c.findings} finding(s)` : ''}` +
                        `${c.report ? ` (see ${c.report})` : ''}${c.detail ? `: ${c.detail}` : ''}; synthesis left no template.`,
                    },
                  })),
                }
              : {}),
          },
        ],
        results: [
          ...result.violations.map((violation) => toResult(violation)),
          ...(result.waived ?? []).map((violation) => toResult(violation, violation.waiver)),
        ],
      },
    ],
  };
}

/** Stable across commits: the rule, the construct path and what is wrong; never a line number. */
function fingerprint(violation: GateViolation): string {
  return createHash('sha256').update(`${violation.ruleId}\0${violation.path}\0${violation.message}`).digest('hex').slice(0, 32);
}
