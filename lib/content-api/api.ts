import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpAlbIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { StreamFlixCompute } from './compute';
import { LISTENER_PORT } from './load-balancer';
import { createEncryptedLogGroup } from './encrypted-logs';
import { StreamFlixNetwork } from './network';
import { closedEgressSecurityGroup } from './closed-egress';

/** One JSON line per request, with the $context variables HTTP APIs support (REST API fields would log '-'). */
const HTTP_API_ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    requestTime: '$context.requestTime',
    httpMethod: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** Properties of {@link StreamFlixApi}. */
export interface StreamFlixApiProps {
  /** The VPC whose private subnets hold the VPC link, and the key of the access-log group. */
  readonly network: StreamFlixNetwork;
  /** The internal load balancer the API forwards to. */
  readonly compute: StreamFlixCompute;
  /**
   * Name of the HTTP API. May be a token.
   * @default - the construct id
   */
  readonly apiName?: string;
  /**
   * Steady-state request rate limit of the default stage, requests per second.
   * @default 500
   */
  readonly throttlingRateLimit?: number;
  /**
   * Burst limit of the default stage, requests.
   * @default 1000
   */
  readonly throttlingBurstLimit?: number;
}

/**
 * The public entry point: an API Gateway HTTP API that reaches the internal ALB through a VPC link, with
 * throttling and access logs on its default stage.
 */
export class StreamFlixApi extends Construct {
  public readonly httpApi: apigwv2.HttpApi;
  public readonly stage: apigwv2.HttpStage;
  public readonly vpcLink: apigwv2.VpcLink;
  public readonly vpcLinkSecurityGroup: ec2.SecurityGroup;
  public readonly accessLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: StreamFlixApiProps) {
    super(scope, id);
    const { vpc, logsKey } = props.network;
    const { compute } = props;

    this.vpcLinkSecurityGroup = closedEgressSecurityGroup(this, 'VpcLinkSecurityGroup', {
      vpc,
      description: 'StreamFlix API Gateway VPC link: talks only to the internal ALB listener',
    });
    this.vpcLinkSecurityGroup.connections.allowTo(
      compute.loadBalancerSecurityGroup,
      ec2.Port.tcp(LISTENER_PORT),
      'API Gateway VPC link to the ALB listener',
    );

    this.vpcLink = new apigwv2.VpcLink(this, 'VpcLink', {
      vpc,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.vpcLinkSecurityGroup],
    });

    const integration = new HttpAlbIntegration('AlbIntegration', compute.listener, { vpcLink: this.vpcLink });
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: props.apiName,
      description: 'StreamFlix content metadata API',
      defaultIntegration: integration,
      // Everything but GET (the catalogue team's PUT writes, and any other method) must be SigV4-signed by
      // an IAM principal allowed execute-api:Invoke; the reads below stay open.
      defaultAuthorizer: new HttpIamAuthorizer(),
      // The stage is created below so it can carry throttling and access logs.
      createDefaultStage: false,
    });
    this.httpApi.addRoutes({
      path: '/{proxy+}',
      methods: [apigwv2.HttpMethod.GET],
      integration,
      authorizer: new apigwv2.HttpNoneAuthorizer(),
    });

    this.accessLogGroup = createEncryptedLogGroup(this, 'AccessLogGroup', logsKey);
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: {
        rateLimit: props.throttlingRateLimit ?? 500,
        burstLimit: props.throttlingBurstLimit ?? 1000,
      },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: HTTP_API_ACCESS_LOG_FORMAT,
      },
    });
  }

  /** Invoke URL of the default stage. */
  public get url(): string {
    return this.stage.url;
  }
}
