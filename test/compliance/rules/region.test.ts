/**
 * Tests of rules/region.ts, by behaviour (escape hatches, values decided at deploy time, inherited
 * settings, ordinary CDK that passes). Gate mechanics are in ../gate/, references between stacks
 * in ../cross-stack.test.ts.
 */
import { Aws, CfnMapping, CfnParameter, Fn, NestedStack, Stack, Stage, Tags } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { applyCompliance } from '../../../aspects';
import { Region } from '../../../rules';
import {
  compliantReplicationGroup,
  euStack,
  expectNoViolationOf,
  expectNoViolations,
  expectViolation,
  lambdaFunction,
  newApp,
  rawResource,
  synthApp,
  synthGate,
} from '../helpers';

function publish(publisher: Stack, id: string, build: (product: servicecatalog.ProductStack) => void): servicecatalog.ProductStack {
  const product = new servicecatalog.ProductStack(publisher, id);
  build(product);
  new servicecatalog.CloudFormationProduct(publisher, `${id}Product`, {
    productName: id,
    owner: 'platform',
    productVersions: [{ productVersionName: 'v1', cloudFormationTemplate: servicecatalog.CloudFormationTemplate.fromProductStack(product) }],
  });
  return product;
}

/** Something small and otherwise compliant to put in a stack. */
const content = (scope: Construct) => rawResource(scope, 'Handle', 'AWS::CloudFormation::WaitConditionHandle', {});

describe(Region.id, () => {
  test('a stack in eu-west-1 passes', () => {
    expectNoViolations(
      synthGate((app) => {
        content(euStack(app, 'S'));
      }),
    );
  });

  test('an environment-agnostic stack fails', () => {
    const err = synthGate((app) => {
      content(new Stack(app, 'Agnostic'));
    });
    expectViolation(err, Region.id, 'Agnostic', 'environment-agnostic');
  });

  test('a stack whose region is the Aws.REGION token is environment-agnostic and fails', () => {
    const err = synthGate((app) => {
      content(new Stack(app, 'Token', { env: { region: Aws.REGION } }));
    });
    expectViolation(err, Region.id, 'Token', 'environment-agnostic');
  });

  test('a stack with only an account (no region) fails', () => {
    const err = synthGate((app) => {
      content(new Stack(app, 'AccountOnly', { env: { account: '123456789012' } }));
    });
    expectViolation(err, Region.id, 'AccountOnly', 'environment-agnostic');
  });

  test.each(['us-east-1', 'eu-west-2', 'eu-central-1'])('a stack in %s fails', (region) => {
    const err = synthGate((app) => {
      content(new Stack(app, 'Foreign', { env: { region } }));
    });
    expectViolation(err, Region.id, 'Foreign', `deploys to ${region}, not eu-west-1`);
  });

  test("a Stage's env applies to its stacks: eu-west-1 passes", () => {
    expectNoViolations(
      synthGate((app) => {
        content(new Stack(new Stage(app, 'Prod', { env: { region: 'eu-west-1' } }), 'Api'));
      }),
    );
  });

  test('a stack in a us-east-1 Stage fails at Stage/Stack', () => {
    const err = synthGate((app) => {
      content(new Stack(new Stage(app, 'Dr', { env: { region: 'us-east-1' } }), 'Api'));
    });
    expectViolation(err, Region.id, 'Dr/Api', 'us-east-1');
  });

  test('a stack in a Stage without env is environment-agnostic', () => {
    const err = synthGate((app) => {
      content(new Stack(new Stage(app, 'Dev'), 'Api'));
    });
    expectViolation(err, Region.id, 'Dev/Api', 'environment-agnostic');
  });

  test("a stack's own env overrides its Stage's", () => {
    const err = synthGate((app) => {
      content(new Stack(new Stage(app, 'Prod', { env: { region: 'eu-west-1' } }), 'Api', { env: { region: 'us-west-2' } }));
    });
    expectViolation(err, Region.id, 'Prod/Api', 'us-west-2');
  });

  test('a nested stack deploys with its parent: passes under eu-west-1, parent fails elsewhere', () => {
    expectNoViolations(
      synthGate((app) => {
        content(new NestedStack(euStack(app, 'S'), 'Nested'));
      }),
    );
    const err = synthGate((app) => {
      content(new NestedStack(new Stack(app, 'Us', { env: { region: 'us-east-1' } }), 'Nested'));
    });
    expectViolation(err, Region.id, 'Us', 'deploys to us-east-1');
    // The nested stack is not a Service Catalog product and is not judged on its own.
    expect(err!.violations.some((v) => v.path === 'Us/Nested')).toBe(false);
  });

  describe('Service Catalog products', () => {
    test('a product published by an eu-west-1 stack passes', () => {
      expectNoViolations(
        synthGate((app) => {
          publish(euStack(app, 'S'), 'Cache', (p) => compliantReplicationGroup(p));
        }),
      );
    });

    test('a product published by a us-east-1 stack fails for the product itself', () => {
      const err = synthGate((app) => {
        publish(new Stack(app, 'Us', { env: { region: 'us-east-1' } }), 'Cache', (p) => compliantReplicationGroup(p));
      });
      expectViolation(err, Region.id, 'Us');
      expectViolation(err, Region.id, 'Us/Cache', 'published by Us in us-east-1');
    });

    test('a product published by an environment-agnostic stack fails', () => {
      const err = synthGate((app) => {
        publish(new Stack(app, 'Anywhere'), 'Cache', (p) => compliantReplicationGroup(p));
      });
      expectViolation(err, Region.id, 'Anywhere/Cache', 'environment-agnostic');
    });
  });

  describe('literal foreign regions in properties', () => {
    test("a subnet AvailabilityZone 'us-east-1a' fails", () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
        new ec2.CfnSubnet(stack, 'A', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24', availabilityZone: 'eu-west-1a' });
        new ec2.CfnSubnet(stack, 'B', { vpcId: vpc.ref, cidrBlock: '10.0.1.0/24', availabilityZone: 'eu-west-1b' });
        new ec2.CfnSubnet(stack, 'Foreign', { vpcId: vpc.ref, cidrBlock: '10.0.2.0/24', availabilityZone: 'us-east-1a' });
      });
      expectViolation(err, Region.id, 'S/Foreign', 'Properties.AvailabilityZone names the region us-east-1');
      expect(err!.violations.filter((v) => v.ruleId === Region.id).map((v) => v.path)).toEqual(['S/Foreign']);
    });

    test('an ECS awslogs-region of us-east-1 fails at the task definition', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const task = new ecs.FargateTaskDefinition(stack, 'Task');
        task.addContainer('app', {
          image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
          logging: ecs.LogDrivers.firelens({ options: { 'awslogs-region': 'us-east-1' } }),
        });
      });
      expectViolation(err, Region.id, 'S/Task/Resource', 'us-east-1');
    });

    test('a Lambda environment pointing at a us-west-2 endpoint fails; the stack region token passes', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const fn = (id: string, endpoint: string) =>
          new lambda.Function(stack, id, {
            runtime: lambda.Runtime.NODEJS_20_X,
            handler: 'index.handler',
            code: lambda.Code.fromInline('exports.handler = async () => {}'),
            environment: { ENDPOINT: endpoint },
          });
        fn('Foreign', 'https://sqs.us-west-2.amazonaws.com/123456789012/q');
        fn('Local', `https://sqs.${Aws.REGION}.amazonaws.com/123456789012/q`);
      });
      expectViolation(err, Region.id, 'S/Foreign/Resource', 'us-west-2');
      expect(err!.violations.filter((v) => v.ruleId === Region.id).map((v) => v.path)).toEqual(['S/Foreign/Resource']);
    });

    test('an ARN in another region inside a raw resource fails', () => {
      const err = synthGate((app) => {
        rawResource(euStack(app, 'S'), 'Sub', 'AWS::SNS::Subscription', {
          TopicArn: 'arn:aws:sns:ap-southeast-2:123456789012:alerts',
          Protocol: 'email',
          Endpoint: 'ops@example.com',
        });
      });
      expectViolation(err, Region.id, 'S/Sub', 'ap-southeast-2');
    });
  });
});

describe('locations, not free text', () => {
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
      expectNoViolationOf(err, Region.id);
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
      expectViolation(err, Region.id, path, `names the region ${region}`);
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
    const region = err!.violations.filter((v) => v.ruleId === Region.id);

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
      expectViolation(e, Region.id, 'Virginia/Fn/Resource', 'us-west-2');
      expectViolation(e, Region.id, 'Virginia', 'deploys to us-east-1');
    });
  });
});

test('SFX-REGION: newer region names (European Sovereign Cloud) are recognised', () => {
  const err = synthGate((app) => {
    rawResource(euStack(app, 'S'), 'Sub', 'AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: 'arn:aws-eusc:sns:eusc-de-east-1:123456789012:t',
      Endpoint: 'arn:aws:sqs:eu-west-1:123456789012:q',
    });
  });
  expectViolation(err, Region.id, 'S/Sub', 'eusc-de-east-1');
});

describe('regions behind intrinsics', () => {
  test("a mapping entry, a parameter's AllowedValues and a Fn::Select of a literal list naming another region", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new CfnMapping(stack, 'Regions', { mapping: { replica: { region: 'us-east-1' } } });
      const replica = new CfnParameter(stack, 'ReplicaRegion', { type: 'String', allowedValues: ['eu-west-1', 'us-west-2'] });
      rawResource(stack, 'FromMapping', 'AWS::SecretsManager::Secret', {
        ReplicaRegions: [{ Region: Fn.findInMap('Regions', 'replica', 'region') }],
      });
      rawResource(stack, 'FromParameter', 'AWS::SecretsManager::Secret', { ReplicaRegions: [{ Region: replica.valueAsString }] });
      rawResource(stack, 'FromSelect', 'AWS::SNS::Subscription', {
        Protocol: 'sqs',
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t',
        Endpoint: { 'Fn::Join': ['', ['arn:aws:sqs:', { 'Fn::Select': [0, ['ap-south']] }, '-1:123456789012:q']] },
      });
    });
    expectViolation(err, Region.id, 'S/FromMapping', 'names the region us-east-1');
    expectViolation(err, Region.id, 'S/FromParameter', 'names the region us-west-2');
    expectViolation(err, Region.id, 'S/FromSelect', 'names the region ap-south-1');
  });

  test("a region-named property read from SSM or a free parameter fails closed; the stack's own region passes", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const free = new CfnParameter(stack, 'Free', { type: 'String' });
      rawResource(stack, 'FromSsm', 'AWS::DynamoDB::GlobalTable', {
        Replicas: [{ Region: ssm.StringParameter.valueForStringParameter(stack, '/sfx/replica-region', 1) }],
      });
      rawResource(stack, 'FromFree', 'AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: free.valueAsString }] });
      rawResource(stack, 'Own', 'AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: stack.region }, { Region: Fn.ref('AWS::Region') }] });
    });
    expectViolation(err, Region.id, 'S/FromSsm', 'Properties.Replicas[0].Region is not a literal (it is a dynamic reference');
    expectViolation(err, Region.id, 'S/FromFree', 'Properties.Replicas[0].Region is not a literal');
    expect(err!.violations.map((v) => v.path)).toEqual(['S/FromSsm', 'S/FromFree']);
  });

  test("CloudFront's us-east-1 certificate and web ACL pass; us-east-1 anywhere else in the distribution fails", () => {
    const certificate = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
    const webAcl = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/11111111-2222-3333-4444-555555555555';
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        new cloudfront.Distribution(stack, 'Cdn', {
          defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Site')) },
          certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', certificate),
          domainNames: ['cdn.example.com'],
          webAclId: webAcl,
        });
      }),
    );
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new cloudfront.Distribution(stack, 'Cdn', {
        defaultBehavior: { origin: new origins.HttpOrigin('abcdef1234.execute-api.us-east-1.amazonaws.com') },
      });
    });
    expectViolation(err, Region.id, 'S/Cdn/Resource', 'names the region us-east-1');
  });
});

describe('regions assembled at deploy time', () => {
  test("a region split across parts, one from a mapping or a parameter's AllowedValues", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new CfnMapping(stack, 'Parts', { mapping: { prefix: { value: 'us' } } });
      const prefix = new CfnParameter(stack, 'Prefix', { type: 'String', allowedValues: ['ap'] });
      rawResource(stack, 'FromMapping', 'AWS::SNS::Subscription', {
        Protocol: 'sqs',
        Endpoint: Fn.join('', ['arn:aws:sqs:', Fn.findInMap('Parts', 'prefix', 'value'), '-east-1:123456789012:q']),
      });
      rawResource(stack, 'FromParameter', 'AWS::SNS::Subscription', {
        Protocol: 'sqs',
        Endpoint: Fn.join('', ['arn:aws:sqs:', prefix.valueAsString, '-south-1:123456789012:q']),
      });
    });
    expectViolation(err, Region.id, 'S/FromMapping', 'us-east-1');
    expectViolation(err, Region.id, 'S/FromParameter', 'ap-south-1');
  });

  test('a deploy-time region in an ARN or in JSON, a region-named key in any case, a region in capitals', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const free = new CfnParameter(stack, 'Free').valueAsString;
      rawResource(stack, 'ArnRegion', 'AWS::SNS::Subscription', { Protocol: 'sqs', Endpoint: `arn:aws:sqs:${free}:123456789012:q` });
      rawResource(stack, 'JsonRegion', 'Custom::AWS', {
        ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:f',
        Create: Fn.join('', ['{"service":"S3","region":"', free, '"}']),
      });
      rawResource(stack, 'EnvRegion', 'AWS::Lambda::Function', {
        Role: 'arn:aws:iam::123456789012:role/r',
        Code: { ZipFile: 'x' },
        Environment: { Variables: { TARGET_REGION: free } },
      });
      rawResource(stack, 'Capitals', 'AWS::SNS::Subscription', { Protocol: 'https', Endpoint: 'https://sqs.US-EAST-1.amazonaws.com/123456789012/q' });
    });
    expectViolation(err, Region.id, 'S/ArnRegion', 'decided at deploy time');
    expectViolation(err, Region.id, 'S/JsonRegion', 'decided at deploy time');
    expectViolation(err, Region.id, 'S/EnvRegion', 'TARGET_REGION is not a literal');
    expectViolation(err, Region.id, 'S/Capitals', 'us-east-1');
  });
});

test('SFX-REGION reports a region once per property, however often it is named there', () => {
  const err = synthGate((app) => {
    rawResource(euStack(app, 'S'), 'Sub', 'AWS::SNS::Subscription', {
      Protocol: 'https',
      Endpoint: 'https://sqs.us-east-1.amazonaws.com/1/q-us-east-1',
    });
  });
  expect(err!.violations.filter((v) => v.ruleId === Region.id)).toHaveLength(1);
});

describe('the new paths cannot be abused', () => {
  test("a region cut from a resource's name is not the stack's own region; field 3 of its ARN is", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const group = new CfnLogGroup(stack, 'Group', { logGroupName: 'xus-east-1x' });
      rawResource(stack, 'Cut', 'AWS::SecretsManager::Secret', { ReplicaRegions: [{ Region: Fn.select(1, Fn.split('x', group.ref)) }] });
      rawResource(stack, 'Own', 'AWS::SecretsManager::Secret', { ReplicaRegions: [{ Region: Fn.select(3, Fn.split(':', group.attrArn)) }] });
    });
    expectViolation(err, Region.id, 'S/Cut', 'Region is not a literal');
    expect(err!.violations.filter((v) => v.ruleId === Region.id).map((v) => v.path)).toEqual(['S/Cut']);
  });
});

describe('regions split across Fn::Join and Fn::Sub', () => {
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
    expectViolation(err, Region.id, 'S/Sub', 'us-east-1');
  });

  test('a region split across a Fn::Sub part is caught; one named whole inside a part is reported once', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      queuePolicy(stack, 'Split', { 'Fn::Join': ['', ['arn:aws:sqs:', { 'Fn::Sub': 'ap-south' }, '-1:123456789012:q']] });
      queuePolicy(stack, 'Whole', { 'Fn::Join': ['', ['arn:aws:sqs:', { 'Fn::Sub': 'us-east-2' }, ':123456789012:q']] });
    });
    expectViolation(err, Region.id, 'S/Split', 'ap-south-1');
    expect(expectViolation(err, Region.id, 'S/Whole', 'us-east-2')).toHaveLength(1);
  });

  test('a Join naming only eu-west-1 (or the stack region) passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      queuePolicy(stack, 'Literal', { 'Fn::Join': ['', ['arn:aws:sqs:eu-', 'west-1:123456789012:q']] });
      queuePolicy(stack, 'Token', { 'Fn::Join': ['', ['arn:aws:sqs:', { Ref: 'AWS::Region' }, ':123456789012:q']] });
    });
    expectNoViolationOf(err, Region.id);
  });
});

describe('Stages, nested stacks and product stacks', () => {
  test('a us-east-1 Stage inside an eu-west-1 Stage', () => {
    const err = synthGate((app) => {
      const outer = new Stage(app, 'P', { env: { region: 'eu-west-1' } });
      new Stack(new Stage(outer, 'Inner', { env: { region: 'us-east-1' } }), 'D');
    });
    expectViolation(err, Region.id, 'P/Inner/D', 'us-east-1');
  });
});

describe('resource types and value shapes', () => {
  test('a global datastore replicating to another region fails SFX-REGION', () => {
    const err = synthGate((app) => {
      rawResource(euStack(app, 'S'), 'Global', 'AWS::ElastiCache::GlobalReplicationGroup', {
        GlobalReplicationGroupIdSuffix: 'g',
        Members: [{ ReplicationGroupId: 'rg', Role: 'PRIMARY', ReplicationGroupRegion: 'eu-west-1' }],
        RegionalConfigurations: [{ ReplicationGroupRegion: 'eu-central-1', ReplicationGroupId: 'rg2' }],
      });
    });
    expectViolation(err, Region.id, 'S/Global', 'eu-central-1');
  });

  test('Fn::GetAZs of another region in a subnet fails SFX-REGION', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
      [0, 1].forEach(
        (index) =>
          new ec2.CfnSubnet(stack, `Subnet${index}`, {
            vpcId: vpc.ref,
            cidrBlock: `10.0.${index}.0/24`,
            availabilityZone: Fn.select(index, Fn.getAzs('us-east-1')),
          }),
      );
    });
    expectViolation(err, Region.id, 'S/Subnet0', 'us-east-1');
  });
});
