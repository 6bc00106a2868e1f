/** aspects/index.ts: what applyCompliance adds to a scope, and when its aspects run. */
import { App, Aspects, AspectPriority, CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { allControlAspects, applyCompliance, ComplianceGate, ComplianceViolationError } from '../../aspects';

describe('applyCompliance', () => {
  test('adds one aspect per control to the scope, read-only, and nothing to the constructs below it', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    applyCompliance(app);
    const applied = Aspects.of(app).applied;
    expect(applied.map((a) => (a.aspect as { rule?: { id: string } }).rule?.id)).toEqual(allControlAspects().map((a) => a.rule.id));
    expect(applied.map((a) => a.priority)).toEqual(applied.map(() => AspectPriority.READONLY));
    expect(Aspects.of(stack).applied).toEqual([]);
  });

  test('its controls visit a construct after an aspect that changes the tree, even one added later', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: { region: 'eu-west-1' } });
    // A violation stops synthesis before the cloud assembly is written (seconds on a cold process).
    new CfnResource(stack, 'Bad', { type: 'AWS::ElastiCache::ReplicationGroup', properties: { AtRestEncryptionEnabled: false } });
    applyCompliance(app);
    const visits: string[] = [];
    const record = (what: string, construct: IConstruct) => {
      const entry = `${what} ${construct.node.path || 'app'}`;
      if (['app', 'S'].some((path) => entry.endsWith(` ${path}`)) && visits.at(-1) !== entry) visits.push(entry);
    };
    Aspects.of(app).add({ visit: (construct: IConstruct) => record('mutating', construct) });
    const original = ComplianceGate.prototype.track;
    const track = jest.spyOn(ComplianceGate.prototype, 'track').mockImplementation(function (this: ComplianceGate, rule, construct) {
      record('tracked', construct);
      original.call(this, rule, construct);
    });
    try {
      expect(() => app.synth()).toThrow(ComplianceViolationError);
    } finally {
      track.mockRestore();
    }
    expect(visits).toEqual(['mutating app', 'tracked app', 'mutating S', 'tracked S']);
  });
});
