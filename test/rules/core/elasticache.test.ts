/** rules/core/elasticache.ts: a replication group's replica count and AZ placement, as SFX-MULTI-AZ judges them. */
import { cacheEngines, cacheZoneChecks, inheritedEncryption, mayRunRedis, replicaCheck } from '../../../rules/core/elasticache';
import { openAll, template, TemplateBuilder } from '../support/template-builder';

const GROUP = 'AWS::ElastiCache::ReplicationGroup';

function opened(stack: TemplateBuilder) {
  const [{ view }] = openAll([stack]);
  return { group: view.resource('Cache')!, view };
}

const replicas = (properties: Record<string, unknown>, stack = template()) => {
  const { group, view } = opened(stack.resource('Cache', GROUP, properties));
  return replicaCheck(group, view);
};
const zones = (properties: Record<string, unknown>) => cacheZoneChecks(opened(template().resource('Cache', GROUP, properties)).group);

describe('replicaCheck', () => {
  describe('cluster mode with NodeGroupConfiguration', () => {
    test('passes when every node group has a replica, from its ReplicaCount or from ReplicasPerNodeGroup', () => {
      expect(replicas({ NodeGroupConfiguration: [{ ReplicaCount: 1 }, { ReplicaCount: '2' }] })).toBeUndefined();
      expect(replicas({ NodeGroupConfiguration: [{}, { ReplicaCount: 1 }], ReplicasPerNodeGroup: 1 })).toBeUndefined();
    });

    test("a node group's own ReplicaCount overrides ReplicasPerNodeGroup, both ways", () => {
      expect(replicas({ NodeGroupConfiguration: [{ ReplicaCount: 0 }], ReplicasPerNodeGroup: 2 })).toEqual({
        message: 'NodeGroupConfiguration[0].ReplicaCount is 0',
        fix: 'set ReplicaCount to at least 1',
      });
      expect(replicas({ NodeGroupConfiguration: [{ ReplicaCount: 1 }], ReplicasPerNodeGroup: 0 })).toBeUndefined();
    });

    test('names the first node group without a replica, by index', () => {
      expect(replicas({ NodeGroupConfiguration: [{ ReplicaCount: 1 }, { ReplicaCount: 0 }, { ReplicaCount: 0 }] })).toEqual({
        message: 'NodeGroupConfiguration[1].ReplicaCount is 0',
        fix: 'set ReplicaCount to at least 1',
      });
      expect(replicas({ NodeGroupConfiguration: [{}], ReplicasPerNodeGroup: 0 })).toEqual({
        message: 'NodeGroupConfiguration[0].ReplicaCount is 0',
        fix: 'set ReplicaCount to at least 1',
      });
    });

    test('a node group with no count anywhere cannot be proven to have a replica', () => {
      expect(replicas({ NodeGroupConfiguration: [{ NodeGroupId: '0001' }] })).toEqual({
        message: 'NodeGroupConfiguration[0].ReplicaCount is absent (no default that can be proven)',
        fix: 'set ReplicaCount to at least 1',
      });
    });

    test('a node group that is not a literal object fails closed', () => {
      expect(replicas({ NodeGroupConfiguration: [{ ReplicaCount: 1 }, { 'Fn::If': ['C', { ReplicaCount: 1 }, { ReplicaCount: 0 }] }] })).toEqual({
        message:
          'NodeGroupConfiguration[1] is not a literal (it is not a literal object); the value must be a literal so the gate can prove it at synth time',
        fix: 'write each node group as a literal object with ReplicaCount >= 1',
      });
      expect(replicas({ NodeGroupConfiguration: ['0001'] })).toEqual(
        expect.objectContaining({ message: expect.stringContaining('[0] is not a literal') }),
      );
    });

    test('an empty NodeGroupConfiguration has no node group to hold a replica', () => {
      expect(replicas({ NodeGroupConfiguration: [], ReplicasPerNodeGroup: 1 })).toEqual({ message: 'NodeGroupConfiguration is empty' });
    });
  });

  describe('cluster mode with NumNodeGroups / ReplicasPerNodeGroup', () => {
    test('needs ReplicasPerNodeGroup of at least 1 (no default that can be proven)', () => {
      expect(replicas({ NumNodeGroups: 3, ReplicasPerNodeGroup: 1 })).toBeUndefined();
      expect(replicas({ ReplicasPerNodeGroup: 1 })).toBeUndefined();
      expect(replicas({ NumNodeGroups: 3, ReplicasPerNodeGroup: 0 })).toEqual({
        message: 'ReplicasPerNodeGroup is 0',
        fix: 'set ReplicasPerNodeGroup to at least 1',
      });
      expect(replicas({ NumNodeGroups: 3, NumCacheClusters: 3 })).toEqual({
        message: 'ReplicasPerNodeGroup is absent (no default that can be proven)',
        fix: 'set ReplicasPerNodeGroup to at least 1',
      });
    });
  });

  describe('a group sized by NumCacheClusters', () => {
    test('needs at least two cache clusters (CloudFormation default: 1)', () => {
      expect(replicas({ NumCacheClusters: 2 })).toBeUndefined();
      expect(replicas({ NumCacheClusters: 1 })).toEqual({ message: 'NumCacheClusters is 1', fix: 'set NumCacheClusters to at least 2' });
      expect(replicas({})).toEqual({ message: 'NumCacheClusters is absent (CloudFormation default: 1)', fix: 'set NumCacheClusters to at least 2' });
    });

    test('a group built from PrimaryClusterId is judged by NumCacheClusters when set, unprovable otherwise', () => {
      expect(replicas({ PrimaryClusterId: 'old' })).toEqual({
        message: 'the replica count of a group built from PrimaryClusterId cannot be proven',
        fix: 'set NumCacheClusters >= 2',
      });
      expect(replicas({ PrimaryClusterId: 'old', NumCacheClusters: 2 })).toBeUndefined();
      expect(replicas({ PrimaryClusterId: 'old', NumCacheClusters: 1 })).toEqual({
        message: 'NumCacheClusters is 1',
        fix: 'set NumCacheClusters to at least 2',
      });
    });
  });
});

describe('cacheZoneChecks', () => {
  test('PreferredCacheClusterAZs naming one AZ (once or repeatedly) places every node in it', () => {
    const oneZone = [
      {
        message: 'PreferredCacheClusterAZs places every node in eu-west-1a',
        fix: 'list nodes in at least two AZs (or leave PreferredCacheClusterAZs unset)',
      },
    ];
    expect(zones({ PreferredCacheClusterAZs: ['eu-west-1a'] })).toEqual(oneZone);
    expect(zones({ PreferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1a'] })).toEqual(oneZone);
  });

  test('PreferredCacheClusterAZs with two AZs, empty, absent or not literal is not judged here', () => {
    expect(zones({ PreferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'] })).toEqual([]);
    expect(zones({ PreferredCacheClusterAZs: [] })).toEqual([]);
    expect(zones({})).toEqual([]);
    expect(zones({ PreferredCacheClusterAZs: { 'Fn::GetAZs': '' } })).toEqual([]);
  });

  test("a node group whose replicas all sit in the primary's AZ fails, naming the node group and the AZ", () => {
    expect(
      zones({
        NodeGroupConfiguration: [
          { PrimaryAvailabilityZone: 'eu-west-1a', ReplicaAvailabilityZones: ['eu-west-1b'] },
          { PrimaryAvailabilityZone: 'eu-west-1b', ReplicaAvailabilityZones: ['eu-west-1b', 'eu-west-1b'] },
        ],
      }),
    ).toEqual([
      {
        message: 'NodeGroupConfiguration[1] places the primary and every replica in eu-west-1b',
        fix: 'put the replicas in other AZs than the primary',
      },
    ]);
  });

  test('both placements are reported together', () => {
    expect(
      zones({
        PreferredCacheClusterAZs: ['eu-west-1c'],
        NodeGroupConfiguration: [{ PrimaryAvailabilityZone: 'eu-west-1a', ReplicaAvailabilityZones: ['eu-west-1a'] }],
      }).map((v) => v.message),
    ).toEqual([
      'PreferredCacheClusterAZs places every node in eu-west-1c',
      'NodeGroupConfiguration[0] places the primary and every replica in eu-west-1a',
    ]);
  });

  test('a node group with a replica elsewhere, no pinned primary, no or unreadable replica AZs, or not literal, is not judged here', () => {
    const nodeGroup = (group: unknown) => zones({ NodeGroupConfiguration: [group] });
    expect(nodeGroup({ PrimaryAvailabilityZone: 'eu-west-1a', ReplicaAvailabilityZones: ['eu-west-1a', 'eu-west-1b'] })).toEqual([]);
    expect(nodeGroup({ ReplicaAvailabilityZones: ['eu-west-1a'] })).toEqual([]);
    expect(nodeGroup({ PrimaryAvailabilityZone: { Ref: 'Zone' }, ReplicaAvailabilityZones: [{ Ref: 'Zone' }] })).toEqual([]);
    expect(nodeGroup({ PrimaryAvailabilityZone: 'eu-west-1a' })).toEqual([]);
    expect(nodeGroup({ PrimaryAvailabilityZone: 'eu-west-1a', ReplicaAvailabilityZones: [] })).toEqual([]);
    expect(
      nodeGroup({ PrimaryAvailabilityZone: 'eu-west-1a', ReplicaAvailabilityZones: { 'Fn::If': ['C', ['eu-west-1a'], ['eu-west-1a']] } }),
    ).toEqual([]);
    expect(nodeGroup({ 'Fn::If': ['C', { PrimaryAvailabilityZone: 'eu-west-1a', ReplicaAvailabilityZones: ['eu-west-1a'] }, {}] })).toEqual([]);
    // replicaCheck reports a node group that is not an object; the placement check must not fail on it.
    expect(nodeGroup(null)).toEqual([]);
  });
});

describe('cacheEngines and mayRunRedis', () => {
  const engines = (properties: Record<string, unknown>, stack = template()) => {
    const { group, view } = opened(stack.resource('Cache', 'AWS::ElastiCache::CacheCluster', properties));
    return { engines: cacheEngines(group, view), redis: mayRunRedis(group, view) };
  };

  test('each engine the cache may run, lower-cased; no Engine is Redis (the default)', () => {
    expect(engines({ Engine: 'Memcached' })).toEqual({ engines: ['memcached'], redis: false });
    expect(engines({})).toEqual({ engines: ['redis'], redis: true });
    const stack = template().condition('C', { 'Fn::Equals': ['a', 'b'] });
    expect(engines({ Engine: { 'Fn::If': ['C', 'memcached', { Ref: 'AWS::NoValue' }] } }, stack)).toEqual({
      engines: ['memcached', 'redis'],
      redis: true,
    });
  });

  test('an engine that cannot be proven is "unknown", and may be Redis', () => {
    expect(engines({ Engine: { Ref: 'Engine' } }, template().parameter('Engine'))).toEqual({ engines: ['unknown'], redis: true });
  });
});

describe('inheritedEncryption', () => {
  const GLOBAL = 'AWS::ElastiCache::GlobalReplicationGroup';
  const inherited = (stack: TemplateBuilder, id = 'Secondary') => {
    const [{ view }] = openAll([stack]);
    return inheritedEncryption(view.resource(id)!, view, 'AtRestEncryptionEnabled');
  };

  test('only a replication group adopts a cluster or joins a global datastore; a cache cluster decides for itself', () => {
    const stack = template().resource('Secondary', 'AWS::ElastiCache::CacheCluster', { PrimaryClusterId: 'existing', Engine: 'redis' });
    expect(inherited(stack)).toBeUndefined();
    expect(inherited(template().resource('Secondary', GROUP, { PrimaryClusterId: 'existing' }))).toEqual([
      expect.objectContaining({ message: expect.stringContaining('built around the existing cache cluster of PrimaryClusterId') }),
    ]);
  });

  test("a global datastore's primary member must be a replication group of the template, with the setting", () => {
    const joined = (primaryType: string) =>
      template()
        .resource('Primary', primaryType, { AtRestEncryptionEnabled: true })
        .resource('Global', GLOBAL, { Members: [{ ReplicationGroupId: { Ref: 'Primary' }, Role: 'PRIMARY' }] })
        .resource('Secondary', GROUP, { GlobalReplicationGroupId: { Ref: 'Global' } });
    expect(inherited(joined(GROUP))).toEqual([]);
    // A cache cluster cannot be a global datastore's primary: its setting proves nothing.
    expect(inherited(joined('AWS::ElastiCache::CacheCluster'))).toEqual([
      expect.objectContaining({ message: expect.stringContaining('joins the global datastore of GlobalReplicationGroupId') }),
    ]);
  });
});
