/**
 * The run-time counterpart of SFX-REGION: a service control policy that denies every request to a
 * region other than eu-west-1 (`aws:RequestedRegion`), except the actions of global services, whose
 * endpoints sit in us-east-1 (or are not regional at all). The exemptions are AWS's own, from the
 * "Deny access to AWS based on the requested AWS Region" example in the AWS Organizations user guide
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html);
 * review them against that page when AWS adds global services.
 */

/** Repository path of the committed policy document (written by `npm run docs`). */
export const REGION_SCP_FILE = 'policies/scp-region-eu-west-1.json';

/** SCPs are limited to 5,120 characters (AWS Organizations quotas). */
export const SCP_MAX_CHARACTERS = 5120;

/** Global-service actions AWS's example exempts from the region deny. */
export const GLOBAL_SERVICE_EXEMPTIONS: readonly string[] = [
  'a4b:*',
  'acm:*',
  'aws-marketplace-management:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'budgets:*',
  'ce:*',
  'chime:*',
  'cloudfront:*',
  'config:*',
  'cur:*',
  'directconnect:*',
  'ec2:DescribeRegions',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways',
  'fms:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'importexport:*',
  'kms:*',
  'mobileanalytics:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  'route53-recovery-cluster:*',
  'route53-recovery-control-config:*',
  'route53-recovery-readiness:*',
  's3:GetAccountPublic*',
  's3:ListAllMyBuckets',
  's3:ListMultiRegionAccessPoints',
  's3:PutAccountPublic*',
  'shield:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'waf-regional:*',
  'waf:*',
  'wafv2:*',
  'wellarchitected:*',
];

/** The SCP document denying every region but `region` (the one SFX-REGION mandates). */
export function regionDenyPolicy(region: string): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyAllOutsideMandatedRegion',
        Effect: 'Deny',
        NotAction: [...GLOBAL_SERVICE_EXEMPTIONS],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [region] } },
      },
    ],
  };
}

/** The committed file's exact content. */
export function regionDenyPolicyText(region: string): string {
  return `${JSON.stringify(regionDenyPolicy(region), undefined, 2)}\n`;
}
