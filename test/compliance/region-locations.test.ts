/**
 * SFX-REGION judges values that denote a location, never free text (issue 11, point 2), and a
 * stack in a foreign region is one root-cause violation with the values derived from it under it.
 */
import { Fn, Stack, Tags } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { euStack, expectNoViolationOf, expectViolation, lambdaFunction, newApp, rawResource, synthApp, synthGate } from './helpers';
import { applyCompliance } from '../../aspects';

const ID = 'SFX-REGION';

describe('free text is not a location', () => {
  const err = synthGate((app) => {
    const stack = euStack(app, 'S');
    new sns.Topic(stack, 'Alerts', { displayName: 'ops alerts (was us-east-1)' });
    new ssm.StringParameter(stack, 'Previous', { stringValue: 'us-east-1', description: 'where this ran before (us-west-2 before that)' });
    new ssm.StringParameter(stack, 'OldTopic', { stringValue: 'arn:aws:sns:us-east-1:123456789012:old' });
    Tags.of(stack).add('migrated-from', 'us-east-1');
    rawResource(stack, 'Queue', 'AWS::SQS::Queue', { QueueName: 'orders-us-east-1' });
    lambdaFunction(stack, 'Fn', {
      environment: { BUILD_ID: 'build-us-east-1-42', NOTE: 'copied from ap-south-1 docs' },
      description: 'ported from us-west-2',
    });
  });

  test('names, descriptions, display names, tag values, SSM parameter values and opaque strings pass', () => {
    expectNoViolationOf(err, ID);
  });
});

describe('locations are judged', () => {
  const err = synthGate((app) => {
    const stack = euStack(app, 'S');
    rawResource(stack, 'Arn', 'AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t',
      Endpoint: 'arn:aws:sqs:us-west-2:123456789012:q',
    });
    // Partition and account as pseudo parameters: the region field is still judged.
    rawResource(stack, 'PartitionArn', 'AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t',
      Endpoint: Fn.sub('arn:${AWS::Partition}:sqs:us-east-2:${AWS::AccountId}:q'),
    });
    rawResource(stack, 'RegionProperty', 'AWS::SecretsManager::Secret', { ReplicaRegions: [{ Region: 'ap-southeast-2' }] });
    rawResource(stack, 'Endpoint', 'AWS::SNS::Subscription', {
      Protocol: 'https',
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t',
      Endpoint: 'https://abc.execute-api.ca-central-1.amazonaws.com/prod',
    });
    rawResource(stack, 'VpcEndpoint', 'AWS::EC2::VPCEndpoint', { VpcId: 'vpc-1', ServiceName: 'com.amazonaws.us-east-2.s3' });
    rawResource(stack, 'Az', 'AWS::EC2::Subnet', { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', AvailabilityZone: 'sa-east-1a' });
    rawResource(stack, 'GetAzs', 'AWS::EC2::Subnet', {
      VpcId: 'vpc-1',
      CidrBlock: '10.0.1.0/24',
      AvailabilityZone: Fn.select(0, Fn.getAzs('me-south-1')),
    });
    rawResource(stack, 'Json', 'AWS::CloudWatch::Dashboard', {
      DashboardBody: '{"widgets":[{"type":"metric","properties":{"region":"af-south-1","metrics":[]}}]}',
    });
    lambdaFunction(stack, 'Env', { environment: { TARGET: 'us-west-1' } });
  });

  test.each([
    ['S/Arn', 'us-west-2'],
    ['S/PartitionArn', 'us-east-2'],
    ['S/RegionProperty', 'ap-southeast-2'],
    ['S/Endpoint', 'ca-central-1'],
    ['S/VpcEndpoint', 'us-east-2'],
    ['S/Az', 'sa-east-1'],
    ['S/GetAzs', 'me-south-1'],
    ['S/Json', 'af-south-1'],
    ['S/Env/Resource', 'us-west-1'],
  ])('%s names %s', (path, region) => {
    expectViolation(err, ID, path, `names the region ${region}`);
  });
});

describe('a stack in a foreign region', () => {
  const app = newApp();
  const stack = new Stack(app, 'Virginia', { env: { region: 'us-east-1' } });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  key.grantEncryptDecrypt(lambdaFunction(stack, 'Fn', { environment: { QUEUE: `https://sqs.${stack.region}.amazonaws.com/123456789012/q` } }));
  const task = new ecs.FargateTaskDefinition(stack, 'Task');
  task.addContainer('app', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }),
  });
  applyCompliance(app);
  const err = synthApp(app);
  const region = err!.violations.filter((v) => v.ruleId === ID);

  test('is one root-cause violation at the stack', () => {
    expect(region.map((v) => v.path)).toEqual(['Virginia']);
    expect(region[0].message).toMatch(/^the stack deploys to us-east-1, not eu-west-1; \d+ value\(s\) CDK derived from that region follow it/);
  });

  test('the values derived from the stack region are listed under it', () => {
    const derived = region[0].derived ?? [];
    expect(derived.map((d) => d.path)).toEqual(expect.arrayContaining(['Virginia/Fn/Resource', 'Virginia/Task/Resource']));
    for (const d of derived) expect(d.message).toContain('us-east-1');
  });

  test('a value naming yet another region is its own violation', () => {
    const other = newApp();
    const s = new Stack(other, 'Virginia', { env: { region: 'us-east-1' } });
    lambdaFunction(s, 'Fn', { environment: { QUEUE: 'https://sqs.us-west-2.amazonaws.com/123456789012/q' } });
    applyCompliance(other);
    const e = synthApp(other);
    expectViolation(e, ID, 'Virginia/Fn/Resource', 'us-west-2');
    expectViolation(e, ID, 'Virginia', 'deploys to us-east-1');
  });
});
