import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { createEncryptedLogGroup } from './encrypted-logs';
import { StreamFlixNetwork } from './network';

/** Properties of {@link StreamFlixCache}. */
export interface StreamFlixCacheProps {
  /** The network the cache lives in (isolated subnets). */
  readonly network: StreamFlixNetwork;
  /**
   * ElastiCache node type. May be a token.
   * @default 'cache.t4g.small'
   */
  readonly nodeType?: string;
}

const REDIS_PORT = 6379;

/**
 * The metadata cache: an ElastiCache Redis OSS replication group with a primary and a replica in different
 * AZs, automatic failover, encryption at rest (customer-managed key) and TLS-only connections with AUTH.
 *
 * The L1 is used because aws-cdk-lib has no L2 for replication groups.
 */
export class StreamFlixCache extends Construct {
  public readonly replicationGroup: elasticache.CfnReplicationGroup;
  /** JSON secret whose `authToken` field is the Redis AUTH token. */
  public readonly authSecret: secretsmanager.Secret;
  public readonly encryptionKey: kms.Key;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly slowLogGroup: logs.LogGroup;
  public readonly port = REDIS_PORT;

  constructor(scope: Construct, id: string, props: StreamFlixCacheProps) {
    super(scope, id);
    const { vpc, logsKey } = props.network;

    this.encryptionKey = new kms.Key(this, 'Key', {
      description: 'StreamFlix: encrypts the Redis data at rest and its AUTH token',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.authSecret = new secretsmanager.Secret(this, 'AuthToken', {
      description: 'StreamFlix Redis AUTH token',
      encryptionKey: this.encryptionKey,
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'authToken',
        excludePunctuation: true, // Redis AUTH accepts only a subset of printable characters
        passwordLength: 64,
      },
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'StreamFlix Redis: accepts only the API tasks',
      allowAllOutbound: false,
    });

    const subnetGroup = new elasticache.CfnSubnetGroup(this, 'SubnetGroup', {
      description: 'StreamFlix Redis: isolated subnets in every AZ',
      subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });

    this.slowLogGroup = createEncryptedLogGroup(this, 'SlowLogGroup', logsKey);

    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: 'StreamFlix content metadata cache',
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: props.nodeType ?? 'cache.t4g.small',
      numCacheClusters: 2, // primary + one replica, placed in different AZs
      multiAzEnabled: true,
      automaticFailoverEnabled: true,
      cacheSubnetGroupName: subnetGroup.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      port: REDIS_PORT,
      atRestEncryptionEnabled: true,
      kmsKeyId: this.encryptionKey.keyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      // Rendered as a {{resolve:secretsmanager:...}} dynamic reference: the token never enters the template.
      authToken: this.authSecret.secretValueFromJson('authToken').unsafeUnwrap(),
      autoMinorVersionUpgrade: true,
      snapshotRetentionLimit: 15, // NIST 800-53 / HIPAA packs expect at least 15 days
      snapshotWindow: '02:00-03:00',
      preferredMaintenanceWindow: 'sun:04:30-sun:05:30',
      logDeliveryConfigurations: [
        {
          destinationType: 'cloudwatch-logs',
          logFormat: 'json',
          logType: 'slow-log',
          destinationDetails: { cloudWatchLogsDetails: { logGroup: this.slowLogGroup.logGroupName } },
        },
      ],
    });
  }

  /** Lets the given security group open Redis connections to the cache. */
  public allowConnectionsFrom(peer: ec2.ISecurityGroup): void {
    peer.connections.allowTo(this.securityGroup, ec2.Port.tcp(REDIS_PORT), 'Redis (TLS) to the metadata cache');
  }

  /** Host name of the primary endpoint. */
  public get primaryEndpointAddress(): string {
    return this.replicationGroup.attrPrimaryEndPointAddress;
  }
}
