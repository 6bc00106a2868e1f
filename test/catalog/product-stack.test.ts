// The product template: the whole blueprint, safe provisioning parameters only, and the region rule.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnRule, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CONTAINER_IMAGE_PATTERN, MAX_TASKS, REGION_GUARD_ID, SIZE_PRESETS, StreamFlixCatalogStack, addRegionGuard } from '../../lib/catalog';
import { StreamFlixStack } from '../../lib/content-api/streamflix-stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdkJson = require(path.join(__dirname, '..', '..', 'cdk.json')) as { context: Record<string, unknown> };

const app = new App({ context: cdkJson.context });
const stack = new StreamFlixCatalogStack(app, 'StreamFlixCatalog', {
  env: { region: 'eu-west-1' },
  snapshotDirectory: fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-product-')),
});
const assembly = app.synth();
const json = JSON.parse(fs.readFileSync(path.join(assembly.directory, stack.productStack.templateFile), 'utf8')) as {
  Parameters: Record<string, Record<string, unknown>>;
  Rules: Record<string, unknown>;
  Mappings: Record<string, unknown>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};
const product = Template.fromJSON(json as unknown as Record<string, unknown>);
const only = (type: string) => {
  const found = Object.values(json.Resources).filter((r) => r.Type === type);
  expect(found).toHaveLength(1);
  return found[0].Properties;
};

describe('the product template holds the whole blueprint', () => {
  test.each([
    ['AWS::EC2::VPC', 1],
    ['AWS::EC2::NatGateway', 3],
    ['AWS::RDS::DBInstance', 1],
    ['AWS::ElastiCache::ReplicationGroup', 1],
    ['AWS::ECS::Cluster', 1],
    ['AWS::ECS::Service', 1],
    ['AWS::ElasticLoadBalancingV2::LoadBalancer', 1],
    ['AWS::ApiGatewayV2::Api', 1],
    ['AWS::ApiGatewayV2::VpcLink', 1],
    ['AWS::WAFv2::WebACL', 1],
    ['AWS::Backup::BackupPlan', 1],
  ])('%s x%d', (type, count) => {
    product.resourceCountIs(type, count);
  });

  test('the same resources as the direct-deploy stack (one source of truth)', () => {
    const direct = new StreamFlixStack(new App({ context: cdkJson.context }), 'StreamFlix', { env: { region: 'eu-west-1' } });
    const count = (resources: Record<string, { Type: string }>) => {
      const counts: Record<string, number> = {};
      for (const r of Object.values(resources)) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
      return counts;
    };
    const directResources = Template.fromStack(direct).toJSON().Resources as Record<string, { Type: string }>;
    expect(count(json.Resources)).toEqual(count(directResources));
  });

  test('is a product stack of the catalog stack in eu-west-1, not a stack of its own', () => {
    expect(assembly.stacks.map((s) => s.stackName)).toEqual(['StreamFlixCatalog']);
    expect(stack.region).toBe('eu-west-1');
  });
});

describe('provisioning parameters', () => {
  test('only the four safe choices, and the termination switch', () => {
    expect(Object.keys(json.Parameters).sort()).toEqual(['AllowTermination', 'ContainerImage', 'DesiredCount', 'EnvironmentName', 'SizePreset']);
  });

  test('EnvironmentName: dev, staging or prod', () => {
    expect(json.Parameters.EnvironmentName).toMatchObject({ Type: 'String', AllowedValues: ['dev', 'staging', 'prod'], Default: 'dev' });
  });

  test('SizePreset: small, medium or large, mapped to instance classes and task size', () => {
    expect(json.Parameters.SizePreset).toMatchObject({ Type: 'String', AllowedValues: ['small', 'medium', 'large'] });
    expect(json.Mappings.SizePresets).toEqual(SIZE_PRESETS);
    const task = only('AWS::ECS::TaskDefinition');
    expect(task.Cpu).toEqual({ 'Fn::FindInMap': ['SizePresets', { Ref: 'SizePreset' }, 'cpu'] });
    expect(task.Memory).toEqual({ 'Fn::FindInMap': ['SizePresets', { Ref: 'SizePreset' }, 'memory'] });
    expect(only('AWS::ElastiCache::ReplicationGroup').CacheNodeType).toEqual({
      'Fn::FindInMap': ['SizePresets', { Ref: 'SizePreset' }, 'cacheNodeType'],
    });
    expect(JSON.stringify(only('AWS::RDS::DBInstance').DBInstanceClass)).toContain('"SizePresets",{"Ref":"SizePreset"},"dbInstanceType"');
  });

  test('every size preset is a valid Fargate CPU/memory pair and an RDS/ElastiCache class', () => {
    const memoryFor: Record<number, [number, number]> = {
      256: [512, 2048],
      512: [1024, 4096],
      1024: [2048, 8192],
      2048: [4096, 16384],
      4096: [8192, 30720],
    };
    for (const preset of Object.values(SIZE_PRESETS)) {
      const [min, max] = memoryFor[preset.cpu];
      expect(preset.memory).toBeGreaterThanOrEqual(min);
      expect(preset.memory).toBeLessThanOrEqual(max);
      expect(preset.memory % 1024).toBe(0);
      expect(preset.dbInstanceType).toMatch(/^db\.[a-z0-9-]+\.[a-z0-9]+$/);
      expect(preset.cacheNodeType).toMatch(/^cache\.[a-z0-9-]+\.[a-z0-9]+$/);
    }
  });

  test('ContainerImage: an image reference, nothing else', () => {
    expect(json.Parameters.ContainerImage).toMatchObject({ Type: 'String', AllowedPattern: CONTAINER_IMAGE_PATTERN });
    const pattern = new RegExp(CONTAINER_IMAGE_PATTERN);
    for (const good of [
      'nginxinc/nginx-unprivileged:stable-alpine',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/streamflix/api:1.4.2',
      `public.ecr.aws/team/api@sha256:${'a'.repeat(64)}`,
      'registry.example.com:5000/api',
    ])
      expect({ good, ok: pattern.test(good) }).toEqual({ good, ok: true });
    for (const bad of ['', 'Upper/Case', 'api:tag with space', 'api;rm -rf /', 'https://registry/api', 'api:']) {
      expect({ bad, ok: pattern.test(bad) }).toEqual({ bad, ok: false });
    }
    const [container] = only('AWS::ECS::TaskDefinition').ContainerDefinitions as { Image: unknown }[];
    expect(container.Image).toEqual({ Ref: 'ContainerImage' });
  });

  test('DesiredCount: a number from 2 (two AZs) to the autoscaling maximum', () => {
    expect(json.Parameters.DesiredCount).toMatchObject({ Type: 'Number', MinValue: 2, MaxValue: MAX_TASKS, Default: 2 });
    expect(only('AWS::ECS::Service').DesiredCount).toEqual({ Ref: 'DesiredCount' });
    expect(only('AWS::ApplicationAutoScaling::ScalableTarget')).toMatchObject({ MinCapacity: 2, MaxCapacity: MAX_TASKS });
  });

  test('no parameter reaches encryption, Multi-AZ, TLS or the region: those stay literals', () => {
    expect(only('AWS::RDS::DBInstance')).toMatchObject({ StorageEncrypted: true, MultiAZ: true });
    expect(only('AWS::ElastiCache::ReplicationGroup')).toMatchObject({
      AtRestEncryptionEnabled: true,
      TransitEncryptionEnabled: true,
      MultiAZEnabled: true,
      AutomaticFailoverEnabled: true,
    });
    const referenced = new Set([...JSON.stringify(json.Resources).matchAll(/\{"Ref":"([A-Za-z]+)"\}/g)].map((m) => m[1]));
    const parameterNames = Object.keys(json.Parameters);
    for (const [, resource] of Object.entries(json.Resources)) {
      for (const key of [
        'StorageEncrypted',
        'MultiAZ',
        'AtRestEncryptionEnabled',
        'TransitEncryptionEnabled',
        'TransitEncryptionMode',
        'MultiAZEnabled',
        'AutomaticFailoverEnabled',
        'KmsKeyId',
        'PubliclyAccessible',
        'AvailabilityZone',
      ]) {
        const value = JSON.stringify(resource.Properties?.[key] ?? null);
        for (const name of parameterNames) expect(value).not.toContain(`"Ref":"${name}"`);
      }
    }
    expect([...referenced].filter((name) => parameterNames.includes(name)).sort()).toEqual([
      'ContainerImage',
      'DesiredCount',
      'EnvironmentName',
      'SizePreset',
    ]);
  });
});

describe('region guard', () => {
  test('the product template refuses any region but eu-west-1 before creating anything', () => {
    expect(json.Rules).toEqual({
      [REGION_GUARD_ID]: {
        Assertions: [
          {
            Assert: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
            AssertDescription: expect.stringContaining('eu-west-1'),
          },
        ],
      },
    });
  });

  test('addRegionGuard works on any stack and is idempotent', () => {
    const other = new Stack(new App(), 'Direct', { env: { region: 'eu-west-1' } });
    const first = addRegionGuard(other);
    expect(addRegionGuard(other)).toBe(first);
    expect(first).toBeInstanceOf(CfnRule);
    const rules = Template.fromStack(other).toJSON().Rules as Record<string, unknown>;
    expect(Object.keys(rules).filter((name) => name.startsWith('RegionIs'))).toEqual([REGION_GUARD_ID]);
    expect(JSON.stringify(rules[REGION_GUARD_ID])).toContain('{"Fn::Equals":[{"Ref":"AWS::Region"},"eu-west-1"]}');
  });
});
