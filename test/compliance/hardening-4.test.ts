// Fourth review round: what following imports and nested outputs must not trust (other accounts,
// duplicate or conditional exports, custom and third-party attributes), routes the private-subnet
// proof cannot see, regions assembled from known parts or hidden in JSON, restored PostgreSQL.
import { CfnCondition, CfnMapping, CfnOutput, CfnParameter, CfnResource, CustomResource, Fn, NestedStack, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  compliantCfnDb,
  compliantReplicationGroup,
  euStack,
  expectNoViolations,
  expectViolation,
  lambdaRole,
  rawResource,
  synthGate,
} from './helpers';

const IAM = 'SFX-IAM-LEAST-PRIVILEGE';
const REGION = 'SFX-REGION';
const NOT_PUBLIC = 'SFX-DATA-NOT-PUBLIC';
const EU = { region: 'eu-west-1' };

const readObjects = (scope: Construct, resource: string) =>
  lambdaRole(scope).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [resource] }));

describe('imports the gate must not follow', () => {
  test('an export of another account, a name exported twice, a conditional export: all stay unknown', () => {
    const err = synthGate((app) => {
      const other = new Stack(app, 'OtherAccount', { env: { ...EU, account: '111111111111' } });
      new CfnOutput(other, 'Enc', { value: 'true', exportName: 'Enc' });
      compliantReplicationGroup(new Stack(app, 'Importer', { env: { ...EU, account: '222222222222' } }), 'Cache', {
        atRestEncryptionEnabled: Fn.importValue('Enc') as unknown as boolean,
      });
      new CfnOutput(euStack(app, 'A'), 'Twice', { value: 'true', exportName: 'Twice' });
      new CfnOutput(euStack(app, 'B'), 'Twice', { value: 'false', exportName: 'Twice' });
      const conditional = euStack(app, 'C');
      const when = new CfnCondition(conditional, 'Never', { expression: Fn.conditionEquals('a', 'b') });
      new CfnOutput(conditional, 'Maybe', { value: 'true', exportName: 'Maybe', condition: when });
      const importer = euStack(app, 'D');
      compliantReplicationGroup(importer, 'Twice', { atRestEncryptionEnabled: Fn.importValue('Twice') as unknown as boolean });
      compliantReplicationGroup(importer, 'Maybe', { atRestEncryptionEnabled: Fn.importValue('Maybe') as unknown as boolean });
    });
    for (const path of ['Importer/Cache', 'D/Twice', 'D/Maybe']) expectViolation(err, 'SFX-REDIS-AT-REST', path, 'imported value');
  });

  test('export names that differ only in punctuation are not confused', () => {
    const err = synthGate((app) => {
      const a = euStack(app, 'A');
      new CfnOutput(a, 'BucketArn', { value: new s3.CfnBucket(a, 'Bucket').attrArn, exportName: 'X:Y' });
      const c = euStack(app, 'C');
      new CfnOutput(c, 'FreeOut', { value: new CfnParameter(c, 'Free').valueAsString, exportName: 'X-Y' });
      readObjects(euStack(app, 'B'), Fn.join('', ['arn:aws:s3:::', Fn.importValue('X-Y'), '/*']));
    });
    expectViolation(err, IAM, 'B/Role/DefaultPolicy/Resource', 'Resource is not a literal');
  });
});

describe('what identifies a resource in an IAM Resource', () => {
  test("a bucket of a nested stack passes; a custom resource's attribute passed out of a nested stack, a third-party type and a resource named AWS fail", () => {
    expectNoViolations(
      synthGate((app) => {
        const parent = euStack(app, 'S');
        const bucket = new s3.Bucket(new NestedStack(parent, 'Storage'), 'Bucket');
        bucket.grantRead(lambdaRole(parent));
      }),
    );
    const err = synthGate((app) => {
      const parent = euStack(app, 'S');
      const nested = new NestedStack(parent, 'Nested');
      const custom = new CustomResource(nested, 'Lookup', { serviceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:lookup' });
      const third = new CfnResource(parent, 'Third', { type: 'Acme::Storage::Bucket', properties: {} });
      const shadow = new CfnResource(parent, 'Shadow', { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: '*' } });
      shadow.overrideLogicalId('AWS');
      const target = lambdaRole(parent);
      for (const resource of [
        custom.getAttString('TargetArn'),
        `arn:aws:s3:::${third.getAtt('Name')}/*`,
        `arn:aws:s3:::${shadow.getAtt('Value')}/*`,
      ]) {
        target.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [resource] }));
      }
    });
    const lines = err!.violations.filter((v) => v.ruleId === IAM && v.path === 'S/Role/DefaultPolicy/Resource');
    expect(lines).toHaveLength(3);
  });
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
      expectViolation(err, NOT_PUBLIC, `${name}/Db`, 'PubliclyAccessible is absent');
    }
  });
});

describe('SFX-REGION: regions assembled at deploy time', () => {
  test("a region split across parts, one from a mapping or a parameter's AllowedValues", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new CfnMapping(stack, 'Parts', { mapping: { prefix: { value: 'us' } } });
      const prefix = new CfnParameter(stack, 'Prefix', { type: 'String', allowedValues: ['ap'] });
      rawResource(stack, 'FromMapping', 'AWS::SNS::Subscription', {
        Protocol: 'sqs',
        Endpoint: Fn.join('', ['arn:aws:sqs:', Fn.findInMap('Parts', 'prefix', 'value'), '-east-1:123456789012:q']),
      });
      rawResource(stack, 'FromParameter', 'AWS::SNS::Subscription', {
        Protocol: 'sqs',
        Endpoint: Fn.join('', ['arn:aws:sqs:', prefix.valueAsString, '-south-1:123456789012:q']),
      });
    });
    expectViolation(err, REGION, 'S/FromMapping', 'us-east-1');
    expectViolation(err, REGION, 'S/FromParameter', 'ap-south-1');
  });

  test('a deploy-time region in an ARN or in JSON, a region-named key in any case, a region in capitals', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const free = new CfnParameter(stack, 'Free').valueAsString;
      rawResource(stack, 'ArnRegion', 'AWS::SNS::Subscription', { Protocol: 'sqs', Endpoint: `arn:aws:sqs:${free}:123456789012:q` });
      rawResource(stack, 'JsonRegion', 'Custom::AWS', {
        ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:f',
        Create: Fn.join('', ['{"service":"S3","region":"', free, '"}']),
      });
      rawResource(stack, 'EnvRegion', 'AWS::Lambda::Function', {
        Role: 'arn:aws:iam::123456789012:role/r',
        Code: { ZipFile: 'x' },
        Environment: { Variables: { TARGET_REGION: free } },
      });
      rawResource(stack, 'Capitals', 'AWS::SNS::Subscription', { Protocol: 'https', Endpoint: 'https://sqs.US-EAST-1.amazonaws.com/123456789012/q' });
    });
    expectViolation(err, REGION, 'S/ArnRegion', 'decided at deploy time');
    expectViolation(err, REGION, 'S/JsonRegion', 'decided at deploy time');
    expectViolation(err, REGION, 'S/EnvRegion', 'TARGET_REGION is not a literal');
    expectViolation(err, REGION, 'S/Capitals', 'us-east-1');
  });
});

test("SFX-RDS-TLS: a PostgreSQL cluster restored from a snapshot runs the snapshot's version, so the default group proves nothing", () => {
  const err = synthGate((app) => {
    new rds.CfnDBCluster(euStack(app, 'S'), 'Restored', {
      engine: 'postgres',
      snapshotIdentifier: 'arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:pg13',
      storageEncrypted: true,
      kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      dbClusterInstanceClass: 'db.m6gd.large',
      allocatedStorage: 100,
      storageType: 'io1',
      iops: 1000,
    });
  });
  expectViolation(err, 'SFX-RDS-TLS', 'S/Restored', 'DBClusterParameterGroupName is absent');
});
