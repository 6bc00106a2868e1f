/** aspects/rendering.ts on tiny stacks (no synthesis): the rendered view, its facts, logical ids and the facts stack rules judge. */
import { App, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { logicalIdOf, renderStack, stackFacts } from '../../aspects/rendering';
import { SharedTemplates } from '../../rules/core/shared-templates';
import { RawResources } from './support/raw-resources';

const TOPIC = 'AWS::SNS::Topic';

describe('renderStack', () => {
  test("the stack's template as CloudFormation gets it, with literal region and account, and each resource's rendered logical id", () => {
    const stack = new Stack(new App(), 'S', { env: { region: 'eu-west-1', account: '123456789012' } });
    const first = new CfnResource(stack, 'First', { type: TOPIC });
    const second = new CfnResource(new Construct(stack, 'Group'), 'Second', { type: TOPIC, properties: { TopicName: 'x' } });
    second.overrideLogicalId('Renamed');
    second.addPropertyOverride('DisplayName', 'shown');
    const rendered = renderStack(stack);
    expect(rendered.view.template.Resources).toEqual({
      First: { Type: TOPIC },
      Renamed: { Type: TOPIC, Properties: { TopicName: 'x', DisplayName: 'shown' } },
    });
    expect([rendered.view.region, rendered.view.account]).toEqual(['eu-west-1', '123456789012']);
    expect([rendered.logicalIdOf(first), rendered.logicalIdOf(second)]).toEqual(['First', 'Renamed']);
    expect([...rendered.view.judgedNestedStacks]).toEqual([]);
  });

  test('an environment-agnostic stack has neither region nor account', () => {
    const stack = new Stack(new App(), 'S');
    new CfnResource(stack, 'Topic', { type: TOPIC });
    const { view } = renderStack(stack);
    expect([view.region, view.account]).toEqual([undefined, undefined]);
  });

  test('a resource that renders nothing (an unattached policy) does not take the next one’s logical id', () => {
    const stack = new Stack(new App(), 'S');
    new iam.Policy(stack, 'Unattached', { statements: [new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] })] });
    const topic = new CfnResource(stack, 'Topic', { type: TOPIC });
    const rendered = renderStack(stack);
    expect(Object.keys(rendered.view.template.Resources ?? {})).toEqual(['Topic']);
    expect(rendered.logicalIdOf(topic)).toBe('Topic');
    // Not even when a custom element's resource makes the counts agree.
    new RawResources(stack, 'Raw', { Raw: { Type: TOPIC } });
    const withRaw = renderStack(stack);
    expect(Object.keys(withRaw.view.template.Resources ?? {})).toEqual(['Topic', 'Raw']);
    expect(withRaw.logicalIdOf(topic)).toBe('Topic');
  });

  test('integer-like logical ids (listed first whatever their order) and unpaired resources are resolved one by one', () => {
    const stack = new Stack(new App(), 'S');
    // Digits in every id, as in CDK's own (a hash suffix): only the integer-like one reorders.
    const named = new CfnResource(stack, 'Topic1', { type: TOPIC });
    const numbered = new CfnResource(stack, 'Numbered', { type: TOPIC });
    numbered.overrideLogicalId('42');
    const rendered = renderStack(stack);
    expect(Object.keys(rendered.view.template.Resources ?? {})).toEqual(['42', 'Topic1']);
    expect([rendered.logicalIdOf(named), rendered.logicalIdOf(numbered)]).toEqual(['Topic1', '42']);
    // A resource of another stack is not paired with this one's: its id is resolved in its own stack.
    const other = new CfnResource(new Stack(stack.node.scope as App, 'T'), 'Elsewhere', { type: TOPIC });
    expect(rendered.logicalIdOf(other)).toBe(logicalIdOf(other));
    expect(logicalIdOf(other)).toBe('Elsewhere');
  });

  test('resources a custom element renders (no CfnResource behind them) do not shift the logical ids of the resources around them', () => {
    const app = new App();
    const between = new Stack(app, 'Between');
    const first = new CfnResource(between, 'First', { type: TOPIC });
    new RawResources(between, 'Raw', { Raw: { Type: TOPIC } });
    const last = new CfnResource(between, 'Last', { type: TOPIC });
    const rendered = renderStack(between);
    expect(Object.keys(rendered.view.template.Resources ?? {})).toEqual(['First', 'Raw', 'Last']);
    expect([rendered.logicalIdOf(first), rendered.logicalIdOf(last)]).toEqual(['First', 'Last']);

    const several = new Stack(app, 'Several');
    const only = new CfnResource(several, 'Only', { type: TOPIC });
    new RawResources(several, 'Raw', { RawOne: { Type: TOPIC }, RawTwo: { Type: TOPIC } });
    expect(renderStack(several).logicalIdOf(only)).toBe('Only');

    // The resources of a nested stack are its own template's, not its parent's.
    const parent = new Stack(app, 'Parent');
    const nested = new NestedStack(parent, 'Nested');
    new CfnResource(nested, 'Inside', { type: TOPIC });
    new RawResources(parent, 'Raw', { Raw: { Type: TOPIC } });
    const parentRendered = renderStack(parent);
    const stackId = logicalIdOf(nested.nestedStackResource!);
    expect(Object.keys(parentRendered.view.template.Resources ?? {})).toEqual([stackId, 'Raw']);
    expect(parentRendered.logicalIdOf(nested.nestedStackResource!)).toBe(stackId);
    expect([...parentRendered.view.judgedNestedStacks]).toEqual([stackId]);
  });

  test('a stack inside a stack is rendered on its own: its nested stacks are not judged through the outer one', () => {
    const outer = new Stack(new App(), 'Outer');
    const own = new NestedStack(outer, 'Own');
    const inner = new Stack(outer, 'Inner');
    const innerNested = new NestedStack(inner, 'InnerNested');
    const rendered = renderStack(outer);
    expect([...rendered.view.judgedNestedStacks]).toEqual([rendered.logicalIdOf(own.nestedStackResource!)]);
    expect([...renderStack(inner).view.judgedNestedStacks]).toEqual([logicalIdOf(innerNested.nestedStackResource!)]);
  });

  test("the nested stacks it judges: its own, by their resource's logical id, also below other constructs, not a nested stack's children", () => {
    const stack = new Stack(new App(), 'S');
    const direct = new NestedStack(stack, 'Direct');
    const deeper = new NestedStack(new Construct(stack, 'Group'), 'Deeper');
    new NestedStack(direct, 'Grandchild');
    const rendered = renderStack(stack, new SharedTemplates());
    expect([...rendered.view.judgedNestedStacks].sort()).toEqual(
      [rendered.logicalIdOf(direct.nestedStackResource!), rendered.logicalIdOf(deeper.nestedStackResource!)].sort(),
    );
    expect(rendered.view.judgedNestedStacks.size).toBe(2);
    expect([...renderStack(direct).view.judgedNestedStacks]).toHaveLength(1);
  });
});

describe('stackFacts', () => {
  test('a stack: its literal region and its transforms', () => {
    const stack = new Stack(new App(), 'S', { env: { region: 'eu-west-1' } });
    stack.addTransform('AWS::Serverless-2016-10-31');
    expect(stackFacts(stack, renderStack(stack).view)).toEqual({ region: 'eu-west-1', kind: 'stack', transforms: ['AWS::Serverless-2016-10-31'] });
    const agnostic = new Stack(new App(), 'A');
    expect(stackFacts(agnostic, renderStack(agnostic).view)).toEqual({ region: undefined, kind: 'stack', transforms: [] });
  });

  test('a nested stack deploys with its parent', () => {
    const parent = new Stack(new App(), 'S', { env: { region: 'eu-west-1' } });
    const nested = new NestedStack(parent, 'N');
    expect(stackFacts(nested, renderStack(nested).view)).toEqual({ region: 'eu-west-1', kind: 'nested', transforms: [] });
  });

  test('a product stack names the stack that publishes it, and that stack’s region', () => {
    const app = new App();
    const publisher = new Stack(app, 'Portfolio', { env: { region: 'us-east-1' } });
    const product = new Stack(app, 'Product', { env: { region: 'eu-west-1' } });
    (product as unknown as { _parentStack: Stack })._parentStack = publisher;
    expect(stackFacts(product, renderStack(product).view)).toEqual({
      region: 'eu-west-1',
      kind: 'product',
      publisherRegion: 'us-east-1',
      publisherPath: 'Portfolio',
      transforms: [],
    });
    (product as unknown as { _parentStack: unknown })._parentStack = { node: { path: 'not a stack' } };
    expect(stackFacts(product, renderStack(product).view).kind).toBe('stack');
  });
});
