/** What a failing synth prints (aspects/cli-output.ts formatViolationReport), from plain violations. */
import { formatViolationReport } from '../../aspects/cli-output';
import type { GateViolation } from '../../aspects/violation-error';

const v = (stackPath: string, path: string, ruleId = 'SFX-RDS-TLS'): GateViolation => ({
  ruleId,
  path,
  stackPath,
  resourceType: 'AWS::RDS::DBInstance',
  message: 'rds.force_ssl is 0',
  fix: 'set it to 1',
});

describe('formatViolationReport', () => {
  test('one violation: singular words, no source line when none is known', () => {
    expect(formatViolationReport([v('Api', 'Api/Db')], 'App')).toBe(
      [
        'Api (1 violation)',
        '  [SFX-RDS-TLS] Api/Db: rds.force_ssl is 0. Fix: set it to 1.',
        '',
        'SFX compliance gate: FAIL. 1 violation of 1 control in 1 stack of App; cdk.out holds the reports and no template.',
      ].join('\n'),
    );
  });

  test('groups by stack in order of appearance, counts controls and stacks, and adds where each construct was created', () => {
    const sources: Record<string, { uri: string; line: number }> = { 'Api/Db': { uri: 'lib/api.ts', line: 12 } };
    const report = formatViolationReport(
      [v('Api', 'Api/Db'), v('Data', 'Data/Cache', 'SFX-REDIS-AT-REST'), v('Api', 'Api/Other', 'SFX-REDIS-AT-REST')],
      'App',
      (path) => sources[path],
    );
    expect(report.split('\n')).toEqual([
      'Api (2 violations)',
      '  [SFX-RDS-TLS] Api/Db: rds.force_ssl is 0. Fix: set it to 1.',
      '      created at lib/api.ts:12',
      '  [SFX-REDIS-AT-REST] Api/Other: rds.force_ssl is 0. Fix: set it to 1.',
      '',
      'Data (1 violation)',
      '  [SFX-REDIS-AT-REST] Data/Cache: rds.force_ssl is 0. Fix: set it to 1.',
      '',
      'SFX compliance gate: FAIL. 3 violations of 2 controls in 2 stacks of App; cdk.out holds the reports and no template.',
    ]);
  });
});
