/**
 * What each role of the running system must be able to do, and must not. Change an entry with the code that
 * changes what the role does (the service's AWS calls: service/src/secrets.ts).
 * `{db-secret}`, `{cache-secret}`, `{db-key}`, `{log-group}`, `{ecr-repository}`, `{other-*}` are filled by the proof.
 */
export interface ExpectedCall {
  readonly action: string;
  readonly resource: string;
  /** Request context beyond `aws:RequestedRegion` (for example `kms:ViaService`). */
  readonly context?: Readonly<Record<string, string>>;
}

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
    // Pulls the image (the product's registry reference, or the direct-deploy stack's Docker asset) and writes
    // logs. It injects no secret: the service reads its credentials itself (task role).
    role: 'ComputeExecutionRole',
    mustAllow: [
      { action: 'ecr:GetAuthorizationToken', resource: '*' },
      { action: 'ecr:BatchGetImage', resource: '{ecr-repository}' },
      { action: 'ecr:GetDownloadUrlForLayer', resource: '{ecr-repository}' },
      { action: 'logs:CreateLogStream', resource: '{log-group}' },
      { action: 'logs:PutLogEvents', resource: '{log-group}' },
    ],
    mustDeny: [
      { action: 'ecr:BatchGetImage', resource: '{other-account-ecr-repository}' },
      { action: 'secretsmanager:GetSecretValue', resource: '{db-secret}' },
      { action: 'secretsmanager:GetSecretValue', resource: '{cache-secret}' },
    ],
    grantedActionsWithin: [
      'ecr:GetAuthorizationToken',
      'ecr:BatchGetImage',
      'ecr:GetDownloadUrlForLayer',
      'ecr:BatchCheckLayerAvailability',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ],
  },
  {
    // The service reads the database and cache credentials from Secrets Manager at run time (service/src/secrets.ts),
    // decrypting them with their keys only through Secrets Manager.
    role: 'ComputeTaskRole',
    mustAllow: [
      { action: 'secretsmanager:GetSecretValue', resource: '{db-secret}' },
      { action: 'secretsmanager:GetSecretValue', resource: '{cache-secret}' },
      { action: 'kms:Decrypt', resource: '{db-key}', context: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
      { action: 'kms:Decrypt', resource: '{cache-key}', context: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
    ],
    mustDeny: [
      { action: 'secretsmanager:GetSecretValue', resource: '{other-secret}' },
      { action: 'secretsmanager:PutSecretValue', resource: '{db-secret}' },
      { action: 'kms:Decrypt', resource: '{db-key}' }, // not through Secrets Manager
      { action: 'kms:Decrypt', resource: '{logs-key}', context: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
    ],
    grantedActionsWithin: ['secretsmanager:GetSecretValue', 'kms:Decrypt'],
  },
  {
    role: 'FlowLogIAMRole',
    mustAllow: [
      { action: 'logs:PutLogEvents', resource: '{flow-log-group}' },
      { action: 'logs:CreateLogStream', resource: '{flow-log-group}' },
    ],
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
    grantedActionsWithin: [
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:AuthorizeSecurityGroupEgress',
      'ec2:RevokeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupEgress',
    ],
  },
];
