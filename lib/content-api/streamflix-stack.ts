import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ContentApi, ContentApiProps } from './content-api';

/** Properties of {@link StreamFlixStack}. */
export interface StreamFlixStackProps extends StackProps {
  /**
   * Configuration of the content API.
   * @default - the defaults of {@link ContentApiProps}
   */
  readonly contentApi?: ContentApiProps;
}

/** Deploys the StreamFlix content-metadata API and prints what an operator needs. */
export class StreamFlixStack extends Stack {
  public readonly contentApi: ContentApi;

  constructor(scope: Construct, id: string, props: StreamFlixStackProps = {}) {
    super(scope, id, props);
    this.contentApi = new ContentApi(this, 'ContentApi', props.contentApi);
    const { contentApi } = this;
    const { cache } = contentApi.data;

    const outputs: Record<string, [string, string]> = {
      ApiUrl: [contentApi.apiUrl, 'Invoke URL of the content metadata API'],
      LoadBalancerDnsName: [contentApi.loadBalancer.loadBalancerDnsName, 'DNS name of the internal ALB (VPC only)'],
      DatabaseEndpoint: [contentApi.database.dbInstanceEndpointAddress, 'PostgreSQL endpoint (VPC only, TLS required)'],
      DatabaseSecretArn: [contentApi.dbSecret.secretArn, 'Secrets Manager secret with the PostgreSQL credentials'],
      CachePrimaryEndpoint: [cache.primaryEndpointAddress, 'Redis primary endpoint (VPC only, TLS + AUTH)'],
      CacheAuthSecretArn: [contentApi.cacheAuthSecret.secretArn, 'Secrets Manager secret with the Redis AUTH token'],
      ClusterName: [contentApi.cluster.clusterName, 'ECS cluster'],
      ServiceName: [contentApi.service.serviceName, 'ECS service'],
      VpcId: [contentApi.vpc.vpcId, 'VPC'],
    };
    for (const [outputId, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, outputId, { value, description });
    }
  }
}
