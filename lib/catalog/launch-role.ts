import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { MANDATED_REGION } from '../shared/region';

/** Tag every resource of the blueprint carries (`Tags.of(contentApi)`); used for tag conditions. */
export const APPLICATION_TAG = { key: 'Application', value: 'streamflix-content-api' } as const;

/**
 * Services the product passes its own roles to: ECS tasks, the Lambda functions, VPC flow logs, AWS Backup
 * and RDS enhanced monitoring (IAM may report the latter as either of its two service names).
 */
export const PASSED_TO_SERVICES = [
  'ecs-tasks.amazonaws.com',
  'lambda.amazonaws.com',
  'vpc-flow-logs.amazonaws.com',
  'backup.amazonaws.com',
  'monitoring.rds.amazonaws.com',
  'rds.amazonaws.com',
];

/**
 * AWS managed policies the product attaches to its own roles: the Lambda function (custom resource), RDS enhanced
 * monitoring and the AWS Backup selection. Nothing else can be attached.
 */
export const ATTACHABLE_MANAGED_POLICIES = [
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
  'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
];

/**
 * The IAM service prefix through which the launch role creates each CloudFormation resource namespace of
 * the product. A test checks every resource type of the product template against it, so a blueprint change
 * that adds a service fails the build instead of the first provisioning.
 */
export const RESOURCE_NAMESPACE_SERVICES: Readonly<Record<string, string>> = {
  'AWS::ApiGatewayV2': 'apigateway',
  'AWS::ApplicationAutoScaling': 'application-autoscaling',
  'AWS::Backup': 'backup',
  'AWS::EC2': 'ec2',
  'AWS::ECS': 'ecs',
  'AWS::ElastiCache': 'elasticache',
  'AWS::ElasticLoadBalancingV2': 'elasticloadbalancing',
  'AWS::IAM': 'iam',
  'AWS::KMS': 'kms',
  'AWS::Lambda': 'lambda',
  'AWS::Logs': 'logs',
  'AWS::RDS': 'rds',
  'AWS::SecretsManager': 'secretsmanager',
  'AWS::WAFv2': 'wafv2',
  Custom: 'lambda', // custom resources: CloudFormation invokes their provider function
};

/** Service-linked roles the product's services create on first use in an account. */
export const SERVICE_LINKED_ROLES: Readonly<Record<string, string>> = {
  'ecs.amazonaws.com': 'AWSServiceRoleForECS',
  'elasticloadbalancing.amazonaws.com': 'AWSServiceRoleForElasticLoadBalancing',
  'rds.amazonaws.com': 'AWSServiceRoleForRDS',
  'elasticache.amazonaws.com': 'AWSServiceRoleForElastiCache',
  'ecs.application-autoscaling.amazonaws.com': 'AWSServiceRoleForApplicationAutoScaling_ECSService',
  'ops.apigateway.amazonaws.com': 'AWSServiceRoleForAPIGateway',
  'backup.amazonaws.com': 'AWSServiceRoleForBackup',
};

/** Properties of {@link ProductLaunchRole}. */
export interface ProductLaunchRoleProps {
  /** Bucket holding the product's file assets (Lambda code); the role reads it to create the functions. */
  readonly assetBucketName: string;
}

/**
 * The role Service Catalog (through CloudFormation) uses to create, update and delete a provisioned
 * StreamFlix product, so application teams need no permissions on the underlying services.
 *
 * Scope (justified in lib/catalog/SECURITY.section.md):
 * - only the actions CloudFormation needs for the resource types of the product template, listed one by one
 *   (the only partial wildcards are the three read-only `Describe*` patterns reviewed in rules/core/iam-allowlist.ts);
 * - resources as account- and eu-west-1-scoped ARN patterns, and `Resource: "*"` only for actions in
 *   ACTIONS_ALLOWED_ON_ANY_RESOURCE;
 * - `aws:RequestedRegion` = eu-west-1 on every statement of a regional service (IAM is global: its calls
 *   are made to us-east-1, so its statements are scoped by role-name pattern instead);
 * - IAM create/pass only for roles named after a Service Catalog provisioned-product stack
 *   (`SC-<account>-pp-*`), `iam:PassRole` only to the services the product passes roles to (PASSED_TO_SERVICES),
 *   and `iam:AttachRolePolicy` only for the AWS managed policies the product attaches (ATTACHABLE_MANAGED_POLICIES).
 */
export class ProductLaunchRole extends Construct {
  public readonly role: iam.Role;
  /** The policies of the role, one per tier (each within the 6,144-character managed policy quota). */
  public readonly policies: iam.ManagedPolicy[];

  constructor(scope: Construct, id: string, props: ProductLaunchRoleProps) {
    super(scope, id);
    const statements = launchRoleStatements(props);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('servicecatalog.amazonaws.com'),
      description: 'StreamFlix Service Catalog launch role: CloudFormation creates the content API product with it',
    });
    this.policies = Object.entries(statements).map(
      ([tier, tierStatements]) =>
        new iam.ManagedPolicy(this, `${tier}Policy`, {
          description: `StreamFlix product launch: ${tier}`,
          statements: tierStatements,
          roles: [this.role],
        }),
    );
  }
}

const ACCOUNT = Aws.ACCOUNT_ID;
const inRegion = { StringEquals: { 'aws:RequestedRegion': MANDATED_REGION } };

/** Prefix of every stack Service Catalog provisions, and so of the names CloudFormation generates in it. */
const PP = `SC-${ACCOUNT}-pp-`;

/** `arn:aws:<service>:eu-west-1:<account>:<resource>` */
const arn = (service: string, resource: string) => `arn:aws:${service}:${MANDATED_REGION}:${ACCOUNT}:${resource}`;

function allow(sid: string, actions: string[], resources: string[], conditions: Record<string, Record<string, unknown>> = inRegion) {
  return new iam.PolicyStatement({ sid, effect: iam.Effect.ALLOW, actions, resources, conditions });
}

/** The launch role's statements, grouped into policies by tier. */
export function launchRoleStatements(props: ProductLaunchRoleProps): Record<string, iam.PolicyStatement[]> {
  const productRoles = `arn:aws:iam::${ACCOUNT}:role/${PP}*`;
  // CloudFormation names every function of the product after its stack.
  const functions = [arn('lambda', `function:${PP}*`)];
  return {
    Provisioning: [
      allow(
        'CloudFormationProvisionedStacks',
        [
          'cloudformation:CreateStack',
          'cloudformation:UpdateStack',
          'cloudformation:DeleteStack',
          'cloudformation:DescribeStacks',
          'cloudformation:DescribeStackEvents',
          'cloudformation:DescribeStackResource',
          'cloudformation:DescribeStackResources',
          'cloudformation:ListStackResources',
          'cloudformation:GetTemplate',
          'cloudformation:GetTemplateSummary',
          'cloudformation:SetStackPolicy',
          'cloudformation:ContinueUpdateRollback',
          'cloudformation:CreateChangeSet',
          'cloudformation:DescribeChangeSet',
          'cloudformation:ExecuteChangeSet',
          'cloudformation:DeleteChangeSet',
          'cloudformation:ListChangeSets',
          'cloudformation:TagResource',
          'cloudformation:UntagResource',
        ],
        [arn('cloudformation', `stack/${PP}*/*`), arn('cloudformation', `changeSet/*/*`)],
      ),
      // Service Catalog validates the product template by URL before any stack exists (no resource-level permissions).
      allow('ProductTemplateValidation', ['cloudformation:ValidateTemplate', 'cloudformation:GetTemplateSummary'], ['*']),
      allow('ServiceCatalogProductTemplates', ['s3:GetObject'], ['arn:aws:s3:::*/*'], {
        ...inRegion,
        StringEqualsIgnoreCase: { 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' },
      }),
      allow('ProductAssets', ['s3:GetObject'], [`arn:aws:s3:::${props.assetBucketName}/*`]),
      allow(
        'ProductRoles',
        [
          'iam:CreateRole',
          'iam:DeleteRole',
          'iam:GetRole',
          'iam:UpdateRole',
          'iam:UpdateRoleDescription',
          'iam:UpdateAssumeRolePolicy',
          'iam:PutRolePolicy',
          'iam:GetRolePolicy',
          'iam:DeleteRolePolicy',
          'iam:ListRolePolicies',
          'iam:ListAttachedRolePolicies',
          'iam:TagRole',
          'iam:UntagRole',
          'iam:ListRoleTags',
        ],
        [productRoles],
        {},
      ),
      allow('ProductRolesLambdaExecutionPolicies', ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'], [productRoles], {
        ArnEquals: { 'iam:PolicyARN': ATTACHABLE_MANAGED_POLICIES },
      }),
      allow('PassProductRoles', ['iam:PassRole'], [productRoles], {
        StringEquals: { 'iam:PassedToService': PASSED_TO_SERVICES },
      }),
      allow(
        'ServiceLinkedRoles',
        ['iam:CreateServiceLinkedRole'],
        Object.entries(SERVICE_LINKED_ROLES).map(([service, name]) => `arn:aws:iam::${ACCOUNT}:role/aws-service-role/${service}/${name}`),
        { StringEquals: { 'iam:AWSServiceName': Object.keys(SERVICE_LINKED_ROLES) } },
      ),
    ],
    Network: [
      allow(
        'Ec2Network',
        [
          'ec2:CreateVpc',
          'ec2:DeleteVpc',
          'ec2:ModifyVpcAttribute',
          'ec2:CreateSubnet',
          'ec2:DeleteSubnet',
          'ec2:ModifySubnetAttribute',
          'ec2:CreateRouteTable',
          'ec2:DeleteRouteTable',
          'ec2:AssociateRouteTable',
          'ec2:DisassociateRouteTable',
          'ec2:CreateRoute',
          'ec2:DeleteRoute',
          'ec2:ReplaceRoute',
          'ec2:CreateInternetGateway',
          'ec2:DeleteInternetGateway',
          'ec2:AttachInternetGateway',
          'ec2:DetachInternetGateway',
          'ec2:AllocateAddress',
          'ec2:ReleaseAddress',
          'ec2:CreateNatGateway',
          'ec2:DeleteNatGateway',
          'ec2:CreateSecurityGroup',
          'ec2:DeleteSecurityGroup',
          'ec2:AuthorizeSecurityGroupIngress',
          'ec2:AuthorizeSecurityGroupEgress',
          'ec2:RevokeSecurityGroupIngress',
          'ec2:RevokeSecurityGroupEgress',
          'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
          'ec2:UpdateSecurityGroupRuleDescriptionsEgress',
          'ec2:CreateVpcEndpoint',
          'ec2:ModifyVpcEndpoint',
          'ec2:DeleteVpcEndpoints',
          'ec2:CreateFlowLogs',
          'ec2:DeleteFlowLogs',
          'ec2:CreateTags',
          'ec2:DeleteTags',
        ],
        [arn('ec2', '*'), `arn:aws:ec2:${MANDATED_REGION}::vpc-endpoint-service/*`, `arn:aws:ec2:${MANDATED_REGION}:aws:prefix-list/*`],
      ),
      allow('Ec2Read', ['ec2:Describe*'], ['*']),
      // Interface endpoints with private DNS associate the VPC with the endpoint's private hosted zone.
      // Route 53 is global (calls land in us-east-1), so no region condition; hosted zone ARNs have no account.
      allow('InterfaceEndpointPrivateDns', ['route53:AssociateVPCWithHostedZone'], ['arn:aws:route53:::hostedzone/*'], {}),
      allow(
        'LoadBalancer',
        [
          'elasticloadbalancing:CreateLoadBalancer',
          'elasticloadbalancing:DeleteLoadBalancer',
          'elasticloadbalancing:ModifyLoadBalancerAttributes',
          'elasticloadbalancing:SetSecurityGroups',
          'elasticloadbalancing:SetSubnets',
          'elasticloadbalancing:CreateTargetGroup',
          'elasticloadbalancing:DeleteTargetGroup',
          'elasticloadbalancing:ModifyTargetGroup',
          'elasticloadbalancing:ModifyTargetGroupAttributes',
          'elasticloadbalancing:CreateListener',
          'elasticloadbalancing:DeleteListener',
          'elasticloadbalancing:ModifyListener',
          'elasticloadbalancing:ModifyListenerAttributes',
          'elasticloadbalancing:AddTags',
          'elasticloadbalancing:RemoveTags',
        ],
        [
          arn('elasticloadbalancing', 'loadbalancer/app/*'),
          arn('elasticloadbalancing', 'targetgroup/*'),
          arn('elasticloadbalancing', 'listener/app/*'),
        ],
      ),
      allow('LoadBalancerRead', ['elasticloadbalancing:Describe*'], ['*']),
      allow(
        'LoadBalancerFirewall',
        [
          'wafv2:CreateWebACL',
          'wafv2:UpdateWebACL',
          'wafv2:DeleteWebACL',
          'wafv2:GetWebACL',
          'wafv2:AssociateWebACL',
          'wafv2:DisassociateWebACL',
          'wafv2:GetWebACLForResource',
          'wafv2:PutLoggingConfiguration',
          'wafv2:DeleteLoggingConfiguration',
          'wafv2:GetLoggingConfiguration',
          'wafv2:TagResource',
          'wafv2:UntagResource',
          'wafv2:ListTagsForResource',
          'elasticloadbalancing:CreateWebACLAssociation',
          'elasticloadbalancing:DeleteWebACLAssociation',
          'elasticloadbalancing:GetLoadBalancerWebACL',
        ],
        [arn('wafv2', 'regional/webacl/*/*'), arn('wafv2', 'regional/managedruleset/*/*'), arn('elasticloadbalancing', 'loadbalancer/app/*')],
      ),
      // The Service Authorization Reference lists no resource type for SetWebAcl.
      allow('LoadBalancerFirewallAssociation', ['elasticloadbalancing:SetWebAcl'], ['*']),
      allow(
        'HttpApi',
        ['apigateway:GET', 'apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH', 'apigateway:DELETE'],
        [
          `arn:aws:apigateway:${MANDATED_REGION}::/apis`,
          `arn:aws:apigateway:${MANDATED_REGION}::/apis/*`,
          `arn:aws:apigateway:${MANDATED_REGION}::/vpclinks`,
          `arn:aws:apigateway:${MANDATED_REGION}::/vpclinks/*`,
          `arn:aws:apigateway:${MANDATED_REGION}::/tags/*`,
        ],
      ),
    ],
    Compute: [
      allow(
        'EcsClusterAndService',
        [
          'ecs:DescribeClusters',
          'ecs:UpdateCluster',
          'ecs:UpdateClusterSettings',
          'ecs:PutClusterCapacityProviders',
          'ecs:DeleteCluster',
          'ecs:CreateService',
          'ecs:UpdateService',
          'ecs:DescribeServices',
          'ecs:DeleteService',
          'ecs:TagResource',
          'ecs:UntagResource',
          'ecs:ListTagsForResource',
          // The service handler follows (and on failure stops) the deployment it started.
          'ecs:DescribeServiceDeployments',
          'ecs:ListServiceDeployments',
          'ecs:StopServiceDeployment',
        ],
        [arn('ecs', 'cluster/*'), arn('ecs', 'service/*'), arn('ecs', 'service-deployment/*'), arn('ecs', 'task-definition/*')],
      ),
      // No resource-level permissions (rules/core/iam-allowlist.ts); scoped by region only.
      allow(
        'EcsNoResourceLevel',
        ['ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:DeregisterTaskDefinition', 'ecs:DescribeTaskDefinition'],
        ['*'],
      ),
      allow(
        'ServiceAutoScaling',
        [
          'application-autoscaling:RegisterScalableTarget',
          'application-autoscaling:DeregisterScalableTarget',
          'application-autoscaling:PutScalingPolicy',
          'application-autoscaling:DeleteScalingPolicy',
          'application-autoscaling:TagResource',
          'application-autoscaling:UntagResource',
          'application-autoscaling:ListTagsForResource',
        ],
        [arn('application-autoscaling', 'scalable-target/*')],
      ),
      allow('ServiceAutoScalingRead', ['application-autoscaling:Describe*'], ['*']),
      allow(
        'TargetTrackingAlarms',
        ['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms'],
        [arn('cloudwatch', 'alarm:TargetTracking-*')],
      ),
      allow(
        'ProductFunctions',
        [
          'lambda:CreateFunction',
          'lambda:DeleteFunction',
          'lambda:GetFunction',
          'lambda:GetFunctionConfiguration',
          'lambda:UpdateFunctionCode',
          'lambda:UpdateFunctionConfiguration',
          'lambda:InvokeFunction',
          'lambda:AddPermission',
          'lambda:RemovePermission',
          'lambda:TagResource',
          'lambda:UntagResource',
          'lambda:ListTags',
          'lambda:GetFunctionCodeSigningConfig',
          'lambda:GetFunctionRecursionConfig',
          'lambda:GetRuntimeManagementConfig',
        ],
        functions,
      ),
      allow(
        'LogGroups',
        [
          'logs:CreateLogGroup',
          'logs:DeleteLogGroup',
          'logs:PutRetentionPolicy',
          'logs:DeleteRetentionPolicy',
          'logs:AssociateKmsKey',
          'logs:DisassociateKmsKey',
          'logs:TagResource',
          'logs:UntagResource',
          'logs:ListTagsForResource',
          'logs:TagLogGroup',
          'logs:UntagLogGroup',
          'logs:ListTagsLogGroup',
          'logs:GetDataProtectionPolicy',
        ],
        [arn('logs', 'log-group:*')],
      ),
      // Vended log delivery (ElastiCache slow log, API Gateway access log) has no resource-level permissions.
      allow(
        'VendedLogDelivery',
        [
          'logs:CreateLogDelivery',
          'logs:GetLogDelivery',
          'logs:UpdateLogDelivery',
          'logs:DeleteLogDelivery',
          'logs:ListLogDeliveries',
          'logs:DescribeLogGroups',
          'logs:DescribeResourcePolicies',
          'logs:PutResourcePolicy',
        ],
        ['*'],
      ),
    ],
    Data: [
      allow(
        'Database',
        [
          'rds:CreateDBInstance',
          'rds:ModifyDBInstance',
          'rds:DeleteDBInstance',
          'rds:RebootDBInstance',
          'rds:DescribeDBInstances',
          'rds:CreateDBSubnetGroup',
          'rds:ModifyDBSubnetGroup',
          'rds:DeleteDBSubnetGroup',
          'rds:DescribeDBSubnetGroups',
          'rds:CreateDBParameterGroup',
          'rds:ModifyDBParameterGroup',
          'rds:DeleteDBParameterGroup',
          'rds:DescribeDBParameterGroups',
          'rds:DescribeDBParameters',
          'rds:CreateDBSnapshot',
          'rds:DescribeDBSnapshots',
          'rds:DescribeDBInstanceAutomatedBackups',
          'rds:AddTagsToResource',
          'rds:RemoveTagsFromResource',
          'rds:ListTagsForResource',
        ],
        [arn('rds', '*')],
      ),
      // A parameter group with Parameters: the handler reads the engine defaults first (no resource-level permission).
      allow('EngineDefaultParameters', ['rds:DescribeEngineDefaultParameters'], ['*']),
      // The instance handler reads events (to report failures) and engine versions (on update); neither has a resource type.
      allow('DatabaseEventsAndVersions', ['rds:DescribeEvents', 'rds:DescribeDBEngineVersions'], ['*']),
      allow(
        'Cache',
        [
          'elasticache:CreateReplicationGroup',
          'elasticache:ModifyReplicationGroup',
          'elasticache:DeleteReplicationGroup',
          'elasticache:DescribeReplicationGroups',
          'elasticache:CreateCacheCluster',
          'elasticache:DescribeCacheClusters',
          'elasticache:CreateCacheSubnetGroup',
          'elasticache:ModifyCacheSubnetGroup',
          'elasticache:DeleteCacheSubnetGroup',
          'elasticache:DescribeCacheSubnetGroups',
          'elasticache:AddTagsToResource',
          'elasticache:RemoveTagsFromResource',
          'elasticache:ListTagsForResource',
        ],
        [arn('elasticache', '*')],
      ),
      allow('CreateProductKeys', ['kms:CreateKey'], ['*'], {
        StringEquals: { ...inRegion.StringEquals, [`aws:RequestTag/${APPLICATION_TAG.key}`]: APPLICATION_TAG.value },
      }),
      // CreateKey with Tags also needs kms:TagResource from a policy that does not require the key to exist yet.
      allow('TagNewProductKeys', ['kms:TagResource'], [arn('kms', 'key/*')], {
        StringEquals: { ...inRegion.StringEquals, [`aws:RequestTag/${APPLICATION_TAG.key}`]: APPLICATION_TAG.value },
      }),
      allow(
        'ProductKeys',
        [
          'kms:DescribeKey',
          'kms:GetKeyPolicy',
          'kms:PutKeyPolicy',
          'kms:EnableKeyRotation',
          'kms:GetKeyRotationStatus',
          'kms:UpdateKeyDescription',
          'kms:ListResourceTags',
          'kms:TagResource',
          'kms:UntagResource',
          'kms:ScheduleKeyDeletion',
          'kms:CreateGrant',
          'kms:RetireGrant',
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
        ],
        [arn('kms', 'key/*')],
        {
          StringEquals: { ...inRegion.StringEquals, [`aws:ResourceTag/${APPLICATION_TAG.key}`]: APPLICATION_TAG.value },
        },
      ),
      allow('CreateProductSecrets', ['secretsmanager:CreateSecret', 'secretsmanager:TagResource'], [arn('secretsmanager', 'secret:*')], {
        StringEquals: { ...inRegion.StringEquals, [`aws:RequestTag/${APPLICATION_TAG.key}`]: APPLICATION_TAG.value },
      }),
      allow(
        'ProductSecrets',
        [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecret',
          'secretsmanager:DeleteSecret',
          'secretsmanager:TagResource',
          'secretsmanager:UntagResource',
          'secretsmanager:PutResourcePolicy',
          'secretsmanager:GetResourcePolicy',
          'secretsmanager:DeleteResourcePolicy',
          'secretsmanager:ValidateResourcePolicy',
          'secretsmanager:RotateSecret',
          'secretsmanager:CancelRotateSecret',
        ],
        [arn('secretsmanager', 'secret:*')],
        {
          StringEquals: { ...inRegion.StringEquals, [`aws:ResourceTag/${APPLICATION_TAG.key}`]: APPLICATION_TAG.value },
        },
      ),
      // ManageMasterUserPassword: RDS creates, tags, rotates and deletes the `rds!db-…` secret with the caller's
      // credentials, tagged only with its own aws:rds:* tags.
      allow(
        'RdsManagedMasterSecret',
        [
          'secretsmanager:CreateSecret',
          'secretsmanager:TagResource',
          'secretsmanager:RotateSecret',
          'secretsmanager:UpdateSecret',
          'secretsmanager:DescribeSecret',
          'secretsmanager:DeleteSecret',
        ],
        [arn('secretsmanager', 'secret:rds!db-*')],
      ),
      allow('RandomPasswords', ['secretsmanager:GetRandomPassword'], ['*']),
      allow(
        'DatabaseBackup',
        [
          'backup:CreateBackupVault',
          'backup:DescribeBackupVault',
          'backup:DeleteBackupVault',
          'backup:CreateBackupPlan',
          'backup:UpdateBackupPlan',
          'backup:GetBackupPlan',
          'backup:DeleteBackupPlan',
          'backup:CreateBackupSelection',
          'backup:GetBackupSelection',
          'backup:DeleteBackupSelection',
          'backup:TagResource',
          'backup:UntagResource',
          'backup:ListTags',
        ],
        [arn('backup', 'backup-vault:*'), arn('backup', 'backup-plan:*')],
      ),
      // CreateBackupVault mounts the vault's storage; the action has no resource type.
      allow('BackupVaultStorage', ['backup-storage:MountCapsule'], ['*']),
    ],
  };
}
