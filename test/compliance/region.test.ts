import { Aws, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import { Construct } from 'constructs';
import { compliantReplicationGroup, euStack, expectNoViolations, expectViolation, rawResource, synthGate } from './helpers';

const ID = 'SFX-REGION';

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

describe('SFX-REGION', () => {
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
    expectViolation(err, ID, 'Agnostic', 'environment-agnostic');
  });

  test('a stack whose region is the Aws.REGION token is environment-agnostic and fails', () => {
    const err = synthGate((app) => {
      content(new Stack(app, 'Token', { env: { region: Aws.REGION } }));
    });
    expectViolation(err, ID, 'Token', 'environment-agnostic');
  });

  test('a stack with only an account (no region) fails', () => {
    const err = synthGate((app) => {
      content(new Stack(app, 'AccountOnly', { env: { account: '123456789012' } }));
    });
    expectViolation(err, ID, 'AccountOnly', 'environment-agnostic');
  });

  test.each(['us-east-1', 'eu-west-2', 'eu-central-1'])('a stack in %s fails', (region) => {
    const err = synthGate((app) => {
      content(new Stack(app, 'Foreign', { env: { region } }));
    });
    expectViolation(err, ID, 'Foreign', `deploys to ${region}, not eu-west-1`);
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
    expectViolation(err, ID, 'Dr/Api', 'us-east-1');
  });

  test('a stack in a Stage without env is environment-agnostic', () => {
    const err = synthGate((app) => {
      content(new Stack(new Stage(app, 'Dev'), 'Api'));
    });
    expectViolation(err, ID, 'Dev/Api', 'environment-agnostic');
  });

  test("a stack's own env overrides its Stage's", () => {
    const err = synthGate((app) => {
      content(new Stack(new Stage(app, 'Prod', { env: { region: 'eu-west-1' } }), 'Api', { env: { region: 'us-west-2' } }));
    });
    expectViolation(err, ID, 'Prod/Api', 'us-west-2');
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
    expectViolation(err, ID, 'Us', 'deploys to us-east-1');
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
      expectViolation(err, ID, 'Us');
      expectViolation(err, ID, 'Us/Cache', 'published by Us in us-east-1');
    });

    test('a product published by an environment-agnostic stack fails', () => {
      const err = synthGate((app) => {
        publish(new Stack(app, 'Anywhere'), 'Cache', (p) => compliantReplicationGroup(p));
      });
      expectViolation(err, ID, 'Anywhere/Cache', 'environment-agnostic');
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
      expectViolation(err, ID, 'S/Foreign', 'Properties.AvailabilityZone names the region us-east-1');
      expect(err!.violations.filter((v) => v.ruleId === ID).map((v) => v.path)).toEqual(['S/Foreign']);
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
      expectViolation(err, ID, 'S/Task/Resource', 'us-east-1');
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
      expectViolation(err, ID, 'S/Foreign/Resource', 'us-west-2');
      expect(err!.violations.filter((v) => v.ruleId === ID).map((v) => v.path)).toEqual(['S/Foreign/Resource']);
    });

    test('an ARN in another region inside a raw resource fails', () => {
      const err = synthGate((app) => {
        rawResource(euStack(app, 'S'), 'Sub', 'AWS::SNS::Subscription', {
          TopicArn: 'arn:aws:sns:ap-southeast-2:123456789012:alerts',
          Protocol: 'email',
          Endpoint: 'ops@example.com',
        });
      });
      expectViolation(err, ID, 'S/Sub', 'ap-southeast-2');
    });
  });
});
