/** SFX-TEMPLATE-VISIBLE at the pure level: nested stacks, stack sets, products, SAR apps, transforms, loops, modules. */
import { TemplateVisible } from '../../rules/template-visible';
import { findings, template, violationsOf } from './support/template-builder';

const ROTATION = 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser';

describe('SFX-TEMPLATE-VISIBLE', () => {
  test('a nested stack is visible when its template is judged with its parent, not when it is only a URL', () => {
    expect(findings(TemplateVisible, template('P').nestedStack('Child', template('P/Child')))).toEqual([]);
    expect(violationsOf(TemplateVisible, template('P').resource('Child', 'AWS::CloudFormation::Stack', { TemplateURL: 'https://x' }))).toEqual([
      expect.objectContaining({
        ruleId: 'SFX-TEMPLATE-VISIBLE',
        path: 'P/Child',
        message: "the nested stack's template is only a URL (TemplateURL), so no control judged its resources",
        fix: 'define it as a CDK NestedStack (or CfnInclude with loadNestedStacks)',
      }),
    ]);
  });

  test('stack sets and provisioned products deploy templates out of sight', () => {
    expect(findings(TemplateVisible, template().resource('Set', 'AWS::CloudFormation::StackSet', {}))).toEqual([
      "Stack/Set: a stack set deploys its template to other accounts and regions, out of the gate's sight",
    ]);
    expect(findings(TemplateVisible, template().resource('P', 'AWS::ServiceCatalog::CloudFormationProvisionedProduct', {}))).toEqual([
      'Stack/P: a provisioned product launches a template from outside this app, which the gate cannot read',
    ]);
  });

  test("AWS's rotation applications pass; any other, or one that is not a literal, fails", () => {
    const app = (location: unknown, stack = template()) => stack.resource('App', 'AWS::Serverless::Application', { Location: location });
    expect(findings(TemplateVisible, app({ ApplicationId: ROTATION, SemanticVersion: '1.1.0' }))).toEqual([]);
    expect(findings(TemplateVisible, app({ ApplicationId: ROTATION.replace('aws:', 'aws-cn:').replace('297356227824', '193023089310') }))).toEqual(
      [],
    );
    expect(violationsOf(TemplateVisible, app({ ApplicationId: 'arn:aws:serverlessrepo:us-east-1:111111111111:applications/Other' }))).toEqual([
      expect.objectContaining({
        message:
          'Location names the serverless application arn:aws:serverlessrepo:us-east-1:111111111111:applications/Other, whose template the gate cannot read',
        fix: 'build it in CDK, or have the security team review it into APPROVED_APPLICATIONS (rules/template-visible.ts)',
      }),
    ]);
    expect(findings(TemplateVisible, app({ ApplicationId: { Ref: 'A' } }, template().parameter('A')))).toEqual([
      'Stack/App: Location names the serverless application that is not a literal, whose template the gate cannot read',
    ]);
    expect(findings(TemplateVisible, app('https://bucket/app.yaml'))).toHaveLength(1);
    expect(
      findings(TemplateVisible, app({ ApplicationId: { Ref: 'A' } }, template().parameter('A', { Type: 'String', AllowedValues: [ROTATION] }))),
    ).toEqual([]);
  });

  test('transforms: known ones pass, any other is a macro', () => {
    expect(findings(TemplateVisible, template().transform(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions']))).toEqual([]);
    expect(findings(TemplateVisible, template().transform('AWS::SecretsManager-2024-09-16'))).toEqual([]);
    expect(findings(TemplateVisible, template().transform('AWS::SecretsManager-2020-07-23'))).toEqual([]);
    expect(violationsOf(TemplateVisible, template().transform(['AWS::Serverless-2016-10-31', { Name: 'MyMacro' }]))).toEqual([
      expect.objectContaining({
        path: 'Stack',
        message: 'the template uses the transform MyMacro, a macro that can rewrite any resource after the gate has judged it',
        fix: 'build the resources in CDK instead of through a macro',
      }),
    ]);
  });

  test('Fn::Transform anywhere in a resource, Fn::ForEach loops and modules fail', () => {
    expect(findings(TemplateVisible, template().resource('B', 'AWS::S3::Bucket', { Tags: [{ 'Fn::Transform': { Name: 'AWS::Include' } }] }))).toEqual(
      ['Stack/B: a property uses Fn::Transform (AWS::Include or a macro), which inserts content the gate never saw'],
    );
    expect(
      findings(TemplateVisible, template().rawResource('Fn::Transform', { Name: 'AWS::Include', Parameters: { Location: 's3://x' } })),
    ).toHaveLength(1);
    expect(findings(TemplateVisible, template().rawResource('Fn::ForEach::Buckets', ['B', ['a'], {}]))).toEqual([
      'Stack/Fn::ForEach::Buckets: Fn::ForEach (AWS::LanguageExtensions) generates resources at deploy time from a template fragment no control judged as a resource',
    ]);
    expect(findings(TemplateVisible, template().resource('M', 'My::Org::Thing::MODULE', {}))).toEqual([
      'Stack/M: My::Org::Thing::MODULE is a CloudFormation module: it expands at deploy time into resources the gate never saw',
    ]);
    expect(findings(TemplateVisible, template().resource('B', 'AWS::S3::Bucket', { BucketName: 'x', Tags: [{ Key: 'a', Value: 'b' }] }))).toEqual([]);
  });
});
