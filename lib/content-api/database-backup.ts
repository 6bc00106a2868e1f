import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

/** Properties of {@link StreamFlixDatabaseBackup}. */
export interface StreamFlixDatabaseBackupProps {
  /** The database to protect. */
  readonly instance: rds.IDatabaseInstance;
  /**
   * How long daily recovery points are kept.
   * @default Duration.days(35)
   */
  readonly retention?: Duration;
}

/**
 * AWS Backup for the catalogue database, on top of RDS automated backups: daily recovery points in a
 * vault encrypted with its own customer-managed key, kept beyond the 7-day automated window and
 * independent of the instance's lifecycle (deleting the instance does not delete them).
 */
export class StreamFlixDatabaseBackup extends Construct {
  public readonly vault: backup.BackupVault;
  public readonly plan: backup.BackupPlan;

  constructor(scope: Construct, id: string, props: StreamFlixDatabaseBackupProps) {
    super(scope, id);
    const key = new kms.Key(this, 'VaultKey', {
      description: 'StreamFlix backup vault',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new backup.BackupVault(this, 'Vault', {
      // Named after the stack: the product is provisioned many times per account, and a retained vault outlives its stack.
      backupVaultName: Fn.join('-', [Aws.STACK_NAME, 'db-backups']),
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: events.Schedule.cron({ hour: '1', minute: '0' }),
          deleteAfter: props.retention ?? Duration.days(35),
        }),
      ],
    });
    this.plan.addSelection('Database', { resources: [backup.BackupResource.fromRdsDatabaseInstance(props.instance)] });
  }
}
