/**
 * The gate on tiny CDK apps (one or two resources each, ~100 ms): resources with and without a
 * construct behind them are each judged, per stack.
 */
import { App, CfnElement, CfnResource, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { applyCompliance, ComplianceViolationError } from '../../aspects';

const GROUP = 'AWS::ElastiCache::ReplicationGroup';

/** A custom element that renders its own Resources: no CfnResource construct stands behind them. */
class RawResources extends CfnElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly resources: Record<string, unknown>,
  ) {
    super(scope, id);
  }
  _toCloudFormation(): object {
    return { Resources: this.resources };
  }
}

function violationsOf(app: App): { path: string; ruleId: string }[] {
  try {
    app.synth();
  } catch (error) {
    if (error instanceof ComplianceViolationError) return error.violations.map(({ path, ruleId }) => ({ path, ruleId }));
    throw error;
  }
  return [];
}

describe('the compliance gate', () => {
  test('two stacks holding the same logical id, one through a construct and one raw: both resources are judged', () => {
    const app = new App();
    const env = { region: 'eu-west-1' };
    const first = new Stack(app, 'First', { env });
    new CfnResource(first, 'Cache', { type: GROUP, properties: { AtRestEncryptionEnabled: false } });
    const second = new Stack(app, 'Second', { env });
    new RawResources(second, 'Raw', { Cache: { Type: GROUP, Properties: { AtRestEncryptionEnabled: false } } });
    applyCompliance(app);
    const atRest = violationsOf(app).filter((v) => v.ruleId === 'SFX-REDIS-AT-REST');
    expect(atRest.map((v) => v.path).sort()).toEqual(['First/Cache', 'Second/Cache']);
  });
});
