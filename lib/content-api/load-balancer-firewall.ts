import { ArnFormat, Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { LOG_RETENTION } from './encrypted-logs';

/** Properties of {@link StreamFlixLoadBalancerFirewall}. */
export interface StreamFlixLoadBalancerFirewallProps {
  /** The load balancer to protect. */
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  /** Key that encrypts the web ACL's log group. */
  readonly logsKey: kms.IKey;
}

/** AWS managed rule groups evaluated in order; each blocks what it matches. */
const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet', // OWASP-style generic attacks
  'AWSManagedRulesKnownBadInputsRuleSet', // exploit payloads (Log4Shell, …)
  'AWSManagedRulesSQLiRuleSet', // the service queries PostgreSQL
];

/**
 * A regional AWS WAF web ACL on the internal ALB. HTTP APIs cannot carry a web ACL, so the ALB is
 * where requests arriving through the VPC link are inspected. No IP rate rule: behind the VPC link
 * every request comes from the link's ENIs; API Gateway throttling limits request rates instead.
 */
export class StreamFlixLoadBalancerFirewall extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: StreamFlixLoadBalancerFirewallProps) {
    super(scope, id);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: 'StreamFlixAlbWebAcl' },
      rules: MANAGED_RULE_GROUPS.map((name, priority) => ({
        name,
        priority,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name },
      })),
    });
    // WAF only delivers to log groups named aws-waf-logs-*; the stack name keeps copies apart.
    const logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `aws-waf-logs-${Aws.STACK_NAME}`,
      encryptionKey: props.logsKey,
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group ARN without the ':*' suffix that logGroupArn carries.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.loadBalancer.loadBalancerArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
