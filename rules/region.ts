/**
 * SFX-REGION — everything deploys to eu-west-1 (data residency).
 *
 * PASSES  a stack whose region is the literal `eu-west-1` (set on the stack or inherited
 *         from its Stage); a nested stack (it deploys with its parent); a Service Catalog
 *         product stack published by an eu-west-1 stack; resources whose literal property
 *         values name no region other than eu-west-1.
 * FAILS   a stack in any other region; an environment-agnostic stack (region decided at
 *         deploy time); a product stack whose publishing stack fails; a value that denotes a
 *         location outside eu-west-1: the region field of an ARN, a property that names a region
 *         (`Region`, `ReplicaRegion`, `awslogs-region`, an AZ property), a service endpoint host
 *         name (`sqs.us-east-1.amazonaws.com`, `com.amazonaws.us-east-1.s3`), a `"region"` entry of
 *         JSON text, a value that is a region or AZ name and nothing else, `Fn::GetAZs` of a region;
 *         also when split across the parts of an Fn::Join or Fn::Sub.
 * NEVER   free text: descriptions, display names, tags, comments, an SSM parameter's value, names
 *         (`QueueName: 'orders-us-east-1'`) and any other string in which a region name is only a
 *         word, not a location.
 * GROUPS  a stack in a foreign region is one root-cause violation; values CDK derived from that
 *         same region (its endpoints, KMS conditions, `awslogs-region`) are listed under it.
 */
import { REGION_SCP_FILE } from './core/region-scp';
import { ComplianceRule, StackFacts, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView } from './core/template';
import { asList, intrinsicName, isPlainObject } from './core/intrinsics';
import { notLiteral } from './core/checks';
import { Finding, REGION_PROPERTY, isOwnRegion, regionsIn } from './core/regions';
import { Rendered, isParameterOrUnknown, knownText, partsToDisplay } from './core/rendered';
import { hasKnownParts, variants } from './core/variants';
import { possibleValues, render } from './core/values';

export const MANDATED_REGION = 'eu-west-1';

export const Region: ComplianceRule = {
  id: 'SFX-REGION',
  title: 'Every stack and resource deploys to eu-west-1',
  severity: 'critical',
  mandated: true,
  rationale:
    'Catalogue data and its processing must stay in the EU (eu-west-1) for data residency; an ' +
    'environment-agnostic stack can be deployed anywhere by whoever runs the deployment.',
  remediation:
    "Give every stack env: { region: 'eu-west-1' } (or create it in a Stage with that env), and refer " +
    'to regional resources through the stack (Stack.of(this).region, Aws.REGION) instead of literals.',
  resourceTypes: ['*'],
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'SA-9(5)' },
    { framework: 'ISO 27001:2022', control: 'A.5.34' },
    { framework: 'PCI DSS 4.0', control: '12.8.2' },
  ],
  runtime: {
    configRules: [],
    serviceControlPolicy: {
      document: REGION_SCP_FILE,
      covers:
        'every API request to a region other than eu-west-1, whoever makes it (CloudFormation, a ' +
        'console user, an SDK), except the global-service actions AWS exempts',
    },
    limits:
      'The SCP judges the region a request is sent to, not the values inside it: an ARN, endpoint ' +
      'or AZ of another region in a resource created in eu-west-1 (a subscription to a us-east-1 ' +
      "queue, a replication destination) passes. It does not apply to the organisation's " +
      'management account, and the exempted global-service actions (IAM, CloudFront, Route 53, ' +
      'KMS, ...) act in any region. AWS Config is regional (a recorder in eu-west-1 sees nothing ' +
      'in other regions), so no Config rule is mapped.',
  },
  checkStack(stack: StackFacts): Violation[] {
    if (stack.kind === 'nested') return [];
    if (stack.kind === 'product') {
      const publisher = stack.publisherPath ?? 'its publishing stack';
      if (stack.publisherRegion === MANDATED_REGION) return [];
      return [
        fail(
          stack.publisherRegion === undefined
            ? `the Service Catalog product is published by ${publisher}, which is environment-agnostic`
            : `the Service Catalog product is published by ${publisher} in ${stack.publisherRegion}, not ${MANDATED_REGION}`,
          `publish the product from a stack with env: { region: '${MANDATED_REGION}' }`,
        ),
      ];
    }
    if (stack.region === MANDATED_REGION) return [];
    return [
      fail(
        stack.region === undefined
          ? 'the stack is environment-agnostic: its region is decided at deploy time'
          : `the stack deploys to ${stack.region}, not ${MANDATED_REGION}`,
        `set env: { region: '${MANDATED_REGION}' } on the stack or its Stage`,
      ),
    ];
  },
  checkResource(resource: TemplateResource, template: TemplateView): Violation[] {
    if (resource.type === 'AWS::CDK::Metadata') return [];
    const deployTime: Unprovable[] = [];
    const foreign = unique(foreignRegions(judgedProperties(resource), 'Properties', template, deployTime))
      .filter(
        (finding) =>
          !GLOBAL_SERVICE_REFERENCES.some(
            (entry) => entry.type === resource.type && entry.path.test(finding.path) && entry.regions.includes(finding.region),
          ),
      )
      .map(({ path, region }): Violation => ({
        ...fail(
          `${path} names the region ${region}, outside ${MANDATED_REGION}`,
          `use ${MANDATED_REGION} (or the stack's own region token) for ${path}`,
        ),
        // CDK renders the stack's own region as a literal: fixing the stack's env fixes this too.
        ...(region === template.region ? { followsStackRegion: true } : {}),
      }));
    const unprovable = [...deployTime, ...unprovableRegions(judgedProperties(resource), 'Properties', template)].map(({ path, reason }) =>
      fail(notLiteral(path, reason), `write ${path} as the literal '${MANDATED_REGION}' or the stack's own region (Stack.of(this).region)`),
    );
    return [...foreign, ...unprovable];
  },
};

/**
 * Reviewed exceptions: references to where a global service keeps something. Each names the
 * resource type, the property path, the regions allowed there, and why; nothing else is exempt.
 */
export const GLOBAL_SERVICE_REFERENCES: readonly { type: string; path: RegExp; regions: readonly string[]; reason: string }[] = [
  {
    type: 'AWS::CloudFront::Distribution',
    path: /^Properties\.DistributionConfig\.ViewerCertificate\.AcmCertificateArn$/,
    regions: ['us-east-1'],
    reason: 'CloudFront only accepts ACM certificates from us-east-1; the certificate holds no data and the distribution is global.',
  },
  {
    type: 'AWS::CloudFront::Distribution',
    path: /^Properties\.DistributionConfig\.WebACLId$/,
    regions: ['us-east-1'],
    reason: 'A CloudFront web ACL (WAF scope CLOUDFRONT) exists only in us-east-1.',
  },
  {
    type: 'AWS::CloudFront::Distribution',
    path: /^Properties\.DistributionConfig\.(DefaultCacheBehavior|CacheBehaviors\[\d+\])\.LambdaFunctionAssociations\[\d+\]\.LambdaFunctionARN$/,
    regions: ['us-east-1'],
    reason: 'Lambda@Edge functions are created in us-east-1 and replicated by CloudFront.',
  },
  {
    type: 'AWS::Serverless::Application',
    path: /^Properties\.Location\.ApplicationId$/,
    regions: ['us-east-1', 'us-gov-west-1', 'cn-north-1'],
    reason:
      "A Serverless Application Repository ARN names the region its publisher keeps it in (AWS's " +
      'rotation functions: us-east-1, or the GovCloud/China home); the application deploys into ' +
      "the stack's own region. Which applications are allowed at all is SFX-TEMPLATE-VISIBLE's " +
      'reviewed list.',
  },
];

/**
 * Free text: keys whose values are read by people or stored as data, never used as a location
 * (descriptions, display names, tags, comments). Their subtrees are not judged.
 */
const FREE_TEXT_KEY = /^(Description|\w*Description|DisplayName|Tags|TagSpecifications|Comment|Comments|Metadata|Label|Labels|Title|Notes?)$/;

/** Free text by resource type: values that are data, not configuration. */
export const FREE_TEXT_PROPERTIES: readonly { type: string; key: string; reason: string }[] = [
  { type: 'AWS::SSM::Parameter', key: 'Value', reason: 'a parameter value is data the stack stores, not where anything deploys' },
];

/** The properties SFX-REGION judges: without the resource type's free-text properties. */
function judgedProperties(resource: TemplateResource): Record<string, unknown> {
  const skipped = FREE_TEXT_PROPERTIES.filter((entry) => entry.type === resource.type).map((entry) => entry.key);
  return Object.fromEntries(Object.entries(resource.properties).filter(([key]) => !skipped.includes(key)));
}

// The text before a part that makes it a region: an ARN's region field (`arn:aws:sqs:<part>…`) or a JSON `"region":"<part>…`.
const REGION_FIELD_BEFORE = /(^|[^a-z])arn:[^:]*:[^:]*:$|"region"\s*:\s*"$/i;

type Unprovable = { path: string; reason: string };

/**
 * Literal regions other than eu-west-1 anywhere in `value`; strings built at deploy time whose
 * region part cannot be proven go to `deployTime` (one rendering of each string serves both).
 */
function foreignRegions(value: unknown, path: string, template: TemplateView, deployTime: Unprovable[]): Finding[] {
  if (typeof value === 'string') return regionsIn(value, path, MANDATED_REGION);
  if (Array.isArray(value)) return value.flatMap((item, index) => foreignRegions(item, `${path}[${index}]`, template, deployTime));
  if (!isPlainObject(value)) return [];
  const parts = Object.entries(value)
    .filter(([key]) => !FREE_TEXT_KEY.test(key))
    .flatMap(([key, item]) => foreignRegions(item, `${path}.${key}`, template, deployTime));
  const fn = intrinsicName(value);
  if (fn === 'Ref' && template.parameter(String(value.Ref)) === undefined) return parts; // a resource or pseudo parameter
  if (fn === 'Ref' || fn === 'Fn::FindInMap' || fn === 'Fn::If' || fn === 'Fn::ImportValue') {
    // A parameter's AllowedValues, a mapping's entries, each branch: every value it may take, judged at this path.
    // A mapping entry may be a list of strings (AZs, ARNs): each item is such a value.
    const possible = possibleValues(value, template);
    const found =
      possible.kind === 'known'
        ? possible.values
            .flatMap(asList)
            .filter((v): v is string => typeof v === 'string')
            .flatMap((text) => regionsIn(text, path, MANDATED_REGION))
        : [];
    // A mapping's keys and an export's name are lookups, not locations; a branch that is a structure is judged inside it.
    return fn === 'Fn::If' ? withoutRepeats(found, parts) : found;
  }
  if (fn !== 'Fn::Join' && fn !== 'Fn::Sub') return parts;
  // A region split across the parts of a string (`arn:aws:sqs:us-` + `east-1:…`, or a part from a
  // mapping or a parameter) shows once rendered, in one of the values the parts can take. Each value
  // is judged as rendered: a part whose values are all known is no region decided at deploy time.
  const values = hasKnownParts(value, template) ? variants(value, template) : [value];
  // Stryker disable next-line ArrayDeclaration: never reached: render gives parts for every Fn::Join and Fn::Sub, and each variant keeps its one key
  const renderings = values.map((variant) => render(variant, template) ?? []);
  // A region decided at deploy time inside a built string: an ARN's region field, a "region" key of JSON.
  if (renderings.some(regionChosenAtDeployTime)) {
    deployTime.push({ path, reason: 'a string whose region part (an ARN\'s region field or a "region" entry) is decided at deploy time' });
  }
  const whole = renderings.flatMap((rendering) => regionsIn(partsToDisplay(rendering), path, MANDATED_REGION));
  return withoutRepeats(whole, parts);
}

/** The findings of a whole value, and those of its parts that name another region (one region is reported once, at the whole). */
function withoutRepeats(whole: Finding[], parts: Finding[]): Finding[] {
  return [...whole, ...parts.filter((part) => !whole.some((found) => found.region === part.region))];
}

/** A parameter or an intrinsic the gate cannot follow in the region field of an ARN or a `"region"` entry of JSON text. */
function regionChosenAtDeployTime(parts: Rendered): boolean {
  return parts.some((part, index) => isParameterOrUnknown(part) && REGION_FIELD_BEFORE.test(partsToDisplay(parts.slice(0, index))));
}

/** One finding per path and region (a URL may name its region twice). */
function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter(({ path, region }) => !seen.has(`${path}\0${region}`) && Boolean(seen.add(`${path}\0${region}`)));
}

function unprovableRegions(value: unknown, path: string, template: TemplateView): Unprovable[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => unprovableRegions(item, `${path}[${index}]`, template));
  if (!isPlainObject(value)) return [];
  const fn = intrinsicName(value);
  // Each branch of a Fn::If may be a structure with region-named properties of its own.
  if (fn === 'Fn::If') return unprovableRegions(value[fn], `${path}.${fn}`, template);
  if (fn !== undefined) return [];
  return Object.entries(value)
    .filter(([key]) => !FREE_TEXT_KEY.test(key))
    .flatMap(([key, item]) => {
      if (!REGION_PROPERTY.test(key)) return unprovableRegions(item, `${path}.${key}`, template);
      const possible = possibleValues(item, template);
      // The stack's own region (AWS::Region) is what checkStack judges.
      const parts = render(item, template);
      const ownRegionOnly = parts !== undefined && knownText(parts.filter((part) => !isOwnRegion(part, template))) !== undefined;
      if (possible.kind === 'unknown' && !ownRegionOnly) return [{ path: `${path}.${key}`, reason: possible.reason }];
      return [];
    });
}
