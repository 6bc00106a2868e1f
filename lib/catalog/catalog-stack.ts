import * as path from 'path';
import { Annotations, Aws, RemovalPolicy, Stack, StackProps, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import { Construct } from 'constructs';
import { StreamFlixProductStack } from './product-stack';
import { ProductLaunchRole } from './launch-role';
import { SfxConfigRules } from './sfx-config-rules';
import { CATALOG_NAG_ACKNOWLEDGEMENTS } from './nag-acknowledgements';
import { applyAcknowledgements } from '../nag/acknowledgements';

/** Context key: ARN of the IAM role (application team) the portfolio is shared with. */
export const PRINCIPAL_CONTEXT_KEY = 'streamflix:catalogPrincipalArn';
/** Context key: name of the S3 bucket the product's file assets are copied to. */
export const ASSET_BUCKET_CONTEXT_KEY = 'streamflix:catalogAssetBucketName';

/** Role the portfolio is shared with when no principal is given: a dedicated role of the publishing account. */
export const DEFAULT_PRINCIPAL_ROLE_NAME = 'streamflix-application-team';

/** Version published now. Bump it (v2, …) for every change of the blueprint once it is locked. */
export const CURRENT_VERSION = 'v1';
/** Set to true once CURRENT_VERSION is published: synth then fails if its template would change. */
export const CURRENT_VERSION_LOCKED = false;
/** Versions published before CURRENT_VERSION; each needs its committed snapshot and stays provisionable. */
export const PREVIOUS_VERSIONS: readonly string[] = [];

/** Where ProductStackHistory keeps the template of every published version (committed to git). */
export const SNAPSHOT_DIRECTORY = path.join(__dirname, '..', '..', 'product-stack-snapshots');

const IAM_ROLE_ARN = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const BUCKET_NAME = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Properties of {@link StreamFlixCatalogStack}. */
export interface StreamFlixCatalogStackProps extends StackProps {
  /**
   * IAM role ARN of the application team allowed to see and launch the product.
   * @default - context `streamflix:catalogPrincipalArn`, else the role `streamflix-application-team` of this account
   */
  readonly principalArn?: string;
  /**
   * Globally unique name of the bucket that holds the product's file assets.
   * @default - context `streamflix:catalogAssetBucketName`, else `streamflix-catalog-assets-<account>-eu-west-1`
   *            when the stack's account is known, else `streamflix-catalog-assets-eu-west-1`
   */
  readonly assetBucketName?: string;
  /** Allowed values of the `cost-center` TagOption. @default ['streamflix-platform', 'streamflix-content'] */
  readonly costCenters?: string[];
  /** Allowed values of the `owner` TagOption. @default ['platform-team', 'content-team'] */
  readonly owners?: string[];
  /** @default CURRENT_VERSION */
  readonly currentVersionName?: string;
  /**
   * Refuse to synthesize when the template of `currentVersionName` differs from its committed snapshot.
   * @default false until v1 is published (see README)
   */
  readonly currentVersionLocked?: boolean;
  /** @default PREVIOUS_VERSIONS */
  readonly previousVersions?: readonly string[];
  /** @default SNAPSHOT_DIRECTORY */
  readonly snapshotDirectory?: string;
}

/**
 * Publishes the StreamFlix blueprint as an AWS Service Catalog product: a portfolio with TagOptions, the
 * product (versions from a ProductStack built from the same ContentApi construct as StreamFlixStack), a
 * launch-role constraint and access for one application-team role.
 */
export class StreamFlixCatalogStack extends Stack {
  public readonly portfolio: servicecatalog.Portfolio;
  public readonly product: servicecatalog.CloudFormationProduct;
  public readonly productStack: StreamFlixProductStack;
  public readonly history: servicecatalog.ProductStackHistory;
  public readonly tagOptions: servicecatalog.TagOptions;
  public readonly launchRole: ProductLaunchRole;
  public readonly assetBucket: s3.Bucket;
  public readonly principal: iam.IRole;

  constructor(scope: Construct, id: string, props: StreamFlixCatalogStackProps = {}) {
    super(scope, id, {
      description: 'StreamFlix: Service Catalog portfolio and product of the content-metadata API blueprint',
      ...props,
    });

    const assetBucketName = this.resolveAssetBucketName(props.assetBucketName);
    this.assetBucket = new s3.Bucket(this, 'ProductAssets', {
      bucketName: assetBucketName,
      encryption: s3.BucketEncryption.S3_MANAGED, // Lambda reads the code with the launch role; SSE-KMS would add key grants
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN, // provisioned products keep referring to the code of their version
    });

    // Given the bucket itself, the product stack also writes the bucket policy that lets Service Catalog's
    // launch role read the copied code.
    this.productStack = new StreamFlixProductStack(this, 'ContentApiProduct', { assetBucket: this.assetBucket });

    const currentVersionName = props.currentVersionName ?? CURRENT_VERSION;
    this.history = new servicecatalog.ProductStackHistory(this, 'ProductHistory', {
      productStack: this.productStack,
      currentVersionName,
      currentVersionLocked: props.currentVersionLocked ?? CURRENT_VERSION_LOCKED,
      directory: props.snapshotDirectory ?? SNAPSHOT_DIRECTORY,
      description: 'StreamFlix content API: network, PostgreSQL, Redis, Fargate service and HTTP API in eu-west-1',
    });

    this.product = new servicecatalog.CloudFormationProduct(this, 'ContentApi', {
      productName: 'StreamFlix Content API',
      owner: 'StreamFlix Platform Team',
      distributor: 'StreamFlix Platform Team',
      description: 'The compliant StreamFlix content-metadata API (eu-west-1, Multi-AZ, encrypted, TLS only).',
      supportDescription: 'Ask the platform team; the blueprint and its controls live in the streamflix-compliance-blueprint repository.',
      productVersions: [
        ...(props.previousVersions ?? PREVIOUS_VERSIONS).map((name) => this.history.versionFromSnapshot(name)),
        this.history.currentVersion(),
      ],
    });

    this.portfolio = new servicecatalog.Portfolio(this, 'Portfolio', {
      displayName: 'StreamFlix Blueprints',
      providerName: 'StreamFlix Platform Team',
      description: 'Compliant StreamFlix infrastructure that application teams provision themselves.',
    });
    this.portfolio.addProduct(this.product);

    this.tagOptions = new servicecatalog.TagOptions(this, 'TagOptions', {
      allowedValuesForTags: {
        // No `environment` TagOption: the product tags `Environment` from its EnvironmentName parameter, and IAM
        // refuses two tag keys differing only in case on one role ("Duplicate tag keys found").
        'cost-center': props.costCenters ?? ['streamflix-platform', 'streamflix-content'],
        owner: props.owners ?? ['platform-team', 'content-team'],
      },
    });
    this.portfolio.associateTagOptions(this.tagOptions);

    this.launchRole = new ProductLaunchRole(this, 'LaunchRole', { assetBucketName });
    this.portfolio.setLaunchRole(this.product, this.launchRole.role, {
      description: 'CloudFormation creates the product with the StreamFlix launch role; users need no service permissions',
    });
    // Service Catalog checks the role when the constraint is created and uses it at once: attach its policies first.
    for (const constraint of this.portfolio.node.findAll().filter((c) => c instanceof servicecatalog.CfnLaunchRoleConstraint)) {
      for (const policy of this.launchRole.policies) constraint.node.addDependency(policy);
    }

    this.principal = iam.Role.fromRoleArn(this, 'ApplicationTeam', this.resolvePrincipalArn(props.principalArn), { mutable: false });
    this.portfolio.giveAccessToRole(this.principal);
    new SfxConfigRules(this, 'RuntimeControls'); // the SFX controls' AWS Config counterparts for this account
    applyAcknowledgements(CATALOG_NAG_ACKNOWLEDGEMENTS, this);
  }

  private resolvePrincipalArn(explicit: string | undefined): string {
    const fromContext = this.node.tryGetContext(PRINCIPAL_CONTEXT_KEY) as unknown;
    const value = explicit ?? (typeof fromContext === 'string' && fromContext !== '' ? fromContext : undefined);
    if (value === undefined) return `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${DEFAULT_PRINCIPAL_ROLE_NAME}`;
    if (!IAM_ROLE_ARN.test(value)) {
      throw new Error(
        `${this.node.path}: context ${PRINCIPAL_CONTEXT_KEY} is '${value}', not the ARN of one IAM role; the portfolio is never shared with ` +
          `everyone. Fix: set it to arn:aws:iam::<account>:role/<name>.`,
      );
    }
    return value;
  }

  private resolveAssetBucketName(explicit: string | undefined): string {
    const fromContext = this.node.tryGetContext(ASSET_BUCKET_CONTEXT_KEY) as unknown;
    let name = explicit ?? (typeof fromContext === 'string' && fromContext !== '' ? fromContext : undefined);
    if (name === undefined) {
      if (!Token.isUnresolved(this.account)) {
        name = `streamflix-catalog-assets-${this.account}-${this.region}`;
      } else {
        name = 'streamflix-catalog-assets-eu-west-1';
        Annotations.of(this).addWarningV2(
          'streamflix:catalogAssetBucketName',
          `No account known: the product asset bucket is named '${name}', which may be taken in another account. ` +
            `Set the context key ${ASSET_BUCKET_CONTEXT_KEY} (or env.account) to a name unique to this account.`,
        );
      }
    }
    if (!BUCKET_NAME.test(name))
      throw new Error(
        `${this.node.path}: context ${ASSET_BUCKET_CONTEXT_KEY} is '${name}', not a valid S3 bucket name. Fix: use 3-63 lower-case letters, ` +
          `digits and hyphens.`,
      );
    return name;
  }
}
