/**
 * SFX-TEMPLATE-VISIBLE — everything CloudFormation deploys is in a template the gate judged.
 *
 * The other controls judge templates; this one refuses what would change or add resources out
 * of their sight.
 *
 * PASSES  CDK nested stacks (their templates are synthesized and judged too); the transforms
 *         listed in KNOWN_TRANSFORMS, whose effect is known (SAM resources are judged as such);
 *         AWS::Serverless::Application resources of the AWS-published applications in
 *         APPROVED_APPLICATIONS (Secrets Manager rotation functions).
 * FAILS   an AWS::CloudFormation::Stack whose template is only a URL; an
 *         AWS::CloudFormation::StackSet (its template deploys to other accounts and regions
 *         unjudged); an AWS::ServiceCatalog::CloudFormationProvisionedProduct (it launches a
 *         product template from outside); any other SAR application; a template macro
 *         (`Transform` not in KNOWN_TRANSFORMS, however it got into the template), which may
 *         rewrite any resource after the gate has judged it; `Fn::Transform` (AWS::Include
 *         snippets or macros) anywhere in a resource entry or in place of one; `Fn::ForEach`
 *         loops in Resources (language extensions: the resources they generate are never judged);
 *         CloudFormation module types (`…::MODULE`), which expand into unseen resources.
 *         The gate itself also reports under this id a nested Stage's written template that differs
 *         from the constructs it judged (aspects/written-templates.ts).
 */
import { ComplianceRule, StackFacts, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView } from './core/template';
import { isPlainObject } from './core/intrinsics';
import { possibleValues } from './core/values';

/** Transforms whose output the gate already accounts for. */
export const KNOWN_TRANSFORMS: readonly { name: string; reason: string }[] = [
  { name: 'AWS::Serverless-2016-10-31', reason: 'SAM: its resources (functions, state machines, applications) are judged as SAM resources.' },
  { name: 'AWS::SecretsManager-2020-07-23', reason: "Hosted rotation: adds AWS's own rotation function for a secret of the template." },
  {
    name: 'AWS::SecretsManager-2024-09-16',
    reason:
      "Hosted rotation, current version (what secretsmanager.HostedRotation renders): AWS's own rotation function for a secret of the template.",
  },
  {
    name: 'AWS::LanguageExtensions',
    reason: "Language extensions: intrinsic functions only; values stay subject to the rules' fail-closed reasoning.",
  },
];

/** SAR applications published by AWS itself (one publisher account per partition). */
export const APPROVED_APPLICATIONS: readonly { pattern: RegExp; reason: string }[] = [
  {
    pattern: new RegExp(
      '^arn:aws(-cn|-us-gov)?:serverlessrepo:[a-z0-9-]+:(297356227824|193023089310|023102451235):' +
        'applications/SecretsManager[A-Za-z0-9]+Rotation[A-Za-z0-9]*$',
    ),
    reason: "AWS Secrets Manager rotation functions, published by AWS; CDK's addRotationSingleUser/SecretRotation deploys them.",
  },
];

export const TemplateVisible: ComplianceRule = {
  id: 'SFX-TEMPLATE-VISIBLE',
  title: 'Every resource CloudFormation deploys comes from a template the gate judged',
  severity: 'high',
  mandated: false,
  rationale:
    'A nested template fetched from a URL, an unreviewed serverless application or a template macro can create or ' +
    'rewrite resources that no control ever saw: an unencrypted cache in a nested stack passes any gate that cannot read it.',
  remediation:
    'Use CDK NestedStack (or CfnInclude with loadNestedStacks) instead of a raw AWS::CloudFormation::Stack, build resources ' +
    'in CDK instead of through macros or AWS::Include, and add a reviewed SAR application to rules/template-visible.ts.',
  resourceTypes: ['*'],
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'CM-3' },
    { framework: 'NIST 800-53 r5', control: 'SA-10' },
    { framework: 'ISO 27001:2022', control: 'A.8.32' },
  ],
  runtime: {
    configRules: [],
    limits:
      'After deployment there is no template to judge: Config sees the resources a macro, include ' +
      "or nested stack created (and the other rules' Config counterparts judge them), never where " +
      'they came from. Judged at synth and by sfx-check only.',
  },
  checkStack(stack: StackFacts): Violation[] {
    const known = new Set(KNOWN_TRANSFORMS.map((t) => t.name));
    return (stack.transforms ?? [])
      .filter((name) => !known.has(name))
      .map((name) =>
        fail(
          `the template uses the transform ${name}, a macro that can rewrite any resource after the gate has judged it`,
          'build the resources in CDK instead of through a macro',
        ),
      );
  },
  checkResource(resource: TemplateResource, template: TemplateView): Violation[] {
    const violations: Violation[] = [];
    if (resource.type === 'AWS::CloudFormation::Stack' && !template.judgedNestedStacks.has(resource.logicalId)) {
      violations.push(
        fail(
          "the nested stack's template is only a URL (TemplateURL), so no control judged its resources",
          'define it as a CDK NestedStack (or CfnInclude with loadNestedStacks)',
        ),
      );
    }
    if (resource.type === 'AWS::CloudFormation::StackSet') {
      violations.push(
        fail(
          "a stack set deploys its template to other accounts and regions, out of the gate's sight",
          'deploy those stacks from this CDK app instead',
        ),
      );
    }
    if (resource.type === 'AWS::ServiceCatalog::CloudFormationProvisionedProduct') {
      violations.push(
        fail('a provisioned product launches a template from outside this app, which the gate cannot read', 'build the resources in CDK instead'),
      );
    }
    if (resource.type === 'AWS::Serverless::Application') violations.push(...applicationViolations(resource, template));
    if (resource.logicalId.startsWith('Fn::ForEach::')) {
      violations.push(
        fail(
          'Fn::ForEach (AWS::LanguageExtensions) generates resources at deploy time from a template fragment no control judged as a resource',
          'create each resource in CDK (a loop in TypeScript) instead of Fn::ForEach',
        ),
      );
    }
    if (/::MODULE$/i.test(resource.type)) {
      violations.push(
        fail(
          `${resource.type} is a CloudFormation module: it expands at deploy time into resources the gate never saw`,
          "build the module's resources in CDK (a construct) instead",
        ),
      );
    }
    if (resource.logicalId === 'Fn::Transform' || containsTransform(resource.raw)) {
      violations.push(
        fail(
          'a property uses Fn::Transform (AWS::Include or a macro), which inserts content the gate never saw',
          'write the content into the template',
        ),
      );
    }
    return violations;
  },
};

function applicationViolations(resource: TemplateResource, template: TemplateView): Violation[] {
  const location = resource.properties.Location;
  const applicationId = isPlainObject(location) ? location.ApplicationId : location;
  const possible = possibleValues(applicationId, template);
  const ids = possible.kind === 'known' ? possible.values : [undefined];
  // Stryker disable next-line MethodExpression: APPROVED_APPLICATIONS has one entry, and some and every agree on a list of one
  const unapproved = ids.filter((id) => typeof id !== 'string' || !APPROVED_APPLICATIONS.some((a) => a.pattern.test(id)));
  return unapproved.length === 0
    ? []
    : [
        fail(
          `Location names the serverless application ` +
            `${unapproved.map((id) => (typeof id === 'string' ? id : 'that is not a literal')).join(', ')}, whose template the gate cannot read`,
          'build it in CDK, or have the security team review it into APPROVED_APPLICATIONS (rules/template-visible.ts)',
        ),
      ];
}

function containsTransform(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsTransform);
  if (!isPlainObject(value)) return false;
  return 'Fn::Transform' in value || Object.values(value).some(containsTransform);
}
