import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { StreamFlixLoadBalancer } from './load-balancer';
import { StreamFlixData } from './data';
import { createEncryptedLogGroup } from './encrypted-logs';
import { StreamFlixNetwork } from './network';
import { StreamFlixApiContainer } from './api-container';
import { CONTAINER_PORT, CONTAINER_USER, DEREGISTRATION_DELAY_SECONDS, READINESS_PATH } from '../../service/src/contract';

/** Defaults shared with {@link ContentApiProps}; the container's port, user and paths come from the service contract. */
export const COMPUTE_DEFAULTS = {
  containerPort: CONTAINER_PORT,
  containerUser: CONTAINER_USER,
  cpu: 512,
  memory: 1024,
  desiredCount: 2,
  maxCount: 6,
  healthCheckPath: READINESS_PATH,
} as const;

/** How the API service runs: image, size and task counts. Every value may be a token. */
export interface ApiServiceOptions {
  /**
   * Published image of the content-metadata API (`service/`), as a registry reference such as an ECR URI
   * with a tag or digest. It runs as a non-root user on a read-only root filesystem.
   * @default - `service/` built as a Docker image asset by `cdk deploy` (synthesis needs no Docker)
   */
  readonly containerImage?: string;
  /**
   * Port the container listens on.
   * @default 8080
   */
  readonly containerPort?: number;
  /**
   * Non-root user (UID or UID:GID) the container runs as.
   * @default '65532:65532' (the image's distroless `nonroot` user)
   */
  readonly containerUser?: string;
  /**
   * Task CPU units (a valid Fargate CPU value).
   * @default 512
   */
  readonly cpu?: number;
  /**
   * Task memory in MiB (valid for the chosen CPU).
   * @default 1024
   */
  readonly memory?: number;
  /**
   * Tasks to run normally; at least 2 so every deployment spans two AZs.
   * @default 2
   */
  readonly desiredCount?: number;
  /**
   * Maximum number of tasks autoscaling may run (the minimum is always 2).
   * @default 6
   */
  readonly maxCount?: number;
  /**
   * HTTP path the load balancer's health check probes (the service's readiness path).
   * @default '/readyz'
   */
  readonly healthCheckPath?: string;
}

/** Properties of {@link StreamFlixCompute}. */
export interface StreamFlixComputeProps extends ApiServiceOptions {
  /** The VPC (private subnets for tasks and load balancer), its interface endpoints and the logs key. */
  readonly network: StreamFlixNetwork;
  /** Endpoints and credentials of these stores are handed to the container. */
  readonly data: StreamFlixData;
  /**
   * ALB deletion protection. May be a token (the product turns it on for `prod` only, see lib/catalog/termination.ts).
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * The compute tier: a Fargate service in the private subnets behind an internal Application Load Balancer.
 */
export class StreamFlixCompute extends Construct {
  public readonly cluster: ecs.Cluster;
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  public readonly container: ecs.ContainerDefinition;
  public readonly service: ecs.FargateService;
  public readonly taskRole: iam.Role;
  public readonly executionRole: iam.Role;
  public readonly taskSecurityGroup: ec2.SecurityGroup;
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  public readonly loadBalancerSecurityGroup: ec2.SecurityGroup;
  public readonly listener: elbv2.ApplicationListener;
  public readonly targetGroup: elbv2.ApplicationTargetGroup;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: StreamFlixComputeProps) {
    super(scope, id);
    const { network, data } = props;
    const { vpc } = network;
    const { database, cache } = data;
    const containerPort = props.containerPort ?? COMPUTE_DEFAULTS.containerPort;
    const desiredCount = props.desiredCount ?? COMPUTE_DEFAULTS.desiredCount;
    const maxCount = props.maxCount ?? COMPUTE_DEFAULTS.maxCount;
    const healthCheckPath = props.healthCheckPath ?? COMPUTE_DEFAULTS.healthCheckPath;
    validateTaskCounts(this, desiredCount, maxCount);

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENHANCED,
    });

    this.taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: ecsTasksPrincipal(this),
      description: 'StreamFlix API task: reads the database and cache credentials from Secrets Manager',
    });
    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'StreamFlix API task execution: pulls the image, writes logs',
    });
    // A registry image may be a private ECR repository; the Docker asset gets CDK's grant on its own repository.
    if (props.containerImage !== undefined) grantPrivateEcrPull(this.executionRole);

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: props.cpu ?? COMPUTE_DEFAULTS.cpu,
      memoryLimitMiB: props.memory ?? COMPUTE_DEFAULTS.memory,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
      taskRole: this.taskRole,
      executionRole: this.executionRole,
    });

    this.logGroup = createEncryptedLogGroup(this, 'LogGroup', network.logsKey);

    // The container and its credentials: see api-container.ts and the service's contract.
    const api = new StreamFlixApiContainer(this, 'ApiContainer', {
      taskDefinition: this.taskDefinition,
      logGroup: this.logGroup,
      database,
      cache,
      containerImage: props.containerImage,
      containerPort,
      containerUser: props.containerUser,
    });
    this.container = api.container;
    api.grantSecretReads(this.taskRole, database, cache);

    this.taskSecurityGroup = new ec2.SecurityGroup(this, 'TaskSecurityGroup', {
      vpc,
      description: 'StreamFlix API tasks',
      allowAllOutbound: false,
    });
    // An image from a public registry (a product's ContainerImage may name one) is pulled over HTTPS through
    // the NAT gateways; AWS APIs (ECR, Logs, Secrets Manager) go through the interface endpoints instead.
    this.taskSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to public image registries via NAT');
    network.allowEndpointAccessFrom(this.taskSecurityGroup);
    database.allowConnectionsFrom(this.taskSecurityGroup);
    cache.allowConnectionsFrom(this.taskSecurityGroup);

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount,
      minHealthyPercent: 100, // never drop below the Multi-AZ minimum while deploying
      maxHealthyPercent: 200,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      securityGroups: [this.taskSecurityGroup],
      circuitBreaker: { enable: true, rollback: true },
      availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing.ENABLED,
      healthCheckGracePeriod: Duration.seconds(60),
      platformVersion: ecs.FargatePlatformVersion.LATEST,
    });

    const loadBalancer = new StreamFlixLoadBalancer(this, 'LoadBalancer', {
      vpc,
      logsKey: network.logsKey,
      deletionProtection: props.deletionProtection,
    });
    this.loadBalancer = loadBalancer;
    this.loadBalancerSecurityGroup = loadBalancer.securityGroup;
    this.listener = loadBalancer.listener;
    this.targetGroup = this.listener.addTargets('Api', {
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service.loadBalancerTarget({ containerName: this.container.containerName, containerPort })],
      // ECS waits this long for connections to drain before it sends SIGTERM (then the task's stop timeout).
      deregistrationDelay: Duration.seconds(DEREGISTRATION_DELAY_SECONDS),
      healthCheck: {
        path: healthCheckPath,
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });

    const scaling = this.service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: maxCount });
    scaling.scaleOnCpuUtilization('CpuScaling', {
      targetUtilizationPercent: 60,
      scaleInCooldown: Duration.seconds(120),
      scaleOutCooldown: Duration.seconds(60),
    });
    scaling.scaleOnRequestCount('RequestCountScaling', {
      targetGroup: this.targetGroup,
      requestsPerTarget: 500,
      scaleInCooldown: Duration.seconds(120),
      scaleOutCooldown: Duration.seconds(60),
    });
  }
}

/**
 * `ContainerImage.fromRegistry` grants nothing, yet the image may be a private ECR repository (the README's
 * provisioning example): ECS then pulls it with the execution role. Scoped to the repositories of this
 * account and region; public registries (Docker Hub, ECR Public) need no IAM permission.
 */
function grantPrivateEcrPull(role: iam.Role): void {
  const stack = Stack.of(role);
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'PullPrivateEcrImages',
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      resources: [stack.formatArn({ service: 'ecr', resource: 'repository', resourceName: '*' })],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'EcrRegistryLogin',
      actions: ['ecr:GetAuthorizationToken'], // registry-wide token: no resource-level permission exists
      resources: ['*'],
    }),
  );
}

/** ecs-tasks may assume the task role only for tasks of this account (confused-deputy guard). */
function ecsTasksPrincipal(scope: Construct): iam.IPrincipal {
  const stack = Stack.of(scope);
  return new iam.ServicePrincipal('ecs-tasks.amazonaws.com').withConditions({
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'ecs', resource: '*' }) },
  });
}

/** Rejects literal task counts that would break Multi-AZ; tokens are validated by their parameter constraints. */
function validateTaskCounts(scope: Construct, desiredCount: number, maxCount: number): void {
  const reject = (what: string, fix: string) => {
    throw new Error(`${scope.node.path}: ${what}. Fix: ${fix}.`);
  };
  if (!Token.isUnresolved(desiredCount) && desiredCount < 2) {
    reject(`desiredCount is ${desiredCount}, but the service needs at least 2 tasks to span two AZs`, 'set desiredCount to 2 or more');
  }
  if (!Token.isUnresolved(maxCount) && maxCount < 2) {
    reject(`maxCount is ${maxCount}, below the autoscaling minimum of 2`, 'set maxCount to 2 or more');
  }
  if (!Token.isUnresolved(desiredCount) && !Token.isUnresolved(maxCount) && maxCount < desiredCount) {
    reject(`maxCount (${maxCount}) is lower than desiredCount (${desiredCount})`, 'raise maxCount to at least desiredCount');
  }
}
