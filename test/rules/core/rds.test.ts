/** rules/core/rds: engines, restore sources, read replicas and Aurora cluster membership. */
import {
  auroraWithoutClusterViolation,
  databaseEngines,
  instanceDefining,
  isAuroraClusterMember,
  isAuroraInstanceWithoutCluster,
  isJudgedThroughCluster,
  RESTORED_INSTANCE_SOURCES,
  restoredInstanceSource,
  sourceDbInstance,
  unknownEngineReason,
} from '../../../rules/core/rds';
import { TemplateResource, TemplateView } from '../../../rules/core/template';
import { openAll, template, TemplateBuilder } from '../support/template-builder';

/** Opens `stack` and applies `check` to its resource `Db`. */
const onDb = <T>(stack: TemplateBuilder, check: (resource: TemplateResource, view: TemplateView) => T): T => {
  const view = openAll([stack])[0].view;
  return check(view.resource('Db')!, view);
};
const instance = (properties: Record<string, unknown>, stack = template()) => stack.resource('Db', 'AWS::RDS::DBInstance', properties);
const engines = (stack: TemplateBuilder) => onDb(stack, databaseEngines);

describe('databaseEngines', () => {
  test('a literal engine, lower-cased; every value a parameter allows; absent when no engine and no source', () => {
    expect(engines(instance({ Engine: 'Postgres' }))).toEqual(['postgres']);
    expect(engines(instance({ Engine: { Ref: 'E' } }, template().parameter('E', { Type: 'String', AllowedValues: ['mysql', 'MariaDB'] })))).toEqual([
      'mysql',
      'mariadb',
    ]);
    expect(engines(instance({}))).toEqual(['absent']);
    expect(
      engines(instance({ Engine: { 'Fn::If': ['C', 'mysql', { Ref: 'AWS::NoValue' }] } }, template().condition('C', { 'Fn::Equals': ['a', 'b'] }))),
    ).toEqual(['mysql', 'absent']);
  });

  test('unknown for an engine from an unconstrained parameter, a restored instance, or a replica of a source outside the template', () => {
    expect(engines(instance({ Engine: { Ref: 'E' } }, template().parameter('E')))).toEqual(['unknown']);
    expect(engines(instance({ DBSnapshotIdentifier: 'snap' }))).toEqual(['unknown']);
    expect(engines(instance({ SourceDBInstanceIdentifier: 'arn:aws:rds:eu-west-1:123456789012:db:other' }))).toEqual(['unknown']);
  });

  test("a read replica without Engine runs its source's", () => {
    expect(
      engines(instance({ SourceDBInstanceIdentifier: { Ref: 'Src' } }, template().resource('Src', 'AWS::RDS::DBInstance', { Engine: 'mysql' }))),
    ).toEqual(['mysql']);
  });
});

describe('restoredInstanceSource', () => {
  test.each(RESTORED_INSTANCE_SOURCES)('a DB instance setting %s restores from it', (property) => {
    expect(onDb(instance({ [property]: 'x' }), restoredInstanceSource)).toBe(property);
  });

  test('a DB instance setting none, or a DB cluster, restores from nothing', () => {
    expect(RESTORED_INSTANCE_SOURCES).toHaveLength(5);
    expect(onDb(instance({ Engine: 'mysql', SourceDBInstanceIdentifier: 'x' }), restoredInstanceSource)).toBeUndefined();
    expect(onDb(template().resource('Db', 'AWS::RDS::DBCluster', { DBSnapshotIdentifier: 'x' }), restoredInstanceSource)).toBeUndefined();
  });
});

describe('instanceDefining and sourceDbInstance', () => {
  /** Replicas R0 → R1 → … → R<n>, where R<n> sets Engine. */
  const chain = (n: number) => {
    const stack = template();
    for (let i = 0; i < n; i++)
      stack.resource(i === 0 ? 'Db' : `R${i}`, 'AWS::RDS::DBInstance', { SourceDBInstanceIdentifier: { Ref: `R${i + 1}` } });
    return stack.resource(`R${n}`, 'AWS::RDS::DBInstance', { Engine: 'mysql' });
  };
  const defining = (stack: TemplateBuilder) => onDb(stack, (r, view) => instanceDefining(r, 'Engine', view)?.logicalId);

  test('follows replicas to the instance that sets the property, up to eleven hops', () => {
    expect(defining(instance({ Engine: 'mysql', SourceDBInstanceIdentifier: { Ref: 'R1' } }))).toBe('Db');
    expect(defining(chain(1))).toBe('R1');
    expect(defining(chain(11))).toBe('R11');
    expect(defining(chain(12))).toBeUndefined();
  });

  test('replicas of each other end at the bound', () => {
    const loop = instance({ SourceDBInstanceIdentifier: { Ref: 'Other' } }).resource('Other', 'AWS::RDS::DBInstance', {
      SourceDBInstanceIdentifier: { Ref: 'Db' },
    });
    expect(defining(loop)).toBeUndefined();
  });

  const sourceOf = (SourceDBInstanceIdentifier: unknown, stack = template()) =>
    onDb(
      instance(
        { SourceDBInstanceIdentifier },
        stack.resource('Src', 'AWS::RDS::DBInstance', { Engine: 'mysql' }).resource('Cluster', 'AWS::RDS::DBCluster', {}),
      ),
      (r, view) => sourceDbInstance(r, view)?.logicalId,
    );
  const arn = (...tail: unknown[]) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':rds:eu-west-1:123456789012:', ...tail]] });

  test("a Ref, or a DB instance ARN built from the source's Ref, names the source", () => {
    expect(sourceOf({ Ref: 'Src' })).toBe('Src');
    expect(sourceOf(arn('db:', { Ref: 'Src' }))).toBe('Src');
  });

  test('anything else names no source in the template', () => {
    expect(sourceOf({ Ref: 'Cluster' })).toBeUndefined();
    expect(sourceOf({ Ref: 'Db' })).toBeUndefined();
    expect(sourceOf({ Ref: 'Missing' })).toBeUndefined();
    expect(sourceOf({ a: 1 })).toBeUndefined();
    expect(sourceOf(arn('db:', { Ref: 'Missing' }))).toBeUndefined();
    expect(sourceOf(arn('db:', { Ref: 'Cluster' }))).toBeUndefined();
    expect(sourceOf(arn('db:', { Ref: 'Db' }))).toBeUndefined();
    expect(sourceOf(arn('db:', { 'Fn::GetAtt': ['Src', 'Endpoint.Address'] }))).toBeUndefined();
    expect(sourceOf(arn('cluster:', { Ref: 'Src' }))).toBeUndefined();
    expect(sourceOf(arn('db:', { Ref: 'Src' }, ':x'))).toBeUndefined();
    expect(sourceOf(arn('db:', { Ref: 'Src' }, '-x'))).toBeUndefined();
    expect(sourceOf(arn('db:', { Ref: 'P' }), template().parameter('P'))).toBeUndefined();
    expect(sourceOf({ 'Fn::Join': ['', ['arn:aws:s3:eu-west-1:123456789012:db:', { Ref: 'Src' }]] })).toBeUndefined();
  });
});

describe('Aurora membership', () => {
  const aurora = (properties: Record<string, unknown>, type = 'AWS::RDS::DBInstance', stack = template()) =>
    stack.resource('Cluster', 'AWS::RDS::DBCluster', { Engine: 'aurora-mysql' }).resource('Db', type, properties);
  const member = (stack: TemplateBuilder) => onDb(stack, isAuroraClusterMember);
  const withoutCluster = (stack: TemplateBuilder) => onDb(stack, isAuroraInstanceWithoutCluster);
  const throughCluster = (stack: TemplateBuilder) => onDb(stack, isJudgedThroughCluster);
  const eitherEngine = () => template().parameter('E', { Type: 'String', AllowedValues: ['aurora-mysql', 'mysql'] });

  test('an Aurora-engine DB instance naming a cluster is a member; judged through it when the cluster is in the template', () => {
    expect(member(aurora({ Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'Cluster' } }))).toBe(true);
    expect(throughCluster(aurora({ Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'Cluster' } }))).toBe(true);
    expect(member(aurora({ Engine: 'aurora-postgresql', DBClusterIdentifier: 'outside' }))).toBe(true);
    expect(throughCluster(aurora({ Engine: 'aurora-postgresql', DBClusterIdentifier: 'outside' }))).toBe(false);
  });

  test('not a member: another engine, an engine that may not be Aurora, no cluster named, or not a DB instance', () => {
    expect(member(aurora({ Engine: 'mysql', DBClusterIdentifier: { Ref: 'Cluster' } }))).toBe(false);
    expect(member(aurora({ Engine: { Ref: 'E' }, DBClusterIdentifier: { Ref: 'Cluster' } }, 'AWS::RDS::DBInstance', eitherEngine()))).toBe(false);
    expect(member(aurora({ Engine: 'aurora-mysql' }))).toBe(false);
    expect(member(aurora({ Engine: 'aurora-mysql', DBClusterIdentifier: 'c' }, 'AWS::RDS::DBCluster'))).toBe(false);
    expect(throughCluster(aurora({ Engine: 'mysql', DBClusterIdentifier: { Ref: 'Cluster' } }))).toBe(false);
  });

  test('an Aurora-engine DB instance without a cluster, and what is not one', () => {
    expect(withoutCluster(aurora({ Engine: 'aurora-mysql' }))).toBe(true);
    expect(withoutCluster(aurora({ Engine: 'aurora-mysql', DBClusterIdentifier: { Ref: 'Cluster' } }))).toBe(false);
    expect(withoutCluster(aurora({ Engine: 'mysql' }))).toBe(false);
    expect(withoutCluster(aurora({ Engine: { Ref: 'E' } }, 'AWS::RDS::DBInstance', eitherEngine()))).toBe(false);
    expect(withoutCluster(aurora({ Engine: 'aurora-mysql' }, 'AWS::RDS::DBCluster'))).toBe(false);
    expect(withoutCluster(aurora({}))).toBe(false);
    // A parameter allowing no value at all proves no engine: not an Aurora one.
    const none = template().parameter('E', { Type: 'String', AllowedValues: [] });
    expect(withoutCluster(aurora({ Engine: { Ref: 'E' } }, 'AWS::RDS::DBInstance', none))).toBe(false);
  });

  test('the violation names the cluster property at stake', () => {
    expect(auroraWithoutClusterViolation('storage encryption')).toEqual({
      message:
        "the DB instance runs an Aurora engine but names no DBClusterIdentifier: an Aurora instance belongs to a DB cluster (CloudFormation rejects it without one), and storage encryption is the cluster's",
      fix: 'create the DB cluster (rds.DatabaseCluster with writer and readers) and let it create the instances, or use a non-Aurora engine for a standalone DB instance',
    });
  });
});

describe('unknownEngineReason', () => {
  const reason = (properties: Record<string, unknown>) => onDb(instance(properties), unknownEngineReason);

  test('says what is true of the engine', () => {
    expect(reason({ SourceDBInstanceIdentifier: 'x' })).toBe(
      "the read replica sets no Engine and takes its source's, and SourceDBInstanceIdentifier names a DB instance outside this template",
    );
    expect(reason({ DBSnapshotIdentifier: 'snap' })).toBe(
      'the DB instance sets no Engine and restores from DBSnapshotIdentifier, whose engine this template does not show',
    );
    expect(reason({})).toBe('Engine is absent');
    expect(reason({ Engine: { Ref: 'E' } })).toBe('Engine is not a literal');
    expect(reason({ Engine: { Ref: 'E' }, SourceDBInstanceIdentifier: 'x', DBSnapshotIdentifier: 'snap' })).toBe('Engine is not a literal');
  });
});
