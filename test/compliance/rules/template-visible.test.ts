/**
 * SFX-TEMPLATE-VISIBLE: the gate judges only what it can read, so resources from templates it
 * cannot see (nested stacks from a URL, unreviewed SAR applications, macros and transforms however
 * they arrive, stack sets, Fn::ForEach, module types) fail; CDK NestedStacks and the AWS rotation
 * application pass.
 */
import { CfnElement, CfnResource, NestedStack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cfninc from 'aws-cdk-lib/cloudformation-include';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TemplateVisible } from '../../../rules';
import { euStack, expectNoViolationOf, expectViolation, rawResource, synthGate } from '../helpers';

describe(TemplateVisible.id, () => {
  const RULE = TemplateVisible.id;

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

describe('transforms however they arrive', () => {
  test('a macro in an included template is caught', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-include-')), 'template.json');
    fs.writeFileSync(file, JSON.stringify({ Transform: 'EvilMacro', Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }));
    const err = synthGate((app) => {
      new cfninc.CfnInclude(euStack(app, 'S'), 'Include', { templateFile: file });
    });
    expectViolation(err, TemplateVisible.id, 'S', 'EvilMacro');
  });

  test('Fn::Transform added to a resource entry by an override is caught', () => {
    const err = synthGate((app) => {
      new s3.CfnBucket(euStack(app, 'S'), 'Bucket').addOverride('Fn::Transform', {
        Name: 'AWS::Include',
        Parameters: { Location: 's3://bucket/snippet.yaml' },
      });
    });
    expectViolation(err, TemplateVisible.id, 'S/Bucket', 'Fn::Transform');
  });

  test('a stack set fails', () => {
    const err = synthGate((app) => {
      rawResource(euStack(app, 'S'), 'Set', 'AWS::CloudFormation::StackSet', {
        StackSetName: 'x',
        PermissionModel: 'SELF_MANAGED',
        TemplateBody: '{}',
      });
    });
    expectViolation(err, TemplateVisible.id, 'S/Set', 'stack set');
  });
});

describe("resources generated out of the gate's sight", () => {
  test('Fn::ForEach in Resources and a CloudFormation module type', () => {
    /** What a language-extensions loop renders: the unencrypted caches exist only after expansion. */
    class CacheLoop extends CfnElement {
      _toCloudFormation(): object {
        return {
          Resources: {
            'Fn::ForEach::Caches': [
              'Name',
              ['A', 'B'],
              { 'Cache${Name}': { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupDescription: 'x' } } },
            ],
          },
        };
      }
    }
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      stack.addTransform('AWS::LanguageExtensions');
      new CfnResource(stack, 'Module', { type: 'Acme::Cache::Redis::MODULE', properties: {} });
      new CacheLoop(stack, 'Loop');
    });
    expectViolation(err, TemplateVisible.id, 'S/Module', 'CloudFormation module');
    expectViolation(err, TemplateVisible.id, 'S/Fn::ForEach::Caches', 'Fn::ForEach');
  });
});
