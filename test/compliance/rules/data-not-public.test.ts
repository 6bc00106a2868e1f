/**
 * Tests of rules/data-not-public.ts, by behaviour (escape hatches, values decided at deploy time, inherited
 * settings, ordinary CDK that passes). Gate mechanics are in ../gate/, references between stacks
 * in ../cross-stack.test.ts.
 */
import { Aws, CfnCondition, CfnOutput, CfnParameter, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as include from 'aws-cdk-lib/cloudformation-include';
import * as path from 'path';
import { DataNotPublic } from '../../../rules';
import {
  compliantCfnDb,
  compliantDatabase,
  compliantDbProps,
  compliantReplicationGroup,
  euStack,
  expectNoViolations,
  expectViolation,
  isolatedVpc,
  rawResource,
  synthGate,
} from '../helpers';

function mixedVpc(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
      { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
}

/** A cache in its own subnet group and security group (both compliant). */
function cacheIn(stack: Stack, vpc: ec2.IVpc, subnets: ec2.ISubnet[], configure: (sg: ec2.SecurityGroup) => void = () => undefined) {
  const sg = new ec2.SecurityGroup(stack, 'CacheSg', { vpc, allowAllOutbound: false });
  configure(sg);
  const group = new elasticache.CfnSubnetGroup(stack, 'CacheSubnets', { description: 'cache', subnetIds: subnets.map((s) => s.subnetId) });
  return compliantReplicationGroup(stack, 'Cache', { cacheSubnetGroupName: group.ref, securityGroupIds: [sg.securityGroupId] });
}

describe(DataNotPublic.id, () => {
  test('a DB in isolated subnets, not publicly accessible, passes', () => {
    expectNoViolations(
      synthGate((app) => {
        compliantDatabase(euStack(app, 'S'));
      }),
    );
  });

  test('publiclyAccessible: true fails', () => {
    const err = synthGate((app) => {
      compliantDatabase(euStack(app, 'S'), 'Db', { publiclyAccessible: true });
    });
    expectViolation(err, DataNotPublic.id, 'S/Db/Resource', 'PubliclyAccessible is true');
  });

  test('PubliclyAccessible absent passes in a subnet group of proven private subnets (a DatabaseInstance left at its default)', () => {
    expectNoViolations(
      synthGate((app) => {
        compliantCfnDb(euStack(app, 'S'), 'Db', { publiclyAccessible: undefined });
      }),
    );
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        new rds.DatabaseInstance(stack, 'Db', { ...compliantDbProps(mixedVpc(stack)), publiclyAccessible: undefined });
      }),
    );
  });

  test('PubliclyAccessible absent fails without a subnet group, with an imported one, or with subnets whose routes are not in the template', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantCfnDb(stack, 'NoGroup', { publiclyAccessible: undefined, dbSubnetGroupName: undefined });
      compliantCfnDb(stack, 'Imported', { publiclyAccessible: undefined, dbSubnetGroupName: 'shared-db-subnets' });
      const subnet = new ec2.CfnSubnet(stack, 'LooseSubnet', {
        vpcId: 'vpc-0123456789abcdef0',
        cidrBlock: '10.9.0.0/24',
        availabilityZone: 'eu-west-1a',
      });
      new ec2.CfnSubnetRouteTableAssociation(stack, 'LooseAssoc', { subnetId: subnet.ref, routeTableId: 'rtb-0123456789abcdef0' });
      const group = new rds.CfnDBSubnetGroup(stack, 'LooseGroup', { dbSubnetGroupDescription: 'loose', subnetIds: [subnet.ref] });
      compliantCfnDb(stack, 'Loose', { publiclyAccessible: undefined, dbSubnetGroupName: group.ref });
    });
    for (const id of ['NoGroup', 'Imported', 'Loose']) expectViolation(err, DataNotPublic.id, `S/${id}`, 'PubliclyAccessible is absent');
  });

  test('PubliclyAccessible absent in public subnets fails', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const group = new rds.CfnDBSubnetGroup(stack, 'PublicGroup', {
        dbSubnetGroupDescription: 'public',
        subnetIds: mixedVpc(stack).publicSubnets.map((subnet) => subnet.subnetId),
      });
      compliantCfnDb(stack, 'Db', { publiclyAccessible: undefined, dbSubnetGroupName: group.ref });
    });
    expectViolation(err, DataNotPublic.id, 'S/Db', 'PubliclyAccessible is absent');
  });

  test('a DB in PUBLIC subnets fails, even with publiclyAccessible: false', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new rds.DatabaseInstance(stack, 'Db', { ...compliantDbProps(mixedVpc(stack)), vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
    });
    expectViolation(err, DataNotPublic.id, 'S/Db/Resource', 'includes public subnet(s)');
  });

  test('a DB in the isolated subnets of the same mixed VPC passes', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        new rds.DatabaseInstance(stack, 'Db', compliantDbProps(mixedVpc(stack)));
      }),
    );
  });

  test('a CfnDBInstance without a DB subnet group fails (default VPC)', () => {
    const err = synthGate((app) => {
      compliantCfnDb(euStack(app, 'S'), 'Db', { dbSubnetGroupName: undefined });
    });
    expectViolation(err, DataNotPublic.id, 'S/Db', 'DBSubnetGroupName is absent');
  });

  test('a DB security group admitting Peer.anyIpv4() fails', () => {
    const err = synthGate((app) => {
      compliantDatabase(euStack(app, 'S')).connections.allowDefaultPortFrom(ec2.Peer.anyIpv4());
    });
    expectViolation(err, DataNotPublic.id, 'S/Db/Resource', 'allows ingress from 0.0.0.0/0');
  });

  test('a DB security group admitting Peer.anyIpv6() through a separate ingress resource fails', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const db = compliantDatabase(stack);
      new ec2.CfnSecurityGroupIngress(stack, 'Open', {
        groupId: db.connections.securityGroups[0].securityGroupId,
        ipProtocol: 'tcp',
        fromPort: 5432,
        toPort: 5432,
        cidrIpv6: '::/0',
      });
    });
    expectViolation(err, DataNotPublic.id, 'S/Db/Resource', '::/0');
  });

  test('the internet written in pieces (0.0.0.0/1 + 128.0.0.0/1) fails', () => {
    const err = synthGate((app) => {
      const db = compliantDatabase(euStack(app, 'S'));
      db.connections.allowDefaultPortFrom(ec2.Peer.ipv4('0.0.0.0/1'));
      db.connections.allowDefaultPortFrom(ec2.Peer.ipv4('128.0.0.0/1'));
    });
    expectViolation(err, DataNotPublic.id, 'S/Db/Resource', 'allows ingress from 0.0.0.0/1');
    expectViolation(err, DataNotPublic.id, 'S/Db/Resource', 'allows ingress from 128.0.0.0/1');
  });

  test('an ingress CIDR from a CfnParameter fails closed; AllowedValues of private ranges pass', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const free = new CfnParameter(stack, 'Cidr', { type: 'String' });
      const pinned = new CfnParameter(stack, 'Office', { type: 'String', allowedValues: ['10.20.0.0/16', '10.30.0.0/16'] });
      compliantDatabase(stack, 'Free').connections.allowDefaultPortFrom(ec2.Peer.ipv4(free.valueAsString));
      compliantDatabase(stack, 'Pinned').connections.allowDefaultPortFrom(ec2.Peer.ipv4(pinned.valueAsString));
    });
    expectViolation(err, DataNotPublic.id, 'S/Free/Resource', 'CidrIp is not a literal');
    expect(err!.violations.map((v) => v.path)).toEqual(['S/Free/Resource']);
  });

  test("an ingress rule that another stack adds to the DB's group (an import of its id) counts", () => {
    const err = synthGate((app) => {
      const db = compliantDatabase(euStack(app, 'Data'));
      // CDK renders a separate AWS::EC2::SecurityGroupIngress in Tools whose GroupId imports the group's id from Data.
      const tools = euStack(app, 'Tools');
      ec2.SecurityGroup.fromSecurityGroupId(tools, 'DbSg', db.connections.securityGroups[0].securityGroupId).addIngressRule(
        ec2.Peer.anyIpv4(),
        ec2.Port.tcp(5432),
        'debugging from anywhere',
      );
    });
    expectViolation(err, DataNotPublic.id, 'Data/Db/Resource', 'allows ingress from 0.0.0.0/0');
  });

  describe('security groups the gate cannot read fail closed', () => {
    // One app: a stack exporting an open group, a stack importing it, and imports and parameters the app does not define.
    let err: ReturnType<typeof synthGate>;
    beforeAll(() => {
      err = synthGate((app) => {
        const shared = euStack(app, 'Shared');
        const vpc = isolatedVpc(shared);
        const open = new ec2.SecurityGroup(shared, 'OpenSg', { vpc });
        open.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(5432));
        new CfnOutput(shared, 'OpenSgId', { value: open.securityGroupId, exportName: 'open-sg' });
        const closed = new ec2.SecurityGroup(shared, 'ClosedSg', { vpc });
        new CfnOutput(shared, 'ClosedSgId', { value: closed.securityGroupId, exportName: 'closed-sg' });
        const opened = isolatedVpc(shared, 'OpenedVpc');
        new ec2.CfnSecurityGroupIngress(shared, 'OpenDefault', {
          groupId: opened.vpcDefaultSecurityGroup,
          ipProtocol: 'tcp',
          fromPort: 5432,
          toPort: 5432,
          cidrIp: '0.0.0.0/0',
        });
        const stack = euStack(app, 'S');
        const free = new CfnParameter(stack, 'SgId', { type: 'AWS::EC2::SecurityGroup::Id' });
        // A VPC's default group (through an import of Shared's export) admits only its members, unless a rule opens it.
        compliantCfnDb(stack, 'DefaultSg', { vpcSecurityGroups: [vpc.vpcDefaultSecurityGroup] });
        compliantCfnDb(stack, 'OpenedDefaultSg', { vpcSecurityGroups: [opened.vpcDefaultSecurityGroup] });
        const pinned = new CfnParameter(stack, 'PinnedSg', { type: 'String', allowedValues: ['sg-0123456789abcdef0'] });
        compliantCfnDb(stack, 'Unknown', { vpcSecurityGroups: [Fn.importValue('not-in-this-app')] });
        compliantCfnDb(stack, 'Free', { vpcSecurityGroups: [free.valueAsString] });
        compliantReplicationGroup(stack, 'Cache', { securityGroupIds: [Fn.importValue('not-in-this-app')] });
        compliantCfnDb(stack, 'ExportedOpen', { vpcSecurityGroups: [Fn.importValue('open-sg')] });
        compliantCfnDb(stack, 'ExportedClosed', { vpcSecurityGroups: [Fn.importValue('closed-sg')] });
        compliantCfnDb(stack, 'Literal', { vpcSecurityGroups: ['sg-0123456789abcdef0'] });
        compliantCfnDb(stack, 'Pinned', { vpcSecurityGroups: [pinned.valueAsString] });
        // An inline rule that only one branch of an Fn::If adds still deploys when that branch is taken
        // (CloudFormation keys: a token is rendered as is).
        const dev = new CfnCondition(stack, 'IsDev', { expression: Fn.conditionEquals(Aws.REGION, 'eu-west-1') });
        const maybeOpen = new ec2.CfnSecurityGroup(stack, 'MaybeOpen', {
          groupDescription: 'open in dev',
          vpcId: 'vpc-0123456789abcdef0',
          securityGroupIngress: [
            Fn.conditionIf(
              dev.logicalId,
              { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '0.0.0.0/0' },
              Aws.NO_VALUE,
            ) as unknown as ec2.CfnSecurityGroup.IngressProperty,
          ],
        });
        compliantCfnDb(stack, 'MaybeOpenDb', { vpcSecurityGroups: [maybeOpen.attrGroupId] });
      });
    });

    test('an import of an export no judged stack defines, a parameter without AllowedValues', () => {
      expectViolation(
        err,
        DataNotPublic.id,
        'S/Unknown',
        /VPCSecurityGroups: a security group is not a literal \(it is an imported value \(Fn::ImportValue\)\)/,
      );
      expectViolation(err, DataNotPublic.id, 'S/Free', /VPCSecurityGroups: a security group is not a literal \(it is CloudFormation parameter SgId/);
      expectViolation(err, DataNotPublic.id, 'S/Cache', /SecurityGroupIds: a security group is not a literal/);
    });

    test("an export of the app is judged by its group (a VPC's default group too); a literal group id and AllowedValues of group ids pass", () => {
      expectViolation(err, DataNotPublic.id, 'S/ExportedOpen', 'OpenSg');
      const paths = err!.violations.filter((v) => v.ruleId === DataNotPublic.id).map((v) => v.path);
      expectViolation(err, DataNotPublic.id, 'S/OpenedDefaultSg', 'allows ingress from 0.0.0.0/0');
      expectViolation(err, DataNotPublic.id, 'S/MaybeOpenDb', 'MaybeOpen allows ingress from 0.0.0.0/0');
      expect(paths.sort()).toEqual(['S/Cache', 'S/ExportedOpen', 'S/Free', 'S/MaybeOpenDb', 'S/OpenedDefaultSg', 'S/Unknown']);
    });
  });

  test("ingress from the VPC's own CIDR block passes", () => {
    expectNoViolations(
      synthGate((app) => {
        const db = compliantDatabase(euStack(app, 'S'));
        db.connections.allowDefaultPortFrom(ec2.Peer.ipv4(db.vpc.vpcCidrBlock));
      }),
    );
  });

  test('ingress from the application security group passes', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const db = compliantDatabase(stack);
        db.connections.allowDefaultPortFrom(new ec2.SecurityGroup(stack, 'AppSg', { vpc: db.vpc }));
      }),
    );
  });

  test('a cache whose security group admits 0.0.0.0/0 fails; in public subnets fails', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const vpc = mixedVpc(stack);
      cacheIn(stack, vpc, vpc.publicSubnets, (sg) => sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(6379)));
    });
    expectViolation(err, DataNotPublic.id, 'S/Cache', 'SecurityGroupIds');
    expectViolation(err, DataNotPublic.id, 'S/Cache', 'CacheSubnetGroupName includes public subnet(s)');
  });

  test('a cache in isolated subnets with a closed security group passes', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const vpc = isolatedVpc(stack);
        cacheIn(stack, vpc, vpc.isolatedSubnets);
      }),
    );
  });

  describe('escape hatches and fail closed', () => {
    test('an override making a compliant DB public fails', () => {
      const err = synthGate((app) => {
        (compliantDatabase(euStack(app, 'S')).node.defaultChild as rds.CfnDBInstance).addPropertyOverride('PubliclyAccessible', 'true');
      });
      expectViolation(err, DataNotPublic.id, 'S/Db/Resource', 'PubliclyAccessible is "true"');
    });

    test('an override that FIXES a public DB passes', () => {
      expectNoViolations(
        synthGate((app) => {
          (compliantDatabase(euStack(app, 'S'), 'Db', { publiclyAccessible: true }).node.defaultChild as rds.CfnDBInstance).addPropertyOverride(
            'PubliclyAccessible',
            false,
          );
        }),
      );
    });

    test('PubliclyAccessible from a parameter fails closed', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const p = new CfnParameter(stack, 'Public', { type: 'String' });
        compliantCfnDb(stack, 'Db', { publiclyAccessible: p.valueAsString as unknown as boolean });
      });
      expectViolation(err, DataNotPublic.id, 'S/Db', 'must be a literal');
    });
  });

  test('nested stack, Stage and CfnInclude', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantCfnDb(new NestedStack(stack, 'Nested') as unknown as Stack, 'Db', { publiclyAccessible: true });
      compliantDatabase(new Stack(new Stage(app, 'Prod', { env: { region: 'eu-west-1' } }), 'Data'), 'Db', { publiclyAccessible: true });
      new include.CfnInclude(stack, 'Include', { templateFile: path.join(__dirname, '..', 'fixtures', 'public-database.json') });
    });
    expectViolation(err, DataNotPublic.id, 'S/Nested/Db', 'PubliclyAccessible is true');
    expectViolation(err, DataNotPublic.id, 'Prod/Data/Db/Resource');
    expectViolation(err, DataNotPublic.id, 'S/Include/OpenDb', 'OpenDbSg allows ingress from 0.0.0.0/0');
  });
});

describe('the internet written in pieces', () => {
  test('0.0.0.0/1 and 128.0.0.0/1 on the database security group fail', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const vpc = new ec2.Vpc(stack, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      });
      const sg = new ec2.SecurityGroup(stack, 'DbSg', { vpc });
      sg.addIngressRule(ec2.Peer.ipv4('0.0.0.0/1'), ec2.Port.tcp(5432));
      sg.addIngressRule(ec2.Peer.ipv4('128.0.0.0/1'), ec2.Port.tcp(5432));
      new rds.DatabaseInstance(stack, 'Db', {
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        securityGroups: [sg],
        storageEncrypted: true,
        multiAz: true,
        publiclyAccessible: false,
      });
    });
    expectViolation(err, DataNotPublic.id, 'S/Db/Resource', '0.0.0.0/1');
  });
});

test('SFX-DATA-NOT-PUBLIC: a serverless cache behind a world-open security group fails', () => {
  const err = synthGate((app) => {
    const stack = euStack(app, 'S');
    const sg = rawResource(stack, 'Sg', 'AWS::EC2::SecurityGroup', {
      GroupDescription: 'cache',
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, CidrIp: '0.0.0.0/0' }],
    });
    rawResource(stack, 'Cache', 'AWS::ElastiCache::ServerlessCache', {
      ServerlessCacheName: 'c',
      Engine: 'valkey',
      SecurityGroupIds: [sg.getAtt('GroupId')],
    });
  });
  expectViolation(err, DataNotPublic.id, 'S/Cache', '0.0.0.0/0');
});

describe('routes the private-subnet proof cannot see', () => {
  /** A DB in a subnet group of one isolated subnet whose route table gets `route`. */
  function dbWithRoute(stack: Stack, route: (table: ec2.CfnRouteTable, vpc: ec2.CfnVPC) => void) {
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const table = new ec2.CfnRouteTable(stack, 'Table', { vpcId: vpc.ref });
    const subnets = ['a', 'b'].map((zone) => {
      const subnet = new ec2.CfnSubnet(stack, `Subnet${zone}`, {
        vpcId: vpc.ref,
        cidrBlock: `10.0.${zone === 'a' ? 1 : 2}.0/24`,
        availabilityZone: `eu-west-1${zone}`,
      });
      new ec2.CfnSubnetRouteTableAssociation(stack, `Assoc${zone}`, { subnetId: subnet.ref, routeTableId: table.ref });
      return subnet;
    });
    route(table, vpc);
    const group = new rds.CfnDBSubnetGroup(stack, 'Group', { dbSubnetGroupDescription: 'db', subnetIds: subnets.map((s) => s.ref) });
    compliantCfnDb(stack, 'Db', { publiclyAccessible: undefined, dbSubnetGroupName: group.ref });
  }

  test('with no route out, PubliclyAccessible may stay absent', () => {
    expectNoViolations(synthGate((app) => dbWithRoute(euStack(app, 'S'), () => undefined)));
  });

  test('a route table exported to another stack, a gateway from a parameter, a carrier gateway, a route table named through Fn::Sub', () => {
    const cases: Record<string, (stack: Stack, table: ec2.CfnRouteTable) => void> = {
      Exported: (stack, table) => {
        new CfnOutput(stack, 'TableId', { value: table.ref, exportName: 'TableId' });
      },
      ParamGateway: (stack, table) => {
        new ec2.CfnRoute(stack, 'Out', {
          routeTableId: table.ref,
          destinationCidrBlock: '0.0.0.0/0',
          gatewayId: new CfnParameter(stack, 'Gw').valueAsString,
        });
      },
      Carrier: (stack, table) => {
        new ec2.CfnRoute(stack, 'Out', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', carrierGatewayId: 'cagw-0123456789abcdef0' });
      },
      SubTable: (stack, table) => {
        new ec2.CfnRoute(stack, 'Out', {
          routeTableId: Fn.sub(`\${${table.logicalId}}`),
          destinationCidrBlock: '0.0.0.0/0',
          gatewayId: 'igw-0123456789abcdef0',
        });
      },
    };
    for (const [name, add] of Object.entries(cases)) {
      const err = synthGate((app) => {
        const stack = euStack(app, name);
        dbWithRoute(stack, (table) => add(stack, table));
      });
      expectViolation(err, DataNotPublic.id, `${name}/Db`, 'PubliclyAccessible is absent');
    }
  });
});
