import { Aws, CfnMapping, CfnOutput, CfnParameter, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import { Construct } from 'constructs';
import { ContentApi } from '../content-api/content-api';
import { addRegionGuard } from './region-guard';
import { ALLOW_TERMINATION_PARAMETER, addTerminationGuard } from './termination';

/** Environments an application team may provision. */
export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;

/** A size preset: every value is one the blueprint is tested with; nothing here touches encryption or Multi-AZ. */
export interface SizePreset {
  readonly dbInstanceType: string;
  readonly cacheNodeType: string;
  /** Fargate task CPU units. */
  readonly cpu: number;
  /** Fargate task memory, MiB (a valid combination with `cpu`). */
  readonly memory: number;
}

/** The sizes behind the `SizePreset` provisioning parameter (rendered as a CfnMapping). */
export const SIZE_PRESETS: Readonly<Record<'small' | 'medium' | 'large', SizePreset>> = {
  small: { dbInstanceType: 'db.t4g.medium', cacheNodeType: 'cache.t4g.small', cpu: 512, memory: 1024 },
  medium: { dbInstanceType: 'db.m7g.large', cacheNodeType: 'cache.m7g.large', cpu: 1024, memory: 2048 },
  large: { dbInstanceType: 'db.r7g.xlarge', cacheNodeType: 'cache.r7g.large', cpu: 2048, memory: 4096 },
};

/** Upper bound of the `DesiredCount` parameter; also the autoscaling maximum, so any desired count fits. */
export const MAX_TASKS = 10;

/**
 * A container image reference: `[registry[:port]/]name[/name...][:tag][@sha256:digest]`, lower-case
 * repository path as Docker and ECR require.
 */
export const CONTAINER_IMAGE_PATTERN =
  '^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]{1,5})?' + // registry host and optional port
  '(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*' + // repository path
  '(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$'; // optional tag and digest

/** Logical ids of the provisioning parameters. */
export const PRODUCT_PARAMETERS = {
  environmentName: 'EnvironmentName',
  sizePreset: 'SizePreset',
  containerImage: 'ContainerImage',
  desiredCount: 'DesiredCount',
} as const;

/** Properties of {@link StreamFlixProductStack}. */
export interface StreamFlixProductStackProps {
  /** Bucket the product's file assets (Lambda code of the blueprint's custom resources) are copied to. */
  readonly assetBucket: s3.IBucket;
  /** @default - a description naming the blueprint */
  readonly description?: string;
}

/**
 * The Service Catalog product: the same {@link ContentApi} construct as the direct-deploy stack, with
 * provisioning parameters limited to safe choices. Encryption, Multi-AZ, TLS and the region are not
 * parameters: they are literals of the blueprint, judged by the SFX gate at synth time, and the
 * template's `Rules` section refuses any region but eu-west-1 at deploy time.
 */
export class StreamFlixProductStack extends servicecatalog.ProductStack {
  public readonly contentApi: ContentApi;
  public readonly environmentName: CfnParameter;
  public readonly sizePreset: CfnParameter;
  public readonly containerImage: CfnParameter;
  public readonly desiredCount: CfnParameter;

  constructor(scope: Construct, id: string, props: StreamFlixProductStackProps) {
    super(scope, id, {
      assetBucket: props.assetBucket,
      description: props.description ?? 'StreamFlix content-metadata API (compliant blueprint, eu-west-1, Multi-AZ)',
    });

    this.environmentName = new CfnParameter(this, PRODUCT_PARAMETERS.environmentName, {
      type: 'String',
      description: 'Environment the API serves; tags every resource and names the HTTP API.',
      allowedValues: [...ENVIRONMENT_NAMES],
      default: 'dev',
    });
    this.sizePreset = new CfnParameter(this, PRODUCT_PARAMETERS.sizePreset, {
      type: 'String',
      description:
        'Capacity of the database, cache and tasks: ' +
        Object.entries(SIZE_PRESETS)
          .map(([name, p]) => `${name} = ${p.dbInstanceType}, ${p.cacheNodeType}, ${p.cpu} CPU / ${p.memory} MiB`)
          .join('; '),
      allowedValues: Object.keys(SIZE_PRESETS),
      default: 'small',
    });
    this.containerImage = new CfnParameter(this, PRODUCT_PARAMETERS.containerImage, {
      type: 'String',
      description:
        'Image of the content-metadata API (service/ of the blueprint) as the platform team published it to ECR: ' +
        'a repository URI with a tag or digest, such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/streamflix/content-api:1.0.0.',
      allowedPattern: CONTAINER_IMAGE_PATTERN,
      constraintDescription: 'must be an image reference such as registry.example.com/team/api:1.2.3 or name@sha256:<digest>',
      minLength: 1,
      maxLength: 255,
      // No default: only the published service image works (contract, health check, non-root user).
    });
    this.desiredCount = new CfnParameter(this, PRODUCT_PARAMETERS.desiredCount, {
      type: 'Number',
      description: `Tasks to run normally (at least 2, one per AZ; autoscaling keeps between 2 and ${MAX_TASKS}).`,
      minValue: 2,
      maxValue: MAX_TASKS,
      default: 2,
    });

    const sizes = new CfnMapping(this, 'SizePresets', {
      mapping: Object.fromEntries(Object.entries(SIZE_PRESETS).map(([name, preset]) => [name, { ...preset }])),
    });
    const size = (key: keyof SizePreset) => sizes.findInMap(this.sizePreset.valueAsString, key);

    this.contentApi = new ContentApi(this, 'ContentApi', {
      environmentName: this.environmentName.valueAsString,
      containerImage: this.containerImage.valueAsString,
      desiredCount: this.desiredCount.valueAsNumber,
      maxCount: MAX_TASKS,
      dbInstanceType: size('dbInstanceType'),
      cacheNodeType: size('cacheNodeType'),
      cpu: Token.asNumber(size('cpu')),
      memory: Token.asNumber(size('memory')),
      deletionProtection: addTerminationGuard(this, this.environmentName),
    });

    addRegionGuard(this);

    this.templateOptions.metadata = {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: [
          {
            Label: { default: 'Environment' },
            Parameters: [PRODUCT_PARAMETERS.environmentName, PRODUCT_PARAMETERS.sizePreset, ALLOW_TERMINATION_PARAMETER],
          },
          { Label: { default: 'Application' }, Parameters: [PRODUCT_PARAMETERS.containerImage, PRODUCT_PARAMETERS.desiredCount] },
        ],
      },
    };

    const { contentApi } = this;
    const outputs: Record<string, [string, string]> = {
      ApiUrl: [contentApi.apiUrl, 'Invoke URL of the content metadata API'],
      DatabaseSecretArn: [contentApi.dbSecret.secretArn, 'Secrets Manager secret with the PostgreSQL credentials'],
      CacheAuthSecretArn: [contentApi.cacheAuthSecret.secretArn, 'Secrets Manager secret with the Redis AUTH token'],
      ClusterName: [contentApi.cluster.clusterName, 'ECS cluster'],
      ServiceName: [contentApi.service.serviceName, 'ECS service'],
      VpcId: [contentApi.vpc.vpcId, 'VPC'],
      Region: [Aws.REGION, 'Region the product was provisioned in (always eu-west-1)'],
    };
    for (const [outputId, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, outputId, { value, description });
    }
  }
}
