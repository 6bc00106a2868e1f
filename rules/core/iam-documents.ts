/** Finds the identity-based policy documents and managed-policy attachments of IAM resources. */
import { TemplateResource } from './template';
import { asList, isPlainObject } from './intrinsics';

export interface PolicyDocumentAt {
  /** Where the document sits in the resource, for messages: `Policies[0].PolicyDocument`. */
  readonly location: string;
  readonly document: unknown;
}

/** SAM resources whose `Policies` become the permissions of a role the transform creates. */
const SAM_TYPES = ['AWS::Serverless::Function', 'AWS::Serverless::StateMachine'];

/** Types whose documents grant permissions to an identity. */
export const IAM_POLICY_HOLDERS = [
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
  'AWS::SSO::PermissionSet',
  ...SAM_TYPES,
];

export function policyDocuments(resource: TemplateResource): PolicyDocumentAt[] {
  const props = resource.properties;
  if (props.PolicyDocument !== undefined) return [{ location: 'PolicyDocument', document: props.PolicyDocument }];
  if (resource.type === 'AWS::SSO::PermissionSet') {
    return props.InlinePolicy === undefined ? [] : [{ location: 'InlinePolicy', document: props.InlinePolicy }];
  }
  if (SAM_TYPES.includes(resource.type)) {
    // Strings are managed policies and objects without Statement are SAM policy templates (scoped by SAM).
    return asList(props.Policies).flatMap((policy, index) =>
      isPlainObject(policy) && policy.Statement !== undefined ? [{ location: `Policies[${index}]`, document: policy }] : [],
    );
  }
  return asList(props.Policies).map((policy, index) => ({
    location: `Policies[${index}]${isPlainObject(policy) && typeof policy.PolicyName === 'string' ? ` (${policy.PolicyName})` : ''}.PolicyDocument`,
    document: isPlainObject(policy) ? policy.PolicyDocument : policy,
  }));
}

export interface ManagedPolicyAt {
  /** Where the attachment sits in the resource, for messages: `ManagedPolicyArns[0]`. */
  readonly location: string;
  readonly arn: unknown;
}

export function managedPolicyArns(resource: TemplateResource): ManagedPolicyAt[] {
  const props = resource.properties;
  if (resource.type === 'AWS::SSO::PermissionSet') {
    return asList(props.ManagedPolicies).map((arn, index) => ({ location: `ManagedPolicies[${index}]`, arn }));
  }
  if (SAM_TYPES.includes(resource.type)) {
    // SAM takes an AWS managed policy by bare name ("AdministratorAccess") or by ARN; objects without
    // Statement are SAM policy templates, which SAM scopes itself.
    return asList(props.Policies).flatMap((policy, index): ManagedPolicyAt[] => {
      if (typeof policy === 'string') {
        return [{ location: `Policies[${index}]`, arn: policy.startsWith('arn:') ? policy : `arn:aws:iam::aws:policy/${policy}` }];
      }
      const intrinsic = isPlainObject(policy) && Object.keys(policy).some((k) => k === 'Ref' || k.startsWith('Fn::'));
      return intrinsic ? [{ location: `Policies[${index}]`, arn: policy }] : [];
    });
  }
  return asList(props.ManagedPolicyArns).map((arn, index) => ({ location: `ManagedPolicyArns[${index}]`, arn }));
}

/**
 * SAM policy templates (`{ S3CrudPolicy: { BucketName: … } }`) of a SAM function or state machine:
 * the transform expands them at deploy time into statements this template does not contain.
 */
export function samPolicyTemplates(resource: TemplateResource): { location: string; name: string }[] {
  if (!SAM_TYPES.includes(resource.type)) return [];
  return asList(resource.properties.Policies).flatMap((policy, index) => {
    if (!isPlainObject(policy) || policy.Statement !== undefined) return [];
    const [name] = Object.keys(policy);
    return name === undefined || name === 'Ref' || name.startsWith('Fn::') ? [] : [{ location: `Policies[${index}]`, name }];
  });
}

/** A policy document may be given as a JSON string; returns the parsed object or the input. */
export function parseDocument(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  try {
    return JSON.parse(document);
  } catch {
    return document;
  }
}

/** IAM wildcard matching: `*` any run of characters, `?` one character; case-insensitive. */
export function iamPatternMatches(pattern: string, action: string): boolean {
  let regex = compiled.get(pattern);
  // Stryker disable next-line ConditionalExpression: the cache only saves compiling the same regex again
  if (!regex) {
    const source = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, 'i');
    compiled.set(pattern, regex);
  }
  return regex.test(action);
}

/** Patterns recur across every statement of every policy: compile each once. */
const compiled = new Map<string, RegExp>();
