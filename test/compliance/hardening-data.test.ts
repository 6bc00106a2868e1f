// Data-tier gaps closed after the second review: encryption inherited from a restore source,
// fail-closed shapes in multi-AZ checks, AZ pinning, auto-scaled ECS services without a desired
// count, TLS of read replicas, regions split across Fn::Join, secret metadata in environments.
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import {
  POSTGRES_16,
  compliantCfnDb,
  compliantDatabase,
  compliantReplicationGroup,
  euStack,
  expectNoViolationOf,
  expectViolation,
  isolatedVpc,
  newApp,
  rawResource,
  synthApp,
  readReplicaOf,
  synthGate,
} from './helpers';
import { applyCompliance } from '../../aspects';

const AT_REST = 'SFX-RDS-AT-REST';
const MULTI_AZ = 'SFX-MULTI-AZ';
const TLS = 'SFX-RDS-TLS';
const REGION = 'SFX-REGION';
const SECRETS = 'SFX-SECRETS-MANAGER';
const SNAPSHOT_ARN = 'arn:aws:rds:eu-west-1:123456789012:snapshot:legacy';
const IF_TWO_OR_ONE = { 'Fn::If': ['Big', { MinCapacity: 2 }, { MinCapacity: 1 }] };

describe('SFX-RDS-AT-REST: encryption inherited from a source', () => {
  test.each([
    ['DBSnapshotIdentifier', SNAPSHOT_ARN],
    ['SourceDBInstanceIdentifier', 'arn:aws:rds:eu-west-1:123456789012:db:legacy'],
    ['SourceDbiResourceId', 'db-ABCDEFGHIJKLMNOP'],
    ['SourceDBInstanceAutomatedBackupsArn', 'arn:aws:rds:eu-west-1:123456789012:auto-backup:ab-1'],
  ])('an instance with %s from outside the template fails even with StorageEncrypted: true', (property, value) => {
    const err = synthGate((app) => {
      compliantCfnDb(euStack(app, 'S'), 'Restored').addPropertyOverride(property, value);
    });
    expectViolation(err, AT_REST, 'S/Restored', 'outside this template');
  });

  test('a replica of a replica of an encrypted in-template instance passes without StorageEncrypted', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const source = compliantCfnDb(stack, 'Source');
      const first = compliantCfnDb(stack, 'First', { storageEncrypted: undefined, sourceDbInstanceIdentifier: source.ref });
      compliantCfnDb(stack, 'Second', { storageEncrypted: undefined, sourceDbInstanceIdentifier: first.ref });
    });
    expectNoViolationOf(err, AT_REST);
  });

  test('a replica (claiming StorageEncrypted: true) of an unencrypted in-template instance fails', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const source = compliantCfnDb(stack, 'Source', { storageEncrypted: false });
      compliantCfnDb(stack, 'Replica', { sourceDbInstanceIdentifier: source.ref });
    });
    expectViolation(err, AT_REST, 'S/Replica', 'inherits its encryption from Source');
  });

  test.each(['SnapshotIdentifier', 'SourceDBClusterIdentifier'])('a cluster restored with %s needs KmsKeyId', (property) => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new rds.CfnDBCluster(stack, 'NoKey', { engine: 'aurora-postgresql', storageEncrypted: true }).addPropertyOverride(property, 'legacy');
      new rds.CfnDBCluster(stack, 'WithKey', {
        engine: 'aurora-postgresql',
        storageEncrypted: true,
        kmsKeyId: new kms.Key(stack, 'Key').keyArn,
      }).addPropertyOverride(property, 'legacy');
    });
    expectViolation(err, AT_REST, 'S/NoKey', 'KmsKeyId is absent');
    expect(err!.violations.filter((v) => v.ruleId === AT_REST).map((v) => v.path)).toEqual(['S/NoKey']);
  });

  test('DatabaseClusterFromSnapshot with a storageEncryptionKey passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new rds.DatabaseClusterFromSnapshot(stack, 'Restored', {
        engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
        snapshotIdentifier: SNAPSHOT_ARN,
        vpc: isolatedVpc(stack),
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        writer: rds.ClusterInstance.provisioned('writer'),
        readers: [rds.ClusterInstance.provisioned('reader')],
        storageEncryptionKey: new kms.Key(stack, 'Key'),
      });
    });
    expectNoViolationOf(err, AT_REST);
  });
});

describe('SFX-MULTI-AZ: fail-closed shapes and single-AZ pinning', () => {
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
    expectViolation(err, MULTI_AZ, 'A/Target', 'ScheduledActions[0] is not a literal');
    expectViolation(err, MULTI_AZ, 'B/Target', 'ScheduledActions[0] is not a literal');
  });

  test('a literal scheduled action keeping MinCapacity 2 passes', () => {
    const err = synthGate((app) => {
      ecsTarget(euStack(app, 'S'), [{ ScheduledActionName: 'n', Schedule: 'cron(0 0 * * ? *)', ScalableTargetAction: { MinCapacity: 2 } }]);
    });
    expectNoViolationOf(err, MULTI_AZ);
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
    expectViolation(err, MULTI_AZ, 'S/Opaque', 'NodeGroupConfiguration[0] is not a literal');
    expect(err!.violations.filter((v) => v.ruleId === MULTI_AZ).map((v) => v.path)).toEqual(['S/Opaque']);
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
    expectViolation(err, MULTI_AZ, 'S/OneAz/Resource', 'same AvailabilityZone');
    expect(err!.violations.filter((v) => v.ruleId === MULTI_AZ).map((v) => v.path)).toEqual(['S/OneAz/Resource']);
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
    expectViolation(err, MULTI_AZ, 'S/Service/Service', 'single Availability Zone');
  });

  test('memberOf constraints allowing two AZs or not about AZs pass', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      ec2Service(stack, 'Two', ecs.PlacementConstraint.memberOf('attribute:ecs.availability-zone in [eu-west-1a, eu-west-1b]'));
      ec2Service(stack, 'Type', ecs.PlacementConstraint.memberOf('attribute:ecs.instance-type =~ t3.*'));
      ec2Service(stack, 'Distinct', ecs.PlacementConstraint.distinctInstances());
    });
    expectNoViolationOf(err, MULTI_AZ);
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
      MULTI_AZ,
    );
  });

  test('a service without desiredCount auto-scaled with minCapacity 1 fails', () => {
    const err = gateWithoutDefaultDesiredCount((stack) => autoScaledService(stack, 1));
    expectViolation(err, MULTI_AZ, 'S/Service/Service', 'DesiredCount is absent');
  });

  test('a service without desiredCount and without auto scaling fails', () => {
    const err = gateWithoutDefaultDesiredCount((stack) => {
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: isolatedVpc(stack) });
      const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
      taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') });
      new ecs.FargateService(stack, 'Service', { cluster, taskDefinition, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    });
    expectViolation(err, MULTI_AZ, 'S/Service/Service', 'DesiredCount is absent');
  });
});

describe('SFX-RDS-TLS', () => {
  test('a parameter group whose Parameters is an Fn::If fails closed; a literal map passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      for (const [id, parameters] of [
        ['Opaque', { 'Fn::If': ['Strict', { 'rds.force_ssl': '1' }, { 'rds.force_ssl': '0' }] }],
        ['Literal', { 'rds.force_ssl': '1' }],
      ] as const) {
        const group = new rds.CfnDBParameterGroup(stack, `${id}Params`, { family: 'postgres14', description: id, parameters: {} });
        group.addPropertyOverride('Parameters', parameters);
        compliantCfnDb(stack, id, { engineVersion: '14.12', dbParameterGroupName: group.ref });
      }
    });
    expectViolation(err, TLS, 'S/Opaque', 'Parameters of parameter group OpaqueParams is not a literal');
    expect(err!.violations.filter((v) => v.ruleId === TLS).map((v) => v.path)).toEqual(['S/Opaque']);
  });

  test('a read replica of an in-template PostgreSQL 16 source, on the default parameter group, passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const source = compliantDatabase(stack, 'Db', { engine: POSTGRES_16 });
      readReplicaOf(stack, source, 'Replica', { publiclyAccessible: false });
    });
    expectNoViolationOf(err, TLS);
  });

  test('a read replica of an in-template PostgreSQL 14 source, on the default parameter group, fails', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_14 });
      const source = compliantDatabase(stack, 'Db', {
        engine,
        parameterGroup: new rds.ParameterGroup(stack, 'Params', { engine, parameters: { 'rds.force_ssl': '1' } }),
      });
      readReplicaOf(stack, source);
    });
    expectViolation(err, TLS, 'S/Replica/Resource', 'DBParameterGroupName is absent');
    expect(err!.violations.filter((v) => v.ruleId === TLS).map((v) => v.path)).toEqual(['S/Replica/Resource']);
  });
});

describe('SFX-REGION: regions split across Fn::Join and Fn::Sub', () => {
  const queuePolicy = (stack: Stack, id: string, resource: unknown) =>
    rawResource(stack, id, 'AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t',
      Endpoint: resource,
    });

  test('a region split across Fn::Join parts is caught', () => {
    const err = synthGate((app) => {
      queuePolicy(euStack(app, 'S'), 'Sub', { 'Fn::Join': ['', ['arn:aws:sqs:us-', 'east-1:123456789012:q']] });
    });
    expectViolation(err, REGION, 'S/Sub', 'us-east-1');
  });

  test('a region split across a Fn::Sub part is caught; one named whole inside a part is reported once', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      queuePolicy(stack, 'Split', { 'Fn::Join': ['', ['arn:aws:sqs:', { 'Fn::Sub': 'ap-south' }, '-1:123456789012:q']] });
      queuePolicy(stack, 'Whole', { 'Fn::Join': ['', ['arn:aws:sqs:', { 'Fn::Sub': 'us-east-2' }, ':123456789012:q']] });
    });
    expectViolation(err, REGION, 'S/Split', 'ap-south-1');
    expect(expectViolation(err, REGION, 'S/Whole', 'us-east-2')).toHaveLength(1);
  });

  test('a Join naming only eu-west-1 (or the stack region) passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      queuePolicy(stack, 'Literal', { 'Fn::Join': ['', ['arn:aws:sqs:eu-', 'west-1:123456789012:q']] });
      queuePolicy(stack, 'Token', { 'Fn::Join': ['', ['arn:aws:sqs:', { Ref: 'AWS::Region' }, ':123456789012:q']] });
    });
    expectNoViolationOf(err, REGION);
  });
});

describe('SFX-SECRETS-MANAGER: metadata about a secret is not a secret', () => {
  function handler(stack: Stack, id: string, environment: Record<string, string>): void {
    new lambda.Function(stack, id, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
      environment,
    });
  }

  test('SECRET_NAME, TOKEN_TTL_SECONDS, DB_SECRET_ARN, PASSWORD_MIN_LENGTH with literal values pass', () => {
    const err = synthGate((app) => {
      handler(euStack(app, 'S'), 'Fn', {
        SECRET_NAME: 'catalogue/db',
        TOKEN_TTL_SECONDS: '900',
        DB_SECRET_ARN: 'catalogue-db',
        PASSWORD_MIN_LENGTH: '16',
        API_KEY_HEADER: 'x-api-key',
        SECRET_ROTATION_ENABLED: 'true',
      });
    });
    expectNoViolationOf(err, SECRETS);
  });

  test.each(['DB_PASSWORD', 'API_KEY'])('%s with a literal value still fails', (name) => {
    const err = synthGate((app) => {
      handler(euStack(app, 'S'), 'Fn', { [name]: 'x' });
    });
    expectViolation(err, SECRETS, 'S/Fn/Resource', name);
  });
});
