// Fifth review round: references into and out of nested stacks, segments of a resource's own ARN,
// exports that are ARNs built from a resource, and the ordinary CDK code these used to reject;
// administrator policies without the usual suffix; duplicate lines.
import { CfnOutput, CfnParameter, Fn, NestedStack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { euStack, expectNoViolations, expectViolation, lambdaFunction, lambdaRole, rawResource, synthGate } from './helpers';

const IAM = 'SFX-IAM-LEAST-PRIVILEGE';

describe('references into and out of nested stacks', () => {
  test('grants from parent to nested, nested to parent and between sibling nested stacks pass; an ECS secret of the parent reaches a nested task', () => {
    expectNoViolations(
      synthGate((app) => {
        const parent = euStack(app, 'P');
        const queue = new sqs.Queue(parent, 'Queue');
        const first = new NestedStack(parent, 'First');
        const second = new NestedStack(parent, 'Second');
        queue.grantSendMessages(lambdaRole(first));
        new s3.Bucket(second, 'Bucket').grantRead(lambdaRole(first, 'Reader'));
        new sqs.Queue(first, 'Inner').grantConsumeMessages(lambdaRole(parent));
        const secret = new secretsmanager.Secret(parent, 'Secret');
        new ecs.FargateTaskDefinition(second, 'Task').addContainer('App', {
          image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
          secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, 'password') },
        });
      }),
    );
  });

  test('a parent passing "*" (or a part of a role ARN it cannot prove) into a nested stack is still caught', () => {
    const err = synthGate((app) => {
      const parent = euStack(app, 'P');
      const target = new CfnParameter(parent, 'Target', { type: 'String', allowedValues: ['*'] });
      const inner = lambdaRole(new NestedStack(parent, 'Nested'));
      inner.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [target.valueAsString] }));
      inner.addToPolicy(
        new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [Fn.join('', ['arn:aws:iam::123456789012:role/', target.valueAsString])] }),
      );
    });
    expectViolation(err, IAM, 'P/Nested/Role/DefaultPolicy/Resource', 'Statement[0] allows "s3:GetObject" on "*"');
    expectViolation(err, IAM, 'P/Nested/Role/DefaultPolicy/Resource', 'Statement[1] Resource is not a literal');
  });
});

describe("segments of a resource's own ARN and exported ARNs", () => {
  test('Step Functions tasks that name executions and task definitions by parts of their ARNs pass', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const child = new sfn.StateMachine(stack, 'Child', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Noop')) });
        new sfn.StateMachine(stack, 'Parent', {
          definitionBody: sfn.DefinitionBody.fromChainable(
            new tasks.StepFunctionsStartExecution(stack, 'Start', {
              stateMachine: child,
              integrationPattern: sfn.IntegrationPattern.RUN_JOB,
            }),
          ),
        });
      }),
    );
  });

  test('an SNS subscription to a topic of another stack, an export that is an ARN built from a bucket', () => {
    expectNoViolations(
      synthGate((app) => {
        const a = euStack(app, 'A');
        const topic = new sns.Topic(a, 'Topic');
        const bucket = new s3.Bucket(a, 'Bucket');
        new CfnOutput(a, 'Objects', { value: bucket.arnForObjects('*'), exportName: 'BucketObjects' });
        const b = euStack(app, 'B');
        topic.addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(b, 'Queue')));
        lambdaFunction(b, 'Fn').addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [Fn.importValue('BucketObjects')] }));
      }),
    );
  });
});

describe('ordinary code the earlier rounds rejected', () => {
  test('environment variables about tokens and passwords that are not credentials', () => {
    expectNoViolations(
      synthGate((app) => {
        lambdaFunction(euStack(app, 'S'), 'Fn', {
          environment: {
            USE_SECRETS_MANAGER: 'true',
            API_KEY_REQUIRED: 'false',
            OAUTH_TOKEN_ENDPOINT: 'https://auth.example.com/oauth2/token',
            TOKEN_EXPIRATION: '3600',
            SECRET_PREFIX: 'app/prod/',
            PASSWORD_HASH_ALGORITHM: 'argon2id',
            TOKEN_SIGNING_ALG: 'RS256',
          },
        });
      }),
    );
    const err = synthGate((app) => {
      lambdaFunction(euStack(app, 'S'), 'Fn', { environment: { API_TOKEN: 'eyJhbGciOi.secret', DB_PASSWORD: 'https://user:pw@db/x' } });
    });
    expectViolation(err, 'SFX-SECRETS-MANAGER', 'S/Fn/Resource', 'API_TOKEN holds a literal value');
    expectViolation(err, 'SFX-SECRETS-MANAGER', 'S/Fn/Resource', 'DB_PASSWORD holds a literal value');
  });

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

describe('SFX-IAM-LEAST-PRIVILEGE: administrator policies without the usual suffix', () => {
  test('AWSAppSyncAdministrator and SecretsManagerReadWrite fail', () => {
    const err = synthGate((app) => {
      const target = lambdaRole(euStack(app, 'S'));
      target.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSAppSyncAdministrator'));
      target.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('SecretsManagerReadWrite'));
    });
    expectViolation(err, IAM, 'S/Role/Resource', 'AWSAppSyncAdministrator');
    expectViolation(err, IAM, 'S/Role/Resource', 'SecretsManagerReadWrite');
  });

  test('a pinning condition that may be absent (IfExists) or names no resource of the template does not narrow "*"', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      lambdaRole(stack).addToPolicy(
        new iam.PolicyStatement({
          actions: ['ecs:StopTask'],
          resources: ['*'],
          conditions: { ArnEqualsIfExists: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/x' } },
        }),
      );
      lambdaRole(stack, 'Other').addToPolicy(
        new iam.PolicyStatement({
          actions: ['ecs:StopTask'],
          resources: ['*'],
          conditions: { ArnLike: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/*' } },
        }),
      );
    });
    expectViolation(err, IAM, 'S/Role/DefaultPolicy/Resource', 'ecs:StopTask');
    expectViolation(err, IAM, 'S/Other/DefaultPolicy/Resource', 'ecs:StopTask');
  });
});

test('SFX-REGION reports a region once per property, however often it is named there', () => {
  const err = synthGate((app) => {
    rawResource(euStack(app, 'S'), 'Sub', 'AWS::SNS::Subscription', {
      Protocol: 'https',
      Endpoint: 'https://sqs.us-east-1.amazonaws.com/1/q-us-east-1',
    });
  });
  expect(err!.violations.filter((v) => v.ruleId === 'SFX-REGION')).toHaveLength(1);
});

describe('the new paths cannot be abused', () => {
  test('a segment of an ARN other than its resource part, followed by "*", is not bounded by the resource', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const bucket = new s3.Bucket(stack, 'Bucket');
      const target = lambdaRole(stack);
      target.addToPolicy(
        new iam.PolicyStatement({
          actions: ['s3:GetObject'],
          resources: [Fn.join('', ['arn:aws:s3:::', Fn.select(3, Fn.split(':', bucket.bucketArn)), '*'])],
        }),
      );
      target.addToPolicy(
        new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [Fn.join('', ['arn:aws:iam::123456789012:role/', Fn.select(3, Fn.split(':', target.roleArn)), '*'])],
        }),
      );
    });
    expectViolation(err, IAM, 'S/Role/DefaultPolicy/Resource', 'Statement[0] Resource is not a literal');
    expectViolation(err, IAM, 'S/Role/DefaultPolicy/Resource', 'Statement[1] Resource is not a literal');
  });

  test("a region cut from a resource's name is not the stack's own region; field 3 of its ARN is", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const group = new CfnLogGroup(stack, 'Group', { logGroupName: 'xus-east-1x' });
      rawResource(stack, 'Cut', 'AWS::SecretsManager::Secret', { ReplicaRegions: [{ Region: Fn.select(1, Fn.split('x', group.ref)) }] });
      rawResource(stack, 'Own', 'AWS::SecretsManager::Secret', { ReplicaRegions: [{ Region: Fn.select(3, Fn.split(':', group.attrArn)) }] });
    });
    expectViolation(err, 'SFX-REGION', 'S/Cut', 'Region is not a literal');
    expect(err!.violations.filter((v) => v.ruleId === 'SFX-REGION').map((v) => v.path)).toEqual(['S/Cut']);
  });

  test("a nested stack's SSM-typed or list parameter is not the value its parent passes", () => {
    const err = synthGate((app) => {
      const parent = euStack(app, 'P');
      const nested = new NestedStack(parent, 'Nested', { parameters: { Enc: 'true', Targets: 'arn:aws:s3:::b/x,*' } });
      const enc = new CfnParameter(nested, 'Enc', { type: 'AWS::SSM::Parameter::Value<String>' });
      const targets = new CfnParameter(nested, 'Targets', { type: 'CommaDelimitedList' });
      rawResource(nested, 'Cache', 'AWS::ElastiCache::ReplicationGroup', {
        ReplicationGroupDescription: 'c',
        NumCacheClusters: 2,
        MultiAZEnabled: true,
        AutomaticFailoverEnabled: true,
        TransitEncryptionEnabled: true,
        AtRestEncryptionEnabled: enc.valueAsString,
      });
      new iam.CfnPolicy(nested, 'Policy', {
        policyName: 'p',
        roles: [lambdaRole(nested).roleName],
        policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: targets.valueAsList }] },
      });
    });
    expectViolation(err, 'SFX-REDIS-AT-REST', 'P/Nested/Cache', 'SSM Parameter Store');
    expectViolation(err, IAM, 'P/Nested/Policy', 'Resource is not a literal');
  });

  test('a pinning condition pins only its reviewed actions: iam:PassRole and ecs:RunTask on "*" still fail', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }) });
      lambdaRole(stack).addToPolicy(
        new iam.PolicyStatement({
          actions: ['ecs:Poll', 'ecs:RunTask', 'iam:PassRole'],
          resources: ['*'],
          conditions: { ArnEquals: { 'ecs:cluster': cluster.clusterArn } },
        }),
      );
    });
    expectViolation(err, IAM, 'S/Role/DefaultPolicy/Resource', '"ecs:RunTask" on "*"');
    expectViolation(err, IAM, 'S/Role/DefaultPolicy/Resource', 'iam:PassRole on "*"');
    expect(violationsOf(err, IAM)).not.toMatch(/ecs:Poll/);
  });

  test('a grant reaching a grandchild nested stack passes', () => {
    expectNoViolations(
      synthGate((app) => {
        const parent = euStack(app, 'P');
        new s3.Bucket(parent, 'Bucket').grantRead(lambdaRole(new NestedStack(new NestedStack(parent, 'Middle'), 'Inner')));
      }),
    );
  });

  test('credentials behind switch-like or URL-like names are still caught', () => {
    const err = synthGate((app) => {
      lambdaFunction(euStack(app, 'S'), 'Fn', {
        environment: { USE_API_KEY: 'sk_live_abcdef', ADMIN_PASSWORD_REQUIRED: 'hunter2', DB_PASSWORD: 'http://hunter2' },
      });
    });
    for (const name of ['USE_API_KEY', 'ADMIN_PASSWORD_REQUIRED', 'DB_PASSWORD'])
      expectViolation(err, 'SFX-SECRETS-MANAGER', 'S/Fn/Resource', `${name} holds a literal value`);
  });
});

function violationsOf(err: Parameters<typeof expectViolation>[0], ruleId: string): string {
  return err!.violations
    .filter((v) => v.ruleId === ruleId)
    .map((v) => v.message)
    .join('\n');
}
