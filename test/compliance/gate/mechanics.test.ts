/**
 * Gate mechanics, whatever the rule: several stacks, repeated applyCompliance, re-synthesis after
 * a mutation, gates inside Stages, Template.fromStack, custom CfnElements, logical ids, overrides
 * and conditions, and on which construct a violation lands.
 */
import { CfnCondition, CfnElement, CfnMapping, Fn, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import { applyCompliance, ComplianceViolationError } from '../../../aspects';
import { IamLeastPrivilege, MultiAz, RedisAtRest, RedisInTransit, Region } from '../../../rules';
import {
  compliantReplicationGroup,
  euStack,
  expectNoViolations,
  expectViolation,
  linesFor,
  newApp,
  rawReplicationGroup,
  rawResource,
  synthApp,
  synthGate,
  violationLines,
} from '../helpers';

const LINE = /^\[SFX-[A-Z0-9-]+\] [^\s:][^:]*: \S.*[.!?] Fix: \S.*[.!?]$/;

describe('gate mechanics', () => {
  test('a resource rendered by a custom CfnElement (no CfnResource behind it) is judged', () => {
    class Smuggler extends CfnElement {
      _toCloudFormation(): object {
        return {
          Resources: {
            Evil: {
              Type: 'AWS::ElastiCache::ReplicationGroup',
              Properties: {
                ReplicationGroupDescription: 'x',
                TransitEncryptionEnabled: true,
                MultiAZEnabled: true,
                AutomaticFailoverEnabled: true,
                NumCacheClusters: 2,
              },
            },
          },
        };
      }
    }
    const err = synthGate((app) => {
      new Smuggler(euStack(app, 'S'), 'Smuggler');
    });
    expectViolation(err, RedisAtRest.id, 'S/Evil');
  });

  test('an integer-like logical id does not shift which construct a violation is reported on', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantReplicationGroup(new Construct(stack, 'Other'), 'Good');
      compliantReplicationGroup(new Construct(stack, 'Team'), 'Bad', { atRestEncryptionEnabled: false }).overrideLogicalId('1');
    });
    expectViolation(err, RedisAtRest.id, 'S/Team/Bad');
    expect(err!.violations.filter((v) => v.path === 'S/Other/Good')).toEqual([]);
  });

  test('Fn::FindInMap with a DefaultValue (AWS::LanguageExtensions) is judged by that default too', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      stack.addTransform('AWS::LanguageExtensions');
      new CfnMapping(stack, 'Cfg', { mapping: { prod: { other: 'true' } } });
      compliantReplicationGroup(stack).addPropertyOverride('AtRestEncryptionEnabled', {
        'Fn::FindInMap': ['Cfg', 'prod', 'missing', { DefaultValue: false }],
      });
    });
    expectViolation(err, RedisAtRest.id, 'S/Cache');
  });

  test('the same violation in several stacks is reported once per stack, even with applyCompliance called twice', () => {
    const app = newApp();
    for (const id of ['A', 'B', 'C']) rawReplicationGroup(euStack(app, id), 'Cache', { AtRestEncryptionEnabled: false });
    applyCompliance(app);
    applyCompliance(app);
    const err = synthApp(app);
    for (const id of ['A', 'B', 'C']) expect(linesFor(err, RedisAtRest.id, `${id}/Cache`)).toHaveLength(1);
    expect(err!.violations).toHaveLength(3);
    expect(err!.message.split('\n')[0]).toMatch(/^SFX compliance gate: 3 violation\(s\) in /);
  });

  test('every line of a many-rule failure has the form [ID] path: what. Fix: how.', () => {
    const err = synthGate((app) => {
      const stack = new Stack(app, 'Agnostic');
      rawReplicationGroup(stack, 'Cache', {
        AtRestEncryptionEnabled: false,
        TransitEncryptionEnabled: false,
        MultiAZEnabled: false,
        NumCacheClusters: 1,
      });
      rawResource(stack, 'Policy', 'AWS::IAM::ManagedPolicy', {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      });
    });
    const lines = violationLines(err);
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) expect(line).toMatch(LINE);
    for (const id of [RedisAtRest.id, RedisInTransit.id, MultiAz.id, Region.id, IamLeastPrivilege.id]) {
      expect(lines.some((line) => line.startsWith(`[${id}] `))).toBe(true);
    }
  });

  test('re-synthesizing (force) after an override that breaks a control throws and leaves no template', () => {
    const app = newApp();
    const stack = euStack(app, 'S');
    const group = rawReplicationGroup(stack);
    applyCompliance(app);
    expectNoViolations(synthApp(app));
    group.addPropertyOverride('AtRestEncryptionEnabled', false);
    let err: unknown;
    try {
      app.synth({ force: true });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ComplianceViolationError);
    expectViolation(err as ComplianceViolationError, RedisAtRest.id, 'S/Cache', 'AtRestEncryptionEnabled is false');
    expect(fs.existsSync(path.join(app.outdir, 'S.template.json'))).toBe(false);
  });

  test('Template.fromStack synthesizes through the gate', () => {
    const app = newApp();
    rawReplicationGroup(euStack(app, 'S'), 'Cache', { TransitEncryptionMode: 'preferred' });
    applyCompliance(app);
    expect(() => Template.fromStack(app.node.findChild('S') as Stack)).toThrow(/\[SFX-REDIS-IN-TRANSIT\] S\/Cache: /);
  });

  test('violations in a Stage inside a Stage and in the app are listed together when the app is gated', () => {
    const err = synthGate((app) => {
      const outer = new Stage(app, 'Outer', { env: { region: 'eu-west-1' } });
      const inner = new Stage(outer, 'Inner');
      rawReplicationGroup(new Stack(inner, 'S'), 'Cache', { TransitEncryptionEnabled: false });
      rawReplicationGroup(new Stack(outer, 'S'), 'Cache', { TransitEncryptionEnabled: false });
      rawReplicationGroup(euStack(app, 'Top'), 'Cache', { TransitEncryptionEnabled: false });
    });
    for (const at of ['Outer/Inner/S/Cache', 'Outer/S/Cache', 'Top/Cache']) expectViolation(err, RedisInTransit.id, at);
  });

  test('applyCompliance on one Stack judges that stack', () => {
    const app = newApp();
    const gated = euStack(app, 'Gated');
    rawReplicationGroup(gated, 'Cache', { AtRestEncryptionEnabled: false });
    applyCompliance(gated);
    expectViolation(synthApp(app), RedisAtRest.id, 'Gated/Cache');
  });

  test('a Condition on a violating resource does not hide it', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const never = new CfnCondition(stack, 'Never', { expression: Fn.conditionEquals('a', 'b') });
      rawReplicationGroup(stack, 'Cache', { AtRestEncryptionEnabled: false }).cfnOptions.condition = never;
    });
    expectViolation(err, RedisAtRest.id, 'S/Cache');
  });

  test('Metadata and DependsOn overrides change nothing; an addOverride("Properties", …) object is judged as merged', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const ok = rawReplicationGroup(stack, 'Ok');
      ok.addOverride('Metadata', { AtRestEncryptionEnabled: false, Properties: {} });
      ok.addOverride('DependsOn', ['Replaced']);
      // CDK deep-merges an override object into the properties: the merged result is what CloudFormation gets.
      rawReplicationGroup(stack, 'Replaced').addOverride('Properties', { Engine: 'valkey', TransitEncryptionEnabled: false });
    });
    expect(violationLines(err).filter((line) => line.includes(' S/Ok: '))).toEqual([]);
    expect(linesFor(err, RedisAtRest.id, 'S/Replaced')).toEqual([]);
    expectViolation(err, RedisInTransit.id, 'S/Replaced', 'TransitEncryptionEnabled is false');
  });
});

describe('gates inside gates', () => {
  test('with applyCompliance on the app and on a Stage, one error lists the violations of both', () => {
    const err = synthGate((app) => {
      const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
      compliantReplicationGroup(new Stack(stage, 'Inner'), 'Cache', { atRestEncryptionEnabled: false });
      compliantReplicationGroup(euStack(app, 'Outer'), 'Cache', { transitEncryptionMode: 'preferred' });
      applyCompliance(stage);
    });
    expectViolation(err, RedisAtRest.id, 'Prod/Inner/Cache');
    expectViolation(err, RedisInTransit.id, 'Outer/Cache');
  });
});

describe('other inherited or narrowed settings', () => {
  test('violations land on the right construct when an unattached policy renders nothing', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new iam.Policy(stack, 'Unattached', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
      compliantReplicationGroup(stack, 'Cache', { atRestEncryptionEnabled: false });
    });
    expect(err!.violations.map((v) => `${v.ruleId} ${v.path}`)).toEqual([`${RedisAtRest.id} S/Cache`]);
  });
});
