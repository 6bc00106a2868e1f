/**
 * Calls a resource schema lists but CloudFormation does not make for this product, reviewed one by one.
 * A denied call is acceptable only when an entry here matches it; every entry must match a denied call
 * (test/proof/launch-role-proof.test.ts), so a stale judgement fails too.
 */
import type { ProofCall } from '../launch-calls';

export interface UnusedCallJudgement {
  readonly type: string;
  readonly action: string;
  /** Only this operation; all when absent. */
  readonly operation?: 'create' | 'update' | 'delete';
  readonly reason: string;
}

/** Reviewed on 2026-12-01 (issue 9) against the product template and the schemas' property lists. */
export const UNUSED_CALL_JUDGEMENTS: readonly UnusedCallJudgement[] = [
  {
    type: 'AWS::ApiGatewayV2::Api',
    action: 's3:GetObject',
    operation: 'create',
    reason: 'Only for BodyS3Location (an OpenAPI definition in S3); the API is defined by properties.',
  },
  {
    type: 'AWS::ApiGatewayV2::Api',
    action: 's3:GetObject',
    operation: 'delete',
    reason: 'Only for BodyS3Location (an OpenAPI definition in S3); the API is defined by properties.',
  },
  {
    type: 'AWS::ApiGatewayV2::Api',
    action: 's3:GetObject',
    operation: 'update',
    reason: 'Only for BodyS3Location (an OpenAPI definition in S3); the API is defined by properties.',
  },
  {
    type: 'AWS::ApiGatewayV2::Integration',
    action: 'iam:PassRole',
    operation: 'create',
    reason: 'Only with CredentialsArn (an integration role); the VPC-link integration to the ALB uses none.',
  },
  {
    type: 'AWS::ApiGatewayV2::Integration',
    action: 'iam:PassRole',
    operation: 'update',
    reason: 'Only with CredentialsArn (an integration role); the VPC-link integration to the ALB uses none.',
  },
  {
    type: 'AWS::ApiGatewayV2::Stage',
    action: 'apigateway:TagResource',
    operation: 'create',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::ApiGatewayV2::Stage',
    action: 'apigateway:TagResource',
    operation: 'update',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::ApiGatewayV2::Stage',
    action: 'apigateway:UntagResource',
    operation: 'update',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::ApiGatewayV2::VpcLink',
    action: 'apigateway:TagResource',
    operation: 'create',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::ApiGatewayV2::VpcLink',
    action: 'apigateway:TagResource',
    operation: 'update',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::ApiGatewayV2::VpcLink',
    action: 'apigateway:unTagResource',
    operation: 'update',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::ApiGatewayV2::VpcLink',
    action: 'iam:DeleteServiceLinkedRole',
    operation: 'create',
    reason:
      'Cleanup of AWSServiceRoleForAPIGateway, which every VPC link of the account shares: deliberately not granted. If the handler treated the denial as fatal, deleting the VPC link would fail: only a deploy shows it (README, limits).',
  },
  {
    type: 'AWS::ApiGatewayV2::VpcLink',
    action: 'iam:DeleteServiceLinkedRole',
    operation: 'delete',
    reason:
      'Cleanup of AWSServiceRoleForAPIGateway, which every VPC link of the account shares: deliberately not granted. If the handler treated the denial as fatal, deleting the VPC link would fail: only a deploy shows it (README, limits).',
  },
  {
    type: 'AWS::ApiGatewayV2::VpcLink',
    action: 'iam:DeleteServiceLinkedRole',
    operation: 'update',
    reason:
      'Cleanup of AWSServiceRoleForAPIGateway, which every VPC link of the account shares: deliberately not granted. If the handler treated the denial as fatal, deleting the VPC link would fail: only a deploy shows it (README, limits).',
  },
  {
    type: 'AWS::ApiGatewayV2::VpcLink',
    action: 'iam:GetServiceLinkedRoleDeletionStatus',
    operation: 'create',
    reason:
      'Cleanup of AWSServiceRoleForAPIGateway, which every VPC link of the account shares: deliberately not granted. If the handler treated the denial as fatal, deleting the VPC link would fail: only a deploy shows it (README, limits).',
  },
  {
    type: 'AWS::ApiGatewayV2::VpcLink',
    action: 'iam:GetServiceLinkedRoleDeletionStatus',
    operation: 'delete',
    reason:
      'Cleanup of AWSServiceRoleForAPIGateway, which every VPC link of the account shares: deliberately not granted. If the handler treated the denial as fatal, deleting the VPC link would fail: only a deploy shows it (README, limits).',
  },
  {
    type: 'AWS::ApiGatewayV2::VpcLink',
    action: 'iam:GetServiceLinkedRoleDeletionStatus',
    operation: 'update',
    reason:
      'Cleanup of AWSServiceRoleForAPIGateway, which every VPC link of the account shares: deliberately not granted. If the handler treated the denial as fatal, deleting the VPC link would fail: only a deploy shows it (README, limits).',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'application-autoscaling:DeleteScheduledAction',
    operation: 'update',
    reason: 'Only with ScheduledActions, which the scalable target does not have.',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'application-autoscaling:PutScheduledAction',
    operation: 'create',
    reason: 'Only with ScheduledActions, which the scalable target does not have.',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'application-autoscaling:PutScheduledAction',
    operation: 'update',
    reason: 'Only with ScheduledActions, which the scalable target does not have.',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'cloudwatch:DeleteAlarms',
    operation: 'create',
    reason:
      "Alarms other than the target-tracking ones: the product's alarms are created by its scaling policies, named TargetTracking-* (allowed by TargetTrackingAlarms).",
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'cloudwatch:DeleteAlarms',
    operation: 'update',
    reason:
      "Alarms other than the target-tracking ones: the product's alarms are created by its scaling policies, named TargetTracking-* (allowed by TargetTrackingAlarms).",
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'cloudwatch:DescribeAlarms',
    operation: 'create',
    reason:
      "Alarms other than the target-tracking ones: the product's alarms are created by its scaling policies, named TargetTracking-* (allowed by TargetTrackingAlarms).",
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'cloudwatch:DescribeAlarms',
    operation: 'update',
    reason:
      "Alarms other than the target-tracking ones: the product's alarms are created by its scaling policies, named TargetTracking-* (allowed by TargetTrackingAlarms).",
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'cloudwatch:PutMetricAlarm',
    operation: 'create',
    reason:
      "Alarms other than the target-tracking ones: the product's alarms are created by its scaling policies, named TargetTracking-* (allowed by TargetTrackingAlarms).",
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'cloudwatch:PutMetricAlarm',
    operation: 'update',
    reason:
      "Alarms other than the target-tracking ones: the product's alarms are created by its scaling policies, named TargetTracking-* (allowed by TargetTrackingAlarms).",
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'iam:PassRole',
    operation: 'create',
    reason: 'Only with RoleARN; the scalable target uses the Application Auto Scaling service-linked role (ServiceLinkedRoles).',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'lambda:DeleteProvisionedConcurrencyConfig',
    operation: 'create',
    reason: 'Only for the lambda:function:ProvisionedConcurrency dimension; the product scales ecs:service:DesiredCount.',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'lambda:DeleteProvisionedConcurrencyConfig',
    operation: 'update',
    reason: 'Only for the lambda:function:ProvisionedConcurrency dimension; the product scales ecs:service:DesiredCount.',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'lambda:GetProvisionedConcurrencyConfig',
    operation: 'create',
    reason: 'Only for the lambda:function:ProvisionedConcurrency dimension; the product scales ecs:service:DesiredCount.',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'lambda:GetProvisionedConcurrencyConfig',
    operation: 'update',
    reason: 'Only for the lambda:function:ProvisionedConcurrency dimension; the product scales ecs:service:DesiredCount.',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'lambda:PutProvisionedConcurrencyConfig',
    operation: 'create',
    reason: 'Only for the lambda:function:ProvisionedConcurrency dimension; the product scales ecs:service:DesiredCount.',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    action: 'lambda:PutProvisionedConcurrencyConfig',
    operation: 'update',
    reason: 'Only for the lambda:function:ProvisionedConcurrency dimension; the product scales ecs:service:DesiredCount.',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
    action: 'cloudwatch:GetMetricData',
    operation: 'create',
    reason: 'Only for predictive scaling policies; the product uses target tracking.',
  },
  {
    type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
    action: 'cloudwatch:GetMetricData',
    operation: 'update',
    reason: 'Only for predictive scaling policies; the product uses target tracking.',
  },
  {
    type: 'AWS::Backup::BackupPlan',
    action: 'iam:PassRole',
    operation: 'create',
    reason:
      'A backup plan names no role; the selection passes its role (proven as iam:PassRole of BackupSelection.IamRoleArn to backup.amazonaws.com).',
  },
  {
    type: 'AWS::Backup::BackupPlan',
    action: 'iam:PassRole',
    operation: 'update',
    reason:
      'A backup plan names no role; the selection passes its role (proven as iam:PassRole of BackupSelection.IamRoleArn to backup.amazonaws.com).',
  },
  {
    type: 'AWS::Backup::BackupVault',
    action: 'backup-storage:Mount',
    operation: 'create',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::Backup::BackupVault',
    action: 'backup:DeleteBackupVaultAccessPolicy',
    operation: 'update',
    reason: 'Only with AccessPolicy, LockConfiguration or Notifications, which the vault does not set.',
  },
  {
    type: 'AWS::Backup::BackupVault',
    action: 'backup:DeleteBackupVaultLockConfiguration',
    operation: 'update',
    reason: 'Only with AccessPolicy, LockConfiguration or Notifications, which the vault does not set.',
  },
  {
    type: 'AWS::Backup::BackupVault',
    action: 'backup:DeleteBackupVaultNotifications',
    operation: 'update',
    reason: 'Only with AccessPolicy, LockConfiguration or Notifications, which the vault does not set.',
  },
  {
    type: 'AWS::Backup::BackupVault',
    action: 'backup:PutBackupVaultAccessPolicy',
    operation: 'create',
    reason: 'Only with AccessPolicy, LockConfiguration or Notifications, which the vault does not set.',
  },
  {
    type: 'AWS::Backup::BackupVault',
    action: 'backup:PutBackupVaultAccessPolicy',
    operation: 'update',
    reason: 'Only with AccessPolicy, LockConfiguration or Notifications, which the vault does not set.',
  },
  {
    type: 'AWS::Backup::BackupVault',
    action: 'backup:PutBackupVaultLockConfiguration',
    operation: 'create',
    reason: 'Only with AccessPolicy, LockConfiguration or Notifications, which the vault does not set.',
  },
  {
    type: 'AWS::Backup::BackupVault',
    action: 'backup:PutBackupVaultLockConfiguration',
    operation: 'update',
    reason: 'Only with AccessPolicy, LockConfiguration or Notifications, which the vault does not set.',
  },
  {
    type: 'AWS::Backup::BackupVault',
    action: 'backup:PutBackupVaultNotifications',
    operation: 'create',
    reason: 'Only with AccessPolicy, LockConfiguration or Notifications, which the vault does not set.',
  },
  {
    type: 'AWS::Backup::BackupVault',
    action: 'backup:PutBackupVaultNotifications',
    operation: 'update',
    reason: 'Only with AccessPolicy, LockConfiguration or Notifications, which the vault does not set.',
  },
  {
    type: 'AWS::EC2::EIP',
    action: 'ec2:AcceptAddressTransfer',
    operation: 'create',
    reason: 'Only with TransferAddress (an address moved from another account).',
  },
  {
    type: 'AWS::EC2::EIP',
    action: 'ec2:AssociateAddress',
    operation: 'create',
    reason: 'Only with InstanceId or NetworkInterfaceId; the NAT gateways take their EIPs by AllocationId.',
  },
  {
    type: 'AWS::EC2::EIP',
    action: 'ec2:AssociateAddress',
    operation: 'update',
    reason: 'Only with InstanceId or NetworkInterfaceId; the NAT gateways take their EIPs by AllocationId.',
  },
  {
    type: 'AWS::EC2::EIP',
    action: 'ec2:DisassociateAddress',
    operation: 'delete',
    reason: 'Only with InstanceId or NetworkInterfaceId; the NAT gateways take their EIPs by AllocationId.',
  },
  {
    type: 'AWS::EC2::EIP',
    action: 'ec2:DisassociateAddress',
    operation: 'update',
    reason: 'Only with InstanceId or NetworkInterfaceId; the NAT gateways take their EIPs by AllocationId.',
  },
  {
    type: 'AWS::EC2::FlowLog',
    action: 'autoscaling:DescribeTags',
    operation: 'create',
    reason: 'Not used by a VPC flow log to CloudWatch Logs (no Auto Scaling group involved).',
  },
  {
    type: 'AWS::EC2::FlowLog',
    action: 'iam:CreateServiceLinkedRole',
    operation: 'create',
    reason:
      'Only for delivery to Kinesis Data Firehose (AWSServiceRoleForWAFV2Logging / delivery SLR); the product delivers to CloudWatch Logs, flow logs with their own role.',
  },
  {
    type: 'AWS::EC2::FlowLog',
    action: 's3:GetBucketPolicy',
    operation: 'create',
    reason: 'Only for an S3 log destination; the product logs to CloudWatch Logs.',
  },
  {
    type: 'AWS::EC2::FlowLog',
    action: 's3:PutBucketPolicy',
    operation: 'create',
    reason: 'Only for an S3 log destination; the product logs to CloudWatch Logs.',
  },
  {
    type: 'AWS::EC2::NatGateway',
    action: 'ec2:AssignPrivateNatGatewayAddress',
    operation: 'update',
    reason: 'Only for secondary addresses (SecondaryAllocationIds, SecondaryPrivateIpAddresses), which the NAT gateways do not have.',
  },
  {
    type: 'AWS::EC2::NatGateway',
    action: 'ec2:AssociateNatGatewayAddress',
    operation: 'update',
    reason: 'Only for secondary addresses (SecondaryAllocationIds, SecondaryPrivateIpAddresses), which the NAT gateways do not have.',
  },
  {
    type: 'AWS::EC2::NatGateway',
    action: 'ec2:DisassociateNatGatewayAddress',
    operation: 'update',
    reason: 'Only for secondary addresses (SecondaryAllocationIds, SecondaryPrivateIpAddresses), which the NAT gateways do not have.',
  },
  {
    type: 'AWS::EC2::NatGateway',
    action: 'ec2:UnassignPrivateNatGatewayAddress',
    operation: 'update',
    reason: 'Only for secondary addresses (SecondaryAllocationIds, SecondaryPrivateIpAddresses), which the NAT gateways do not have.',
  },
  {
    type: 'AWS::EC2::Subnet',
    action: 'ec2:AssociateSubnetCidrBlock',
    operation: 'update',
    reason: 'Only for IPv6 CIDR blocks (Ipv6CidrBlock, Ipv6CidrBlocks); the subnets are IPv4 only.',
  },
  {
    type: 'AWS::EC2::Subnet',
    action: 'ec2:DisassociateSubnetCidrBlock',
    operation: 'update',
    reason: 'Only for IPv6 CIDR blocks (Ipv6CidrBlock, Ipv6CidrBlocks); the subnets are IPv4 only.',
  },
  {
    type: 'AWS::EC2::SubnetRouteTableAssociation',
    action: 'ec2:ReplaceRouteTableAssociation',
    operation: 'create',
    reason: 'Only when the subnet already has an explicit route-table association; every subnet here is new and associated once.',
  },
  {
    type: 'AWS::EC2::VPC',
    action: 'ec2:CreateVpcEncryptionControl',
    operation: 'create',
    reason: 'Only with VPC encryption controls, which the VPC does not set.',
  },
  {
    type: 'AWS::EC2::VPC',
    action: 'ec2:ModifyVpcTenancy',
    operation: 'update',
    reason: 'Only when InstanceTenancy changes; the VPC keeps default tenancy.',
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    action: 'vpc-lattice:CreateServiceNetworkVpcEndpointAssociation',
    operation: 'create',
    reason: 'Only for ServiceNetwork endpoints (VPC Lattice); the product uses Interface and Gateway endpoints.',
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    action: 'vpc-lattice:CreateServiceNetworkVpcEndpointAssociation',
    operation: 'update',
    reason: 'Only for ServiceNetwork endpoints (VPC Lattice); the product uses Interface and Gateway endpoints.',
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    action: 'vpc-lattice:DescribeServiceNetworkVpcEndpointAssociation',
    operation: 'create',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    action: 'vpc-lattice:DescribeServiceNetworkVpcEndpointAssociation',
    operation: 'delete',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    action: 'vpc-lattice:DescribeServiceNetworkVpcEndpointAssociation',
    operation: 'update',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    action: 'vpce:AllowMultiRegion',
    operation: 'create',
    reason: 'Only for a cross-region endpoint (ServiceRegion); every endpoint of the product is in eu-west-1.',
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    action: 'vpce:AllowMultiRegion',
    operation: 'delete',
    reason: 'Only for a cross-region endpoint (ServiceRegion); every endpoint of the product is in eu-west-1.',
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    action: 'vpce:AllowMultiRegion',
    operation: 'update',
    reason: 'Only for a cross-region endpoint (ServiceRegion); every endpoint of the product is in eu-west-1.',
  },
  {
    type: 'AWS::EC2::VPCGatewayAttachment',
    action: 'ec2:AttachVpnGateway',
    operation: 'create',
    reason: 'Only with VpnGatewayId; the attachment is of an internet gateway.',
  },
  {
    type: 'AWS::EC2::VPCGatewayAttachment',
    action: 'ec2:AttachVpnGateway',
    operation: 'update',
    reason: 'Only with VpnGatewayId; the attachment is of an internet gateway.',
  },
  {
    type: 'AWS::EC2::VPCGatewayAttachment',
    action: 'ec2:DetachVpnGateway',
    operation: 'delete',
    reason: 'Only with VpnGatewayId; the attachment is of an internet gateway.',
  },
  {
    type: 'AWS::EC2::VPCGatewayAttachment',
    action: 'ec2:DetachVpnGateway',
    operation: 'update',
    reason: 'Only with VpnGatewayId; the attachment is of an internet gateway.',
  },
  {
    type: 'AWS::ECS::Cluster',
    action: 'ecs:PutAccountSetting',
    operation: 'update',
    reason: 'Account-level settings; the cluster sets Container Insights through its own ClusterSettings.',
  },
  {
    type: 'AWS::ECS::Cluster',
    action: 'ecs:PutAccountSettingDefault',
    operation: 'update',
    reason: 'Account-level settings; the cluster sets Container Insights through its own ClusterSettings.',
  },
  {
    type: 'AWS::ECS::Cluster',
    action: 'kms:DescribeKey',
    operation: 'create',
    reason: 'Only with a managed-storage or ExecuteCommand KMS key (Configuration), which the cluster does not set.',
  },
  {
    type: 'AWS::ECS::Cluster',
    action: 'kms:DescribeKey',
    operation: 'delete',
    reason: 'Only with a managed-storage or ExecuteCommand KMS key (Configuration), which the cluster does not set.',
  },
  {
    type: 'AWS::ECS::Cluster',
    action: 'kms:DescribeKey',
    operation: 'update',
    reason: 'Only with a managed-storage or ExecuteCommand KMS key (Configuration), which the cluster does not set.',
  },
  {
    type: 'AWS::ECS::Service',
    action: 'iam:PassRole',
    operation: 'create',
    reason: 'Only with Role (the legacy ECS service role for classic load balancing); the service uses the ECS service-linked role.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'elasticache:CreateSnapshot',
    operation: 'delete',
    reason: 'Only with FinalSnapshotIdentifier or DeletionPolicy Snapshot; the cache is rebuilt from PostgreSQL and is not snapshotted.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'elasticache:DecreaseReplicaCount',
    operation: 'update',
    reason: 'Only when the replica or shard count changes (ReplicasPerNodeGroup, NumNodeGroups, NumCacheClusters); the preset keeps them fixed.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'elasticache:DeleteCacheCluster',
    operation: 'update',
    reason: 'Only when the replica or shard count changes (ReplicasPerNodeGroup, NumNodeGroups, NumCacheClusters); the preset keeps them fixed.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'elasticache:IncreaseReplicaCount',
    operation: 'update',
    reason: 'Only when the replica or shard count changes (ReplicasPerNodeGroup, NumNodeGroups, NumCacheClusters); the preset keeps them fixed.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'elasticache:ModifyReplicationGroupShardConfiguration',
    operation: 'update',
    reason: 'Only when the replica or shard count changes (ReplicasPerNodeGroup, NumNodeGroups, NumCacheClusters); the preset keeps them fixed.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'firehose:PutRecord',
    operation: 'create',
    reason: 'Only for a Kinesis Data Firehose log destination; the slow log goes to CloudWatch Logs.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'firehose:PutRecord',
    operation: 'update',
    reason: 'Only for a Kinesis Data Firehose log destination; the slow log goes to CloudWatch Logs.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'firehose:PutRecordBatch',
    operation: 'create',
    reason: 'Only for a Kinesis Data Firehose log destination; the slow log goes to CloudWatch Logs.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'firehose:PutRecordBatch',
    operation: 'update',
    reason: 'Only for a Kinesis Data Firehose log destination; the slow log goes to CloudWatch Logs.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'firehose:TagDeliveryStream',
    operation: 'create',
    reason: 'Only for a Kinesis Data Firehose log destination; the slow log goes to CloudWatch Logs.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'firehose:TagDeliveryStream',
    operation: 'update',
    reason: 'Only for a Kinesis Data Firehose log destination; the slow log goes to CloudWatch Logs.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'logs:CreateLogStream',
    operation: 'create',
    reason: 'ElastiCache itself writes the slow-log events through vended log delivery (logs:CreateLogDelivery, allowed); the caller writes none.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'logs:CreateLogStream',
    operation: 'update',
    reason: 'ElastiCache itself writes the slow-log events through vended log delivery (logs:CreateLogDelivery, allowed); the caller writes none.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'logs:PutLogEvents',
    operation: 'create',
    reason: 'ElastiCache itself writes the slow-log events through vended log delivery (logs:CreateLogDelivery, allowed); the caller writes none.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 'logs:PutLogEvents',
    operation: 'update',
    reason: 'ElastiCache itself writes the slow-log events through vended log delivery (logs:CreateLogDelivery, allowed); the caller writes none.',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 's3:GetObject',
    operation: 'create',
    reason: 'Only with SnapshotArns (seeding from an S3 backup).',
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    action: 's3:GetObject',
    operation: 'update',
    reason: 'Only with SnapshotArns (seeding from an S3 backup).',
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    action: 'cognito-idp:DescribeUserPoolClient',
    operation: 'create',
    reason: 'Only for authenticate-cognito actions; the listener forwards.',
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    action: 'cognito-idp:DescribeUserPoolClient',
    operation: 'update',
    reason: 'Only for authenticate-cognito actions; the listener forwards.',
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    action: 'elasticloadbalancing:ModifyCapacityReservation',
    operation: 'create',
    reason: 'Only with MinimumLoadBalancerCapacity, which the ALB does not set.',
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    action: 'elasticloadbalancing:ModifyCapacityReservation',
    operation: 'update',
    reason: 'Only with MinimumLoadBalancerCapacity, which the ALB does not set.',
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    action: 'elasticloadbalancing:ModifyIpPools',
    operation: 'update',
    reason: 'Only with IPAM pools (Ipv4IpamPoolId).',
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    action: 'elasticloadbalancing:SetIpAddressType',
    operation: 'update',
    reason: 'Only when IpAddressType changes; the ALB stays ipv4.',
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    action: 'elasticloadbalancing:DeregisterTargets',
    operation: 'update',
    reason: 'Only with Targets; ECS registers the tasks itself through its service-linked role.',
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    action: 'elasticloadbalancing:RegisterTargets',
    operation: 'create',
    reason: 'Only with Targets; ECS registers the tasks itself through its service-linked role.',
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    action: 'elasticloadbalancing:RegisterTargets',
    operation: 'update',
    reason: 'Only with Targets; ECS registers the tasks itself through its service-linked role.',
  },
  {
    type: 'AWS::IAM::Policy',
    action: 'iam:DeleteGroupPolicy',
    operation: 'delete',
    reason: "Only with Groups or Users; the product's inline policies attach to roles only.",
  },
  {
    type: 'AWS::IAM::Policy',
    action: 'iam:DeleteGroupPolicy',
    operation: 'update',
    reason: "Only with Groups or Users; the product's inline policies attach to roles only.",
  },
  {
    type: 'AWS::IAM::Policy',
    action: 'iam:DeleteUserPolicy',
    operation: 'delete',
    reason: "Only with Groups or Users; the product's inline policies attach to roles only.",
  },
  {
    type: 'AWS::IAM::Policy',
    action: 'iam:DeleteUserPolicy',
    operation: 'update',
    reason: "Only with Groups or Users; the product's inline policies attach to roles only.",
  },
  {
    type: 'AWS::IAM::Policy',
    action: 'iam:PutGroupPolicy',
    operation: 'create',
    reason: "Only with Groups or Users; the product's inline policies attach to roles only.",
  },
  {
    type: 'AWS::IAM::Policy',
    action: 'iam:PutGroupPolicy',
    operation: 'update',
    reason: "Only with Groups or Users; the product's inline policies attach to roles only.",
  },
  {
    type: 'AWS::IAM::Policy',
    action: 'iam:PutUserPolicy',
    operation: 'create',
    reason: "Only with Groups or Users; the product's inline policies attach to roles only.",
  },
  {
    type: 'AWS::IAM::Policy',
    action: 'iam:PutUserPolicy',
    operation: 'update',
    reason: "Only with Groups or Users; the product's inline policies attach to roles only.",
  },
  {
    type: 'AWS::IAM::Role',
    action: 'iam:DeleteRolePermissionsBoundary',
    operation: 'update',
    reason: 'Only with PermissionsBoundary, which no role of the product sets.',
  },
  {
    type: 'AWS::IAM::Role',
    action: 'iam:PutRolePermissionsBoundary',
    operation: 'update',
    reason: 'Only with PermissionsBoundary, which no role of the product sets.',
  },
  { type: 'AWS::KMS::Key', action: 'kms:DisableKey', operation: 'create', reason: 'Only when Enabled is set or changes; the keys stay enabled.' },
  { type: 'AWS::KMS::Key', action: 'kms:DisableKey', operation: 'update', reason: 'Only when Enabled is set or changes; the keys stay enabled.' },
  {
    type: 'AWS::KMS::Key',
    action: 'kms:DisableKeyRotation',
    operation: 'update',
    reason: 'Only when EnableKeyRotation turns false; rotation stays on (a control).',
  },
  { type: 'AWS::KMS::Key', action: 'kms:EnableKey', operation: 'update', reason: 'Only when Enabled is set or changes; the keys stay enabled.' },
  {
    type: 'AWS::Lambda::Function',
    action: 'elasticfilesystem:DescribeMountTargets',
    operation: 'create',
    reason: 'Only with FileSystemConfigs; the custom-resource function mounts nothing.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'elasticfilesystem:DescribeMountTargets',
    operation: 'update',
    reason: 'Only with FileSystemConfigs; the custom-resource function mounts nothing.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'kms:CreateGrant',
    operation: 'create',
    reason: 'Only with KmsKeyArn (environment or code encryption with a customer key); the custom-resource function has none.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'kms:CreateGrant',
    operation: 'update',
    reason: 'Only with KmsKeyArn (environment or code encryption with a customer key); the custom-resource function has none.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'kms:Decrypt',
    operation: 'create',
    reason: 'Only with KmsKeyArn (environment or code encryption with a customer key); the custom-resource function has none.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'kms:Decrypt',
    operation: 'update',
    reason: 'Only with KmsKeyArn (environment or code encryption with a customer key); the custom-resource function has none.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'kms:Encrypt',
    operation: 'create',
    reason: 'Only with KmsKeyArn (environment or code encryption with a customer key); the custom-resource function has none.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'kms:GenerateDataKey',
    operation: 'create',
    reason: 'Only with KmsKeyArn (environment or code encryption with a customer key); the custom-resource function has none.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'kms:GenerateDataKey',
    operation: 'update',
    reason: 'Only with KmsKeyArn (environment or code encryption with a customer key); the custom-resource function has none.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:DeleteFunctionCodeSigningConfig',
    operation: 'update',
    reason: 'Only with CodeSigningConfigArn, which the function does not set.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:DeleteFunctionConcurrency',
    operation: 'update',
    reason: 'Only with ReservedConcurrentExecutions, which the function does not set.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:GetCodeSigningConfig',
    operation: 'create',
    reason: 'Only with CodeSigningConfigArn, which the function does not set.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:GetCodeSigningConfig',
    operation: 'update',
    reason: 'Only with CodeSigningConfigArn, which the function does not set.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:GetLayerVersion',
    operation: 'create',
    reason: 'Only with Layers, which the function does not use.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PassCapacityProvider',
    operation: 'create',
    reason: 'Only for Lambda managed instances (CapacityProviderConfig), which the function does not use.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PassCapacityProvider',
    operation: 'update',
    reason: 'Only for Lambda managed instances (CapacityProviderConfig), which the function does not use.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PublishVersion',
    operation: 'update',
    reason: 'Only with SnapStart or version publishing, which the function does not use.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PutFunctionCodeSigningConfig',
    operation: 'update',
    reason: 'Only with CodeSigningConfigArn, which the function does not set.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PutFunctionConcurrency',
    operation: 'create',
    reason: 'Only with ReservedConcurrentExecutions, which the function does not set.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PutFunctionConcurrency',
    operation: 'update',
    reason: 'Only with ReservedConcurrentExecutions, which the function does not set.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PutFunctionRecursionConfig',
    operation: 'create',
    reason: 'Only with RecursiveLoop, which the function does not set.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PutFunctionRecursionConfig',
    operation: 'update',
    reason: 'Only with RecursiveLoop, which the function does not set.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PutFunctionScalingConfig',
    operation: 'create',
    reason: 'Only for Lambda managed instances (CapacityProviderConfig), which the function does not use.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PutFunctionScalingConfig',
    operation: 'update',
    reason: 'Only for Lambda managed instances (CapacityProviderConfig), which the function does not use.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PutRuntimeManagementConfig',
    operation: 'create',
    reason: 'Only with RuntimeManagementConfig, which the function does not set.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 'lambda:PutRuntimeManagementConfig',
    operation: 'update',
    reason: 'Only with RuntimeManagementConfig, which the function does not set.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 's3:GetObjectVersion',
    operation: 'create',
    reason: 'Only with Code.S3ObjectVersion; the asset key is content-addressed and read with s3:GetObject (proven).',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 's3:GetObjectVersion',
    operation: 'update',
    reason: 'Only with Code.S3ObjectVersion; the asset key is content-addressed and read with s3:GetObject (proven).',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 's3files:ListMountTargets',
    operation: 'create',
    reason: 'Only with FileSystemConfigs; the custom-resource function mounts nothing.',
  },
  {
    type: 'AWS::Lambda::Function',
    action: 's3files:ListMountTargets',
    operation: 'update',
    reason: 'Only with FileSystemConfigs; the custom-resource function mounts nothing.',
  },
  {
    type: 'AWS::Logs::LogGroup',
    action: 'firehose:TagDeliveryStream',
    operation: 'create',
    reason: 'Not a log group operation for this product (no Firehose delivery stream involved).',
  },
  {
    type: 'AWS::Logs::LogGroup',
    action: 'firehose:TagDeliveryStream',
    operation: 'update',
    reason: 'Not a log group operation for this product (no Firehose delivery stream involved).',
  },
  {
    type: 'AWS::Logs::LogGroup',
    action: 'logs:PutDataProtectionPolicy',
    operation: 'create',
    reason: 'Only with DataProtectionPolicy, which the log groups do not set.',
  },
  {
    type: 'AWS::Logs::LogGroup',
    action: 'logs:PutDataProtectionPolicy',
    operation: 'update',
    reason: 'Only with DataProtectionPolicy, which the log groups do not set.',
  },
  {
    type: 'AWS::Logs::LogGroup',
    action: 's3:REST.PUT.OBJECT',
    operation: 'create',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::Logs::LogGroup',
    action: 's3:REST.PUT.OBJECT',
    operation: 'update',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'iam:ListRoles',
    operation: 'create',
    reason: 'Only with AssociatedRoles, which the instance does not set.',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'iam:ListRoles',
    operation: 'update',
    reason: 'Only with AssociatedRoles, which the instance does not set.',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:AddRoleToDBInstance',
    operation: 'create',
    reason: 'Only with AssociatedRoles, which the instance does not set.',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:AddRoleToDBInstance',
    operation: 'update',
    reason: 'Only with AssociatedRoles, which the instance does not set.',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:CreateDBInstanceReadReplica',
    operation: 'create',
    reason: 'Only with SourceDBInstanceIdentifier (a read replica).',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:DescribeDBClusterSnapshots',
    operation: 'create',
    reason:
      'Only for a cluster member or a restore from a cluster snapshot (DBClusterIdentifier, DBClusterSnapshotIdentifier); the product runs a standalone Multi-AZ instance.',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:DescribeDBClusters',
    operation: 'create',
    reason:
      'Only for a cluster member or a restore from a cluster snapshot (DBClusterIdentifier, DBClusterSnapshotIdentifier); the product runs a standalone Multi-AZ instance.',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:DescribeDBClusters',
    operation: 'update',
    reason:
      'Only for a cluster member or a restore from a cluster snapshot (DBClusterIdentifier, DBClusterSnapshotIdentifier); the product runs a standalone Multi-AZ instance.',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:PromoteReadReplica',
    operation: 'update',
    reason: 'Only with SourceDBInstanceIdentifier (a read replica).',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:RemoveRoleFromDBInstance',
    operation: 'update',
    reason: 'Only with AssociatedRoles, which the instance does not set.',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:RestoreDBInstanceFromDBSnapshot',
    operation: 'create',
    reason: 'Only with DBSnapshotIdentifier or SourceDBInstanceIdentifier + restore time (a restore).',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:RestoreDBInstanceToPointInTime',
    operation: 'create',
    reason: 'Only with DBSnapshotIdentifier or SourceDBInstanceIdentifier + restore time (a restore).',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:StartDBInstanceAutomatedBackupsReplication',
    operation: 'create',
    reason: 'Only with AutomaticBackupReplicationRegion (cross-region backup replication), which the instance does not set.',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:StartDBInstanceAutomatedBackupsReplication',
    operation: 'update',
    reason: 'Only with AutomaticBackupReplicationRegion (cross-region backup replication), which the instance does not set.',
  },
  {
    type: 'AWS::RDS::DBInstance',
    action: 'rds:StopDBInstanceAutomatedBackupsReplication',
    operation: 'update',
    reason: 'Only with AutomaticBackupReplicationRegion (cross-region backup replication), which the instance does not set.',
  },
  {
    type: 'AWS::RDS::DBParameterGroup',
    action: 'rds:ResetDBParameterGroup',
    operation: 'update',
    reason: 'Only when parameters are removed from the group on update; the blueprint never removes rds.force_ssl (a control).',
  },
  {
    type: 'AWS::SecretsManager::Secret',
    action: 'secretsmanager:RemoveRegionsFromReplication',
    operation: 'delete',
    reason: 'Only with ReplicaRegions, which the secret does not set.',
  },
  {
    type: 'AWS::SecretsManager::Secret',
    action: 'secretsmanager:RemoveRegionsFromReplication',
    operation: 'update',
    reason: 'Only with ReplicaRegions, which the secret does not set.',
  },
  {
    type: 'AWS::SecretsManager::Secret',
    action: 'secretsmanager:ReplicateSecretToRegions',
    operation: 'create',
    reason: 'Only with ReplicaRegions, which the secret does not set.',
  },
  {
    type: 'AWS::SecretsManager::Secret',
    action: 'secretsmanager:ReplicateSecretToRegions',
    operation: 'update',
    reason: 'Only with ReplicaRegions, which the secret does not set.',
  },
  {
    type: 'AWS::WAFv2::LoggingConfiguration',
    action: 'firehose:ListDeliveryStreams',
    operation: 'create',
    reason: 'Only for a Kinesis Data Firehose destination; the web ACL logs to CloudWatch Logs.',
  },
  {
    type: 'AWS::WAFv2::LoggingConfiguration',
    action: 'firehose:ListDeliveryStreams',
    operation: 'update',
    reason: 'Only for a Kinesis Data Firehose destination; the web ACL logs to CloudWatch Logs.',
  },
  {
    type: 'AWS::WAFv2::LoggingConfiguration',
    action: 'iam:CreateServiceLinkedRole',
    operation: 'create',
    reason:
      'Only for delivery to Kinesis Data Firehose (AWSServiceRoleForWAFV2Logging / delivery SLR); the product delivers to CloudWatch Logs, flow logs with their own role.',
  },
  {
    type: 'AWS::WAFv2::LoggingConfiguration',
    action: 'iam:CreateServiceLinkedRole',
    operation: 'update',
    reason:
      'Only for delivery to Kinesis Data Firehose (AWSServiceRoleForWAFV2Logging / delivery SLR); the product delivers to CloudWatch Logs, flow logs with their own role.',
  },
  {
    type: 'AWS::WAFv2::LoggingConfiguration',
    action: 'iam:DescribeOrganization',
    operation: 'create',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::WAFv2::LoggingConfiguration',
    action: 'iam:DescribeOrganization',
    operation: 'update',
    reason:
      'Not an action of the Service Authorization Reference (iam-data): IAM has no such permission to grant or deny, so the schema entry cannot fail a call.',
  },
  {
    type: 'AWS::WAFv2::LoggingConfiguration',
    action: 's3:GetBucketPolicy',
    operation: 'create',
    reason: 'Only for an S3 log destination; the product logs to CloudWatch Logs.',
  },
  {
    type: 'AWS::WAFv2::LoggingConfiguration',
    action: 's3:GetBucketPolicy',
    operation: 'update',
    reason: 'Only for an S3 log destination; the product logs to CloudWatch Logs.',
  },
  {
    type: 'AWS::WAFv2::LoggingConfiguration',
    action: 's3:PutBucketPolicy',
    operation: 'create',
    reason: 'Only for an S3 log destination; the product logs to CloudWatch Logs.',
  },
  {
    type: 'AWS::WAFv2::LoggingConfiguration',
    action: 's3:PutBucketPolicy',
    operation: 'update',
    reason: 'Only for an S3 log destination; the product logs to CloudWatch Logs.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'amplify:AssociateWebACL',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'amplify:DisassociateWebACL',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'amplify:GetWebACLForResource',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'amplify:GetWebACLForResource',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apigateway:SetWebACL',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apigateway:SetWebACL',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apigateway:SetWebACL',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apprunner:AssociateWebAcl',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apprunner:AssociateWebAcl',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apprunner:AssociateWebAcl',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apprunner:DescribeWebAclForService',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apprunner:DescribeWebAclForService',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apprunner:DescribeWebAclForService',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apprunner:DisassociateWebAcl',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apprunner:DisassociateWebAcl',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'apprunner:DisassociateWebAcl',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:AssociateWebACL',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:AssociateWebACL',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:AssociateWebACL',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:DisassociateWebACL',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:DisassociateWebACL',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:DisassociateWebACL',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:GetWebACLForResource',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:GetWebACLForResource',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:GetWebACLForResource',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:SetWebACL',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:SetWebACL',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'appsync:SetWebACL',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'bedrock-agentcore:GatewayAssociateWebACL',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'bedrock-agentcore:GatewayAssociateWebACL',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'bedrock-agentcore:GatewayAssociateWebACL',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'bedrock-agentcore:GatewayDisassociateWebACL',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'bedrock-agentcore:GatewayDisassociateWebACL',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'bedrock-agentcore:GatewayDisassociateWebACL',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'bedrock-agentcore:GatewayGetWebACLForResource',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'bedrock-agentcore:GatewayGetWebACLForResource',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'bedrock-agentcore:GatewayGetWebACLForResource',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'cognito-idp:AssociateWebACL',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'cognito-idp:AssociateWebACL',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'cognito-idp:AssociateWebACL',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'cognito-idp:DisassociateWebACL',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'cognito-idp:DisassociateWebACL',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'cognito-idp:DisassociateWebACL',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'cognito-idp:GetWebACLForResource',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'cognito-idp:GetWebACLForResource',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'cognito-idp:GetWebACLForResource',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'ec2:AssociateVerifiedAccessInstanceWebAcl',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'ec2:AssociateVerifiedAccessInstanceWebAcl',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'ec2:AssociateVerifiedAccessInstanceWebAcl',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'ec2:DisassociateVerifiedAccessInstanceWebAcl',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'ec2:DisassociateVerifiedAccessInstanceWebAcl',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'ec2:DisassociateVerifiedAccessInstanceWebAcl',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'ec2:GetVerifiedAccessInstanceWebAcl',
    operation: 'create',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'ec2:GetVerifiedAccessInstanceWebAcl',
    operation: 'delete',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'ec2:GetVerifiedAccessInstanceWebAcl',
    operation: 'update',
    reason:
      'Associates, reads or removes a web ACL on another kind of resource (API Gateway REST stage, AppSync, App Runner, Cognito, Amplify, Verified Access, AgentCore gateway); the product associates its web ACL with its ALB only.',
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'wafv2:GetPermissionPolicy',
    operation: 'create',
    reason: "Only for a web ACL shared from another account (Firewall Manager, RAM); the product's web ACL is its own.",
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'wafv2:PutPermissionPolicy',
    operation: 'create',
    reason: "Only for a web ACL shared from another account (Firewall Manager, RAM); the product's web ACL is its own.",
  },
  {
    type: 'AWS::WAFv2::WebACLAssociation',
    action: 'wafv2:PutPermissionPolicy',
    operation: 'delete',
    reason: "Only for a web ACL shared from another account (Firewall Manager, RAM); the product's web ACL is its own.",
  },
];

export function judgementFor(call: Pick<ProofCall, 'type' | 'action' | 'operation'>): UnusedCallJudgement | undefined {
  return UNUSED_CALL_JUDGEMENTS.find(
    (j) =>
      j.type === call.type && j.action.toLowerCase() === call.action.toLowerCase() && (j.operation === undefined || j.operation === call.operation),
  );
}
