// Second review round: SSM-typed parameters, transforms however they arrive, conditional resources,
// stack sets, inherited RDS encryption, every-object grants, read-only and open-trust IAM,
// nested credentials, serverless caches, newer region names.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnCondition, CfnParameter, Fn } from 'aws-cdk-lib';
import * as cfninc from 'aws-cdk-lib/cloudformation-include';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  compliantReplicationGroup,
  euStack,
  expectNoViolationOf,
  expectViolation,
  isolatedSubnetGroup,
  lambdaRole,
  rawResource,
  synthGate,
} from './helpers';

const IAM = 'SFX-IAM-LEAST-PRIVILEGE';

test('a parameter read from SSM is unknown whatever its AllowedValues (they constrain the parameter name)', () => {
  const err = synthGate((app) => {
    const stack = euStack(app, 'S');
    const enc = new CfnParameter(stack, 'Enc', { type: 'AWS::SSM::Parameter::Value<String>', allowedValues: ['true'], default: 'true' });
    compliantReplicationGroup(stack, 'Cache', { atRestEncryptionEnabled: enc.valueAsString as unknown as boolean });
  });
  expectViolation(err, 'SFX-REDIS-AT-REST', 'S/Cache', 'SSM Parameter Store');
});

describe('SFX-TEMPLATE-VISIBLE: transforms however they arrive', () => {
  test('a macro in an included template is caught', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-include-')), 'template.json');
    fs.writeFileSync(file, JSON.stringify({ Transform: 'EvilMacro', Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }));
    const err = synthGate((app) => {
      new cfninc.CfnInclude(euStack(app, 'S'), 'Include', { templateFile: file });
    });
    expectViolation(err, 'SFX-TEMPLATE-VISIBLE', 'S', 'EvilMacro');
  });

  test('Fn::Transform added to a resource entry by an override is caught', () => {
    const err = synthGate((app) => {
      new s3.CfnBucket(euStack(app, 'S'), 'Bucket').addOverride('Fn::Transform', {
        Name: 'AWS::Include',
        Parameters: { Location: 's3://bucket/snippet.yaml' },
      });
    });
    expectViolation(err, 'SFX-TEMPLATE-VISIBLE', 'S/Bucket', 'Fn::Transform');
  });

  test('a stack set fails', () => {
    const err = synthGate((app) => {
      rawResource(euStack(app, 'S'), 'Set', 'AWS::CloudFormation::StackSet', {
        StackSetName: 'x',
        PermissionModel: 'SELF_MANAGED',
        TemplateBody: '{}',
      });
    });
    expectViolation(err, 'SFX-TEMPLATE-VISIBLE', 'S/Set', 'stack set');
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
  expectViolation(err, 'SFX-MULTI-AZ', 'S/Cluster', '1 DB instance');
});

describe('SFX-RDS-AT-REST: encryption inherited from outside the template', () => {
  test('a DB instance replicating a Multi-AZ DB cluster (SourceDBClusterIdentifier) fails closed', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new rds.CfnDBInstance(stack, 'Replica', {
        sourceDbClusterIdentifier: 'arn:aws:rds:eu-west-1:123456789012:cluster:legacy',
        dbInstanceClass: 'db.m7g.large',
        storageEncrypted: true,
        multiAz: true,
        publiclyAccessible: false,
        dbSubnetGroupName: isolatedSubnetGroup(stack).ref,
      });
    });
    expectViolation(err, 'SFX-RDS-AT-REST', 'S/Replica', 'SourceDBClusterIdentifier');
  });

  test('a cross-region replica cluster (ReplicationSourceIdentifier) without KmsKeyId fails', () => {
    const err = synthGate((app) => {
      new rds.CfnDBCluster(euStack(app, 'S'), 'Cluster', {
        engine: 'aurora-mysql',
        storageEncrypted: true,
        replicationSourceIdentifier: 'arn:aws:rds:eu-west-1:123456789012:cluster:src',
      });
    });
    expectViolation(err, 'SFX-RDS-AT-REST', 'S/Cluster', 'KmsKeyId');
  });

  test('a global cluster with StorageEncrypted false fails', () => {
    const err = synthGate((app) => {
      new rds.CfnGlobalCluster(euStack(app, 'S'), 'Global', { engine: 'aurora-postgresql', storageEncrypted: false });
    });
    expectViolation(err, 'SFX-RDS-AT-REST', 'S/Global', 'StorageEncrypted is false');
  });
});

describe('IAM: every object, read-only everything, trust with an empty condition', () => {
  const grant = (conditions?: Record<string, unknown>) =>
    synthGate((app) => {
      lambdaRole(euStack(app, 'S')).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::*/*'], conditions }));
    });

  test('s3:GetObject on every object of every bucket fails', () => {
    expectViolation(grant(), IAM, 'S/Role/DefaultPolicy/Resource', 'arn:aws:s3:::*/*');
  });

  test('the same grant narrowed by an object-tag condition passes', () => {
    expectNoViolationOf(grant({ StringEquals: { 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' } }), IAM);
  });

  test.each(['ReadOnlyAccess', 'AmazonS3ReadOnlyAccess'])('the AWS managed policy %s fails', (name) => {
    const err = synthGate((app) => {
      new iam.Role(euStack(app, 'S'), 'Role', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(name)],
      });
    });
    expectViolation(err, IAM, 'S/Role/Resource', name);
  });

  test('a trust policy open to "*" with an empty Condition fails', () => {
    const err = synthGate((app) => {
      new iam.CfnRole(euStack(app, 'S'), 'Role', {
        assumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: {} }],
        },
      });
    });
    expectViolation(err, IAM, 'S/Role', 'assume the role');
  });
});

describe('SFX-SECRETS-MANAGER: credentials in nested properties and build projects', () => {
  test('an ElastiCache user password under AuthenticationMode fails', () => {
    const err = synthGate((app) => {
      rawResource(euStack(app, 'S'), 'User', 'AWS::ElastiCache::User', {
        UserId: 'app',
        UserName: 'app',
        Engine: 'redis',
        AccessString: 'on ~* +@read',
        AuthenticationMode: { Type: 'password', Passwords: ['hunter2hunter2hunter2'] },
      });
    });
    expectViolation(err, 'SFX-SECRETS-MANAGER', 'S/User', 'AuthenticationMode.Passwords[0] is a literal credential');
  });

  test('a PLAINTEXT CodeBuild variable DB_PASSWORD fails; a SECRETS_MANAGER one passes', () => {
    const build = (type: string, value: string) =>
      synthGate((app) => {
        rawResource(euStack(app, 'S'), 'Build', 'AWS::CodeBuild::Project', {
          Artifacts: { Type: 'NO_ARTIFACTS' },
          ServiceRole: 'arn:aws:iam::123456789012:role/build',
          Source: { Type: 'NO_SOURCE', BuildSpec: 'version: 0.2' },
          Environment: {
            Type: 'LINUX_CONTAINER',
            ComputeType: 'BUILD_GENERAL1_SMALL',
            Image: 'aws/codebuild/standard:7.0',
            EnvironmentVariables: [{ Name: 'DB_PASSWORD', Type: type, Value: value }],
          },
        });
      });
    expectViolation(build('PLAINTEXT', 'hunter2'), 'SFX-SECRETS-MANAGER', 'S/Build', 'DB_PASSWORD');
    expectNoViolationOf(build('SECRETS_MANAGER', 'streamflix/db:password'), 'SFX-SECRETS-MANAGER');
  });
});

test('SFX-DATA-NOT-PUBLIC: a serverless cache behind a world-open security group fails', () => {
  const err = synthGate((app) => {
    const stack = euStack(app, 'S');
    const sg = rawResource(stack, 'Sg', 'AWS::EC2::SecurityGroup', {
      GroupDescription: 'cache',
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, CidrIp: '0.0.0.0/0' }],
    });
    rawResource(stack, 'Cache', 'AWS::ElastiCache::ServerlessCache', {
      ServerlessCacheName: 'c',
      Engine: 'valkey',
      SecurityGroupIds: [sg.getAtt('GroupId')],
    });
  });
  expectViolation(err, 'SFX-DATA-NOT-PUBLIC', 'S/Cache', '0.0.0.0/0');
});

test('SFX-REGION: newer region names (European Sovereign Cloud) are recognised', () => {
  const err = synthGate((app) => {
    rawResource(euStack(app, 'S'), 'Sub', 'AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: 'arn:aws-eusc:sns:eusc-de-east-1:123456789012:t',
      Endpoint: 'arn:aws:sqs:eu-west-1:123456789012:q',
    });
  });
  expectViolation(err, 'SFX-REGION', 'S/Sub', 'eusc-de-east-1');
});
