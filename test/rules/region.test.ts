/** SFX-REGION at the pure level: stack facts (kind, region, publisher) and the values that name a location. */
import { Region } from '../../rules';
import { findings, template, violationsOf } from './support/template-builder';

const judgeStack = (facts: Parameters<NonNullable<typeof Region.checkStack>>[0]) => Region.checkStack!(facts);

describe('SFX-REGION', () => {
  describe('a stack', () => {
    test('passes in eu-west-1, and a nested stack whatever its region', () => {
      expect(judgeStack({ region: 'eu-west-1', kind: 'stack' })).toEqual([]);
      expect(judgeStack({ region: 'us-east-1', kind: 'nested' })).toEqual([]);
      expect(judgeStack({ region: undefined, kind: 'nested' })).toEqual([]);
    });

    test('fails another region or an environment-agnostic stack, with the fix', () => {
      expect(judgeStack({ region: 'us-east-1', kind: 'stack' })).toEqual([
        { message: 'the stack deploys to us-east-1, not eu-west-1', fix: "set env: { region: 'eu-west-1' } on the stack or its Stage" },
      ]);
      expect(judgeStack({ region: undefined, kind: 'stack' })).toEqual([
        {
          message: 'the stack is environment-agnostic: its region is decided at deploy time',
          fix: "set env: { region: 'eu-west-1' } on the stack or its Stage",
        },
      ]);
    });

    test('a product stack is judged by its publisher', () => {
      expect(judgeStack({ region: undefined, kind: 'product', publisherRegion: 'eu-west-1' })).toEqual([]);
      const fix = "publish the product from a stack with env: { region: 'eu-west-1' }";
      expect(judgeStack({ region: 'eu-west-1', kind: 'product', publisherRegion: 'us-east-1', publisherPath: 'Catalog' })).toEqual([
        { message: 'the Service Catalog product is published by Catalog in us-east-1, not eu-west-1', fix },
      ]);
      expect(judgeStack({ region: 'eu-west-1', kind: 'product' })).toEqual([
        { message: 'the Service Catalog product is published by its publishing stack, which is environment-agnostic', fix },
      ]);
    });

    test('judgeTemplates reports the stack at its path', () => {
      expect(violationsOf(Region, template('Us', { region: 'us-east-1' }))).toEqual([
        expect.objectContaining({ ruleId: 'SFX-REGION', path: 'Us', stackPath: 'Us', logicalId: undefined }),
      ]);
    });
  });

  describe('a value naming a region', () => {
    const queue = (properties: Record<string, unknown>) => template().resource('Q', 'AWS::SNS::Subscription', properties);

    test.each([
      'us-east-1',
      'us-gov-west-1',
      'cn-north-1',
      'ap-southeast-2',
      'ap-northeast-3',
      'af-south-1',
      'ca-central-1',
      'eu-central-2',
      'eusc-de-east-1',
      'il-central-1',
      'me-south-1',
      'mx-central-1',
      'sa-east-1',
      'us-iso-east-1',
      'us-isob-east-1',
      'us-isof-south-1',
      'eu-north-1',
      'eu-south-1',
      'us-west-2',
      'ap-east-1',
      'eu-northwest-1',
      'us-southwest-1',
      'us-isoe-west-1',
    ])('an ARN in %s fails, naming the property path and the region', (region) => {
      expect(findings(Region, queue({ Endpoint: `arn:aws:sqs:${region}:123456789012:q` }))).toEqual([
        `Stack/Q: Properties.Endpoint names the region ${region}, outside eu-west-1`,
      ]);
    });

    test('eu-west-1 passes; an AZ letter is part of the region', () => {
      expect(findings(Region, queue({ Endpoint: 'arn:aws:sqs:eu-west-1:123456789012:q' }))).toEqual([]);
      expect(findings(Region, template().resource('S', 'AWS::EC2::Subnet', { AvailabilityZone: 'us-east-1a' }))).toEqual([
        'Stack/S: Properties.AvailabilityZone names the region us-east-1, outside eu-west-1',
      ]);
      expect(findings(Region, template().resource('S', 'AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1b' }))).toEqual([]);
    });

    test('the violation carries its fix', () => {
      expect(violationsOf(Region, queue({ Endpoint: 'arn:aws:sqs:us-east-1:1:q' }))).toEqual([
        expect.objectContaining({ fix: "use eu-west-1 (or the stack's own region token) for Properties.Endpoint" }),
      ]);
    });

    test('CDK metadata is never judged', () => {
      expect(findings(Region, template().resource('M', 'AWS::CDK::Metadata', { Analytics: 'us-east-1' }))).toEqual([]);
    });
  });
});
