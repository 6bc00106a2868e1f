/** SFX-DATA-NOT-PUBLIC at the pure level: PubliclyAccessible, subnet groups, route tables, security groups. */
import { DataNotPublic } from '../../rules/data-not-public';
import { findings, template, TemplateBuilder, violationsOf } from './support/template-builder';

const INSTANCE = 'AWS::RDS::DBInstance';
const CACHE = 'AWS::ElastiCache::ReplicationGroup';
const absentMessage =
  'Stack/Db: PubliclyAccessible is absent (its default is true in a default VPC or in a subnet group of a VPC with an internet gateway)';
const publicSubnets = 'Stack/Db: DBSubnetGroupName includes public subnet(s) SubnetA, SubnetB (routed to an internet gateway)';
const SG_FIX =
  'allow ingress only from the application security group, defined in a template the gate judges (or name an existing group by its literal id)';
const unreadable = (property: string, reason: string) =>
  `${property}: a security group is not a literal (it is ${reason}), so the gate cannot read its rules to prove that it admits ` +
  'no traffic from the internet; the value must be a literal group id or a security group of a template the gate judges';
const notLiteral = (property: string, reason: string) =>
  `${property} is not a literal (it is ${reason}); the value must be a literal so the gate can prove it at synth time`;

/** A VPC with two subnets on one route table, a DB subnet group of both, and a DB instance in it (PubliclyAccessible absent). */
function network(options: { route?: Record<string, unknown>; subnetIds?: unknown[]; stack?: TemplateBuilder; db?: Record<string, unknown> } = {}) {
  const stack = (options.stack ?? template())
    .resource('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' })
    .resource('SubnetA', 'AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' })
    .resource('SubnetB', 'AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' })
    .resource('Table', 'AWS::EC2::RouteTable', { VpcId: { Ref: 'Vpc' } })
    .resource('AssocA', 'AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: 'SubnetA' }, RouteTableId: { Ref: 'Table' } })
    .resource('AssocB', 'AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: 'SubnetB' }, RouteTableId: { Ref: 'Table' } })
    .resource('Group', 'AWS::RDS::DBSubnetGroup', {
      DBSubnetGroupDescription: 'db',
      SubnetIds: options.subnetIds ?? [{ Ref: 'SubnetA' }, { Ref: 'SubnetB' }],
    })
    .resource('Db', INSTANCE, { Engine: 'postgres', DBSubnetGroupName: { Ref: 'Group' }, ...options.db });
  if (options.route)
    stack.resource('Route', 'AWS::EC2::Route', { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', ...options.route });
  return stack;
}

/** A security group with these inline ingress rules. */
const securityGroup = (stack: TemplateBuilder, id: string, ingress?: unknown) =>
  stack.resource(id, 'AWS::EC2::SecurityGroup', { GroupDescription: 'x', ...(ingress === undefined ? {} : { SecurityGroupIngress: ingress }) });
const tcp = (port: number, source: Record<string, unknown>) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, ...source });
/** A cache (no subnet group needed) with these security groups: the subject of the security group cases. */
const cache = (groups: unknown, stack = template()) => stack.resource('Cache', CACHE, { SecurityGroupIds: groups });
const groupId = (id: string) => ({ 'Fn::GetAtt': [id, 'GroupId'] });

describe('SFX-DATA-NOT-PUBLIC', () => {
  describe('PubliclyAccessible of a DB instance', () => {
    test('false passes anywhere in a subnet group; true or a string "true" fails; absent fails outside proven private subnets', () => {
      const db = (properties: Record<string, unknown>) =>
        template().resource('Db', INSTANCE, { Engine: 'postgres', DBSubnetGroupName: 'existing', ...properties });
      expect(findings(DataNotPublic, db({ PubliclyAccessible: false }))).toEqual([]);
      expect(findings(DataNotPublic, db({ PubliclyAccessible: 'False' }))).toEqual([]);
      expect(violationsOf(DataNotPublic, db({ PubliclyAccessible: true }))).toEqual([
        expect.objectContaining({
          ruleId: 'SFX-DATA-NOT-PUBLIC',
          path: 'Stack/Db',
          message: 'PubliclyAccessible is true',
          fix: 'set PubliclyAccessible to false',
        }),
      ]);
      expect(findings(DataNotPublic, db({ PubliclyAccessible: 'true' }))).toEqual(['Stack/Db: PubliclyAccessible is "true"']);
      expect(findings(DataNotPublic, db({}))).toEqual([absentMessage]);
    });

    test('a parameter without AllowedValues fails closed; one allowing only false passes', () => {
      const db = (allowed?: unknown[]) =>
        template()
          .parameter('Public', allowed ? { Type: 'String', AllowedValues: allowed } : { Type: 'String' })
          .resource('Db', INSTANCE, { Engine: 'postgres', DBSubnetGroupName: 'existing', PubliclyAccessible: { Ref: 'Public' } });
      expect(findings(DataNotPublic, db())).toEqual([
        `Stack/Db: ${notLiteral('PubliclyAccessible', 'CloudFormation parameter Public without AllowedValues, chosen at deploy time')}`,
      ]);
      expect(findings(DataNotPublic, db(['false']))).toEqual([]);
      expect(findings(DataNotPublic, db(['false', 'true']))).toEqual([
        'Stack/Db: PubliclyAccessible comes from parameter Public, which allows "true"',
      ]);
    });

    test('no DB subnet group means the default VPC, whose subnets are public; a subnet group given by name is not read', () => {
      expect(violationsOf(DataNotPublic, template().resource('Db', INSTANCE, { Engine: 'postgres', PubliclyAccessible: false }))).toEqual([
        expect.objectContaining({
          message: 'DBSubnetGroupName is absent, so it launches into the default VPC, whose subnets are public',
          fix: 'give it a subnet group of isolated subnets',
        }),
      ]);
      expect(findings(DataNotPublic, template().resource('Db', INSTANCE, { Engine: 'postgres' }))).toEqual([
        absentMessage,
        'Stack/Db: DBSubnetGroupName is absent, so it launches into the default VPC, whose subnets are public',
      ]);
      expect(findings(DataNotPublic, template().resource('Db', INSTANCE, { Engine: 'postgres', DBSubnetGroupName: 'shared-db-subnets' }))).toEqual([
        absentMessage,
      ]);
    });
  });

  describe('PubliclyAccessible absent in proven private subnets', () => {
    test('passes with no route out, a NAT route or a virtual private gateway', () => {
      expect(findings(DataNotPublic, network())).toEqual([]);
      expect(findings(DataNotPublic, network({ route: { NatGatewayId: 'nat-1' } }))).toEqual([]);
      expect(findings(DataNotPublic, network({ route: { GatewayId: 'vgw-1' } }))).toEqual([]);
      const vpn = network({ route: { GatewayId: { Ref: 'Vgw' } } }).resource('Vgw', 'AWS::EC2::VPNGateway', { Type: 'ipsec.1' });
      expect(findings(DataNotPublic, vpn)).toEqual([]);
      const pinned = network({ route: { GatewayId: { Ref: 'G' } }, stack: template().parameter('G', { Type: 'String', AllowedValues: ['vgw-1'] }) });
      expect(findings(DataNotPublic, pinned)).toEqual([]);
    });

    test('a route to an internet or carrier gateway (or one that may be) makes the subnets public', () => {
      const igw = network({ route: { GatewayId: { Ref: 'Igw' } } }).resource('Igw', 'AWS::EC2::InternetGateway');
      expect(violationsOf(DataNotPublic, igw)).toEqual([
        expect.objectContaining({ path: 'Stack/Db', message: absentMessage.slice('Stack/Db: '.length) }),
        expect.objectContaining({
          message: publicSubnets.slice('Stack/Db: '.length),
          fix: 'use isolated or private subnets only',
        }),
      ]);
      const both = [absentMessage, publicSubnets];
      expect(findings(DataNotPublic, network({ route: { GatewayId: 'igw-123' } }))).toEqual(both);
      expect(findings(DataNotPublic, network({ route: { CarrierGatewayId: 'cagw-1' } }))).toEqual(both);
      expect(findings(DataNotPublic, network({ route: { GatewayId: { Ref: 'G' } }, stack: template().parameter('G') }))).toEqual(both);
      const mayBeIgw = template().parameter('G', { Type: 'String', AllowedValues: ['vgw-1', 'igw-2'] });
      expect(findings(DataNotPublic, network({ route: { GatewayId: { Ref: 'G' } }, stack: mayBeIgw }))).toEqual(both);
      const notText = template().parameter('G', { Type: 'Number', AllowedValues: [1] });
      expect(findings(DataNotPublic, network({ route: { GatewayId: { Ref: 'G' } }, stack: notText }))).toEqual(both);
    });

    test('PubliclyAccessible true (or unprovable) fails in proven private subnets too: only an absent value is proven', () => {
      expect(findings(DataNotPublic, network({ db: { PubliclyAccessible: true } }))).toEqual(['Stack/Db: PubliclyAccessible is true']);
      expect(findings(DataNotPublic, network({ db: { PubliclyAccessible: false } }))).toEqual([]);
    });

    test('a subnet with a second route table that is not of the template is not proven private', () => {
      const twoTables = network().resource('AssocOther', 'AWS::EC2::SubnetRouteTableAssociation', {
        SubnetId: { Ref: 'SubnetA' },
        RouteTableId: 'rtb-123',
      });
      expect(findings(DataNotPublic, twoTables)).toEqual([absentMessage]);
    });

    test('a route to the internet counts also with PubliclyAccessible false', () => {
      expect(findings(DataNotPublic, network({ route: { GatewayId: 'igw-1' }, db: { PubliclyAccessible: false } }))).toEqual([publicSubnets]);
    });

    test('a subnet mapping public IPs on launch is public', () => {
      const mapped = network().resource('SubnetA', 'AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' }, MapPublicIpOnLaunch: 'true' });
      expect(findings(DataNotPublic, mapped)).toEqual([
        absentMessage,
        'Stack/Db: DBSubnetGroupName includes public subnet(s) SubnetA (routed to an internet gateway)',
      ]);
    });

    test('a route whose table cannot be read counts for every table; a route of another table (or a literal table id) does not', () => {
      const withRoute = (RouteTableId: unknown) =>
        network()
          .resource('Other', 'AWS::EC2::RouteTable', { VpcId: { Ref: 'Vpc' } })
          .resource('Route', 'AWS::EC2::Route', { RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' });
      expect(findings(DataNotPublic, withRoute({ 'Fn::ImportValue': 'table' }))).toEqual([absentMessage, publicSubnets]);
      expect(findings(DataNotPublic, withRoute({ 'Fn::Sub': 'x-${Table}' }))).toEqual([absentMessage, publicSubnets]);
      expect(findings(DataNotPublic, withRoute({ 'Fn::Sub': '${Table}' }))).toEqual([absentMessage, publicSubnets]);
      expect(findings(DataNotPublic, withRoute({ Ref: 'Other' }))).toEqual([]);
      expect(findings(DataNotPublic, withRoute('rtb-0123456789abcdef0'))).toEqual([]);
    });

    test('a subnet without a route table of the template, from outside the template, or not a subnet, is not proven private', () => {
      expect(findings(DataNotPublic, network({ subnetIds: [{ Ref: 'SubnetA' }, 'subnet-123'] }))).toEqual([absentMessage]);
      expect(findings(DataNotPublic, network({ subnetIds: [{ Ref: 'SubnetA' }, { Ref: 'Vpc' }] }))).toEqual([absentMessage]);
      expect(findings(DataNotPublic, network({ subnetIds: [] }))).toEqual([absentMessage]);
      const unassociated = network().resource('SubnetC', 'AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' } });
      expect(findings(DataNotPublic, network({ stack: unassociated, subnetIds: [{ Ref: 'SubnetA' }, { Ref: 'SubnetC' }] }))).toEqual([absentMessage]);
      const literalTable = network().resource('AssocB', 'AWS::EC2::SubnetRouteTableAssociation', {
        SubnetId: { Ref: 'SubnetB' },
        RouteTableId: 'rtb-0123456789abcdef0',
      });
      expect(findings(DataNotPublic, literalTable)).toEqual([absentMessage]);
      const notATable = network().resource('AssocB', 'AWS::EC2::SubnetRouteTableAssociation', {
        SubnetId: { Ref: 'SubnetB' },
        RouteTableId: { Ref: 'Vpc' },
      });
      expect(findings(DataNotPublic, notATable)).toEqual([absentMessage]);
    });

    test('a group named by something other than a DB subnet group is not proven private', () => {
      const cacheGroup = network().resource('Group', 'AWS::ElastiCache::SubnetGroup', { Description: 'x', SubnetIds: [{ Ref: 'SubnetA' }] });
      expect(findings(DataNotPublic, cacheGroup)).toEqual([absentMessage]);
    });

    test('a route table that another template may add routes to (an export, a nested stack parameter) is not readable', () => {
      expect(findings(DataNotPublic, network().exportValue('table', { Ref: 'Table' }))).toEqual([absentMessage]);
      expect(findings(DataNotPublic, network().output('Ids', { 'Fn::Join': [',', [{ Ref: 'Table' }, 'x']] }))).toEqual([absentMessage]);
      expect(findings(DataNotPublic, network().output('Id', { 'Fn::Sub': 'table=${Table}' }))).toEqual([absentMessage]);
      expect(findings(DataNotPublic, network().output('Id', { 'Fn::Sub': '${Table.RouteTableId}' }))).toEqual([absentMessage]);
      expect(findings(DataNotPublic, network().output('Id', { 'Fn::Sub': '${TableX}' }))).toEqual([]);
      expect(findings(DataNotPublic, network().output('Id', { Ref: 'Vpc' }))).toEqual([]);
      const child = template('Stack/Child')
        .parameter('Table')
        .resource('Route', 'AWS::EC2::Route', { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' });
      expect(findings(DataNotPublic, network().nestedStack('Child', child, { Parameters: { Table: { Ref: 'Table' } } }))).toEqual([absentMessage]);
      expect(findings(DataNotPublic, network().nestedStack('Child', child, { Parameters: { Tables: [{ Ref: 'Table' }] } }))).toEqual([absentMessage]);
      expect(findings(DataNotPublic, network().nestedStack('Child', child, { Parameters: { Other: 'x' } }))).toEqual([]);
    });

    test("an Aurora member without a subnet group of its own is judged by its cluster's", () => {
      const aurora = (clusterGroup?: unknown) =>
        network()
          .resource('Cluster', 'AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', ...(clusterGroup ? { DBSubnetGroupName: clusterGroup } : {}) })
          .resource('Db', INSTANCE, { Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'Cluster' } });
      expect(findings(DataNotPublic, aurora({ Ref: 'Group' }))).toEqual([]);
      expect(findings(DataNotPublic, aurora('existing'))).toEqual([absentMessage]);
      expect(findings(DataNotPublic, aurora())).toEqual([
        absentMessage,
        'Stack/Cluster: DBSubnetGroupName is absent, so it launches into the default VPC, whose subnets are public',
      ]);
      const ownGroup = aurora('existing').resource('Db', INSTANCE, {
        Engine: 'aurora-postgresql',
        DBClusterIdentifier: { Ref: 'Cluster' },
        DBSubnetGroupName: { Ref: 'Group' },
      });
      expect(findings(DataNotPublic, ownGroup)).toEqual([]);
      const clusterElsewhere = template().resource('Db', INSTANCE, { Engine: 'aurora-postgresql', DBClusterIdentifier: 'existing-cluster' });
      expect(findings(DataNotPublic, clusterElsewhere)).toEqual([absentMessage]);
    });
  });

  describe('DB clusters', () => {
    const cluster = (properties: Record<string, unknown>) =>
      template().resource('Cluster', 'AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', DBSubnetGroupName: 'g', ...properties });

    test('PubliclyAccessible true (or unprovable) fails; false or absent passes', () => {
      expect(findings(DataNotPublic, cluster({}))).toEqual([]);
      expect(findings(DataNotPublic, cluster({ PubliclyAccessible: 'false' }))).toEqual([]);
      expect(violationsOf(DataNotPublic, cluster({ PubliclyAccessible: true }))).toEqual([
        expect.objectContaining({ path: 'Stack/Cluster', message: 'PubliclyAccessible is true', fix: 'set PubliclyAccessible to false' }),
      ]);
      expect(findings(DataNotPublic, cluster({ PubliclyAccessible: { Ref: 'AWS::NoValue' } }))).toEqual([]);
      expect(findings(DataNotPublic, cluster({ PubliclyAccessible: { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, true] } }))).toEqual([
        'Stack/Cluster: PubliclyAccessible comes from Fn::If on C, which allows true',
      ]);
      expect(findings(DataNotPublic, cluster({ PubliclyAccessible: { Ref: 'P' } }).parameter('P'))).toEqual([
        `Stack/Cluster: ${notLiteral('PubliclyAccessible', 'CloudFormation parameter P without AllowedValues, chosen at deploy time')}`,
      ]);
    });

    test('a cluster needs a DB subnet group, and its public subnets count', () => {
      expect(findings(DataNotPublic, template().resource('Cluster', 'AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }))).toEqual([
        'Stack/Cluster: DBSubnetGroupName is absent, so it launches into the default VPC, whose subnets are public',
      ]);
      const routed = network({ route: { GatewayId: 'igw-1' }, db: { PubliclyAccessible: false } }).resource('Cluster', 'AWS::RDS::DBCluster', {
        Engine: 'aurora-postgresql',
        DBSubnetGroupName: { Ref: 'Group' },
      });
      expect(findings(DataNotPublic, routed)).toEqual([
        publicSubnets,
        'Stack/Cluster: DBSubnetGroupName includes public subnet(s) SubnetA, SubnetB (routed to an internet gateway)',
      ]);
    });
  });

  describe('caches and proxies', () => {
    test('need no subnet group; one with public subnets fails', () => {
      expect(findings(DataNotPublic, template().resource('Cache', CACHE, {}))).toEqual([]);
      const routed = network({ route: { GatewayId: 'igw-1' }, db: { PubliclyAccessible: false } })
        .resource('CacheSubnets', 'AWS::ElastiCache::SubnetGroup', { Description: 'c', SubnetIds: [{ Ref: 'SubnetA' }, 'subnet-1'] })
        .resource('Cache', CACHE, { CacheSubnetGroupName: { Ref: 'CacheSubnets' } })
        .resource('Node', 'AWS::ElastiCache::CacheCluster', { CacheSubnetGroupName: { Ref: 'CacheSubnets' } })
        .resource('Proxy', 'AWS::RDS::DBProxy', {})
        .resource('Serverless', 'AWS::ElastiCache::ServerlessCache', {});
      expect(findings(DataNotPublic, routed)).toEqual([
        publicSubnets,
        'Stack/Cache: CacheSubnetGroupName includes public subnet(s) SubnetA (routed to an internet gateway)',
        'Stack/Node: CacheSubnetGroupName includes public subnet(s) SubnetA (routed to an internet gateway)',
      ]);
    });

    test('a serverless cache (SubnetIds) or DB proxy (VpcSubnetIds) listing a public subnet fails; private or unreadable ones pass', () => {
      const placed = (options: Parameters<typeof network>[0]) =>
        network({ ...options, db: { PubliclyAccessible: false } })
          .resource('Serverless', 'AWS::ElastiCache::ServerlessCache', { SubnetIds: [{ Ref: 'SubnetA' }, 'subnet-1', { Ref: 'Table' }] })
          .resource('Proxy', 'AWS::RDS::DBProxy', { VpcSubnetIds: [{ Ref: 'SubnetB' }] });
      expect(findings(DataNotPublic, placed({}))).toEqual([]);
      expect(violationsOf(DataNotPublic, placed({ route: { GatewayId: 'igw-1' } }))).toEqual([
        expect.objectContaining({ path: 'Stack/Db', message: publicSubnets.slice('Stack/Db: '.length) }),
        expect.objectContaining({
          path: 'Stack/Serverless',
          message: 'SubnetIds includes public subnet(s) SubnetA (routed to an internet gateway)',
          fix: 'use isolated or private subnets only',
        }),
        expect.objectContaining({
          path: 'Stack/Proxy',
          message: 'VpcSubnetIds includes public subnet(s) SubnetB (routed to an internet gateway)',
        }),
      ]);
    });

    test("every data store's security group property is judged", () => {
      const open = securityGroup(template(), 'Sg', [tcp(5432, { CidrIp: '0.0.0.0/0' })])
        .resource('Db', INSTANCE, { Engine: 'postgres', DBSubnetGroupName: 'g', PubliclyAccessible: false, VPCSecurityGroups: [groupId('Sg')] })
        .resource('Cluster', 'AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', DBSubnetGroupName: 'g', VpcSecurityGroupIds: [groupId('Sg')] })
        .resource('Cache', CACHE, { SecurityGroupIds: [groupId('Sg')] })
        .resource('Node', 'AWS::ElastiCache::CacheCluster', { VpcSecurityGroupIds: [groupId('Sg')] })
        .resource('Serverless', 'AWS::ElastiCache::ServerlessCache', { SecurityGroupIds: [groupId('Sg')] })
        .resource('Proxy', 'AWS::RDS::DBProxy', { VpcSecurityGroupIds: [groupId('Sg')] });
      const opened = 'Sg allows ingress from 0.0.0.0/0 (ports 5432-5432)';
      expect(violationsOf(DataNotPublic, open)).toEqual(
        [
          ['Db', 'VPCSecurityGroups'],
          ['Cluster', 'VpcSecurityGroupIds'],
          ['Cache', 'SecurityGroupIds'],
          ['Node', 'VpcSecurityGroupIds'],
          ['Serverless', 'SecurityGroupIds'],
          ['Proxy', 'VpcSecurityGroupIds'],
        ].map(([id, property]) => expect.objectContaining({ path: `Stack/${id}`, message: `${property}: ${opened}`, fix: SG_FIX })),
      );
    });
  });

  describe('security groups open to the internet', () => {
    test('0.0.0.0/0, ::/0, and ranges so wide they can only add up to the internet, fail; narrower ranges pass', () => {
      const stack = securityGroup(template(), 'Sg', [
        tcp(6379, { CidrIp: '0.0.0.0/0' }),
        tcp(6379, { CidrIpv6: '::/0' }),
        tcp(6379, { CidrIp: '0.0.0.0/1' }),
        tcp(6379, { CidrIp: '128.0.0.0/7' }),
        tcp(6379, { CidrIp: '10.0.0.0/8' }),
        tcp(6379, { CidrIpv6: '2000::/15' }),
        tcp(6379, { CidrIpv6: '2001:db8::/16' }),
        tcp(6379, { CidrIp: '10.0.0.0' }),
        tcp(6379, { CidrIp: '10.0.0.0/x' }),
        tcp(6379, { CidrIp: 7 }),
      ]);
      expect(findings(DataNotPublic, cache([groupId('Sg')], stack))).toEqual(
        ['0.0.0.0/0', '::/0', '0.0.0.0/1', '128.0.0.0/7', '2000::/15'].map(
          (cidr) => `Stack/Cache: SecurityGroupIds: Sg allows ingress from ${cidr} (ports 6379-6379)`,
        ),
      );
    });

    test('the ports of the rule are named: a range, all ports, or ports set at deploy time', () => {
      const stack = securityGroup(template().parameter('Port', { Type: 'Number' }), 'Sg', [
        { IpProtocol: 'tcp', FromPort: '1000', ToPort: '2000', CidrIp: '0.0.0.0/0' },
        { IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
        { IpProtocol: 'tcp', FromPort: { Ref: 'Port' }, ToPort: 5432, CidrIp: '0.0.0.0/0' },
        { IpProtocol: 'tcp', FromPort: 5432, ToPort: { Ref: 'Port' }, CidrIp: '0.0.0.0/0' },
        { IpProtocol: 'tcp', FromPort: 5432, CidrIp: '0.0.0.0/0' },
        { IpProtocol: 'tcp', ToPort: 5432, CidrIp: '0.0.0.0/0' },
      ]);
      expect(findings(DataNotPublic, cache([groupId('Sg')], stack))).toEqual(
        ['ports 1000-2000', 'all ports', ...Array(4).fill('ports set at deploy time')].map(
          (ports) => `Stack/Cache: SecurityGroupIds: Sg allows ingress from 0.0.0.0/0 (${ports})`,
        ),
      );
    });

    test('a CIDR from a parameter: AllowedValues are judged (and named); without them, or as a numeric range, it fails closed', () => {
      const stack = securityGroup(
        template()
          .parameter('Office', { Type: 'String', AllowedValues: ['10.20.0.0/16', '10.30.0.0/16'] })
          .parameter('Anywhere', { Type: 'String', AllowedValues: ['10.20.0.0/16', '0.0.0.0/0'] })
          .parameter('Free')
          .parameter('Numeric', { Type: 'Number', MinValue: 1 }),
        'Sg',
        [
          tcp(5432, { CidrIp: { Ref: 'Office' } }),
          tcp(5432, { CidrIp: { Ref: 'Anywhere' } }),
          tcp(5432, { CidrIpv6: { Ref: 'Free' } }),
          tcp(5432, { CidrIp: { Ref: 'Numeric' } }),
        ],
      );
      expect(findings(DataNotPublic, cache([groupId('Sg')], stack))).toEqual([
        'Stack/Cache: SecurityGroupIds: Sg allows ingress from 0.0.0.0/0 (via parameter Anywhere) (ports 5432-5432)',
        `Stack/Cache: SecurityGroupIds: Sg ingress (ports 5432-5432): ${notLiteral('CidrIpv6', 'CloudFormation parameter Free without AllowedValues, chosen at deploy time')}`,
        `Stack/Cache: SecurityGroupIds: Sg ingress (ports 5432-5432): ${notLiteral('CidrIp', 'a numeric range of parameter Numeric')}`,
      ]);
    });

    test("ingress from the VPC's own CIDR block, another security group, or a prefix list passes", () => {
      const stack = securityGroup(template().resource('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }), 'Sg', [
        tcp(5432, { CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } }),
        tcp(5432, { SourceSecurityGroupId: groupId('AppSg') }),
        tcp(5432, { SourcePrefixListId: 'pl-123' }),
        'not a rule',
      ]);
      expect(findings(DataNotPublic, cache([groupId('Sg')], securityGroup(stack, 'AppSg')))).toEqual([]);
      const openVpc = securityGroup(template().resource('Vpc', 'AWS::EC2::VPC', { CidrBlock: '0.0.0.0/0' }), 'Sg', [
        tcp(5432, { CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } }),
      ]);
      expect(findings(DataNotPublic, cache([groupId('Sg')], openVpc))).toEqual([
        'Stack/Cache: SecurityGroupIds: Sg allows ingress from 0.0.0.0/0 (ports 5432-5432)',
      ]);
    });

    test("a CIDR of another stack's VPC, read through an import of its CidrBlock", () => {
      const producer = (cidr: string) =>
        template('Network')
          .resource('Vpc', 'AWS::EC2::VPC', { CidrBlock: cidr })
          .exportValue('vpc-cidr', { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] });
      const consumer = () => cache([groupId('Sg')], securityGroup(template(), 'Sg', [tcp(5432, { CidrIp: { 'Fn::ImportValue': 'vpc-cidr' } })]));
      expect(findings(DataNotPublic, consumer(), producer('10.0.0.0/16'))).toEqual([]);
      expect(findings(DataNotPublic, consumer(), producer('0.0.0.0/0'))).toEqual([
        'Stack/Cache: SecurityGroupIds: Sg allows ingress from 0.0.0.0/0 (ports 5432-5432)',
      ]);
      const literalExport = template('Network').exportValue('vpc-cidr', '0.0.0.0/0');
      expect(findings(DataNotPublic, consumer(), literalExport)).toEqual([
        'Stack/Cache: SecurityGroupIds: Sg allows ingress from 0.0.0.0/0 (ports 5432-5432)',
      ]);
    });

    test('a rule that only one branch of a Fn::If adds still deploys; AWS::NoValue adds none; a rule behind another function fails closed', () => {
      const stack = securityGroup(template(), 'Sg', [
        { 'Fn::If': ['IsDev', tcp(5432, { CidrIp: '0.0.0.0/0' }), { Ref: 'AWS::NoValue' }] },
        { 'Fn::If': ['IsDev', { Ref: 'AWS::NoValue' }, tcp(5433, { CidrIp: '0.0.0.0/0' })] },
        { 'Fn::FindInMap': ['Rules', 'dev', 'ingress'] },
      ]);
      expect(findings(DataNotPublic, cache([groupId('Sg')], stack))).toEqual([
        'Stack/Cache: SecurityGroupIds: Sg allows ingress from 0.0.0.0/0 (ports 5432-5432)',
        'Stack/Cache: SecurityGroupIds: Sg allows ingress from 0.0.0.0/0 (ports 5433-5433)',
        `Stack/Cache: SecurityGroupIds: Sg ingress: ${notLiteral('SecurityGroupIngress', 'the intrinsic function Fn::FindInMap')}`,
      ]);
      const whole = securityGroup(template(), 'Sg', { 'Fn::If': ['IsDev', [tcp(1, { CidrIp: '0.0.0.0/0' })], { Ref: 'AWS::NoValue' }] });
      expect(findings(DataNotPublic, cache([groupId('Sg')], whole))).toEqual([
        'Stack/Cache: SecurityGroupIds: Sg allows ingress from 0.0.0.0/0 (ports 1-1)',
      ]);
      const malformed = securityGroup(template(), 'Sg', [{ 'Fn::If': ['IsDev', tcp(1, { CidrIp: '0.0.0.0/0' })] }]);
      expect(findings(DataNotPublic, cache([groupId('Sg')], malformed))).toEqual([
        `Stack/Cache: SecurityGroupIds: Sg ingress: ${notLiteral('SecurityGroupIngress', 'the intrinsic function Fn::If')}`,
      ]);
    });

    test('Fn::If nested eight deep is not taken apart any further: it fails closed', () => {
      const nest = (depth: number): unknown =>
        depth === 0 ? tcp(1, { CidrIp: '0.0.0.0/0' }) : { 'Fn::If': ['C', nest(depth - 1), { Ref: 'AWS::NoValue' }] };
      const rules = (depth: number) => findings(DataNotPublic, cache([groupId('Sg')], securityGroup(template(), 'Sg', [nest(depth)])));
      expect(rules(7)).toEqual(['Stack/Cache: SecurityGroupIds: Sg allows ingress from 0.0.0.0/0 (ports 1-1)']);
      expect(rules(8)).toEqual([`Stack/Cache: SecurityGroupIds: Sg ingress: ${notLiteral('SecurityGroupIngress', 'the intrinsic function Fn::If')}`]);
    });

    test('a separate ingress resource on the group counts, in this template or in another that imports the group id', () => {
      const own = securityGroup(template(), 'Sg').resource('Open', 'AWS::EC2::SecurityGroupIngress', {
        GroupId: groupId('Sg'),
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
        CidrIpv6: '::/0',
      });
      expect(findings(DataNotPublic, cache([groupId('Sg')], own))).toEqual([
        'Stack/Cache: SecurityGroupIds: Sg allows ingress from ::/0 (ports 5432-5432)',
      ]);
      const data = cache([groupId('Sg')], securityGroup(template('Data'), 'Sg').exportValue('sg', groupId('Sg')));
      const tools = template('Tools').resource('Debug', 'AWS::EC2::SecurityGroupIngress', {
        GroupId: { 'Fn::ImportValue': 'sg' },
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
        CidrIp: '0.0.0.0/0',
      });
      expect(findings(DataNotPublic, data, tools)).toEqual(['Data/Cache: SecurityGroupIds: Sg allows ingress from 0.0.0.0/0 (ports 5432-5432)']);
      const otherGroup = securityGroup(securityGroup(template(), 'Sg'), 'Other').resource('Open', 'AWS::EC2::SecurityGroupIngress', {
        GroupId: groupId('Other'),
        IpProtocol: '-1',
        CidrIp: '0.0.0.0/0',
      });
      expect(findings(DataNotPublic, cache([groupId('Sg')], otherGroup))).toEqual([]);
    });

    test('the security groups of a list may come from Fn::If branches and nested lists; AWS::NoValue is none', () => {
      const stack = securityGroup(template(), 'Sg', [tcp(1, { CidrIp: '0.0.0.0/0' })]);
      const open = ['Stack/Cache: SecurityGroupIds: Sg allows ingress from 0.0.0.0/0 (ports 1-1)'];
      expect(findings(DataNotPublic, cache({ 'Fn::If': ['C', [groupId('Sg')], { Ref: 'AWS::NoValue' }] }, stack))).toEqual(open);
      expect(findings(DataNotPublic, cache([['sg-1', groupId('Sg')]], stack))).toEqual(open);
      expect(findings(DataNotPublic, cache(groupId('Sg'), stack))).toEqual(open);
      expect(findings(DataNotPublic, cache({ Ref: 'AWS::NoValue' }, stack))).toEqual([]);
    });
  });

  describe('security groups the gate cannot read fail closed', () => {
    test('an import of an export no judged template defines, or a parameter without AllowedValues', () => {
      expect(violationsOf(DataNotPublic, cache([{ 'Fn::ImportValue': 'nobody' }]))).toEqual([
        expect.objectContaining({ message: unreadable('SecurityGroupIds', 'an imported value (Fn::ImportValue)'), fix: SG_FIX }),
      ]);
      expect(findings(DataNotPublic, cache([{ Ref: 'SgId' }], template().parameter('SgId', { Type: 'AWS::EC2::SecurityGroup::Id' })))).toEqual([
        `Stack/Cache: ${unreadable('SecurityGroupIds', 'CloudFormation parameter SgId without AllowedValues, chosen at deploy time')}`,
      ]);
    });

    test('an attribute of a resource that is not a security group', () => {
      const stack = template().resource('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
      expect(findings(DataNotPublic, cache([{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }], stack))).toEqual([
        `Stack/Cache: ${unreadable('SecurityGroupIds', 'an attribute of AWS::EC2::VPC Vpc, not a security group')}`,
      ]);
      expect(findings(DataNotPublic, cache([{ Ref: 'Vpc' }], stack))).toEqual([
        `Stack/Cache: ${unreadable('SecurityGroupIds', 'an attribute of AWS::EC2::VPC Vpc, not a security group')}`,
      ]);
    });

    test('a parameter allowing values that are not group ids, or a numeric range', () => {
      const stack = template()
        .parameter('Ids', { Type: 'Number', AllowedValues: [1] })
        .parameter('Range', { Type: 'Number', MinValue: 1 });
      expect(findings(DataNotPublic, cache([{ Ref: 'Ids' }, { Ref: 'Range' }], stack))).toEqual([
        `Stack/Cache: ${unreadable('SecurityGroupIds', 'not a list of literal group ids')}`,
        `Stack/Cache: ${unreadable('SecurityGroupIds', 'not a list of literal group ids')}`,
      ]);
    });

    test('a dynamic reference ({{resolve:ssm:…}}) names a group chosen at deploy time: fails closed', () => {
      expect(findings(DataNotPublic, cache(['{{resolve:ssm:/network/db-sg}}'], template()))).toEqual([
        `Stack/Cache: ${unreadable('SecurityGroupIds', 'a dynamic reference ({{resolve:…}}) that CloudFormation replaces at deploy time')}`,
      ]);
    });

    test('literal group ids, AllowedValues of group ids and a mapping of them pass', () => {
      const stack = template()
        .parameter('Pinned', { Type: 'String', AllowedValues: ['sg-0123456789abcdef0'] })
        .mapping('Groups', { dev: { db: 'sg-1' } });
      expect(findings(DataNotPublic, cache(['sg-123', { Ref: 'Pinned' }, { 'Fn::FindInMap': ['Groups', 'dev', 'db'] }], stack))).toEqual([]);
    });
  });

  describe('security groups of other stacks and default groups', () => {
    /** Shared exports an open group, a closed group and two VPCs' default groups (one opened by a rule). */
    const shared = () =>
      securityGroup(template('Shared'), 'OpenSg', [tcp(5432, { CidrIp: '0.0.0.0/0' })])
        .exportValue('open-sg', groupId('OpenSg'))
        .resource('ClosedSg', 'AWS::EC2::SecurityGroup', { GroupDescription: 'x', SecurityGroupIngress: [tcp(5432, { CidrIp: '10.0.0.0/16' })] })
        .exportValue('closed-sg', groupId('ClosedSg'))
        .resource('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' })
        .exportValue('vpc-default-sg', { 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] })
        .resource('OpenedVpc', 'AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16' })
        .exportValue('opened-default-sg', { 'Fn::GetAtt': ['OpenedVpc', 'DefaultSecurityGroup'] })
        .resource('OpenDefault', 'AWS::EC2::SecurityGroupIngress', {
          GroupId: { 'Fn::GetAtt': ['OpenedVpc', 'DefaultSecurityGroup'] },
          IpProtocol: 'tcp',
          FromPort: 5432,
          ToPort: 5432,
          CidrIp: '0.0.0.0/0',
        });
    const importing = (name: string) => cache([{ 'Fn::ImportValue': name }]);

    test('an imported group of the app is judged by its rules', () => {
      expect(findings(DataNotPublic, importing('open-sg'), shared())).toEqual([
        'Stack/Cache: SecurityGroupIds: OpenSg allows ingress from 0.0.0.0/0 (ports 5432-5432)',
      ]);
      expect(findings(DataNotPublic, importing('closed-sg'), shared())).toEqual([]);
    });

    test("a VPC's default group admits only its members, unless a rule opens it (also through an import)", () => {
      expect(findings(DataNotPublic, importing('vpc-default-sg'), shared())).toEqual([]);
      expect(findings(DataNotPublic, importing('opened-default-sg'), shared())).toEqual([
        'Stack/Cache: SecurityGroupIds: OpenedVpc allows ingress from 0.0.0.0/0 (ports 5432-5432)',
      ]);
      const relay = template('Relay').exportValue('relayed-sg', { 'Fn::ImportValue': 'opened-default-sg' });
      expect(findings(DataNotPublic, importing('relayed-sg'), shared(), relay)).toEqual([
        'Stack/Cache: SecurityGroupIds: OpenedVpc allows ingress from 0.0.0.0/0 (ports 5432-5432)',
      ]);
      const own = shared().resource('Cache', CACHE, { SecurityGroupIds: [{ 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] }] });
      expect(findings(DataNotPublic, own)).toEqual([]);
    });

    test("the default group's own rules are only the separate ingress resources on it", () => {
      // A VPC has no SecurityGroupIngress property: one written there is no rule of its default group.
      const stack = template()
        .resource('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', SecurityGroupIngress: [tcp(1, { CidrIp: '0.0.0.0/0' })] })
        .resource('Cache', CACHE, { SecurityGroupIds: [{ 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] }] });
      expect(findings(DataNotPublic, stack)).toEqual([]);
    });

    test('a chain of imports ends after five hops (fails closed)', () => {
      const hops = (count: number) =>
        Array.from({ length: count }, (_, n) => template(`Relay${n}`).exportValue(`sg${n + 1}`, { 'Fn::ImportValue': `sg${n}` }));
      const origin = template('Origin')
        .resource('Vpc', 'AWS::EC2::VPC', {})
        .exportValue('sg0', { 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] });
      expect(findings(DataNotPublic, importing('sg4'), origin, ...hops(4))).toEqual([]);
      expect(findings(DataNotPublic, importing('sg5'), origin, ...hops(5))).toEqual([
        `Stack/Cache: ${unreadable('SecurityGroupIds', 'an attribute of another resource (Fn::GetAtt)')}`,
      ]);
    });

    test('an export that imports itself ends (fails closed)', () => {
      const loop = template('Loop').exportValue('self', { 'Fn::ImportValue': 'self' });
      expect(findings(DataNotPublic, importing('self'), loop)).toEqual([
        `Stack/Cache: ${unreadable('SecurityGroupIds', 'an imported value (Fn::ImportValue)')}`,
      ]);
    });
  });
});
