/** Network reachability facts read from a template: public subnets and world-open security groups. */
import { TemplateResource, TemplateView } from './template';
import { asList, intrinsicName, isPlainObject, referencedAttribute, referencedLogicalId } from './intrinsics';
import { isTrue, notLiteral } from './checks';
import { possibleValues } from './values';

/**
 * CIDRs that admit the internet: 0.0.0.0/0 and ::/0, and any range so wide (IPv4 shorter than /8,
 * IPv6 shorter than /16) that it can only be a way of writing "everyone" in pieces (0.0.0.0/1 + 128.0.0.0/1).
 */
export function admitsInternet(cidr: unknown): boolean {
  if (typeof cidr !== 'string') return false;
  const [address, bits] = cidr.split('/');
  // No prefix, or one that is no number, is NaN, which is below nothing.
  const prefix = Number(bits);
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
  return subnet.home
    .resourcesOfType('AWS::EC2::SubnetRouteTableAssociation')
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
 * Problems with the security groups that `property` (a list of group ids) gives a resource: the
 * world-open ingress of each group in a judged template, and each entry whose group cannot be
 * proven at synth time (an import of an export no judged template defines, a parameter without
 * AllowedValues, an output of a nested stack that is not judged, an attribute of anything but a
 * security group, a dynamic reference such as `{{resolve:ssm:…}}`, read only at deploy time): the
 * gate cannot read that group's rules, so it fails closed. A literal group id (`sg-…`) is the
 * deliberate choice of an existing group and passes; so does a VPC's default group (it admits only
 * its own members) unless the template opens it.
 */
export function securityGroupFindings(property: string, value: unknown, judged: TemplateView): string[] {
  return securityGroupEntries(value, judged).flatMap((entry) => {
    if (securityGroupOf(entry, judged)) return worldOpenIngress(entry, judged).map((open) => `${property}: ${open}`);
    const group = judged.referencedResource(entry);
    const possible = possibleValues(entry, judged);
    if (possible.kind === 'known' && possible.values.every((id) => id === undefined || typeof id === 'string')) return [];
    const reason = group
      ? `an attribute of ${group.type} ${group.logicalId}, not a security group`
      : possible.kind === 'unknown'
        ? possible.reason
        : 'not a list of literal group ids';
    return [
      `${property}: a security group is not a literal (it is ${reason}), so the gate cannot read ` +
        `its rules to prove that it admits no traffic from the internet; ` +
        'the value must be a literal group id or a security group of a template the gate judges',
    ];
  });
}

/**
 * The security group `reference` names in a judged template: an AWS::EC2::SecurityGroup, or the VPC
 * whose default group it is (`Fn::GetAtt [Vpc, DefaultSecurityGroup]`, also through imports of it).
 */
function securityGroupOf(reference: unknown, judged: TemplateView): TemplateResource | undefined {
  const resource = judged.referencedResource(reference);
  if (resource?.type === 'AWS::EC2::SecurityGroup') return resource;
  let [expr, view] = [reference, judged];
  // Stryker disable next-line EqualityOperator: referencedResource follows at most five imports, so a sixth hop never ends at a VPC
  for (let imported = view.importedValue(expr), hops = 0; imported && hops < 5; imported = view.importedValue(expr), hops++)
    [expr, view] = [imported.value, imported.view];
  return resource?.type === 'AWS::EC2::VPC' && referencedAttribute(expr) === 'DefaultSecurityGroup' ? resource : undefined;
}

/** The entries a list (of security groups, of ingress rules) may hold: Fn::If branches taken apart, lists flattened, AWS::NoValue dropped. */
function securityGroupEntries(value: unknown, template: TemplateView, depth = 0): unknown[] {
  // An absent list, said plainly: without this line it would be one undefined entry, which neither caller reports.
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, as said above
  if (value === undefined) return [];
  // Stryker disable next-line ArrayDeclaration: a string entry is a literal group id to one caller, no rule object to the other
  if (isPlainObject(value) && value.Ref === 'AWS::NoValue') return [];
  if (Array.isArray(value)) return value.flatMap((item) => securityGroupEntries(item, template, depth + 1));
  const branches = isPlainObject(value) ? value['Fn::If'] : undefined;
  if (Array.isArray(branches) && branches.length === 3 && depth < 8)
    return [branches[1], branches[2]].flatMap((branch) => securityGroupEntries(branch, template, depth + 1));
  return [value];
}

/**
 * Descriptions of ingress rules on the referenced security group that admit the whole internet,
 * or whose CIDR cannot be proven at synth time (a parameter without AllowedValues, an import: fail closed).
 */
export function worldOpenIngress(groupReference: unknown, judged: TemplateView): string[] {
  const group = securityGroupOf(groupReference, judged);
  if (!group) return [];
  const defaultOfVpc = group.type === 'AWS::EC2::VPC';
  // A VPC's default group has no rules in the template but the ones added to it (GroupId: Fn::GetAtt [Vpc, DefaultSecurityGroup]).
  // Inline rules may be chosen by Fn::If (either branch may deploy) or removed with AWS::NoValue.
  const inline = securityGroupEntries(defaultOfVpc ? undefined : group.properties.SecurityGroupIngress, group.home).map((rule) => ({
    rule,
    template: group.home,
  }));
  // Separate ingress resources may sit in any judged template: one that imports the group's id (what
  // CDK renders for addIngressRule on a group of another stack) opens it as surely as its own template.
  const separate = judged.judgedTemplates().flatMap((template) =>
    template
      .resourcesOfType('AWS::EC2::SecurityGroupIngress')
      .filter((rule) => template.referencedResource(rule.properties.GroupId) === group)
      .map((rule) => ({ rule: rule.properties as unknown, template })),
  );
  return [...inline, ...separate].flatMap(({ rule, template }) => {
    if (!isPlainObject(rule)) return [];
    const fn = intrinsicName(rule);
    if (fn) return [`${group.logicalId} ingress: ${notLiteral('SecurityGroupIngress', `the intrinsic function ${fn}`)}`];
    const ports = portRange(rule.FromPort, rule.ToPort);
    return (['CidrIp', 'CidrIpv6'] as const).flatMap((name): string[] => {
      // An absent CIDR has the one value undefined, which admits nothing.
      const possible = possibleValues(vpcCidrOrSelf(rule[name], template), template);
      if (possible.kind !== 'known') {
        const reason = possible.kind === 'unknown' ? possible.reason : `a numeric range of ${possible.via}`;
        return [`${group.logicalId} ingress (${ports}): ${notLiteral(name, reason)}`];
      }
      const open = possible.values.find(admitsInternet);
      return open === undefined
        ? []
        : [`${group.logicalId} allows ingress from ${String(open)}${possible.via ? ` (via ${possible.via})` : ''} (${ports})`];
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
