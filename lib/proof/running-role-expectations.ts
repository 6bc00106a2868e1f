/**
 * What each role of the running system must be able to do, and must not. The lead adjusts the task
 * role's entries when the service starts calling AWS (issue 10: the DB secret at run time).
 * `{db-secret}`, `{cache-secret}`, `{log-group}`, `{ecr-repository}`, `{other-*}` are filled by the proof.
 */
export interface ExpectedCall { readonly action: string; readonly resource: string }

export interface RoleExpectation {
  /** Logical-id fragment of the role in the template (CDK construct path). */
  readonly role: string;
  readonly mustAllow: readonly ExpectedCall[];
  readonly mustDeny: readonly ExpectedCall[];
  /** Every action the role's policies grant must be one of these ("nothing more"). */
  readonly grantedActionsWithin: readonly string[];
}

export const RUNNING_ROLE_EXPECTATIONS: readonly RoleExpectation[] = [
  {
    role: 'ComputeExecutionRole',
    mustAllow: [
      { action: 'ecr:GetAuthorizationToken', resource: '*' },
      { action: 'ecr:BatchGetImage', resource: '{ecr-repository}' },
      { action: 'ecr:GetDownloadUrlForLayer', resource: '{ecr-repository}' },
      { action: 'logs:CreateLogStream', resource: '{log-group}' },
      { action: 'logs:PutLogEvents', resource: '{log-group}' },
      { action: 'secretsmanager:GetSecretValue', resource: '{db-secret}' },
      { action: 'secretsmanager:GetSecretValue', resource: '{cache-secret}' },
    ],
    mustDeny: [
      { action: 'ecr:BatchGetImage', resource: '{other-account-ecr-repository}' },
      { action: 'secretsmanager:GetSecretValue', resource: '{other-secret}' },
      { action: 'secretsmanager:PutSecretValue', resource: '{db-secret}' },
    ],
    grantedActionsWithin: [
      'ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability',
      'logs:CreateLogStream', 'logs:PutLogEvents', 'secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret',
    ],
  },
  {
    // Today the API needs no AWS permissions (nginx placeholder). Issue 10 adds GetSecretValue on {db-secret} and kms:Decrypt.
    role: 'ComputeTaskRole',
    mustAllow: [],
    mustDeny: [
      { action: 'secretsmanager:GetSecretValue', resource: '{cache-secret}' },
      { action: 'secretsmanager:GetSecretValue', resource: '{other-secret}' },
    ],
    grantedActionsWithin: [],
  },
  {
    role: 'FlowLogIAMRole',
    mustAllow: [{ action: 'logs:PutLogEvents', resource: '{flow-log-group}' }, { action: 'logs:CreateLogStream', resource: '{flow-log-group}' }],
    mustDeny: [{ action: 'logs:PutLogEvents', resource: '{log-group}' }],
    grantedActionsWithin: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'iam:PassRole'],
  },
  {
    // CDK's custom resource that removes the default security group's rules.
    role: 'CustomVpcRestrictDefaultSGCustomResourceProviderRole',
    mustAllow: [
      { action: 'ec2:RevokeSecurityGroupIngress', resource: '{default-security-group}' },
      { action: 'ec2:RevokeSecurityGroupEgress', resource: '{default-security-group}' },
    ],
    mustDeny: [{ action: 'ec2:RevokeSecurityGroupIngress', resource: '{other-security-group}' }],
    grantedActionsWithin: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
  },
];
