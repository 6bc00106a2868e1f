/**
 * SFX-REDIS-IN-TRANSIT — Redis clients must use TLS.
 *
 * PASSES  a Redis/Valkey replication group with `TransitEncryptionEnabled: true` and
 *         `TransitEncryptionMode` absent (CloudFormation then requires TLS) or `required`.
 * FAILS   TransitEncryptionEnabled absent (default false), false or unprovable;
 *         TransitEncryptionMode `preferred` (plaintext clients still accepted) or unprovable;
 *         a Redis/Valkey AWS::ElastiCache::CacheCluster without TransitEncryptionEnabled: true;
 *         a group built around an existing cluster (PrimaryClusterId) or a secondary of a global
 *         datastore whose primary group is not in the template and passing (both inherit);
 *         an AWS::MemoryDB::Cluster (Redis/Valkey-compatible) with TLSEnabled false or unprovable
 *         (absent is CloudFormation's default, true).
 */
import { ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT } from './core/aws-config-rules';
import { inheritedEncryption, mayRunRedis } from './core/elasticache';
import { isTrue, requireTrue, requireValueIfSet } from './core/checks';
import { ComplianceRule, Violation } from './core/rule';

const isRequiredMode = (value: unknown) => String(value).toLowerCase() === 'required';

export const RedisInTransit: ComplianceRule = {
  id: 'SFX-REDIS-IN-TRANSIT',
  title: 'Redis and Valkey caches accept TLS connections only',
  severity: 'high',
  mandated: true,
  rationale:
    'Without TLS the AUTH token and cached data cross the network in clear text, readable and ' +
    'alterable by anything on the path; "preferred" mode still accepts plaintext clients.',
  remediation:
    'Set transitEncryptionEnabled: true and leave transitEncryptionMode unset or set it to "required" ' +
    'on the CfnReplicationGroup; clients connect with TLS (rediss://).',
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster', 'AWS::MemoryDB::Cluster'],
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'SC-8(1)' },
    { framework: 'PCI DSS 4.0', control: '4.2.1' },
    { framework: 'ISO 27001:2022', control: 'A.8.24' },
  ],
  runtime: {
    configRules: [{ rule: ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT, covers: 'TransitEncryptionEnabled of every deployed replication group' }],
    limits:
      'The Config rule reads TransitEncryptionEnabled only: a group in TransitEncryptionMode ' +
      '"preferred" still accepts plaintext clients and is COMPLIANT. MemoryDB clusters and Redis ' +
      'cache clusters are not evaluated; the rule is periodic.',
  },
  checkResource(resource, template): Violation[] {
    if (resource.type === 'AWS::MemoryDB::Cluster') {
      const tls = requireValueIfSet(resource.properties, 'TLSEnabled', template, isTrue, 'true');
      return tls ? [tls] : [];
    }
    if (!mayRunRedis(resource, template)) return [];
    const inherited = inheritedEncryption(resource, template, 'TransitEncryptionEnabled');
    if (inherited) return inherited;
    const violations = [requireTrue(resource.properties, 'TransitEncryptionEnabled', template)];
    if (resource.type === 'AWS::ElastiCache::ReplicationGroup') {
      violations.push(requireValueIfSet(resource.properties, 'TransitEncryptionMode', template, isRequiredMode, '"required"'));
    }
    return violations.filter((v): v is Violation => v !== undefined);
  },
};
