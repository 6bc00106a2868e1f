/** compliance-report.md: a human summary (CI job summaries, PR comments). A pure function of plain data. */
import type { GateResult } from '../compliance-gate';
import { formatViolation } from '../violation-error';
import { Acknowledgement } from './acknowledgements';
import { CheckOutcome, overallOutcome } from './checks';

export function markdownReport(result: GateResult, acknowledgements: readonly Acknowledgement[], checks: readonly CheckOutcome[] = []): string {
  const outcome = overallOutcome(result.violations.length, checks) === 'pass' ? 'PASS' : 'FAIL';
  const waived = result.waived ?? [];
  const waivers = result.waivers ?? [];
  const failedChecks = checks.filter((c) => c.outcome === 'fail');
  const lines = [
    `# SFX compliance gate: ${outcome}`,
    '',
    `Synthesis root: ${result.synthesisRoot}. ${result.evaluations.length} evaluations, ${result.violations.length} violation(s), ` +
      `${waived.length} waived, ${acknowledgements.length} acknowledged validation finding(s)` +
      (failedChecks.length > 0 ? `, ${failedChecks.length} failed check(s) after the gate (${failedChecks.map((c) => c.name).join(', ')}).` : '.'),
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
  if (checks.length > 0) {
    lines.push(
      '',
      '## Other checks',
      '',
      '| Check | Outcome | Findings | Report |',
      '| --- | --- | --- | --- |',
      ...checks.map(
        (c) => `| ${c.name} | ${c.outcome === 'pass' ? 'PASS' : 'FAIL'} | ${c.findings} | ${c.report ?? (c.detail ? escape(c.detail) : '')} |`,
      ),
    );
  }
  if (waivers.length > 0) {
    lines.push(
      '',
      '## Waivers',
      '',
      '| Control | Construct | Reason | Expires | Status | Matched |',
      '| --- | --- | --- | --- | --- | --- |',
      ...waivers.map((w) => `| ${w.ruleId} | ${w.path || 'the app'} | ${escape(w.reason)} | ${w.expires} | ${w.status} | ${w.matched.length} |`),
    );
  }
  if (waived.length > 0) {
    lines.push(
      '',
      '## Waived violations',
      '',
      ...waived.map((v) => `- ${formatViolation(v)} Waived on ${v.waiver.path || 'the app'} until ${v.waiver.expires}: ${oneLine(v.waiver.reason)}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Table cells: a `|` would end the cell and a newline the row. */
function escape(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}

/** List items: a newline would end the item and turn the rest of the reason into a paragraph of its own. */
function oneLine(text: string): string {
  return text.replace(/\n/g, ' ');
}
