/**
 * The StreamFlix blueprint passes every SFX control honestly: zero violations, and every
 * control actually judged at least one of its resources (or stacks), so no rule passes vacuously.
 */
import { App } from 'aws-cdk-lib';
import * as path from 'path';
import { ComplianceGate, GateResult, applyCompliance } from '../../aspects';
import { StreamFlixStack } from '../../lib/content-api/streamflix-stack';
import { ALL_RULES, MultiAz, RdsAtRest, RedisAtRest, Region } from '../../rules';
import { newApp, synthApp, violationLines } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdkJson = require(path.join(__dirname, '..', '..', 'cdk.json')) as { context: Record<string, unknown> };

describe('StreamFlix blueprint under the SFX gate', () => {
  let app: App;
  let result: GateResult;
  let error: unknown;

  beforeAll(() => {
    // The feature flags of cdk.json, as `cdk synth` sees them.
    app = newApp({ context: cdkJson.context });
    new StreamFlixStack(app, 'StreamFlix', { env: { region: 'eu-west-1' } });
    applyCompliance(app);
    error = synthApp(app);
    result = ComplianceGate.of(app).evaluate();
  });

  test('synthesizes with zero violations', () => {
    expect(violationLines(error as never)).toEqual([]);
    expect(error).toBeUndefined();
    expect(result.violations).toEqual([]);
  });

  test.each(ALL_RULES.map((rule) => [rule.id]))('%s evaluated at least one blueprint resource or stack', (ruleId) => {
    const judged = result.evaluations.filter((e) => e.ruleId === ruleId);
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.every((e) => e.stackPath.startsWith('StreamFlix'))).toBe(true);
  });

  test('the gate covered exactly the catalogue', () => {
    expect(result.rules.map((r) => r.id).sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  });

  test('the data tier was judged where it lives', () => {
    const judgedTypes = (ruleId: string) => new Set(result.evaluations.filter((e) => e.ruleId === ruleId).map((e) => e.resourceType));
    expect(judgedTypes(RedisAtRest.id).has('AWS::ElastiCache::ReplicationGroup')).toBe(true);
    expect(judgedTypes(RdsAtRest.id).has('AWS::RDS::DBInstance')).toBe(true);
    for (const type of ['AWS::RDS::DBInstance', 'AWS::ElastiCache::ReplicationGroup', 'AWS::EC2::VPC', 'AWS::ECS::Service']) {
      expect(judgedTypes(MultiAz.id).has(type)).toBe(true);
    }
    expect(judgedTypes(Region.id).has('AWS::CloudFormation::Stack (CDK stack)')).toBe(true);
  });
});
