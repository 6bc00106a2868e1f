import { Match } from 'aws-cdk-lib/assertions';
import { getAtt, ref, resourcesOf, synthesizeBlueprint } from './blueprint';

const { stack, template, logicalId } = synthesizeBlueprint();
const { network } = stack.contentApi;
const privateSubnets = network.vpc.privateSubnets.map((s) => ref(logicalId(s)));

describe('region and availability zones', () => {
  test('the stack is pinned to eu-west-1', () => {
    expect(stack.region).toBe('eu-west-1');
  });

  test('nine subnets: public, private-with-egress and isolated in each of eu-west-1a/b/c', () => {
    const subnets = Object.values(resourcesOf(template, 'AWS::EC2::Subnet'));
    expect(subnets).toHaveLength(9);
    const azs = subnets.map((s) => s.Properties.AvailabilityZone).sort();
    expect(azs).toEqual([
      'eu-west-1a',
      'eu-west-1a',
      'eu-west-1a',
      'eu-west-1b',
      'eu-west-1b',
      'eu-west-1b',
      'eu-west-1c',
      'eu-west-1c',
      'eu-west-1c',
    ]);
    expect(network.vpc.publicSubnets).toHaveLength(3);
    expect(network.vpc.privateSubnets).toHaveLength(3);
    expect(network.vpc.isolatedSubnets).toHaveLength(3);
    // Public subnets hold only the NAT gateways, which bring their own EIPs.
    expect(subnets.filter((s) => s.Properties.MapPublicIpOnLaunch !== false)).toEqual([]);
  });

  test('one NAT gateway per AZ, each in its own public subnet', () => {
    const nats = Object.values(resourcesOf(template, 'AWS::EC2::NatGateway'));
    expect(nats).toHaveLength(3);
    expect(new Set(nats.map((n) => JSON.stringify(n.Properties.SubnetId)))).toEqual(
      new Set(network.vpc.publicSubnets.map((s) => JSON.stringify(ref(logicalId(s))))),
    );
    template.resourceCountIs('AWS::EC2::EIP', 3);
  });

  test('each private subnet routes to the internet through a NAT, isolated subnets do not', () => {
    const routes = Object.values(resourcesOf(template, 'AWS::EC2::Route'));
    expect(routes.filter((r) => r.Properties.NatGatewayId)).toHaveLength(3);
    expect(routes.filter((r) => r.Properties.GatewayId)).toHaveLength(3);
    for (const subnet of network.vpc.isolatedSubnets) {
      const routeTableId = JSON.stringify(ref(logicalId(subnet.node.findChild('RouteTable'))));
      expect(routes.filter((r) => JSON.stringify(r.Properties.RouteTableId) === routeTableId)).toHaveLength(0);
    }
  });

  test('the default security group is stripped of its rules', () => {
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });
});

describe('flow logs', () => {
  test('all VPC traffic is logged to the flow log group', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceId: ref(logicalId(network.vpc)),
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: ref(logicalId(network.flowLogGroup)),
    });
  });

  test('the flow log group is encrypted with the logs CMK and has a retention', () => {
    const flowLogGroup = template.toJSON().Resources[logicalId(network.flowLogGroup)];
    expect(flowLogGroup.Properties).toMatchObject({ KmsKeyId: getAtt(logicalId(network.logsKey), 'Arn'), RetentionInDays: 90 });
  });

  test('the logs CMK rotates and lets only CloudWatch Logs of this account and region use it', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': {
                  'Fn::Join': ['', ['arn:aws:logs:eu-west-1:', ref('AWS::AccountId'), ':log-group:*']],
                },
              },
            },
          }),
        ]),
      },
    });
  });

  test('every log group of the stack is encrypted with the logs CMK and expires', () => {
    const logGroups = Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'));
    expect(logGroups).toHaveLength(5); // flow logs, containers, Redis slow log, API access logs, WAF
    for (const logGroup of logGroups) {
      expect(logGroup.Properties.KmsKeyId).toEqual(getAtt(logicalId(network.logsKey), 'Arn'));
      expect(logGroup.Properties.RetentionInDays).toBe(90);
    }
  });
});

describe('VPC endpoints', () => {
  test.each(['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager'])('%s interface endpoint: private DNS, private subnets, own SG', (service) => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: `com.amazonaws.eu-west-1.${service}`,
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      SubnetIds: privateSubnets,
      SecurityGroupIds: [getAtt(logicalId(network.endpointSecurityGroup), 'GroupId')],
    });
  });

  test('S3 gateway endpoint on the private and isolated route tables', () => {
    const routeTables = [...network.vpc.privateSubnets, ...network.vpc.isolatedSubnets].map((s) => ref(logicalId(s.node.findChild('RouteTable'))));
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', ref('AWS::Region'), '.s3']] },
      VpcEndpointType: 'Gateway',
      RouteTableIds: routeTables,
    });
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 5);
  });
});
