/** rules/core/network: public subnets, shared route tables, subnet groups and world-open security groups. */
import { admitsInternet, isRouteTableShared, securityGroupFindings, subnetsOfGroup, worldOpenIngress } from '../../../rules/core/network';
import { TemplateView } from '../../../rules/core/template';
import { openAll, template, TemplateBuilder } from '../support/template-builder';

const viewOf = (...stacks: TemplateBuilder[]): TemplateView => openAll(stacks).find((t) => t.stackPath === stacks[stacks.length - 1].stackPath)!.view;
const ingress = (rules: unknown) => template().resource('Sg', 'AWS::EC2::SecurityGroup', { GroupDescription: 'g', SecurityGroupIngress: rules });
const notLiteral = (ports: string, reason: string) =>
  `Sg ingress (ports ${ports}): CidrIp is not a literal (it is ${reason}); the value must be a literal so the gate can prove it at synth time`;
const NOT_LITERAL = (reason: string) =>
  `Groups: a security group is not a literal (it is ${reason}), so the gate cannot read its rules to prove that it admits no traffic ` +
  'from the internet; the value must be a literal group id or a security group of a template the gate judges';

describe('admitsInternet', () => {
  test('IPv4 shorter than /8, IPv6 shorter than /16', () => {
    expect(['0.0.0.0/0', '0.0.0.0/1', '10.0.0.0/7', '::/0', '2000::/15'].map(admitsInternet)).toEqual([true, true, true, true, true]);
    expect(['10.0.0.0/8', '2000::/16', '0.0.0.0', '0.0.0.0/x', 5, undefined].map(admitsInternet)).toEqual([false, false, false, false, false, false]);
  });
});

describe('isRouteTableShared', () => {
  test("a table mentioned anywhere in a nested stack's parameters", () => {
    const stack = template()
      .resource('Table', 'AWS::EC2::RouteTable')
      .resource('Other', 'AWS::EC2::RouteTable')
      .nestedStack('Child', template('Child'), { TemplateURL: 'u', Parameters: { A: 'x', B: { Deep: { Ref: 'Table' } } } });
    const view = viewOf(stack);
    expect(isRouteTableShared(view.resource('Table')!)).toBe(true);
    expect(isRouteTableShared(view.resource('Other')!)).toBe(false);
  });
});

describe('subnetsOfGroup', () => {
  test('only the subnets of the template that the group lists', () => {
    const view = viewOf(
      template()
        .resource('A', 'AWS::EC2::Subnet')
        .resource('Sg', 'AWS::EC2::SecurityGroup')
        .resource('Group', 'AWS::RDS::DBSubnetGroup', { SubnetIds: [{ Ref: 'A' }, { Ref: 'Sg' }, { Ref: 'Missing' }, 'subnet-1'] }),
    );
    expect(subnetsOfGroup({ Ref: 'Group' }, view).map((s) => s.logicalId)).toEqual(['A']);
    expect(subnetsOfGroup({ Ref: 'Nothing' }, view)).toEqual([]);
  });
});

describe('worldOpenIngress', () => {
  test('no group, no rules', () => {
    expect(worldOpenIngress({ Ref: 'Nothing' }, viewOf(ingress([{ CidrIp: '0.0.0.0/0' }])))).toEqual([]);
  });

  test('entries that are no rule, or AWS::NoValue, are dropped; absent CIDRs admit nothing', () => {
    const view = viewOf(ingress([null, { Ref: 'AWS::NoValue' }, { IpProtocol: 'tcp', FromPort: 80, ToPort: 80 }]));
    expect(worldOpenIngress({ Ref: 'Sg' }, view)).toEqual([]);
  });

  test("a VPC's default group has only the rules added to it, not the VPC's own properties", () => {
    const view = viewOf(
      template()
        .resource('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', SecurityGroupIngress: [{ CidrIp: '0.0.0.0/0' }] })
        .resource('Open', 'AWS::EC2::SecurityGroupIngress', {
          GroupId: { 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] },
          IpProtocol: 'tcp',
          CidrIp: '0.0.0.0/0',
        }),
    );
    expect(worldOpenIngress({ 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] }, view)).toEqual(['Vpc allows ingress from 0.0.0.0/0 (all ports)']);
  });

  test("a VPC's CidrBlock is read only through its own CidrBlock attribute", () => {
    const view = viewOf(
      ingress([
        { CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, FromPort: 1, ToPort: 1 },
        { CidrIp: { Ref: 'Vpc' }, FromPort: 2, ToPort: 2 },
        { CidrIp: { 'Fn::GetAtt': ['Subnet', 'CidrBlock'] }, FromPort: 3, ToPort: 3 },
        { CidrIp: { 'Fn::GetAtt': ['Missing', 'CidrBlock'] }, FromPort: 4, ToPort: 4 },
      ])
        .resource('Vpc', 'AWS::EC2::VPC', { CidrBlock: '0.0.0.0/0' })
        .resource('Subnet', 'AWS::EC2::Subnet', { CidrBlock: '0.0.0.0/0' }),
    );
    const getAtt = 'an attribute of another resource (Fn::GetAtt)';
    expect(worldOpenIngress({ Ref: 'Sg' }, view)).toEqual([
      'Sg allows ingress from 0.0.0.0/0 (ports 1-1)',
      notLiteral('2-2', 'a reference to resource Vpc'),
      notLiteral('3-3', getAtt),
      notLiteral('4-4', getAtt),
    ]);
  });

  test('an imported CIDR that is not literal is judged as the import', () => {
    const exporter = template('Exporter')
      .parameter('P', { Type: 'String', AllowedValues: ['0.0.0.0/0'] })
      .exportValue('Cidr', { Ref: 'P' });
    const view = viewOf(exporter, ingress([{ CidrIp: { 'Fn::ImportValue': 'Cidr' }, FromPort: 1, ToPort: 1 }]));
    expect(worldOpenIngress({ Ref: 'Sg' }, view)).toEqual(['Sg allows ingress from 0.0.0.0/0 (via parameter P) (ports 1-1)']);
  });
});

describe('securityGroupFindings', () => {
  const view = viewOf(
    template()
      .resource('Sg', 'AWS::EC2::SecurityGroup', { GroupDescription: 'g' })
      .resource('Subnet', 'AWS::EC2::Subnet')
      .condition('C', { 'Fn::Equals': ['a', 'b'] }),
  );
  const deep = (value: unknown, levels: number): unknown => (levels === 0 ? value : [deep(value, levels - 1)]);

  test('a DefaultSecurityGroup attribute of anything but a VPC is no security group', () => {
    expect(securityGroupFindings('Groups', [{ 'Fn::GetAtt': ['Subnet', 'DefaultSecurityGroup'] }], view)).toEqual([
      NOT_LITERAL('an attribute of AWS::EC2::Subnet Subnet, not a security group'),
    ]);
  });

  test('a literal group id passes; a dynamic reference, read only at deploy time, is no literal', () => {
    expect(securityGroupFindings('Groups', ['sg-0123456789abcdef0'], view)).toEqual([]);
    expect(securityGroupFindings('Groups', ['{{resolve:ssm:/network/db-sg}}'], view)).toEqual([
      NOT_LITERAL('a dynamic reference ({{resolve:…}}) that CloudFormation replaces at deploy time'),
    ]);
  });

  test('a choice the gate does not take apart passes when every value is a literal id or nothing', () => {
    const choice = (a: unknown, b: unknown) => deep({ 'Fn::If': ['C', a, b] }, 8);
    expect(securityGroupFindings('Groups', choice({ Ref: 'AWS::NoValue' }, 'sg-1'), view)).toEqual([]);
    expect(securityGroupFindings('Groups', choice(5, 'sg-1'), view)).toEqual([NOT_LITERAL('not a list of literal group ids')]);
  });
});
