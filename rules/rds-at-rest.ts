/**
 * SFX-RDS-AT-REST — RDS storage is encrypted.
 *
 * PASSES  an AWS::RDS::DBInstance, DBCluster or GlobalCluster with `StorageEncrypted: true`;
 *         a global cluster built from an in-template DB cluster that passes;
 *         a read replica whose source DB instance is in the same template and passes;
 *         a DB cluster restored from a snapshot or cloned (SnapshotIdentifier,
 *         SourceDBClusterIdentifier, ReplicationSourceIdentifier) with `StorageEncrypted: true`
 *         and `KmsKeyId`;
 *         an Aurora DB instance whose DB cluster is in the template (judged through the cluster).
 * FAILS   StorageEncrypted absent (CloudFormation default false), false, or unprovable
 *         (parameter, Fn::If with a false branch, import); a DB instance with DBSnapshotIdentifier,
 *         SourceDBInstanceIdentifier, SourceDbiResourceId, SourceDBInstanceAutomatedBackupsArn,
 *         DBClusterSnapshotIdentifier
 *         or SourceDBClusterIdentifier
 *         whose source is not an in-template DB instance that passes, even with
 *         StorageEncrypted: true (CloudFormation ignores it: encryption comes from the source);
 *         a restored or cloned DB cluster without KmsKeyId (it would inherit its source's);
 *         an Aurora DB instance of a DB cluster outside the template (unprovable); an Aurora-engine
 *         DB instance without DBClusterIdentifier (told that the cluster is missing).
 */
import { RDS_CLUSTER_ENCRYPTED_AT_REST, RDS_STORAGE_ENCRYPTED } from './core/aws-config-rules';
import {
  RESTORED_CLUSTER_SOURCES,
  RESTORED_INSTANCE_SOURCES,
  auroraWithoutClusterViolation,
  isAuroraClusterMember,
  isAuroraInstanceWithoutCluster,
  isJudgedThroughCluster,
  sourceDbInstance,
} from './core/rds';
import { requireTrue } from './core/checks';
import { ComplianceRule, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView } from './core/template';
import { intrinsicName, isPlainObject } from './core/intrinsics';
import { possibleValues } from './core/values';

export const RdsAtRest: ComplianceRule = {
  id: 'SFX-RDS-AT-REST',
  title: 'RDS DB instances and clusters encrypt their storage',
  severity: 'high',
  mandated: true,
  rationale:
    'The catalogue database, its automated backups, snapshots and read replicas hold the business data; ' +
    'unencrypted storage exposes them to anyone who obtains a snapshot or the underlying volumes.',
  remediation:
    'Set storageEncrypted: true (DatabaseInstance/DatabaseCluster: storageEncrypted: true with a ' +
    'customer-managed storageEncryptionKey). Encryption cannot be enabled in place: restore an encrypted copy.',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::RDS::GlobalCluster'],
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'SC-28(1)' },
    { framework: 'CIS AWS Foundations 3.0', control: '2.3.1' },
    { framework: 'PCI DSS 4.0', control: '3.5.1' },
    { framework: 'ISO 27001:2022', control: 'A.8.24' },
  ],
  runtime: {
    configRules: [
      { rule: RDS_STORAGE_ENCRYPTED, covers: 'StorageEncrypted of every DB instance' },
      { rule: RDS_CLUSTER_ENCRYPTED_AT_REST, covers: 'encryption at rest of every DB cluster (Aurora, Multi-AZ DB clusters)' },
    ],
    limits:
      'Global clusters are not evaluated as such; the rules report after the database exists, and ' +
      'storage encryption cannot be turned on in place (restore an encrypted copy).',
  },
  checkResource(resource, template): Violation[] {
    return resource.type === 'AWS::RDS::GlobalCluster' ? globalClusterViolations(resource, template) : encryptionViolations(resource, template, 0);
  },
};

/** Properties that make an instance inherit its encryption from a source, ignoring StorageEncrypted. */
const INSTANCE_SOURCES = ['SourceDBInstanceIdentifier', ...RESTORED_INSTANCE_SOURCES];

function encryptionViolations(resource: TemplateResource, template: TemplateView, hops: number): Violation[] {
  if (isJudgedThroughCluster(resource, template)) return [];
  if (isAuroraInstanceWithoutCluster(resource, template)) return [auroraWithoutClusterViolation('storage encryption (StorageEncrypted)')];
  if (isAuroraClusterMember(resource, template)) {
    return [
      fail(
        'the Aurora DB instance belongs to a DB cluster outside this template, so its storage encryption (a cluster property) cannot be proven',
        'define the DB cluster, with StorageEncrypted: true, in the same template',
      ),
    ];
  }
  const props = resource.properties;
  const instanceSources = resource.type === 'AWS::RDS::DBInstance' ? INSTANCE_SOURCES.filter((name) => maybeSet(props[name])) : [];
  if (instanceSources.length > 0) {
    // CloudFormation ignores StorageEncrypted here: the instance is as encrypted as its source.
    const source = sourceDbInstance(resource, template);
    // A source found in the template means SourceDBInstanceIdentifier is set: alone, it is the only source.
    if (source && instanceSources.length === 1 && hops < 10) {
      return encryptionViolations(source, template, hops + 1).length === 0
        ? []
        : [
            fail(
              `the DB instance inherits its encryption from ${source.logicalId}, whose storage is not proven encrypted`,
              `encrypt ${source.logicalId} (StorageEncrypted: true)`,
            ),
          ];
    }
    return [
      fail(
        `${instanceSources.join(', ')} makes the DB instance inherit its encryption from a source ` +
          `outside this template (CloudFormation ignores StorageEncrypted), so encryption cannot be ` +
          `proven`,
        'create the source DB instance, encrypted, in the same template, or restore an encrypted copy and create the instance from it there',
      ),
    ];
  }
  const violation = requireTrue(props, 'StorageEncrypted', template);
  const clusterSources = resource.type === 'AWS::RDS::DBCluster' ? RESTORED_CLUSTER_SOURCES.filter((name) => maybeSet(props[name])) : [];
  if (clusterSources.length === 0) return violation ? [violation] : [];
  // A restored or cloned cluster keeps its source's encryption unless KmsKeyId is given.
  return [
    ...(violation
      ? [
          {
            ...violation,
            message: `${violation.message}; with ${clusterSources.join(', ')} the encryption it would inherit from its source cannot be proven`,
          },
        ]
      : []),
    ...(alwaysSet(props.KmsKeyId, template)
      ? []
      : [
          fail(
            `KmsKeyId is absent or conditional: with ${clusterSources.join(', ')} the DB cluster ` +
              `inherits its source's encryption, which cannot be proven`,
            'set StorageEncrypted: true and KmsKeyId (storageEncryptionKey) on the restored cluster',
          ),
        ]),
  ];
}

/**
 * A global cluster created from an existing cluster takes that cluster's encryption; otherwise its
 * own StorageEncrypted decides (and its member clusters are judged as DB clusters).
 */
function globalClusterViolations(resource: TemplateResource, template: TemplateView): Violation[] {
  const sourceExpr = resource.properties.SourceDBClusterIdentifier;
  if (sourceExpr === undefined) {
    const violation = requireTrue(resource.properties, 'StorageEncrypted', template);
    return violation ? [violation] : [];
  }
  const source = template.referencedResource(sourceExpr);
  if (source?.type === 'AWS::RDS::DBCluster' && encryptionViolations(source, template, 1).length === 0) return [];
  return [
    fail(
      'the global cluster takes its encryption from SourceDBClusterIdentifier, a DB cluster not proven encrypted in this template',
      'create the source DB cluster, encrypted, in the same template',
    ),
  ];
}

/** Whether a property may be present at deploy time (not absent, not always AWS::NoValue). */
function maybeSet(expr: unknown): boolean {
  if (expr === undefined || (isPlainObject(expr) && expr.Ref === 'AWS::NoValue')) return false;
  const branches = intrinsicName(expr) === 'Fn::If' ? (expr as { 'Fn::If': unknown[] })['Fn::If'] : undefined;
  return Array.isArray(branches) && branches.length === 3 ? maybeSet(branches[1]) || maybeSet(branches[2]) : true;
}

/** Whether a property is present whatever the conditions (and not an empty parameter default). */
function alwaysSet(expr: unknown, template: TemplateView): boolean {
  if (expr === undefined || expr === '' || (isPlainObject(expr) && expr.Ref === 'AWS::NoValue')) return false;
  switch (intrinsicName(expr)) {
    case 'Fn::If': {
      const branches = (expr as { 'Fn::If': unknown[] })['Fn::If'];
      return Array.isArray(branches) && branches.length === 3 && alwaysSet(branches[1], template) && alwaysSet(branches[2], template);
    }
    case 'Ref': {
      // A parameter may be left empty at deploy time unless its AllowedValues say otherwise.
      if (!template.parameter(String((expr as { Ref: unknown }).Ref))) return true;
      const possible = possibleValues(expr, template);
      return possible.kind === 'known' && possible.values.every((value) => value !== undefined && value !== '');
    }
    default:
      return true;
  }
}
