import { CfnCondition, CfnParameter, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import {
  compliantReplicationGroup,
  compliantReplicationGroupCfn,
  euStack,
  expectNoViolationOf,
  expectNoViolations,
  expectViolation,
  rawResource,
  synthGate,
} from './helpers';

const ID = 'SFX-REDIS-IN-TRANSIT';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const asBool = (token: string) => token as unknown as boolean;

describe('SFX-REDIS-IN-TRANSIT', () => {
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
    expectViolation(err, ID, 'S/Cache', 'TransitEncryptionEnabled is false');
  });

  test('transitEncryptionEnabled absent fails (CloudFormation default false)', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'), 'Cache', { transitEncryptionEnabled: undefined });
    });
    expectViolation(err, ID, 'S/Cache', 'TransitEncryptionEnabled is absent');
  });

  test('transitEncryptionMode "preferred" fails: plaintext clients still accepted', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'), 'Cache', { transitEncryptionMode: 'preferred' });
    });
    expectViolation(err, ID, 'S/Cache', 'TransitEncryptionMode is "preferred"');
  });

  test('a raw CfnResource replication group: "true" string passes, "false" and missing fail', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawResource(stack, 'Ok', RG, { ...compliantReplicationGroupCfn(), TransitEncryptionEnabled: 'true' });
      rawResource(stack, 'Off', RG, { ...compliantReplicationGroupCfn(), TransitEncryptionEnabled: 'false' });
      rawResource(stack, 'Missing', RG, { ...compliantReplicationGroupCfn(), TransitEncryptionEnabled: undefined });
      rawResource(stack, 'Preferred', RG, { ...compliantReplicationGroupCfn(), TransitEncryptionMode: 'PREFERRED' });
    });
    expectViolation(err, ID, 'S/Off');
    expectViolation(err, ID, 'S/Missing', 'absent');
    expectViolation(err, ID, 'S/Preferred', 'TransitEncryptionMode');
    expect(err!.violations.map((v) => v.path)).toEqual(['S/Off', 'S/Missing', 'S/Preferred']);
  });

  test('Valkey is judged like Redis; Memcached is not judged', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantReplicationGroup(stack, 'Valkey', { engine: 'valkey', transitEncryptionEnabled: false });
      new elasticache.CfnCacheCluster(stack, 'Memcached', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 2 });
    });
    expectViolation(err, ID, 'S/Valkey');
    expect(err!.violations.filter((v) => v.ruleId === ID).map((v) => v.path)).toEqual(['S/Valkey']);
  });

  test('a Redis CacheCluster without transit encryption fails this rule too', () => {
    const err = synthGate((app) => {
      new elasticache.CfnCacheCluster(euStack(app, 'S'), 'Cluster', { engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheNodes: 1 });
    });
    expectViolation(err, ID, 'S/Cluster', 'TransitEncryptionEnabled is absent');
  });

  describe('escape hatches', () => {
    test('addPropertyOverride(TransitEncryptionMode, preferred) weakens a compliant group', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addPropertyOverride('TransitEncryptionMode', 'preferred');
      });
      expectViolation(err, ID, 'S/Cache', 'preferred');
    });

    test('addPropertyDeletionOverride(TransitEncryptionEnabled) weakens it', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addPropertyDeletionOverride('TransitEncryptionEnabled');
      });
      expectViolation(err, ID, 'S/Cache', 'absent');
    });

    test('addOverride(Properties.TransitEncryptionEnabled, false) weakens it', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addOverride('Properties.TransitEncryptionEnabled', false);
      });
      expectViolation(err, ID, 'S/Cache', 'is false');
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
      expectViolation(err, ID, 'S/Cache', 'the value must be a literal');
    });

    test("parameter AllowedValues ['true'] passes, ['true', 'false'] fails", () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const only = new CfnParameter(stack, 'OnlyTrue', { type: 'String', allowedValues: ['true'] });
        const both = new CfnParameter(stack, 'Both', { type: 'String', allowedValues: ['true', 'false'] });
        compliantReplicationGroup(stack, 'Good', { transitEncryptionEnabled: asBool(only.valueAsString) });
        compliantReplicationGroup(stack, 'Bad', { transitEncryptionEnabled: asBool(both.valueAsString) });
      });
      expectViolation(err, ID, 'S/Bad', 'parameter Both');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/Bad']);
    });

    test('a TransitEncryptionMode parameter allowing "preferred" fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const mode = new CfnParameter(stack, 'Mode', { type: 'String', allowedValues: ['required', 'preferred'] });
        compliantReplicationGroup(stack, 'Cache', { transitEncryptionMode: mode.valueAsString });
      });
      expectViolation(err, ID, 'S/Cache', 'TransitEncryptionMode comes from parameter Mode');
    });

    test('Fn.conditionIf with a false branch fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const cond = new CfnCondition(stack, 'Cond', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });
        compliantReplicationGroup(stack, 'Cache', { transitEncryptionEnabled: asBool(Fn.conditionIf(cond.logicalId, true, false).toString()) });
      });
      expectViolation(err, ID, 'S/Cache', 'Fn::If');
    });

    test('Fn.importValue fails closed', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S'), 'Cache', { transitEncryptionMode: Fn.importValue('TlsMode') });
      });
      expectViolation(err, ID, 'S/Cache', 'must be a literal');
    });
  });

  test('nested stack and Stage: paths inside them', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(new NestedStack(euStack(app, 'S'), 'Nested'), 'Cache', { transitEncryptionEnabled: false });
      const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
      compliantReplicationGroup(new Stack(stage, 'Data'), 'Cache', { transitEncryptionMode: 'preferred' });
    });
    expectViolation(err, ID, 'S/Nested/Cache');
    expectViolation(err, ID, 'Prod/Data/Cache');
  });

  test('a compliant group is not reported even next to a violating one', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantReplicationGroup(stack, 'Good');
      compliantReplicationGroup(stack, 'Bad', { transitEncryptionEnabled: false });
    });
    expectViolation(err, ID, 'S/Bad');
    expect(err!.violations.some((v) => v.path === 'S/Good')).toBe(false);
    expectNoViolationOf(undefined, ID);
  });
});
