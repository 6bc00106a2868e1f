import { Stage } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import * as fs from 'fs';
import { getAtt, ref, synthesizeBlueprint } from './blueprint';

const { stack, template, logicalId } = synthesizeBlueprint();
const { compute, network, data } = stack.contentApi;
const privateSubnets = network.vpc.privateSubnets.map((s) => ref(logicalId(s)));
const taskDefinition = template.toJSON().Resources[logicalId(compute.taskDefinition)];
const [container] = taskDefinition.Properties.ContainerDefinitions;
const service = template.toJSON().Resources[logicalId(compute.service)];

describe('ECS cluster and task definition', () => {
  test('the cluster has enhanced Container Insights', () => {
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enhanced' }],
    });
  });

  test('Fargate task with the default size and separate task and execution roles', () => {
    expect(taskDefinition.Properties).toMatchObject({
      RequiresCompatibilities: ['FARGATE'],
      NetworkMode: 'awsvpc',
      Cpu: '512',
      Memory: '1024',
      TaskRoleArn: getAtt(logicalId(compute.taskRole), 'Arn'),
      ExecutionRoleArn: getAtt(logicalId(compute.executionRole), 'Arn'),
    });
    expect(logicalId(compute.taskRole)).not.toBe(logicalId(compute.executionRole));
  });

  test('the image comes from a registry, no Docker asset is built', () => {
    expect(container.Image).toBe('nginxinc/nginx-unprivileged:stable-alpine');
    const assembly = Stage.of(stack)!.synth();
    const assetManifests = assembly.artifacts.filter((a) => a instanceof cxapi.AssetManifestArtifact);
    expect(assetManifests).toHaveLength(1);
    const manifest = JSON.parse(fs.readFileSync((assetManifests[0] as cxapi.AssetManifestArtifact).file, 'utf8'));
    expect(manifest.dockerImages).toEqual({});
  });

  test('runs as a non-root user on a read-only root filesystem with ephemeral scratch volumes', () => {
    expect(container.User).toBe('101');
    expect(container.ReadonlyRootFilesystem).toBe(true);
    expect(container.MountPoints).toEqual([
      { ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'tmp' },
      { ContainerPath: '/var/cache/nginx', ReadOnly: false, SourceVolume: 'nginx-cache' },
    ]);
    expect(taskDefinition.Properties.Volumes).toEqual([{ Name: 'tmp' }, { Name: 'nginx-cache' }]);
  });

  test('a non-essential init container opens the root-owned Fargate scratch volumes before the API starts', () => {
    const init = taskDefinition.Properties.ContainerDefinitions.find((c: { Name: string }) => c.Name === 'ScratchInit');
    expect(init).toMatchObject({
      Essential: false, User: '0', ReadonlyRootFilesystem: true,
      Command: ['chmod', '1777', '/tmp', '/var/cache/nginx'],
      MountPoints: container.MountPoints,
      LogConfiguration: { LogDriver: 'awslogs' },
    });
    expect(container.DependsOn).toEqual([{ ContainerName: 'ScratchInit', Condition: 'SUCCESS' }]);
  });

  test('credentials arrive as ECS secrets from the specific Secrets Manager secrets', () => {
    const dbSecretArn = getAtt(logicalId(data.database.instance), 'MasterUserSecret.SecretArn'); // managed by RDS
    expect(container.Secrets).toEqual([
      { Name: 'DB_USERNAME', ValueFrom: { 'Fn::Join': ['', [dbSecretArn, ':username::']] } },
      { Name: 'DB_PASSWORD', ValueFrom: { 'Fn::Join': ['', [dbSecretArn, ':password::']] } },
      { Name: 'REDIS_AUTH_TOKEN', ValueFrom: { 'Fn::Join': ['', [ref(logicalId(data.cache.authSecret)), ':authToken::']] } },
    ]);
  });

  test('plain environment variables carry only endpoints and switches, never credentials', () => {
    const names = (container.Environment as { Name: string }[]).map((e) => e.Name).sort();
    expect(names).toEqual(['DB_HOST', 'DB_NAME', 'DB_PORT', 'DB_SSLMODE', 'REDIS_HOST', 'REDIS_PORT', 'REDIS_TLS']);
    expect(names.filter((n) => /PASSWORD|SECRET|TOKEN|USER/.test(n))).toEqual([]);
  });

  test('logs go to the encrypted container log group', () => {
    expect(container.LogConfiguration).toEqual({
      LogDriver: 'awslogs',
      Options: { 'awslogs-group': ref(logicalId(compute.logGroup)), 'awslogs-stream-prefix': 'api', 'awslogs-region': 'eu-west-1', mode: 'non-blocking' },
    });
    expect(template.toJSON().Resources[logicalId(compute.logGroup)].Properties).toMatchObject({
      KmsKeyId: getAtt(logicalId(network.logsKey), 'Arn'),
      RetentionInDays: 90,
    });
  });

  test('the container has a health check on its port', () => {
    expect(container.PortMappings).toEqual([{ ContainerPort: 8080, Protocol: 'tcp' }]);
    expect(container.HealthCheck).toMatchObject({
      Command: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1'],
      Retries: 3,
    });
  });
});

describe('Fargate service', () => {
  test('two tasks in the private subnets without public IPs', () => {
    expect(service.Properties).toMatchObject({
      LaunchType: 'FARGATE',
      DesiredCount: 2,
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: 'DISABLED',
          Subnets: privateSubnets,
          SecurityGroups: [getAtt(logicalId(compute.taskSecurityGroup), 'GroupId')],
        },
      },
    });
  });

  test('deployments roll back on failure and keep full capacity', () => {
    expect(service.Properties.DeploymentConfiguration).toEqual({
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      MaximumPercent: 200,
      MinimumHealthyPercent: 100,
    });
  });

  test('registered in the ALB target group', () => {
    expect(service.Properties.LoadBalancers).toEqual([{
      ContainerName: 'Api',
      ContainerPort: 8080,
      TargetGroupArn: ref(logicalId(compute.targetGroup)),
    }]);
  });

  test('autoscales between 2 and 6 tasks on CPU and on requests per target', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 2,
      MaxCapacity: 6,
      ScalableDimension: 'ecs:service:DesiredCount',
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: 60,
      }),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }),
        TargetValue: 500,
      }),
    });
  });
});

describe('internal Application Load Balancer', () => {
  test('is internal, in the private subnets, with its own SG and invalid headers dropped', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Type: 'application',
      Scheme: 'internal',
      Subnets: privateSubnets,
      SecurityGroups: [getAtt(logicalId(compute.loadBalancerSecurityGroup), 'GroupId')],
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }]),
    });
    template.resourcePropertiesCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internet-facing' }, 0);
  });

  test('listens on HTTP 80 and health-checks the tasks', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(logicalId(compute.targetGroup)) }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Port: 8080,
      Protocol: 'HTTP',
      HealthCheckPath: '/',
      Matcher: { HttpCode: '200-399' },
    });
  });
});

describe('load balancer hardening', () => {
  test('the ALB has deletion protection', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'true' }]),
    });
  });

  test('a regional WAF web ACL with AWS managed rule groups protects the ALB and logs to an encrypted group', () => {
    const acls = template.findResources('AWS::WAFv2::WebACL');
    expect(Object.keys(acls)).toHaveLength(1);
    const [aclId] = Object.keys(acls);
    const acl = acls[aclId].Properties;
    expect(acl.Scope).toBe('REGIONAL');
    expect(acl.Rules.map((r: { Name: string }) => r.Name)).toEqual([
      'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesSQLiRuleSet',
    ]);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: ref(logicalId(compute.loadBalancer)),
      WebACLArn: getAtt(aclId, 'Arn'),
    });
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', { ResourceArn: getAtt(aclId, 'Arn') });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['aws-waf-logs-', { Ref: 'AWS::StackName' }]] },
      KmsKeyId: getAtt(logicalId(network.logsKey), 'Arn'),
    });
  });
});
