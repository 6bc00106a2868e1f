import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { MANDATED_REGION } from '../shared/region';
import { createEncryptedLogGroup, createLogEncryptionKey } from './encrypted-logs';

/** The region's three AZs (eu-west-1a, b, c), pinned so synthesis needs no AZ lookup. */
export const AVAILABILITY_ZONES = ['a', 'b', 'c'].map((zone) => `${MANDATED_REGION}${zone}`);

/** Properties of {@link StreamFlixNetwork}. */
export interface StreamFlixNetworkProps {
  /**
   * IPv4 CIDR of the VPC.
   * @default '10.20.0.0/16'
   */
  readonly cidr?: string;
}

/**
 * The network tier: a three-AZ VPC with public, private-with-egress and isolated subnets, one NAT gateway
 * per AZ, encrypted flow logs and the VPC endpoints that keep AWS API traffic of the tasks off the NAT.
 */
export class StreamFlixNetwork extends Construct {
  public readonly vpc: ec2.Vpc;
  /** Customer-managed key that encrypts the blueprint's CloudWatch log groups. */
  public readonly logsKey: kms.Key;
  public readonly flowLogGroup: logs.LogGroup;
  /**
   * Guards the interface endpoints. It admits nobody by itself: the tiers that need an endpoint open 443
   * from their own security group.
   */
  public readonly endpointSecurityGroup: ec2.SecurityGroup;
  public readonly interfaceEndpoints: ec2.InterfaceVpcEndpoint[];

  constructor(scope: Construct, id: string, props: StreamFlixNetworkProps = {}) {
    super(scope, id);

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr ?? '10.20.0.0/16'),
      availabilityZones: AVAILABILITY_ZONES,
      natGateways: AVAILABILITY_ZONES.length, // one per AZ: an AZ outage must not cut the others off
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        // Only the NAT gateways (with their own EIPs) live here: nothing should get a public IP by accident.
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });

    // The AZs are pinned on purpose (offline synthesis, same layout in every account); tell cfn-lint so.
    for (const subnet of [...this.vpc.publicSubnets, ...this.vpc.privateSubnets, ...this.vpc.isolatedSubnets]) {
      (subnet.node.defaultChild as ec2.CfnSubnet).addMetadata('cfn-lint', { config: { ignore_checks: ['W3010'] } });
    }

    this.logsKey = createLogEncryptionKey(this, 'LogsKey', 'StreamFlix: encrypts the CloudWatch log groups');
    this.flowLogGroup = createEncryptedLogGroup(this, 'FlowLogGroup', this.logsKey);
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'StreamFlix interface VPC endpoints: HTTPS from the tiers that call AWS APIs',
      allowAllOutbound: false,
    });

    const interfaceServices: Record<string, ec2.InterfaceVpcEndpointAwsService> = {
      EcrApiEndpoint: ec2.InterfaceVpcEndpointAwsService.ECR,
      EcrDockerEndpoint: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
      LogsEndpoint: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
      SecretsManagerEndpoint: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
    };
    this.interfaceEndpoints = Object.entries(interfaceServices).map(([endpointId, service]) =>
      this.vpc.addInterfaceEndpoint(endpointId, {
        service,
        privateDnsEnabled: true,
        subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        securityGroups: [this.endpointSecurityGroup],
        open: false, // ingress is granted per caller security group, not to the whole VPC CIDR
      }),
    );

    // ECR stores image layers in S3; the gateway endpoint is free and keeps that traffic off the NAT.
    this.vpc.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
  }

  /** Lets the given security group reach the interface endpoints over HTTPS. */
  public allowEndpointAccessFrom(peer: ec2.ISecurityGroup): void {
    peer.connections.allowTo(this.endpointSecurityGroup, ec2.Port.tcp(443), 'HTTPS to the interface VPC endpoints');
  }
}
