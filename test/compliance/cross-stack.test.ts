/**
 * Stacks of one app that pass references to each other (CDK renders Fn::ImportValue of an export):
 * the gate follows an import to the exporting template it also rendered, so a split network / data /
 * compute app is judged as precisely as a single stack, and a weakness in the exporting stack is
 * still found. Imports of anything else stay unknown and fail closed.
 */
import { CfnCondition, CfnOutput, CfnParameter, CfnResource, Fn, NestedStack, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DataNotPublic, IamLeastPrivilege, RedisAtRest } from '../../rules';
import {
  compliantDbProps,
  compliantReplicationGroup,
  euStack,
  expectNoViolations,
  expectViolation,
  lambdaFunction,
  lambdaRole,
  rawResource,
  synthGate,
} from './helpers';

function networkStack(app: Parameters<typeof euStack>[0]): { stack: Stack; vpc: ec2.Vpc } {
  const stack = euStack(app, 'Net');
  return { stack, vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }) };
}

function taskRole(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
}

const EU = { region: 'eu-west-1' };

const readObjects = (scope: Construct, resource: string) =>
  lambdaRole(scope).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [resource] }));

describe('references between stacks of one app', () => {
  test('a network / data / compute split passes: DB in imported private subnets, grants on imported ARNs, SG from the imported VPC CIDR', () => {
    expectNoViolations(
      synthGate((app) => {
        const { vpc } = networkStack(app);
        const data = euStack(app, 'Data');
        const db = new rds.DatabaseInstance(data, 'Db', { ...compliantDbProps(vpc), vpcSubnets: undefined, publiclyAccessible: undefined });
        db.connections.allowDefaultPortFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock));
        const bucket = new s3.Bucket(data, 'Bucket');
        const table = new dynamodb.Table(data, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
        const role = taskRole(euStack(app, 'Compute'));
        bucket.grantReadWrite(role);
        table.grantReadData(role);
        db.secret!.grantRead(role);
      }),
    );
  });

  test('a database in the public subnets of an imported VPC fails', () => {
    const err = synthGate((app) => {
      const { vpc } = networkStack(app);
      new rds.DatabaseInstance(euStack(app, 'Data'), 'Db', {
        ...compliantDbProps(vpc),
        vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
        publiclyAccessible: false,
      });
    });
    expectViolation(err, DataNotPublic.id, 'Data/Db/Resource', 'includes public subnet(s)');
  });

  test('a database whose security group, in another stack, admits 0.0.0.0/0 fails', () => {
    const err = synthGate((app) => {
      const { stack, vpc } = networkStack(app);
      const group = new ec2.SecurityGroup(stack, 'DbSg', { vpc });
      group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(5432));
      new rds.DatabaseInstance(euStack(app, 'Data'), 'Db', { ...compliantDbProps(vpc), vpcSubnets: undefined, securityGroups: [group] });
    });
    expectViolation(err, DataNotPublic.id, 'Data/Db/Resource', 'allows ingress from 0.0.0.0/0');
  });

  test('an export whose value is "*" is "*" where it is imported', () => {
    const err = synthGate((app) => {
      new CfnOutput(euStack(app, 'A'), 'Everything', { value: '*', exportName: 'Everything' });
      const role = taskRole(euStack(app, 'B'));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [Fn.importValue('Everything')] }));
    });
    expectViolation(err, IamLeastPrivilege.id, 'B/Role/DefaultPolicy/Resource', 'allows "s3:GetObject" on "*"');
  });

  test('an exported custom-resource attribute, or an export outside the app, stays unknown and fails closed', () => {
    const err = synthGate((app) => {
      const a = euStack(app, 'A');
      const custom = new CfnResource(a, 'Custom', {
        type: 'Custom::Anything',
        properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:x' },
      });
      new CfnOutput(a, 'CustomArn', { value: custom.getAtt('Arn').toString(), exportName: 'CustomArn' });
      const role = taskRole(euStack(app, 'B'));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [Fn.importValue('CustomArn')] }));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [Fn.importValue('NotInThisApp')] }));
    });
    expectViolation(err, IamLeastPrivilege.id, 'B/Role/DefaultPolicy/Resource', 'Statement[0] Resource is not a literal');
    expectViolation(err, IamLeastPrivilege.id, 'B/Role/DefaultPolicy/Resource', 'Statement[1] Resource is not a literal (it is an imported value');
  });
});

describe('imports the gate must not follow', () => {
  test('an export of another account, a name exported twice, a conditional export: all stay unknown', () => {
    const err = synthGate((app) => {
      const other = new Stack(app, 'OtherAccount', { env: { ...EU, account: '111111111111' } });
      new CfnOutput(other, 'Enc', { value: 'true', exportName: 'Enc' });
      compliantReplicationGroup(new Stack(app, 'Importer', { env: { ...EU, account: '222222222222' } }), 'Cache', {
        atRestEncryptionEnabled: Fn.importValue('Enc') as unknown as boolean,
      });
      new CfnOutput(euStack(app, 'A'), 'Twice', { value: 'true', exportName: 'Twice' });
      new CfnOutput(euStack(app, 'B'), 'Twice', { value: 'false', exportName: 'Twice' });
      const conditional = euStack(app, 'C');
      const when = new CfnCondition(conditional, 'Never', { expression: Fn.conditionEquals('a', 'b') });
      new CfnOutput(conditional, 'Maybe', { value: 'true', exportName: 'Maybe', condition: when });
      const importer = euStack(app, 'D');
      compliantReplicationGroup(importer, 'Twice', { atRestEncryptionEnabled: Fn.importValue('Twice') as unknown as boolean });
      compliantReplicationGroup(importer, 'Maybe', { atRestEncryptionEnabled: Fn.importValue('Maybe') as unknown as boolean });
    });
    for (const path of ['Importer/Cache', 'D/Twice', 'D/Maybe']) expectViolation(err, RedisAtRest.id, path, 'imported value');
  });

  test('export names that differ only in punctuation are not confused', () => {
    const err = synthGate((app) => {
      const a = euStack(app, 'A');
      new CfnOutput(a, 'BucketArn', { value: new s3.CfnBucket(a, 'Bucket').attrArn, exportName: 'X:Y' });
      const c = euStack(app, 'C');
      new CfnOutput(c, 'FreeOut', { value: new CfnParameter(c, 'Free').valueAsString, exportName: 'X-Y' });
      readObjects(euStack(app, 'B'), Fn.join('', ['arn:aws:s3:::', Fn.importValue('X-Y'), '/*']));
    });
    expectViolation(err, IamLeastPrivilege.id, 'B/Role/DefaultPolicy/Resource', 'Resource is not a literal');
  });
});

describe('references into and out of nested stacks', () => {
  test(
    'grants from parent to nested, nested to parent and between sibling nested stacks pass; ' + 'an ECS secret of the parent reaches a nested task',
    () => {
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
    },
  );

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
    expectViolation(err, IamLeastPrivilege.id, 'P/Nested/Role/DefaultPolicy/Resource', 'Statement[0] allows "s3:GetObject" on "*"');
    expectViolation(err, IamLeastPrivilege.id, 'P/Nested/Role/DefaultPolicy/Resource', 'Statement[1] Resource is not a literal');
  });
});

describe("segments of a resource's own ARN and exported ARNs", () => {
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

describe('the new paths cannot be abused', () => {
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
    expectViolation(err, RedisAtRest.id, 'P/Nested/Cache', 'SSM Parameter Store');
    expectViolation(err, IamLeastPrivilege.id, 'P/Nested/Policy', 'Resource is not a literal');
  });

  test('a grant reaching a grandchild nested stack passes', () => {
    expectNoViolations(
      synthGate((app) => {
        const parent = euStack(app, 'P');
        new s3.Bucket(parent, 'Bucket').grantRead(lambdaRole(new NestedStack(new NestedStack(parent, 'Middle'), 'Inner')));
      }),
    );
  });
});
