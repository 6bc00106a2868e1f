/** compliance-report.md (aspects/report/markdown-report.ts) from plain gate results: no CDK app. */
import type { GateResult } from '../../aspects/compliance-gate';
import { markdownReport } from '../../aspects/report/markdown-report';
import type { GateViolation } from '../../aspects/violation-error';
import { RdsTls } from '../../rules/rds-tls';
import { RedisAtRest } from '../../rules/redis-at-rest';

const violation: GateViolation = {
  ruleId: 'SFX-REDIS-AT-REST',
  path: 'S/Bad',
  stackPath: 'S',
  resourceType: 'AWS::ElastiCache::ReplicationGroup',
  message: 'AtRestEncryptionEnabled is false',
  fix: 'set AtRestEncryptionEnabled to true',
};
const waiver = { ruleId: 'SFX-RDS-TLS', path: '', reason: 'legacy | client\nSEC-1', expires: '2030-01-01' };
const evaluation = (ruleId: string, path: string) => ({ ruleId, path, stackPath: 'S', resourceType: 'T', violations: [] });

describe('markdownReport', () => {
  test('a passing gate: title, summary and the control table only', () => {
    const passing: GateResult = {
      synthesisRoot: 'App',
      templates: new Map(),
      rules: [RedisAtRest],
      evaluations: [evaluation('SFX-REDIS-AT-REST', 'S/Ok')],
      violations: [],
    };
    expect(markdownReport(passing, [])).toBe(
      [
        '# SFX compliance gate: PASS',
        '',
        'Synthesis root: App. 1 evaluations, 0 violation(s), 0 waived, 0 acknowledged validation finding(s).',
        '',
        '| Control | Mandated | Evaluated | Violations |',
        '| --- | --- | --- | --- |',
        `| SFX-REDIS-AT-REST: ${RedisAtRest.title} | yes | 1 | 0 |`,
        '',
      ].join('\n'),
    );
  });

  test('violations, other checks, waivers and waived violations each get a section', () => {
    const result: GateResult = {
      synthesisRoot: 'App',
      templates: new Map(),
      rules: [RedisAtRest, RdsTls],
      evaluations: [evaluation('SFX-REDIS-AT-REST', 'S/Bad'), evaluation('SFX-RDS-TLS', 'S/Db'), evaluation('SFX-RDS-TLS', 'S/Db2')],
      violations: [violation],
      waivers: [{ ...waiver, status: 'applied', matched: ['S/Db'] }],
      waived: [{ ...violation, ruleId: 'SFX-RDS-TLS', path: 'S/Db', message: 'rds.force_ssl is 0', fix: 'set it to 1', waiver }],
    };
    const checks = [
      { name: 'AwsSolutions', outcome: 'pass' as const, findings: 0, report: 'AwsSolutions.json' },
      { name: 'Validate', outcome: 'fail' as const, findings: 1, detail: 'a | b' },
      { name: 'Other', outcome: 'fail' as const, findings: 0 },
    ];
    expect(markdownReport(result, [{ path: 'S', id: 'X', reason: 'r' }], checks).split('\n')).toEqual([
      '# SFX compliance gate: FAIL',
      '',
      'Synthesis root: App. 3 evaluations, 1 violation(s), 1 waived, 1 acknowledged validation finding(s), 2 failed check(s) after the gate (Validate, Other).',
      '',
      '| Control | Mandated | Evaluated | Violations |',
      '| --- | --- | --- | --- |',
      `| SFX-REDIS-AT-REST: ${RedisAtRest.title} | yes | 1 | 1 |`,
      `| SFX-RDS-TLS: ${RdsTls.title} | no | 2 | 0 |`,
      '',
      '## Violations',
      '',
      '- [SFX-REDIS-AT-REST] S/Bad: AtRestEncryptionEnabled is false. Fix: set AtRestEncryptionEnabled to true.',
      '',
      '## Other checks',
      '',
      '| Check | Outcome | Findings | Report |',
      '| --- | --- | --- | --- |',
      '| AwsSolutions | PASS | 0 | AwsSolutions.json |',
      '| Validate | FAIL | 1 | a \\| b |',
      '| Other | FAIL | 0 |  |',
      '',
      '## Waivers',
      '',
      '| Control | Construct | Reason | Expires | Status | Matched |',
      '| --- | --- | --- | --- | --- | --- |',
      '| SFX-RDS-TLS | the app | legacy \\| client SEC-1 | 2030-01-01 | applied | 1 |',
      '',
      '## Waived violations',
      '',
      // A list item keeps the reason on its one line (a `|` is harmless outside a table).
      '- [SFX-RDS-TLS] S/Db: rds.force_ssl is 0. Fix: set it to 1. Waived on the app until 2030-01-01: legacy | client SEC-1',
      '',
    ]);
  });
});
