/**
 * Tests of rules/redis-in-transit.ts, by behaviour (escape hatches, values decided at deploy time, inherited
 * settings, ordinary CDK that passes). Gate mechanics are in ../gate/, references between stacks
 * in ../cross-stack.test.ts.
 */
import { CfnCondition, CfnParameter, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as memorydb from 'aws-cdk-lib/aws-memorydb';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import { MultiAz, RedisInTransit } from '../../../rules';
import {
  compliantReplicationGroup,
  compliantReplicationGroupCfn,
  euStack,
  expectNoViolationOf,
  expectNoViolations,
  expectViolation,
  rawResource,
  synthGate,
} from '../helpers';

const RG = 'AWS::ElastiCache::ReplicationGroup';

const asBool = (token: string) => token as unknown as boolean;

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

  test('transitEncryptionEnabled: false fails', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'), 'Cache', { transitEncryptionEnabled: false });
    });
    expectViolation(err, RedisInTransit.id, 'S/Cache', 'TransitEncryptionEnabled is false');
  });

  test('transitEncryptionEnabled absent fails (CloudFormation default false)', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'), 'Cache', { transitEncryptionEnabled: undefined });
    });
    expectViolation(err, RedisInTransit.id, 'S/Cache', 'TransitEncryptionEnabled is absent');
  });

  test('transitEncryptionMode "preferred" fails: plaintext clients still accepted', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'), 'Cache', { transitEncryptionMode: 'preferred' });
    });
    expectViolation(err, RedisInTransit.id, 'S/Cache', 'TransitEncryptionMode is "preferred"');
  });

  test('a raw CfnResource replication group: "true" string passes, "false" and missing fail', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawResource(stack, 'Ok', RG, { ...compliantReplicationGroupCfn(), TransitEncryptionEnabled: 'true' });
      rawResource(stack, 'Off', RG, { ...compliantReplicationGroupCfn(), TransitEncryptionEnabled: 'false' });
      rawResource(stack, 'Missing', RG, { ...compliantReplicationGroupCfn(), TransitEncryptionEnabled: undefined });
      rawResource(stack, 'Preferred', RG, { ...compliantReplicationGroupCfn(), TransitEncryptionMode: 'PREFERRED' });
    });
    expectViolation(err, RedisInTransit.id, 'S/Off');
    expectViolation(err, RedisInTransit.id, 'S/Missing', 'absent');
    expectViolation(err, RedisInTransit.id, 'S/Preferred', 'TransitEncryptionMode');
    expect(err!.violations.map((v) => v.path)).toEqual(['S/Off', 'S/Missing', 'S/Preferred']);
  });

  test('Valkey is judged like Redis; Memcached is not judged', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantReplicationGroup(stack, 'Valkey', { engine: 'valkey', transitEncryptionEnabled: false });
      new elasticache.CfnCacheCluster(stack, 'Memcached', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 2 });
    });
    expectViolation(err, RedisInTransit.id, 'S/Valkey');
    expect(err!.violations.filter((v) => v.ruleId === RedisInTransit.id).map((v) => v.path)).toEqual(['S/Valkey']);
  });

  test('a Redis CacheCluster without transit encryption fails this rule too', () => {
    const err = synthGate((app) => {
      new elasticache.CfnCacheCluster(euStack(app, 'S'), 'Cluster', { engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheNodes: 1 });
    });
    expectViolation(err, RedisInTransit.id, 'S/Cluster', 'TransitEncryptionEnabled is absent');
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

  describe('fail closed', () => {
    test('a CfnParameter without AllowedValues fails with "must be a literal"', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const tls = new CfnParameter(stack, 'Tls', { type: 'String' });
        compliantReplicationGroup(stack, 'Cache', { transitEncryptionEnabled: asBool(tls.valueAsString) });
      });
      expectViolation(err, RedisInTransit.id, 'S/Cache', 'the value must be a literal');
    });

    test("parameter AllowedValues ['true'] passes, ['true', 'false'] fails", () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const only = new CfnParameter(stack, 'OnlyTrue', { type: 'String', allowedValues: ['true'] });
        const both = new CfnParameter(stack, 'Both', { type: 'String', allowedValues: ['true', 'false'] });
        compliantReplicationGroup(stack, 'Good', { transitEncryptionEnabled: asBool(only.valueAsString) });
        compliantReplicationGroup(stack, 'Bad', { transitEncryptionEnabled: asBool(both.valueAsString) });
      });
      expectViolation(err, RedisInTransit.id, 'S/Bad', 'parameter Both');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/Bad']);
    });

    test('a TransitEncryptionMode parameter allowing "preferred" fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const mode = new CfnParameter(stack, 'Mode', { type: 'String', allowedValues: ['required', 'preferred'] });
        compliantReplicationGroup(stack, 'Cache', { transitEncryptionMode: mode.valueAsString });
      });
      expectViolation(err, RedisInTransit.id, 'S/Cache', 'TransitEncryptionMode comes from parameter Mode');
    });

    test('Fn.conditionIf with a false branch fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const cond = new CfnCondition(stack, 'Cond', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });
        compliantReplicationGroup(stack, 'Cache', { transitEncryptionEnabled: asBool(Fn.conditionIf(cond.logicalId, true, false).toString()) });
      });
      expectViolation(err, RedisInTransit.id, 'S/Cache', 'Fn::If');
    });

    test('Fn.importValue fails closed', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S'), 'Cache', { transitEncryptionMode: Fn.importValue('TlsMode') });
      });
      expectViolation(err, RedisInTransit.id, 'S/Cache', 'must be a literal');
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

  test('a compliant group is not reported even next to a violating one', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantReplicationGroup(stack, 'Good');
      compliantReplicationGroup(stack, 'Bad', { transitEncryptionEnabled: false });
    });
    expectViolation(err, RedisInTransit.id, 'S/Bad');
    expect(err!.violations.some((v) => v.path === 'S/Good')).toBe(false);
    expectNoViolationOf(undefined, RedisInTransit.id);
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

describe('escape hatches and raw resources', () => {
  test('addPropertyDeletionOverride of an encryption flag falls back to the CloudFormation default', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S')).addPropertyDeletionOverride('TransitEncryptionEnabled');
    });
    expectViolation(err, RedisInTransit.id, 'S/Cache', 'absent');
  });
});

describe('values that cannot be proven at synth time fail closed', () => {
  test('Fn::If with one false branch', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S')).addPropertyOverride('TransitEncryptionEnabled', { 'Fn::If': ['Prod', true, false] });
    });
    expectViolation(err, RedisInTransit.id, 'S/Cache', 'Fn::If');
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
