/**
 * Stacks of one app that pass references to each other (CDK renders Fn::ImportValue of an export):
 * the gate follows an import to the exporting template it also rendered, so a split network / data /
 * compute app is judged as precisely as a single stack, and a weakness in the exporting stack is
 * still found. Imports of anything else stay unknown and fail closed.
 */
import { CfnOutput, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { compliantDbProps, euStack, expectNoViolations, expectViolation, synthGate } from './helpers';

const IAM = 'SFX-IAM-LEAST-PRIVILEGE';
const NOT_PUBLIC = 'SFX-DATA-NOT-PUBLIC';

/** A network stack with a two-AZ VPC (public and private-with-egress subnets), as apps usually split it out. */
function networkStack(app: Parameters<typeof euStack>[0]): { stack: Stack; vpc: ec2.Vpc } {
  const stack = euStack(app, 'Net');
  return { stack, vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }) };
}

function taskRole(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
}

describe('references between stacks of one app', () => {
  test('a network / data / compute split passes: DB in imported private subnets, grants on imported ARNs, SG from the imported VPC CIDR', () => {
    expectNoViolations(
      synthGate((app) => {
        const { vpc } = networkStack(app);
        const data = euStack(app, 'Data');
        const db = new rds.DatabaseInstance(data, 'Db', { ...compliantDbProps(vpc), vpcSubnets: undefined, publiclyAccessible: undefined });
        db.connections.allowDefaultPortFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock));
        const bucket = new s3.Bucket(data, 'Bucket');
        const table = new dynamodb.Table(data, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
        const role = taskRole(euStack(app, 'Compute'));
        bucket.grantReadWrite(role);
        table.grantReadData(role);
        db.secret!.grantRead(role);
      }),
    );
  });

  test('a database in the public subnets of an imported VPC fails', () => {
    const err = synthGate((app) => {
      const { vpc } = networkStack(app);
      new rds.DatabaseInstance(euStack(app, 'Data'), 'Db', {
        ...compliantDbProps(vpc),
        vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
        publiclyAccessible: false,
      });
    });
    expectViolation(err, NOT_PUBLIC, 'Data/Db/Resource', 'includes public subnet(s)');
  });

  test('a database whose security group, in another stack, admits 0.0.0.0/0 fails', () => {
    const err = synthGate((app) => {
      const { stack, vpc } = networkStack(app);
      const group = new ec2.SecurityGroup(stack, 'DbSg', { vpc });
      group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(5432));
      new rds.DatabaseInstance(euStack(app, 'Data'), 'Db', { ...compliantDbProps(vpc), vpcSubnets: undefined, securityGroups: [group] });
    });
    expectViolation(err, NOT_PUBLIC, 'Data/Db/Resource', 'allows ingress from 0.0.0.0/0');
  });

  test('an export whose value is "*" is "*" where it is imported', () => {
    const err = synthGate((app) => {
      new CfnOutput(euStack(app, 'A'), 'Everything', { value: '*', exportName: 'Everything' });
      const role = taskRole(euStack(app, 'B'));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [Fn.importValue('Everything')] }));
    });
    expectViolation(err, IAM, 'B/Role/DefaultPolicy/Resource', 'allows "s3:GetObject" on "*"');
  });

  test('an exported custom-resource attribute, or an export outside the app, stays unknown and fails closed', () => {
    const err = synthGate((app) => {
      const a = euStack(app, 'A');
      const custom = new CfnResource(a, 'Custom', {
        type: 'Custom::Anything',
        properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:x' },
      });
      new CfnOutput(a, 'CustomArn', { value: custom.getAtt('Arn').toString(), exportName: 'CustomArn' });
      const role = taskRole(euStack(app, 'B'));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [Fn.importValue('CustomArn')] }));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [Fn.importValue('NotInThisApp')] }));
    });
    expectViolation(err, IAM, 'B/Role/DefaultPolicy/Resource', 'Statement[0] Resource is not a literal');
    expectViolation(err, IAM, 'B/Role/DefaultPolicy/Resource', 'Statement[1] Resource is not a literal (it is an imported value');
  });
});
