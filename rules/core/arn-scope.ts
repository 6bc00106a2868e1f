/**
 * How far an IAM `Resource` reaches, proven from the template: "*" (or "*" in all but name), specific
 * resources, or not provable. An ARN is specific when every deploy-time part of it is a pseudo parameter
 * or an identifying attribute of a resource (of this template, or exported by another stack of the app).
 */
import { TemplateView } from './template';
import { asList, referencedAttribute, referencedLogicalId } from './intrinsics';
import {
  Rendered,
  RenderedPart,
  SAME_EVERYWHERE_PSEUDO,
  arnFields,
  hasVariableText,
  isFullyLiteral,
  literalText,
  partsToDisplay,
  rootOf,
  segmentsOf,
} from './rendered';
import { possibleValues, render } from './values';

export type ResourceScope =
  { kind: 'specific' } | { kind: 'any'; shown: string } | { kind: 'unknown'; reason: string } | { kind: 'not-arn'; text: string };

/** `conditioned`: a resource-narrowing condition (object or resource tag, resource account) narrows the statement. */
export function resourceScope(resourceExpr: unknown, template: TemplateView, conditioned: boolean): ResourceScope {
  if (resourceExpr === undefined) return { kind: 'any', shown: 'every resource (Resource is absent)' };
  for (const { expr, parts } of resourceRenderings(resourceExpr, template)) {
    const scope = renderingScope(expr, parts, template, conditioned);
    if (scope.kind !== 'specific') return scope;
  }
  return { kind: 'specific' };
}

/** One deploy-time string of the Resource entry `expr` (`undefined`: not a string at all). */
function renderingScope(expr: unknown, parts: Rendered | undefined, template: TemplateView, conditioned: boolean): ResourceScope {
  if (parts === undefined) return { kind: 'unknown', reason: describeUnprovable(expr, template) };
  const text = partsToDisplay(parts);
  if (isUnbounded(parts, template, conditioned)) return { kind: 'any', shown: `"${text}"` };
  // A literal that is not an ARN ("foo"): nothing is decided at deploy time, it is simply not a resource name IAM matches.
  if (!text.startsWith('arn:') && isFullyLiteral(parts) && !parts.some(hasVariableText) && !text.includes('{{resolve:')) {
    return { kind: 'not-arn', text };
  }
  if (!hasLiteralShape(parts, template)) return { kind: 'unknown', reason: describeUnprovable(expr, template) };
  return { kind: 'specific' };
}

/**
 * Every string a statement's Resource may name at deploy time, with the entry it comes from: the
 * candidate renderings of each entry. In a list, an entry that is AWS::NoValue (say in a Fn::If
 * branch) is removed by CloudFormation and names nothing. A Resource that is not a list may be one
 * as a whole (a Fn::FindInMap entry, a Fn::If branch): its items are the entries. `parts` is
 * `undefined` where a value is not a string (a list inside the list is no valid policy either).
 */
export function resourceRenderings(resourceExpr: unknown, template: TemplateView): { expr: unknown; parts: Rendered | undefined }[] {
  const inList = Array.isArray(resourceExpr);
  return asList(resourceExpr).flatMap((expr) => {
    const possible = possibleValues(expr, template);
    if (possible.kind !== 'known') return [{ expr, parts: render(expr, template) }];
    return possible.values.flatMap((value) => {
      if (value === undefined && inList) return [];
      const items = Array.isArray(value) && !inList ? value : [value];
      return items.map((item) => ({ expr, parts: typeof item === 'string' ? render(item, template) : undefined }));
    });
  });
}

/**
 * Every string a value can be at deploy time, as far as the template proves it: each allowed value
 * of a parameter, each branch of a Fn::If, each entry of a Fn::FindInMap, or the rendered parts of
 * anything else; `undefined` where a value is not a string at all.
 */
export function candidateRenderings(expr: unknown, template: TemplateView): (Rendered | undefined)[] {
  const possible = possibleValues(expr, template);
  // Its one caller (a managed policy ARN) fails a rendered number or boolean as not an ARN, as it fails undefined.
  // Stryker disable next-line ConditionalExpression: equivalent, as said above
  if (possible.kind === 'known') return possible.values.map((v) => (typeof v === 'string' ? render(v, template) : undefined));
  return [render(expr, template)];
}

/**
 * "*" in all but name: `*`; an ARN whose service is a wildcard (`arn:aws:*:*:*:*`); an ARN for
 * any account (`arn:aws:dynamodb:*:*:table/*`) unless it names a resource of this template; an
 * ARN naming no account whose resource part is only wildcards (`arn:aws:s3:::*`, every bucket;
 * `arn:aws:s3:::*\/*`, every object, unless a resource-narrowing condition (object or resource
 * tag, resource account or organization) narrows the statement, as Service Catalog's object-tag
 * condition does). An account- and region-scoped pattern such as
 * `arn:aws:ec2:eu-west-1:<account>:*` stays specific: it cannot reach another account.
 */
function isUnbounded(parts: Rendered, template: TemplateView, conditioned: boolean): boolean {
  if (partsToDisplay(parts) === '*') return true;
  const fields = arnFields(parts);
  // An ARN of fewer than five fields names no account, as an empty account field does.
  // Stryker disable next-line StringLiteral: any default without a wildcard returns false for a short ARN, as '' does (its resource part is empty)
  const [prefix, , service, , account = ''] = fields.map(partsToDisplay);
  if (prefix !== 'arn') return false;
  if (service === undefined || service === '' || /[*?]/.test(service)) return true;
  const resourceParts = fields.slice(5).flatMap((field, index) => [...(index > 0 ? [{ kind: 'literal', text: ':' } as const] : []), ...field]);
  const resource = partsToDisplay(resourceParts);
  // A resource part naming a resource of this template (`task/${Cluster}/*`) is bounded by it.
  if (/[*?]/.test(account)) return !resourceParts.some((part) => namesResource(part, template));
  if (account !== '') return false;
  if (/^[*?]+$/.test(resource)) return true;
  return !conditioned && /^[*?]+\/[*?]*$/.test(resource);
}

/** A reference to, or an import of, an identifying attribute of a resource. */
function namesResource(part: RenderedPart, template: TemplateView): boolean {
  switch (part.kind) {
    case 'reference':
      return identifiesResource(part.logicalId, part.attribute, template);
    case 'import':
      return importIdentifiesResource(part.exportName, template, 0);
  }
  return false;
}

/**
 * An ARN with a literal service, or a value that starts with an identifying attribute (its Ref,
 * ARN, name or id) of a resource of this template, such as `${Bucket.Arn}/*`. Other attributes
 * (an SSM parameter's Value, a custom resource's outputs) can be anything, `*` included.
 * `depth` counts the exports and nested parameters followed, which may be crafted to refer to each other.
 */
export function hasLiteralShape(parts: Rendered, template: TemplateView, depth = 0): boolean {
  const [first] = parts;
  if (first?.kind === 'literal' && first.text.startsWith('arn:')) {
    const fields = arnFields(parts);
    const service = fields.length > 2 ? literalText(fields[2]) : undefined;
    // A `${…}` variable in the service is literal text that partsAreBounded rejects.
    return service !== undefined && service !== '' && partsAreBounded(parts, template, depth);
  }
  // Starts with a reference to a resource (`${Bucket.Arn}/*`), and nothing after it is unbounded either.
  return first !== undefined && first.kind !== 'literal' && rootOf(first).kind !== 'pseudo' && partsAreBounded(parts, template, depth);
}

/**
 * Every deploy-time part of an ARN is a pseudo parameter (`${AWS.AccountId}`) or an identifying
 * attribute of a resource (of this template, or exported by another stack of the app). A parameter,
 * a dynamic reference, a non-identifying attribute, an intrinsic the gate cannot follow or a policy
 * variable could be `*` at deploy time (`arn:aws:s3:::${param.Bucket}/*`), so the ARN is not provably specific.
 */
function partsAreBounded(parts: Rendered, template: TemplateView, depth: number): boolean {
  if (partsToDisplay(parts).includes('{{resolve:')) return false;
  return parts.every((part) => (part.kind === 'literal' ? !hasVariableText(part) : partIsBounded(part, template, depth)));
}

/**
 * One deploy-time part: a pseudo parameter; an identifying attribute of a resource of the template; an
 * import of another stack's export, or a nested stack's parameter, whose value identifies one there;
 * or the resource part of the ARN of one of these (segment 5 or later of a ':' split), or a piece of that.
 */
function partIsBounded(part: RenderedPart, template: TemplateView, depth: number): boolean {
  // The innermost split must take the resource part of an ARN (field 5 or later of a ':' split);
  // other fields (region, account, an empty one) could turn `…${part}*` into "*".
  const [innermost] = segmentsOf(part);
  if (innermost !== undefined && !(innermost.delimiter === ':' && innermost.index >= 5)) return false;
  const root = rootOf(part);
  switch (root.kind) {
    case 'pseudo':
      return SAME_EVERYWHERE_PSEUDO.has(root.name); // this account, region and partition
    case 'import':
      return importIdentifiesResource(root.exportName, template, depth);
    case 'parameter': {
      const passed = template.nestedParameter(root.name);
      return passed !== undefined && valueIdentifiesResource(passed.value, passed.view, depth);
    }
    case 'reference':
      return identifiesResource(root.logicalId, root.attribute, template);
  }
  return false; // literal text cut by a segment, or an intrinsic the gate cannot follow
}

/** A value (of an export, of a nested stack's parameter) that identifies a resource of its template, or an ARN bounded there. */
function valueIdentifiesResource(value: unknown, view: TemplateView, depth: number): boolean {
  if (depth > 8) return false;
  // A Ref or Fn::GetAtt renders as a reference (which partIsBounded judges), and a middle nested stack's
  // own parameter as a parameter part, which partIsBounded follows up to the stack that has the resource.
  const parts = render(value, view);
  return parts !== undefined && hasLiteralShape(parts, view, depth + 1);
}

/**
 * A Ref or an identifying attribute (ARN, name, id) of an AWS resource of the template. Custom
 * resources and third-party types can return anything; a CDK nested stack's `Outputs.X` is
 * followed into the nested template (raw nested stacks never identify anything).
 */
function identifiesResource(logicalId: string, attribute: string | undefined, template: TemplateView, hops = 0): boolean {
  const resource = template.resource(logicalId);
  if (!resource || !resource.type.startsWith('AWS::') || resource.type === 'AWS::CloudFormation::CustomResource') return false;
  if (attribute?.startsWith('Outputs.')) {
    // Only a judged CDK nested stack (an AWS::CloudFormation::Stack) has a nested template.
    const nested = template.nestedTemplate(logicalId);
    if (nested === undefined) return false;
    const value = nested.template.Outputs?.[attribute.slice('Outputs.'.length)]?.Value;
    const target = referencedLogicalId(value);
    // Stryker disable next-line ConditionalExpression: for an undefined target, identifiesResource finds no resource and returns false too
    return target !== undefined && hops < 5 && identifiesResource(target, referencedAttribute(value), nested, hops + 1);
  }
  if (resource.type === 'AWS::CloudFormation::Stack') return false;
  // Attribute names vary in case (Arn, ConsumerARN, StreamId, QueueName); a VPC names its default SG and ACL by id.
  return attribute === undefined || /(arn|name|id|^DefaultSecurityGroup|^DefaultNetworkAcl)$/i.test(attribute);
}

/** An import of another stack's export whose value is an identifying attribute of a resource there (CDK cross-stack references). */
function importIdentifiesResource(exportName: string, template: TemplateView, depth: number): boolean {
  const exported = template.exportNamed(exportName);
  return exported !== undefined && valueIdentifiesResource(exported.value, exported.view, depth);
}

/** Why a value cannot be proven, for messages. */
export function describeUnprovable(expr: unknown, template: TemplateView): string {
  const possible = possibleValues(expr, template);
  if (possible.kind === 'unknown') return possible.reason;
  return `built at deploy time (${JSON.stringify(expr).slice(0, 80)})`;
}

/** `…:iam:<any region>:<account>:` followed by a wildcard before any role name: `*`, `role*`, `role/*`, `role/?*`. */
export function matchesEveryRole(parts: Rendered): boolean {
  // The region field of an IAM ARN is empty, and a wildcard there matches the empty field too.
  const fields = arnFields(parts).map(partsToDisplay);
  // Fewer than six fields leave no resource part, which no wildcard makes match every role.
  if (fields[0] !== 'arn' || fields[2] !== 'iam') return false;
  const resource = fields.slice(5).join(':');
  const literalPrefix = resource.split(/[*?]/)[0];
  return resource !== literalPrefix && 'role/'.startsWith(literalPrefix);
}

/** `arn:${AWS::Partition}:iam::aws:policy/job-function/X` → `X`; customer-managed ARNs → undefined. */
export function awsManagedPolicyName(parts: Rendered): string | undefined {
  const fields = arnFields(parts).map(partsToDisplay);
  const resource = fields.slice(5).join(':');
  // Fewer than six fields leave an empty resource part, which names no policy.
  if (fields[0] !== 'arn' || fields[2] !== 'iam' || fields[3] !== '' || fields[4] !== 'aws') return undefined;
  return resource.startsWith('policy/') && resource.length > 'policy/'.length ? resource.split('/').pop() : undefined;
}
