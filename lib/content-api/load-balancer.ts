import { Duration, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ALB_IDLE_TIMEOUT_SECONDS } from '../../service/src/contract';
import { closedEgressSecurityGroup } from './closed-egress';
import { StreamFlixLoadBalancerFirewall } from './load-balancer-firewall';

/** The port the internal ALB listens on (plain HTTP: it is reachable only through the VPC link). */
export const LISTENER_PORT = 80;

/** Properties of {@link StreamFlixLoadBalancer}. */
export interface StreamFlixLoadBalancerProps {
  /** The VPC whose private subnets hold the load balancer. */
  readonly vpc: ec2.IVpc;
  /** Key that encrypts the web ACL's log group. */
  readonly logsKey: kms.IKey;
  /**
   * ALB deletion protection. May be a token (the product turns it on for `prod` only, see lib/catalog/termination.ts).
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * The internal Application Load Balancer in front of the API service: private subnets, its own
 * closed-egress security group, an AWS WAF web ACL and one HTTP listener (targets are added by the
 * compute tier). The security group (`<id>SecurityGroup`) and the web ACL (`Firewall`) are placed
 * beside the load balancer, in the same scope, so their construct paths and logical IDs are those
 * the blueprint has always had.
 */
export class StreamFlixLoadBalancer extends elbv2.ApplicationLoadBalancer {
  /** Admits only what is explicitly granted (the VPC link's security group); sends only to the targets. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The listener the API Gateway integration points at. */
  public readonly listener: elbv2.ApplicationListener;
  public readonly firewall: StreamFlixLoadBalancerFirewall;

  constructor(scope: Construct, id: string, props: StreamFlixLoadBalancerProps) {
    const { vpc } = props;
    const securityGroup = closedEgressSecurityGroup(scope, `${id}SecurityGroup`, {
      vpc,
      description: 'StreamFlix internal ALB: reached only through the API Gateway VPC link',
    });
    super(scope, id, {
      vpc,
      internetFacing: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroup,
      dropInvalidHeaderFields: true,
      // The service's keep-alive timeout is longer (contract): the ALB, not the task, closes idle connections.
      idleTimeout: Duration.seconds(ALB_IDLE_TIMEOUT_SECONDS),
    });
    this.securityGroup = securityGroup;
    // The only path from API Gateway to the service. Set as an attribute: the L2's boolean prop turns any token into 'true'.
    const deletionProtection = props.deletionProtection ?? true;
    this.setAttribute(
      'deletion_protection.enabled',
      Token.isUnresolved(deletionProtection) ? Token.asString(deletionProtection) : String(deletionProtection),
    );
    this.firewall = new StreamFlixLoadBalancerFirewall(scope, 'Firewall', { loadBalancer: this, logsKey: props.logsKey });
    // HTTP inside the VPC: no domain or certificate exists for an internal name; TLS ends at API Gateway.
    this.listener = this.addListener('Listener', {
      port: LISTENER_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false, // ingress is granted to the VPC link security group only
    });
  }
}
