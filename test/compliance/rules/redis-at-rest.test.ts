/**
 * SFX-REDIS-AT-REST through CDK: what proves delivery (L1, raw and retyped resources, escape hatches,
 * late aspects, nested stacks, Stages, CfnInclude, product stacks). The behavioural matrix (values,
 * parameters, intrinsics, engines, inherited encryption) is pure, in test/rules/redis-at-rest.test.ts.
 */
import { Aspects, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import * as include from 'aws-cdk-lib/cloudformation-include';
import { IConstruct } from 'constructs';
import * as path from 'path';
import { applyCompliance } from '../../../aspects';
import { RedisAtRest } from '../../../rules';
import {
  compliantReplicationGroup,
  compliantReplicationGroupCfn,
  euStack,
  expectNoViolations,
  expectViolation,
  newApp,
  rawResource,
  synthApp,
  synthGate,
} from '../helpers';

const RG = 'AWS::ElastiCache::ReplicationGroup';

describe(RedisAtRest.id, () => {
  test('a compliant L1 replication group passes', () => {
    expectNoViolations(
      synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S'));
      }),
    );
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

describe('Stages, nested stacks and product stacks', () => {
  test('an unencrypted cache in a NestedStack of a Stage', () => {
    const err = synthGate((app) => {
      const stack = new Stack(new Stage(app, 'P', { env: { region: 'eu-west-1' } }), 'D');
      compliantReplicationGroup(new NestedStack(stack, 'N'), 'Cache', { atRestEncryptionEnabled: false });
    });
    expectViolation(err, RedisAtRest.id, 'P/D/N/Cache');
  });
});
