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
      'Stack/Cache: TransitEncryptionMode is not a literal (it is CloudFormation parameter M without AllowedValues, chosen at deploy time); ' +
        'the value must be a literal so the gate can prove it at synth time',
    ]);
  });

  test('"PREFERRED" in any case fails; Valkey is judged like Redis, a Memcached group is not judged', () => {
    expect(findings(RedisInTransit, group({ TransitEncryptionEnabled: true, TransitEncryptionMode: 'PREFERRED' }))).toEqual([
      'Stack/Cache: TransitEncryptionMode is "PREFERRED"',
    ]);
    expect(findings(RedisInTransit, group({ Engine: 'valkey', TransitEncryptionEnabled: false }))).toEqual([
      'Stack/Cache: TransitEncryptionEnabled is false',
    ]);
    expect(findings(RedisInTransit, group({ Engine: 'memcached', TransitEncryptionEnabled: false }))).toEqual([]);
  });

  test('TransitEncryptionMode AWS::NoValue is absent, so TLS is required', () => {
    expect(findings(RedisInTransit, group({ TransitEncryptionEnabled: true, TransitEncryptionMode: { Ref: 'AWS::NoValue' } }))).toEqual([]);
  });

  test('only the failing group of a template is reported', () => {
    const two = template().resource('Good', GROUP, { TransitEncryptionEnabled: true }).resource('Bad', GROUP, { TransitEncryptionEnabled: false });
    expect(findings(RedisInTransit, two)).toEqual(['Stack/Bad: TransitEncryptionEnabled is false']);
  });

  describe('values decided at deploy time', () => {
    const fromParameter = (property: string, parameter: Record<string, unknown>) =>
      violationsOf(
        RedisInTransit,
        template()
          .parameter('P', parameter)
          .resource('Cache', GROUP, { TransitEncryptionEnabled: true, [property]: { Ref: 'P' } }),
      ).map(({ message, fix }) => ({ message, fix }));

    test("TransitEncryptionEnabled from a parameter passes with AllowedValues ['true'] only", () => {
      expect(fromParameter('TransitEncryptionEnabled', { Type: 'String', AllowedValues: ['true'] })).toEqual([]);
      expect(fromParameter('TransitEncryptionEnabled', { Type: 'String', AllowedValues: ['true', 'false'] })).toEqual([
        {
          message: 'TransitEncryptionEnabled comes from parameter P, which allows "false"',
          fix: 'make every allowed value of parameter P true, or set TransitEncryptionEnabled to a literal',
        },
      ]);
      expect(fromParameter('TransitEncryptionEnabled', { Type: 'String' })).toEqual([
        {
          message:
            'TransitEncryptionEnabled is not a literal (it is CloudFormation parameter P without AllowedValues, chosen at deploy time); ' +
            'the value must be a literal so the gate can prove it at synth time',
          fix: 'set TransitEncryptionEnabled to true as a literal',
        },
      ]);
    });

    test('TransitEncryptionMode from a parameter fails when it allows "preferred"', () => {
      expect(fromParameter('TransitEncryptionMode', { Type: 'String', AllowedValues: ['required'] })).toEqual([]);
      expect(fromParameter('TransitEncryptionMode', { Type: 'String', AllowedValues: ['required', 'preferred'] })).toEqual([
        {
          message: 'TransitEncryptionMode comes from parameter P, which allows "preferred"',
          fix: 'make every allowed value of parameter P "required", or set TransitEncryptionMode to a literal',
        },
      ]);
    });

    test('an imported TransitEncryptionMode, and Fn::If with a false branch, fail', () => {
      expect(
        violationsOf(RedisInTransit, group({ TransitEncryptionEnabled: true, TransitEncryptionMode: { 'Fn::ImportValue': 'TlsMode' } })),
      ).toEqual([
        expect.objectContaining({
          message:
            'TransitEncryptionMode is not a literal (it is an imported value (Fn::ImportValue)); the value must be a literal so the gate can prove it at synth time',
          fix: 'set TransitEncryptionMode to "required" as a literal',
        }),
      ]);
      const conditional = template()
        .condition('Prod', { 'Fn::Equals': ['a', 'b'] })
        .resource('Cache', GROUP, { TransitEncryptionEnabled: { 'Fn::If': ['Prod', true, false] } });
      expect(findings(RedisInTransit, conditional)).toEqual(['Stack/Cache: TransitEncryptionEnabled comes from Fn::If on Prod, which allows false']);
    });
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
    expect(violationsOf(RedisInTransit, memorydb({ TLSEnabled: false }))).toEqual([
      expect.objectContaining({ path: 'Stack/M', message: 'TLSEnabled is false', fix: 'set TLSEnabled to true' }),
    ]);
    expect(
      violationsOf(RedisInTransit, memorydb({ TLSEnabled: { Ref: 'T' } }).parameter('T', { Type: 'String', AllowedValues: ['true', 'false'] })),
    ).toEqual([expect.objectContaining({ message: 'TLSEnabled comes from parameter T, which allows "false"' })]);
  });
});
