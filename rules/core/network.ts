/** Network reachability facts read from a template: public subnets and world-open security groups. */
import { TemplateResource, TemplateView, asList, isPlainObject, referencedAttribute, referencedLogicalId } from './template';
import { isTrue, notLiteral } from './checks';
import { possibleValues } from './values';

/**
 * CIDRs that admit the internet: 0.0.0.0/0 and ::/0, and any range so wide (IPv4 shorter than /8,
 * IPv6 shorter than /16) that it can only be a way of writing "everyone" in pieces (0.0.0.0/1 + 128.0.0.0/1).
 */
export function admitsInternet(cidr: unknown): boolean {
  if (typeof cidr !== 'string') return false;
  const [address, bits] = cidr.split('/');
  const prefix = Number(bits);
  if (bits === undefined || Number.isNaN(prefix)) return false;
  return address.includes(':') ? prefix < 16 : prefix < 8;
}

/**
 * A subnet is public when it maps public IPs on launch or its route table (in the template)
 * routes to an internet or carrier gateway. A route whose route table cannot be read counts for
 * every table; a gateway that cannot be proven not to be an internet gateway counts as one.
 */
export function isPublicSubnet(subnet: TemplateResource): boolean {
  if (isTrue(subnet.properties.MapPublicIpOnLaunch)) return true;
  const template = subnet.home; // the subnet's own template holds its routes, even when it is imported
  const routeTables = routeTableIdsOf(subnet).map(referencedLogicalId);
  return template.resourcesOfType('AWS::EC2::Route').some((route) => {
    const table = route.properties.RouteTableId;
    const targetsAny = typeof table !== 'string' && referencedLogicalId(table) === undefined;
    return (targetsAny || routeTables.includes(referencedLogicalId(table))) && routesToInternet(route, template);
  });
}

/** What the subnet's route table associations (in its own template) name as route tables. */
export function routeTableIdsOf(subnet: TemplateResource): unknown[] {
  return subnet.home.resourcesOfType('AWS::EC2::SubnetRouteTableAssociation')
    .filter((association) => referencedLogicalId(association.properties.SubnetId) === subnet.logicalId)
    .map((association) => association.properties.RouteTableId);
}

function routesToInternet(route: TemplateResource, template: TemplateView): boolean {
  if (route.properties.CarrierGatewayId !== undefined) return true;
  const gateway = route.properties.GatewayId;
  if (gateway === undefined) return false;
  const referenced = template.referencedResource(gateway);
  if (referenced) return referenced.type === 'AWS::EC2::InternetGateway';
  const possible = possibleValues(gateway, template);
  return possible.kind !== 'known' || possible.values.some((value) => typeof value !== 'string' || value.startsWith('igw-'));
}

/**
 * Whether another template could add routes to this route table: its id leaves the template
 * through an output (an export) or a nested stack's parameters.
 */
export function isRouteTableShared(table: TemplateResource): boolean {
  const template = table.home;
  const outward = [
    ...Object.values(template.template.Outputs ?? {}).map((output) => output.Value),
    ...template.resourcesOfType('AWS::CloudFormation::Stack').map((stack) => stack.properties.Parameters),
  ];
  return outward.some((value) => mentions(value, table.logicalId));
}

function mentions(value: unknown, logicalId: string): boolean {
  if (referencedLogicalId(value) === logicalId) return true;
  if (typeof value === 'string') return value.includes(`\${${logicalId}}`) || value.includes(`\${${logicalId}.`);
  if (Array.isArray(value)) return value.some((item) => mentions(item, logicalId));
  return isPlainObject(value) && Object.values(value).some((item) => mentions(item, logicalId));
}

/** The in-template subnets listed by a subnet group resource referenced from `reference`. */
export function subnetsOfGroup(reference: unknown, template: TemplateView): TemplateResource[] {
  const group = template.referencedResource(reference);
  if (!group) return [];
  return asList(group.properties.SubnetIds)
    .map((id) => group.home.referencedResource(id))
    .filter((s): s is TemplateResource => s !== undefined && s.type === 'AWS::EC2::Subnet');
}

/**
 * Descriptions of ingress rules on the referenced security group that admit the whole internet,
 * or whose CIDR cannot be proven at synth time (a parameter without AllowedValues, an import: fail closed).
 */
export function worldOpenIngress(groupReference: unknown, judged: TemplateView): string[] {
  const group = judged.referencedResource(groupReference);
  if (!group || group.type !== 'AWS::EC2::SecurityGroup') return [];
  const template = group.home; // an imported group's rules are in its own template
  const inline = asList(group.properties.SecurityGroupIngress);
  const separate = template.resourcesOfType('AWS::EC2::SecurityGroupIngress')
    .filter((rule) => referencedLogicalId(rule.properties.GroupId) === group.logicalId)
    .map((rule) => rule.properties);
  return [...inline, ...separate].flatMap((rule) => {
    if (!isPlainObject(rule)) return [];
    const ports = portRange(rule.FromPort, rule.ToPort);
    return (['CidrIp', 'CidrIpv6'] as const).flatMap((name): string[] => {
      if (rule[name] === undefined) return [];
      const possible = possibleValues(vpcCidrOrSelf(rule[name], template), template);
      if (possible.kind !== 'known') {
        const reason = possible.kind === 'unknown' ? possible.reason : `a numeric range of ${possible.via}`;
        return [`${group.logicalId} ingress (${ports}): ${notLiteral(name, reason)}`];
      }
      const open = possible.values.find(admitsInternet);
      return open === undefined ? [] : [`${group.logicalId} allows ingress from ${String(open)}${possible.via ? ` (via ${possible.via})` : ''} (${ports})`];
    });
  });
}

/** `Fn::GetAtt [Vpc, CidrBlock]` of a VPC in the template is that VPC's own CidrBlock. */
function vpcCidrOrSelf(cidr: unknown, template: TemplateView): unknown {
  const imported = template.importedValue(cidr);
  if (imported) {
    const inner = vpcCidrOrSelf(imported.value, imported.view);
    return typeof inner === 'string' ? inner : cidr;
  }
  const vpc = template.referencedResource(cidr);
  return referencedAttribute(cidr) === 'CidrBlock' && vpc?.type === 'AWS::EC2::VPC' ? vpc.properties.CidrBlock : cidr;
}

function portRange(from: unknown, to: unknown): string {
  if (from === undefined && to === undefined) return 'all ports';
  const literal = (port: unknown) => typeof port === 'number' || typeof port === 'string';
  return literal(from) && literal(to) ? `ports ${String(from)}-${String(to)}` : 'ports set at deploy time';
}
