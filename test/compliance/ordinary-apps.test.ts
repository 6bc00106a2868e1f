/**
 * Ordinary CDK apps, of the kind in aws-samples/aws-cdk-examples, written the CDK way (grant*
 * methods, L2 defaults, eu-west-1): the gate raises no false alarm on any of them.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { expectNoViolations, synthGate } from './helpers';

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
