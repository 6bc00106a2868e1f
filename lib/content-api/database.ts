import { Duration, Fn, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { StreamFlixDatabaseBackup } from './database-backup';
import { StreamFlixNetwork } from './network';

/** Properties of {@link StreamFlixDatabase}. */
export interface StreamFlixDatabaseProps {
  /** The network the database lives in (isolated subnets). */
  readonly network: StreamFlixNetwork;
  /**
   * RDS instance class, as RDS names it (with the `db.` prefix). May be a token.
   * @default 'db.t4g.medium'
   */
  readonly instanceType?: string;
  /**
   * Name of the database created in the instance.
   * @default 'content'
   */
  readonly databaseName?: string;
  /**
   * RDS deletion protection. May be a token (the product turns it on for `prod` only, see lib/catalog/termination.ts).
   * Off, stack deletion still loses no data: the instance leaves a final snapshot (DeletionPolicy Snapshot),
   * its key and the AWS Backup vault are retained.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/** PostgreSQL 17, the newest major version RDS supports; minor upgrades are applied automatically. */
const POSTGRES_ENGINE = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 });
const POSTGRES_PORT = 5432;

/**
 * The content catalogue: RDS PostgreSQL, Multi-AZ, encrypted with its own customer-managed key, reachable
 * only over TLS from inside the VPC. The master password is managed by RDS in Secrets Manager
 * (`ManageMasterUserPassword`): RDS generates it and rotates it every 7 days itself, so the template needs no
 * rotation function, no Serverless Application Repository application and no SAM transform (which Service
 * Catalog provisioning does not acknowledge: CAPABILITY_AUTO_EXPAND, see README).
 */
export class StreamFlixDatabase extends Construct {
  public readonly instance: rds.DatabaseInstance;
  /** Admin credentials, managed by RDS: JSON with `username` and `password` (endpoint and port come from the instance). */
  public readonly secret: secretsmanager.ISecret;
  public readonly encryptionKey: kms.Key;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly port = POSTGRES_PORT;
  public readonly databaseName: string;

  constructor(scope: Construct, id: string, props: StreamFlixDatabaseProps) {
    super(scope, id);
    const { vpc } = props.network;
    this.databaseName = props.databaseName ?? 'content';

    this.encryptionKey = new kms.Key(this, 'Key', {
      description: 'StreamFlix: encrypts the PostgreSQL storage, Performance Insights and credentials',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'StreamFlix PostgreSQL: accepts only the API tasks',
      allowAllOutbound: false,
    });

    const parameterGroup = new rds.ParameterGroup(this, 'ParameterGroup', {
      engine: POSTGRES_ENGINE,
      description: 'StreamFlix PostgreSQL: TLS required for every connection',
      parameters: { 'rds.force_ssl': '1' },
    });

    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine: POSTGRES_ENGINE,
      instanceType: toEc2InstanceType(this, props.instanceType ?? 'db.t4g.medium'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [this.securityGroup],
      port: POSTGRES_PORT,
      publiclyAccessible: false,
      multiAz: true,
      databaseName: this.databaseName,
      credentials: rds.Credentials.fromUsername('streamflix_admin', { encryptionKey: this.encryptionKey }),
      manageMasterUserPassword: true,
      storageEncrypted: true,
      storageEncryptionKey: this.encryptionKey,
      storageType: rds.StorageType.GP3,
      allocatedStorage: 20,
      maxAllocatedStorage: 200,
      parameterGroup,
      iamAuthentication: true,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      backupRetention: Duration.days(7),
      preferredBackupWindow: '02:00-03:00',
      preferredMaintenanceWindow: 'sun:03:30-sun:04:30',
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      enablePerformanceInsights: true,
      performanceInsightRetention: rds.PerformanceInsightRetention.DEFAULT,
      performanceInsightEncryptionKey: this.encryptionKey,
      cloudwatchLogsExports: ['postgresql', 'upgrade'],
      // OS-level metrics (CPU steal, memory, I/O per process) that CloudWatch's hypervisor metrics lack.
      monitoringInterval: Duration.seconds(60),
    });
    new StreamFlixDatabaseBackup(this, 'Backup', { instance: this.instance });
    this.secret = this.instance.secret!; // always set: RDS manages the password (MasterUserSecret.SecretArn)
  }

  /** Lets the given security group open PostgreSQL connections to the database. */
  public allowConnectionsFrom(peer: ec2.ISecurityGroup): void {
    peer.connections.allowTo(this.securityGroup, ec2.Port.tcp(POSTGRES_PORT), 'PostgreSQL to the content database');
  }
}

/**
 * RDS names instance classes `db.<class>`, while the L2 adds the `db.` prefix itself. A literal is checked
 * and stripped here; a token (a provisioning parameter) is stripped in CloudFormation.
 */
function toEc2InstanceType(scope: Construct, rdsInstanceClass: string): ec2.InstanceType {
  if (Token.isUnresolved(rdsInstanceClass)) {
    return new ec2.InstanceType(Fn.select(1, Fn.split('db.', rdsInstanceClass)));
  }
  if (!/^db\.[a-z0-9-]+\.[a-z0-9]+$/.test(rdsInstanceClass)) {
    throw new Error(
      `${scope.node.path}: dbInstanceType '${rdsInstanceClass}' is not an RDS instance class. Fix: use the db. form, such as 'db.t4g.medium'.`,
    );
  }
  return new ec2.InstanceType(rdsInstanceClass.slice('db.'.length));
}
