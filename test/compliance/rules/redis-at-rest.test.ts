/**
 * Tests of rules/redis-at-rest.ts, by behaviour (escape hatches, values decided at deploy time, inherited
 * settings, ordinary CDK that passes). Gate mechanics are in ../gate/, references between stacks
 * in ../cross-stack.test.ts.
 */
import { Aspects, CfnCondition, CfnMapping, CfnParameter, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import * as include from 'aws-cdk-lib/cloudformation-include';
import { IConstruct } from 'constructs';
import * as path from 'path';
import { applyCompliance } from '../../../aspects';
import { RedisAtRest, RedisInTransit } from '../../../rules';
import {
  compliantReplicationGroup,
  compliantReplicationGroupCfn,
  euStack,
  expectNoViolationOf,
  expectNoViolations,
  expectViolation,
  linesFor,
  newApp,
  rawReplicationGroup,
  rawResource,
  synthApp,
  synthGate,
  violationLines,
} from '../helpers';

const RG = 'AWS::ElastiCache::ReplicationGroup';
/** A token standing for a boolean property (parameters, intrinsics). */

const asBool = (token: string) => token as unknown as boolean;

describe(RedisAtRest.id, () => {
  test('a compliant L1 replication group passes', () => {
    expectNoViolations(
      synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S'));
      }),
    );
  });

  test('L1 with atRestEncryptionEnabled: false fails', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'), 'Cache', { atRestEncryptionEnabled: false });
    });
    expectViolation(err, RedisAtRest.id, 'S/Cache', 'AtRestEncryptionEnabled is false');
  });

  test('L1 without atRestEncryptionEnabled fails (CloudFormation default false)', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'), 'Cache', { atRestEncryptionEnabled: undefined });
    });
    expectViolation(err, RedisAtRest.id, 'S/Cache', 'AtRestEncryptionEnabled is absent');
  });

  test('a Valkey replication group without encryption fails; an Engine-less one (Redis default) too', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantReplicationGroup(stack, 'Valkey', { engine: 'valkey', atRestEncryptionEnabled: false });
      compliantReplicationGroup(stack, 'NoEngine', { engine: undefined, atRestEncryptionEnabled: false });
    });
    expectViolation(err, RedisAtRest.id, 'S/Valkey');
    expectViolation(err, RedisAtRest.id, 'S/NoEngine');
  });

  test('a raw CfnResource of the replication-group type is judged', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawResource(stack, 'Raw', RG, { ...compliantReplicationGroupCfn(), AtRestEncryptionEnabled: undefined });
      rawResource(stack, 'RawOk', RG, compliantReplicationGroupCfn());
    });
    expectViolation(err, RedisAtRest.id, 'S/Raw', 'absent');
    expect(err!.violations.map((v) => v.path)).toEqual(['S/Raw']);
  });

  test('string booleans: "true" passes, "false" and "False" fail', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawResource(stack, 'Yes', RG, { ...compliantReplicationGroupCfn(), AtRestEncryptionEnabled: 'true' });
      rawResource(stack, 'No', RG, { ...compliantReplicationGroupCfn(), AtRestEncryptionEnabled: 'false' });
      rawResource(stack, 'NoCaps', RG, { ...compliantReplicationGroupCfn(), AtRestEncryptionEnabled: 'False' });
    });
    expectViolation(err, RedisAtRest.id, 'S/No', 'AtRestEncryptionEnabled is "false"');
    expectViolation(err, RedisAtRest.id, 'S/NoCaps');
    expect(err!.violations.map((v) => v.path)).toEqual(['S/No', 'S/NoCaps']);
  });

  test('a string "true" alone passes', () => {
    expectNoViolations(
      synthGate((app) => {
        rawResource(euStack(app, 'S'), 'Yes', RG, { ...compliantReplicationGroupCfn(), AtRestEncryptionEnabled: 'true' });
      }),
    );
  });

  describe('escape hatches', () => {
    test('addPropertyOverride(AtRestEncryptionEnabled, false) weakens a compliant group', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addPropertyOverride('AtRestEncryptionEnabled', false);
      });
      expectViolation(err, RedisAtRest.id, 'S/Cache', 'is false');
    });

    test('addPropertyDeletionOverride(AtRestEncryptionEnabled) weakens it', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addPropertyDeletionOverride('AtRestEncryptionEnabled');
      });
      expectViolation(err, RedisAtRest.id, 'S/Cache', 'absent');
    });

    test('addOverride(Properties.AtRestEncryptionEnabled, "false") weakens it', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addOverride('Properties.AtRestEncryptionEnabled', 'false');
      });
      expectViolation(err, RedisAtRest.id, 'S/Cache');
    });

    test('replacing the whole Properties block by an override is judged', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S')).addOverride('Properties', { ...compliantReplicationGroupCfn(), AtRestEncryptionEnabled: false });
      });
      expectViolation(err, RedisAtRest.id, 'S/Cache');
    });

    test('an override that FIXES a non-compliant group passes', () => {
      expectNoViolations(
        synthGate((app) => {
          compliantReplicationGroup(euStack(app, 'S'), 'Cache', { atRestEncryptionEnabled: false }).addPropertyOverride(
            'AtRestEncryptionEnabled',
            true,
          );
        }),
      );
    });

    test('changing the L2-rendered Type through an override does not hide the resource', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const other = rawResource(stack, 'Disguised', 'AWS::CloudFormation::WaitConditionHandle', {});
        other.addOverride('Type', RG);
        other.addOverride('Properties', { ...compliantReplicationGroupCfn(), AtRestEncryptionEnabled: false });
      });
      expectViolation(err, RedisAtRest.id, 'S/Disguised');
    });
  });

  describe('values that cannot be proven fail closed', () => {
    test('a CfnParameter without AllowedValues fails and says the value must be a literal', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const p = new CfnParameter(stack, 'Encrypt', { type: 'String', default: 'true' });
        compliantReplicationGroup(stack, 'Cache', { atRestEncryptionEnabled: asBool(p.valueAsString) });
      });
      expectViolation(err, RedisAtRest.id, 'S/Cache', 'must be a literal');
    });

    test("a parameter with AllowedValues ['true'] passes", () => {
      expectNoViolations(
        synthGate((app) => {
          const stack = euStack(app, 'S');
          const p = new CfnParameter(stack, 'Encrypt', { type: 'String', allowedValues: ['true'], default: 'true' });
          compliantReplicationGroup(stack, 'Cache', { atRestEncryptionEnabled: asBool(p.valueAsString) });
        }),
      );
    });

    test("a parameter with AllowedValues ['true', 'false'] fails", () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const p = new CfnParameter(stack, 'Encrypt', { type: 'String', allowedValues: ['true', 'false'], default: 'true' });
        compliantReplicationGroup(stack, 'Cache', { atRestEncryptionEnabled: asBool(p.valueAsString) });
      });
      expectViolation(err, RedisAtRest.id, 'S/Cache', 'parameter Encrypt');
    });

    test('Fn.conditionIf with a false branch fails; with two true branches passes', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const p = new CfnParameter(stack, 'Env', { type: 'String', allowedValues: ['prod', 'dev'] });
        const prod = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(p.valueAsString, 'prod') });
        compliantReplicationGroup(stack, 'Bad', { atRestEncryptionEnabled: asBool(Fn.conditionIf(prod.logicalId, true, false).toString()) });
        compliantReplicationGroup(stack, 'Good', { atRestEncryptionEnabled: asBool(Fn.conditionIf(prod.logicalId, true, 'true').toString()) });
      });
      expectViolation(err, RedisAtRest.id, 'S/Bad', 'Fn::If');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/Bad']);
    });

    test('Fn.importValue fails closed', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S'), 'Cache', { atRestEncryptionEnabled: asBool(Fn.importValue('SharedEncryptFlag')) });
      });
      expectViolation(err, RedisAtRest.id, 'S/Cache', 'must be a literal');
    });

    test('Fn.findInMap: every value of the mapping must be true', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const p = new CfnParameter(stack, 'Env', { type: 'String' });
        const bad = new CfnMapping(stack, 'Bad', { mapping: { prod: { encrypt: true }, dev: { encrypt: false } } });
        const good = new CfnMapping(stack, 'Good', { mapping: { prod: { encrypt: true }, dev: { encrypt: 'true' } } });
        compliantReplicationGroup(stack, 'FromBad', { atRestEncryptionEnabled: asBool(bad.findInMap(p.valueAsString, 'encrypt')) });
        compliantReplicationGroup(stack, 'FromGood', { atRestEncryptionEnabled: asBool(good.findInMap(p.valueAsString, 'encrypt')) });
      });
      expectViolation(err, RedisAtRest.id, 'S/FromBad', 'mapping');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/FromBad']);
    });

    test('an Engine that cannot be proven is judged as Redis', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const engine = new CfnParameter(stack, 'Engine', { type: 'String' });
        compliantReplicationGroup(stack, 'Cache', { engine: engine.valueAsString, atRestEncryptionEnabled: false });
      });
      expectViolation(err, RedisAtRest.id, 'S/Cache');
    });
  });

  describe('cache clusters and other cache kinds', () => {
    test('a Redis CacheCluster fails: it cannot be encrypted at rest', () => {
      const err = synthGate((app) => {
        new elasticache.CfnCacheCluster(euStack(app, 'S'), 'Cluster', {
          engine: 'redis',
          cacheNodeType: 'cache.t4g.small',
          numCacheNodes: 1,
          transitEncryptionEnabled: true,
        });
      });
      expectViolation(err, RedisAtRest.id, 'S/Cluster', 'CacheCluster cannot be encrypted at rest');
    });

    test('a Memcached CacheCluster and a serverless cache pass this rule', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        new elasticache.CfnCacheCluster(stack, 'Memcached', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 2 });
        new elasticache.CfnServerlessCache(stack, 'Serverless', { engine: 'valkey', serverlessCacheName: 'sfx' });
      });
      expectNoViolationOf(err, RedisAtRest.id);
    });
  });

  describe('wherever the resource is defined', () => {
    test('inside a NestedStack: path within the nested stack', () => {
      const err = synthGate((app) => {
        const nested = new NestedStack(euStack(app, 'S'), 'Nested');
        compliantReplicationGroup(nested, 'Cache', { atRestEncryptionEnabled: false });
      });
      expectViolation(err, RedisAtRest.id, 'S/Nested/Cache');
    });

    test('inside a Stage with env eu-west-1: path Stage/Stack/Cache', () => {
      const err = synthGate((app) => {
        const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
        compliantReplicationGroup(new Stack(stage, 'Data'), 'Cache', { atRestEncryptionEnabled: false });
      });
      expectViolation(err, RedisAtRest.id, 'Prod/Data/Cache');
    });

    test('inside a Stage created AFTER applyCompliance(app)', () => {
      const app = newApp();
      applyCompliance(app);
      const stage = new Stage(app, 'Late', { env: { region: 'eu-west-1' } });
      compliantReplicationGroup(new Stack(stage, 'Data'), 'Cache', { atRestEncryptionEnabled: false });
      expectViolation(synthApp(app), RedisAtRest.id, 'Late/Data/Cache');
    });

    test('a compliant cache in a Stage passes', () => {
      expectNoViolations(
        synthGate((app) => {
          const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
          compliantReplicationGroup(new Stack(stage, 'Data'));
        }),
      );
    });

    test('in a template brought in with CfnInclude: path Stack/Include/<LogicalId>', () => {
      const err = synthGate((app) => {
        new include.CfnInclude(euStack(app, 'S'), 'Include', { templateFile: path.join(__dirname, '..', 'fixtures', 'legacy-cache.json') });
      });
      expectViolation(err, RedisAtRest.id, 'S/Include/LegacyCache', 'absent');
      expectViolation(err, RedisAtRest.id, 'S/Include/LegacyCluster', 'CacheCluster');
      expect(
        err!.violations
          .filter((v) => v.ruleId === RedisAtRest.id)
          .map((v) => v.path)
          .sort(),
      ).toEqual(['S/Include/LegacyCache', 'S/Include/LegacyCluster']);
    });

    test('an included template fixed through getResource + override passes', () => {
      const err = synthGate((app) => {
        const included = new include.CfnInclude(euStack(app, 'S'), 'Include', {
          templateFile: path.join(__dirname, '..', 'fixtures', 'legacy-cache.json'),
        });
        included.getResource('LegacyCache').addPropertyOverride('AtRestEncryptionEnabled', true);
      });
      expect(err!.violations.filter((v) => v.ruleId === RedisAtRest.id).map((v) => v.path)).toEqual(['S/Include/LegacyCluster']);
    });

    test('inside a Service Catalog ProductStack of an eu-west-1 stack', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const product = new servicecatalog.ProductStack(stack, 'CacheProduct');
        compliantReplicationGroup(product, 'Cache', { atRestEncryptionEnabled: false });
        new servicecatalog.CloudFormationProduct(stack, 'Product', {
          productName: 'cache',
          owner: 'platform',
          productVersions: [{ productVersionName: 'v1', cloudFormationTemplate: servicecatalog.CloudFormationTemplate.fromProductStack(product) }],
        });
      });
      expectViolation(err, RedisAtRest.id, 'S/CacheProduct/Cache');
      expect(err!.violations.map((v) => `${v.ruleId} ${v.path}`)).toEqual([`${RedisAtRest.id} S/CacheProduct/Cache`]);
    });
  });
});

test('a parameter read from SSM is unknown whatever its AllowedValues (they constrain the parameter name)', () => {
  const err = synthGate((app) => {
    const stack = euStack(app, 'S');
    const enc = new CfnParameter(stack, 'Enc', { type: 'AWS::SSM::Parameter::Value<String>', allowedValues: ['true'], default: 'true' });
    compliantReplicationGroup(stack, 'Cache', { atRestEncryptionEnabled: enc.valueAsString as unknown as boolean });
  });
  expectViolation(err, RedisAtRest.id, 'S/Cache', 'SSM Parameter Store');
});

describe('caches that inherit their encryption', () => {
  test('a group built around an existing cluster (PrimaryClusterId) fails both encryption controls', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'), 'Cache', { primaryClusterId: 'existing-cluster' });
    });
    expectViolation(err, RedisAtRest.id, 'S/Cache', 'PrimaryClusterId');
    expectViolation(err, RedisInTransit.id, 'S/Cache', 'PrimaryClusterId');
  });

  test('a secondary of a global datastore outside the template fails; one whose primary is in the template and encrypted passes', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'), 'Secondary', { globalReplicationGroupId: 'ldgnf-existing' });
    });
    expectViolation(err, RedisAtRest.id, 'S/Secondary', 'GlobalReplicationGroupId');
    expectViolation(err, RedisInTransit.id, 'S/Secondary', 'GlobalReplicationGroupId');

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
    expectViolation(err, RedisAtRest.id, 'S/Primary');
    expectViolation(err, RedisAtRest.id, 'S/Secondary', 'GlobalReplicationGroupId');
  });
});

describe('escape hatches and raw resources', () => {
  test('a raw CfnResource retyped with addOverride("Type") is judged as the type CloudFormation gets', () => {
    const err = synthGate((app) => {
      rawResource(euStack(app, 'S'), 'X', 'AWS::SQS::Queue', { ...compliantReplicationGroupCfn(), AtRestEncryptionEnabled: 'False' }).addOverride(
        'Type',
        'AWS::ElastiCache::ReplicationGroup',
      );
    });
    expectViolation(err, RedisAtRest.id, 'S/X', '"False"');
  });

  test('an aspect that strips encryption AFTER the gate aspects (priority 2000) is still judged', () => {
    const err = synthGate((app) => {
      compliantReplicationGroup(euStack(app, 'S'));
      Aspects.of(app).add(
        {
          visit: (c: IConstruct) => {
            if (c instanceof elasticache.CfnReplicationGroup) c.addPropertyDeletionOverride('AtRestEncryptionEnabled');
          },
        },
        { priority: 2000 },
      );
    });
    expectViolation(err, RedisAtRest.id, 'S/Cache', 'absent');
  });
});

describe('values that cannot be proven at synth time fail closed', () => {
  test('a parameter with a default but no AllowedValues', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const flag = new CfnParameter(stack, 'Encrypt', { type: 'String', default: 'true' });
      compliantReplicationGroup(stack).addPropertyOverride('AtRestEncryptionEnabled', flag.valueAsString);
    });
    expectViolation(err, RedisAtRest.id, 'S/Cache', 'parameter Encrypt');
  });

  test('string booleans and numbers as strings that do comply pass', () => {
    expectNoViolations(
      synthGate((app) => {
        rawResource(euStack(app, 'S'), 'Cache', 'AWS::ElastiCache::ReplicationGroup', {
          ...compliantReplicationGroupCfn(),
          AtRestEncryptionEnabled: 'true',
          TransitEncryptionEnabled: 'TRUE',
          NumCacheClusters: '2',
        });
      }),
    );
  });
});

describe('Stages, nested stacks and product stacks', () => {
  test('an unencrypted cache in a NestedStack of a Stage', () => {
    const err = synthGate((app) => {
      const stack = new Stack(new Stage(app, 'P', { env: { region: 'eu-west-1' } }), 'D');
      compliantReplicationGroup(new NestedStack(stack, 'N'), 'Cache', { atRestEncryptionEnabled: false });
    });
    expectViolation(err, RedisAtRest.id, 'P/D/N/Cache');
  });
});

describe('resource types and value shapes', () => {
  test('value shapes: a one-element Fn::Join of "true" passes; AWS::NoValue, 1 and Fn::Select fail', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawReplicationGroup(stack, 'Joined', { AtRestEncryptionEnabled: { 'Fn::Join': ['', ['true']] } });
      rawReplicationGroup(stack, 'NoValue', { AtRestEncryptionEnabled: { Ref: 'AWS::NoValue' } });
      rawReplicationGroup(stack, 'One', { AtRestEncryptionEnabled: 1 });
      rawReplicationGroup(stack, 'Selected', { AtRestEncryptionEnabled: { 'Fn::Select': [0, ['false', 'true']] } });
      rawReplicationGroup(stack, 'NoMode', { TransitEncryptionMode: { Ref: 'AWS::NoValue' } });
    });
    expect(linesFor(err, RedisAtRest.id, 'S/Joined')).toEqual([]);
    expect(linesFor(err, RedisInTransit.id, 'S/NoMode')).toEqual([]);
    expectViolation(err, RedisAtRest.id, 'S/NoValue', 'absent');
    expectViolation(err, RedisAtRest.id, 'S/One', 'AtRestEncryptionEnabled is 1');
    expectViolation(err, RedisAtRest.id, 'S/Selected', 'not a literal');
  });

  test('a Redis CacheCluster fails both encryption controls; Memcached and serverless caches pass', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new elasticache.CfnCacheCluster(stack, 'Redis', { engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheNodes: 1 });
      new elasticache.CfnCacheCluster(stack, 'Memcached', { engine: 'memcached', cacheNodeType: 'cache.t4g.small', numCacheNodes: 2 });
      new elasticache.CfnServerlessCache(stack, 'Serverless', { engine: 'valkey', serverlessCacheName: 'sfx' });
    });
    expectViolation(err, RedisAtRest.id, 'S/Redis', 'cannot be encrypted at rest');
    expectViolation(err, RedisInTransit.id, 'S/Redis', 'TransitEncryptionEnabled');
    expect(violationLines(err).filter((line) => / S\/(Memcached|Serverless): /.test(line))).toEqual([]);
  });
});
