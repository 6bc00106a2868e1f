/**
 * SFX-DATA-NOT-PUBLIC — the data tier (RDS, ElastiCache) cannot be reached from the internet.
 *
 * PASSES  DB instances with `PubliclyAccessible: false` in a DB subnet group, or with it absent
 *         in a DB subnet group of this template whose subnets all have route tables of this
 *         template and none routes to an internet gateway (what CDK renders for a DatabaseInstance
 *         in private or isolated subnets); DB clusters in a DB subnet group; databases and caches
 *         whose subnets (when in the template) have no route to an internet gateway and whose
 *         security groups admit no 0.0.0.0/0 or ::/0.
 * FAILS   PubliclyAccessible true or unprovable; absent on a DB instance whose subnets are not
 *         all proven private as above (the default is true in a default VPC, and in any VPC with
 *         an internet gateway); no DB subnet group (the default
 *         VPC's public subnets); a subnet group with a public subnet, or a public subnet in the
 *         SubnetIds of a serverless cache or the VpcSubnetIds of a DB proxy; a security group on
 *         the database or cache that admits the whole internet (0.0.0.0/0, ::/0, or ranges wider
 *         than /8 (IPv4) or /16 (IPv6) that add up to it); a security group that cannot be proven
 *         at synth time (an Fn::ImportValue of an export no judged template defines, a parameter
 *         without AllowedValues, an output of a nested stack that is not judged, a dynamic
 *         reference such as `{{resolve:ssm:…}}`): its rules are unreadable, so it fails closed.
 *         A literal group id (`sg-…`) passes: it names an existing group deliberately, whose
 *         rules the run-time Config rule judges.
 */
import { RDS_INSTANCE_PUBLIC_ACCESS_CHECK, RESTRICTED_INCOMING_TRAFFIC } from './core/aws-config-rules';
import { isAuroraClusterMember } from './core/rds';
import { requireFalse, requireValueIfSet, isFalse } from './core/checks';
import { isPublicSubnet, isRouteTableShared, routeTableIdsOf, securityGroupFindings, subnetsOfGroup } from './core/network';
import { ComplianceRule, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView } from './core/template';
import { asList } from './core/intrinsics';

interface DataStoreShape {
  /** The property that places it in subnets: a subnet group, or (listsSubnets) the subnet ids themselves. */
  readonly subnets: string;
  readonly listsSubnets: boolean;
  readonly securityGroups: string;
  readonly needsSubnetGroup: boolean;
}

const SHAPES: Record<string, DataStoreShape> = {
  'AWS::RDS::DBInstance': { subnets: 'DBSubnetGroupName', listsSubnets: false, securityGroups: 'VPCSecurityGroups', needsSubnetGroup: true },
  'AWS::RDS::DBCluster': { subnets: 'DBSubnetGroupName', listsSubnets: false, securityGroups: 'VpcSecurityGroupIds', needsSubnetGroup: true },
  'AWS::ElastiCache::ReplicationGroup': {
    subnets: 'CacheSubnetGroupName',
    listsSubnets: false,
    securityGroups: 'SecurityGroupIds',
    needsSubnetGroup: false,
  },
  'AWS::ElastiCache::CacheCluster': {
    subnets: 'CacheSubnetGroupName',
    listsSubnets: false,
    securityGroups: 'VpcSecurityGroupIds',
    needsSubnetGroup: false,
  },
  // Serverless caches and DB proxies have no subnet group: they list their subnets directly.
  'AWS::ElastiCache::ServerlessCache': { subnets: 'SubnetIds', listsSubnets: true, securityGroups: 'SecurityGroupIds', needsSubnetGroup: false },
  'AWS::RDS::DBProxy': { subnets: 'VpcSubnetIds', listsSubnets: true, securityGroups: 'VpcSecurityGroupIds', needsSubnetGroup: false },
};

export const DataNotPublic: ComplianceRule = {
  id: 'SFX-DATA-NOT-PUBLIC',
  title: 'Databases and caches are not reachable from the internet',
  severity: 'critical',
  mandated: false,
  rationale:
    'A database or cache with a public endpoint, a public subnet or a world-open security group is one ' +
    'leaked or guessed credential away from a breach; only the API tier should face the internet.',
  remediation:
    'Place databases and caches in isolated subnets (SubnetType.PRIVATE_ISOLATED), set publiclyAccessible: false, ' +
    'and allow ingress only from the application security group.',
  resourceTypes: Object.keys(SHAPES),
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'SC-7' },
    { framework: 'NIST 800-53 r5', control: 'AC-4' },
    { framework: 'CIS AWS Foundations 3.0', control: '2.3.3' },
    { framework: 'PCI DSS 4.0', control: '1.4.4' },
    { framework: 'ISO 27001:2022', control: 'A.8.22' },
  ],
  runtime: {
    configRules: [
      { rule: RDS_INSTANCE_PUBLIC_ACCESS_CHECK, covers: 'PubliclyAccessible of every DB instance' },
      { rule: RESTRICTED_INCOMING_TRAFFIC, covers: 'security groups open to 0.0.0.0/0 or ::/0 on the data-tier ports 5432, 6379, 3306, 1433, 1521' },
    ],
    limits:
      'No managed rule checks that a database or cache sits in subnets without a route to an ' +
      'internet gateway, nor caches and DB proxies as such; restricted-common-ports sees five ' +
      'ports, not every port a data store may listen on.',
  },
  checkResource(resource, template): Violation[] {
    const shape = SHAPES[resource.type];
    const violations: (Violation | undefined)[] = [];
    const member = isAuroraClusterMember(resource, template);
    if (
      resource.type === 'AWS::RDS::DBInstance' &&
      !(resource.properties.PubliclyAccessible === undefined && inProvenPrivateSubnets(resource, template))
    ) {
      violations.push(
        requireFalse(
          resource.properties,
          'PubliclyAccessible',
          template,
          'its default is true in a default VPC or in a subnet group of a VPC with an internet gateway',
        ),
      );
    }
    if (resource.type === 'AWS::RDS::DBCluster') {
      // Absent (also through AWS::NoValue) passes: a DB cluster is judged by its subnet group and security groups.
      violations.push(requireValueIfSet(resource.properties, 'PubliclyAccessible', template, isFalse, 'false'));
    }
    violations.push(...placementViolations(resource, shape, member, template));
    return violations.filter((v): v is Violation => v !== undefined);
  },
};

/**
 * Absent PubliclyAccessible gives the instance a public address in a VPC with an internet gateway,
 * but nothing on the internet can reach it when every subnet it may use has no route to one. That is
 * proven only for a DB subnet group in this template whose subnets are all in it and all private
 * (an Aurora member without its own group uses its cluster's).
 */
function inProvenPrivateSubnets(db: TemplateResource, template: TemplateView): boolean {
  const cluster = template.referencedResource(db.properties.DBClusterIdentifier);
  const [reference, from] =
    db.properties.DBSubnetGroupName !== undefined || cluster?.type !== 'AWS::RDS::DBCluster'
      ? [db.properties.DBSubnetGroupName, template]
      : [cluster.properties.DBSubnetGroupName, cluster.home];
  const group = from.referencedResource(reference);
  if (group?.type !== 'AWS::RDS::DBSubnetGroup') return false;
  const listed = asList(group.properties.SubnetIds);
  const subnets = subnetsOfGroup(reference, from);
  return listed.length > 0 && subnets.length === listed.length && subnets.every((subnet) => hasTemplateRouteTable(subnet) && !isPublicSubnet(subnet));
}

/** The subnet's routes are all readable: only route tables of its own template, which no other template can add routes to. */
function hasTemplateRouteTable(subnet: TemplateResource): boolean {
  const tables = routeTableIdsOf(subnet).map((id) => subnet.home.referencedResource(id));
  return tables.length > 0 && tables.every((table) => table?.type === 'AWS::EC2::RouteTable' && !isRouteTableShared(table));
}

function placementViolations(resource: TemplateResource, shape: DataStoreShape, member: boolean, template: TemplateView): Violation[] {
  const violations: Violation[] = [];
  const placement = resource.properties[shape.subnets];
  if (placement === undefined && shape.needsSubnetGroup && !member) {
    violations.push(
      fail(`${shape.subnets} is absent, so it launches into the default VPC, whose subnets are public`, 'give it a subnet group of isolated subnets'),
    );
  }
  const subnets = shape.listsSubnets ? listedSubnets(placement, template) : subnetsOfGroup(placement, template);
  const publicSubnets = subnets.filter((subnet) => isPublicSubnet(subnet));
  if (publicSubnets.length > 0) {
    violations.push(
      fail(
        `${shape.subnets} includes public subnet(s) ${publicSubnets.map((s) => s.logicalId).join(', ')} (routed to an internet gateway)`,
        'use isolated or private subnets only',
      ),
    );
  }
  for (const finding of securityGroupFindings(shape.securityGroups, resource.properties[shape.securityGroups], template)) {
    violations.push(
      fail(
        finding,
        'allow ingress only from the application security group, defined in a template the gate judges (or name an existing group by its literal id)',
      ),
    );
  }
  return violations;
}

/** The subnets of this template that a list of subnet ids names (literal ids of existing subnets cannot be read). */
function listedSubnets(value: unknown, template: TemplateView): TemplateResource[] {
  return asList(value)
    .map((id) => template.referencedResource(id))
    .filter((subnet): subnet is TemplateResource => subnet?.type === 'AWS::EC2::Subnet');
}
