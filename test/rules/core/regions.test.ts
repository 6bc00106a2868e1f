/** rules/core/regions: region names that denote a location, and parts that can only be the stack's own region. */
import { RenderedPart } from '../../../rules/core/rendered';
import { isOwnRegion, REGION_PROPERTY, regionsIn } from '../../../rules/core/regions';
import { TemplateView } from '../../../rules/core/template';
import { openAll, template, TemplateBuilder } from '../support/template-builder';

const viewOf = (...stacks: TemplateBuilder[]): TemplateView => openAll(stacks).find((t) => t.stackPath === stacks[stacks.length - 1].stackPath)!.view;
const region3 = (of: RenderedPart): RenderedPart => ({ kind: 'segment', of, delimiter: ':', index: 3 });
const ref = (logicalId: string, attribute?: string): RenderedPart => ({ kind: 'reference', logicalId, ...(attribute ? { attribute } : {}) });
const found = (region: string, path: string) => [{ path, region }];

describe('isOwnRegion', () => {
  const view = viewOf(
    template('Exporter')
      .parameter('P')
      .exportValue('Free', { 'Fn::Join': ['', [{ Ref: 'P' }, 'x']] }),
    template()
      .resource('Topic', 'AWS::SNS::Topic')
      .resource('Odd', 'AWS::Vendor::AWS::CloudFormation::Thing')
      .resource('Store', 'AWS::SSM::Parameter'),
  );

  test('AWS::Region, or field 3 of the ARN of a resource of the template', () => {
    expect(isOwnRegion({ kind: 'pseudo', name: 'AWS::Region' }, view)).toBe(true);
    expect(isOwnRegion(region3(ref('Topic')), view)).toBe(true);
    expect(isOwnRegion(region3(ref('Topic', 'TopicArn')), view)).toBe(true);
    expect(isOwnRegion(region3(ref('Odd')), view)).toBe(true);
  });

  test('not a reference itself, another attribute, a parameter store value, or an import the template cannot see', () => {
    expect(isOwnRegion(ref('Topic'), view)).toBe(false);
    expect(isOwnRegion({ kind: 'parameter', name: 'P' }, view)).toBe(false);
    expect(isOwnRegion(region3(ref('Topic', 'ArnSuffix')), view)).toBe(false);
    expect(isOwnRegion(region3(ref('Store')), view)).toBe(false);
    expect(isOwnRegion(region3({ kind: 'import', exportName: 'Nowhere' }), view)).toBe(false);
    expect(isOwnRegion(region3({ kind: 'import', exportName: 'Free' }), view)).toBe(false);
  });
});

describe('REGION_PROPERTY', () => {
  test('a key ending in region', () => {
    expect(['Region', 'ReplicaRegion', 'awslogs-region'].map((k) => REGION_PROPERTY.test(k))).toEqual([true, true, true]);
    expect(REGION_PROPERTY.test('RegionSetting')).toBe(false);
  });
});

describe('regionsIn', () => {
  const home = 'eu-west-1';
  test('under a region or AZ key, any region in the value; the key is the last one, without indexes', () => {
    expect(regionsIn('x us-east-1', 'Properties.ReplicaRegion[0][1]', home)).toEqual(found('us-east-1', 'Properties.ReplicaRegion[0][1]'));
    expect(regionsIn('x us-east-1', 'Properties.Items[1].Region[2]', home)).toEqual(found('us-east-1', 'Properties.Items[1].Region[2]'));
    expect(regionsIn('zone us-east-1a', 'Properties.AvailabilityZones[10]', home)).toEqual(found('us-east-1', 'Properties.AvailabilityZones[10]'));
    expect(regionsIn('zone us-east-1a', 'Properties.SubnetAvailabilityZone', home)).toEqual(found('us-east-1', 'Properties.SubnetAvailabilityZone'));
    expect(regionsIn('zone us-east-1a', 'Properties.Az', home)).toEqual(found('us-east-1', 'Properties.Az'));
    expect(regionsIn('x us-east-1', 'Fn::GetAZs', home)).toEqual(found('us-east-1', 'Fn::GetAZs'));
    expect(regionsIn('x us-east-1', 'Properties.RegionSetting', home)).toEqual([]);
    expect(regionsIn('zone us-east-1a', 'Properties.Azure', home)).toEqual([]);
  });

  test('a value that is a region and nothing else, unless under a …Name key', () => {
    expect(regionsIn(' us-east-1 ', 'Properties.NameSpace', home)).toEqual(found('us-east-1', 'Properties.NameSpace'));
    expect(regionsIn('us-east-1', 'Properties.TopicName', home)).toEqual([]);
    expect(regionsIn('eu-west-1', 'Properties.Other', home)).toEqual([]);
  });

  test('elsewhere only location forms right at the region', () => {
    const at = 'Properties.Description';
    expect(regionsIn('sqs.us-east-1.amazonaws.com', at, home)).toEqual(found('us-east-1', at));
    expect(regionsIn('see us-east-1 at sqs.amazonaws.com', at, home)).toEqual([]);
    expect(regionsIn('com.amazonaws.us-east-1.s3', at, home)).toEqual(found('us-east-1', at));
    expect(regionsIn('com.amazonaws.x us-east-1', at, home)).toEqual([]);
    expect(regionsIn('{"region": "us-east-1"}', at, home)).toEqual(found('us-east-1', at));
    expect(regionsIn('{"region": "x", "note": "us-east-1"}', at, home)).toEqual([]);
    expect(regionsIn('arn:aws:sns:us-east-1:123456789012:t', at, home)).toEqual(found('us-east-1', at));
  });
});
