// The SFX gate applies inside the Service Catalog product stack, and the catalog app passes it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { ComplianceGate, applyCompliance } from '../../aspects';
import { StreamFlixCatalogStack } from '../../lib/catalog';
import { addNagPacks } from '../../lib/nag/packs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdkJson = require(path.join(__dirname, '..', '..', 'cdk.json')) as { context: Record<string, unknown> };

function newCatalogApp(): { app: App; stack: StreamFlixCatalogStack } {
  const app = new App({ context: cdkJson.context });
  const stack = new StreamFlixCatalogStack(app, 'StreamFlixCatalog', {
    env: { region: 'eu-west-1' },
    snapshotDirectory: fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-catalog-gate-')),
  });
  return { app, stack };
}

describe('SFX gate and the catalog', () => {
  test("synthesis under the gate writes complete templates: the product version's template URL and the bootstrap version rule", () => {
    const { app, stack } = newCatalogApp();
    applyCompliance(app);
    const written = app.synth().getStackArtifact(stack.artifactId).template as {
      Resources: Record<string, { Type: string; Properties: { ProvisioningArtifactParameters?: { Info: Record<string, unknown> }[] } }>;
      Rules?: Record<string, unknown>;
    };
    const product = Object.values(written.Resources).find((r) => r.Type === 'AWS::ServiceCatalog::CloudFormationProduct')!;
    for (const version of product.Properties.ProvisioningArtifactParameters!) expect(version.Info.LoadTemplateFromURL).toBeDefined();
    expect(written.Rules?.CheckBootstrapVersion).toBeDefined();
  });

  test('the catalog app synthesizes with zero SFX violations, judging the product stack too', () => {
    const { app, stack } = newCatalogApp();
    applyCompliance(app);
    expect(() => app.synth()).not.toThrow();
    const result = ComplianceGate.of(app).evaluate();
    expect(result.violations).toEqual([]);
    const judgedStacks = new Set(result.evaluations.map((e) => e.stackPath));
    expect(judgedStacks).toEqual(new Set([stack.node.path, stack.productStack.node.path]));
    const productRules = new Set(result.evaluations.filter((e) => e.stackPath === stack.productStack.node.path).map((e) => e.ruleId));
    expect(productRules).toEqual(
      new Set(
        [
          'SFX-REDIS-AT-REST',
          'SFX-REDIS-IN-TRANSIT',
          'SFX-RDS-AT-REST',
          'SFX-MULTI-AZ',
          'SFX-REGION',
          'SFX-IAM-LEAST-PRIVILEGE',
          'SFX-SECRETS-MANAGER',
          'SFX-RDS-TLS',
          'SFX-DATA-NOT-PUBLIC',
          'SFX-TEMPLATE-VISIBLE',
        ].filter((id) => result.rules.some((r) => r.id === id)),
      ),
    );
    expect(
      result.evaluations.some((e) => e.stackPath === stack.node.path && e.ruleId === 'SFX-IAM-LEAST-PRIVILEGE' && e.path.includes('LaunchRole')),
    ).toBe(true);
  });

  test('an unencrypted cache inside the product fails synthesis with its construct path', () => {
    const { app, stack } = newCatalogApp();
    new elasticache.CfnReplicationGroup(stack.productStack, 'UnencryptedCache', {
      replicationGroupDescription: 'not encrypted at rest',
      engine: 'redis',
      cacheNodeType: 'cache.t4g.small',
      numCacheClusters: 2,
      multiAzEnabled: true,
      automaticFailoverEnabled: true,
      atRestEncryptionEnabled: false,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
    });
    applyCompliance(app);
    expect(() => app.synth()).toThrow(/\[SFX-REDIS-AT-REST\] StreamFlixCatalog\/ContentApiProduct\/UnencryptedCache/);
  });

  test("without the gate the same app synthesizes (the failure above is the gate's)", () => {
    const { app, stack } = newCatalogApp();
    new elasticache.CfnReplicationGroup(stack.productStack, 'UnencryptedCache', {
      replicationGroupDescription: 'not encrypted at rest',
      engine: 'redis',
      cacheNodeType: 'cache.t4g.small',
      atRestEncryptionEnabled: false,
    });
    expect(() => app.synth()).not.toThrow();
  });

  test('cdk-nag judges the product stack too: the blueprint inside has no finding, an unencrypted cache has', () => {
    const findingsFor = (withCache: boolean): string => {
      const { app, stack } = newCatalogApp();
      if (withCache) {
        new elasticache.CfnReplicationGroup(stack.productStack, 'UnencryptedCache', {
          replicationGroupDescription: 'not encrypted at rest',
          engine: 'redis',
          cacheNodeType: 'cache.t4g.small',
          atRestEncryptionEnabled: false,
        });
      }
      addNagPacks(app);
      try {
        app.synth();
        return '';
      } catch (error) {
        return String(error);
      }
    };
    const isProductFinding = (line: string) => line.includes('StreamFlixCatalog/ContentApiProduct/');
    const plain = findingsFor(false).split('\n').filter(isProductFinding);
    expect(plain).toEqual([]);
    const withCache = findingsFor(true).split('\n').filter(isProductFinding);
    expect(withCache.length).toBeGreaterThan(0);
    expect(withCache.every((line) => line.includes('StreamFlixCatalog/ContentApiProduct/UnencryptedCache'))).toBe(true);
  });
});
