/** The run-time part of rules/README.md: each rule's AWS Config rules or SCP, and what they cannot see. */
import { ComplianceRule } from '../../rules/core/rule';

const CONFIG_DOCS = 'https://docs.aws.amazon.com/config/latest/developerguide';

/** Lines under a rule's section. */
export function runtimeLines(rule: ComplianceRule): string[] {
  const runtime = rule.runtime;
  if (!runtime) return ['*After deployment:* no run-time counterpart is mapped.', ''];
  const controls = [
    ...runtime.configRules.map(
      ({ rule: r, covers }) =>
        `- AWS Config [\`${r.identifier}\`](${CONFIG_DOCS}/${r.name}.html) (${r.resourceTypes.map((t) => `\`${t}\``).join(', ')}; ${r.trigger}` +
        `${
          r.parameters
            ? `; ${Object.entries(r.parameters)
                .map(([k, v]) => `\`${k}=${v}\``)
                .join(', ')}`
            : ''
        }): ${covers}.`,
    ),
    ...(runtime.serviceControlPolicy
      ? [
          `- Service control policy [\`${runtime.serviceControlPolicy.document}\`](../${runtime.serviceControlPolicy.document}) on ` +
            `\`aws:RequestedRegion\`: ${runtime.serviceControlPolicy.covers}.`,
        ]
      : []),
  ];
  return [
    controls.length > 0 ? '*After deployment:*' : '*After deployment:* no AWS control acts on this after synthesis.',
    '',
    ...(controls.length > 0 ? [...controls, ''] : []),
    `*${controls.length > 0 ? 'What they cannot see' : 'Why'}:* ${runtime.limits}`,
    '',
  ];
}

/** One table of every rule and its run-time counterparts. */
export function runtimeTable(rules: readonly ComplianceRule[]): string[] {
  return [
    '## Run-time counterparts',
    '',
    'Deployed by `SfxConfigRules` in the catalog stack (lib/catalog/sfx-config-rules.ts; it assumes an existing AWS Config recorder) and, ' +
      "for the region, the SCP in policies/ (attached from the organisation's management account).",
    '',
    '| Id | AWS Config managed rules | Service control policy |',
    '| --- | --- | --- |',
    ...rules.map((rule) => {
      const config = rule.runtime?.configRules.map(({ rule: r }) => `\`${r.identifier}\``).join(', ') || 'none';
      return `| \`${rule.id}\` | ${config} | ${rule.runtime?.serviceControlPolicy ? `\`${rule.runtime.serviceControlPolicy.document}\`` : 'none'} |`;
    }),
    '',
  ];
}
