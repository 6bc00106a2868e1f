/**
 * SFX-MULTI-AZ — every tier survives the loss of one Availability Zone.
 *
 * PASSES  DB instances with `MultiAZ: true` (Aurora instances are judged through their cluster);
 *         Aurora clusters with at least two DB instances in the template, not all pinned to one
 *         AZ; Multi-AZ DB clusters (non-Aurora engines); Redis replication groups with
 *         `MultiAZEnabled: true`, `AutomaticFailoverEnabled: true` and at least one replica per
 *         node group, not all pinned to one AZ; MemoryDB clusters with a replica per shard
 *         (default 1); VPCs whose subnets span at least two AZs; ECS services with `DesiredCount`
 *         >= 2 (or absent, with a scalable target of the service whose MinCapacity is >= 2) whose
 *         subnets are not all in one AZ; auto scaling that never goes below those floors.
 * FAILS   any of those absent (defaults: MultiAZ false, MultiAZEnabled false,
 *         AutomaticFailoverEnabled false, NumCacheClusters 1, DesiredCount 1), lower, or unprovable;
 *         a DAEMON ECS service (its task count follows the instances, not the AZs); an ECS
 *         service (or its task definition) with a memberOf placement constraint pinning one AZ;
 *         Aurora members that all pin the same AvailabilityZone, or a cluster whose AvailabilityZones
 *         lists one; a cache whose PreferredCacheClusterAZs, or a node group whose primary and
 *         replica AZs, name a single AZ; a global datastore with AutomaticFailoverEnabled false;
 *         a MemoryDB cluster with NumReplicasPerShard 0;
 *         scheduled actions, node groups or placement constraints that are not literal objects;
 *         an ECS scalable target or scheduled action with MinCapacity below 2;
 *         an ElastiCache replica scalable target with MinCapacity below 1.
 *         Resources that exist only under a template Condition (a second Aurora instance, a
 *         subnet, a scalable target) never count towards proving any of the above.
 */
import { ELASTICACHE_REPL_GRP_AUTO_FAILOVER_ENABLED, RDS_CLUSTER_MULTI_AZ_ENABLED, RDS_MULTI_AZ_SUPPORT } from './core/aws-config-rules';
import { allPinnedToOneZone, literalZoneList, provenZoneCount } from './core/availability-zones';
import {
  auroraWithoutClusterViolation,
  isAuroraClusterMember,
  isAuroraInstanceWithoutCluster,
  isJudgedThroughCluster,
  databaseEngines,
} from './core/rds';
import { cacheZoneChecks, mayRunRedis, replicaCheck } from './core/elasticache';
import { placementZoneChecks, scaledToAtLeastTwo, scalingFloor, serviceZoneCheck } from './core/ecs';
import { notLiteral, requireAtLeast, requireTrue, requireValueIfSet } from './core/checks';
import { ComplianceRule, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView } from './core/template';
import { asList, isLiteralObject, referencedLogicalId } from './core/intrinsics';

export const MultiAz: ComplianceRule = {
  id: 'SFX-MULTI-AZ',
  title: 'Databases, caches, networks and services span at least two Availability Zones',
  severity: 'high',
  mandated: true,
  rationale:
    'StreamFlix serves metadata at high volume; a single-AZ database, cache, subnet layout or task ' +
    'turns one data-centre failure into a full outage.',
  remediation:
    'RDS: multiAz: true. Aurora: a writer plus at least one reader. ElastiCache: multiAzEnabled: true, ' +
    'automaticFailoverEnabled: true, numCacheClusters >= 2 (or replicasPerNodeGroup >= 1). ' +
    'VPC: maxAzs/availabilityZones >= 2. ECS: desiredCount >= 2 and autoscaling minCapacity >= 2.',
  resourceTypes: [
    'AWS::RDS::DBInstance',
    'AWS::RDS::DBCluster',
    'AWS::ElastiCache::ReplicationGroup',
    'AWS::ElastiCache::GlobalReplicationGroup',
    'AWS::MemoryDB::Cluster',
    'AWS::EC2::VPC',
    'AWS::ECS::Service',
    'AWS::ApplicationAutoScaling::ScalableTarget',
  ],
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'CP-10' },
    { framework: 'NIST 800-53 r5', control: 'SC-36' },
    { framework: 'PCI DSS 4.0', control: '12.10.1' },
    { framework: 'ISO 27001:2022', control: 'A.8.14' },
  ],
  runtime: {
    configRules: [
      { rule: RDS_MULTI_AZ_SUPPORT, covers: 'MultiAZ of every DB instance' },
      { rule: RDS_CLUSTER_MULTI_AZ_ENABLED, covers: 'Multi-AZ replication of Aurora and Multi-AZ DB clusters' },
      { rule: ELASTICACHE_REPL_GRP_AUTO_FAILOVER_ENABLED, covers: 'automatic failover of every replication group' },
    ],
    limits:
      "No managed rule checks a replication group's MultiAZEnabled or replica count, that a VPC's " +
      "subnets span two AZs, or an ECS service's desired count and autoscaling minimum; MemoryDB " +
      'and global datastores are not evaluated.',
  },
  checkResource(resource, template): Violation[] {
    const check = CHECKS[resource.type];
    return check ? check(resource, template).filter((v): v is Violation => v !== undefined) : [];
  },
};

type Check = (resource: TemplateResource, template: TemplateView) => (Violation | undefined)[];

const CHECKS: Record<string, Check> = {
  'AWS::RDS::DBInstance': (db, template) => {
    if (isJudgedThroughCluster(db, template)) return [];
    if (isAuroraInstanceWithoutCluster(db, template))
      return [auroraWithoutClusterViolation('availability (MultiAZ does not apply: readers in other AZs do)')];
    if (isAuroraClusterMember(db, template)) {
      return [
        fail(
          'the Aurora DB instance belongs to a DB cluster outside this template, whose availability cannot be proven',
          'define the DB cluster and its instances in the same template',
        ),
      ];
    }
    return [requireTrue(db.properties, 'MultiAZ', template)];
  },

  'AWS::RDS::DBCluster': (cluster, template) => {
    const engines = databaseEngines(cluster, template);
    // Non-Aurora engines in a DB cluster are Multi-AZ DB clusters: one writer, two readers, three AZs.
    if (engines.every((e) => e === 'postgres' || e === 'mysql')) return [];
    const members = template
      .unconditionalResourcesOfType('AWS::RDS::DBInstance')
      .filter((db) => referencedLogicalId(db.properties.DBClusterIdentifier) === cluster.logicalId);
    if (members.length < 2) {
      return [
        fail(
          `the Aurora DB cluster has ${members.length} DB instance(s) in this template; a writer alone is single-AZ`,
          'add at least one reader instance (DatabaseCluster readers) so Aurora can fail over to another AZ',
        ),
      ];
    }
    const zones = literalZoneList(cluster.properties.AvailabilityZones);
    if (zones !== undefined && new Set(zones).size < 2) {
      // Fewer than two distinct zones: the first (if any) is the only one.
      return [
        fail(
          `AvailabilityZones lists only ${zones[0] ?? 'no zone'}, so every DB instance of the Aurora cluster is in one AZ`,
          'list at least two AZs (or leave AvailabilityZones unset)',
        ),
      ];
    }
    return allPinnedToOneZone(members, template)
      ? [
          fail(
            'every DB instance of the Aurora DB cluster pins the same AvailabilityZone, so the cluster is single-AZ',
            'place the reader(s) in another AZ (or leave AvailabilityZone unset so RDS spreads them)',
          ),
        ]
      : [];
  },

  'AWS::ElastiCache::ReplicationGroup': (group, template) => {
    if (!mayRunRedis(group, template)) return [];
    return [
      requireTrue(group.properties, 'MultiAZEnabled', template),
      requireTrue(group.properties, 'AutomaticFailoverEnabled', template),
      replicaCheck(group, template),
      ...cacheZoneChecks(group),
    ];
  },

  // A global datastore can switch failover off for all its member groups.
  'AWS::ElastiCache::GlobalReplicationGroup': (global, template) => [
    global.properties.AutomaticFailoverEnabled === undefined ? undefined : requireTrue(global.properties, 'AutomaticFailoverEnabled', template),
  ],

  // MemoryDB (Redis/Valkey compatible): a replica per shard in another AZ (CloudFormation default: 1).
  'AWS::MemoryDB::Cluster': (cluster, template) => [requireAtLeast(cluster.properties, 'NumReplicasPerShard', 1, template, 1)],

  'AWS::EC2::VPC': (vpc, template) => {
    const subnets = template
      .unconditionalResourcesOfType('AWS::EC2::Subnet')
      .filter((subnet) => referencedLogicalId(subnet.properties.VpcId) === vpc.logicalId);
    const zones = provenZoneCount(subnets, template);
    return zones >= 2
      ? []
      : [
          fail(
            `the VPC's ${subnets.length} subnet(s) provably span ${zones} Availability Zone(s)`,
            'create subnets in at least two AZs (ec2.Vpc maxAzs >= 2, or pin AvailabilityZone on each subnet)',
          ),
        ];
  },

  'AWS::ECS::Service': (service, template) => {
    const daemon = requireValueIfSet(
      service.properties,
      'SchedulingStrategy',
      template,
      (value) => String(value).toUpperCase() === 'REPLICA',
      '"REPLICA"',
    );
    if (daemon) {
      return [
        fail(`${daemon.message}: a DAEMON service's task count cannot be proven to be at least 2`, 'use the REPLICA strategy with DesiredCount >= 2'),
      ];
    }
    const count =
      service.properties.DesiredCount === undefined && scaledToAtLeastTwo(service, template)
        ? undefined
        : requireAtLeast(service.properties, 'DesiredCount', 2, template, 1);
    return [count, serviceZoneCheck(service, template), ...placementZoneChecks(service, template)];
  },

  'AWS::ApplicationAutoScaling::ScalableTarget': (target, template) => {
    const floor = scalingFloor(target, template);
    if (floor === undefined) return [];
    const scheduled = asList(target.properties.ScheduledActions).flatMap((action, index) => {
      if (!isLiteralObject(action) || !(action.ScalableTargetAction === undefined || isLiteralObject(action.ScalableTargetAction))) {
        return [
          fail(
            notLiteral(`ScheduledActions[${index}]`, 'not a literal object'),
            'write each scheduled action (and its ScalableTargetAction) as a literal object',
          ),
        ];
      }
      const minCapacity = action.ScalableTargetAction?.MinCapacity;
      if (minCapacity === undefined) return [];
      const violation = requireAtLeast({ MinCapacity: minCapacity }, 'MinCapacity', floor, template, undefined);
      return violation ? [{ ...violation, message: `ScheduledActions[${index}].ScalableTargetAction.${violation.message}` }] : [];
    });
    return [requireAtLeast(target.properties, 'MinCapacity', floor, template, undefined), ...scheduled];
  },
};
