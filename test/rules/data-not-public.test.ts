/** SFX-DATA-NOT-PUBLIC at the pure level: PubliclyAccessible, subnet groups, route tables, security groups. */
import { DataNotPublic } from '../../rules/data-not-public';
import { findings, template, TemplateBuilder, violationsOf } from './support/template-builder';

const INSTANCE = 'AWS::RDS::DBInstance';
const absentMessage =
  'Stack/Db: PubliclyAccessible is absent (its default is true in a default VPC or in a subnet group of a VPC with an internet gateway)';

/** A VPC with two subnets on one route table, a DB subnet group of both, and a DB instance in it (PubliclyAccessible absent). */
function network(options: { route?: Record<string, unknown>; subnetIds?: unknown[]; stack?: TemplateBuilder } = {}): TemplateBuilder {
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
    .resource('Db', INSTANCE, { Engine: 'postgres', DBSubnetGroupName: { Ref: 'Group' } });
  if (options.route)
    stack.resource('Route', 'AWS::EC2::Route', { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', ...options.route });
  return stack;
}

describe('SFX-DATA-NOT-PUBLIC', () => {
  test('PubliclyAccessible absent passes in a subnet group of proven private subnets', () => {
    expect(findings(DataNotPublic, network())).toEqual([]);
    expect(findings(DataNotPublic, network({ route: { NatGatewayId: 'nat-1' } }))).toEqual([]);
    expect(findings(DataNotPublic, network({ route: { GatewayId: 'vgw-1' } }))).toEqual([]);
  });

  test('a route to an internet gateway makes the subnets public', () => {
    const igw = network({ route: { GatewayId: { Ref: 'Igw' } } }).resource('Igw', 'AWS::EC2::InternetGateway');
    expect(violationsOf(DataNotPublic, igw)).toEqual([
      expect.objectContaining({ ruleId: 'SFX-DATA-NOT-PUBLIC', path: 'Stack/Db', message: absentMessage.slice('Stack/Db: '.length) }),
      expect.objectContaining({
        message: 'DBSubnetGroupName includes public subnet(s) SubnetA, SubnetB (routed to an internet gateway)',
        fix: 'use isolated or private subnets only',
      }),
    ]);
    expect(findings(DataNotPublic, network({ route: { GatewayId: 'igw-123' } }))).toHaveLength(2);
    expect(findings(DataNotPublic, network({ route: { CarrierGatewayId: 'cagw-1' } }))).toHaveLength(2);
    expect(findings(DataNotPublic, network({ route: { GatewayId: { Ref: 'G' } }, stack: template().parameter('G') }))).toHaveLength(2);
  });

  test('a subnet from outside the template (or not a subnet) is not proven private', () => {
    expect(findings(DataNotPublic, network({ subnetIds: [{ Ref: 'SubnetA' }, 'subnet-123'] }))).toEqual([absentMessage]);
    expect(findings(DataNotPublic, network({ subnetIds: [{ Ref: 'SubnetA' }, { Ref: 'Vpc' }] }))).toEqual([absentMessage]);
    expect(findings(DataNotPublic, network({ subnetIds: [] }))).toEqual([absentMessage]);
  });

  test('a route table that another template may add routes to (export, nested stack parameter) is not readable', () => {
    expect(findings(DataNotPublic, network().exportValue('table', { Ref: 'Table' }))).toEqual([absentMessage]);
    const child = template('Stack/Child')
      .parameter('Table')
      .resource('Route', 'AWS::EC2::Route', {
        RouteTableId: { Ref: 'Table' },
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: 'igw-1',
      });
    expect(findings(DataNotPublic, network().nestedStack('Child', child, { Parameters: { Table: { Ref: 'Table' } } }))).toEqual([absentMessage]);
    expect(findings(DataNotPublic, network().nestedStack('Child', child, { Parameters: { Other: 'x' } }))).toEqual([]);
  });

  test('PubliclyAccessible false passes anywhere in a subnet group; true fails', () => {
    const db = (properties: Record<string, unknown>) =>
      template().resource('Db', INSTANCE, { Engine: 'postgres', DBSubnetGroupName: 'existing', ...properties });
    expect(findings(DataNotPublic, db({ PubliclyAccessible: false }))).toEqual([]);
    expect(findings(DataNotPublic, db({ PubliclyAccessible: true }))).toEqual(['Stack/Db: PubliclyAccessible is true']);
    expect(findings(DataNotPublic, db({}))).toEqual([absentMessage]);
  });

  test('no DB subnet group means the default VPC', () => {
    expect(violationsOf(DataNotPublic, template().resource('Db', INSTANCE, { Engine: 'postgres', PubliclyAccessible: false }))).toEqual([
      expect.objectContaining({
        message: 'DBSubnetGroupName is absent, so it launches into the default VPC, whose subnets are public',
        fix: 'give it a subnet group of isolated subnets',
      }),
    ]);
    expect(findings(DataNotPublic, template().resource('Cache', 'AWS::ElastiCache::ReplicationGroup', {}))).toEqual([]);
  });

  test('a DB cluster with PubliclyAccessible true fails; false or absent passes', () => {
    const cluster = (properties: Record<string, unknown>) =>
      template().resource('Cluster', 'AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', DBSubnetGroupName: 'g', ...properties });
    expect(findings(DataNotPublic, cluster({}))).toEqual([]);
    expect(findings(DataNotPublic, cluster({ PubliclyAccessible: 'false' }))).toEqual([]);
    expect(findings(DataNotPublic, cluster({ PubliclyAccessible: true }))).toEqual(['Stack/Cluster: PubliclyAccessible is true']);
  });

  test('a security group open to the internet fails; a literal id passes; an unknown group fails closed', () => {
    const cache = (groups: unknown, stack = template()) =>
      stack.resource('Cache', 'AWS::ElastiCache::ReplicationGroup', { SecurityGroupIds: groups });
    const open = template().resource('Sg', 'AWS::EC2::SecurityGroup', {
      GroupDescription: 'x',
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, CidrIp: '0.0.0.0/0' }],
    });
    expect(findings(DataNotPublic, cache([{ 'Fn::GetAtt': ['Sg', 'GroupId'] }], open))).toEqual([
      expect.stringContaining('Stack/Cache: SecurityGroupIds: '),
    ]);
    expect(findings(DataNotPublic, cache(['sg-123']))).toEqual([]);
    expect(findings(DataNotPublic, cache([{ 'Fn::ImportValue': 'nobody' }]))).toEqual([
      'Stack/Cache: SecurityGroupIds: a security group is not a literal (it is an imported value (Fn::ImportValue)), so the gate cannot read its rules ' +
        'to prove that it admits no traffic from the internet; the value must be a literal group id or a security group of a template the gate judges',
    ]);
  });
});
