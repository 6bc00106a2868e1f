/** SFX-TEMPLATE-VISIBLE at the pure level: nested stacks, stack sets, products, SAR apps, transforms, loops, modules. */
import { TemplateVisible } from '../../rules/template-visible';
import { findings, template, violationsOf } from './support/template-builder';

const ROTATION = 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser';
const APP_FIX = 'build it in CDK, or have the security team review it into APPROVED_APPLICATIONS (rules/template-visible.ts)';
const unreadable = (names: string) => `Stack/App: Location names the serverless application ${names}, whose template the gate cannot read`;

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

  test('stack sets and provisioned products deploy templates out of sight, each with its fix', () => {
    expect(violationsOf(TemplateVisible, template().resource('Set', 'AWS::CloudFormation::StackSet', {}))).toEqual([
      expect.objectContaining({
        path: 'Stack/Set',
        message: "a stack set deploys its template to other accounts and regions, out of the gate's sight",
        fix: 'deploy those stacks from this CDK app instead',
      }),
    ]);
    expect(violationsOf(TemplateVisible, template().resource('P', 'AWS::ServiceCatalog::CloudFormationProvisionedProduct', {}))).toEqual([
      expect.objectContaining({
        path: 'Stack/P',
        message: 'a provisioned product launches a template from outside this app, which the gate cannot read',
        fix: 'build the resources in CDK instead',
      }),
    ]);
  });

  test('ordinary resources pass, whatever their names look like', () => {
    expect(findings(TemplateVisible, template().resource('B', 'AWS::S3::Bucket', { BucketName: 'x', Tags: [{ Key: 'a', Value: 'b' }] }))).toEqual([]);
    expect(findings(TemplateVisible, template().resource('ForEachBucket', 'AWS::S3::Bucket', { BucketName: 'Fn::ForEach::x' }))).toEqual([]);
    expect(findings(TemplateVisible, template().resource('M', 'Acme::MODULE::Thing', {}))).toEqual([]);
    expect(findings(TemplateVisible, template().resource('T', 'AWS::SSM::Parameter', { Value: 'Fn::Transform' }))).toEqual([]);
  });

  describe('serverless applications', () => {
    const app = (location: unknown, stack = template()) => stack.resource('App', 'AWS::Serverless::Application', { Location: location });

    test.each([
      ['aws', ROTATION],
      ['aws-cn', 'arn:aws-cn:serverlessrepo:cn-north-1:193023089310:applications/SecretsManagerRDSMySQLRotationMultiUser'],
      ['aws-us-gov', 'arn:aws-us-gov:serverlessrepo:us-gov-west-1:023102451235:applications/SecretsManagerRedisRotation'],
    ])("AWS's rotation application in the %s partition passes", (_partition, id) => {
      expect(findings(TemplateVisible, app({ ApplicationId: id, SemanticVersion: '1.1.0' }))).toEqual([]);
    });

    test.each([
      ['another publisher', 'arn:aws:serverlessrepo:us-east-1:111111111111:applications/SecretsManagerRDSPostgreSQLRotationSingleUser'],
      ['another partition', 'arn:aws-iso:serverlessrepo:us-iso-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser'],
      ['an application not named for rotation', 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerExporter'],
      ['a name with only the prefix', 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRotation'],
      ['a longer path', `${ROTATION}/../Other`],
      ['text before the ARN', `x${ROTATION}`],
    ])('%s fails, naming the application', (_case, id) => {
      expect(violationsOf(TemplateVisible, app({ ApplicationId: id }))).toEqual([
        expect.objectContaining({ path: 'Stack/App', message: unreadable(id).slice('Stack/App: '.length), fix: APP_FIX }),
      ]);
    });

    test('an application id that is a list, not a string, is not a literal even when it holds an approved ARN', () => {
      expect(findings(TemplateVisible, app({ ApplicationId: [ROTATION] }))).toEqual([unreadable('that is not a literal')]);
    });

    test('a location that is a URL, absent, or not a literal fails', () => {
      expect(findings(TemplateVisible, app('https://bucket/app.yaml'))).toEqual([unreadable('https://bucket/app.yaml')]);
      expect(findings(TemplateVisible, template().resource('App', 'AWS::Serverless::Application', {}))).toEqual([
        unreadable('that is not a literal'),
      ]);
      expect(findings(TemplateVisible, app({ ApplicationId: { Ref: 'A' } }, template().parameter('A')))).toEqual([
        unreadable('that is not a literal'),
      ]);
    });

    test("a parameter's AllowedValues: all approved passes; the unapproved ones are named", () => {
      const allowed = (values: string[]) => template().parameter('A', { Type: 'String', AllowedValues: values });
      expect(findings(TemplateVisible, app({ ApplicationId: { Ref: 'A' } }, allowed([ROTATION])))).toEqual([]);
      const other = 'arn:aws:serverlessrepo:us-east-1:111111111111:applications/A';
      const third = 'arn:aws:serverlessrepo:us-east-1:111111111111:applications/B';
      expect(findings(TemplateVisible, app({ ApplicationId: { Ref: 'A' } }, allowed([other, ROTATION, third])))).toEqual([
        unreadable(`${other}, ${third}`),
      ]);
    });
  });

  describe('transforms', () => {
    test.each(['AWS::Serverless-2016-10-31', 'AWS::SecretsManager-2020-07-23', 'AWS::SecretsManager-2024-09-16', 'AWS::LanguageExtensions'])(
      'the known transform %s passes',
      (name) => {
        expect(findings(TemplateVisible, template().transform(name))).toEqual([]);
      },
    );

    test('any other is a macro, each reported at the stack with its fix', () => {
      expect(violationsOf(TemplateVisible, template().transform(['AWS::Serverless-2016-10-31', { Name: 'MyMacro' }, 'Other']))).toEqual([
        expect.objectContaining({
          path: 'Stack',
          message: 'the template uses the transform MyMacro, a macro that can rewrite any resource after the gate has judged it',
          fix: 'build the resources in CDK instead of through a macro',
        }),
        expect.objectContaining({
          path: 'Stack',
          message: 'the template uses the transform Other, a macro that can rewrite any resource after the gate has judged it',
        }),
      ]);
    });

    test('a stack without transforms passes', () => {
      expect(TemplateVisible.checkStack!({ region: 'eu-west-1', kind: 'stack' })).toEqual([]);
    });
  });

  describe('content generated or inserted at deploy time', () => {
    const TRANSFORM = 'a property uses Fn::Transform (AWS::Include or a macro), which inserts content the gate never saw';

    test('Fn::Transform anywhere in a resource entry, or in place of one, fails with its fix', () => {
      expect(
        violationsOf(TemplateVisible, template().resource('B', 'AWS::S3::Bucket', { Tags: [{ 'Fn::Transform': { Name: 'AWS::Include' } }] })),
      ).toEqual([expect.objectContaining({ path: 'Stack/B', message: TRANSFORM, fix: 'write the content into the template' })]);
      expect(
        findings(TemplateVisible, template().resource('B', 'AWS::S3::Bucket', { Tags: [{ Key: 'a', Value: 'b' }, { 'Fn::Transform': {} }] })),
      ).toEqual([`Stack/B: ${TRANSFORM}`]);
      expect(findings(TemplateVisible, template().resource('B', 'AWS::S3::Bucket', { A: { B: [[{ C: { 'Fn::Transform': {} } }]] } }))).toEqual([
        `Stack/B: ${TRANSFORM}`,
      ]);
      expect(findings(TemplateVisible, template().resource('B', 'AWS::S3::Bucket', undefined, { Metadata: { 'Fn::Transform': {} } }))).toEqual([
        `Stack/B: ${TRANSFORM}`,
      ]);
      expect(
        findings(TemplateVisible, template().rawResource('Fn::Transform', { Name: 'AWS::Include', Parameters: { Location: 's3://x' } })),
      ).toEqual([`Stack/Fn::Transform: ${TRANSFORM}`]);
    });

    test('Fn::ForEach loops in Resources fail with their fix', () => {
      expect(violationsOf(TemplateVisible, template().rawResource('Fn::ForEach::Buckets', ['B', ['a'], {}]))).toEqual([
        expect.objectContaining({
          path: 'Stack/Fn::ForEach::Buckets',
          message:
            'Fn::ForEach (AWS::LanguageExtensions) generates resources at deploy time from a template fragment no control judged as a resource',
          fix: 'create each resource in CDK (a loop in TypeScript) instead of Fn::ForEach',
        }),
      ]);
    });

    test('a CloudFormation module type fails, in any case, with its fix', () => {
      expect(violationsOf(TemplateVisible, template().resource('M', 'My::Org::Thing::MODULE', {}))).toEqual([
        expect.objectContaining({
          path: 'Stack/M',
          message: 'My::Org::Thing::MODULE is a CloudFormation module: it expands at deploy time into resources the gate never saw',
          fix: "build the module's resources in CDK (a construct) instead",
        }),
      ]);
      expect(findings(TemplateVisible, template().resource('M', 'My::Org::Thing::module', {}))).toEqual([
        'Stack/M: My::Org::Thing::module is a CloudFormation module: it expands at deploy time into resources the gate never saw',
      ]);
    });

    test('a resource with several problems reports each', () => {
      expect(
        findings(
          TemplateVisible,
          template().resource('Set', 'AWS::CloudFormation::StackSet', { TemplateBody: { 'Fn::Transform': { Name: 'AWS::Include' } } }),
        ),
      ).toEqual(["Stack/Set: a stack set deploys its template to other accounts and regions, out of the gate's sight", `Stack/Set: ${TRANSFORM}`]);
    });
  });
});
