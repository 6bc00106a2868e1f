/** rules/core/ecs: where an ECS service's tasks may run, and how few of them auto scaling may leave. */
import { placementZoneChecks, scaledToAtLeastTwo, scalingFloor, serviceZoneCheck } from '../../../rules/core/ecs';
import { TemplateView } from '../../../rules/core/template';
import { openAll, template, TemplateBuilder } from '../support/template-builder';

const viewOf = (stack: TemplateBuilder): TemplateView => openAll([stack])[0].view;
const subnet = (zone: unknown) => ({ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', AvailabilityZone: zone });
const stackWithSubnets = () =>
  template()
    .resource('A', 'AWS::EC2::Subnet', subnet('eu-west-1a'))
    .resource('A2', 'AWS::EC2::Subnet', subnet('eu-west-1a'))
    .resource('B', 'AWS::EC2::Subnet', subnet('eu-west-1b'))
    .resource('Bucket', 'AWS::S3::Bucket', {});
/** Judges the service `Service` with `properties` in `stack`. */
const judged =
  <T>(check: (service: ReturnType<TemplateView['allResources']>[number], view: TemplateView) => T) =>
  (properties: Record<string, unknown>, stack: TemplateBuilder = template()): T => {
    const view = viewOf(stack.resource('Service', 'AWS::ECS::Service', properties));
    return check(view.resource('Service')!, view);
  };

describe('serviceZoneCheck', () => {
  const zone = judged(serviceZoneCheck);
  const inSubnets = (...ids: unknown[]) => ({
    NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ids.map((id) => (typeof id === 'string' ? { Ref: id } : id)) } },
  });
  const ONE_ZONE = {
    message: 'NetworkConfiguration places every task in subnets of a single Availability Zone',
    fix: 'place the service in subnets of at least two AZs',
  };

  test('subnets of this template all in one AZ fail; two AZs pass', () => {
    expect(zone(inSubnets('A'), stackWithSubnets())).toEqual(ONE_ZONE);
    expect(zone(inSubnets('A', 'A2'), stackWithSubnets())).toEqual(ONE_ZONE);
    expect(zone(inSubnets('A', 'B'), stackWithSubnets())).toBeUndefined();
  });

  test('a subnet that is not a subnet resource of the template (literal id, another type, missing) is not judged', () => {
    expect(zone(inSubnets('A', 'subnet-123'), stackWithSubnets())).toBeUndefined();
    expect(zone(inSubnets('subnet-123', 'A'), stackWithSubnets())).toBeUndefined();
    expect(zone(inSubnets('A', 'Bucket'), stackWithSubnets())).toBeUndefined();
    expect(zone(inSubnets('A', 'Missing'), stackWithSubnets())).toBeUndefined();
    // Another resource with an AvailabilityZone (a volume in eu-west-1a) is still not a subnet the tasks run in.
    expect(
      zone(inSubnets('A', 'Volume'), stackWithSubnets().resource('Volume', 'AWS::EC2::Volume', { AvailabilityZone: 'eu-west-1a' })),
    ).toBeUndefined();
  });

  test('no awsvpc configuration or subnets that are not a list: nothing to judge', () => {
    expect(zone({}, stackWithSubnets())).toBeUndefined();
    expect(zone({ NetworkConfiguration: 'x' }, stackWithSubnets())).toBeUndefined();
    expect(zone({ NetworkConfiguration: { AwsvpcConfiguration: { Subnets: { Ref: 'A' } } } }, stackWithSubnets())).toBeUndefined();
  });
});

describe('scaledToAtLeastTwo', () => {
  const scaled = judged(scaledToAtLeastTwo);
  const NAME = { 'Fn::GetAtt': ['Service', 'Name'] };
  const withTarget = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    template().resource(
      'Target',
      'AWS::ApplicationAutoScaling::ScalableTarget',
      {
        ScalableDimension: 'ecs:service:DesiredCount',
        MinCapacity: 2,
        MaxCapacity: 4,
        ResourceId: { 'Fn::Join': ['', ['service/c/', NAME]] },
        ...properties,
      },
      extra,
    );

  test("a target of the service's desired count with MinCapacity >= 2 keeps two tasks", () => {
    expect(scaled({}, withTarget({}))).toBe(true);
    expect(scaled({}, withTarget({ MinCapacity: 3 }))).toBe(true);
  });

  test('not with MinCapacity below two or unproven, another dimension, another resource id, or a conditional target', () => {
    expect(scaled({}, withTarget({ MinCapacity: 1 }))).toBe(false);
    expect(scaled({}, withTarget({ MinCapacity: { Ref: 'AWS::NoValue' } }))).toBe(false);
    expect(scaled({}, withTarget({ ScalableDimension: 'ecs:service:Other' }))).toBe(false);
    expect(scaled({}, withTarget({ ScalableDimension: { Ref: 'Dim' } }).parameter('Dim'))).toBe(false);
    expect(
      scaled(
        {},
        withTarget({ ScalableDimension: { Ref: 'Dim' } }).parameter('Dim', { Type: 'String', AllowedValues: ['ecs:service:DesiredCount', 'x'] }),
      ),
    ).toBe(false);
    expect(
      scaled({}, withTarget({ ScalableDimension: { Ref: 'Dim' } }).parameter('Dim', { Type: 'String', AllowedValues: ['ecs:service:DesiredCount'] })),
    ).toBe(true);
    expect(scaled({}, withTarget({ ResourceId: 'service/c/s' }))).toBe(false);
    expect(scaled({}, withTarget({ ResourceId: { a: 1 } }))).toBe(false);
    expect(scaled({}, withTarget({ ResourceId: { 'Fn::GetAtt': ['Other', 'Name'] } }).resource('Other', 'AWS::ECS::Service', {}))).toBe(false);
    expect(scaled({}, withTarget({ ResourceId: { 'Fn::GetAtt': ['Service', 'Arn'] } }))).toBe(false);
    expect(scaled({}, withTarget({ ResourceId: { 'Fn::Join': ['', ['Service', '.Name']] } }))).toBe(false);
    expect(scaled({}, withTarget({}, { Condition: 'C' }).condition('C', { 'Fn::Equals': ['a', 'b'] }))).toBe(false);
  });
});

describe('placementZoneChecks', () => {
  const checks = judged(placementZoneChecks);
  const memberOf = (Expression: unknown) => ({ PlacementConstraints: [{ Type: 'memberOf', Expression }] });
  const pinned = (at: string, expression: string, zone: string) => ({
    message: `${at} (memberOf ${expression}) places every task in the single Availability Zone ${zone}`,
    fix: 'remove the availability-zone constraint or allow at least two AZs',
  });

  test('one named AZ pins every task; two, or an "or", do not', () => {
    const expression = 'attribute:ecs.availability-zone == eu-west-1a';
    expect(checks(memberOf(expression))).toEqual([pinned('PlacementConstraints[0]', expression, 'eu-west-1a')]);
    expect(checks(memberOf('attribute:ecs.availability-zone in [eu-west-1a]'))).toEqual([
      pinned('PlacementConstraints[0]', 'attribute:ecs.availability-zone in [eu-west-1a]', 'eu-west-1a'),
    ]);
    expect(checks(memberOf('attribute:ecs.availability-zone in[eu-west-1a]'))).toEqual([
      pinned('PlacementConstraints[0]', 'attribute:ecs.availability-zone in[eu-west-1a]', 'eu-west-1a'),
    ]);
    expect(checks(memberOf('attribute:ecs.availability-zone in [eu-west-1a, eu-west-1b]'))).toEqual([]);
    expect(checks(memberOf('attribute:ecs.availability-zone == eu-west-1a || attribute:ecs.instance-type == t3.large'))).toEqual([]);
    expect(checks({ PlacementConstraints: [{ Type: 'MEMBEROF', Expression: expression }] })).toHaveLength(1);
    expect(checks({ PlacementConstraints: [{ Type: 'distinctInstance', Expression: expression }] })).toEqual([]);
  });

  test('an entry that is not a literal object, or an expression decided at deploy time, fails closed', () => {
    expect(
      checks({ PlacementConstraints: [{ Type: 'memberOf', Expression: 'attribute:ecs.instance-type == t3.large' }, { 'Fn::If': ['C', {}, {}] }] }),
    ).toEqual([
      {
        message:
          'PlacementConstraints[1] is not a literal (it is not a literal object); the value must be a literal so the gate can prove it at synth time',
        fix: 'write placement constraints as literal objects',
      },
    ]);
    expect(checks(memberOf({ Ref: 'E' }), template().parameter('E'))).toEqual([
      {
        message:
          'PlacementConstraints[0].Expression is not a literal (it is decided at deploy time); the value must be a literal so the gate can prove it at synth time',
        fix: 'write the memberOf expression as a literal',
      },
    ]);
  });

  test("the task definition's constraints are judged too, named by it; a task definition of another type is not", () => {
    const expression = 'attribute:ecs.availability-zone == eu-west-1b';
    const stack = template().resource('Task', 'AWS::ECS::TaskDefinition', { PlacementConstraints: [{ Type: 'memberOf', Expression: expression }] });
    expect(checks({ TaskDefinition: { Ref: 'Task' } }, stack)).toEqual([
      pinned('PlacementConstraints of task definition Task[0]', expression, 'eu-west-1b'),
    ]);
    const other = template().resource('Task', 'AWS::S3::Bucket', { PlacementConstraints: [{ Type: 'memberOf', Expression: expression }] });
    expect(checks({ TaskDefinition: { Ref: 'Task' } }, other)).toEqual([]);
  });
});

describe('scalingFloor', () => {
  const floor = (properties: Record<string, unknown>, stack = template()) => {
    const view = viewOf(stack.resource('Target', 'AWS::ApplicationAutoScaling::ScalableTarget', properties));
    return scalingFloor(view.resource('Target')!, view);
  };

  test('two for ECS desired count or an unprovable dimension, one for ElastiCache replicas, none otherwise', () => {
    expect(floor({ ScalableDimension: 'ecs:service:DesiredCount' })).toBe(2);
    expect(floor({ ScalableDimension: { Ref: 'D' } }, template().parameter('D'))).toBe(2);
    expect(floor({ ScalableDimension: 'elasticache:replication-group:Replicas' })).toBe(1);
    expect(floor({ ScalableDimension: 'dynamodb:table:ReadCapacityUnits' })).toBeUndefined();
  });
});
