/**
 * Reviewed IAM exceptions for SFX-IAM-LEAST-PRIVILEGE. This is data, reviewed by the
 * security team: every entry says why it is safe. Adding an entry is a security change
 * and needs the same review as a rule change (see SECURITY.md).
 *
 * Matching is case-insensitive, as IAM action names are.
 */

export interface ReviewedAction {
  /** An IAM action, or an action pattern with `*` as written in policies. */
  readonly action: string;
  /** Why this is acceptable. */
  readonly reason: string;
}

/**
 * Actions that may be granted on `Resource: "*"`, because the service offers no
 * resource-level permissions for them (or no ARN exists before the resource does).
 * Entries may be patterns; `iam:PassRole` can never be listed here.
 */
export const ACTIONS_ALLOWED_ON_ANY_RESOURCE: readonly ReviewedAction[] = [
  { action: 'ecr:GetAuthorizationToken', reason: 'Returns a registry-wide login token; ECR offers no resource-level permission for it. Image pulls stay scoped to repositories.' },
  { action: 'elasticloadbalancing:SetWebAcl', reason: 'Associates a WAF web ACL with a load balancer; the Service Authorization Reference lists no resource type for it.' },
  { action: 'rds:DescribeEvents', reason: 'Lists RDS events (status messages, never data); no resource-level permissions. CloudFormation reads them to report a failed DB instance operation.' },
  { action: 'rds:DescribeDBEngineVersions', reason: 'Lists the engine versions RDS offers (public AWS data); no resource-level permissions.' },
  { action: 'rds:DescribeEngineDefaultParameters', reason: 'Reads the engine family\'s default parameters (public AWS data); no resource-level permissions. CloudFormation calls it for a DB parameter group with Parameters.' },
  { action: 'xray:PutTraceSegments', reason: 'X-Ray trace ingestion has no resource-level permissions.' },
  { action: 'xray:PutTelemetryRecords', reason: 'X-Ray telemetry ingestion has no resource-level permissions.' },
  { action: 'xray:GetSamplingRules', reason: 'Read-only X-Ray sampling configuration; no resource-level permissions.' },
  { action: 'xray:GetSamplingTargets', reason: 'Read-only X-Ray sampling configuration; no resource-level permissions.' },
  { action: 'cloudwatch:PutMetricData', reason: 'CloudWatch metrics have no ARNs; scope with the cloudwatch:namespace condition key instead.' },
  { action: 'ec2:Describe*', reason: 'EC2 Describe calls are read-only and support no resource-level permissions.' },
  { action: 'elasticloadbalancing:Describe*', reason: 'ELB Describe calls are read-only and support no resource-level permissions.' },
  { action: 'application-autoscaling:Describe*', reason: 'Read-only; Application Auto Scaling Describe calls support no resource-level permissions.' },
  { action: 'ssm:DescribeParameters', reason: 'Read-only listing of parameter metadata (never values); no resource-level permissions.' },
  { action: 'secretsmanager:GetRandomPassword', reason: 'Generates random bytes; touches no secret and has no resource-level permissions.' },
  { action: 'sts:GetCallerIdentity', reason: 'Returns the caller identity only; needs no permission and has no resource.' },
  { action: 'kms:CreateKey', reason: 'A key ARN does not exist before the key is created, so no resource can be named (narrow it with conditions such as aws:RequestedRegion and aws:RequestTag, as the launch role does).' },
  { action: 'ecs:RegisterTaskDefinition', reason: 'ECS task definition registration supports no resource-level permissions.' },
  { action: 'ecs:DeregisterTaskDefinition', reason: 'ECS task definition deregistration supports no resource-level permissions.' },
  { action: 'ecs:DescribeTaskDefinition', reason: 'Read-only; supports no resource-level permissions.' },
  { action: 'ecs:CreateCluster', reason: 'ECS cluster creation supports no resource-level permissions (narrow it with aws:RequestedRegion, as the launch role does).' },
  { action: 'logs:CreateLogDelivery', reason: 'Vended log delivery (ElastiCache, API Gateway) supports no resource-level permissions.' },
  { action: 'logs:GetLogDelivery', reason: 'Vended log delivery supports no resource-level permissions.' },
  { action: 'logs:UpdateLogDelivery', reason: 'Vended log delivery supports no resource-level permissions.' },
  { action: 'logs:DeleteLogDelivery', reason: 'Vended log delivery supports no resource-level permissions.' },
  { action: 'logs:ListLogDeliveries', reason: 'Vended log delivery supports no resource-level permissions.' },
  { action: 'logs:DescribeLogGroups', reason: 'Read-only listing; CloudFormation calls it on "*" to stabilise log groups.' },
  { action: 'logs:DescribeResourcePolicies', reason: 'Read-only; CloudWatch Logs resource policies have no ARN.' },
  { action: 'logs:PutResourcePolicy', reason: 'CloudWatch Logs resource policies have no ARN; needed by vended log delivery.' },
  { action: 'ssmmessages:CreateControlChannel', reason: 'ECS Exec channels have no resource-level permissions.' },
  { action: 'ssmmessages:CreateDataChannel', reason: 'ECS Exec channels have no resource-level permissions.' },
  { action: 'ssmmessages:OpenControlChannel', reason: 'ECS Exec channels have no resource-level permissions.' },
  { action: 'ssmmessages:OpenDataChannel', reason: 'ECS Exec channels have no resource-level permissions.' },
  { action: 'dynamodb:ListStreams', reason: 'Lists stream ARNs; DynamoDB offers no resource-level permission for it (CDK stream grants use it).' },
  { action: 'logs:DeleteResourcePolicy', reason: 'CloudWatch Logs resource policies have no ARN; the counterpart of PutResourcePolicy.' },
  { action: 'servicecatalog:SearchProducts', reason: 'Read-only product search; no resource-level permissions.' },
  { action: 's3:ListAllMyBuckets', reason: 'Lists bucket names of the account; the action has no resource type (CloudWatch Synthetics canaries call it).' },
  { action: 'cloudwatch:GetMetricData', reason: 'Read-only metric queries; CloudWatch metrics have no ARNs.' },
  { action: 'cloudwatch:GetMetricStatistics', reason: 'Read-only metric statistics; CloudWatch metrics have no ARNs.' },
  { action: 'cloudwatch:ListMetrics', reason: 'Read-only metric listing; CloudWatch metrics have no ARNs.' },
  { action: 'sqs:ListQueues', reason: 'Lists queue URLs of the account; the action has no resource type.' },
  { action: 'sns:ListTopics', reason: 'Lists topic ARNs of the account; the action has no resource type.' },
  { action: 'dynamodb:ListTables', reason: 'Lists table names of the account; the action has no resource type.' },
  { action: 'kms:ListKeys', reason: 'Lists key ids of the account (no key material); the action has no resource type.' },
  { action: 'kms:ListAliases', reason: 'Lists alias names of the account; the action has no resource type.' },
  { action: 'secretsmanager:ListSecrets', reason: 'Lists secret metadata (never values); the action has no resource type.' },
  { action: 'lambda:ListFunctions', reason: 'Lists function configurations; the action has no resource type.' },
  { action: 'tag:GetResources', reason: 'Resource Groups Tagging API lookup by tag; the action has no resource type.' },
  { action: 'ecs:ListClusters', reason: 'Lists cluster ARNs of the account; the action has no resource type.' },
  { action: 'states:ListStateMachines', reason: 'Lists state machine ARNs of the account; the action has no resource type.' },
  { action: 'backup-storage:MountCapsule', reason: 'AWS Backup mounts the storage of a vault it creates; the action has no resource type (CreateBackupVault needs it).' },
  { action: 'cloudformation:ValidateTemplate', reason: 'Validates a template body or URL; no stack exists yet and the action has no resource type (Service Catalog launch constraints need it).' },
  { action: 'cloudformation:GetTemplateSummary', reason: 'Called by Service Catalog with the product\'s template URL before any stack exists, so no stack ARN can be named.' },
  { action: 'ecs:DiscoverPollEndpoint', reason: 'The ECS agent finds its endpoint; the action has no resource type (EC2 capacity of a cluster).' },
];

/**
 * Action patterns with a partial wildcard that may appear in an Allow statement. Any other
 * pattern (`s3:Put*`, `iam:Pass*`, `ec2:*Vpc`, `?`) is rejected.
 */
export const APPROVED_ACTION_PATTERNS: readonly ReviewedAction[] = [
  { action: 'kms:GenerateDataKey*', reason: 'CDK key grants: the GenerateDataKey family (with/without plaintext, pairs) on a specific key.' },
  { action: 'kms:ReEncrypt*', reason: 'CDK key grants: ReEncryptFrom/ReEncryptTo on a specific key.' },
  { action: 's3:GetObject*', reason: 'CDK bucket read grants: object reads (versions, ACL, tagging) on a specific bucket.' },
  { action: 's3:GetBucket*', reason: 'CDK bucket read grants: bucket metadata reads on a specific bucket.' },
  { action: 's3:List*', reason: 'CDK bucket read grants: listings on a specific bucket.' },
  { action: 's3:DeleteObject*', reason: 'CDK bucket write grants: object deletion on a specific bucket.' },
  { action: 's3:Abort*', reason: 'CDK bucket write grants: abort multipart uploads on a specific bucket.' },
  { action: 'ecs:Submit*', reason: 'CDK EC2 capacity: the ECS agent reports task, container and attachment state changes to its own cluster ARN.' },
  { action: 'cloudformation:DescribeStack*', reason: 'CodePipeline CloudFormation actions: read-only stack, resource and event descriptions of one named stack.' },
  { action: 'cloudformation:GetTemplate*', reason: 'CodePipeline CloudFormation actions: read-only template (and summary) of one named stack.' },
  { action: 'ec2:Describe*', reason: 'Read-only EC2 inventory.' },
  { action: 'elasticloadbalancing:Describe*', reason: 'Read-only load balancer inventory.' },
  { action: 'application-autoscaling:Describe*', reason: 'Read-only scaling inventory.' },
];

/**
 * AWS managed policies that grant administrator, power-user or full access to a service.
 * Matched against the policy name of `arn:<partition>:iam::aws:policy/[path/]<name>`.
 */
export const FORBIDDEN_AWS_MANAGED_POLICIES: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /Admin(istrator)?(Access|Policy)/i, reason: 'Administrator access: AdministratorAccess (and its -Amplify, -AWSElasticBeanstalk variants) or a service\'s *AdminAccess.' },
  { pattern: /Admin(istrator)?$/i, reason: 'A service\'s administrator policy named without a suffix (AWSAppSyncAdministrator, AWSCloud9Administrator, AmazonWorkSpacesAdmin).' },
  { pattern: /^(SecretsManagerReadWrite|AmazonEC2RoleforSSM|AmazonSSMAutomationRole)$/i, reason: 'Full access in all but name: every Secrets Manager action on every secret; SSM and S3 on "*" for instances.' },
  { pattern: /^(SystemAdministrator|NetworkAdministrator|DatabaseAdministrator)$/i, reason: 'Job-function administrator policies.' },
  { pattern: /PowerUser/i, reason: 'Power-user access: PowerUserAccess (every action but IAM and Organizations) or a service\'s *PowerUser.' },
  { pattern: /FullAccess/i, reason: 'Full access to a service (IAMFullAccess, *FullAccess, *_FullAccess, *FullAccessV2, …).' },
  { pattern: /ReadOnlyAccess$/i, reason: 'Read access to every resource of a service (or of the account): Get*/List* on "*" exposes all its data.' },
];
