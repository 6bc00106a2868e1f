/**
 * The cdk-nag findings the Service Catalog stack acknowledges, with reasons. The product stack
 * inside it holds the content API, whose acknowledgements are in ../nag-acknowledgements.ts.
 */
import { IConstruct } from 'constructs';
import { NagAcknowledgement, packs } from '../nag/acknowledgements';
import type { StreamFlixCatalogStack } from './catalog-stack';

/** The singleton Lambda that copies the product's assets into the asset bucket (aws-cdk-lib's BucketDeployment). */
function bucketDeployment(stack: StreamFlixCatalogStack): IConstruct {
  const found = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!found) throw new Error('the product asset deployment function was not found');
  return found;
}

const DEPLOYMENT_REASON =
  "aws-cdk-lib's BucketDeployment function, which copies the product's Lambda code into the asset bucket when the catalog is deployed; " +
  'it runs only at publish time, is not part of the provisioned product, and its runtime, role and log group are managed by aws-cdk-lib.';

export const CATALOG_NAG_ACKNOWLEDGEMENTS: readonly NagAcknowledgement<StreamFlixCatalogStack>[] = [
  {
    construct: 'ContentApiProduct/ContentApi/Data/Database/Instance, ContentApiProduct/ContentApi/Compute/LoadBalancer',
    ids: [
      'AwsSolutions-RDS10',
      ...packs('RDSInstanceDeletionProtectionEnabled', ['NIST.800.53.R5', 'HIPAA.Security']),
      ...packs('ELBDeletionProtectionEnabled', ['NIST.800.53.R5', 'HIPAA.Security']),
    ],
    reason:
      'In the product, deletion protection of the database and the ALB is on for prod (condition DeletionProtected, ' +
      'lib/catalog/termination.ts) and off elsewhere, so that terminating a provisioned product completes instead of ending in ' +
      'DELETE_FAILED with NAT gateways still billing. No data is lost either way: the database leaves a final snapshot (DeletionPolicy ' +
      'Snapshot), its key and the AWS Backup vault are retained.',
    find: (stack) => [stack.productStack.contentApi.database.node.defaultChild!, stack.productStack.contentApi.loadBalancer.node.defaultChild!],
  },
  {
    construct: 'LaunchRole/*Policy',
    ids: [],
    wildcardFindings: true,
    reason:
      'CloudFormation creates the product with the launch role, and the names it generates are not known before provisioning: every ' +
      'resource is an account- and eu-west-1-scoped ARN pattern (SC-<account>-pp-* for names CloudFormation derives from the stack), every ' +
      'action is listed exactly except the reviewed Describe* patterns, and "*" appears only for actions without resource-level ' +
      'permissions. SFX-IAM-LEAST-PRIVILEGE rejects anything else.',
    find: (stack) => stack.launchRole.policies,
  },
  {
    construct: 'ProductAssets',
    ids: ['AwsSolutions-S1', ...packs('S3BucketLoggingEnabled'), ...packs('S3BucketReplicationEnabled'), ...packs('S3DefaultEncryptionKMS')],
    reason:
      "Holds only copies of the product's Lambda code (aws-cdk-lib custom-resource handlers), written by the catalog deployment and read by " +
      'Lambda when a product is provisioned. SSE-S3 lets Lambda fetch the code with the launch role without a key grant; versioning keeps ' +
      'every copy; the code is rebuilt from the repository, so replication and access logs add nothing.',
    find: (stack) => [stack.assetBucket.node.defaultChild ?? stack.assetBucket],
  },
  {
    construct: 'Custom::CDKBucketDeployment*',
    ids: [
      'AwsSolutions-L1',
      ...packs('LambdaDLQ', ['NIST.800.53.R5', 'HIPAA.Security']),
      ...packs('LambdaConcurrency', ['NIST.800.53.R5', 'HIPAA.Security']),
      ...packs('LambdaInsideVPC'),
    ],
    reason: DEPLOYMENT_REASON,
    find: (stack) => [bucketDeployment(stack).node.findChild('Resource')],
  },
  {
    construct: 'Custom::CDKBucketDeployment*/ServiceRole',
    ids: ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]'],
    reason: DEPLOYMENT_REASON,
    find: (stack) => [bucketDeployment(stack).node.findChild('ServiceRole')],
  },
  {
    construct: 'Custom::CDKBucketDeployment*/ServiceRole/DefaultPolicy',
    ids: packs('IAMNoInlinePolicy'),
    wildcardFindings: true,
    reason: `${DEPLOYMENT_REASON} Its grants are CDK's bucket grants on the CDK assets bucket and the product asset bucket only.`,
    find: (stack) => [bucketDeployment(stack).node.findChild('ServiceRole').node.findChild('DefaultPolicy')],
  },
  {
    construct: 'Custom::CDKBucketDeployment*/LogGroup',
    ids: packs('CloudWatchLogGroupEncrypted'),
    reason: `${DEPLOYMENT_REASON} Its logs hold copy progress only, no product data.`,
    // Only with the feature flag that gives Lambda functions their own log group.
    find: (stack) => [bucketDeployment(stack).node.tryFindChild('LogGroup')].filter((c): c is IConstruct => c !== undefined),
  },
];
