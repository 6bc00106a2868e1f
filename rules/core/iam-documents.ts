/** Finds the identity-based policy documents and managed-policy attachments of IAM resources. */
import { TemplateResource, asList, isPlainObject } from './template';

export interface PolicyDocumentAt {
  /** Where the document sits in the resource, for messages: `Policies[0].PolicyDocument`. */
  readonly location: string;
  readonly document: unknown;
}

/** Types whose documents grant permissions to an identity. */
export const IAM_POLICY_HOLDERS = [
  'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group',
  'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
];

export function policyDocuments(resource: TemplateResource): PolicyDocumentAt[] {
  const props = resource.properties;
  if (props.PolicyDocument !== undefined) return [{ location: 'PolicyDocument', document: props.PolicyDocument }];
  return asList(props.Policies).map((policy, index) => ({
    location: `Policies[${index}]${isPlainObject(policy) && typeof policy.PolicyName === 'string' ? ` (${policy.PolicyName})` : ''}.PolicyDocument`,
    document: isPlainObject(policy) ? policy.PolicyDocument : policy,
  }));
}

export function managedPolicyArns(resource: TemplateResource): unknown[] {
  return asList(resource.properties.ManagedPolicyArns);
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
  const source = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'i').test(action);
}
