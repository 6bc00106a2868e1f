/**
 * SFX-REDIS-AT-REST — Redis caches are encrypted at rest.
 *
 * PASSES  an AWS::ElastiCache::ReplicationGroup running Redis or Valkey (Engine absent,
 *         `redis` or `valkey`) with `AtRestEncryptionEnabled: true`; any Memcached cluster;
 *         serverless caches (always encrypted, not judged).
 * FAILS   a Redis/Valkey replication group whose AtRestEncryptionEnabled is absent
 *         (CloudFormation default false), false, or not provable at synth time
 *         (parameter without AllowedValues ['true'], Fn::ImportValue, …);
 *         any Redis/Valkey AWS::ElastiCache::CacheCluster: a standalone cache cluster
 *         cannot be encrypted at rest at all; a group built around an existing cluster
 *         (PrimaryClusterId), which takes that cluster's settings; a secondary of a global
 *         datastore (GlobalReplicationGroupId) whose primary group is not in the template and
 *         passing (a secondary takes the primary's encryption).
 */
import { ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST } from './core/aws-config-rules';
import { cacheEngines, inheritedEncryption, mayRunRedis } from './core/elasticache';
import { requireTrue } from './core/checks';
import { ComplianceRule, Violation, fail } from './core/rule';

export const RedisAtRest: ComplianceRule = {
  id: 'SFX-REDIS-AT-REST',
  title: 'Redis and Valkey caches are encrypted at rest',
  severity: 'high',
  mandated: true,
  rationale:
    'Cached content metadata, session data and snapshots land on node disks and in S3 backups; ' +
    'without at-rest encryption anyone with access to the underlying storage or a copied snapshot reads them.',
  remediation:
    'Use an ElastiCache replication group (CfnReplicationGroup) with atRestEncryptionEnabled: true, ' +
    'ideally with kmsKeyId set to a customer-managed KMS key.',
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'SC-28(1)' },
    { framework: 'CIS AWS Foundations 3.0', control: '2.x (data at rest encrypted)' },
    { framework: 'PCI DSS 4.0', control: '3.5.1' },
    { framework: 'ISO 27001:2022', control: 'A.8.24' },
  ],
  runtime: {
    configRules: [{ rule: ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST, covers: 'AtRestEncryptionEnabled of every deployed replication group' }],
    limits:
      'The Config rule does not flag a Redis AWS::ElastiCache::CacheCluster (which cannot be ' +
      'encrypted at rest at all), and it is periodic: an unencrypted group exists until the next ' +
      'evaluation, and encryption cannot be turned on in place.',
  },
  checkResource(resource, template): Violation[] {
    if (!mayRunRedis(resource, template)) return [];
    if (resource.type === 'AWS::ElastiCache::CacheCluster') {
      return [
        fail(
          `a ${cacheEngines(resource, template).join('/')} AWS::ElastiCache::CacheCluster cannot be encrypted at rest`,
          'replace it with an AWS::ElastiCache::ReplicationGroup with AtRestEncryptionEnabled: true',
        ),
      ];
    }
    const inherited = inheritedEncryption(resource, template, 'AtRestEncryptionEnabled');
    if (inherited) return inherited;
    const violation = requireTrue(resource.properties, 'AtRestEncryptionEnabled', template);
    return violation ? [violation] : [];
  },
};
