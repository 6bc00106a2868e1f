/**
 * SFX-REDIS-AT-REST at the pure level: every branch of its PASSES/FAILS header, and the ways a
 * value can be proven (literal, parameter, Fn::If, Fn::FindInMap, Fn::ImportValue, nested stack).
 */
import { RedisAtRest } from '../../rules/redis-at-rest';
import { findings, template, violationsOf } from './support/template-builder';

const GROUP = 'AWS::ElastiCache::ReplicationGroup';
const group = (properties: Record<string, unknown>) => template().resource('Cache', GROUP, properties);

describe('SFX-REDIS-AT-REST', () => {
  test('passes a Redis group (Engine absent, redis, valkey) with AtRestEncryptionEnabled true or "true"', () => {
    expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: true }))).toEqual([]);
    expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: 'TRUE', Engine: 'redis' }))).toEqual([]);
    expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: 'true', Engine: 'Valkey' }))).toEqual([]);
  });

  test('fails absent, false and "false" with the rule id, path and the reason', () => {
    const [absent] = violationsOf(RedisAtRest, group({}));
    expect(absent).toMatchObject({
      ruleId: 'SFX-REDIS-AT-REST',
      path: 'Stack/Cache',
      logicalId: 'Cache',
      resourceType: GROUP,
      message: 'AtRestEncryptionEnabled is absent (CloudFormation default: false)',
      fix: 'set AtRestEncryptionEnabled to true',
    });
    expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: false }))).toEqual(['Stack/Cache: AtRestEncryptionEnabled is false']);
    expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: 'false', Engine: 'valkey' }))).toEqual([
      'Stack/Cache: AtRestEncryptionEnabled is "false"',
    ]);
    expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: 'False' }))).toEqual(['Stack/Cache: AtRestEncryptionEnabled is "False"']);
  });

  test('value shapes: a one-element Fn::Join of "true" passes; AWS::NoValue is absent, 1 is not true, Fn::Select is unprovable', () => {
    expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: { 'Fn::Join': ['', ['true']] } }))).toEqual([]);
    expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: { Ref: 'AWS::NoValue' } }))).toEqual([
      'Stack/Cache: AtRestEncryptionEnabled is absent (CloudFormation default: false)',
    ]);
    expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: 1 }))).toEqual(['Stack/Cache: AtRestEncryptionEnabled is 1']);
    expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: { 'Fn::Select': [0, ['false', 'true']] } }))).toEqual([
      'Stack/Cache: AtRestEncryptionEnabled is not a literal (it is the intrinsic function Fn::Select); ' +
        'the value must be a literal so the gate can prove it at synth time',
    ]);
  });

  test('only the failing group of a template is reported', () => {
    const two = template().resource('Good', GROUP, { AtRestEncryptionEnabled: true }).resource('Bad', GROUP, { AtRestEncryptionEnabled: false });
    expect(findings(RedisAtRest, two)).toEqual(['Stack/Bad: AtRestEncryptionEnabled is false']);
  });

  test('does not judge Memcached, and judges an engine it cannot prove as Redis', () => {
    expect(findings(RedisAtRest, group({ Engine: 'Memcached' }))).toEqual([]);
    expect(findings(RedisAtRest, template().resource('C', 'AWS::ElastiCache::CacheCluster', { Engine: 'memcached' }))).toEqual([]);
    // Serverless caches are always encrypted at rest: not a resource type of the rule.
    expect(
      findings(RedisAtRest, template().resource('S', 'AWS::ElastiCache::ServerlessCache', { Engine: 'valkey', ServerlessCacheName: 's' })),
    ).toEqual([]);
    const unknownEngine = template()
      .parameter('Engine')
      .resource('Cache', GROUP, { Engine: { Ref: 'Engine' } });
    expect(findings(RedisAtRest, unknownEngine)).toEqual(['Stack/Cache: AtRestEncryptionEnabled is absent (CloudFormation default: false)']);
    const either = template()
      .parameter('Engine', { Type: 'String', AllowedValues: ['memcached', 'redis'] })
      .resource('Cache', GROUP, { Engine: { Ref: 'Engine' } });
    expect(findings(RedisAtRest, either)).toEqual(['Stack/Cache: AtRestEncryptionEnabled is absent (CloudFormation default: false)']);
  });

  test('fails every Redis/Valkey cache cluster, naming its engine(s)', () => {
    const cluster = (properties: Record<string, unknown>) => template().resource('C', 'AWS::ElastiCache::CacheCluster', properties);
    expect(violationsOf(RedisAtRest, cluster({ Engine: 'redis' }))).toEqual([
      expect.objectContaining({
        message: 'a redis AWS::ElastiCache::CacheCluster cannot be encrypted at rest',
        fix: 'replace it with an AWS::ElastiCache::ReplicationGroup with AtRestEncryptionEnabled: true',
      }),
    ]);
    const either = template()
      .parameter('E', { Type: 'String', AllowedValues: ['Valkey', 'redis'] })
      .resource('C', 'AWS::ElastiCache::CacheCluster', { Engine: { Ref: 'E' } });
    expect(findings(RedisAtRest, either)).toEqual(['Stack/C: a valkey/redis AWS::ElastiCache::CacheCluster cannot be encrypted at rest']);
  });

  describe('a value from a parameter', () => {
    const fromParameter = (parameter: Record<string, unknown>) =>
      findings(
        RedisAtRest,
        template()
          .parameter('Encrypt', parameter)
          .resource('Cache', GROUP, { AtRestEncryptionEnabled: { Ref: 'Encrypt' } }),
      );

    test("passes when AllowedValues are only 'true'", () => {
      expect(fromParameter({ Type: 'String', AllowedValues: ['true'] })).toEqual([]);
    });

    test('fails when AllowedValues allow false, naming the parameter and the bad values', () => {
      expect(
        violationsOf(
          RedisAtRest,
          template()
            .parameter('Encrypt', { Type: 'String', AllowedValues: ['true', 'false'] })
            .resource('Cache', GROUP, { AtRestEncryptionEnabled: { Ref: 'Encrypt' } }),
        ),
      ).toEqual([
        expect.objectContaining({
          message: 'AtRestEncryptionEnabled comes from parameter Encrypt, which allows "false"',
          fix: 'make every allowed value of parameter Encrypt true, or set AtRestEncryptionEnabled to a literal',
        }),
      ]);
    });

    test('fails without AllowedValues (chosen at deploy time), even with a compliant Default', () => {
      expect(
        violationsOf(
          RedisAtRest,
          template()
            .parameter('Encrypt', { Type: 'String', Default: 'true' })
            .resource('Cache', GROUP, { AtRestEncryptionEnabled: { Ref: 'Encrypt' } }),
        ),
      ).toEqual([
        expect.objectContaining({
          message:
            'AtRestEncryptionEnabled is not a literal (it is CloudFormation parameter Encrypt without AllowedValues, chosen at deploy time); ' +
            'the value must be a literal so the gate can prove it at synth time',
          fix: 'set AtRestEncryptionEnabled to true as a literal',
        }),
      ]);
    });

    test('fails an SSM-backed parameter whatever its AllowedValues', () => {
      expect(fromParameter({ Type: 'AWS::SSM::Parameter::Value<String>', AllowedValues: ['true'] })).toEqual([
        'Stack/Cache: AtRestEncryptionEnabled is not a literal (it is CloudFormation parameter Encrypt, whose value is read from SSM Parameter Store at deploy time); ' +
          'the value must be a literal so the gate can prove it at synth time',
      ]);
    });

    test('fails a Ref to a pseudo parameter or to a resource', () => {
      const toResource = template()
        .resource('Other', 'AWS::SNS::Topic')
        .resource('Cache', GROUP, { AtRestEncryptionEnabled: { Ref: 'Other' } });
      expect(findings(RedisAtRest, toResource)).toEqual([expect.stringContaining('(it is a reference to resource Other)')]);
      expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: { Ref: 'AWS::StackName' } }))).toEqual([
        expect.stringContaining('(it is the deploy-time value AWS::StackName)'),
      ]);
    });
  });

  describe('a value from Fn::If', () => {
    test('passes when both branches are true, fails when one is false, naming the condition', () => {
      const ifOf = (a: unknown, b: unknown) =>
        findings(
          RedisAtRest,
          template()
            .condition('Prod', { 'Fn::Equals': ['a', 'b'] })
            .resource('Cache', GROUP, { AtRestEncryptionEnabled: { 'Fn::If': ['Prod', a, b] } }),
        );
      expect(ifOf(true, 'true')).toEqual([]);
      expect(ifOf(true, false)).toEqual(['Stack/Cache: AtRestEncryptionEnabled comes from Fn::If on Prod, which allows false']);
      expect(ifOf(true, { Ref: 'AWS::NoValue' })).toEqual(['Stack/Cache: AtRestEncryptionEnabled comes from Fn::If on Prod, which allows absent']);
    });

    test('fails a malformed Fn::If and one with an unknown branch', () => {
      expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: { 'Fn::If': ['Prod', true] } }))).toEqual([
        expect.stringContaining('(it is a malformed Fn::If)'),
      ]);
      expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: { 'Fn::If': ['Prod', true, { 'Fn::GetAtt': ['X', 'Y'] }] } }))).toEqual([
        expect.stringContaining('(it is an attribute of another resource (Fn::GetAtt))'),
      ]);
      expect(findings(RedisAtRest, group({ AtRestEncryptionEnabled: { 'Fn::If': ['Prod', { 'Fn::GetAtt': ['X', 'Y'] }, true] } }))).toEqual([
        expect.stringContaining('(it is an attribute of another resource (Fn::GetAtt))'),
      ]);
    });
  });

  describe('a value from Fn::FindInMap', () => {
    const withMap = () =>
      template()
        .mapping('Env', { prod: { encrypt: true, plain: false }, dev: { encrypt: 'true' } })
        .parameter('Stage', { Type: 'String', AllowedValues: ['prod', 'dev'] })
        .parameter('Free', { Type: 'String' });
    const lookup = (args: unknown[]) =>
      findings(RedisAtRest, withMap().resource('Cache', GROUP, { AtRestEncryptionEnabled: { 'Fn::FindInMap': args } }));

    test('passes when every key it can hit holds true', () => {
      expect(lookup(['Env', 'prod', 'encrypt'])).toEqual([]);
      expect(lookup(['Env', { Ref: 'Stage' }, 'encrypt'])).toEqual([]);
    });

    test('fails a hit on false, naming the mapping', () => {
      expect(lookup(['Env', 'prod', 'plain'])).toEqual(['Stack/Cache: AtRestEncryptionEnabled comes from mapping Env, which allows false']);
      expect(lookup(['Env', { Ref: 'Free' }, 'encrypt'])).toEqual([]); // every top key holds encrypt: true
      const anyStage = template()
        .mapping('Bad', { prod: { encrypt: true }, dev: { encrypt: false } })
        .parameter('Free', { Type: 'String' })
        .resource('Cache', GROUP, { AtRestEncryptionEnabled: { 'Fn::FindInMap': ['Bad', { Ref: 'Free' }, 'encrypt'] } });
      expect(findings(RedisAtRest, anyStage)).toEqual(['Stack/Cache: AtRestEncryptionEnabled comes from mapping Bad, which allows false']);
    });

    test('a lookup that can miss is unknown, not a known value', () => {
      const miss =
        'Stack/Cache: AtRestEncryptionEnabled is not a literal (it is a Fn::FindInMap lookup of mapping Env that can miss); ' +
        'the value must be a literal so the gate can prove it at synth time';
      expect(lookup(['Env', 'test', 'encrypt'])).toEqual([miss]);
      expect(lookup(['Env', 'dev', 'missing'])).toEqual([miss]);
      expect(lookup(['Env', { Ref: 'Stage' }, 'plain'])).toEqual([
        expect.stringContaining('(it is a Fn::FindInMap lookup of mapping Env that can miss)'),
      ]);
      expect(lookup(['Nope', 'prod', 'encrypt'])).toEqual([expect.stringContaining('(it is the missing mapping Nope)')]);
      expect(lookup([{ Ref: 'Free' }, 'prod', 'encrypt'])).toEqual([expect.stringContaining('(it is a Fn::FindInMap whose map is not a literal)')]);
      expect(lookup(['Env', 'prod'])).toEqual([expect.stringContaining('(it is a Fn::FindInMap whose map is not a literal)')]);
    });

    test('a DefaultValue (AWS::LanguageExtensions) covers a miss and is judged too', () => {
      expect(lookup(['Env', 'test', 'encrypt', { DefaultValue: true }])).toEqual([]);
      expect(lookup(['Env', 'test', 'encrypt', { DefaultValue: false }])).toEqual([
        'Stack/Cache: AtRestEncryptionEnabled comes from mapping Env with its DefaultValue, which allows false',
      ]);
    });
  });

  describe('a value imported from another stack', () => {
    const importer = () => template('Consumer').resource('Cache', GROUP, { AtRestEncryptionEnabled: { 'Fn::ImportValue': 'shared-encrypt' } });

    test('is as provable as the exported value', () => {
      expect(findings(RedisAtRest, template('Producer').exportValue('shared-encrypt', true), importer())).toEqual([]);
      expect(findings(RedisAtRest, template('Producer').exportValue('shared-encrypt', false), importer())).toEqual([
        'Consumer/Cache: AtRestEncryptionEnabled is false',
      ]);
    });

    test('is unknown when no judged stack exports it, when two do, when the export is conditional or in another region/account', () => {
      const unknown = [
        'Consumer/Cache: ' +
          'AtRestEncryptionEnabled is not a literal (it is an imported value (Fn::ImportValue)); the value must be a literal so the gate can prove it at synth time',
      ];
      expect(findings(RedisAtRest, importer())).toEqual(unknown);
      expect(
        findings(RedisAtRest, template('A').exportValue('shared-encrypt', true), template('B').exportValue('shared-encrypt', true), importer()),
      ).toEqual(unknown);
      expect(findings(RedisAtRest, template('A').exportValue('shared-encrypt', true, { Condition: 'C' }), importer())).toEqual(unknown);
      expect(findings(RedisAtRest, template('A', { region: 'us-east-1' }).exportValue('shared-encrypt', true), importer())).toEqual(unknown);
      expect(
        findings(RedisAtRest, template('A', { region: 'eu-west-1', account: '111111111111' }).exportValue('shared-encrypt', true), importer()),
      ).toEqual(unknown);
    });
  });

  describe('a nested stack parameter', () => {
    const child = () =>
      template('Parent/Child')
        .parameter('Encrypt', { Type: 'String' })
        .resource('Cache', GROUP, { AtRestEncryptionEnabled: { Ref: 'Encrypt' } });

    test('is the value its parent passes', () => {
      expect(findings(RedisAtRest, template('Parent').nestedStack('Child', child(), { Parameters: { Encrypt: 'true' } }))).toEqual([]);
      expect(findings(RedisAtRest, template('Parent').nestedStack('Child', child(), { Parameters: { Encrypt: 'false' } }))).toEqual([
        'Parent/Child/Cache: AtRestEncryptionEnabled is "false"',
      ]);
    });

    test('is a deploy-time choice when the parent passes nothing', () => {
      expect(findings(RedisAtRest, template('Parent').nestedStack('Child', child(), {}))).toEqual([expect.stringContaining('without AllowedValues')]);
    });
  });

  describe('groups that inherit their encryption', () => {
    test('fails a group built around an existing cluster (PrimaryClusterId), even with AtRestEncryptionEnabled true', () => {
      expect(violationsOf(RedisAtRest, group({ PrimaryClusterId: 'old', AtRestEncryptionEnabled: true }))).toEqual([
        expect.objectContaining({
          message:
            'the group is built around the existing cache cluster of PrimaryClusterId and takes its AtRestEncryptionEnabled setting, ' +
            'which cannot be proven (a standalone cluster cannot even be encrypted at rest)',
          fix: 'create the replication group itself with AtRestEncryptionEnabled: true instead of adopting a cluster',
        }),
      ]);
    });

    const global = (primaryEncrypted: boolean, role = 'PRIMARY') =>
      template()
        .resource('Primary', GROUP, { AtRestEncryptionEnabled: primaryEncrypted })
        .resource('Global', 'AWS::ElastiCache::GlobalReplicationGroup', { Members: [{ ReplicationGroupId: { Ref: 'Primary' }, Role: role }] })
        .resource('Secondary', GROUP, { GlobalReplicationGroupId: { Ref: 'Global' } });

    test('passes a secondary of an in-template global datastore whose primary passes', () => {
      expect(findings(RedisAtRest, global(true))).toEqual([]);
      expect(findings(RedisAtRest, global(true, 'primary'))).toEqual([]);
    });

    test('fails a secondary whose primary does not pass, is not in the template or is not a primary', () => {
      const secondary =
        'Stack/Secondary: the group joins the global datastore of GlobalReplicationGroupId and takes AtRestEncryptionEnabled from its primary group, ' +
        'which is not in this template with AtRestEncryptionEnabled: true';
      expect(findings(RedisAtRest, global(false))).toEqual(['Stack/Primary: AtRestEncryptionEnabled is false', secondary]);
      expect(findings(RedisAtRest, global(true, 'SECONDARY'))).toEqual([secondary]);
      expect(violationsOf(RedisAtRest, group({ GlobalReplicationGroupId: 'external', AtRestEncryptionEnabled: true }))).toEqual([
        expect.objectContaining({ fix: 'define the global datastore and its primary replication group, encrypted, in the same template' }),
      ]);
      const notAGroup = template()
        .resource('Topic', 'AWS::SNS::Topic')
        .resource('Global', 'AWS::ElastiCache::GlobalReplicationGroup', { Members: [{ ReplicationGroupId: { Ref: 'Topic' }, Role: 'PRIMARY' }] })
        .resource('Secondary', GROUP, { GlobalReplicationGroupId: { Ref: 'Global' }, AtRestEncryptionEnabled: true });
      expect(findings(RedisAtRest, notAGroup)).toEqual([secondary]);
      const self = template()
        .resource('Global', 'AWS::ElastiCache::GlobalReplicationGroup', { Members: [{ ReplicationGroupId: { Ref: 'Secondary' }, Role: 'PRIMARY' }] })
        .resource('Secondary', GROUP, { GlobalReplicationGroupId: { Ref: 'Global' }, AtRestEncryptionEnabled: true });
      expect(findings(RedisAtRest, self)).toEqual([secondary]);
      const notGlobal = template()
        .resource('Topic', 'AWS::SNS::Topic')
        .resource('Secondary', GROUP, { GlobalReplicationGroupId: { Ref: 'Topic' }, AtRestEncryptionEnabled: true });
      expect(findings(RedisAtRest, notGlobal)).toEqual([secondary]);
    });
  });
});
