import { Tags } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { StreamFlixApi } from './api';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { ApiServiceOptions, StreamFlixCompute } from './compute';
import { StreamFlixData } from './data';
import { StreamFlixNetwork } from './network';

/**
 * Properties of {@link ContentApi}.
 *
 * Every property may be a token (for example a `CfnParameter` value when the construct is published as a
 * Service Catalog product); literal values are validated at synth time, tokens by their parameter's constraints.
 */
export interface ContentApiProps extends ApiServiceOptions {
  /**
   * Name of the environment (for example `dev`, `prod`); tags every resource and names the HTTP API.
   * @default 'dev'
   */
  readonly environmentName?: string;
  /**
   * RDS instance class of the PostgreSQL database, with the `db.` prefix.
   * @default 'db.t4g.medium'
   */
  readonly dbInstanceType?: string;
  /**
   * ElastiCache node type of the Redis cache.
   * @default 'cache.t4g.small'
   */
  readonly cacheNodeType?: string;
  /**
   * Deletion protection of the database and the load balancer. May be a token: the Service Catalog product
   * turns it on for `prod` unless termination is allowed (lib/catalog/termination.ts).
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * The whole StreamFlix content-metadata API: network, data, compute and API tiers in one construct, so it
 * can be deployed by a stack or published inside a Service Catalog product stack.
 */
export class ContentApi extends Construct {
  public readonly network: StreamFlixNetwork;
  public readonly data: StreamFlixData;
  public readonly compute: StreamFlixCompute;
  public readonly api: StreamFlixApi;

  public readonly vpc: ec2.Vpc;
  public readonly database: rds.DatabaseInstance;
  public readonly dbSecret: secretsmanager.ISecret;
  public readonly cacheReplicationGroup: elasticache.CfnReplicationGroup;
  public readonly cacheAuthSecret: secretsmanager.ISecret;
  public readonly cluster: ecs.Cluster;
  public readonly service: ecs.FargateService;
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  public readonly httpApi: apigwv2.HttpApi;
  /** Invoke URL of the API. */
  public readonly apiUrl: string;

  constructor(scope: Construct, id: string, props: ContentApiProps = {}) {
    super(scope, id);
    const environmentName = props.environmentName ?? 'dev';

    this.network = new StreamFlixNetwork(this, 'Network');
    this.data = new StreamFlixData(this, 'Data', {
      network: this.network,
      dbInstanceType: props.dbInstanceType,
      cacheNodeType: props.cacheNodeType,
      deletionProtection: props.deletionProtection,
    });
    // ContentApiProps extends the service options; the compute tier reads only those.
    this.compute = new StreamFlixCompute(this, 'Compute', { ...props, network: this.network, data: this.data });
    this.api = new StreamFlixApi(this, 'Api', {
      network: this.network,
      compute: this.compute,
      apiName: `streamflix-content-api-${environmentName}`,
    });

    // CloudFormation accepts tags on these two types, but the installed cfn-lint's schema does not yet (E3002);
    // they carry no cost-allocation value, so they are skipped instead of silencing the check.
    const tagOptions = { excludeResourceTypes: ['AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::ElasticLoadBalancingV2::Listener'] };
    Tags.of(this).add('Application', 'streamflix-content-api', tagOptions);
    Tags.of(this).add('Environment', environmentName, tagOptions);

    this.vpc = this.network.vpc;
    this.database = this.data.database.instance;
    this.dbSecret = this.data.database.secret;
    this.cacheReplicationGroup = this.data.cache.replicationGroup;
    this.cacheAuthSecret = this.data.cache.authSecret;
    this.cluster = this.compute.cluster;
    this.service = this.compute.service;
    this.loadBalancer = this.compute.loadBalancer;
    this.httpApi = this.api.httpApi;
    this.apiUrl = this.api.url;
    acknowledgeNagFindings(this);
  }
}
