/** RDS facts shared by the database rules: engines, restore sources, read replicas and Aurora cluster membership. */
import { Violation, fail } from './rule';
import { TemplateResource, TemplateView } from './template';
import { Rendered, arnFields, arnService, literalText } from './rendered';
import { possibleValues, render } from './values';

/**
 * The database engine(s) a DB instance or cluster may run, lower-cased; `unknown` if unprovable.
 * A read replica without `Engine` runs its source's engine; when that source is outside the
 * template the engine is `unknown`. So does an instance restored without `Engine` (from a
 * snapshot or backup: it runs the snapshot's engine). `absent` is left for an instance that
 * names no engine and no source, such as an Aurora member whose engine is its cluster's.
 */
export function databaseEngines(resource: TemplateResource, template: TemplateView): string[] {
  const current = instanceDefining(resource, 'Engine', template);
  if (!current) return ['unknown'];
  const possible = possibleValues(current.properties.Engine, template);
  if (possible.kind !== 'known') return ['unknown'];
  const absent = restoredInstanceSource(current) === undefined ? 'absent' : 'unknown';
  return possible.values.map((value) => (value === undefined ? absent : String(value).toLowerCase()));
}

/** The property that restores a DB instance from another database's data, if it sets one. */
export function restoredInstanceSource(resource: TemplateResource): string | undefined {
  if (resource.type !== 'AWS::RDS::DBInstance') return undefined;
  return RESTORED_INSTANCE_SOURCES.find((property) => resource.properties[property] !== undefined);
}

/** Properties that create a DB instance from another database's data: it takes that source's encryption and version. */
export const RESTORED_INSTANCE_SOURCES = [
  'DBSnapshotIdentifier',
  'SourceDbiResourceId',
  'SourceDBInstanceAutomatedBackupsArn',
  'SourceDBClusterIdentifier', // a read replica of a Multi-AZ DB cluster
  'DBClusterSnapshotIdentifier', // restored from a Multi-AZ DB cluster snapshot
];
/** Properties that create a DB cluster from another database's data (restore, clone, replica). */
export const RESTORED_CLUSTER_SOURCES = ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'ReplicationSourceIdentifier'];

/**
 * The DB instance whose `property` applies to `resource`: the resource itself, or, for a read
 * replica that does not set it (Engine, EngineVersion), its source followed through the template;
 * `undefined` when that source is outside the template.
 */
export function instanceDefining(resource: TemplateResource, property: string, template: TemplateView): TemplateResource | undefined {
  let current = resource;
  for (let hops = 0; current.properties[property] === undefined && current.properties.SourceDBInstanceIdentifier !== undefined; hops++) {
    const source = sourceDbInstance(current, template);
    if (!source || hops > 10) return undefined;
    current = source;
  }
  return current;
}

/**
 * The DB instance in this template a read replica replicates, whether `SourceDBInstanceIdentifier`
 * is a `Ref`/`Fn::GetAtt` or an ARN built from the source's `Ref` (what CDK renders for a
 * DatabaseInstanceReadReplica); `undefined` when the source is not in the template.
 */
export function sourceDbInstance(resource: TemplateResource, template: TemplateView): TemplateResource | undefined {
  const expr = resource.properties.SourceDBInstanceIdentifier;
  const source = template.referencedResource(expr) ?? dbInstanceNamedByArn(render(expr, template), template);
  return source && source.type === 'AWS::RDS::DBInstance' && source.logicalId !== resource.logicalId ? source : undefined;
}

/** `arn:<partition>:rds:<region>:<account>:db:<Ref of X>` → resource X: a DB instance ARN built from a logical id's Ref. */
function dbInstanceNamedByArn(parts: Rendered | undefined, template: TemplateView): TemplateResource | undefined {
  if (parts === undefined) return undefined;
  const fields = arnFields(parts);
  const name = fields[6];
  if (fields.length !== 7 || arnService(parts) !== 'rds' || literalText(fields[5]) !== 'db' || name.length !== 1) return undefined;
  // Stryker disable next-line ConditionalExpression: true for the kind does not compile (TS2339: only references have a logicalId)
  return name[0].kind === 'reference' && name[0].attribute === undefined ? template.resource(name[0].logicalId) : undefined;
}

/**
 * An Aurora DB instance belongs to a cluster and is judged through it: storage encryption
 * and availability are cluster properties in Aurora.
 */
export function isAuroraClusterMember(resource: TemplateResource, template: TemplateView): boolean {
  if (resource.type !== 'AWS::RDS::DBInstance') return false;
  if (resource.properties.DBClusterIdentifier === undefined) return false;
  return databaseEngines(resource, template).every((engine) => engine.startsWith('aurora'));
}

/**
 * An Aurora-engine DB instance that names no DB cluster. Aurora instances only exist inside a
 * DB cluster (CloudFormation rejects one without DBClusterIdentifier), and encryption and
 * availability are the cluster's properties: the missing cluster is the problem to report.
 */
export function isAuroraInstanceWithoutCluster(resource: TemplateResource, template: TemplateView): boolean {
  if (resource.type !== 'AWS::RDS::DBInstance' || resource.properties.DBClusterIdentifier !== undefined) return false;
  const engines = databaseEngines(resource, template);
  return engines.length > 0 && engines.every((engine) => engine.startsWith('aurora'));
}

/** The violation for an Aurora-engine DB instance without a cluster; `what` names the cluster property at stake. */
export function auroraWithoutClusterViolation(what: string): Violation {
  return fail(
    `the DB instance runs an Aurora engine but names no DBClusterIdentifier: an Aurora instance ` +
      `belongs to a DB cluster (CloudFormation rejects it without one), and ${what} is the ` +
      `cluster's`,
    'create the DB cluster (rds.DatabaseCluster with writer and readers) and let it create the ' +
      'instances, or use a non-Aurora engine for a standalone DB instance',
  );
}

/**
 * Why a DB instance's or cluster's engine is unknown, in words that say what is true: a read
 * replica whose source is outside the template, an absent Engine, or one that is not a literal.
 */
export function unknownEngineReason(resource: TemplateResource): string {
  if (resource.properties.Engine === undefined && resource.properties.SourceDBInstanceIdentifier !== undefined) {
    return "the read replica sets no Engine and takes its source's, and SourceDBInstanceIdentifier names a DB instance outside this template";
  }
  const restoredFrom = restoredInstanceSource(resource);
  if (resource.properties.Engine === undefined && restoredFrom) {
    return `the DB instance sets no Engine and restores from ${restoredFrom}, whose engine this template does not show`;
  }
  if (resource.properties.Engine === undefined) return 'Engine is absent';
  return 'Engine is not a literal';
}

/**
 * An Aurora instance whose cluster is in this template, and so judged through it. A member of
 * a cluster outside the template cannot be judged that way and is held to the instance rules.
 */
export function isJudgedThroughCluster(resource: TemplateResource, template: TemplateView): boolean {
  return (
    isAuroraClusterMember(resource, template) && template.referencedResource(resource.properties.DBClusterIdentifier)?.type === 'AWS::RDS::DBCluster'
  );
}
