/**
 * Handler permissions for the resource types the CloudFormation registry extract does not carry
 * (lib/proof/data/handler-permissions.json): CloudFormation's own non-registry handlers and custom resources.
 * Each entry was reviewed against the documentation it names.
 */
export interface ReviewedHandlerPermissions {
  readonly handlers: { readonly create: readonly string[]; readonly update: readonly string[]; readonly delete: readonly string[] };
  readonly tagging: { readonly taggable: boolean };
  /** What the entry rests on. */
  readonly documentation: readonly string[];
  readonly reviewedOn: string;
  readonly reviewedBy: string;
}

/** A custom resource: CloudFormation invokes its provider (ServiceToken) with the stack's credentials on every operation. */
export const CUSTOM_RESOURCE_PERMISSIONS: ReviewedHandlerPermissions = {
  handlers: { create: ['lambda:InvokeFunction'], update: ['lambda:InvokeFunction'], delete: ['lambda:InvokeFunction'] },
  tagging: { taggable: false },
  documentation: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources-lambda.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-customresource.html',
  ],
  reviewedOn: '2026-12-01',
  reviewedBy: 'issue 9',
};

export const REVIEWED_HANDLER_PERMISSIONS: Readonly<Record<string, ReviewedHandlerPermissions>> = {
  // Not a registry type (no resource schema): CloudFormation writes an inline policy into each role, user and group named.
  // An update that renames the policy or drops a principal deletes the old inline policy first.
  'AWS::IAM::Policy': {
    handlers: {
      create: ['iam:PutRolePolicy', 'iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:GetRolePolicy'],
      update: [
        'iam:PutRolePolicy',
        'iam:PutUserPolicy',
        'iam:PutGroupPolicy',
        'iam:GetRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:DeleteUserPolicy',
        'iam:DeleteGroupPolicy',
      ],
      delete: ['iam:DeleteRolePolicy', 'iam:DeleteUserPolicy', 'iam:DeleteGroupPolicy'],
    },
    tagging: { taggable: false },
    documentation: [
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-policy.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html',
    ],
    reviewedOn: '2026-12-01',
    reviewedBy: 'issue 9',
  },
};
