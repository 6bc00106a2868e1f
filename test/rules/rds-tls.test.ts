/** SFX-RDS-TLS at the pure level: parameter groups, family and version defaults, replicas, Aurora. */
import { RdsTls } from '../../rules/rds-tls';
import { findings, template, violationsOf } from './support/template-builder';

const INSTANCE = 'AWS::RDS::DBInstance';
const CLUSTER = 'AWS::RDS::DBCluster';
const postgres = (properties: Record<string, unknown>, stack = template()) => stack.resource('Db', INSTANCE, { Engine: 'postgres', ...properties });
const withGroup = (groupProps: Record<string, unknown>, type = 'AWS::RDS::DBParameterGroup') =>
  postgres({ EngineVersion: '14.9', DBParameterGroupName: { Ref: 'Params' } }, template().resource('Params', type, groupProps));

describe('SFX-RDS-TLS', () => {
  test('does not judge other engines', () => {
    expect(findings(RdsTls, template().resource('Db', INSTANCE, { Engine: 'mysql' }))).toEqual([]);
  });

  test('a parameter group setting rds.force_ssl 1 or true passes; 0 fails with the group named', () => {
    expect(findings(RdsTls, withGroup({ Family: 'postgres14', Parameters: { 'rds.force_ssl': '1' } }))).toEqual([]);
    expect(findings(RdsTls, withGroup({ Family: 'postgres14', Parameters: { 'rds.force_ssl': 1 } }))).toEqual([]);
    expect(findings(RdsTls, withGroup({ Family: 'postgres14', Parameters: { 'rds.force_ssl': 'True' } }))).toEqual([]);
    expect(violationsOf(RdsTls, withGroup({ Family: 'postgres16', Parameters: { 'rds.force_ssl': '0' } }))).toEqual([
      expect.objectContaining({
        ruleId: 'SFX-RDS-TLS',
        path: 'Stack/Db',
        message: 'rds.force_ssl in parameter group Params is "0"',
        fix: "set rds.force_ssl in parameter group Params to '1'",
      }),
    ]);
  });

  test('the family default: postgres15 and later force TLS, postgres14 does not (the boundary)', () => {
    const unset = 'Stack/Db: parameter group Params does not set rds.force_ssl, and its family does not default it to 1';
    expect(findings(RdsTls, withGroup({ Family: 'postgres15', Parameters: {} }))).toEqual([]);
    expect(findings(RdsTls, withGroup({ Family: 'postgres16' }))).toEqual([]);
    expect(findings(RdsTls, withGroup({ Family: 'postgres14', Parameters: {} }))).toEqual([unset]);
    expect(findings(RdsTls, withGroup({ Family: 'aurora-postgresql15' }))).toEqual([unset]);
    expect(findings(RdsTls, withGroup({ Family: { Ref: 'AWS::NoValue' } }))).toEqual([unset]);
  });

  test('Parameters that are not a literal map, or a reference to another type, fail', () => {
    expect(findings(RdsTls, withGroup({ Family: 'postgres16', Parameters: { 'Fn::If': ['C', {}, {}] } }))).toEqual([
      'Stack/Db: Parameters of parameter group Params is not a literal (it is not a literal map of parameter names to values); ' +
        'the value must be a literal so the gate can prove it at synth time',
    ]);
    expect(findings(RdsTls, withGroup({ Family: 'postgres16', Parameters: ['x'] }))).toEqual([
      'Stack/Db: Parameters of parameter group Params is not a literal (it is not a literal map of parameter names to values); ' +
        'the value must be a literal so the gate can prove it at synth time',
    ]);
    expect(findings(RdsTls, withGroup({}, 'AWS::SNS::Topic'))).toEqual([
      'Stack/Db: DBParameterGroupName refers to a AWS::SNS::Topic, not a AWS::RDS::DBParameterGroup',
    ]);
  });

  test('the default group: by version, 15 and later pass; 14 and unprovable versions fail', () => {
    const absent =
      'Stack/Db: DBParameterGroupName is absent: the default parameter group of this engine version does not force TLS (rds.force_ssl defaults to 1 only from PostgreSQL 15)';
    expect(findings(RdsTls, postgres({ EngineVersion: '15.2' }))).toEqual([]);
    expect(findings(RdsTls, postgres({ EngineVersion: '16' }))).toEqual([]);
    expect(findings(RdsTls, postgres({}))).toEqual([]);
    expect(findings(RdsTls, postgres({ EngineVersion: '14.9' }))).toEqual([absent]);
    expect(findings(RdsTls, postgres({ EngineVersion: { Ref: 'V' } }, template().parameter('V')))).toEqual([absent]);
    expect(findings(RdsTls, postgres({ EngineVersion: '15.2', SnapshotIdentifier: 'snap' }))).toEqual([absent]);
    expect(findings(RdsTls, postgres({ EngineVersion: '15.2', DBSnapshotIdentifier: 'snap' }))).toEqual([absent]);
  });

  test('a default group named literally: default.postgres15+ passes, older or Aurora default fails, other names are unreadable', () => {
    expect(findings(RdsTls, postgres({ EngineVersion: '14', DBParameterGroupName: 'default.postgres15' }))).toEqual([]);
    expect(findings(RdsTls, postgres({ EngineVersion: '14', DBParameterGroupName: 'default.postgres14' }))).toEqual([
      'Stack/Db: DBParameterGroupName names a parameter group outside this template, whose rds.force_ssl cannot be read',
    ]);
    expect(violationsOf(RdsTls, postgres({ DBParameterGroupName: 'my-group' }))).toEqual([
      expect.objectContaining({ fix: "create the parameter group in the same stack with rds.force_ssl: '1'" }),
    ]);
    const aurora = template().resource('Cluster', CLUSTER, {
      Engine: 'aurora-postgresql',
      DBClusterParameterGroupName: 'default.aurora-postgresql15',
    });
    expect(violationsOf(RdsTls, aurora)).toEqual([
      expect.objectContaining({
        message:
          'DBClusterParameterGroupName is the default group default.aurora-postgresql15, which leaves rds.force_ssl at 0 (Aurora PostgreSQL does not force TLS by default)',
        fix: "give the cluster its own cluster parameter group with rds.force_ssl: '1' (DatabaseCluster parameters: { 'rds.force_ssl': '1' })",
      }),
    ]);
  });

  test('only names that are exactly a default group count as one; look-alikes are unreadable groups outside the template', () => {
    const outside = 'Stack/Db: DBParameterGroupName names a parameter group outside this template, whose rds.force_ssl cannot be read';
    expect(findings(RdsTls, postgres({ EngineVersion: '14', DBParameterGroupName: 'my-default.postgres16' }))).toEqual([outside]);
    expect(findings(RdsTls, postgres({ EngineVersion: '14', DBParameterGroupName: 'default.postgres16-custom' }))).toEqual([outside]);
    expect(findings(RdsTls, postgres({ EngineVersion: '14', DBParameterGroupName: 'default.postgres' }))).toEqual([outside]);
    const aurora = template().resource('Cluster', CLUSTER, {
      Engine: 'aurora-postgresql',
      DBClusterParameterGroupName: 'my-default.aurora-postgresql15',
    });
    expect(findings(RdsTls, aurora)).toEqual([
      'Stack/Cluster: DBClusterParameterGroupName names a parameter group outside this template, whose rds.force_ssl cannot be read',
    ]);
  });

  test('a family only defaults rds.force_ssl when it is exactly postgresNN', () => {
    const unset = 'Stack/Db: parameter group Params does not set rds.force_ssl, and its family does not default it to 1';
    expect(findings(RdsTls, withGroup({ Family: 'custom-postgres16' }))).toEqual([unset]);
    expect(findings(RdsTls, withGroup({ Family: 'postgres16-custom' }))).toEqual([unset]);
  });

  test('an engine that may be PostgreSQL (one Fn::If branch) is judged, without the version default', () => {
    const either = (properties: Record<string, unknown>) =>
      template()
        .condition('Pg', { 'Fn::Equals': ['a', 'b'] })
        .resource('Db', INSTANCE, { Engine: { 'Fn::If': ['Pg', 'postgres', 'mysql'] }, ...properties });
    expect(findings(RdsTls, either({}))).toEqual([
      'Stack/Db: DBParameterGroupName is absent: the default parameter group of this engine version does not force TLS (rds.force_ssl defaults to 1 only from PostgreSQL 15)',
    ]);
  });

  test("a read replica's own EngineVersion comes before its source's", () => {
    const stack = template()
      .resource('Source', INSTANCE, { Engine: 'postgres', EngineVersion: '16.1' })
      .resource('Replica', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'Source' }, EngineVersion: '14.9' });
    expect(findings(RdsTls, stack)).toEqual([
      'Stack/Replica: DBParameterGroupName is absent: the default parameter group of this engine version does not force TLS (rds.force_ssl defaults to 1 only from PostgreSQL 15)',
    ]);
  });

  test('a read replica without EngineVersion takes its source version', () => {
    const stack = template()
      .resource('Source', INSTANCE, { Engine: 'postgres', EngineVersion: '14.3', DBParameterGroupName: 'default.postgres15' })
      .resource('Replica', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'Source' } });
    expect(findings(RdsTls, stack)).toEqual([
      'Stack/Replica: DBParameterGroupName is absent: the default parameter group of this engine version does not force TLS (rds.force_ssl defaults to 1 only from PostgreSQL 15)',
    ]);
  });

  test('non-literal Parameters name the fix; rds.force_ssl set to AWS::NoValue is judged as the default', () => {
    expect(violationsOf(RdsTls, withGroup({ Family: 'postgres16', Parameters: { 'Fn::If': ['C', {}, {}] } }))).toEqual([
      expect.objectContaining({ fix: "write Parameters as a literal map with rds.force_ssl: '1'" }),
    ]);
    expect(findings(RdsTls, withGroup({ Family: 'postgres14', Parameters: { 'rds.force_ssl': { Ref: 'AWS::NoValue' } } }))).toEqual([
      'Stack/Db: rds.force_ssl in parameter group Params is absent (default)',
    ]);
  });

  test('a read replica takes its in-template source version; a source outside makes the engine unknown', () => {
    const source = (version: string) => template().resource('Source', INSTANCE, { Engine: 'postgres', EngineVersion: version });
    expect(findings(RdsTls, source('15.3').resource('Replica', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'Source' } }))).toEqual([]);
    const noGroup =
      'DBParameterGroupName is absent: the default parameter group of this engine version does not force TLS (rds.force_ssl defaults to 1 only from PostgreSQL 15)';
    expect(findings(RdsTls, source('14.3').resource('Replica', INSTANCE, { SourceDBInstanceIdentifier: { Ref: 'Source' } }))).toEqual([
      `Stack/Source: ${noGroup}`,
      `Stack/Replica: ${noGroup}`,
    ]);
    expect(violationsOf(RdsTls, template().resource('Replica', INSTANCE, { SourceDBInstanceIdentifier: 'arn:external' }))).toEqual([
      expect.objectContaining({
        message:
          "the read replica sets no Engine and takes its source's, and SourceDBInstanceIdentifier names a DB instance outside this template, " +
          'so whether PostgreSQL TLS must be forced cannot be proven',
        fix: 'create the source DB instance in the same template, or set Engine and a DB parameter group with rds.force_ssl 1 on the replica',
      }),
    ]);
    expect(findings(RdsTls, template().resource('Replica', INSTANCE, { Engine: 'postgres', SourceDBInstanceIdentifier: 'arn:external' }))).toEqual([
      `Stack/Replica: ${noGroup}`,
    ]);
  });

  test('an engine that cannot be proven fails closed', () => {
    expect(
      violationsOf(
        RdsTls,
        template()
          .parameter('E')
          .resource('Db', INSTANCE, { Engine: { Ref: 'E' } }),
      ),
    ).toEqual([
      expect.objectContaining({
        message: 'Engine is not a literal, so whether PostgreSQL TLS must be forced cannot be proven',
        fix: 'set Engine to a literal',
      }),
    ]);
  });

  test('an instance restored without Engine runs the snapshot engine: unknown, so it fails closed; with Engine it is judged', () => {
    for (const source of ['DBSnapshotIdentifier', 'SourceDbiResourceId', 'SourceDBInstanceAutomatedBackupsArn', 'DBClusterSnapshotIdentifier']) {
      expect(violationsOf(RdsTls, template().resource('Db', INSTANCE, { [source]: 'snap' }))).toEqual([
        expect.objectContaining({
          message: `the DB instance sets no Engine and restores from ${source}, whose engine this template does not show, so whether PostgreSQL TLS must be forced cannot be proven`,
          fix: "set Engine to the snapshot's engine and, for PostgreSQL, a DB parameter group with rds.force_ssl 1",
        }),
      ]);
    }
    expect(findings(RdsTls, template().resource('Db', INSTANCE, { Engine: 'mysql', DBSnapshotIdentifier: 'snap' }))).toEqual([]);
    // Without Engine and without a source there is nothing to restore from: not a PostgreSQL instance this rule can see.
    expect(findings(RdsTls, template().resource('Db', INSTANCE, { DBInstanceClass: 'db.t3.micro' }))).toEqual([]);
  });

  describe('Aurora PostgreSQL', () => {
    const cluster = (groupProps?: Record<string, unknown>) => {
      const stack = template().resource('Cluster', CLUSTER, {
        Engine: 'aurora-postgresql',
        ...(groupProps ? { DBClusterParameterGroupName: { Ref: 'Params' } } : {}),
      });
      return groupProps ? stack.resource('Params', 'AWS::RDS::DBClusterParameterGroup', groupProps) : stack;
    };

    test('a cluster needs its cluster parameter group to set rds.force_ssl 1 (no default, whatever the family)', () => {
      expect(findings(RdsTls, cluster({ Family: 'aurora-postgresql16', Parameters: { 'rds.force_ssl': '1' } }))).toEqual([]);
      expect(findings(RdsTls, cluster({ Family: 'aurora-postgresql16' }))).toEqual([
        'Stack/Cluster: parameter group Params does not set rds.force_ssl, and its family does not default it to 1',
      ]);
      expect(findings(RdsTls, cluster())).toEqual([
        'Stack/Cluster: DBClusterParameterGroupName is absent: the default parameter group of this engine version does not force TLS (rds.force_ssl defaults to 1 only from PostgreSQL 15)',
      ]);
    });

    test('instances are judged through their in-template cluster; outside or missing clusters fail', () => {
      const judged = cluster({ Parameters: { 'rds.force_ssl': '1' } }).resource('Writer', INSTANCE, { DBClusterIdentifier: { Ref: 'Cluster' } });
      expect(findings(RdsTls, judged)).toEqual([]);
      const judgedWithEngine = cluster({ Parameters: { 'rds.force_ssl': '1' } }).resource('Writer', INSTANCE, {
        Engine: 'aurora-postgresql',
        DBClusterIdentifier: { Ref: 'Cluster' },
      });
      expect(findings(RdsTls, judgedWithEngine)).toEqual([]);
      expect(violationsOf(RdsTls, template().resource('Writer', INSTANCE, { Engine: 'aurora-postgresql', DBClusterIdentifier: 'external' }))).toEqual(
        [
          expect.objectContaining({
            message: 'the Aurora DB instance belongs to a DB cluster outside this template, whose rds.force_ssl cannot be read',
            fix: 'define the DB cluster and its cluster parameter group in the same template',
          }),
        ],
      );
      expect(findings(RdsTls, template().resource('Writer', INSTANCE, { Engine: 'aurora-postgresql' }))).toEqual([
        expect.stringContaining('and its TLS setting (rds.force_ssl of the cluster parameter group) is the cluster'),
      ]);
    });

    test('a Multi-AZ DB cluster also needs a cluster parameter group, not a DB parameter group', () => {
      const stack = template()
        .resource('Params', 'AWS::RDS::DBParameterGroup', { Family: 'postgres16', Parameters: { 'rds.force_ssl': '1' } })
        .resource('Cluster', CLUSTER, { Engine: 'postgres', EngineVersion: '14.1', DBClusterParameterGroupName: { Ref: 'Params' } });
      expect(findings(RdsTls, stack)).toEqual([
        'Stack/Cluster: DBClusterParameterGroupName refers to a AWS::RDS::DBParameterGroup, not a AWS::RDS::DBClusterParameterGroup',
      ]);
    });

    test('a Multi-AZ DB cluster (engine postgres) takes the version default like an instance', () => {
      expect(findings(RdsTls, template().resource('Cluster', CLUSTER, { Engine: 'postgres', EngineVersion: '16.1' }))).toEqual([]);
      expect(findings(RdsTls, template().resource('Cluster', CLUSTER, { Engine: 'postgres', EngineVersion: '14.1' }))).toEqual([
        'Stack/Cluster: DBClusterParameterGroupName is absent: the default parameter group of this engine version does not force TLS (rds.force_ssl defaults to 1 only from PostgreSQL 15)',
      ]);
    });
  });
});
