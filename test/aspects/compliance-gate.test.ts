/**
 * The gate on tiny CDK apps (one or two resources each, ~100 ms): resources with and without a
 * construct behind them are each judged, per stack.
 */
import { App, CfnOutput, CfnResource, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyCompliance, ComplianceGate, ComplianceViolationError, waive } from '../../aspects';
import { IamLeastPrivilege, RdsTls, RedisAtRest, Region } from '../../rules';
import { TemplateVisible } from '../../rules/template-visible';
import { RawResources } from './support/raw-resources';

const GROUP = 'AWS::ElastiCache::ReplicationGroup';
/** The key under which jsii records a CDK class's type name (what generated-constructs.ts reads). */
const RTTI = Symbol.for('jsii.rtti');

function violationsOf(app: App): { path: string; ruleId: string }[] {
  try {
    app.synth();
  } catch (error) {
    if (error instanceof ComplianceViolationError) return error.violations.map(({ path, ruleId }) => ({ path, ruleId }));
    throw error;
  }
  return [];
}

/** The error a synthesis throws, or undefined when it passes. */
function synthError(app: App): ComplianceViolationError | undefined {
  try {
    app.synth();
  } catch (error) {
    if (error instanceof ComplianceViolationError) return error;
    throw error;
  }
  return undefined;
}

describe('the compliance gate', () => {
  test('two stacks holding the same logical id, one through a construct and one raw: both resources are judged', () => {
    const app = new App();
    const env = { region: 'eu-west-1' };
    const first = new Stack(app, 'First', { env });
    new CfnResource(first, 'Cache', { type: GROUP, properties: { AtRestEncryptionEnabled: false } });
    const second = new Stack(app, 'Second', { env });
    new RawResources(second, 'Raw', { Cache: { Type: GROUP, Properties: { AtRestEncryptionEnabled: false } } });
    applyCompliance(app);
    const atRest = violationsOf(app).filter((v) => v.ruleId === 'SFX-REDIS-AT-REST');
    expect(atRest.map((v) => v.path).sort()).toEqual(['First/Cache', 'Second/Cache']);
  });

  test("a nested stack's resource reads what its parent passes: a parameter group of the parent stack is judged through the nested stack's parameter", () => {
    const rdsTls = (forceSsl: string) => {
      const app = new App();
      const parent = new Stack(app, 'Parent', { env: { region: 'eu-west-1' } });
      const params = new CfnResource(parent, 'Params', {
        type: 'AWS::RDS::DBParameterGroup',
        properties: { Family: 'postgres14', Description: 'tls', Parameters: { 'rds.force_ssl': forceSsl } },
      });
      const nested = new NestedStack(parent, 'Data');
      new CfnResource(nested, 'Db', {
        type: 'AWS::RDS::DBInstance',
        properties: { Engine: 'postgres', EngineVersion: '14.7', DBParameterGroupName: params.ref },
      });
      applyCompliance(app);
      return (synthError(app)?.violations ?? []).filter((v) => v.ruleId === 'SFX-RDS-TLS').map((v) => [v.path, v.message]);
    };
    expect(rdsTls('1')).toEqual([]);
    const [[path, message], ...others] = rdsTls('0');
    expect([path, others]).toEqual(['Parent/Data/Db', []]);
    expect(message).toMatch(/rds\.force_ssl/);
    expect(message).not.toMatch(/outside this template/);
  });

  test('a Stage gated inside a gated app defers to the app: one error, from the app, lists the violations inside and outside the Stage', () => {
    const app = new App();
    const env = { region: 'eu-west-1' };
    const bad = (stack: Stack) => new CfnResource(stack, 'Bad', { type: GROUP, properties: { AtRestEncryptionEnabled: false } });
    const stage = new Stage(app, 'Dev');
    bad(new Stack(stage, 'Inner', { env }));
    bad(new Stack(app, 'Outer', { env }));
    applyCompliance(stage);
    applyCompliance(app);
    const error = synthError(app);
    expect(error?.message).toMatch(/ in the app;/);
    expect(error?.violations.filter((v) => v.ruleId === 'SFX-REDIS-AT-REST').map((v) => v.path)).toEqual(['Dev/Inner/Bad', 'Outer/Bad']);
  });
});

/** The gate's evaluation without synthesis: rules tracked on scopes by hand, as the aspects would. */
describe('ComplianceGate.evaluate', () => {
  const env = { region: 'eu-west-1' };
  const redis = (scope: Construct, id: string, encrypted: boolean) =>
    new CfnResource(scope, id, { type: GROUP, properties: { AtRestEncryptionEnabled: encrypted } });

  test('the same gate for every construct of one synthesis root; a Stage has its own', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env });
    const stage = new Stage(app, 'Dev');
    expect(ComplianceGate.of(stack)).toBe(ComplianceGate.of(app));
    expect(ComplianceGate.of(new Stack(stage, 'T'))).toBe(ComplianceGate.of(stage));
    expect(ComplianceGate.of(stage)).not.toBe(ComplianceGate.of(app));
  });

  test('judges what each rule covers: resources under the scope it was tracked on, stacks by stack rules; templates by stack path', () => {
    const app = new App();
    const covered = new Stack(app, 'Covered', { env });
    const bad = redis(covered, 'Bad', false);
    redis(covered, 'Good', true);
    const other = new Stack(app, 'Other', { env: { region: 'us-east-1' } });
    redis(other, 'Unjudged', false);
    const gate = ComplianceGate.of(app);
    gate.track(RedisAtRest, covered);
    gate.track(Region, covered);
    gate.track(Region, other);
    const result = gate.evaluate();
    expect(result.synthesisRoot).toBe('the app');
    expect(result.rules.map((r) => r.id)).toEqual(['SFX-REDIS-AT-REST', 'SFX-REGION']);
    expect([...result.templates.keys()]).toEqual(['Covered', 'Other']);
    expect(result.templates.get('Covered')!.file).toBe('Covered.template.json');
    expect(Object.keys(result.templates.get('Covered')!.view.template.Resources ?? {})).toEqual(['Bad', 'Good']);
    // SFX-REGION judges the stack, and each resource for values derived from a foreign region.
    expect(result.evaluations.map((e) => [e.ruleId, e.path, e.stackPath, e.logicalId, e.violations.length, e.waived])).toEqual([
      ['SFX-REGION', 'Covered', 'Covered', undefined, 0, 0],
      ['SFX-REDIS-AT-REST', 'Covered/Bad', 'Covered', 'Bad', 1, 0],
      ['SFX-REGION', 'Covered/Bad', 'Covered', 'Bad', 0, 0],
      ['SFX-REDIS-AT-REST', 'Covered/Good', 'Covered', 'Good', 0, 0],
      ['SFX-REGION', 'Covered/Good', 'Covered', 'Good', 0, 0],
      ['SFX-REGION', 'Other', 'Other', undefined, 1, 0],
      ['SFX-REGION', 'Other/Unjudged', 'Other', 'Unjudged', 0, 0],
    ]);
    expect(result.violations.map((v) => [v.ruleId, v.path])).toEqual([
      ['SFX-REDIS-AT-REST', 'Covered/Bad'],
      ['SFX-REGION', 'Other'],
    ]);
    expect(result.violations[0]).toMatchObject({ logicalId: 'Bad', stackPath: 'Covered', resourceType: GROUP });
    expect(bad.node.path).toBe('Covered/Bad');
    expect(result.waived).toEqual([]);
    expect(result.waivers).toEqual([]);
  });

  test('raw resources of a stack judged under its stack rules, at <stack path>/<logical id>', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env });
    new RawResources(stack, 'Raw', { Cache: { Type: GROUP, Properties: { AtRestEncryptionEnabled: false } } });
    const gate = ComplianceGate.of(app);
    gate.track(RedisAtRest, stack);
    expect(gate.evaluate().evaluations.map((e) => [e.ruleId, e.path, e.logicalId, e.violations.length])).toEqual([
      ['SFX-REDIS-AT-REST', 'S/Cache', 'Cache', 1],
    ]);
  });

  test('a waived violation leaves the failing ones, counts on its evaluation and names its waiver', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env });
    new CfnResource(stack, 'Params', {
      type: 'AWS::RDS::DBParameterGroup',
      properties: { Family: 'postgres16', Parameters: { 'rds.force_ssl': '0' } },
    });
    const db = new CfnResource(stack, 'Db', {
      type: 'AWS::RDS::DBInstance',
      properties: { Engine: 'postgres', EngineVersion: '16.1', DBParameterGroupName: { Ref: 'Params' } },
    });
    waive(db, 'SFX-RDS-TLS', { reason: 'legacy client (SEC-1)', expires: '2999-12-31' });
    const gate = ComplianceGate.of(app);
    gate.track(RdsTls, stack);
    const result = gate.evaluate();
    expect(result.evaluations.map((e) => [e.path, e.violations.length, e.waived])).toEqual([['S/Db', 0, 1]]);
    expect(result.violations).toEqual([]);
    expect(result.waived!.map((v) => [v.path, v.waiver.reason])).toEqual([['S/Db', 'legacy client (SEC-1)']]);
    expect(result.waivers!.map((w) => [w.path, w.status, w.matched])).toEqual([['S/Db', 'applied', ['S/Db']]]);
  });

  test('an IAM wildcard grant CDK generated names the CDK API; other violations keep their message', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env });
    const provider = new Construct(stack, 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a');
    const statement = { Effect: 'Allow', Action: 'logs:PutRetentionPolicy', Resource: '*' };
    new CfnResource(provider, 'Policy', {
      type: 'AWS::IAM::Policy',
      properties: { PolicyName: 'p', Roles: ['r'], PolicyDocument: { Version: '2012-10-17', Statement: [statement] } },
    });
    redis(stack, 'Bad', false);
    const gate = ComplianceGate.of(app);
    gate.track(IamLeastPrivilege, stack);
    gate.track(RedisAtRest, stack);
    const violations = gate.evaluate().violations;
    expect(violations.map((v) => [v.ruleId, v.path])).toEqual([
      ['SFX-IAM-LEAST-PRIVILEGE', 'S/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/Policy'],
      ['SFX-REDIS-AT-REST', 'S/Bad'],
    ]);
    expect(violations[0].message).toMatch(/; CDK generated this grant: lambda\.Function's logRetention /);
    expect(violations[0].fix).toMatch(/^give the function an explicit log group/);
    expect(violations[1].message).not.toMatch(/CDK generated/);
  });

  test('an import of an export of a stack later in the app is resolved: every stack is rendered before any rule runs', () => {
    const app = new App();
    const consumer = new Stack(app, 'Consumer', { env });
    new CfnResource(consumer, 'Db', {
      type: 'AWS::RDS::DBInstance',
      properties: { Engine: 'postgres', EngineVersion: '14.7', DBParameterGroupName: { 'Fn::ImportValue': 'shared-params' } },
    });
    const producer = new Stack(app, 'Producer', { env });
    const params = new CfnResource(producer, 'Params', {
      type: 'AWS::RDS::DBParameterGroup',
      properties: { Family: 'postgres14', Description: 'tls', Parameters: { 'rds.force_ssl': '1' } },
    });
    new CfnOutput(producer, 'Out', { value: params.ref, exportName: 'shared-params' });
    const gate = ComplianceGate.of(app);
    gate.track(RdsTls, app);
    const result = gate.evaluate();
    expect(result.evaluations.map((e) => [e.ruleId, e.path, e.violations.length])).toEqual([['SFX-RDS-TLS', 'Consumer/Db', 0]]);
  });

  test('an IAM wildcard grant under a CDK class (found among the covered constructs by its path) names that class', () => {
    class CodePipeline extends Construct {
      static readonly [RTTI] = { fqn: 'aws-cdk-lib.pipelines.CodePipeline' };
    }
    const app = new App();
    const stack = new Stack(app, 'S', { env });
    new CfnResource(new CodePipeline(stack, 'Pipeline'), 'Policy', {
      type: 'AWS::IAM::Policy',
      properties: {
        PolicyName: 'p',
        Roles: ['r'],
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
      },
    });
    const gate = ComplianceGate.of(app);
    gate.track(IamLeastPrivilege, stack);
    const violations = gate.evaluate().violations;
    expect(violations.map((v) => [v.ruleId, v.path])).toEqual([['SFX-IAM-LEAST-PRIVILEGE', 'S/Pipeline/Policy']]);
    expect(violations[0].message).toMatch(/; CDK generated this grant: CDK Pipelines \(pipelines\.CodePipeline/);
  });

  test('a Stage with a gate of its own is judged by it, unless a scope above it was given applyCompliance', () => {
    const app = new App();
    const stage = new Stage(app, 'Dev');
    const inner = new Stack(stage, 'Inner', { env });
    redis(inner, 'Bad', false);
    const appGate = ComplianceGate.of(app);
    appGate.track(RedisAtRest, app);
    expect(ComplianceGate.isGated(stage)).toBe(false);
    expect(appGate.evaluate().violations.map((v) => v.path)).toEqual(['Dev/Inner/Bad']);
    ComplianceGate.of(stage).track(RedisAtRest, stage);
    expect(ComplianceGate.isGated(stage)).toBe(true);
    expect(appGate.evaluate().violations).toEqual([]);
    expect(ComplianceGate.of(stage).evaluate()).toMatchObject({ synthesisRoot: 'Dev' });
    ComplianceGate.markApplied(app);
    expect(ComplianceGate.isGated(stage)).toBe(false);
    expect(appGate.evaluate().violations.map((v) => v.path)).toEqual(['Dev/Inner/Bad']);
  });

  test('a Stage template written before the constructs changed is an evaluation of its own, failing', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-gate-')) });
    const stage = new Stage(app, 'Dev');
    const inner = new Stack(stage, 'Inner', { env });
    const topic = new CfnResource(inner, 'Topic', { type: 'AWS::SNS::Topic' });
    const gate = ComplianceGate.of(app);
    gate.track(RedisAtRest, app);
    stage.synth();
    expect(gate.evaluate().evaluations).toEqual([]);
    topic.addPropertyOverride('DisplayName', 'changed');
    expect(gate.evaluate().evaluations.map((e) => [e.ruleId, e.path, e.stackPath, e.resourceType, e.violations.length, e.waived])).toEqual([
      [TemplateVisible.id, 'Dev/Inner', 'Dev/Inner', 'AWS::CloudFormation::Stack (CDK stack)', 1, 0],
    ]);
  });
});
