/** ElastiCache facts shared by the cache rules: which engine a cache runs, where a group takes its encryption from, its replicas and AZs. */
import { literalZoneList } from './availability-zones';
import { notLiteral, requireAtLeast, requireTrue } from './checks';
import { Violation, fail } from './rule';
import { TemplateResource, TemplateView } from './template';
import { asList, isLiteralObject, isPlainObject } from './intrinsics';
import { possibleValues } from './values';

/**
 * The cache engine(s) a resource may run, lower-cased. A replication group without
 * `Engine` runs Redis (CloudFormation's default); an engine that cannot be proven is
 * `unknown` and treated as Redis by the rules (fail closed).
 */
export function cacheEngines(resource: TemplateResource, template: TemplateView): string[] {
  const possible = possibleValues(resource.properties.Engine, template);
  if (possible.kind !== 'known') return ['unknown'];
  return possible.values.map((value) => (value === undefined ? 'redis' : String(value).toLowerCase()));
}

/** Redis and Valkey share the same encryption and replication model. */
export function mayRunRedis(resource: TemplateResource, template: TemplateView): boolean {
  return cacheEngines(resource, template).some((engine) => engine !== 'memcached');
}
/**
 * A replication group that takes its encryption from elsewhere: built around an existing cache
 * cluster (PrimaryClusterId), or a secondary of a global datastore (GlobalReplicationGroupId),
 * which takes the primary group's settings. Returns the violations of `property` for it, `[]`
 * when the in-template primary group passes, or `undefined` when the group decides for itself.
 */
export function inheritedEncryption(group: TemplateResource, template: TemplateView, property: string): Violation[] | undefined {
  if (group.type !== 'AWS::ElastiCache::ReplicationGroup') return undefined;
  const { PrimaryClusterId: primaryCluster, GlobalReplicationGroupId: globalId } = group.properties;
  if (primaryCluster !== undefined) {
    return [
      fail(
        `the group is built around the existing cache cluster of PrimaryClusterId and takes its ` +
          `${property} setting, which cannot be proven (a standalone cluster cannot even be encrypted ` +
          `at rest)`,
        `create the replication group itself with ${property}: true instead of adopting a cluster`,
      ),
    ];
  }
  if (globalId === undefined) return undefined;
  const primary = globalPrimaryGroup(template.referencedResource(globalId), group);
  if (primary && requireTrue(primary.properties, property, primary.home) === undefined) return [];
  return [
    fail(
      `the group joins the global datastore of GlobalReplicationGroupId and takes ${property} ` +
        `from its primary group, which is not in this template with ${property}: true`,
      'define the global datastore and its primary replication group, encrypted, in the same template',
    ),
  ];
}

/** The primary member group of an in-template global datastore, if it is another group of the template. */
function globalPrimaryGroup(globalGroup: TemplateResource | undefined, member: TemplateResource): TemplateResource | undefined {
  if (globalGroup?.type !== 'AWS::ElastiCache::GlobalReplicationGroup') return undefined;
  const primary = asList(globalGroup.properties.Members).find((m) => isPlainObject(m) && String(m.Role).toUpperCase() === 'PRIMARY');
  const resource = isPlainObject(primary) ? globalGroup.home.referencedResource(primary.ReplicationGroupId) : undefined;
  return resource?.type === 'AWS::ElastiCache::ReplicationGroup' && resource !== member ? resource : undefined;
}

/** At least one replica in every node group, whichever way the group is sized. */
export function replicaCheck(group: TemplateResource, template: TemplateView): Violation | undefined {
  const props = group.properties;
  if (props.NodeGroupConfiguration !== undefined) {
    const groups = asList(props.NodeGroupConfiguration);
    const fallback = props.ReplicasPerNodeGroup;
    for (const [index, nodeGroup] of groups.entries()) {
      if (!isLiteralObject(nodeGroup)) {
        return fail(
          notLiteral(`NodeGroupConfiguration[${index}]`, 'not a literal object'),
          'write each node group as a literal object with ReplicaCount >= 1',
        );
      }
      const replicas = nodeGroup.ReplicaCount !== undefined ? nodeGroup.ReplicaCount : fallback;
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

/**
 * Nodes pinned to AZs (PreferredCacheClusterAZs, or a node group's PrimaryAvailabilityZone and
 * ReplicaAvailabilityZones) must name at least two: replicas in the primary's AZ do not survive it.
 */
export function cacheZoneChecks(group: TemplateResource): Violation[] {
  const violations: Violation[] = [];
  const preferred = literalZoneList(group.properties.PreferredCacheClusterAZs);
  if (preferred !== undefined && preferred.length > 0 && new Set(preferred).size < 2) {
    violations.push(
      fail(
        `PreferredCacheClusterAZs places every node in ${preferred[0]}`,
        'list nodes in at least two AZs (or leave PreferredCacheClusterAZs unset)',
      ),
    );
  }
  asList(group.properties.NodeGroupConfiguration).forEach((nodeGroup, index) => {
    if (!isLiteralObject(nodeGroup)) return; // judged by replicaCheck
    const replicas = literalZoneList(nodeGroup.ReplicaAvailabilityZones);
    // The zones are strings: a primary that is not one (absent, or not a literal) equals none of them.
    const primary = nodeGroup.PrimaryAvailabilityZone;
    if (replicas !== undefined && replicas.length > 0 && replicas.every((zone) => zone === primary)) {
      violations.push(
        fail(
          `NodeGroupConfiguration[${index}] places the primary and every replica in ${replicas[0]}`,
          'put the replicas in other AZs than the primary',
        ),
      );
    }
  });
  return violations;
}
