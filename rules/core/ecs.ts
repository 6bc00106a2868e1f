/** ECS facts for SFX-MULTI-AZ: where a service's tasks may run, and how few of them auto scaling may leave. */
import { allPinnedToOneZone } from './availability-zones';
import { notLiteral, requireAtLeast } from './checks';
import { Violation, fail } from './rule';
import { TemplateResource, TemplateView } from './template';
import { asList, isLiteralObject, isPlainObject } from './intrinsics';
import { literalString, possibleValues, render } from './values';

/** Fargate tasks placed only in subnets of one AZ are single-AZ whatever their count. */
export function serviceZoneCheck(service: TemplateResource, template: TemplateView): Violation | undefined {
  const network = service.properties.NetworkConfiguration;
  const awsvpc = isPlainObject(network) ? network.AwsvpcConfiguration : undefined;
  if (!isPlainObject(awsvpc) || !Array.isArray(awsvpc.Subnets)) return undefined;
  const subnets = awsvpc.Subnets.map((s) => template.referencedResource(s));
  if (subnets.some((s) => s === undefined || s.type !== 'AWS::EC2::Subnet')) return undefined;
  return allPinnedToOneZone(subnets as TemplateResource[], template)
    ? fail('NetworkConfiguration places every task in subnets of a single Availability Zone', 'place the service in subnets of at least two AZs')
    : undefined;
}

/**
 * A service without DesiredCount whose auto scaling keeps at least two tasks: a scalable target
 * of its desired count (CDK renders ResourceId `service/${Cluster}/${Service.Name}`) with
 * MinCapacity proven >= 2 (autoScaleTaskCount({ minCapacity: 2 }) without desiredCount).
 */
export function scaledToAtLeastTwo(service: TemplateResource, template: TemplateView): boolean {
  return template.unconditionalResourcesOfType('AWS::ApplicationAutoScaling::ScalableTarget').some((target) => {
    const dimension = possibleValues(target.properties.ScalableDimension, template);
    const resourceId = render(target.properties.ResourceId, template);
    return (
      dimension.kind === 'known' &&
      dimension.values.every((value) => value === 'ecs:service:DesiredCount') &&
      resourceId !== undefined &&
      // Stryker disable next-line ConditionalExpression: true for the kind does not compile (TS2339: only references have a logicalId)
      resourceId.some((p) => p.kind === 'reference' && p.logicalId === service.logicalId && p.attribute === 'Name') &&
      requireAtLeast(target.properties, 'MinCapacity', 2, template, undefined) === undefined
    );
  });
}

const ZONE_ATTRIBUTE = /attribute:ecs\.availability-zone\s*(?:==\s*([^\s\]]+)|in\s*\[([^\]]*)\])/gi;

/**
 * `memberOf` placement constraints (on the service or its task definition) whose expression
 * pins every task to one AZ; an entry or expression that cannot be read fails closed.
 */
export function placementZoneChecks(service: TemplateResource, template: TemplateView): Violation[] {
  const taskDefinition = template.referencedResource(service.properties.TaskDefinition);
  const sources: [string, unknown][] = [['PlacementConstraints', service.properties.PlacementConstraints]];
  if (taskDefinition?.type === 'AWS::ECS::TaskDefinition') {
    sources.push([`PlacementConstraints of task definition ${taskDefinition.logicalId}`, taskDefinition.properties.PlacementConstraints]);
  }
  return sources.flatMap(([at, constraints]) =>
    asList(constraints).flatMap((constraint, index): Violation[] => {
      if (!isLiteralObject(constraint))
        return [fail(notLiteral(`${at}[${index}]`, 'not a literal object'), 'write placement constraints as literal objects')];
      if (String(constraint.Type).toLowerCase() !== 'memberof') return [];
      const expression = literalString(constraint.Expression, template);
      if (expression === undefined)
        return [fail(notLiteral(`${at}[${index}].Expression`, 'decided at deploy time'), 'write the memberOf expression as a literal')];
      const zones = new Set(
        [...expression.matchAll(ZONE_ATTRIBUTE)].flatMap((match) =>
          (match[1] ?? match[2])
            .split(',')
            .map((zone) => zone.trim())
            .filter((zone) => zone !== ''),
        ),
      );
      // Without `or` every clause must hold, so one named AZ pins every task to it.
      return zones.size === 1 && !/\bor\b|\|\|/i.test(expression)
        ? [
            fail(
              `${at}[${index}] (memberOf ${expression}) places every task in the single Availability Zone ${[...zones][0]}`,
              'remove the availability-zone constraint or allow at least two AZs',
            ),
          ]
        : [];
    }),
  );
}

/** The lowest capacity an auto-scaled resource may reach, or undefined if not judged. */
export function scalingFloor(target: TemplateResource, template: TemplateView): number | undefined {
  const dimension = possibleValues(target.properties.ScalableDimension, template);
  if (dimension.kind !== 'known') return 2; // unprovable dimension: hold it to the strictest floor
  const dims = dimension.values.map((value) => String(value));
  if (dims.includes('ecs:service:DesiredCount')) return 2;
  if (dims.includes('elasticache:replication-group:Replicas')) return 1;
  return undefined;
}
