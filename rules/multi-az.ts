/**
 * SFX-MULTI-AZ — every tier survives the loss of one Availability Zone.
 *
 * PASSES  DB instances with `MultiAZ: true` (Aurora instances are judged through their cluster);
 *         Aurora clusters with at least two DB instances in the template; Multi-AZ DB clusters
 *         (non-Aurora engines); Redis replication groups with `MultiAZEnabled: true`,
 *         `AutomaticFailoverEnabled: true` and at least one replica per node group;
 *         VPCs whose subnets span at least two AZs; ECS services with `DesiredCount` >= 2 whose
 *         subnets are not all in one AZ; auto scaling that never goes below those floors.
 * FAILS   any of those absent (defaults: MultiAZ false, MultiAZEnabled false,
 *         AutomaticFailoverEnabled false, NumCacheClusters 1, DesiredCount 1), lower, or unprovable;
 *         a DAEMON ECS service (its task count follows the instances, not the AZs);
 *         an ECS scalable target or scheduled action with MinCapacity below 2;
 *         an ElastiCache replica scalable target with MinCapacity below 1.
 */
import { availabilityZoneKey, provenZoneCount } from './core/availability-zones';
import { isAuroraClusterMember, isJudgedThroughCluster, databaseEngines, mayRunRedis } from './core/engines';
import { requireAtLeast, requireTrue, requireValue } from './core/checks';
import { ComplianceRule, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView, asList, referencedLogicalId, isPlainObject } from './core/template';
import { possibleValues } from './core/values';

export const MultiAz: ComplianceRule = {
  id: 'SFX-MULTI-AZ',
  title: 'Databases, caches, networks and services span at least two Availability Zones',
  severity: 'high',
  mandated: true,
  rationale:
    'StreamFlix serves metadata at high volume; a single-AZ database, cache, subnet layout or task '
    + 'turns one data-centre failure into a full outage.',
  remediation:
    'RDS: multiAz: true. Aurora: a writer plus at least one reader. ElastiCache: multiAzEnabled: true, '
    + 'automaticFailoverEnabled: true, numCacheClusters >= 2 (or replicasPerNodeGroup >= 1). '
    + 'VPC: maxAzs/availabilityZones >= 2. ECS: desiredCount >= 2 and autoscaling minCapacity >= 2.',
  resourceTypes: [
    'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::ElastiCache::ReplicationGroup', 'AWS::EC2::VPC',
    'AWS::ECS::Service', 'AWS::ApplicationAutoScaling::ScalableTarget',
  ],
  judgesStacks: false,
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'CP-10' },
    { framework: 'NIST 800-53 r5', control: 'SC-36' },
    { framework: 'PCI DSS 4.0', control: '12.10.1' },
    { framework: 'ISO 27001:2022', control: 'A.8.14' },
  ],
  checkResource(resource, template): Violation[] {
    const check = CHECKS[resource.type];
    return check ? check(resource, template).filter((v): v is Violation => v !== undefined) : [];
  },
};

type Check = (resource: TemplateResource, template: TemplateView) => (Violation | undefined)[];

const CHECKS: Record<string, Check> = {
  'AWS::RDS::DBInstance': (db, template) => {
    if (isJudgedThroughCluster(db, template)) return [];
    if (isAuroraClusterMember(db, template)) {
      return [fail('the Aurora DB instance belongs to a DB cluster outside this template, whose availability cannot be proven', 'define the DB cluster and its instances in the same template')];
    }
    return [requireTrue(db.properties, 'MultiAZ', template)];
  },

  'AWS::RDS::DBCluster': (cluster, template) => {
    const engines = databaseEngines(cluster, template);
    // Non-Aurora engines in a DB cluster are Multi-AZ DB clusters: one writer, two readers, three AZs.
    if (engines.every((e) => e === 'postgres' || e === 'mysql')) return [];
    const members = template.resourcesOfType('AWS::RDS::DBInstance')
      .filter((db) => referencedLogicalId(db.properties.DBClusterIdentifier) === cluster.logicalId);
    return members.length >= 2 ? [] : [fail(
      `the Aurora DB cluster has ${members.length} DB instance(s) in this template; a writer alone is single-AZ`,
      'add at least one reader instance (DatabaseCluster readers) so Aurora can fail over to another AZ',
    )];
  },

  'AWS::ElastiCache::ReplicationGroup': (group, template) => {
    if (!mayRunRedis(group, template)) return [];
    return [
      requireTrue(group.properties, 'MultiAZEnabled', template),
      requireTrue(group.properties, 'AutomaticFailoverEnabled', template),
      replicaCheck(group, template),
    ];
  },

  'AWS::EC2::VPC': (vpc, template) => {
    const subnets = template.resourcesOfType('AWS::EC2::Subnet')
      .filter((subnet) => referencedLogicalId(subnet.properties.VpcId) === vpc.logicalId);
    const zones = provenZoneCount(subnets, template);
    return zones >= 2 ? [] : [fail(
      `the VPC's ${subnets.length} subnet(s) provably span ${zones} Availability Zone(s)`,
      'create subnets in at least two AZs (ec2.Vpc maxAzs >= 2, or pin AvailabilityZone on each subnet)',
    )];
  },

  'AWS::ECS::Service': (service, template) => {
    const daemon = requireValue(
      service.properties, 'SchedulingStrategy', template,
      (value) => value === undefined || String(value).toUpperCase() === 'REPLICA', '"REPLICA"', 'REPLICA',
    );
    if (daemon) {
      return [fail(`${daemon.message}: a DAEMON service's task count cannot be proven to be at least 2`, 'use the REPLICA strategy with DesiredCount >= 2')];
    }
    return [requireAtLeast(service.properties, 'DesiredCount', 2, template, 1), serviceZoneCheck(service, template)];
  },

  'AWS::ApplicationAutoScaling::ScalableTarget': (target, template) => {
    const floor = scalingFloor(target, template);
    if (floor === undefined) return [];
    const scheduled = asList(target.properties.ScheduledActions).flatMap((action, index) => {
      const minCapacity = isPlainObject(action) && isPlainObject(action.ScalableTargetAction)
        ? action.ScalableTargetAction.MinCapacity : undefined;
      if (minCapacity === undefined) return [];
      const violation = requireAtLeast({ MinCapacity: minCapacity }, 'MinCapacity', floor, template, undefined);
      return violation ? [{ ...violation, message: `ScheduledActions[${index}].ScalableTargetAction.${violation.message}` }] : [];
    });
    return [requireAtLeast(target.properties, 'MinCapacity', floor, template, undefined), ...scheduled];
  },
};

/** At least one replica in every node group, whichever way the group is sized. */
function replicaCheck(group: TemplateResource, template: TemplateView): Violation | undefined {
  const props = group.properties;
  if (props.NodeGroupConfiguration !== undefined) {
    const groups = asList(props.NodeGroupConfiguration);
    const fallback = props.ReplicasPerNodeGroup;
    for (const [index, nodeGroup] of groups.entries()) {
      const replicas = isPlainObject(nodeGroup) && nodeGroup.ReplicaCount !== undefined ? nodeGroup.ReplicaCount : fallback;
      const violation = requireAtLeast({ ReplicaCount: replicas }, 'ReplicaCount', 1, template, undefined);
      if (violation) return { ...violation, message: `NodeGroupConfiguration[${index}].${violation.message}` };
    }
    return groups.length > 0 ? undefined : fail('NodeGroupConfiguration is empty');
  }
  if (props.NumNodeGroups !== undefined || props.ReplicasPerNodeGroup !== undefined) {
    return requireAtLeast(props, 'ReplicasPerNodeGroup', 1, template, undefined);
  }
  if (props.PrimaryClusterId !== undefined && props.NumCacheClusters === undefined) {
    return fail('the replica count of a group built from PrimaryClusterId cannot be proven', 'set NumCacheClusters >= 2');
  }
  return requireAtLeast(props, 'NumCacheClusters', 2, template, 1);
}

/** Fargate tasks placed only in subnets of one AZ are single-AZ whatever their count. */
function serviceZoneCheck(service: TemplateResource, template: TemplateView): Violation | undefined {
  const network = service.properties.NetworkConfiguration;
  const awsvpc = isPlainObject(network) ? network.AwsvpcConfiguration : undefined;
  if (!isPlainObject(awsvpc) || !Array.isArray(awsvpc.Subnets)) return undefined;
  const subnets = awsvpc.Subnets.map((s) => template.referencedResource(s));
  if (subnets.some((s) => s === undefined || s.type !== 'AWS::EC2::Subnet')) return undefined;
  const pinned = subnets as TemplateResource[];
  const allPinned = pinned.length > 0 && pinned.every((s) => availabilityZoneKey(s, template) !== undefined);
  return allPinned && provenZoneCount(pinned, template) < 2
    ? fail('NetworkConfiguration places every task in subnets of a single Availability Zone', 'place the service in subnets of at least two AZs')
    : undefined;
}

/** The lowest capacity an auto-scaled resource may reach, or undefined if not judged. */
function scalingFloor(target: TemplateResource, template: TemplateView): number | undefined {
  const dimension = possibleValues(target.properties.ScalableDimension, template);
  if (dimension.kind !== 'known') return 2; // unprovable dimension: hold it to the strictest floor
  const dims = dimension.values.map((value) => String(value));
  if (dims.includes('ecs:service:DesiredCount')) return 2;
  if (dims.includes('elasticache:replication-group:Replicas')) return 1;
  return undefined;
}

