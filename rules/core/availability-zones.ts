/** Counting the Availability Zones a set of subnets provably spans. */
import { TemplateResource, TemplateView } from './template';
import { intrinsicName, isPlainObject } from './intrinsics';

/**
 * A key naming the subnet's AZ in one of three forms (AZ name, position in `Fn::GetAZs`,
 * AZ id), or `undefined` when the template does not pin it (CloudFormation then picks).
 */
export function availabilityZoneKey(subnet: TemplateResource, template: TemplateView): string | undefined {
  const { AvailabilityZone: name, AvailabilityZoneId: id } = subnet.properties;
  if (typeof name === 'string') return `name:${name}`;
  if (typeof id === 'string') return `id:${id}`;
  if (intrinsicName(name) === 'Fn::Select') {
    const [index, list] = (name as { 'Fn::Select': unknown[] })['Fn::Select'];
    if (isOwnRegionGetAZs(list, template) && (typeof index === 'number' || typeof index === 'string')) {
      return `getazs:${index}`;
    }
  }
  return undefined;
}

function isOwnRegionGetAZs(expr: unknown, template: TemplateView): boolean {
  if (!isPlainObject(expr) || intrinsicName(expr) !== 'Fn::GetAZs') return false;
  const region = expr['Fn::GetAZs'];
  if (region === '') return true;
  if (isPlainObject(region) && region.Ref === 'AWS::Region') return true;
  return template.region !== undefined && region === template.region;
}

/**
 * How many distinct AZs the subnets provably cover. The three forms can name the same
 * zone (eu-west-1a may be GetAZs index 0 and some AZ id), so forms are never added up.
 */
export function provenZoneCount(subnets: TemplateResource[], template: TemplateView): number {
  const byForm = new Map<string, Set<string>>();
  for (const subnet of subnets) {
    const key = availabilityZoneKey(subnet, template);
    if (key === undefined) continue;
    // Stryker disable next-line StringLiteral: the forms name, id and getazs also differ in their first character
    const form = key.split(':')[0];
    if (!byForm.has(form)) byForm.set(form, new Set());
    byForm.get(form)!.add(key);
  }
  return Math.max(0, ...[...byForm.values()].map((zones) => zones.size));
}

/**
 * Whether every resource pins its AZ and together they are not proven to span two
 * (resources pinned in different forms cannot be proven apart, so they count as one).
 */
export function allPinnedToOneZone(resources: TemplateResource[], template: TemplateView): boolean {
  return resources.length > 0 && resources.every((r) => availabilityZoneKey(r, template) !== undefined) && provenZoneCount(resources, template) < 2;
}

/** A literal list of AZ names, or `undefined` when the property is absent or not literal. */
export function literalZoneList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((zone) => typeof zone === 'string') ? (value as string[]) : undefined;
}
