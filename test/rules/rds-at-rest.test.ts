/** SFX-RDS-AT-REST at the pure level: instances, clusters, global clusters, replicas and restores. */
import { RdsAtRest } from '../../rules/rds-at-rest';
import { findings, template, violationsOf } from './support/template-builder';

const INSTANCE = 'AWS::RDS::DBInstance';
const CLUSTER = 'AWS::RDS::DBCluster';
const GLOBAL = 'AWS::RDS::GlobalCluster';

describe('SFX-RDS-AT-REST', () => {
  test('passes an instance, cluster or global cluster with StorageEncrypted true; fails absent or false', () => {
    for (const type of [INSTANCE, CLUSTER, GLOBAL]) {
      expect(findings(RdsAtRest, template().resource('Db', type, { Engine: 'postgres', StorageEncrypted: true }))).toEqual([]);
      expect(violationsOf(RdsAtRest, template().resource('Db', type, { Engine: 'postgres' }))).toEqual([
        expect.objectContaining({
          ruleId: 'SFX-RDS-AT-REST',
          path: 'Stack/Db',
          message: 'StorageEncrypted is absent (CloudFormation default: false)',
        }),
      ]);
      expect(findings(RdsAtRest, template().resource('Db', type, { Engine: 'postgres', StorageEncrypted: 'false' }))).toEqual([
        'Stack/Db: StorageEncrypted is "false"',
      ]);
    }
  });

  test('"true" in any case passes whatever the engine; only the failing database of a template is reported', () => {
    expect(findings(RdsAtRest, template().resource('Db', INSTANCE, { Engine: 'mysql', StorageEncrypted: 'TRUE' }))).toEqual([]);
    const two = template()
      .resource('Good', INSTANCE, { Engine: 'postgres', StorageEncrypted: 'true' })
      .resource('Bad', CLUSTER, { Engine: 'aurora-mysql' });
    expect(findings(RdsAtRest, two)).toEqual(['Stack/Bad: StorageEncrypted is absent (CloudFormation default: false)']);
  });

  describe('values decided at deploy time', () => {
    const encrypted = (value: unknown, stack = template()) =>
      violationsOf(RdsAtRest, stack.resource('Db', INSTANCE, { Engine: 'postgres', StorageEncrypted: value })).map(({ message, fix }) => ({
        message,
        fix,
      }));

    test("a parameter passes with AllowedValues ['true'] only; without AllowedValues it must be a literal", () => {
      expect(encrypted({ Ref: 'P' }, template().parameter('P', { Type: 'String', AllowedValues: ['true'] }))).toEqual([]);
      expect(encrypted({ Ref: 'P' }, template().parameter('P', { Type: 'String', AllowedValues: ['true', 'false'] }))).toEqual([
        {
          message: 'StorageEncrypted comes from parameter P, which allows "false"',
          fix: 'make every allowed value of parameter P true, or set StorageEncrypted to a literal',
        },
      ]);
      expect(encrypted({ Ref: 'P' }, template().parameter('P', { Type: 'String' }))).toEqual([
        {
          message:
            'StorageEncrypted is not a literal (it is CloudFormation parameter P without AllowedValues, chosen at deploy time); ' +
            'the value must be a literal so the gate can prove it at synth time',
          fix: 'set StorageEncrypted to true as a literal',
        },
      ]);
    });

    test('Fn::If with a false branch, and an imported value, fail', () => {
      expect(encrypted({ 'Fn::If': ['Prod', true, false] }, template().condition('Prod', { 'Fn::Equals': ['a', 'b'] }))).toEqual([
        {
          message: 'StorageEncrypted comes from Fn::If on Prod, which allows false',
          fix: 'make every allowed value of Fn::If on Prod true, or set StorageEncrypted to a literal',
        },
      ]);
      expect(encrypted({ 'Fn::ImportValue': 'Encrypt' })).toEqual([
        {
          message:
            'StorageEncrypted is not a literal (it is an imported value (Fn::ImportValue)); the value must be a literal so the gate can prove it at synth time',
          fix: 'set StorageEncrypted to true as a literal',
        },
      ]);
    });
  });

  describe('read replicas and restored instances', () => {
    const source = (encrypted: boolean) => template().resource('Source', INSTANCE, { Engine: 'postgres', StorageEncrypted: encrypted });

    test('a replica of an in-template source is as encrypted as its source (Ref or ARN), whatever its own StorageEncrypted', () => {
      expect(findings(RdsAtRest, source(true).resource('Replica', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'Source' } }))).toEqual([]);
      const arn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':rds:eu-west-1:123456789012:db:', { Ref: 'Source' }]] };
      expect(findings(RdsAtRest, source(true).resource('Replica', INSTANCE, { SourceDBInstanceIdentifier: arn }))).toEqual([]);
      expect(
        violationsOf(
          RdsAtRest,
          source(false).resource('Replica', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'Source' }, StorageEncrypted: true }),
        ),
      ).toEqual([
        expect.objectContaining({ path: 'Stack/Source' }),
        expect.objectContaining({
          path: 'Stack/Replica',
          message: 'the DB instance inherits its encryption from Source, whose storage is not proven encrypted',
          fix: 'encrypt Source (StorageEncrypted: true)',
        }),
      ]);
    });

    test('a chain of replicas of an encrypted source passes without StorageEncrypted of its own', () => {
      const chain = source(true)
        .resource('R1', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'Source' } })
        .resource('R2', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'R1' } });
      expect(findings(RdsAtRest, chain)).toEqual([]);
    });

    test('a chain of replicas is followed to its source', () => {
      const chain = source(false)
        .resource('R1', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'Source' } })
        .resource('R2', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'R1' } });
      expect(findings(RdsAtRest, chain)).toEqual([
        'Stack/Source: StorageEncrypted is false',
        'Stack/R1: the DB instance inherits its encryption from Source, whose storage is not proven encrypted',
        'Stack/R2: the DB instance inherits its encryption from R1, whose storage is not proven encrypted',
      ]);
    });

    test.each([
      'DBSnapshotIdentifier',
      'SourceDbiResourceId',
      'SourceDBInstanceAutomatedBackupsArn',
      'DBClusterSnapshotIdentifier',
      'SourceDBClusterIdentifier',
      'SourceDBInstanceIdentifier',
    ])('an instance with %s from outside the template fails even with StorageEncrypted true', (property) => {
      expect(
        violationsOf(RdsAtRest, template().resource('Db', INSTANCE, { Engine: 'postgres', StorageEncrypted: true, [property]: 'external' })),
      ).toEqual([
        expect.objectContaining({
          message: `${property} makes the DB instance inherit its encryption from a source outside this template (CloudFormation ignores StorageEncrypted), so encryption cannot be proven`,
          fix: 'create the source DB instance, encrypted, in the same template, or restore an encrypted copy and create the instance from it there',
        }),
      ]);
    });

    test('a source that is AWS::NoValue, or Fn::If of two NoValue, is not set; an Fn::If with one real branch is', () => {
      const noValue = { Ref: 'AWS::NoValue' };
      const snapshot = (value: unknown) =>
        findings(RdsAtRest, template().resource('Db', INSTANCE, { StorageEncrypted: true, DBSnapshotIdentifier: value }));
      const inherits =
        'Stack/Db: DBSnapshotIdentifier makes the DB instance inherit its encryption from a source outside this template ' +
        '(CloudFormation ignores StorageEncrypted), so encryption cannot be proven';
      expect(snapshot(noValue)).toEqual([]);
      expect(snapshot({ 'Fn::If': ['C', noValue, noValue] })).toEqual([]);
      expect(snapshot({ 'Fn::If': ['C', noValue, 'snap'] })).toEqual([inherits]);
      expect(snapshot({ 'Fn::If': ['C', 'snap', noValue] })).toEqual([inherits]);
      expect(snapshot({ 'Fn::If': ['C', 'snap'] })).toEqual([inherits]);
      expect(snapshot({ 'Fn::If': ['C', noValue] })).toEqual([inherits]);
      // Not a Fn::If (a key beside it): a value, so the source is set.
      expect(snapshot({ 'Fn::If': ['C', noValue, noValue], Note: 'x' })).toEqual([inherits]);
    });

    test("a DB cluster's restore properties on a DB instance are not read as a restore", () => {
      const instance = { Engine: 'postgres', StorageEncrypted: true, SnapshotIdentifier: 'snap', ReplicationSourceIdentifier: 'src' };
      expect(findings(RdsAtRest, template().resource('Db', INSTANCE, instance))).toEqual([]);
    });

    test('a cycle of replicas ends (after ten hops) as not proven encrypted', () => {
      const cycle = template()
        .resource('A', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'B' } })
        .resource('B', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'A' } });
      expect(findings(RdsAtRest, cycle)).toEqual([
        'Stack/A: the DB instance inherits its encryption from B, whose storage is not proven encrypted',
        'Stack/B: the DB instance inherits its encryption from A, whose storage is not proven encrypted',
      ]);
    });

    test('a chain of ten replicas is followed; an eleventh hop is not proven', () => {
      const chain = (length: number) => {
        let stack = source(true).resource('R1', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'Source' } });
        for (let i = 2; i <= length; i++) stack = stack.resource(`R${i}`, INSTANCE, { SourceDBInstanceIdentifier: { Ref: `R${i - 1}` } });
        return stack;
      };
      expect(findings(RdsAtRest, chain(10))).toEqual([]);
      expect(findings(RdsAtRest, chain(11))).toEqual([
        'Stack/R11: the DB instance inherits its encryption from R10, whose storage is not proven encrypted',
      ]);
    });

    test('two sources at once are named together, even when one is in the template', () => {
      const both = source(true).resource('Replica', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'Source' }, DBSnapshotIdentifier: 'snap' });
      expect(findings(RdsAtRest, both)).toEqual([
        expect.stringContaining('Stack/Replica: SourceDBInstanceIdentifier, DBSnapshotIdentifier makes the DB instance inherit'),
      ]);
    });

    test('SourceDBClusterIdentifier on a DB cluster is a clone, not an instance source', () => {
      expect(
        findings(RdsAtRest, template().resource('Db', CLUSTER, { StorageEncrypted: true, SourceDBClusterIdentifier: 'src', KmsKeyId: 'key' })),
      ).toEqual([]);
    });
  });

  describe('restored and cloned DB clusters', () => {
    test.each(['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'ReplicationSourceIdentifier'])(
      'with %s need StorageEncrypted and KmsKeyId',
      (property) => {
        const restored = (extra: Record<string, unknown>) => template().resource('Db', CLUSTER, { [property]: 'src', ...extra });
        expect(findings(RdsAtRest, restored({ StorageEncrypted: true, KmsKeyId: 'key' }))).toEqual([]);
        expect(violationsOf(RdsAtRest, restored({ StorageEncrypted: true }))).toEqual([
          expect.objectContaining({
            message: `KmsKeyId is absent or conditional: with ${property} the DB cluster inherits its source's encryption, which cannot be proven`,
            fix: 'set StorageEncrypted: true and KmsKeyId (storageEncryptionKey) on the restored cluster',
          }),
        ]);
        expect(findings(RdsAtRest, restored({ KmsKeyId: 'key' }))).toEqual([
          `Stack/Db: StorageEncrypted is absent (CloudFormation default: false); with ${property} the encryption it would inherit from its source cannot be proven`,
        ]);
      },
    );

    test('a KmsKeyId set only under a condition, empty, NoValue or from a free parameter does not count', () => {
      const withKey = (key: unknown, stack = template()) =>
        findings(RdsAtRest, stack.resource('Db', CLUSTER, { SnapshotIdentifier: 'snap', StorageEncrypted: true, KmsKeyId: key }));
      const missing = [expect.stringContaining('KmsKeyId is absent or conditional')];
      expect(withKey({ 'Fn::If': ['C', 'key', { Ref: 'AWS::NoValue' }] })).toEqual(missing);
      expect(withKey({ 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, 'key'] })).toEqual(missing);
      expect(withKey({ 'Fn::If': ['C', 'key'] })).toEqual(missing);
      expect(withKey({ 'Fn::If': ['C', 'key', 'other', 'extra'] })).toEqual(missing);
      expect(withKey({ 'Fn::If': 'key' })).toEqual(missing);
      expect(withKey({ 'Fn::If': ['C', 'key', 'other'] })).toEqual([]);
      expect(withKey('')).toEqual(missing);
      expect(withKey({ Ref: 'AWS::NoValue' })).toEqual(missing);
      expect(withKey({ Ref: 'Key' }, template().parameter('Key', { Type: 'String' }))).toEqual(missing);
      expect(withKey({ Ref: 'Key' }, template().parameter('Key', { Type: 'String', AllowedValues: ['a', ''] }))).toEqual(missing);
      expect(withKey({ Ref: 'Key' }, template().parameter('Key', { Type: 'String', AllowedValues: ['a', 'b'] }))).toEqual([]);
      expect(withKey({ 'Fn::GetAtt': ['Key', 'Arn'] })).toEqual([]);
      expect(withKey({ Ref: 'Key' }, template().resource('Key', 'AWS::KMS::Key', {}))).toEqual([]);
      expect(withKey({ Ref: 'Key' }, template().parameter('Key', { Type: 'Number', MinValue: 1, MaxValue: 2 }))).toEqual(missing);
    });

    test("a nested stack's KmsKeyId parameter counts only if its parent always passes a key", () => {
      const parent = (key: unknown) => {
        const child = template('Parent/Child')
          .parameter('Key')
          .resource('Db', CLUSTER, { SnapshotIdentifier: 'snap', StorageEncrypted: true, KmsKeyId: { Ref: 'Key' } });
        return template('Parent').nestedStack('Child', child, { TemplateURL: 'https://x', Parameters: { Key: key } });
      };
      const KEY = 'arn:aws:kms:eu-west-1:1:key/k';
      expect(findings(RdsAtRest, parent(KEY))).toEqual([]);
      expect(findings(RdsAtRest, parent({ 'Fn::If': ['C', KEY, { Ref: 'AWS::NoValue' }] }))).toEqual([
        "Parent/Child/Db: KmsKeyId is absent or conditional: with SnapshotIdentifier the DB cluster inherits its source's encryption, which cannot be proven",
      ]);
    });

    test('several restore sources at once are named together', () => {
      expect(findings(RdsAtRest, template().resource('Db', CLUSTER, { SnapshotIdentifier: 'snap', SourceDBClusterIdentifier: 'src' }))).toEqual([
        'Stack/Db: StorageEncrypted is absent (CloudFormation default: false); with SnapshotIdentifier, SourceDBClusterIdentifier the encryption it would inherit from its source cannot be proven',
        "Stack/Db: KmsKeyId is absent or conditional: with SnapshotIdentifier, SourceDBClusterIdentifier the DB cluster inherits its source's encryption, which cannot be proven",
      ]);
    });
  });

  describe('global clusters', () => {
    const global = (sourceProps: Record<string, unknown>, sourceType = CLUSTER) =>
      template()
        .resource('Source', sourceType, sourceProps)
        .resource('Global', GLOBAL, { SourceDBClusterIdentifier: { Ref: 'Source' } });
    const fromSource =
      'Stack/Global: the global cluster takes its encryption from SourceDBClusterIdentifier, a DB cluster not proven encrypted in this template';

    test('passes one built from an in-template encrypted cluster', () => {
      expect(findings(RdsAtRest, global({ StorageEncrypted: true }))).toEqual([]);
    });

    test('fails one built from an unencrypted in-template cluster (at the global cluster too), from a non-cluster, or from outside', () => {
      expect(findings(RdsAtRest, global({ StorageEncrypted: false }))).toEqual(['Stack/Source: StorageEncrypted is false', fromSource]);
      expect(findings(RdsAtRest, global({ StorageEncrypted: true, Engine: 'postgres' }, INSTANCE))).toEqual([fromSource]);
      expect(
        violationsOf(RdsAtRest, template().resource('Global', GLOBAL, { SourceDBClusterIdentifier: 'arn:external', StorageEncrypted: true })),
      ).toEqual([
        expect.objectContaining({
          message: fromSource.slice('Stack/Global: '.length),
          fix: 'create the source DB cluster, encrypted, in the same template',
        }),
      ]);
    });
  });

  describe('Aurora instances', () => {
    test('are judged through their in-template cluster', () => {
      const aurora = template()
        .resource('Cluster', CLUSTER, { Engine: 'aurora-postgresql', StorageEncrypted: true })
        .resource('Writer', INSTANCE, { Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'Cluster' } });
      expect(findings(RdsAtRest, aurora)).toEqual([]);
      const unencrypted = template()
        .resource('Cluster', CLUSTER, { Engine: 'aurora-postgresql', StorageEncrypted: false })
        .resource('Writer', INSTANCE, { Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'Cluster' } });
      expect(findings(RdsAtRest, unencrypted)).toEqual(['Stack/Cluster: StorageEncrypted is false']);
    });

    test('of a cluster outside the template cannot be proven', () => {
      expect(
        violationsOf(
          RdsAtRest,
          template().resource('Writer', INSTANCE, { Engine: 'aurora-mysql', DBClusterIdentifier: 'external', StorageEncrypted: true }),
        ),
      ).toEqual([
        expect.objectContaining({
          message:
            'the Aurora DB instance belongs to a DB cluster outside this template, so its storage encryption (a cluster property) cannot be proven',
          fix: 'define the DB cluster, with StorageEncrypted: true, in the same template',
        }),
      ]);
    });

    test('without a cluster are told the cluster is missing', () => {
      expect(findings(RdsAtRest, template().resource('Writer', INSTANCE, { Engine: 'aurora-postgresql', StorageEncrypted: true }))).toEqual([
        'Stack/Writer: the DB instance runs an Aurora engine but names no DBClusterIdentifier: an Aurora instance belongs to a DB cluster ' +
          "(CloudFormation rejects it without one), and storage encryption (StorageEncrypted) is the cluster's",
      ]);
    });

    test('a non-Aurora instance naming a cluster is judged as an instance', () => {
      expect(
        findings(RdsAtRest, template().resource('Db', INSTANCE, { Engine: 'postgres', DBClusterIdentifier: 'x', StorageEncrypted: true })),
      ).toEqual([]);
    });
  });
});
