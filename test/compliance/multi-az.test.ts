import { CfnParameter, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as include from 'aws-cdk-lib/cloudformation-include';
import * as path from 'path';
import {
  compliantCfnDb,
  compliantDatabase,
  compliantReplicationGroup,
  compliantReplicationGroupCfn,
  euStack,
  expectNoViolationOf,
  expectNoViolations,
  expectViolation,
  isolatedVpc,
  rawResource,
  synthGate,
} from './helpers';

const ID = 'SFX-MULTI-AZ';

/** A compliant Fargate service (2 tasks, isolated subnets of a 2-AZ VPC). */
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

describe('SFX-MULTI-AZ', () => {
  describe('RDS', () => {
    test('DatabaseInstance multiAz: false fails; absent fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        compliantDatabase(stack, 'Single', { multiAz: false });
        compliantDatabase(stack, 'Unset', { multiAz: undefined });
      });
      expectViolation(err, ID, 'S/Single/Resource', 'MultiAZ is false');
      expectViolation(err, ID, 'S/Unset/Resource', 'MultiAZ is absent');
    });

    test('CfnDBInstance with MultiAZ "false" fails, "true" passes', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        compliantCfnDb(stack, 'No').addPropertyOverride('MultiAZ', 'false');
        compliantCfnDb(stack, 'Yes').addPropertyOverride('MultiAZ', 'true');
      });
      expectViolation(err, ID, 'S/No', '"false"');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/No']);
    });

    test("addOverride('Properties.MultiAZ', false) weakens a compliant instance", () => {
      const err = synthGate((app) => {
        const db = compliantDatabase(euStack(app, 'S'));
        (db.node.defaultChild as rds.CfnDBInstance).addOverride('Properties.MultiAZ', false);
      });
      expectViolation(err, ID, 'S/Db/Resource', 'is false');
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
      expectViolation(err, ID, 'S/Db', 'must be a literal');
    });

    test('Aurora with a writer only fails at the cluster; with a reader passes', () => {
      const err = synthGate((app) => {
        auroraCluster(euStack(app, 'S'), []);
      });
      expectViolation(err, ID, 'S/Aurora/Resource', '1 DB instance');
      expect(err!.violations.map((v) => `${v.ruleId} ${v.path}`)).toEqual([`${ID} S/Aurora/Resource`]);
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
      expectViolation(err, ID, 'S/Cache', message);
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
      expectViolation(err, ID, 'S/Bad', 'parameter One');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/Bad']);
    });

    test('addPropertyOverride weakening AutomaticFailoverEnabled fails', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addPropertyOverride('AutomaticFailoverEnabled', false);
      });
      expectViolation(err, ID, 'S/Cache', 'AutomaticFailoverEnabled');
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
      expectViolation(err, ID, 'S/One/Resource', 'span 1 Availability Zone');
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
      expectViolation(err, ID, 'S/OneAz', '2 subnet(s) provably span 1');
      expectViolation(err, ID, 'S/Empty', '0 subnet(s)');
      expect(err!.violations.filter((v) => v.ruleId === ID).map((v) => v.path)).toEqual(['S/OneAz', 'S/Empty']);
    });

    test('subnets whose AZ is left to CloudFormation cannot be proven to span two AZs', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
        new ec2.CfnSubnet(stack, 'A', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
        new ec2.CfnSubnet(stack, 'B', { vpcId: vpc.ref, cidrBlock: '10.0.1.0/24' });
      });
      expectViolation(err, ID, 'S/Vpc', 'provably span 0');
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
      expectViolation(err, ID, 'S/Vpc/Resource');
    });

    test('a single-AZ VPC from CfnInclude: Stack/Include/<LogicalId>', () => {
      const err = synthGate((app) => {
        new include.CfnInclude(euStack(app, 'S'), 'Include', { templateFile: path.join(__dirname, 'fixtures', 'single-az-network.json') });
      });
      expectViolation(err, ID, 'S/Include/LegacyVpc');
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
      expectViolation(err, ID, 'S/Service/Service', 'DesiredCount is 1');
    });

    test('autoscaling with minCapacity 1 fails at the scalable target; minCapacity 2 passes', () => {
      const err = synthGate((app) => {
        fargateService(euStack(app, 'S')).autoScaleTaskCount({ minCapacity: 1, maxCapacity: 4 });
      });
      expectViolation(err, ID, 'S/Service/TaskCount/Target/Resource', 'MinCapacity is 1');
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
      expectViolation(err, ID, 'S/Service/TaskCount/Target/Resource', 'ScheduledActions[0]');
    });

    test('addPropertyOverride(DesiredCount, 1) weakens; a DAEMON raw service fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        (fargateService(stack).node.defaultChild as ecs.CfnService).addPropertyOverride('DesiredCount', 1);
        rawResource(stack, 'Daemon', 'AWS::ECS::Service', { Cluster: 'c', TaskDefinition: 't', SchedulingStrategy: 'DAEMON' });
      });
      expectViolation(err, ID, 'S/Service/Service', 'DesiredCount is 1');
      expectViolation(err, ID, 'S/Daemon', 'DAEMON');
    });

    test('a raw CfnService without DesiredCount fails (default 1)', () => {
      const err = synthGate((app) => {
        rawResource(euStack(app, 'S'), 'Raw', 'AWS::ECS::Service', { Cluster: 'c', TaskDefinition: 't', LaunchType: 'FARGATE' });
      });
      expectViolation(err, ID, 'S/Raw', 'DesiredCount is absent');
    });
  });

  test('nested stack and Stage paths', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(new NestedStack(euStack(app, 'S'), 'Nested'), 'Cache', { numCacheClusters: 1 });
      const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
      compliantDatabase(new Stack(stage, 'Data'), 'Db', { multiAz: false });
    });
    expectViolation(err, ID, 'S/Nested/Cache');
    expectViolation(err, ID, 'Prod/Data/Db/Resource');
    expectNoViolationOf(undefined, ID);
  });
});
