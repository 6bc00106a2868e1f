/**
 * SFX-REGION — everything deploys to eu-west-1 (data residency).
 *
 * PASSES  a stack whose region is the literal `eu-west-1` (set on the stack or inherited
 *         from its Stage); a nested stack (it deploys with its parent); a Service Catalog
 *         product stack published by an eu-west-1 stack; resources whose literal property
 *         values name no region other than eu-west-1.
 * FAILS   a stack in any other region; an environment-agnostic stack (region decided at
 *         deploy time); a product stack whose publishing stack fails; a resource property
 *         that names another region literally (an AZ `eu-west-2a`, an ARN or endpoint in
 *         `us-east-1`, an `awslogs-region`), also when split across the parts of an Fn::Join or
 *         Fn::Sub, since that sends data or control out of eu-west-1.
 */
import { ComplianceRule, StackFacts, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView, intrinsicName, isPlainObject } from './core/template';
import { renderString } from './core/values';

export const MANDATED_REGION = 'eu-west-1';

// Region names (optionally with an AZ letter) of every AWS partition.
const REGION_PATTERN = /\b((?:af|ap|ca|cn|eu|eusc|il|me|mx|sa|us)(?:-gov|-iso|-isob|-isoe|-isof|-de)?-(?:central|north|south|east|west|northeast|northwest|southeast|southwest)-\d{1,2})[a-z]?\b/g;

export const Region: ComplianceRule = {
  id: 'SFX-REGION',
  title: 'Every stack and resource deploys to eu-west-1',
  severity: 'critical',
  mandated: true,
  rationale:
    'Catalogue data and its processing must stay in the EU (eu-west-1) for data residency; an '
    + 'environment-agnostic stack can be deployed anywhere by whoever runs the deployment.',
  remediation:
    "Give every stack env: { region: 'eu-west-1' } (or create it in a Stage with that env), and refer "
    + 'to regional resources through the stack (Stack.of(this).region, Aws.REGION) instead of literals.',
  resourceTypes: ['*'],
  judgesStacks: true,
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'SA-9(5)' },
    { framework: 'ISO 27001:2022', control: 'A.5.34' },
    { framework: 'PCI DSS 4.0', control: '12.8.2' },
  ],
  checkStack(stack: StackFacts): Violation[] {
    if (stack.kind === 'nested') return [];
    if (stack.kind === 'product') {
      const publisher = stack.publisherPath ?? 'its publishing stack';
      if (stack.publisherRegion === MANDATED_REGION) return [];
      return [fail(
        stack.publisherRegion === undefined
          ? `the Service Catalog product is published by ${publisher}, which is environment-agnostic`
          : `the Service Catalog product is published by ${publisher} in ${stack.publisherRegion}, not ${MANDATED_REGION}`,
        `publish the product from a stack with env: { region: '${MANDATED_REGION}' }`,
      )];
    }
    if (stack.region === MANDATED_REGION) return [];
    return [fail(
      stack.region === undefined
        ? 'the stack is environment-agnostic: its region is decided at deploy time'
        : `the stack deploys to ${stack.region}, not ${MANDATED_REGION}`,
      `set env: { region: '${MANDATED_REGION}' } on the stack or its Stage`,
    )];
  },
  checkResource(resource: TemplateResource, template: TemplateView): Violation[] {
    if (resource.type === 'AWS::CDK::Metadata') return [];
    return foreignRegions(resource.properties, 'Properties', template).map(({ path, region }) => fail(
      `${path} names the region ${region}, outside ${MANDATED_REGION}`,
      `use ${MANDATED_REGION} (or the stack's own region token) for ${path}`,
    ));
  },
};

// Cheap pre-check: most strings name no region at all.
const MAY_NAME_REGION = /(?:central|north|south|east|west)-\d/;

type Finding = { path: string; region: string };

function foreignRegions(value: unknown, path: string, template: TemplateView): Finding[] {
  if (typeof value === 'string') return regionsIn(value, path);
  if (Array.isArray(value)) return value.flatMap((item, index) => foreignRegions(item, `${path}[${index}]`, template));
  if (!isPlainObject(value)) return [];
  const parts = Object.entries(value).flatMap(([key, item]) => foreignRegions(item, `${path}.${key}`, template));
  const fn = intrinsicName(value);
  if (fn !== 'Fn::Join' && fn !== 'Fn::Sub') return parts;
  // A region split across the parts of a string (`arn:aws:sqs:us-` + `east-1:…`) shows once rendered.
  const whole = regionsIn(renderString(value, template) ?? '', path);
  return [...whole, ...parts.filter((part) => !whole.some((found) => found.region === part.region))];
}

function regionsIn(text: string, path: string): Finding[] {
  if (!MAY_NAME_REGION.test(text)) return [];
  return [...text.matchAll(REGION_PATTERN)]
    .map((match) => match[1])
    .filter((region) => region !== MANDATED_REGION)
    .map((region) => ({ path, region }));
}
