/**
 * SFX-RDS-AT-REST — RDS storage is encrypted.
 *
 * PASSES  an AWS::RDS::DBInstance or AWS::RDS::DBCluster with `StorageEncrypted: true`;
 *         a read replica whose source DB instance is in the same template and passes;
 *         an Aurora DB instance whose DB cluster is in the template (judged through the cluster).
 * FAILS   StorageEncrypted absent (CloudFormation default false), false, or unprovable
 *         (parameter, Fn::If with a false branch, import); a read replica or snapshot restore
 *         whose source is outside the template and that does not set StorageEncrypted: true;
 *         an Aurora DB instance of a DB cluster outside the template (unprovable).
 */
import { isAuroraClusterMember, isJudgedThroughCluster, sourceDbInstance } from './core/engines';
import { requireTrue } from './core/checks';
import { ComplianceRule, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView } from './core/template';

export const RdsStorageEncryption: ComplianceRule = {
  id: 'SFX-RDS-AT-REST',
  title: 'RDS DB instances and clusters encrypt their storage',
  severity: 'high',
  mandated: true,
  rationale:
    'The catalogue database, its automated backups, snapshots and read replicas hold the business data; '
    + 'unencrypted storage exposes them to anyone who obtains a snapshot or the underlying volumes.',
  remediation:
    'Set storageEncrypted: true (DatabaseInstance/DatabaseCluster: storageEncrypted: true with a '
    + 'customer-managed storageEncryptionKey). Encryption cannot be enabled in place: restore an encrypted copy.',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  judgesStacks: false,
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'SC-28(1)' },
    { framework: 'CIS AWS Foundations 3.0', control: '2.3.1' },
    { framework: 'PCI DSS 4.0', control: '3.5.1' },
    { framework: 'ISO 27001:2022', control: 'A.8.24' },
  ],
  checkResource(resource, template): Violation[] {
    if (isJudgedThroughCluster(resource, template)) return [];
    if (isAuroraClusterMember(resource, template)) {
      return [fail('the Aurora DB instance belongs to a DB cluster outside this template, so its storage encryption (a cluster property) cannot be proven',
        'define the DB cluster, with StorageEncrypted: true, in the same template')];
    }
    if (sourceInTemplateIsEncrypted(resource, template)) return [];
    const violation = requireTrue(resource.properties, 'StorageEncrypted', template);
    if (!violation) return [];
    const inherits = resource.properties.SourceDBInstanceIdentifier ?? resource.properties.DBSnapshotIdentifier
      ?? resource.properties.SnapshotIdentifier ?? resource.properties.SourceDBClusterIdentifier;
    return inherits === undefined ? [violation] : [{
      message: `${violation.message}; the encryption it would inherit from its source cannot be proven from this template`,
      fix: 'set StorageEncrypted: true (with KmsKeyId) explicitly, or create the source in the same template encrypted',
    }];
  },
};

/** A read replica inherits encryption from its source DB instance (referenced by Ref or by ARN). */
function sourceInTemplateIsEncrypted(resource: TemplateResource, template: TemplateView): boolean {
  const source = sourceDbInstance(resource, template);
  return source !== undefined && requireTrue(source.properties, 'StorageEncrypted', template) === undefined;
}
