import { getAtt, ref, synthesizeBlueprint } from './blueprint';

const { stack, template, logicalId } = synthesizeBlueprint();
const { api, compute, network } = stack.contentApi;

describe('HTTP API', () => {
  test('one HTTP API, the only public entry point', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP', Name: 'streamflix-content-api-dev' });
  });

  test('the VPC link sits in the private subnets with its own security group', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::VpcLink', {
      SubnetIds: network.vpc.privateSubnets.map((s) => ref(logicalId(s))),
      SecurityGroupIds: [getAtt(logicalId(api.vpcLinkSecurityGroup), 'GroupId')],
    });
  });

  test('every request goes through the VPC link to the internal ALB listener', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: ref(logicalId(api.httpApi)),
      IntegrationType: 'HTTP_PROXY',
      ConnectionType: 'VPC_LINK',
      ConnectionId: ref(logicalId(api.vpcLink)),
      IntegrationUri: ref(logicalId(compute.listener)),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
  });

  test('the default stage throttles and writes access logs to an encrypted log group', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: ref(logicalId(api.httpApi)),
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
      AccessLogSettings: { DestinationArn: getAtt(logicalId(api.accessLogGroup), 'Arn') },
    });
    expect(template.toJSON().Resources[logicalId(api.accessLogGroup)].Properties).toMatchObject({
      KmsKeyId: getAtt(logicalId(network.logsKey), 'Arn'),
      RetentionInDays: 90,
    });
  });
});

describe('stack outputs', () => {
  test('give an operator the endpoints, secrets and names', () => {
    const outputs = template.toJSON().Outputs;
    expect(Object.keys(outputs).sort()).toEqual([
      'ApiUrl',
      'CacheAuthSecretArn',
      'CachePrimaryEndpoint',
      'ClusterName',
      'DatabaseEndpoint',
      'DatabaseSecretArn',
      'LoadBalancerDnsName',
      'ServiceName',
      'VpcId',
    ]);
    expect(outputs.ApiUrl.Value).toEqual({
      'Fn::Join': ['', ['https://', ref(logicalId(api.httpApi)), '.execute-api.eu-west-1.', ref('AWS::URLSuffix'), '/']],
    });
    expect(outputs.CacheAuthSecretArn.Value).toEqual(ref(logicalId(stack.contentApi.data.cache.authSecret)));
  });
});
