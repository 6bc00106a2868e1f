import * as path from 'path';
import { Aws, Duration, Token } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CONTAINER_USER, ENV, EnvName, REQUIRED_ENV, STOP_TIMEOUT_SECONDS } from '../../service/src/contract';
import { StreamFlixCache } from './cache';
import { StreamFlixDatabase } from './database';

/** The service's source: the direct-deploy stack builds it as a Docker image asset (Docker runs only in `cdk deploy`). */
export const SERVICE_DIRECTORY = path.join(__dirname, '..', '..', 'service');

/** Properties of {@link StreamFlixApiContainer}. */
export interface StreamFlixApiContainerProps {
  /** The task definition the container is added to. */
  readonly taskDefinition: ecs.FargateTaskDefinition;
  /** Where the container's output goes (awslogs driver). */
  readonly logGroup: logs.ILogGroup;
  /** The database whose endpoint and secret ARN the container is given. */
  readonly database: StreamFlixDatabase;
  /** The cache whose endpoint and AUTH-token secret ARN the container is given. */
  readonly cache: StreamFlixCache;
  /**
   * The published image of `service/` (for example an ECR URI with a tag or digest). May be a token.
   * @default - built from `service/` as a Docker image asset
   */
  readonly containerImage?: string;
  /** Port the service listens on (a token when it is a parameter). */
  readonly containerPort: number;
  /**
   * Non-root user (UID or UID:GID) the container runs as.
   * @default CONTAINER_USER, the image's distroless `nonroot` user
   */
  readonly containerUser?: string;
}

/**
 * The content-metadata API container, configured through the service's contract (service/src/contract.ts):
 * endpoints and the ARNs of the two secrets as plain variables, no credential in the task definition (the
 * service reads them from Secrets Manager at run time, so a rotation reaches running tasks), a health check
 * that needs no shell, and a stop timeout that covers the graceful shutdown.
 */
export class StreamFlixApiContainer extends Construct {
  public readonly container: ecs.ContainerDefinition;
  /** The plain environment handed to the service, keyed by the contract's names. */
  public readonly environment: Readonly<Record<EnvName, string>>;

  constructor(scope: Construct, id: string, props: StreamFlixApiContainerProps) {
    super(scope, id);
    const { database, cache, containerPort } = props;
    const environment: Partial<Record<EnvName, string>> = {
      [ENV.port]: Token.isUnresolved(containerPort) ? Token.asString(containerPort) : String(containerPort),
      [ENV.logLevel]: 'info',
      [ENV.awsRegion]: Aws.REGION,
      [ENV.dbHost]: database.instance.dbInstanceEndpointAddress,
      [ENV.dbPort]: database.instance.dbInstanceEndpointPort,
      [ENV.dbName]: database.databaseName,
      [ENV.dbSecretArn]: database.secret.secretArn,
      [ENV.redisHost]: cache.primaryEndpointAddress,
      [ENV.redisPort]: cache.replicationGroup.attrPrimaryEndPointPort,
      [ENV.redisSecretArn]: cache.authSecret.secretArn,
    };
    const missing = REQUIRED_ENV.filter((name) => environment[name] === undefined);
    if (missing.length)
      throw new Error(`${this.node.path}: the service contract requires ${missing.join(', ')}. Fix: set them in StreamFlixApiContainer.`);
    this.environment = environment as Record<EnvName, string>;

    this.container = props.taskDefinition.addContainer('Api', {
      image:
        props.containerImage === undefined
          ? ecs.ContainerImage.fromAsset(SERVICE_DIRECTORY, { platform: Platform.LINUX_AMD64 })
          : ecs.ContainerImage.fromRegistry(props.containerImage),
      user: props.containerUser ?? CONTAINER_USER,
      readonlyRootFilesystem: true,
      essential: true,
      portMappings: [{ containerPort, protocol: ecs.Protocol.TCP }],
      logging: ecs.LogDrivers.awsLogs({ logGroup: props.logGroup, streamPrefix: 'api', mode: ecs.AwsLogDriverMode.NON_BLOCKING }),
      environment: this.environment,
      // SIGTERM drains, finishes in-flight requests and closes the pools well within this (see the contract).
      stopTimeout: Duration.seconds(STOP_TIMEOUT_SECONDS),
      healthCheck: {
        // The image is distroless (no shell, wget or curl): a small node script probes the liveness path.
        command: ['CMD', '/nodejs/bin/node', '/app/dist/healthcheck.js'],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(30),
      },
    });
  }

  /**
   * Lets the task read exactly the two secrets the service reads (GetSecretValue on their ARNs, and decrypt
   * with their keys only through Secrets Manager).
   */
  public grantSecretReads(taskRole: iam.IRole, database: StreamFlixDatabase, cache: StreamFlixCache): void {
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadServiceCredentials',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [database.secret.secretArn, cache.authSecret.secretArn],
      }),
    );
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DecryptServiceCredentials',
        actions: ['kms:Decrypt'],
        resources: [database.encryptionKey.keyArn, cache.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` } },
      }),
    );
  }
}
