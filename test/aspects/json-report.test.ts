/** compliance-report.json (aspects/report/json-report.ts) from a gate result built by judgeTemplates: no CDK app. */
import { judgeTemplates } from '../../aspects/judge-templates';
import type { GateResult } from '../../aspects/compliance-gate';
import { jsonReport, TIMESTAMP_FIELD } from '../../aspects/report/json-report';
import { RdsTls } from '../../rules/rds-tls';
import { RedisAtRest } from '../../rules/redis-at-rest';
import { Region } from '../../rules/region';
import { openAll, template } from '../rules/support/template-builder';

function result(): GateResult {
  const opened = openAll([
    template('S')
      .resource('Ok', 'AWS::ElastiCache::ReplicationGroup', { AtRestEncryptionEnabled: true })
      .resource('Bad', 'AWS::ElastiCache::ReplicationGroup', {}),
  ]);
  const evaluations = judgeTemplates(opened, [RedisAtRest]);
  return {
    synthesisRoot: 'App',
    templates: new Map(),
    rules: [RedisAtRest, RdsTls],
    evaluations: [...evaluations, { ...evaluations[0], path: 'S/Waived', waived: 1 }],
    violations: evaluations.flatMap((e) => e.violations),
    waivers: [
      { ruleId: 'SFX-RDS-TLS', path: 'S', reason: 'r', expires: '2030-01-01', status: 'unused', matched: [] },
      { ruleId: 'SFX-RDS-TLS', path: 'S/Db', reason: 'r', expires: '2020-01-01', status: 'expired', matched: ['S/Db'] },
      { ruleId: 'SFX-RDS-TLS', path: 'S/Db2', reason: 'r', expires: '2030-01-01', status: 'applied', matched: ['S/Db2'] },
    ],
  };
}

describe('jsonReport', () => {
  // Built in each test, not once for the describe: Stryker relates a mutant only to the tests that run the code.
  const full = () =>
    jsonReport(result(), [{ path: 'S', id: 'AwsSolutions::X', reason: 'ok' }], { 'aws-cdk-lib': '2.0.0' }, [
      { name: 'AwsSolutions', outcome: 'pass', findings: 0 },
      { name: 'CloudFormation Validate', outcome: 'fail', findings: 2 },
      { name: 'CDK synthesis', outcome: 'fail', findings: 0, detail: 'boom' },
    ]) as Record<string, unknown>;

  test('says what ran and how it ended', () => {
    const report = full();
    expect(report).toMatchObject({
      reportVersion: '1.1',
      synthesisRoot: 'App',
      outcome: 'fail',
      gateOutcome: 'fail',
      toolVersions: { 'aws-cdk-lib': '2.0.0' },
      summary: { rules: 2, evaluations: 3, violations: 1, waived: 0, waivers: 3, unusedWaivers: 1, acknowledgements: 1, failedChecks: 2 },
    });
    expect(TIMESTAMP_FIELD).toBe('generatedAt');
    expect(Date.parse(String(report.generatedAt))).not.toBeNaN();
  });

  test('lists each rule with its metadata and whether it can be waived', () => {
    const report = full();
    expect((report.rules as Record<string, unknown>[]).map((r) => [r.id, r.mandated, r.waivable, r.judgesStacks])).toEqual([
      ['SFX-REDIS-AT-REST', true, false, false],
      ['SFX-RDS-TLS', false, true, false],
    ]);
    expect((report.rules as Record<string, unknown>[])[0]).toMatchObject({
      title: RedisAtRest.title,
      severity: 'high',
      rationale: RedisAtRest.rationale,
      remediation: RedisAtRest.remediation,
      resourceTypes: RedisAtRest.resourceTypes,
      frameworks: RedisAtRest.frameworks,
    });
  });

  test('records every evaluation with its outcome (pass, fail, waived)', () => {
    const report = full();
    expect(report.evaluations).toEqual([
      {
        ruleId: 'SFX-REDIS-AT-REST',
        path: 'S/Ok',
        stackPath: 'S',
        logicalId: 'Ok',
        resourceType: 'AWS::ElastiCache::ReplicationGroup',
        outcome: 'pass',
        violations: 0,
      },
      {
        ruleId: 'SFX-REDIS-AT-REST',
        path: 'S/Bad',
        stackPath: 'S',
        logicalId: 'Bad',
        resourceType: 'AWS::ElastiCache::ReplicationGroup',
        outcome: 'fail',
        violations: 1,
      },
      {
        ruleId: 'SFX-REDIS-AT-REST',
        path: 'S/Waived',
        stackPath: 'S',
        logicalId: 'Ok',
        resourceType: 'AWS::ElastiCache::ReplicationGroup',
        outcome: 'waived',
        violations: 0,
        waived: 1,
      },
    ]);
    expect(report.waived).toEqual([]);
    expect(report.acknowledgements).toEqual([{ path: 'S', id: 'AwsSolutions::X', reason: 'ok' }]);
    expect(report.checks).toHaveLength(3);
    // Only a waived evaluation has the key (toEqual above would not tell an undefined one).
    expect((report.evaluations as object[]).map((e) => Object.keys(e).includes('waived'))).toEqual([false, false, true]);
  });

  test('a stack-level evaluation has a null logical id; a waived violation counts in the summary', () => {
    const stackLevel = { ruleId: 'SFX-REGION', path: 'S', stackPath: 'S', resourceType: 'AWS::CloudFormation::Stack (CDK stack)', violations: [] };
    const base = result();
    const waived = { ...base.violations[0], waiver: { ruleId: 'SFX-REDIS-AT-REST', path: 'S', reason: 'r', expires: '2030-01-01' } };
    const report = jsonReport({ ...base, evaluations: [stackLevel], waived: [waived] }, [], {}) as Record<string, unknown>;
    expect(report.evaluations).toEqual([{ ...stackLevel, logicalId: null, outcome: 'pass', violations: 0 }]);
    expect(report.summary).toMatchObject({ waived: 1, evaluations: 1 });
    expect(report.waived).toEqual([waived]);
    const region = jsonReport({ ...base, rules: [Region] }, [], {}) as { rules: Record<string, unknown>[] };
    expect(region.rules.map((r) => [r.id, r.judgesStacks])).toEqual([['SFX-REGION', true]]);
  });

  test('passes when neither the gate nor any check failed', () => {
    const passing = { ...result(), violations: [] };
    expect(jsonReport(passing, [], {})).toMatchObject({ outcome: 'pass', gateOutcome: 'pass', summary: { failedChecks: 0, waived: 0 } });
    expect(jsonReport({ ...passing, waivers: undefined }, [], {}, [{ name: 'X', outcome: 'fail', findings: 1 }])).toMatchObject({
      outcome: 'fail',
      gateOutcome: 'pass',
      waivers: [],
    });
  });
});
