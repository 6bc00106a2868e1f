/**
 * Tests of rules/multi-az.ts, by behaviour (escape hatches, values decided at deploy time, inherited
 * settings, ordinary CDK that passes). Gate mechanics are in ../gate/, references between stacks
 * in ../cross-stack.test.ts.
 */
import { CfnCondition, CfnParameter, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as include from 'aws-cdk-lib/cloudformation-include';
import * as path from 'path';
import { applyCompliance } from '../../../aspects';
import { MultiAz } from '../../../rules';
import {
  compliantCfnDb,
  compliantDatabase,
  compliantReplicationGroup,
  compliantReplicationGroupCfn,
  euStack,
  expectNoViolationOf,
  expectNoViolations,
  expectViolation,
  isolatedSubnetGroup,
  isolatedVpc,
  newApp,
  rawResource,
  synthApp,
  synthGate,
  twoTaskFargateService,
} from '../helpers';

function fargateService(stack: Stack, overrides: Partial<ecs.FargateServiceProps> = {}): ecs.FargateService {
  const vpc = isolatedVpc(stack);
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') });
  return new ecs.FargateService(stack, 'Service', {
    cluster,
    taskDefinition,
    desiredCount: 2,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ...overrides,
  });
}

function auroraCluster(stack: Stack, readers: rds.IClusterInstance[]): rds.DatabaseCluster {
  const engine = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });
  const instanceType = ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE);
  return new rds.DatabaseCluster(stack, 'Aurora', {
    engine,
    vpc: isolatedVpc(stack),
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    writer: rds.ClusterInstance.provisioned('writer', { instanceType }),
    readers,
    credentials: rds.Credentials.fromGeneratedSecret('app'),
    parameterGroup: new rds.ParameterGroup(stack, 'Params', { engine, parameters: { 'rds.force_ssl': '1' } }),
    storageEncrypted: true,
  });
}

const IF_TWO_OR_ONE = { 'Fn::If': ['Big', { MinCapacity: 2 }, { MinCapacity: 1 }] };

describe(MultiAz.id, () => {
  describe('RDS', () => {
    test('DatabaseInstance multiAz: false fails; absent fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        compliantDatabase(stack, 'Single', { multiAz: false });
        compliantDatabase(stack, 'Unset', { multiAz: undefined });
      });
      expectViolation(err, MultiAz.id, 'S/Single/Resource', 'MultiAZ is false');
      expectViolation(err, MultiAz.id, 'S/Unset/Resource', 'MultiAZ is absent');
    });

    test('CfnDBInstance with MultiAZ "false" fails, "true" passes', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        compliantCfnDb(stack, 'No').addPropertyOverride('MultiAZ', 'false');
        compliantCfnDb(stack, 'Yes').addPropertyOverride('MultiAZ', 'true');
      });
      expectViolation(err, MultiAz.id, 'S/No', '"false"');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/No']);
    });

    test("addOverride('Properties.MultiAZ', false) weakens a compliant instance", () => {
      const err = synthGate((app) => {
        const db = compliantDatabase(euStack(app, 'S'));
        (db.node.defaultChild as rds.CfnDBInstance).addOverride('Properties.MultiAZ', false);
      });
      expectViolation(err, MultiAz.id, 'S/Db/Resource', 'is false');
    });

    test('an override that FIXES a single-AZ instance passes', () => {
      expectNoViolations(
        synthGate((app) => {
          const db = compliantDatabase(euStack(app, 'S'), 'Db', { multiAz: false });
          (db.node.defaultChild as rds.CfnDBInstance).addOverride('Properties.MultiAZ', true);
        }),
      );
    });

    test('a MultiAZ CfnParameter without AllowedValues fails closed', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const p = new CfnParameter(stack, 'MultiAz', { type: 'String' });
        compliantCfnDb(stack, 'Db', { multiAz: p.valueAsString as unknown as boolean });
      });
      expectViolation(err, MultiAz.id, 'S/Db', 'must be a literal');
    });

    test('Aurora with a writer only fails at the cluster; with a reader passes', () => {
      const err = synthGate((app) => {
        auroraCluster(euStack(app, 'S'), []);
      });
      expectViolation(err, MultiAz.id, 'S/Aurora/Resource', '1 DB instance');
      expect(err!.violations.map((v) => `${v.ruleId} ${v.path}`)).toEqual([`${MultiAz.id} S/Aurora/Resource`]);
      expectNoViolations(
        synthGate((app) => {
          auroraCluster(euStack(app, 'S'), [
            rds.ClusterInstance.provisioned('reader', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
          ]);
        }),
      );
    });
  });

  describe('ElastiCache replication groups', () => {
    test.each([
      ['multiAzEnabled false', { multiAzEnabled: false }, 'MultiAZEnabled is false'],
      ['multiAzEnabled absent', { multiAzEnabled: undefined }, 'MultiAZEnabled is absent'],
      ['automaticFailoverEnabled false', { automaticFailoverEnabled: false }, 'AutomaticFailoverEnabled is false'],
      ['numCacheClusters 1', { numCacheClusters: 1 }, 'NumCacheClusters is 1'],
      ['numCacheClusters absent (default 1)', { numCacheClusters: undefined }, 'NumCacheClusters is absent'],
      [
        'cluster mode with 0 replicas per node group',
        { numCacheClusters: undefined, numNodeGroups: 2, replicasPerNodeGroup: 0 },
        'ReplicasPerNodeGroup is 0',
      ],
      [
        'a node group with ReplicaCount 0',
        { numCacheClusters: undefined, nodeGroupConfiguration: [{ replicaCount: 1 }, { replicaCount: 0 }] },
        'NodeGroupConfiguration[1].ReplicaCount',
      ],
    ])('%s fails', (_name, overrides, message) => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S'), 'Cache', overrides);
      });
      expectViolation(err, MultiAz.id, 'S/Cache', message);
    });

    test('cluster mode with one replica per node group passes', () => {
      expectNoViolations(
        synthGate((app) => {
          compliantReplicationGroup(euStack(app, 'S'), 'Cache', { numCacheClusters: undefined, numNodeGroups: 3, replicasPerNodeGroup: 1 });
        }),
      );
    });

    test('raw CfnResource with a NumCacheClusters parameter of MinValue 2 passes, MinValue 1 fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const two = new CfnParameter(stack, 'Two', { type: 'Number', minValue: 2 });
        const one = new CfnParameter(stack, 'One', { type: 'Number', minValue: 1, maxValue: 6 });
        rawResource(stack, 'Good', 'AWS::ElastiCache::ReplicationGroup', { ...compliantReplicationGroupCfn(), NumCacheClusters: two.valueAsNumber });
        rawResource(stack, 'Bad', 'AWS::ElastiCache::ReplicationGroup', { ...compliantReplicationGroupCfn(), NumCacheClusters: one.valueAsNumber });
      });
      expectViolation(err, MultiAz.id, 'S/Bad', 'parameter One');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/Bad']);
    });

    test('addPropertyOverride weakening AutomaticFailoverEnabled fails', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addPropertyOverride('AutomaticFailoverEnabled', false);
      });
      expectViolation(err, MultiAz.id, 'S/Cache', 'AutomaticFailoverEnabled');
    });
  });

  describe('VPC', () => {
    test('ec2.Vpc with maxAzs: 1 fails at the VPC; maxAzs: 2 passes', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        new ec2.Vpc(stack, 'One', {
          maxAzs: 1,
          natGateways: 0,
          subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
        });
        new ec2.Vpc(stack, 'Two', {
          maxAzs: 2,
          natGateways: 0,
          subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
        });
      });
      expectViolation(err, MultiAz.id, 'S/One/Resource', 'span 1 Availability Zone');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/One/Resource']);
    });

    test('L1 CfnVPC: subnets all in one AZ fail; no subnets fail; two AZs pass', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const one = new ec2.CfnVPC(stack, 'OneAz', { cidrBlock: '10.0.0.0/16' });
        new ec2.CfnSubnet(stack, 'OneA', { vpcId: one.ref, cidrBlock: '10.0.0.0/24', availabilityZone: 'eu-west-1a' });
        new ec2.CfnSubnet(stack, 'OneB', { vpcId: one.ref, cidrBlock: '10.0.1.0/24', availabilityZone: 'eu-west-1a' });
        new ec2.CfnVPC(stack, 'Empty', { cidrBlock: '10.1.0.0/16' });
        const two = new ec2.CfnVPC(stack, 'TwoAz', { cidrBlock: '10.2.0.0/16' });
        new ec2.CfnSubnet(stack, 'TwoA', { vpcId: two.ref, cidrBlock: '10.2.0.0/24', availabilityZone: 'eu-west-1a' });
        new ec2.CfnSubnet(stack, 'TwoB', { vpcId: two.ref, cidrBlock: '10.2.1.0/24', availabilityZone: 'eu-west-1b' });
      });
      expectViolation(err, MultiAz.id, 'S/OneAz', '2 subnet(s) provably span 1');
      expectViolation(err, MultiAz.id, 'S/Empty', '0 subnet(s)');
      expect(err!.violations.filter((v) => v.ruleId === MultiAz.id).map((v) => v.path)).toEqual(['S/OneAz', 'S/Empty']);
    });

    test('subnets whose AZ is left to CloudFormation cannot be proven to span two AZs', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
        new ec2.CfnSubnet(stack, 'A', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
        new ec2.CfnSubnet(stack, 'B', { vpcId: vpc.ref, cidrBlock: '10.0.1.0/24' });
      });
      expectViolation(err, MultiAz.id, 'S/Vpc', 'provably span 0');
    });

    test("an override moving a subnet into the other subnet's AZ weakens a 2-AZ VPC", () => {
      const err = synthGate((app) => {
        const vpc = new ec2.Vpc(euStack(app, 'S'), 'Vpc', {
          maxAzs: 2,
          natGateways: 0,
          subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
        });
        const [first, second] = vpc.isolatedSubnets.map((s) => s.node.defaultChild as ec2.CfnSubnet);
        second.addPropertyOverride('AvailabilityZone', first.availabilityZone);
      });
      expectViolation(err, MultiAz.id, 'S/Vpc/Resource');
    });

    test('a single-AZ VPC from CfnInclude: Stack/Include/<LogicalId>', () => {
      const err = synthGate((app) => {
        new include.CfnInclude(euStack(app, 'S'), 'Include', { templateFile: path.join(__dirname, '..', 'fixtures', 'single-az-network.json') });
      });
      expectViolation(err, MultiAz.id, 'S/Include/LegacyVpc');
    });
  });

  describe('ECS', () => {
    test('a FargateService with desiredCount 2 passes', () => {
      expectNoViolations(
        synthGate((app) => {
          fargateService(euStack(app, 'S'));
        }),
      );
    });

    test('a FargateService with desiredCount 1 fails', () => {
      const err = synthGate((app) => {
        fargateService(euStack(app, 'S'), { desiredCount: 1 });
      });
      expectViolation(err, MultiAz.id, 'S/Service/Service', 'DesiredCount is 1');
    });

    test('autoscaling with minCapacity 1 fails at the scalable target; minCapacity 2 passes', () => {
      const err = synthGate((app) => {
        fargateService(euStack(app, 'S')).autoScaleTaskCount({ minCapacity: 1, maxCapacity: 4 });
      });
      expectViolation(err, MultiAz.id, 'S/Service/TaskCount/Target/Resource', 'MinCapacity is 1');
      expectNoViolations(
        synthGate((app) => {
          fargateService(euStack(app, 'S')).autoScaleTaskCount({ minCapacity: 2, maxCapacity: 4 });
        }),
      );
    });

    test('a scheduled scaling action dropping to 1 task fails', () => {
      const err = synthGate((app) => {
        const scaling = fargateService(euStack(app, 'S')).autoScaleTaskCount({ minCapacity: 2, maxCapacity: 4 });
        scaling.scaleOnSchedule('Night', { schedule: appscaling.Schedule.cron({ hour: '22', minute: '0' }), minCapacity: 1 });
      });
      expectViolation(err, MultiAz.id, 'S/Service/TaskCount/Target/Resource', 'ScheduledActions[0]');
    });

    test('addPropertyOverride(DesiredCount, 1) weakens; a DAEMON raw service fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        (fargateService(stack).node.defaultChild as ecs.CfnService).addPropertyOverride('DesiredCount', 1);
        rawResource(stack, 'Daemon', 'AWS::ECS::Service', { Cluster: 'c', TaskDefinition: 't', SchedulingStrategy: 'DAEMON' });
      });
      expectViolation(err, MultiAz.id, 'S/Service/Service', 'DesiredCount is 1');
      expectViolation(err, MultiAz.id, 'S/Daemon', 'DAEMON');
    });

    test('a raw CfnService without DesiredCount fails (default 1)', () => {
      const err = synthGate((app) => {
        rawResource(euStack(app, 'S'), 'Raw', 'AWS::ECS::Service', { Cluster: 'c', TaskDefinition: 't', LaunchType: 'FARGATE' });
      });
      expectViolation(err, MultiAz.id, 'S/Raw', 'DesiredCount is absent');
    });
  });

  test('nested stack and Stage paths', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(new NestedStack(euStack(app, 'S'), 'Nested'), 'Cache', { numCacheClusters: 1 });
      const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
      compliantDatabase(new Stack(stage, 'Data'), 'Db', { multiAz: false });
    });
    expectViolation(err, MultiAz.id, 'S/Nested/Cache');
    expectViolation(err, MultiAz.id, 'Prod/Data/Db/Resource');
    expectNoViolationOf(undefined, MultiAz.id);
  });
});

test('SFX-MULTI-AZ: an Aurora reader that exists only under a condition does not make the cluster Multi-AZ', () => {
  const err = synthGate((app) => {
    const stack = euStack(app, 'S');
    const subnets = isolatedSubnetGroup(stack);
    const cluster = new rds.CfnDBCluster(stack, 'Cluster', { engine: 'aurora-postgresql', storageEncrypted: true, dbSubnetGroupName: subnets.ref });
    new rds.CfnDBInstance(stack, 'Writer', {
      engine: 'aurora-postgresql',
      dbClusterIdentifier: cluster.ref,
      dbInstanceClass: 'db.r7g.large',
      publiclyAccessible: false,
    });
    const reader = new rds.CfnDBInstance(stack, 'Reader', {
      engine: 'aurora-postgresql',
      dbClusterIdentifier: cluster.ref,
      dbInstanceClass: 'db.r7g.large',
      publiclyAccessible: false,
    });
    reader.cfnOptions.condition = new CfnCondition(stack, 'Never', { expression: Fn.conditionEquals('a', 'b') });
  });
  expectViolation(err, MultiAz.id, 'S/Cluster', '1 DB instance');
});

describe('everything pinned to one AZ', () => {
  test("PreferredCacheClusterAZs naming one AZ twice, and a node group whose replicas sit in the primary's AZ", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantReplicationGroup(stack, 'Preferred', { preferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1a'] });
      compliantReplicationGroup(stack, 'Sharded', {
        numCacheClusters: undefined,
        nodeGroupConfiguration: [{ replicaCount: 1, primaryAvailabilityZone: 'eu-west-1a', replicaAvailabilityZones: ['eu-west-1a'] }],
      });
      compliantReplicationGroup(stack, 'Spread', { preferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1b'] });
    });
    expectViolation(err, MultiAz.id, 'S/Preferred', 'PreferredCacheClusterAZs places every node in eu-west-1a');
    expectViolation(err, MultiAz.id, 'S/Sharded', 'places the primary and every replica in eu-west-1a');
    expect(err!.violations.map((v) => v.path)).toEqual(['S/Preferred', 'S/Sharded']);
  });

  test('a global datastore that switches automatic failover off', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const primary = compliantReplicationGroup(stack, 'Primary');
      new elasticache.CfnGlobalReplicationGroup(stack, 'Global', {
        automaticFailoverEnabled: false,
        members: [{ replicationGroupId: primary.ref, replicationGroupRegion: 'eu-west-1', role: 'PRIMARY' }],
      });
    });
    expectViolation(err, MultiAz.id, 'S/Global', 'AutomaticFailoverEnabled is false');
  });

  test('an Aurora cluster whose AvailabilityZones lists one AZ', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const cluster = new rds.CfnDBCluster(stack, 'Aurora', {
        engine: 'aurora-postgresql',
        storageEncrypted: true,
        availabilityZones: ['eu-west-1a'],
        masterUsername: 'app',
        manageMasterUserPassword: true,
      });
      for (const id of ['Writer', 'Reader']) {
        new rds.CfnDBInstance(stack, id, { engine: 'aurora-postgresql', dbClusterIdentifier: cluster.ref, dbInstanceClass: 'db.r7g.large' });
      }
    });
    expectViolation(err, MultiAz.id, 'S/Aurora', 'AvailabilityZones lists only eu-west-1a');
  });
});

describe('fail-closed shapes and single-AZ pinning', () => {
  function ecsTarget(stack: Stack, scheduledActions: unknown): void {
    rawResource(stack, 'Target', 'AWS::ApplicationAutoScaling::ScalableTarget', {
      ServiceNamespace: 'ecs',
      ScalableDimension: 'ecs:service:DesiredCount',
      ResourceId: 'service/c/s',
      MinCapacity: 2,
      MaxCapacity: 4,
      ScheduledActions: scheduledActions,
    });
  }

  test('a scheduled action or its ScalableTargetAction behind Fn::If fails closed', () => {
    const err = synthGate((app) => {
      ecsTarget(euStack(app, 'A'), [
        {
          'Fn::If': [
            'Night',
            { ScheduledActionName: 'n', Schedule: 'cron(0 0 * * ? *)', ScalableTargetAction: { MinCapacity: 1 } },
            { Ref: 'AWS::NoValue' },
          ],
        },
      ]);
      ecsTarget(euStack(app, 'B'), [{ ScheduledActionName: 'n', Schedule: 'cron(0 0 * * ? *)', ScalableTargetAction: IF_TWO_OR_ONE }]);
    });
    expectViolation(err, MultiAz.id, 'A/Target', 'ScheduledActions[0] is not a literal');
    expectViolation(err, MultiAz.id, 'B/Target', 'ScheduledActions[0] is not a literal');
  });

  test('a literal scheduled action keeping MinCapacity 2 passes', () => {
    const err = synthGate((app) => {
      ecsTarget(euStack(app, 'S'), [{ ScheduledActionName: 'n', Schedule: 'cron(0 0 * * ? *)', ScalableTargetAction: { MinCapacity: 2 } }]);
    });
    expectNoViolationOf(err, MultiAz.id);
  });

  test('NodeGroupConfiguration entries behind Fn::If fail closed; literal ones pass', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const nodeGroup = { NodeGroupId: '0001', ReplicaCount: 1 };
      compliantReplicationGroup(stack, 'Opaque', { numCacheClusters: undefined }).addPropertyOverride('NodeGroupConfiguration', [
        { 'Fn::If': ['Big', nodeGroup, { NodeGroupId: '0001', ReplicaCount: 0 }] },
      ]);
      compliantReplicationGroup(stack, 'Literal', { numCacheClusters: undefined }).addPropertyOverride('NodeGroupConfiguration', [nodeGroup]);
    });
    expectViolation(err, MultiAz.id, 'S/Opaque', 'NodeGroupConfiguration[0] is not a literal');
    expect(err!.violations.filter((v) => v.ruleId === MultiAz.id).map((v) => v.path)).toEqual(['S/Opaque']);
  });

  function aurora(stack: Stack, id: string, zones: [string, string]): void {
    new rds.DatabaseCluster(stack, id, {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      vpc: isolatedVpc(stack, `${id}Vpc`),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      writer: rds.ClusterInstance.provisioned('writer', { availabilityZone: zones[0] }),
      readers: [rds.ClusterInstance.provisioned('reader', { availabilityZone: zones[1] })],
      storageEncrypted: true,
    });
  }

  test('an Aurora cluster whose instances all pin one AZ is single-AZ; two AZs pass', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      aurora(stack, 'OneAz', ['eu-west-1a', 'eu-west-1a']);
      aurora(stack, 'TwoAz', ['eu-west-1a', 'eu-west-1b']);
    });
    expectViolation(err, MultiAz.id, 'S/OneAz/Resource', 'same AvailabilityZone');
    expect(err!.violations.filter((v) => v.ruleId === MultiAz.id).map((v) => v.path)).toEqual(['S/OneAz/Resource']);
  });

  function ec2Service(stack: Stack, id: string, constraint: ecs.PlacementConstraint): void {
    const vpc = isolatedVpc(stack, `${id}Vpc`);
    const cluster = new ecs.Cluster(stack, `${id}Cluster`, { vpc });
    cluster.addCapacity('Capacity', {
      instanceType: new ec2.InstanceType('t3.small'),
      minCapacity: 2,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    const taskDefinition = new ecs.Ec2TaskDefinition(stack, `${id}Task`);
    taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), memoryLimitMiB: 256 });
    new ecs.Ec2Service(stack, id, { cluster, taskDefinition, desiredCount: 2, placementConstraints: [constraint] });
  }

  test.each([
    'attribute:ecs.availability-zone == eu-west-1a',
    'attribute:ecs.availability-zone in [eu-west-1b]',
    'attribute:ecs.instance-type =~ t3.* and attribute:ecs.availability-zone==eu-west-1a',
  ])('a memberOf constraint "%s" pins every task to one AZ', (expression) => {
    const err = synthGate((app) => {
      ec2Service(euStack(app, 'S'), 'Service', ecs.PlacementConstraint.memberOf(expression));
    });
    expectViolation(err, MultiAz.id, 'S/Service/Service', 'single Availability Zone');
  });

  test('memberOf constraints allowing two AZs or not about AZs pass', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      ec2Service(stack, 'Two', ecs.PlacementConstraint.memberOf('attribute:ecs.availability-zone in [eu-west-1a, eu-west-1b]'));
      ec2Service(stack, 'Type', ecs.PlacementConstraint.memberOf('attribute:ecs.instance-type =~ t3.*'));
      ec2Service(stack, 'Distinct', ecs.PlacementConstraint.distinctInstances());
    });
    expectNoViolationOf(err, MultiAz.id);
  });

  function autoScaledService(stack: Stack, minCapacity: number): void {
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: isolatedVpc(stack) });
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
    taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') });
    const service = new ecs.FargateService(stack, 'Service', {
      cluster,
      taskDefinition,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    service.autoScaleTaskCount({ minCapacity, maxCapacity: 4 }).scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
  }

  function gateWithoutDefaultDesiredCount(build: (stack: Stack) => void) {
    const app = newApp({ context: { '@aws-cdk/aws-ecs:removeDefaultDesiredCount': true } });
    build(euStack(app, 'S'));
    applyCompliance(app);
    return synthApp(app);
  }

  test('a service without desiredCount auto-scaled with minCapacity 2 passes', () => {
    expectNoViolationOf(
      gateWithoutDefaultDesiredCount((stack) => autoScaledService(stack, 2)),
      MultiAz.id,
    );
  });

  test('a service without desiredCount auto-scaled with minCapacity 1 fails', () => {
    const err = gateWithoutDefaultDesiredCount((stack) => autoScaledService(stack, 1));
    expectViolation(err, MultiAz.id, 'S/Service/Service', 'DesiredCount is absent');
  });

  test('a service without desiredCount and without auto scaling fails', () => {
    const err = gateWithoutDefaultDesiredCount((stack) => {
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: isolatedVpc(stack) });
      const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
      taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') });
      new ecs.FargateService(stack, 'Service', { cluster, taskDefinition, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    });
    expectViolation(err, MultiAz.id, 'S/Service/Service', 'DesiredCount is absent');
  });
});

describe('escape hatches and raw resources', () => {
  test('a lowercase DAEMON scheduling strategy on a raw ECS service fails', () => {
    const err = synthGate((app) => {
      rawResource(euStack(app, 'S'), 'Svc', 'AWS::ECS::Service', { Cluster: 'c', TaskDefinition: 't', SchedulingStrategy: 'daemon' });
    });
    expectViolation(err, MultiAz.id, 'S/Svc', 'DAEMON');
  });
});

describe('values that cannot be proven at synth time fail closed', () => {
  test('Fn::Select of a literal list for DesiredCount', () => {
    const err = synthGate((app) => {
      rawResource(euStack(app, 'S'), 'Svc', 'AWS::ECS::Service', {
        Cluster: 'c',
        TaskDefinition: 't',
        DesiredCount: { 'Fn::Select': [0, ['1', '2']] },
      });
    });
    expectViolation(err, MultiAz.id, 'S/Svc', 'not a literal');
  });

  test('numbers as strings are read as numbers: MinCapacity "1" on an ECS scalable target fails', () => {
    const err = synthGate((app) => {
      rawResource(euStack(app, 'S'), 'Target', 'AWS::ApplicationAutoScaling::ScalableTarget', {
        ServiceNamespace: 'ecs',
        ScalableDimension: 'ecs:service:DesiredCount',
        ResourceId: 'service/c/s',
        MinCapacity: '1',
        MaxCapacity: '4',
      });
    });
    expectViolation(err, MultiAz.id, 'S/Target', 'MinCapacity');
  });
});

describe('ECS scaling', () => {
  test('Fargate autoscaling whose scheduled action drops below 2 tasks fails', () => {
    const err = synthGate((app) => {
      twoTaskFargateService(euStack(app, 'S'))
        .autoScaleTaskCount({ minCapacity: 2, maxCapacity: 6 })
        .scaleOnSchedule('Night', { schedule: appscaling.Schedule.cron({ hour: '0', minute: '0' }), minCapacity: 1 });
    });
    expectViolation(err, MultiAz.id, 'S/Service/TaskCount/Target/Resource', 'MinCapacity');
  });
});
