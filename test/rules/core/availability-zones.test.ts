/** rules/core/availability-zones: the Availability Zones a set of subnets provably spans. */
import { allPinnedToOneZone, availabilityZoneKey, literalZoneList, provenZoneCount } from '../../../rules/core/availability-zones';
import { TemplateView } from '../../../rules/core/template';
import { openAll, template, TemplateBuilder } from '../support/template-builder';

/** Subnets with the given properties, in a template of `stack`; their resources and the view. */
function subnets(properties: Record<string, unknown>[], stack: TemplateBuilder = template()) {
  properties.forEach((p, i) => stack.resource(`Subnet${i}`, 'AWS::EC2::Subnet', p));
  const view: TemplateView = openAll([stack])[0].view;
  return { view, resources: properties.map((_, i) => view.resource(`Subnet${i}`)!) };
}
const select = (index: unknown, list: unknown) => ({ AvailabilityZone: { 'Fn::Select': [index, list] } });

describe('availabilityZoneKey', () => {
  const keys = (properties: Record<string, unknown>[], stack?: TemplateBuilder) => {
    const { view, resources } = subnets(properties, stack);
    return resources.map((r) => availabilityZoneKey(r, view));
  };

  test('an AZ name, an AZ id, or a literal position in GetAZs of the own region', () => {
    expect(
      keys([
        { AvailabilityZone: 'eu-west-1a' },
        { AvailabilityZoneId: 'euw1-az1' },
        select(0, { 'Fn::GetAZs': '' }),
        select('1', { 'Fn::GetAZs': { Ref: 'AWS::Region' } }),
        select(2, { 'Fn::GetAZs': 'eu-west-1' }),
      ]),
    ).toEqual(['name:eu-west-1a', 'id:euw1-az1', 'getazs:0', 'getazs:1', 'getazs:2']);
  });

  test('not pinned: a chosen position, GetAZs of another or an unknown region, or no GetAZs at all', () => {
    expect(
      keys([
        {},
        select({ Ref: 'Index' }, { 'Fn::GetAZs': '' }),
        select(0, { 'Fn::GetAZs': 'eu-west-2' }),
        select(0, { 'Fn::GetAZs': { Ref: 'Region' } }),
        select(0, { 'Fn::GetAZs': null }),
        select(0, { 'Fn::GetAZs': '', Other: 1 }),
        select(0, null),
        select(0, ['eu-west-1a']),
      ]),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  test('GetAZs of a literal region in an environment-agnostic stack is not its own region', () => {
    expect(keys([select(0, { 'Fn::GetAZs': 'eu-west-1' })], template('Stack', {}))).toEqual([undefined]);
    // A region that is no value is no region, even where the stack's is not known either.
    expect(keys([select(0, { 'Fn::GetAZs': undefined })], template('Stack', {}))).toEqual([undefined]);
  });
});

describe('provenZoneCount and allPinnedToOneZone', () => {
  test('zones of one form count; forms are never added up', () => {
    const { view, resources } = subnets([
      { AvailabilityZone: 'eu-west-1a' },
      { AvailabilityZone: 'eu-west-1b' },
      { AvailabilityZoneId: 'euw1-az1' },
      select(0, { 'Fn::GetAZs': '' }),
      {},
    ]);
    expect(provenZoneCount(resources, view)).toBe(2);
    expect(provenZoneCount(resources.slice(2), view)).toBe(1);
    expect(provenZoneCount([], view)).toBe(0);
    expect(allPinnedToOneZone(resources.slice(1, 4), view)).toBe(true);
    expect(allPinnedToOneZone(resources.slice(0, 2), view)).toBe(false);
    expect(allPinnedToOneZone(resources.slice(3), view)).toBe(false);
    expect(allPinnedToOneZone([], view)).toBe(false);
  });
});

describe('literalZoneList', () => {
  test('a list of strings only', () => {
    expect(literalZoneList(['eu-west-1a', 'eu-west-1b'])).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(literalZoneList([])).toEqual([]);
    expect(literalZoneList(['eu-west-1a', 1])).toBeUndefined();
    expect(literalZoneList('eu-west-1a')).toBeUndefined();
    expect(literalZoneList(undefined)).toBeUndefined();
  });
});
