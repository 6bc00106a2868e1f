import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/**
 * A security group that sends only what its egress rules allow. CDK writes a rule towards another
 * security group as a separate AWS::EC2::SecurityGroupEgress resource and drops its "disallow all"
 * placeholder from the group; with no inline egress left, EC2 gives the group its default
 * allow-all egress, which the separate rules do not remove. The placeholder (ICMP to
 * 255.255.255.255/32, matching nothing) is kept inline so that the default rule is never created.
 * Only for groups whose egress goes to other security groups: the override replaces any inline rule.
 */
export function closedEgressSecurityGroup(scope: Construct, id: string, props: Omit<ec2.SecurityGroupProps, 'allowAllOutbound'>): ec2.SecurityGroup {
  const group = new ec2.SecurityGroup(scope, id, { ...props, allowAllOutbound: false });
  (group.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupEgress', [
    {
      CidrIp: '255.255.255.255/32',
      Description: 'Disallow all traffic',
      IpProtocol: 'icmp',
      FromPort: 252,
      ToPort: 86,
    },
  ]);
  return group;
}
