import { Match } from 'aws-cdk-lib/assertions';
import { getAtt, ref, synthesizeBlueprint } from './blueprint';

const { stack, template, logicalId } = synthesizeBlueprint();
const { compute, network } = stack.contentApi;
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

  test('the image is service/ built as a Docker image asset (contract details: service-contract.test.ts)', () => {
    expect(JSON.stringify(container.Image)).toMatch(/container-assets/);
  });

  test('runs as the non-root distroless user on a read-only root filesystem, with no scratch volumes or init container', () => {
    expect(container.User).toBe('65532:65532');
    expect(container.ReadonlyRootFilesystem).toBe(true);
    expect(container.MountPoints).toBeUndefined();
    expect(taskDefinition.Properties.Volumes).toBeUndefined();
    expect(taskDefinition.Properties.ContainerDefinitions).toHaveLength(1);
  });

  test('no ECS secrets: the service reads its credentials from Secrets Manager at run time', () => {
    expect(container.Secrets).toBeUndefined();
  });

  test('plain environment variables carry only endpoints, names and secret ARNs, never credentials', () => {
    const names = (container.Environment as { Name: string }[]).map((e) => e.Name).sort();
    expect(names).toEqual([
      'AWS_REGION',
      'DB_HOST',
      'DB_NAME',
      'DB_PORT',
      'DB_SECRET_ARN',
      'LOG_LEVEL',
      'PORT',
      'REDIS_HOST',
      'REDIS_PORT',
      'REDIS_SECRET_ARN',
    ]);
    expect(names.filter((n) => /PASSWORD|TOKEN|USER/.test(n) || (/SECRET/.test(n) && !n.endsWith('_SECRET_ARN')))).toEqual([]);
  });

  test('logs go to the encrypted container log group', () => {
    expect(container.LogConfiguration).toEqual({
      LogDriver: 'awslogs',
      Options: {
        'awslogs-group': ref(logicalId(compute.logGroup)),
        'awslogs-stream-prefix': 'api',
        'awslogs-region': 'eu-west-1',
        mode: 'non-blocking',
      },
    });
    expect(template.toJSON().Resources[logicalId(compute.logGroup)].Properties).toMatchObject({
      KmsKeyId: getAtt(logicalId(network.logsKey), 'Arn'),
      RetentionInDays: 90,
    });
  });

  test('the container has a health check on its port', () => {
    expect(container.PortMappings).toEqual([{ ContainerPort: 8080, Protocol: 'tcp' }]);
    expect(container.HealthCheck).toMatchObject({
      Command: ['CMD', '/nodejs/bin/node', '/app/dist/healthcheck.js'],
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
    expect(service.Properties.LoadBalancers).toEqual([
      {
        ContainerName: 'Api',
        ContainerPort: 8080,
        TargetGroupArn: ref(logicalId(compute.targetGroup)),
      },
    ]);
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
      HealthCheckPath: '/readyz',
      Matcher: { HttpCode: '200' },
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
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesSQLiRuleSet',
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
