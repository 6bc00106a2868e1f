// Third review round: inherited cache encryption, AZ pinning of caches and Aurora, MemoryDB, regions
// hidden in mappings, parameters, Fn::Select and SSM, resources generated out of sight, instance
// restores from cluster snapshots, resource-narrowing conditions, construct paths; and ordinary
// CDK code the first rounds rejected wrongly.
import { CfnElement, CfnMapping, CfnParameter, CfnResource, Duration, Fn } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as memorydb from 'aws-cdk-lib/aws-memorydb';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import {
  compliantCfnDb,
  compliantReplicationGroup,
  compliantReplicationGroupProps,
  euStack,
  expectNoViolations,
  expectViolation,
  lambdaFunction,
  rawResource,
  synthGate,
} from './helpers';

const AT_REST = 'SFX-REDIS-AT-REST';
const IN_TRANSIT = 'SFX-REDIS-IN-TRANSIT';
const MULTI_AZ = 'SFX-MULTI-AZ';
const REGION = 'SFX-REGION';
const IAM = 'SFX-IAM-LEAST-PRIVILEGE';

describe('caches that inherit their encryption', () => {
  test('a group built around an existing cluster (PrimaryClusterId) fails both encryption controls', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'), 'Cache', { primaryClusterId: 'existing-cluster' });
    });
    expectViolation(err, AT_REST, 'S/Cache', 'PrimaryClusterId');
    expectViolation(err, IN_TRANSIT, 'S/Cache', 'PrimaryClusterId');
  });

  test('a secondary of a global datastore outside the template fails; one whose primary is in the template and encrypted passes', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'), 'Secondary', { globalReplicationGroupId: 'ldgnf-existing' });
    });
    expectViolation(err, AT_REST, 'S/Secondary', 'GlobalReplicationGroupId');
    expectViolation(err, IN_TRANSIT, 'S/Secondary', 'GlobalReplicationGroupId');

    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const primary = compliantReplicationGroup(stack, 'Primary');
        const global = new elasticache.CfnGlobalReplicationGroup(stack, 'Global', {
          members: [{ replicationGroupId: primary.ref, replicationGroupRegion: 'eu-west-1', role: 'PRIMARY' }],
        });
        compliantReplicationGroup(stack, 'Secondary', { globalReplicationGroupId: global.ref });
      }),
    );
  });

  test('a secondary of an in-template global datastore whose primary is unencrypted fails', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const primary = compliantReplicationGroup(stack, 'Primary', { atRestEncryptionEnabled: false });
      const global = new elasticache.CfnGlobalReplicationGroup(stack, 'Global', {
        members: [{ replicationGroupId: primary.ref, replicationGroupRegion: 'eu-west-1', role: 'PRIMARY' }],
      });
      compliantReplicationGroup(stack, 'Secondary', { globalReplicationGroupId: global.ref });
    });
    expectViolation(err, AT_REST, 'S/Primary');
    expectViolation(err, AT_REST, 'S/Secondary', 'GlobalReplicationGroupId');
  });
});

describe('SFX-MULTI-AZ: everything pinned to one AZ', () => {
  test("PreferredCacheClusterAZs naming one AZ twice, and a node group whose replicas sit in the primary's AZ", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantReplicationGroup(stack, 'Preferred', { preferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1a'] });
      compliantReplicationGroup(stack, 'Sharded', {
        numCacheClusters: undefined,
        nodeGroupConfiguration: [{ replicaCount: 1, primaryAvailabilityZone: 'eu-west-1a', replicaAvailabilityZones: ['eu-west-1a'] }],
      });
      compliantReplicationGroup(stack, 'Spread', { preferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1b'] });
    });
    expectViolation(err, MULTI_AZ, 'S/Preferred', 'PreferredCacheClusterAZs places every node in eu-west-1a');
    expectViolation(err, MULTI_AZ, 'S/Sharded', 'places the primary and every replica in eu-west-1a');
    expect(err!.violations.map((v) => v.path)).toEqual(['S/Preferred', 'S/Sharded']);
  });

  test('a global datastore that switches automatic failover off', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const primary = compliantReplicationGroup(stack, 'Primary');
      new elasticache.CfnGlobalReplicationGroup(stack, 'Global', {
        automaticFailoverEnabled: false,
        members: [{ replicationGroupId: primary.ref, replicationGroupRegion: 'eu-west-1', role: 'PRIMARY' }],
      });
    });
    expectViolation(err, MULTI_AZ, 'S/Global', 'AutomaticFailoverEnabled is false');
  });

  test('an Aurora cluster whose AvailabilityZones lists one AZ', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const cluster = new rds.CfnDBCluster(stack, 'Aurora', {
        engine: 'aurora-postgresql',
        storageEncrypted: true,
        availabilityZones: ['eu-west-1a'],
        masterUsername: 'app',
        manageMasterUserPassword: true,
      });
      for (const id of ['Writer', 'Reader']) {
        new rds.CfnDBInstance(stack, id, { engine: 'aurora-postgresql', dbClusterIdentifier: cluster.ref, dbInstanceClass: 'db.r7g.large' });
      }
    });
    expectViolation(err, MULTI_AZ, 'S/Aurora', 'AvailabilityZones lists only eu-west-1a');
  });
});

describe('MemoryDB (Redis/Valkey compatible)', () => {
  test('TLS switched off and no replicas fail; the defaults pass', () => {
    const err = synthGate((app) => {
      new memorydb.CfnCluster(euStack(app, 'S'), 'Weak', {
        clusterName: 'weak',
        nodeType: 'db.t4g.small',
        aclName: 'open-access',
        tlsEnabled: false,
        numReplicasPerShard: 0,
      });
    });
    expectViolation(err, IN_TRANSIT, 'S/Weak', 'TLSEnabled is false');
    expectViolation(err, MULTI_AZ, 'S/Weak', 'NumReplicasPerShard');
    expectNoViolations(
      synthGate((app) => {
        new memorydb.CfnCluster(euStack(app, 'S'), 'Defaults', { clusterName: 'ok', nodeType: 'db.t4g.small', aclName: 'app-acl' });
      }),
    );
  });
});

describe('SFX-REGION: regions behind intrinsics', () => {
  test("a mapping entry, a parameter's AllowedValues and a Fn::Select of a literal list naming another region", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new CfnMapping(stack, 'Regions', { mapping: { replica: { region: 'us-east-1' } } });
      const replica = new CfnParameter(stack, 'ReplicaRegion', { type: 'String', allowedValues: ['eu-west-1', 'us-west-2'] });
      rawResource(stack, 'FromMapping', 'AWS::SecretsManager::Secret', {
        ReplicaRegions: [{ Region: Fn.findInMap('Regions', 'replica', 'region') }],
      });
      rawResource(stack, 'FromParameter', 'AWS::SecretsManager::Secret', { ReplicaRegions: [{ Region: replica.valueAsString }] });
      rawResource(stack, 'FromSelect', 'AWS::SNS::Subscription', {
        Protocol: 'sqs',
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t',
        Endpoint: { 'Fn::Join': ['', ['arn:aws:sqs:', { 'Fn::Select': [0, ['ap-south']] }, '-1:123456789012:q']] },
      });
    });
    expectViolation(err, REGION, 'S/FromMapping', 'names the region us-east-1');
    expectViolation(err, REGION, 'S/FromParameter', 'names the region us-west-2');
    expectViolation(err, REGION, 'S/FromSelect', 'names the region ap-south-1');
  });

  test("a region-named property read from SSM or a free parameter fails closed; the stack's own region passes", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const free = new CfnParameter(stack, 'Free', { type: 'String' });
      rawResource(stack, 'FromSsm', 'AWS::DynamoDB::GlobalTable', {
        Replicas: [{ Region: ssm.StringParameter.valueForStringParameter(stack, '/sfx/replica-region', 1) }],
      });
      rawResource(stack, 'FromFree', 'AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: free.valueAsString }] });
      rawResource(stack, 'Own', 'AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: stack.region }, { Region: Fn.ref('AWS::Region') }] });
    });
    expectViolation(err, REGION, 'S/FromSsm', 'Properties.Replicas[0].Region is not a literal (it is a dynamic reference');
    expectViolation(err, REGION, 'S/FromFree', 'Properties.Replicas[0].Region is not a literal');
    expect(err!.violations.map((v) => v.path)).toEqual(['S/FromSsm', 'S/FromFree']);
  });

  test("CloudFront's us-east-1 certificate and web ACL pass; us-east-1 anywhere else in the distribution fails", () => {
    const certificate = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
    const webAcl = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/11111111-2222-3333-4444-555555555555';
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        new cloudfront.Distribution(stack, 'Cdn', {
          defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Site')) },
          certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', certificate),
          domainNames: ['cdn.example.com'],
          webAclId: webAcl,
        });
      }),
    );
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new cloudfront.Distribution(stack, 'Cdn', {
        defaultBehavior: { origin: new origins.HttpOrigin('abcdef1234.execute-api.us-east-1.amazonaws.com') },
      });
    });
    expectViolation(err, REGION, 'S/Cdn/Resource', 'names the region us-east-1');
  });
});

describe("resources generated out of the gate's sight", () => {
  test('Fn::ForEach in Resources and a CloudFormation module type', () => {
    /** What a language-extensions loop renders: the unencrypted caches exist only after expansion. */
    class CacheLoop extends CfnElement {
      _toCloudFormation(): object {
        return {
          Resources: {
            'Fn::ForEach::Caches': [
              'Name',
              ['A', 'B'],
              { 'Cache${Name}': { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupDescription: 'x' } } },
            ],
          },
        };
      }
    }
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      stack.addTransform('AWS::LanguageExtensions');
      new CfnResource(stack, 'Module', { type: 'Acme::Cache::Redis::MODULE', properties: {} });
      new CacheLoop(stack, 'Loop');
    });
    expectViolation(err, 'SFX-TEMPLATE-VISIBLE', 'S/Module', 'CloudFormation module');
    expectViolation(err, 'SFX-TEMPLATE-VISIBLE', 'S/Fn::ForEach::Caches', 'Fn::ForEach');
  });
});

describe('other inherited or narrowed settings', () => {
  test('a DB instance restored from a Multi-AZ DB cluster snapshot inherits its encryption', () => {
    const err = synthGate((app) => {
      compliantCfnDb(euStack(app, 'S'), 'Db', { dbClusterSnapshotIdentifier: 'arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:old' });
    });
    expectViolation(err, 'SFX-RDS-AT-REST', 'S/Db', 'DBClusterSnapshotIdentifier');
  });

  test('every object of every bucket is "*" unless a condition narrows the resources (aws:SecureTransport does not)', () => {
    const grant = (conditions: Record<string, Record<string, unknown>>) =>
      synthGate((app) => {
        new iam.Role(euStack(app, 'S'), 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }).addToPolicy(
          new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::*/*'], conditions }),
        );
      });
    expectViolation(grant({ Bool: { 'aws:SecureTransport': 'true' } }), IAM, 'S/Role/DefaultPolicy/Resource', 'on "arn:aws:s3:::*/*"');
    expectNoViolations(grant({ StringEquals: { 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' } }));
  });

  test('violations land on the right construct when an unattached policy renders nothing', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new iam.Policy(stack, 'Unattached', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
      compliantReplicationGroup(stack, 'Cache', { atRestEncryptionEnabled: false });
    });
    expect(err!.violations.map((v) => `${v.ruleId} ${v.path}`)).toEqual([`${AT_REST} S/Cache`]);
  });
});

describe('ordinary compliant CDK code passes', () => {
  test('hosted rotation (AWS::SecretsManager-2024-09-16), a Kinesis enhanced fan-out consumer, the secrets-caching layer', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        new secretsmanager.Secret(stack, 'Secret').addRotationSchedule('Rotation', {
          hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser(),
          automaticallyAfter: Duration.days(30),
        });
        const stream = new kinesis.Stream(stack, 'Stream');
        const consumer = new kinesis.StreamConsumer(stack, 'Consumer', { stream, streamConsumerName: 'metadata' });
        lambdaFunction(stack, 'Reader', {
          paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103),
          environment: { TOKENS_TABLE: 'tokens', AUTH_TOKEN_TYPE: 'Bearer', SECRET_ROTATION_DAYS: '30' },
        }).addEventSource(new sources.KinesisConsumerEventSource(consumer, { startingPosition: lambda.StartingPosition.LATEST }));
      }),
    );
  });

  test('a cache whose replicas are spread over named AZs', () => {
    expectNoViolations(
      synthGate((app) => {
        new elasticache.CfnReplicationGroup(euStack(app, 'S'), 'Cache', {
          ...compliantReplicationGroupProps(),
          numCacheClusters: undefined,
          nodeGroupConfiguration: [{ replicaCount: 1, primaryAvailabilityZone: 'eu-west-1a', replicaAvailabilityZones: ['eu-west-1b'] }],
        });
      }),
    );
  });

  test('actions without resource types on "*" (ECS agent endpoint discovery, bucket listing of a canary)', () => {
    expectNoViolations(
      synthGate((app) => {
        new iam.Role(euStack(app, 'S'), 'AgentRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') }).addToPolicy(
          new iam.PolicyStatement({ actions: ['ecs:DiscoverPollEndpoint', 's3:ListAllMyBuckets'], resources: ['*'] }),
        );
      }),
    );
  });
});
