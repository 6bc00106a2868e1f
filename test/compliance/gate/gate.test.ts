/** The gate as a whole: one error listing every violation, nothing that looks like a good build, reusable aspects. */
import { AspectPriority, Aspects, CfnResource, IAspect, Stack, Stage } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import { ComplianceViolationError, RedisAtRestAspect, RegionAspect, allControlAspects, applyCompliance } from '../../../aspects';
import {
  ALL_RULES,
  IamLeastPrivilege,
  MANDATED_RULES,
  MultiAz,
  RdsAtRest,
  RedisAtRest,
  RedisInTransit,
  Region,
  TemplateVisible,
} from '../../../rules';
import {
  compliantDatabase,
  compliantReplicationGroup,
  euStack,
  expectNoViolations,
  expectViolation,
  newApp,
  synthApp,
  synthGate,
  violationLines,
} from '../helpers';

const LINE = /^\[SFX-[A-Z-]+\] \S+: .+\. Fix: .+$/;

describe('the SFX gate', () => {
  test('many violations across stacks and a Stage are all reported in ONE error', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantReplicationGroup(stack, 'Cache', { atRestEncryptionEnabled: false, transitEncryptionEnabled: false });
      compliantDatabase(stack, 'Db', { storageEncrypted: false, multiAz: false });
      new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }).addToPolicy(
        new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }),
      );
      new Stack(app, 'Us', { env: { region: 'us-east-1' } });
      compliantReplicationGroup(new Stack(new Stage(app, 'Prod', { env: { region: 'eu-west-1' } }), 'Data'), 'Cache', { numCacheClusters: 1 });
    });
    expect(err).toBeInstanceOf(ComplianceViolationError);
    const lines = violationLines(err);
    expect(lines).toHaveLength(8);
    expect(err!.violations).toHaveLength(8);
    expect(err!.message.split('\n')[0]).toContain('8 violation(s)');
    for (const line of lines) expect(line).toMatch(LINE);
    expectViolation(err, RedisAtRest.id, 'S/Cache');
    expectViolation(err, RedisInTransit.id, 'S/Cache');
    expectViolation(err, RdsAtRest.id, 'S/Db/Resource');
    expectViolation(err, MultiAz.id, 'S/Db/Resource');
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/DefaultPolicy/Resource');
    expect(linesOf(err, IamLeastPrivilege.id)).toHaveLength(2); // action "*" and "*" on Resource "*"
    expectViolation(err, Region.id, 'Us', 'us-east-1');
    expectViolation(err, MultiAz.id, 'Prod/Data/Cache', 'NumCacheClusters is 1');
  });

  test('a failing synth writes no manifest or template that could pass for a good build', () => {
    const app = newApp();
    compliantReplicationGroup(euStack(app, 'S'), 'Cache', { atRestEncryptionEnabled: false });
    applyCompliance(app);
    expect(synthApp(app)).toBeInstanceOf(ComplianceViolationError);
    const written = fs.readdirSync(app.outdir);
    expect(written).not.toContain('manifest.json');
    expect(written.filter((f) => f.endsWith('.template.json'))).toEqual([]);
    expect(fs.existsSync(path.join(app.outdir, 'S.template.json'))).toBe(false);
  });

  test('a Stage synthesized by hand and changed afterwards: the template it wrote is not the one judged, so synthesis fails', () => {
    const app = newApp();
    const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
    const cache = compliantReplicationGroup(new Stack(stage, 'Data'), 'Cache', { atRestEncryptionEnabled: false });
    applyCompliance(app);
    stage.synth(); // writes Prod/Data.template.json with the unencrypted cache
    cache.atRestEncryptionEnabled = true;
    const err = synthApp(app);
    expectViolation(err, TemplateVisible.id, 'Prod/Data', 'differs from the constructs judged now');
  });

  test('a violation inside a Stage leaves no manifest or template anywhere in cdk.out', () => {
    const app = newApp();
    compliantReplicationGroup(new Stack(new Stage(app, 'Prod', { env: { region: 'eu-west-1' } }), 'Data'), 'Cache', {
      atRestEncryptionEnabled: false,
    });
    applyCompliance(app);
    expectViolation(synthApp(app), RedisAtRest.id, 'Prod/Data/Cache');
    const written = fs.readdirSync(app.outdir, { recursive: true }).map(String);
    expect(written.filter((f) => f.endsWith('manifest.json') || f.endsWith('.template.json'))).toEqual([]);
  });

  test('applyCompliance adds exactly one aspect per control, mandated first', () => {
    expect(allControlAspects().map((a) => a.rule.id)).toEqual(ALL_RULES.map((r) => r.id));
    expect(ALL_RULES.slice(0, MANDATED_RULES.length)).toEqual(MANDATED_RULES);
    expect(MANDATED_RULES.map((r) => r.id)).toEqual([
      'SFX-REDIS-AT-REST',
      'SFX-REDIS-IN-TRANSIT',
      'SFX-RDS-AT-REST',
      'SFX-MULTI-AZ',
      'SFX-REGION',
      'SFX-IAM-LEAST-PRIVILEGE',
    ]);
  });

  test('each control is reusable on its own as an Aspect', () => {
    const app = newApp();
    const stack = new Stack(app, 'Anywhere'); // env-agnostic, but RegionAspect is not applied
    compliantReplicationGroup(stack, 'Cache', { atRestEncryptionEnabled: false, transitEncryptionEnabled: false });
    Aspects.of(app).add(new RedisAtRestAspect());
    const err = synthApp(app);
    expectViolation(err, RedisAtRest.id, 'Anywhere/Cache');
    expect(err!.violations.map((v) => v.ruleId)).toEqual([RedisAtRest.id]);
  });

  test('a control applied to one stack judges that stack only', () => {
    const app = newApp();
    const gated = new Stack(app, 'Gated');
    new Stack(app, 'Other');
    Aspects.of(gated).add(new RegionAspect());
    const err = synthApp(app);
    expectViolation(err, Region.id, 'Gated');
    expect(err!.violations.map((v) => v.path)).toEqual(['Gated']);
  });

  test('applyCompliance on a Stage judges that Stage', () => {
    const app = newApp();
    const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
    compliantReplicationGroup(new Stack(stage, 'Data'), 'Cache', { atRestEncryptionEnabled: false });
    applyCompliance(stage);
    expectViolation(synthApp(app), RedisAtRest.id, 'Prod/Data/Cache');
  });

  describe('aspects that mutate the tree run before the gate judges it', () => {
    class SetProperty implements IAspect {
      constructor(private readonly value: boolean) {}
      visit(node: IConstruct): void {
        if (node instanceof elasticache.CfnReplicationGroup) node.addPropertyOverride('AtRestEncryptionEnabled', this.value);
      }
    }

    test('a mutating aspect that weakens a compliant resource is caught', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S'));
        Aspects.of(app).add(new SetProperty(false), { priority: AspectPriority.MUTATING });
      });
      expectViolation(err, RedisAtRest.id, 'S/Cache', 'is false');
    });

    test('a mutating aspect that fixes a resource is honoured', () => {
      expectNoViolations(
        synthGate((app) => {
          compliantReplicationGroup(euStack(app, 'S'), 'Cache', { atRestEncryptionEnabled: false });
          Aspects.of(app).add(new SetProperty(true), { priority: AspectPriority.MUTATING });
        }),
      );
    });
  });

  test('a bare raw replication group trips every cache control, each on its own line', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new CfnResource(stack, 'Raw', { type: 'AWS::ElastiCache::ReplicationGroup', properties: { ReplicationGroupDescription: 'x' } });
    });
    expectViolation(err, RedisAtRest.id, 'S/Raw', 'absent');
    expectViolation(err, RedisInTransit.id, 'S/Raw', 'absent');
    expectViolation(err, MultiAz.id, 'S/Raw', 'MultiAZEnabled is absent');
  });
});

function linesOf(err: ComplianceViolationError | undefined, ruleId: string): string[] {
  return violationLines(err).filter((l) => l.startsWith(`[${ruleId}] `));
}
