// Gaps closed after the first review: wildcards in all but name, admin-by-another-name policies,
// open trust policies, SAM and IAM Identity Center policies, Aurora members of outside clusters,
// ECS secrets from SSM, internet-wide CIDRs in pieces.
import { CfnElement, CfnMapping, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { applyCompliance } from '../../aspects';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import {
  compliantCfnDb,
  compliantReplicationGroup,
  euStack,
  expectNoViolationOf,
  expectViolation,
  isolatedSubnetGroup,
  rawResource,
  synthGate,
} from './helpers';

const IAM = 'SFX-IAM-LEAST-PRIVILEGE';
const taskRole = (scope: import('constructs').Construct) =>
  new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });

describe('IAM: "*" in all but name', () => {
  test.each([
    ['iam:PassRole', 'arn:aws:iam::123456789012:role/*', /every role of the account/],
    ['s3:GetObject', 'arn:aws:s3:::*', /on "arn:aws:s3:::\*"/],
    ['dynamodb:GetItem', 'arn:aws:dynamodb:*:*:table/*', /on "arn:aws:dynamodb:\*:\*:table\/\*"/],
  ])('%s on %s fails', (action, resource, message) => {
    const err = synthGate((app) => {
      taskRole(euStack(app, 'S')).addToPolicy(new iam.PolicyStatement({ actions: [action], resources: [resource] }));
    });
    expectViolation(err, IAM, 'S/Role/DefaultPolicy/Resource', message);
  });

  test.each([
    ['iam:PassRole', 'arn:aws:iam::123456789012:role/streamflix-*'],
    ['ec2:CreateTags', 'arn:aws:ec2:eu-west-1:123456789012:*'],
    ['s3:GetObject', 'arn:aws:s3:::catalogue-assets/*'],
  ])('%s on the scoped pattern %s passes', (action, resource) => {
    const err = synthGate((app) => {
      taskRole(euStack(app, 'S')).addToPolicy(new iam.PolicyStatement({ actions: [action], resources: [resource] }));
    });
    expectNoViolationOf(err, IAM);
  });

  test('a grant on an owned bucket (`${Bucket.Arn}/*`) passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new s3.Bucket(stack, 'Bucket').grantReadWrite(taskRole(stack));
    });
    expectNoViolationOf(err, IAM);
  });
});

describe('IAM: administrator access by another name', () => {
  test.each(['AWSCodeBuildAdminAccess', 'AmazonEC2ContainerRegistryPowerUser', 'AdministratorAccess-Amplify'])('%s fails', (name) => {
    const err = synthGate((app) => {
      new iam.Role(euStack(app, 'S'), 'Role', {
        assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(name)],
      });
    });
    expectViolation(err, IAM, 'S/Role/Resource', name);
  });

  test('AmazonECSTaskExecutionRolePolicy (no admin access) passes', () => {
    const err = synthGate((app) => {
      new iam.Role(euStack(app, 'S'), 'Role', {
        assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonECSTaskExecutionRolePolicy')],
      });
    });
    expectNoViolationOf(err, IAM);
  });

  test('SAM function policies and IAM Identity Center permission sets are judged', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      stack.addTransform('AWS::Serverless-2016-10-31');
      rawResource(stack, 'Fn', 'AWS::Serverless::Function', {
        Handler: 'index.handler',
        Runtime: 'nodejs20.x',
        CodeUri: 's3://bucket/key',
        Policies: [
          'AdministratorAccess',
          { S3ReadPolicy: { BucketName: 'bucket' } },
          { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
        ],
      });
      rawResource(stack, 'Ps', 'AWS::SSO::PermissionSet', {
        InstanceArn: 'arn:aws:sso:::instance/ssoins-1',
        Name: 'ops',
        ManagedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
      });
    });
    expectViolation(err, IAM, 'S/Fn', 'Policies[0] attaches the AWS managed policy AdministratorAccess');
    expectViolation(err, IAM, 'S/Fn', 'Policies[2].Statement[0] grants every action');
    expectViolation(err, IAM, 'S/Ps', 'ManagedPolicies[0] attaches the AWS managed policy PowerUserAccess');
  });
});

describe('IAM: trust policies', () => {
  test('a role anyone may assume fails', () => {
    const err = synthGate((app) => {
      new iam.Role(euStack(app, 'S'), 'Role', { assumedBy: new iam.AnyPrincipal() });
    });
    expectViolation(err, IAM, 'S/Role/Resource', 'lets any AWS principal ("*") assume the role');
  });

  test('"*" narrowed by a condition (the organization) passes', () => {
    const err = synthGate((app) => {
      new iam.Role(euStack(app, 'S'), 'Role', { assumedBy: new iam.OrganizationPrincipal('o-abc123def4') });
    });
    expectNoViolationOf(err, IAM);
  });
});

describe('Aurora instance of a cluster outside the template', () => {
  test('cannot be judged through its cluster, so it fails closed', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new rds.CfnDBInstance(stack, 'Reader', {
        engine: 'aurora-postgresql',
        dbClusterIdentifier: 'legacy-cluster',
        dbInstanceClass: 'db.r7g.large',
        publiclyAccessible: false,
        dbSubnetGroupName: isolatedSubnetGroup(stack).ref,
      });
    });
    expectViolation(err, 'SFX-RDS-AT-REST', 'S/Reader', 'DB cluster outside this template');
    expectViolation(err, 'SFX-MULTI-AZ', 'S/Reader', 'DB cluster outside this template');
    expectViolation(err, 'SFX-RDS-TLS', 'S/Reader', 'DB cluster outside this template');
  });

  test('an instance of an in-template cluster is still judged through the cluster', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantCfnDb(stack);
      const cluster = new rds.CfnDBCluster(stack, 'Cluster', { engine: 'aurora-postgresql', storageEncrypted: false });
      new rds.CfnDBInstance(stack, 'Writer', {
        engine: 'aurora-postgresql',
        dbClusterIdentifier: cluster.ref,
        dbInstanceClass: 'db.r7g.large',
        publiclyAccessible: false,
      });
    });
    expectViolation(err, 'SFX-RDS-AT-REST', 'S/Cluster', 'StorageEncrypted is false');
    expect(err!.violations.filter((v) => v.path === 'S/Writer' && v.ruleId === 'SFX-RDS-AT-REST')).toEqual([]);
  });
});

describe('ECS secrets come from Secrets Manager only', () => {
  const service = (fromSsm: boolean) =>
    synthGate((app) => {
      const stack = euStack(app, 'S');
      const task = new ecs.FargateTaskDefinition(stack, 'Task');
      const secret = fromSsm
        ? ecs.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Param', { parameterName: '/db/password' }))
        : ecs.Secret.fromSecretsManager(new secretsmanager.Secret(stack, 'DbSecret'), 'password');
      task.addContainer('Api', { image: ecs.ContainerImage.fromRegistry('nginx'), secrets: { DB_PASSWORD: secret } });
    });

  test('an SSM SecureString parameter fails', () => {
    expectViolation(service(true), 'SFX-SECRETS-MANAGER', 'S/Task/Resource', 'DB_PASSWORD');
  });

  test('a Secrets Manager secret passes', () => {
    expectNoViolationOf(service(false), 'SFX-SECRETS-MANAGER');
  });
});

describe('the internet written in pieces', () => {
  test('0.0.0.0/1 and 128.0.0.0/1 on the database security group fail', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const vpc = new ec2.Vpc(stack, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      });
      const sg = new ec2.SecurityGroup(stack, 'DbSg', { vpc });
      sg.addIngressRule(ec2.Peer.ipv4('0.0.0.0/1'), ec2.Port.tcp(5432));
      sg.addIngressRule(ec2.Peer.ipv4('128.0.0.0/1'), ec2.Port.tcp(5432));
      new rds.DatabaseInstance(stack, 'Db', {
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        securityGroups: [sg],
        storageEncrypted: true,
        multiAz: true,
        publiclyAccessible: false,
      });
    });
    expectViolation(err, 'SFX-DATA-NOT-PUBLIC', 'S/Db/Resource', '0.0.0.0/1');
  });
});

describe('IAM: values decided at deploy time', () => {
  const policy = (stack: import('aws-cdk-lib').Stack, statement: unknown) =>
    new iam.CfnPolicy(stack, 'Policy', {
      policyName: 'p',
      roles: [taskRole(stack).roleName],
      policyDocument: { Version: '2012-10-17', Statement: statement },
    });

  test('a statement wrapped in Fn::If fails closed', () => {
    const err = synthGate((app) => {
      policy(euStack(app, 'S'), [{ 'Fn::If': ['C', { Effect: 'Allow', Action: '*', Resource: '*' }, { Ref: 'AWS::NoValue' }] }]);
    });
    expectViolation(err, IAM, 'S/Policy', 'not a literal statement');
  });

  test('Fn::Sub with a variable map is read through the map', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawResource(stack, 'Thing', 'AWS::SQS::Queue', {});
      policy(stack, [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: { 'Fn::Sub': ['${Thing}', { Thing: '*' }] } }]);
    });
    expectViolation(err, IAM, 'S/Policy', 'iam:PassRole on "*"');
  });

  test.each(['arn:aws:iam::123456789012:*', 'arn:aws:iam::123456789012:role*', 'arn:aws:iam::123456789012:role/?*'])(
    'iam:PassRole on %s fails',
    (resource) => {
      const err = synthGate((app) => {
        policy(euStack(app, 'S'), [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: resource }]);
      });
      expectViolation(err, IAM, 'S/Policy', /every role|on "arn/);
    },
  );

  test('iam:PassRole on every role in one branch of a Fn::If fails', () => {
    const err = synthGate((app) => {
      policy(euStack(app, 'S'), [
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: { 'Fn::If': ['C', 'arn:aws:iam::123456789012:role/*', 'arn:aws:iam::123456789012:role/x'] },
        },
      ]);
    });
    expectViolation(err, IAM, 'S/Policy', 'every role of the account');
  });

  test("an attribute that is not an identity (an SSM parameter's Value) fails closed as a Resource", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawResource(stack, 'P', 'AWS::SSM::Parameter', { Type: 'String', Value: '*' });
      policy(stack, [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::GetAtt': ['P', 'Value'] } }]);
    });
    expectViolation(err, IAM, 'S/Policy', 'Resource is not a literal');
  });

  test('a SAM policy template fails closed', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      stack.addTransform('AWS::Serverless-2016-10-31');
      rawResource(stack, 'Fn', 'AWS::Serverless::Function', {
        Runtime: 'nodejs22.x',
        Handler: 'i.h',
        InlineCode: 'x',
        Policies: [{ S3CrudPolicy: { BucketName: '*' } }],
      });
    });
    expectViolation(err, IAM, 'S/Fn', 'SAM policy template S3CrudPolicy');
  });

  test('dynamodb:ListStreams on "*" (no resource-level permissions) passes', () => {
    const err = synthGate((app) => {
      policy(euStack(app, 'S'), [{ Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: '*' }]);
    });
    expectNoViolationOf(err, IAM);
  });
});

describe('SFX-TEMPLATE-VISIBLE', () => {
  const RULE = 'SFX-TEMPLATE-VISIBLE';

  test('a raw nested stack from a URL fails; a CDK NestedStack passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawResource(stack, 'Legacy', 'AWS::CloudFormation::Stack', { TemplateURL: 'https://s3.eu-west-1.amazonaws.com/bucket/redis.json' });
      new NestedStack(stack, 'Inner');
    });
    expectViolation(err, RULE, 'S/Legacy', 'only a URL');
    expect(err!.violations.filter((v) => v.ruleId === RULE)).toHaveLength(1);
  });

  test('an unreviewed SAR application fails; the AWS rotation application (addRotationSingleUser) passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      stack.addTransform('AWS::Serverless-2016-10-31');
      rawResource(stack, 'App', 'AWS::Serverless::Application', {
        Location: { ApplicationId: 'arn:aws:serverlessrepo:eu-west-1:111111111111:applications/anything', SemanticVersion: '1.0.0' },
      });
    });
    expectViolation(err, RULE, 'S/App', 'applications/anything');
    const rotation = synthGate((app) => {
      const stack = euStack(app, 'S');
      const vpc = new ec2.Vpc(stack, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      });
      new rds.DatabaseInstance(stack, 'Db', {
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        storageEncrypted: true,
        multiAz: true,
        publiclyAccessible: false,
      }).addRotationSingleUser();
    });
    expectNoViolationOf(rotation, RULE);
  });

  test('a template macro and Fn::Transform fail', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      stack.addTransform('DisableEncryptionMacro');
      rawResource(stack, 'Q', 'AWS::SQS::Queue', { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/snippet.yaml' } } });
    });
    expectViolation(err, RULE, 'S', 'DisableEncryptionMacro');
    expectViolation(err, RULE, 'S/Q', 'Fn::Transform');
  });
});

describe('gate mechanics', () => {
  test('a resource rendered by a custom CfnElement (no CfnResource behind it) is judged', () => {
    class Smuggler extends CfnElement {
      _toCloudFormation(): object {
        return {
          Resources: {
            Evil: {
              Type: 'AWS::ElastiCache::ReplicationGroup',
              Properties: {
                ReplicationGroupDescription: 'x',
                TransitEncryptionEnabled: true,
                MultiAZEnabled: true,
                AutomaticFailoverEnabled: true,
                NumCacheClusters: 2,
              },
            },
          },
        };
      }
    }
    const err = synthGate((app) => {
      new Smuggler(euStack(app, 'S'), 'Smuggler');
    });
    expectViolation(err, 'SFX-REDIS-AT-REST', 'S/Evil');
  });

  test('an integer-like logical id does not shift which construct a violation is reported on', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantReplicationGroup(new Construct(stack, 'Other'), 'Good');
      compliantReplicationGroup(new Construct(stack, 'Team'), 'Bad', { atRestEncryptionEnabled: false }).overrideLogicalId('1');
    });
    expectViolation(err, 'SFX-REDIS-AT-REST', 'S/Team/Bad');
    expect(err!.violations.filter((v) => v.path === 'S/Other/Good')).toEqual([]);
  });

  test('Fn::FindInMap with a DefaultValue (AWS::LanguageExtensions) is judged by that default too', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      stack.addTransform('AWS::LanguageExtensions');
      new CfnMapping(stack, 'Cfg', { mapping: { prod: { other: 'true' } } });
      compliantReplicationGroup(stack).addPropertyOverride('AtRestEncryptionEnabled', {
        'Fn::FindInMap': ['Cfg', 'prod', 'missing', { DefaultValue: false }],
      });
    });
    expectViolation(err, 'SFX-REDIS-AT-REST', 'S/Cache');
  });
});

describe('gates inside gates', () => {
  test('with applyCompliance on the app and on a Stage, one error lists the violations of both', () => {
    const err = synthGate((app) => {
      const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
      compliantReplicationGroup(new Stack(stage, 'Inner'), 'Cache', { atRestEncryptionEnabled: false });
      compliantReplicationGroup(euStack(app, 'Outer'), 'Cache', { transitEncryptionMode: 'preferred' });
      applyCompliance(stage);
    });
    expectViolation(err, 'SFX-REDIS-AT-REST', 'Prod/Inner/Cache');
    expectViolation(err, 'SFX-REDIS-IN-TRANSIT', 'Outer/Cache');
  });
});
