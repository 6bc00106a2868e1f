/**
 * What sfx-check prints: the gate's own violation lines, or the gate's reports
 * (aspects/report/*) rendered from the same result. SARIF locations point at the checked files
 * themselves (the line of each resource in the file as written, JSON or YAML).
 */
import { formatViolation } from '../aspects/violation-error';
import { jsonReport } from '../aspects/report/json-report';
import { markdownReport } from '../aspects/report/markdown-report';
import { sarifReport } from '../aspects/report/sarif-report';
import { toolVersions } from '../aspects/report/tool-versions';
import { CheckOutcome } from './check';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function render(outcome: CheckOutcome, format: Format): string {
  const { result } = outcome;
  switch (format) {
    case 'text':
      return result.violations.map((violation) => `${formatViolation(violation)}\n`).join('');
    case 'json':
      return `${JSON.stringify(jsonReport(result, [], toolVersions()), undefined, 2)}\n`;
    case 'markdown':
      return markdownReport(result, []);
    case 'sarif':
      return `${JSON.stringify(sarifForFiles(outcome), undefined, 2)}\n`;
  }
}

interface SarifLocation {
  physicalLocation?: { artifactLocation?: { uri?: string; uriBaseId?: string }; region?: { startLine?: number } };
}

/**
 * The gate's SARIF with each location moved from the CDK rendering (cdk.out/) to the file that
 * was checked, relative to the working directory.
 */
function sarifForFiles(outcome: CheckOutcome): object {
  const byStack = new Map(outcome.templates.map((t) => [t.stackPath, t]));
  // Every checked template is a file: locate results there (the gate's SARIF does so only for templates in cdk.out).
  const sarif = sarifReport(outcome.result, toolVersions(), undefined, { templateExists: () => true }) as {
    runs: { originalUriBaseIds?: object; results: { locations?: SarifLocation[] }[] }[];
  };
  const violations = outcome.result.violations;
  for (const run of sarif.runs) {
    run.originalUriBaseIds = { CDK_OUT: { uri: './', uriBaseId: '%SRCROOT%' } };
    run.results.forEach((result, index) => {
      const violation = violations[index];
      const template = violation ? byStack.get(violation.stackPath) : undefined;
      const physical = result.locations?.[0]?.physicalLocation;
      if (!template || !physical?.artifactLocation) return;
      physical.artifactLocation.uri = outcome.result.templates.get(template.stackPath)!.file;
      physical.region = { startLine: (violation.logicalId && template.resourceLines.get(violation.logicalId)) || 1 };
    });
  }
  return sarif;
}
