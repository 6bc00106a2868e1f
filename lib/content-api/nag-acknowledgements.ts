/**
 * Every cdk-nag finding the content API acknowledges instead of fixing: each is a deliberate design
 * choice, attached to the narrowest construct, for the narrowest finding, with its reason. This list
 * is the single place a security engineer reviews; SECURITY.md is generated from it (npm run docs).
 */
import { IConstruct } from 'constructs';
import { NagAcknowledgement, applyAcknowledgements, packs } from '../nag/acknowledgements';
import type { ContentApi } from './content-api';

const defaultChild = (c: IConstruct) => c.node.defaultChild ?? c;

export const NAG_ACKNOWLEDGEMENTS: readonly NagAcknowledgement<ContentApi>[] = [
  {
    construct: 'Network/Vpc/PublicSubnet*/DefaultRoute',
    ids: packs('VPCNoUnrestrictedRouteToIGW'),
    reason:
      'Public subnets exist only for the NAT gateways, which need a default route to the internet gateway. Nothing else runs in them: they ' +
      'assign no public IPs and every workload sits in private or isolated subnets.',
    find: (api) => api.vpc.publicSubnets.map((subnet) => subnet.node.findChild('DefaultRoute')),
  },
  {
    construct: 'Network/Vpc/FlowLog/IAMRole/DefaultPolicy',
    ids: packs('IAMNoInlinePolicy'),
    reason:
      'CDK-generated inline policy of the flow-log role, scoped to its own log group and PassRole on itself. It exists only for this role, ' +
      'so a managed policy would add a reusable grant without narrowing anything.',
    find: (api) => [api.vpc.node.findChild('FlowLog').node.findChild('IAMRole').node.findChild('DefaultPolicy')],
  },
  {
    construct: 'Compute/ExecutionRole/DefaultPolicy',
    ids: packs('IAMNoInlinePolicy'),
    wildcardFindings: true,
    reason:
      "CDK grant* methods write the task execution role's inline policy, scoped to its log group and to pulling the image: from the Docker " +
      "asset's ECR repository (direct deploy), or from the ECR repositories of this account and region when the image is a registry " +
      "reference (the product's provisioning parameter, unknown at synth time); ecr:GetAuthorizationToken has no resource-level permission. " +
      'It reads no secret. SFX-IAM-LEAST-PRIVILEGE checks every statement. A managed policy would be reusable by other roles without ' +
      'narrowing anything.',
    find: (api) => [api.compute.executionRole.node.findChild('DefaultPolicy')],
  },
  {
    construct: 'Compute/TaskRole/DefaultPolicy',
    ids: packs('IAMNoInlinePolicy'),
    reason:
      "The task role's inline policy allows exactly what the service does at run time: secretsmanager:GetSecretValue on the database and " +
      'cache secrets, and kms:Decrypt on their two keys only through Secrets Manager. It belongs to this role alone; a managed policy would ' +
      'add a reusable grant without narrowing anything.',
    find: (api) => [api.compute.taskRole.node.findChild('DefaultPolicy')],
  },
  {
    construct: 'Data/Database/Instance',
    ids: ['AwsSolutions-RDS11'],
    reason:
      'PostgreSQL keeps its standard port 5432: a non-default port is obscurity, not access control. The database sits in isolated subnets, ' +
      'its security group admits only the task security group, and TLS is forced.',
    find: (api) => [defaultChild(api.database)],
  },
  {
    construct: 'Data/Database/Instance/MonitoringRole',
    ids: ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]'],
    reason:
      'The AWS-maintained service-role policy for RDS Enhanced Monitoring: it only lets RDS write OS metrics to the RDSOSMetrics log group, ' +
      'and AWS keeps it current.',
    find: (api) => [api.database.node.findChild('MonitoringRole')],
  },
  {
    construct: 'Data/Database/Backup/Plan/Database/Role',
    ids: ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]'],
    reason: 'The AWS-maintained service-role policy AWS Backup needs to snapshot the database; assumable only by backup.amazonaws.com.',
    find: (api) => [api.data.database.node.findChild('Backup').node.findChild('Plan').node.findChild('Database').node.findChild('Role')],
  },
  {
    construct: 'Data/Cache/ReplicationGroup',
    ids: ['AwsSolutions-AEC5'],
    reason:
      'Redis keeps its standard port 6379: a non-default port is obscurity. The cache is in isolated subnets, admits only the task security ' +
      'group, requires TLS and an AUTH token.',
    find: (api) => [api.cacheReplicationGroup],
  },
  {
    construct: 'Data/Cache/AuthToken',
    ids: ['AwsSolutions-SMG4', 'NIST.800.53.R5-SecretsManagerRotationEnabled', 'HIPAA.Security-SecretsManagerRotationEnabled'],
    reason:
      'ElastiCache has no managed rotation for AUTH tokens (it needs a custom function driving ModifyReplicationGroup with the ROTATE ' +
      'strategy). The 64-character token is generated in Secrets Manager, encrypted with a CMK and never leaves it except into the cache ' +
      'and the API tasks, which read it at run time with their task role.',
    find: (api) => [defaultChild(api.cacheAuthSecret)],
  },
  {
    construct: 'Compute/TaskDefinition',
    ids: ['AwsSolutions-ECS2'],
    reason:
      'Only non-secret configuration (endpoints, ports, names, the ARNs of the two secrets) is passed as environment variables; the service ' +
      'reads the credentials from Secrets Manager at run time (so a rotation reaches running tasks), and SFX-SECRETS-MANAGER rejects any ' +
      "credential-looking literal. test/blueprint/service-contract.test.ts checks the variables against the service's contract.",
    find: (api) => [defaultChild(api.compute.taskDefinition)],
  },
  {
    construct: 'Compute/LoadBalancer',
    ids: ['AwsSolutions-ELB2', ...packs('ELBLoggingEnabled')],
    reason:
      'The ALB is internal and reached only through the API Gateway VPC link; API Gateway access logs record every request at the single ' +
      "entry point and VPC flow logs record the ALB's traffic. ALB access logs need an SSE-S3 bucket (no CMK) and a region-literal bucket " +
      'policy that the Service Catalog product cannot carry.',
    find: (api) => [defaultChild(api.loadBalancer)],
  },
  {
    construct: 'Compute/LoadBalancer/Listener',
    ids: [...packs('ALBHttpToHttpsRedirection'), ...packs('ELBv2ACMCertificateRequired')],
    reason:
      'Internal listener behind the VPC link: the blueprint has no domain, so no ACM certificate can exist for it. Clients reach the API ' +
      'over TLS at API Gateway; the VPC link to the internal ALB stays inside the VPC.',
    find: (api) => [defaultChild(api.compute.listener)],
  },
  {
    construct: 'Api/HttpApi/GET--{proxy+}',
    ids: ['AwsSolutions-APIG4'],
    reason:
      'Only GET is open: read-only public catalogue metadata (titles, seasons, episodes, search) served to every client; it carries no user ' +
      "data. Abuse is limited by stage throttling and the WAF on the ALB. Every other method (the catalogue team's PUT writes) takes the " +
      'default route, which requires IAM (SigV4) authorization.',
    find: (api) => [defaultChild(api.httpApi.node.findChild('GET--{proxy+}'))],
  },
];

/** Attaches every acknowledgement to its construct in `api`. */
export function acknowledgeNagFindings(api: ContentApi): void {
  applyAcknowledgements(NAG_ACKNOWLEDGEMENTS, api);
}
