/**
 * Adversarial probes of the SFX gate: ways an engineer might try to sneak a misconfiguration past
 * it (escape hatches, raw resources, intrinsics, string booleans, Stages, product stacks, aspects
 * that run after the gate), and ordinary, compliant CDK code that must keep passing.
 *
 * Every test here passes today and guards that behaviour. Probes that found a gap are not here:
 * they are handed to the rule owners, to be added once the gap is closed.
 */
import { Aspects, CfnParameter, Duration, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { IConstruct } from 'constructs';
import {
  compliantDatabase,
  compliantReplicationGroup,
  compliantReplicationGroupCfn,
  compliantReplicationGroupProps,
  euStack,
  expectNoViolations,
  expectViolation,
  rawResource,
  synthGate,
} from './helpers';

const IAM = 'SFX-IAM-LEAST-PRIVILEGE';
const CODE = lambda.Code.fromInline('exports.handler = async () => {}');
const NODE = lambda.Runtime.NODEJS_22_X;
const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

function fn(stack: Stack, id = 'Fn', props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, { runtime: NODE, handler: 'index.handler', code: CODE, ...props });
}

/** An AWS::IAM::Policy on a fresh role whose Statement is exactly `statement`. */
function cfnPolicy(stack: Stack, statement: unknown): iam.CfnPolicy {
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return new iam.CfnPolicy(stack, 'Policy', {
    policyName: 'p',
    roles: [role.roleName],
    policyDocument: { Version: '2012-10-17', Statement: statement },
  });
}

function fargate(stack: Stack, props: Partial<ecs.FargateServiceProps> = {}): ecs.FargateService {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('app', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }),
  });
  return new ecs.FargateService(stack, 'Service', { cluster, taskDefinition, desiredCount: 2, ...props });
}

describe('adversarial probes the gate already stops', () => {
  describe('escape hatches and raw resources', () => {
    test('a raw CfnResource retyped with addOverride("Type") is judged as the type CloudFormation gets', () => {
      const err = synthGate((app) => {
        rawResource(euStack(app, 'S'), 'X', 'AWS::SQS::Queue', { ...compliantReplicationGroupCfn(), AtRestEncryptionEnabled: 'False' }).addOverride(
          'Type',
          'AWS::ElastiCache::ReplicationGroup',
        );
      });
      expectViolation(err, 'SFX-REDIS-AT-REST', 'S/X', '"False"');
    });

    test('addPropertyDeletionOverride of an encryption flag falls back to the CloudFormation default', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addPropertyDeletionOverride('TransitEncryptionEnabled');
      });
      expectViolation(err, 'SFX-REDIS-IN-TRANSIT', 'S/Cache', 'absent');
    });

    test('an aspect that strips encryption AFTER the gate aspects (priority 2000) is still judged', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S'));
        Aspects.of(app).add(
          {
            visit: (c: IConstruct) => {
              if (c instanceof elasticache.CfnReplicationGroup) c.addPropertyDeletionOverride('AtRestEncryptionEnabled');
            },
          },
          { priority: 2000 },
        );
      });
      expectViolation(err, 'SFX-REDIS-AT-REST', 'S/Cache', 'absent');
    });

    test('a lowercase DAEMON scheduling strategy on a raw ECS service fails', () => {
      const err = synthGate((app) => {
        rawResource(euStack(app, 'S'), 'Svc', 'AWS::ECS::Service', { Cluster: 'c', TaskDefinition: 't', SchedulingStrategy: 'daemon' });
      });
      expectViolation(err, 'SFX-MULTI-AZ', 'S/Svc', 'DAEMON');
    });
  });

  describe('values that cannot be proven at synth time fail closed', () => {
    test('a parameter with a default but no AllowedValues', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const flag = new CfnParameter(stack, 'Encrypt', { type: 'String', default: 'true' });
        compliantReplicationGroup(stack).addPropertyOverride('AtRestEncryptionEnabled', flag.valueAsString);
      });
      expectViolation(err, 'SFX-REDIS-AT-REST', 'S/Cache', 'parameter Encrypt');
    });

    test('Fn::If with one false branch', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addPropertyOverride('TransitEncryptionEnabled', { 'Fn::If': ['Prod', true, false] });
      });
      expectViolation(err, 'SFX-REDIS-IN-TRANSIT', 'S/Cache', 'Fn::If');
    });

    test('Fn::Select of a literal list for DesiredCount', () => {
      const err = synthGate((app) => {
        rawResource(euStack(app, 'S'), 'Svc', 'AWS::ECS::Service', {
          Cluster: 'c',
          TaskDefinition: 't',
          DesiredCount: { 'Fn::Select': [0, ['1', '2']] },
        });
      });
      expectViolation(err, 'SFX-MULTI-AZ', 'S/Svc', 'not a literal');
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
      expectViolation(err, 'SFX-MULTI-AZ', 'S/Target', 'MinCapacity');
    });

    test('string booleans and numbers as strings that do comply pass', () => {
      expectNoViolations(
        synthGate((app) => {
          rawResource(euStack(app, 'S'), 'Cache', 'AWS::ElastiCache::ReplicationGroup', {
            ...compliantReplicationGroupCfn(),
            AtRestEncryptionEnabled: 'true',
            TransitEncryptionEnabled: 'TRUE',
            NumCacheClusters: '2',
          });
        }),
      );
    });
  });

  describe('ECS scaling', () => {
    test('Fargate autoscaling whose scheduled action drops below 2 tasks fails', () => {
      const err = synthGate((app) => {
        fargate(euStack(app, 'S'))
          .autoScaleTaskCount({ minCapacity: 2, maxCapacity: 6 })
          .scaleOnSchedule('Night', { schedule: appscaling.Schedule.cron({ hour: '0', minute: '0' }), minCapacity: 1 });
      });
      expectViolation(err, 'SFX-MULTI-AZ', 'S/Service/TaskCount/Target/Resource', 'MinCapacity');
    });
  });

  describe('IAM tricks', () => {
    test('a policy given as a JSON string with a single statement object and an upper-case action', () => {
      const err = synthGate((app) => {
        rawResource(euStack(app, 'S'), 'Role', 'AWS::IAM::Role', {
          AssumeRolePolicyDocument: TRUST,
          Policies: [
            {
              PolicyName: 'p',
              PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'IAM:PASSROLE', Resource: '*' } }),
            },
          ],
        });
      });
      expectViolation(err, IAM, 'S/Role', 'PASSROLE');
    });

    test('"*" built with Fn::Join is still "*"', () => {
      const err = synthGate((app) => {
        cfnPolicy(euStack(app, 'S'), [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['*']] } }]);
      });
      expectViolation(err, IAM, 'S/Policy', 's3:GetObject');
    });

    test('iam:PassRole on every role of an account, written with Fn::Sub', () => {
      const err = synthGate((app) => {
        cfnPolicy(euStack(app, 'S'), [
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: Fn.sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*') },
        ]);
      });
      expectViolation(err, IAM, 'S/Policy', 'every role of the account');
    });

    test('every bucket (arn:aws:s3:::*) is "*" in all but name', () => {
      const err = synthGate((app) => {
        cfnPolicy(euStack(app, 'S'), [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::*' }]);
      });
      expectViolation(err, IAM, 'S/Policy', 'arn:aws:s3:::*');
    });

    test('Allow with NotAction', () => {
      const err = synthGate((app) => {
        cfnPolicy(euStack(app, 'S'), [{ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::sfx-catalog/*' }]);
      });
      expectViolation(err, IAM, 'S/Policy', 'NotAction');
    });

    test('AdministratorAccess through the L2 fromAwsManagedPolicyName, and *AdminAccess / *PowerUser variants', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        new iam.Role(stack, 'Admin', {
          assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
          managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
        });
        new iam.CfnRole(stack, 'Variants', {
          assumeRolePolicyDocument: TRUST,
          managedPolicyArns: ['arn:aws:iam::aws:policy/AWSCodeBuildAdminAccess', 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser'],
        });
      });
      expectViolation(err, IAM, 'S/Admin/Resource', 'AdministratorAccess');
      expectViolation(err, IAM, 'S/Variants', 'AWSCodeBuildAdminAccess');
      expectViolation(err, IAM, 'S/Variants', 'AmazonEC2ContainerRegistryPowerUser');
    });
  });

  describe('Stages, nested stacks and product stacks', () => {
    test('a us-east-1 Stage inside an eu-west-1 Stage', () => {
      const err = synthGate((app) => {
        const outer = new Stage(app, 'P', { env: { region: 'eu-west-1' } });
        new Stack(new Stage(outer, 'Inner', { env: { region: 'us-east-1' } }), 'D');
      });
      expectViolation(err, 'SFX-REGION', 'P/Inner/D', 'us-east-1');
    });

    test('a plaintext cache inside a Service Catalog ProductStack', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const product = new servicecatalog.ProductStack(stack, 'P');
        compliantReplicationGroup(product, 'Cache', { transitEncryptionEnabled: false });
        new servicecatalog.CloudFormationProduct(stack, 'Product', {
          productName: 'p',
          owner: 'o',
          productVersions: [{ productVersionName: 'v1', cloudFormationTemplate: servicecatalog.CloudFormationTemplate.fromProductStack(product) }],
        });
      });
      expectViolation(err, 'SFX-REDIS-IN-TRANSIT', 'S/P/Cache');
    });

    test('an unencrypted cache in a NestedStack of a Stage', () => {
      const err = synthGate((app) => {
        const stack = new Stack(new Stage(app, 'P', { env: { region: 'eu-west-1' } }), 'D');
        compliantReplicationGroup(new NestedStack(stack, 'N'), 'Cache', { atRestEncryptionEnabled: false });
      });
      expectViolation(err, 'SFX-REDIS-AT-REST', 'P/D/N/Cache');
    });
  });
});

describe('ordinary compliant CDK code passes', () => {
  test('Lambda in a VPC (maxAzs 3) with S3, DynamoDB, SQS and KMS grants', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const handler = fn(stack, 'Fn', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 3 }), tracing: lambda.Tracing.ACTIVE });
        new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS }).grantReadWrite(handler);
        new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } }).grantReadWriteData(handler);
        const queue = new sqs.Queue(stack, 'Queue');
        queue.grantSendMessages(handler);
        queue.grantConsumeMessages(handler);
        new kms.Key(stack, 'Key').grantEncryptDecrypt(handler);
      }),
    );
  });

  test('EventBridge rule with Lambda, SQS and Step Functions targets', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const machine = new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')) });
        new events.Rule(stack, 'Rule', {
          eventPattern: { source: ['sfx.catalog'] },
          targets: [new targets.LambdaFunction(fn(stack)), new targets.SqsQueue(new sqs.Queue(stack, 'Queue')), new targets.SfnStateMachine(machine)],
        });
      }),
    );
  });

  test('Step Functions state machine with logging, tracing and a Lambda task', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        new sfn.StateMachine(stack, 'Machine', {
          tracingEnabled: true,
          logs: { destination: new logs.LogGroup(stack, 'Logs'), level: sfn.LogLevel.ALL },
          definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(stack, 'Invoke', { lambdaFunction: fn(stack) })),
        });
      }),
    );
  });

  test('Fargate service with desiredCount 2 and target-tracking autoscaling (minCapacity 2)', () => {
    expectNoViolations(
      synthGate((app) => {
        fargate(euStack(app, 'S'))
          .autoScaleTaskCount({ minCapacity: 2, maxCapacity: 6 })
          .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
      }),
    );
  });

  test('RDS PostgreSQL 16 DatabaseInstance with a default VPC, storageEncrypted, multiAz and a generated secret', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        new rds.DatabaseInstance(stack, 'Db', {
          engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
          vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }),
          storageEncrypted: true,
          multiAz: true,
          publiclyAccessible: false,
          credentials: rds.Credentials.fromGeneratedSecret('app'),
        });
      }),
    );
  });

  test('secret rotation (addRotationSingleUser) on a compliant database', () => {
    expectNoViolations(
      synthGate((app) => {
        compliantDatabase(euStack(app, 'S')).addRotationSingleUser();
      }),
    );
  });

  test('Aurora MySQL DatabaseCluster with a provisioned writer and a Serverless v2 reader', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        new rds.DatabaseCluster(stack, 'Aurora', {
          engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_08_0 }),
          vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }),
          vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
          writer: rds.ClusterInstance.provisioned('writer'),
          readers: [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })],
          storageEncrypted: true,
        });
      }),
    );
  });

  test('ElastiCache cluster mode with NodeGroupConfiguration (one and two replicas per shard)', () => {
    expectNoViolations(
      synthGate((app) => {
        new elasticache.CfnReplicationGroup(euStack(app, 'S'), 'Cache', {
          ...compliantReplicationGroupProps(),
          numCacheClusters: undefined,
          cacheParameterGroupName: 'default.redis7.cluster.on',
          nodeGroupConfiguration: [
            { nodeGroupId: '0001', replicaCount: 1, slots: '0-8191' },
            { nodeGroupId: '0002', replicaCount: 2, slots: '8192-16383' },
          ],
        });
      }),
    );
  });

  test('Stage with env, a NestedStack and an empty inner Stage', () => {
    expectNoViolations(
      synthGate((app) => {
        const stage = new Stage(app, 'P', { env: { region: 'eu-west-1' } });
        compliantReplicationGroup(new NestedStack(new Stack(stage, 'D'), 'N'));
        new Stage(stage, 'Inner');
      }),
    );
  });

  test('a Service Catalog ProductStack published from an eu-west-1 stack', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const product = new servicecatalog.ProductStack(stack, 'P');
        compliantReplicationGroup(product);
        new servicecatalog.CloudFormationProduct(stack, 'Product', {
          productName: 'p',
          owner: 'o',
          productVersions: [{ productVersionName: 'v1', cloudFormationTemplate: servicecatalog.CloudFormationTemplate.fromProductStack(product) }],
        });
      }),
    );
  });

  test('Lambda with a scheduled EventBridge rule and a DLQ', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        new events.Rule(stack, 'Rule', {
          schedule: events.Schedule.rate(Duration.minutes(5)),
          targets: [new targets.LambdaFunction(fn(stack, 'Fn', { deadLetterQueueEnabled: true }))],
        });
      }),
    );
  });
});
