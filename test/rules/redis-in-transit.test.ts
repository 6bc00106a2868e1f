/** SFX-REDIS-IN-TRANSIT at the pure level: TransitEncryptionEnabled, TransitEncryptionMode, cache clusters, MemoryDB. */
import { RedisInTransit } from '../../rules/redis-in-transit';
import { findings, template, violationsOf } from './support/template-builder';

const GROUP = 'AWS::ElastiCache::ReplicationGroup';
const group = (properties: Record<string, unknown>) => template().resource('Cache', GROUP, properties);

describe('SFX-REDIS-IN-TRANSIT', () => {
  test('passes TLS required (mode absent or "required", any case)', () => {
    expect(findings(RedisInTransit, group({ TransitEncryptionEnabled: true }))).toEqual([]);
    expect(findings(RedisInTransit, group({ TransitEncryptionEnabled: 'true', TransitEncryptionMode: 'Required' }))).toEqual([]);
  });

  test('fails TLS off or absent, and "preferred" mode, each with its reason', () => {
    expect(violationsOf(RedisInTransit, group({}))).toEqual([
      expect.objectContaining({
        ruleId: 'SFX-REDIS-IN-TRANSIT',
        path: 'Stack/Cache',
        message: 'TransitEncryptionEnabled is absent (CloudFormation default: false)',
      }),
    ]);
    expect(violationsOf(RedisInTransit, group({ TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred' }))).toEqual([
      expect.objectContaining({ message: 'TransitEncryptionMode is "preferred"', fix: 'set TransitEncryptionMode to "required"' }),
    ]);
    expect(findings(RedisInTransit, group({ TransitEncryptionEnabled: false, TransitEncryptionMode: { Ref: 'M' } }).parameter('M'))).toEqual([
      'Stack/Cache: TransitEncryptionEnabled is false',
      expect.stringContaining('Stack/Cache: TransitEncryptionMode is not a literal'),
    ]);
  });

  test('a cache cluster needs TransitEncryptionEnabled (no mode); Memcached is not judged', () => {
    const cluster = (properties: Record<string, unknown>) =>
      template().resource('C', 'AWS::ElastiCache::CacheCluster', { Engine: 'redis', ...properties });
    expect(findings(RedisInTransit, cluster({ TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred' }))).toEqual([]);
    expect(findings(RedisInTransit, cluster({}))).toEqual(['Stack/C: TransitEncryptionEnabled is absent (CloudFormation default: false)']);
    expect(findings(RedisInTransit, cluster({ Engine: 'memcached' }))).toEqual([]);
  });

  test('groups that inherit (PrimaryClusterId, global secondaries) are judged by their source', () => {
    expect(findings(RedisInTransit, group({ PrimaryClusterId: 'old', TransitEncryptionEnabled: true }))).toEqual([
      expect.stringContaining(
        'Stack/Cache: the group is built around the existing cache cluster of PrimaryClusterId and takes its TransitEncryptionEnabled setting',
      ),
    ]);
    const global = (primary: Record<string, unknown>) =>
      template()
        .resource('Primary', GROUP, primary)
        .resource('Global', 'AWS::ElastiCache::GlobalReplicationGroup', { Members: [{ ReplicationGroupId: { Ref: 'Primary' }, Role: 'PRIMARY' }] })
        .resource('Secondary', GROUP, { GlobalReplicationGroupId: { Ref: 'Global' } });
    expect(findings(RedisInTransit, global({ TransitEncryptionEnabled: true }))).toEqual([]);
    expect(findings(RedisInTransit, global({}))).toEqual([
      'Stack/Primary: TransitEncryptionEnabled is absent (CloudFormation default: false)',
      expect.stringContaining('Stack/Secondary: the group joins the global datastore of GlobalReplicationGroupId and takes TransitEncryptionEnabled'),
    ]);
  });

  test('a MemoryDB cluster passes TLS absent (default true) or true, fails false or unprovable', () => {
    const memorydb = (properties: Record<string, unknown>) =>
      template().resource('M', 'AWS::MemoryDB::Cluster', { NodeType: 'db.t4g.small', ...properties });
    expect(findings(RedisInTransit, memorydb({}))).toEqual([]);
    expect(findings(RedisInTransit, memorydb({ TLSEnabled: 'true' }))).toEqual([]);
    expect(findings(RedisInTransit, memorydb({ TLSEnabled: false }))).toEqual(['Stack/M: TLSEnabled is false']);
    expect(
      violationsOf(RedisInTransit, memorydb({ TLSEnabled: { Ref: 'T' } }).parameter('T', { Type: 'String', AllowedValues: ['true', 'false'] })),
    ).toEqual([expect.objectContaining({ message: 'TLSEnabled comes from parameter T, which allows "false"' })]);
  });
});
