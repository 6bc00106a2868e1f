/** Network reachability facts read from a template: public subnets and world-open security groups. */
import { TemplateResource, TemplateView, asList, isPlainObject, referencedLogicalId } from './template';
import { isTrue } from './checks';

const WORLD = new Set(['0.0.0.0/0', '::/0']);

/**
 * A subnet is public when it maps public IPs on launch or its route table (in the
 * template) routes to an internet gateway.
 */
export function isPublicSubnet(subnet: TemplateResource, template: TemplateView): boolean {
  if (isTrue(subnet.properties.MapPublicIpOnLaunch)) return true;
  const routeTables = template.resourcesOfType('AWS::EC2::SubnetRouteTableAssociation')
    .filter((a) => referencedLogicalId(a.properties.SubnetId) === subnet.logicalId)
    .map((a) => referencedLogicalId(a.properties.RouteTableId));
  return template.resourcesOfType('AWS::EC2::Route').some((route) =>
    routeTables.includes(referencedLogicalId(route.properties.RouteTableId)) && routesToInternetGateway(route, template));
}

function routesToInternetGateway(route: TemplateResource, template: TemplateView): boolean {
  const gateway = route.properties.GatewayId;
  if (typeof gateway === 'string') return gateway.startsWith('igw-');
  return template.referencedResource(gateway)?.type === 'AWS::EC2::InternetGateway';
}

/** The in-template subnets listed by a subnet group resource referenced from `reference`. */
export function subnetsOfGroup(reference: unknown, template: TemplateView): TemplateResource[] {
  const group = template.referencedResource(reference);
  if (!group) return [];
  return asList(group.properties.SubnetIds)
    .map((id) => template.referencedResource(id))
    .filter((s): s is TemplateResource => s !== undefined && s.type === 'AWS::EC2::Subnet');
}

/** Descriptions of ingress rules on the referenced security group that admit the whole internet. */
export function worldOpenIngress(groupReference: unknown, template: TemplateView): string[] {
  const group = template.referencedResource(groupReference);
  if (!group || group.type !== 'AWS::EC2::SecurityGroup') return [];
  const inline = asList(group.properties.SecurityGroupIngress);
  const separate = template.resourcesOfType('AWS::EC2::SecurityGroupIngress')
    .filter((rule) => referencedLogicalId(rule.properties.GroupId) === group.logicalId)
    .map((rule) => rule.properties);
  return [...inline, ...separate].flatMap((rule) => {
    if (!isPlainObject(rule)) return [];
    const source = [rule.CidrIp, rule.CidrIpv6].find((cidr) => typeof cidr === 'string' && WORLD.has(cidr));
    return source ? [`${group.logicalId} allows ingress from ${String(source)} (ports ${String(rule.FromPort ?? 'all')}-${String(rule.ToPort ?? 'all')})`] : [];
  });
}
