/** compliance-report.md: the short human summary (CI job summaries, PR comments). */
import { GateResult } from '../compliance-gate';
import { formatViolation } from '../violation-error';
import { Acknowledgement } from './acknowledgements';

export function markdownReport(result: GateResult, acknowledgements: Acknowledgement[]): string {
  const outcome = result.violations.length === 0 ? 'PASS' : 'FAIL';
  const lines = [
    `# SFX compliance gate: ${outcome}`,
    '',
    `Synthesis root: ${result.synthesisRoot}. ${result.evaluations.length} evaluations, ${result.violations.length} violation(s), ${acknowledgements.length} acknowledged validation finding(s).`,
    '',
    '| Control | Mandated | Evaluated | Violations |',
    '| --- | --- | --- | --- |',
    ...result.rules.map((rule) => {
      const evaluated = result.evaluations.filter((e) => e.ruleId === rule.id).length;
      const violations = result.violations.filter((v) => v.ruleId === rule.id).length;
      return `| ${rule.id}: ${rule.title} | ${rule.mandated ? 'yes' : 'no'} | ${evaluated} | ${violations} |`;
    }),
  ];
  if (result.violations.length > 0) {
    lines.push('', '## Violations', '', ...result.violations.map((v) => `- ${formatViolation(v)}`));
  }
  return `${lines.join('\n')}\n`;
}
