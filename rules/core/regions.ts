/**
 * Where a value says something is: region names in text that denote a location (an ARN's region field,
 * an endpoint host, a `"region"` entry), and the rendered parts that can only be the stack's own region.
 */
import { RenderedPart } from './rendered';
import { TemplateView } from './template';
import { referencedAttribute, referencedLogicalId } from './intrinsics';

// Region names (optionally with an AZ letter) of every AWS partition.
const REGION_NAME =
  '((?:af|ap|ca|cn|eu|eusc|il|me|mx|sa|us)(?:-gov|-iso|-isob|-isoe|-isof|-de)?-' +
  '(?:central|north|south|east|west|northeast|northwest|southeast|southwest)-\\d{1,2})[a-z]?';
const REGION_PATTERN = new RegExp(`\\b${REGION_NAME}\\b`, 'g');

// Properties that name a region outright (Region, ReplicaRegion, awslogs-region, …): a value the gate cannot read may be any region.
export const REGION_PROPERTY = /region$/i;

// Cheap pre-check: most strings name no region at all.
const MAY_NAME_REGION = /(?:central|north|south|east|west)-\d/i;

/** A region named at a property path. */
export type Finding = { path: string; region: string };

/**
 * A part that can only be this stack's region: `AWS::Region`, or the region field of the ARN of a resource
 * of this template or of an export of the same region (`Select(3, Split(':', TopicArn))`, what CDK renders
 * for the region of a topic it references).
 */
export function isOwnRegion(part: RenderedPart, template: TemplateView): boolean {
  if (part.kind === 'pseudo') return part.name === 'AWS::Region';
  // Only field 3 of a ':' split of an ARN is its region.
  // Stryker disable next-line ConditionalExpression: a part that is no segment has no delimiter, so the next test returns false
  if (part.kind !== 'segment' || part.delimiter !== ':' || part.index !== 3) return false;
  const { of } = part;
  if (of.kind === 'import') {
    const exported = template.exportNamed(of.exportName);
    return exported !== undefined && isOwnArn(exported.value, exported.view);
  }
  // Stryker disable next-line ConditionalExpression: any other part has no logicalId, and isOwnArn of { Ref: undefined } is false
  if (of.kind !== 'reference') return false;
  return isOwnArn(of.attribute !== undefined ? { 'Fn::GetAtt': [of.logicalId, of.attribute] } : { Ref: of.logicalId }, template);
}

/** A Ref or Arn of an AWS resource of the template (not a parameter store value or a custom resource's output). */
function isOwnArn(value: unknown, template: TemplateView): boolean {
  // Stryker disable next-line StringLiteral: any id no resource has; the import branch's exported values that are no Ref or GetAtt land here
  const resource = template.resource(referencedLogicalId(value) ?? '');
  const attribute = referencedAttribute(value);
  return (
    resource !== undefined &&
    resource.type.startsWith('AWS::') &&
    !/^AWS::(SSM::Parameter|CloudFormation::)/.test(resource.type) &&
    (attribute === undefined || /arn$/i.test(attribute))
  );
}

/**
 * The regions `original` denotes as a location, other than `home`. Under a property that names a
 * region (or an AZ), any region in the value; elsewhere only location forms: an ARN's region
 * field, an endpoint host name or VPC endpoint service name, a JSON `"region"` entry, or a value
 * that is a region or AZ name and nothing else (not under a `…Name` key: a name is a name).
 */
export function regionsIn(original: string, path: string, home: string): Finding[] {
  // Stryker disable next-line ConditionalExpression: a pre-check only; every REGION_PATTERN match also matches MAY_NAME_REGION
  if (!MAY_NAME_REGION.test(original)) return [];
  const text = original.toLowerCase(); // endpoints and headers are case-insensitive: SQS.US-EAST-1.amazonaws.com
  const key = lastKey(path);
  const regionKeyed = REGION_PROPERTY.test(key) || AZ_PROPERTY.test(key) || /(^|\.)Fn::GetAZs$/.test(path);
  const whole = !/name$/i.test(key) && WHOLE_REGION.test(text.trim());
  return [...text.matchAll(REGION_PATTERN)]
    .filter((match) => regionKeyed || whole || isLocationForm(text, match.index!, match[0]))
    .map((match) => match[1])
    .filter((region) => region !== home)
    .map((region) => ({ path, region }));
}

// Any key ending in AvailabilityZone(s) (PreferredAvailabilityZones, ReplicaAvailabilityZones), or Az/Azs.
const AZ_PROPERTY = /availabilityzones?$|^azs?$/i;
const WHOLE_REGION = new RegExp(`^${REGION_NAME}$`);

/** The last property key of a path (`Properties.A.B[2]` → `B`). */
function lastKey(path: string): string {
  const withoutIndex = path.replace(/(\[\d+\])+$/, '');
  return withoutIndex.slice(withoutIndex.lastIndexOf('.') + 1);
}

/** Whether the region name at `index` in `text` is a location: ARN region field, endpoint host, VPC endpoint service, JSON "region". */
function isLocationForm(text: string, index: number, matched: string): boolean {
  const before = text.slice(Math.max(0, index - 80), index);
  const after = text.slice(index + matched.length);
  // The partition and service fields may be rendered pseudo parameters (`arn:${AWS::Partition}:sqs:…`).
  if (/arn:[^:\s"]*:[^:\s"]*:$/.test(before) && after.startsWith(':')) return true;
  if (/^\.(amazonaws\.com(\.cn)?|api\.aws|on\.aws|aws\.dev)\b/.test(after)) return true;
  if (/(^|[^a-z0-9-])(cn\.)?com\.amazonaws\.$/.test(before)) return true;
  return /"[a-z0-9_-]*region"\s*:\s*"$/.test(before);
}
