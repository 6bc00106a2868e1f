/**
 * SFX-REDIS-IN-TRANSIT through CDK: what proves delivery (L1 replication groups and MemoryDB clusters,
 * escape hatches, nested stacks, Stages, product stacks). The behavioural matrix (TLS flag and mode,
 * parameters, intrinsics, engines, cache clusters, inherited settings) is pure, in
 * test/rules/redis-in-transit.test.ts.
 */
import { NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as memorydb from 'aws-cdk-lib/aws-memorydb';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import { MultiAz, RedisInTransit } from '../../../rules';
import { compliantReplicationGroup, euStack, expectNoViolations, expectViolation, synthGate } from '../helpers';

describe(RedisInTransit.id, () => {
  test('TLS on, mode absent (required by default) passes; mode "required" passes', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        compliantReplicationGroup(stack, 'Implicit');
        compliantReplicationGroup(stack, 'Required', { transitEncryptionMode: 'required' });
      }),
    );
  });

  describe('escape hatches', () => {
    test('addPropertyOverride(TransitEncryptionMode, preferred) weakens a compliant group', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addPropertyOverride('TransitEncryptionMode', 'preferred');
      });
      expectViolation(err, RedisInTransit.id, 'S/Cache', 'preferred');
    });

    test('addPropertyDeletionOverride(TransitEncryptionEnabled) weakens it', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addPropertyDeletionOverride('TransitEncryptionEnabled');
      });
      expectViolation(err, RedisInTransit.id, 'S/Cache', 'absent');
    });

    test('addOverride(Properties.TransitEncryptionEnabled, false) weakens it', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addOverride('Properties.TransitEncryptionEnabled', false);
      });
      expectViolation(err, RedisInTransit.id, 'S/Cache', 'is false');
    });

    test('overrides that FIX a non-compliant group pass', () => {
      expectNoViolations(
        synthGate((app) => {
          const cache = compliantReplicationGroup(euStack(app, 'S'), 'Cache', {
            transitEncryptionEnabled: false,
            transitEncryptionMode: 'preferred',
          });
          cache.addPropertyOverride('TransitEncryptionEnabled', true);
          cache.addPropertyDeletionOverride('TransitEncryptionMode');
        }),
      );
    });
  });

  test('nested stack and Stage: paths inside them', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(new NestedStack(euStack(app, 'S'), 'Nested'), 'Cache', { transitEncryptionEnabled: false });
      const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
      compliantReplicationGroup(new Stack(stage, 'Data'), 'Cache', { transitEncryptionMode: 'preferred' });
    });
    expectViolation(err, RedisInTransit.id, 'S/Nested/Cache');
    expectViolation(err, RedisInTransit.id, 'Prod/Data/Cache');
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
    expectViolation(err, RedisInTransit.id, 'S/Weak', 'TLSEnabled is false');
    expectViolation(err, MultiAz.id, 'S/Weak', 'NumReplicasPerShard');
    expectNoViolations(
      synthGate((app) => {
        new memorydb.CfnCluster(euStack(app, 'S'), 'Defaults', { clusterName: 'ok', nodeType: 'db.t4g.small', aclName: 'app-acl' });
      }),
    );
  });
});

describe('Stages, nested stacks and product stacks', () => {
  test('a plaintext cache inside a Service Catalog ProductStack', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const product = new servicecatalog.ProductStack(stack, 'P');
      compliantReplicationGroup(product, 'Cache', { transitEncryptionEnabled: false });
      new servicecatalog.CloudFormationProduct(stack, 'Product', {
        productName: 'p',
        owner: 'o',
        productVersions: [{ productVersionName: 'v1', cloudFormationTemplate: servicecatalog.CloudFormationTemplate.fromProductStack(product) }],
      });
    });
    expectViolation(err, RedisInTransit.id, 'S/P/Cache');
  });
});
