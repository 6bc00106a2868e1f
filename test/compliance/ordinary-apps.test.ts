/**
 * Ordinary CDK apps, of the kind in aws-samples/aws-cdk-examples, written the CDK way (grant*
 * methods, L2 defaults, eu-west-1): the gate raises no false alarm on any of them.
 */
import { Duration, NestedStack, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as include from 'aws-cdk-lib/cloudformation-include';
import { Construct } from 'constructs';
import * as path from 'path';
import {
  compliantDatabase,
  compliantReplicationGroup,
  compliantReplicationGroupProps,
  euStack,
  expectNoViolations,
  inlineFunction,
  isolatedVpc,
  lambdaFunction,
  lambdaRole,
  synthGate,
  twoTaskFargateService,
} from './helpers';

const ENV = { region: 'eu-west-1' };

function handler(scope: Construct, id: string, environment: Record<string, string> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 })'),
    environment,
    logGroup: new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
  });
}

test('api-cors-lambda-crud-dynamodb: API Gateway, Lambda functions and a DynamoDB table with grants', () => {
  expectNoViolations(
    synthGate((app) => {
      const stack = new Stack(app, 'ItemsApi', { env: ENV });
      const table = new dynamodb.Table(stack, 'Items', {
        partitionKey: { name: 'itemId', type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      });
      const api = new apigateway.RestApi(stack, 'Api', {
        restApiName: 'Items Service (eu-west-1)',
        description: 'items CRUD, migrated from us-east-1',
      });
      const items = api.root.addResource('items');
      for (const [method, id] of [
        ['GET', 'GetAll'],
        ['POST', 'Create'],
      ] as const) {
        const fn = handler(stack, id, { TABLE_NAME: table.tableName, PRIMARY_KEY: 'itemId' });
        table.grantReadWriteData(fn);
        items.addMethod(method, new apigateway.LambdaIntegration(fn));
      }
    }),
  );
});

test('sqs/sns fan-out: a topic, queues with a DLQ, a Lambda consumer, an S3 bucket notifying the topic', () => {
  expectNoViolations(
    synthGate((app) => {
      const stack = new Stack(app, 'FanOut', { env: ENV });
      const topic = new sns.Topic(stack, 'Uploads', { displayName: 'uploads (replaces the us-west-2 topic)' });
      const dlq = new sqs.Queue(stack, 'Dlq', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true });
      const queue = new sqs.Queue(stack, 'Work', {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
        visibilityTimeout: Duration.minutes(2),
      });
      topic.addSubscription(new subscriptions.SqsSubscription(queue));
      const consumer = handler(stack, 'Consumer', { QUEUE_URL: queue.queueUrl });
      consumer.addEventSource(new eventSources.SqsEventSource(queue));
      const bucket = new s3.Bucket(stack, 'Inbox', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
      bucket.grantRead(consumer);
      bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SnsDestination(topic));
    }),
  );
});

test('stepfunctions-job-poller: a state machine invoking Lambda tasks on a schedule', () => {
  expectNoViolations(
    synthGate((app) => {
      const stack = new Stack(app, 'JobPoller', { env: ENV });
      const submit = new tasks.LambdaInvoke(stack, 'Submit', { lambdaFunction: handler(stack, 'SubmitFn'), outputPath: '$.Payload' });
      const wait = new sfn.Wait(stack, 'Wait', { time: sfn.WaitTime.duration(Duration.seconds(30)) });
      const status = new tasks.LambdaInvoke(stack, 'Status', { lambdaFunction: handler(stack, 'StatusFn'), outputPath: '$.Payload' });
      const done = new sfn.Succeed(stack, 'Done');
      const machine = new sfn.StateMachine(stack, 'Machine', {
        definitionBody: sfn.DefinitionBody.fromChainable(
          submit
            .next(wait)
            .next(status)
            .next(new sfn.Choice(stack, 'Finished?').when(sfn.Condition.stringEquals('$.status', 'DONE'), done).otherwise(wait)),
        ),
        logs: { destination: new logs.LogGroup(stack, 'MachineLogs'), level: sfn.LogLevel.ERROR },
      });
      new events.Rule(stack, 'Every5Minutes', {
        schedule: events.Schedule.rate(Duration.minutes(5)),
        targets: [new targets.SfnStateMachine(machine)],
      });
    }),
  );
});

test('ecs/fargate-application-load-balanced-service: two tasks behind an ALB in a two-AZ VPC', () => {
  expectNoViolations(
    synthGate((app) => {
      const stack = new Stack(app, 'Web', { env: ENV });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
      new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Service', {
        cluster,
        desiredCount: 2,
        cpu: 256,
        memoryLimitMiB: 512,
        taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), containerPort: 80 },
      });
    }),
  );
});

describe('ordinary compliant CDK code passes', () => {
  test('hosted rotation (AWS::SecretsManager-2024-09-16), a Kinesis enhanced fan-out consumer, the secrets-caching layer', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        new secretsmanager.Secret(stack, 'Secret').addRotationSchedule('Rotation', {
          hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser(),
          automaticallyAfter: Duration.days(30),
        });
        const stream = new kinesis.Stream(stack, 'Stream');
        const consumer = new kinesis.StreamConsumer(stack, 'Consumer', { stream, streamConsumerName: 'metadata' });
        lambdaFunction(stack, 'Reader', {
          paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103),
          environment: { TOKENS_TABLE: 'tokens', AUTH_TOKEN_TYPE: 'Bearer', SECRET_ROTATION_DAYS: '30' },
        }).addEventSource(new sources.KinesisConsumerEventSource(consumer, { startingPosition: lambda.StartingPosition.LATEST }));
      }),
    );
  });

  test('a cache whose replicas are spread over named AZs', () => {
    expectNoViolations(
      synthGate((app) => {
        new elasticache.CfnReplicationGroup(euStack(app, 'S'), 'Cache', {
          ...compliantReplicationGroupProps(),
          numCacheClusters: undefined,
          nodeGroupConfiguration: [{ replicaCount: 1, primaryAvailabilityZone: 'eu-west-1a', replicaAvailabilityZones: ['eu-west-1b'] }],
        });
      }),
    );
  });

  test('actions without resource types on "*" (ECS agent endpoint discovery, bucket listing of a canary)', () => {
    expectNoViolations(
      synthGate((app) => {
        new iam.Role(euStack(app, 'S'), 'AgentRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') }).addToPolicy(
          new iam.PolicyStatement({ actions: ['ecs:DiscoverPollEndpoint', 's3:ListAllMyBuckets'], resources: ['*'] }),
        );
      }),
    );
  });

  test('Lambda in a VPC (maxAzs 3) with S3, DynamoDB, SQS and KMS grants', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const handler = inlineFunction(stack, 'Fn', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 3 }), tracing: lambda.Tracing.ACTIVE });
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
          targets: [
            new targets.LambdaFunction(inlineFunction(stack)),
            new targets.SqsQueue(new sqs.Queue(stack, 'Queue')),
            new targets.SfnStateMachine(machine),
          ],
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
          definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(stack, 'Invoke', { lambdaFunction: inlineFunction(stack) })),
        });
      }),
    );
  });

  test('Fargate service with desiredCount 2 and target-tracking autoscaling (minCapacity 2)', () => {
    expectNoViolations(
      synthGate((app) => {
        twoTaskFargateService(euStack(app, 'S'))
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
          targets: [new targets.LambdaFunction(inlineFunction(stack, 'Fn', { deadLetterQueueEnabled: true }))],
        });
      }),
    );
  });

  test('Aurora PostgreSQL DatabaseCluster (writer, provisioned and Serverless v2 readers) with a DatabaseProxy and Lambda grants', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const vpc = isolatedVpc(stack);
        const cluster = new rds.DatabaseCluster(stack, 'Db', {
          engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
          vpc,
          vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
          storageEncrypted: true,
          writer: rds.ClusterInstance.provisioned('Writer'),
          readers: [rds.ClusterInstance.provisioned('Reader'), rds.ClusterInstance.serverlessV2('Serverless', { scaleWithWriter: true })],
          serverlessV2MinCapacity: 0.5,
          serverlessV2MaxCapacity: 2,
          parameters: { 'rds.force_ssl': '1' },
        });
        cluster.addProxy('Proxy', { secrets: [cluster.secret!], vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
        const handler = inlineFunction(stack, 'Fn', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
        cluster.secret!.grantRead(handler);
        cluster.grantConnect(handler, 'app');
        cluster.connections.allowDefaultPortFrom(handler);
      }),
    );
  });

  test('Valkey CfnReplicationGroup (cluster mode, subnet group, security group, AUTH token from a generated secret)', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const vpc = isolatedVpc(stack);
        const securityGroup = new ec2.SecurityGroup(stack, 'Sg', { vpc });
        const subnets = new elasticache.CfnSubnetGroup(stack, 'Subnets', {
          description: 'cache',
          subnetIds: vpc.isolatedSubnets.map((subnet) => subnet.subnetId),
        });
        const token = new secretsmanager.Secret(stack, 'Token', { generateSecretString: { excludePunctuation: true, passwordLength: 32 } });
        new elasticache.CfnReplicationGroup(stack, 'Cache', {
          replicationGroupDescription: 'valkey',
          engine: 'valkey',
          engineVersion: '8.0',
          cacheNodeType: 'cache.t4g.small',
          numNodeGroups: 1,
          replicasPerNodeGroup: 2,
          multiAzEnabled: true,
          automaticFailoverEnabled: true,
          atRestEncryptionEnabled: true,
          transitEncryptionEnabled: true,
          transitEncryptionMode: 'required',
          authToken: token.secretValue.unsafeUnwrap(),
          cacheSubnetGroupName: subnets.ref,
          securityGroupIds: [securityGroup.securityGroupId],
        });
      }),
    );
  });

  test('RestApi/LambdaRestApi, Step Functions, SNS/SQS/KMS grants, BucketDeployment, IAM user and group grants', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const handler = inlineFunction(stack);
        new apigw.LambdaRestApi(stack, 'Api', {
          handler,
          deployOptions: { accessLogDestination: new apigw.LogGroupLogDestination(new logs.LogGroup(stack, 'AccessLogs')), tracingEnabled: true },
        });
        const api = new apigw.RestApi(stack, 'Api2');
        api.root.addResource('items').addMethod('GET', new apigw.LambdaIntegration(handler));
        const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
        const topic = new sns.Topic(stack, 'Topic', { masterKey: key });
        const queue = new sqs.Queue(stack, 'Queue', { encryptionMasterKey: key });
        topic.grantPublish(handler);
        queue.grantSendMessages(handler);
        queue.grantConsumeMessages(handler);
        key.grantEncryptDecrypt(handler);
        new sfn.StateMachine(stack, 'Machine', {
          definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
          logs: { destination: new logs.LogGroup(stack, 'MachineLogs', { encryptionKey: key }), level: sfn.LogLevel.ALL },
          tracingEnabled: true,
        });
        const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
        new s3deploy.BucketDeployment(stack, 'Deploy', { sources: [s3deploy.Source.data('a.txt', 'hello')], destinationBucket: bucket });
        const group = new iam.Group(stack, 'Group');
        bucket.grantRead(new iam.User(stack, 'User', { groups: [group] }));
        bucket.grantReadWrite(group);
      }),
    );
  });

  test('Lambda in a VPC with a DLQ, active tracing, a function URL and its own log group', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
        const handler = inlineFunction(stack, 'Fn', {
          vpc,
          deadLetterQueueEnabled: true,
          tracing: lambda.Tracing.ACTIVE,
          logGroup: new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_MONTH }),
        });
        handler.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
      }),
    );
  });

  test('ec2.Vpc defaults with restrictDefaultSecurityGroup and a flow log', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        new ec2.Vpc(stack, 'Vpc', { restrictDefaultSecurityGroup: true }).addFlowLog('FlowLog');
      }),
    );
  });

  test('ApplicationLoadBalancedFargateService with desiredCount 2', () => {
    expectNoViolations(
      synthGate((app) => {
        new ecsPatterns.ApplicationLoadBalancedFargateService(euStack(app, 'S'), 'Service', {
          desiredCount: 2,
          taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') },
        });
      }),
    );
  });

  test('CfnInclude of an ordinary template (parameters, conditions, a conditional resource, outputs)', () => {
    expectNoViolations(
      synthGate((app) => {
        new include.CfnInclude(euStack(app, 'S'), 'Include', {
          templateFile: path.join(__dirname, 'fixtures', 'ordinary-template.json'),
        });
      }),
    );
  });
});

describe('ordinary code the earlier rounds rejected', () => {
  test('read-only listings without resource types on "*"; ECS EC2 capacity whose agent and drain hook are pinned to the cluster by condition', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        lambdaRole(stack).addToPolicy(
          new iam.PolicyStatement({
            actions: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics', 'sqs:ListQueues', 'secretsmanager:ListSecrets', 'tag:GetResources'],
            resources: ['*'],
          }),
        );
        const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }) });
        new iam.Role(stack, 'Agent', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') }).addToPolicy(
          new iam.PolicyStatement({
            actions: ['ecs:Poll', 'ecs:StartTelemetrySession'],
            resources: ['*'],
            conditions: { ArnEquals: { 'ecs:cluster': cluster.clusterArn } },
          }),
        );
      }),
    );
  });
});
