/**
 * Renders what CloudFormation will receive: the stack's template after every escape-hatch
 * override, with tokens resolved. This is the only place where the gate touches CDK internals
 * (`Stack._toCloudFormation`, `ProductStack._parentStack`); a CDK upgrade that changes them
 * shows up at once in test/compliance.
 */
import { CfnResource, NestedStack, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { StackFacts } from '../rules/core/rule';
import { RenderedTemplate, TemplateView } from '../rules/core/template';
import { SharedTemplates } from '../rules/core/shared-templates';
import { openTemplate } from './judge-templates';

interface RenderableStack {
  _toCloudFormation?(): RenderedTemplate;
}

export interface RenderedStack {
  readonly view: TemplateView;
  /** Logical id of each CfnResource of the stack, as rendered. */
  logicalIdOf(resource: CfnResource): string;
}

/**
 * Renders the stack's template, with the logical id of each of its CfnResources. `shared` is
 * shared by every stack the gate renders: this stack's exports are added to it, and its view
 * resolves imports of the others' through it.
 */
export function renderStack(stack: Stack, shared: SharedTemplates = new SharedTemplates()): RenderedStack {
  const template = (stack as unknown as RenderableStack)._toCloudFormation!();
  const ids = logicalIdsByOrder(stack, template);
  const idOf = (resource: CfnResource) => ids.get(resource) ?? logicalIdOf(resource);
  // CDK nested stacks: their templates are rendered and judged like any other stack's.
  const judgedNestedStacks = new Set(
    stack.node.children.flatMap(function nested(child: IConstruct): string[] {
      // A stack found here is not rendered into this template; a nested one is deployed through it, by a
      // resource CDK always creates beside it (its `nestedStackParent` is therefore `stack`).
      if (Stack.isStack(child)) return NestedStack.isNestedStack(child) ? [idOf(child.nestedStackResource!)] : [];
      return child.node.children.flatMap(nested);
    }),
  );
  const account = Token.isUnresolved(stack.account) ? undefined : stack.account;
  const view = openTemplate(template, { region: literalRegion(stack), account, judgedNestedStacks }, shared);
  return { view, logicalIdOf: idOf };
}

export function logicalIdOf(resource: CfnResource): string {
  return Stack.of(resource).resolve(resource.logicalId) as string;
}

/**
 * Resolving every logical id again costs as much as a quarter of the gate. The stack renders its
 * elements in construct-tree order (depth first, not into child stacks) and object keys keep their
 * insertion order, so the rendered `Resources` keys pair up with the stack's CfnResources in that
 * order. When the counts differ, nothing is paired and ids are resolved one by one.
 *
 * Pairing is only a shortcut: whatever this function leaves out, `renderStack` resolves, with the
 * same result. So a change that pairs less (a mutant that collects fewer resources or never pairs)
 * only costs time, and no test can tell it apart; those are the Stryker exclusions below. A change
 * that pairs wrongly is caught by test/aspects/rendering.test.ts (custom elements rendering their
 * own resources, a nested stack's resources, integer-like ids).
 */
function logicalIdsByOrder(stack: Stack, template: RenderedTemplate): Map<CfnResource, string> {
  const resources: CfnResource[] = [];
  // Stryker disable next-line BlockStatement: collecting nothing leaves every id to be resolved one by one (same ids).
  const walk = (construct: IConstruct) => {
    // A resource that renders nothing (an unattached iam.Policy) must not take another one's key.
    // The exclusion also covers `true` (every construct), which the custom-element test kills: Stryker excludes by mutator.
    // Stryker disable next-line ConditionalExpression: `false` collects nothing, so every id is resolved one by one
    if (CfnResource.isCfnResource(construct) && (construct as unknown as { shouldSynthesize(): boolean }).shouldSynthesize())
      resources.push(construct);
    // The exclusion also covers `true` (into stacks too), which the custom-element test's nested stack kills.
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: not descending (or only into stacks) only resolves ids one by one
    for (const child of construct.node.children) if (!Stack.isStack(child)) walk(child);
  };
  walk(stack);
  const keys = Object.keys(template.Resources ?? {});
  const ids = new Map<CfnResource, string>();
  // Integer-like keys would be listed first whatever their insertion order (any key reading as an integer is resolved).
  // The exclusion also covers the `false` variants (pairing unequal counts), which the custom-element test kills.
  // Stryker disable next-line ConditionalExpression: `true` never pairs, so every id is resolved one by one (same ids)
  if (keys.length !== resources.length || keys.some((key) => Number.isInteger(Number(key)))) return ids;
  // Stryker disable next-line ArrowFunction: pairing nothing leaves every id to be resolved one by one (same ids).
  resources.forEach((resource, index) => ids.set(resource, keys[index]));
  return ids;
}

/** The facts stack-level rules judge; `view` is the stack's rendered template. */
export function stackFacts(stack: Stack, view: TemplateView): StackFacts {
  const transforms = view.transforms();
  // A nested stack also keeps its parent in `_parentStack`: it deploys with it, it does not publish.
  if (stack.nested) return { region: literalRegion(stack), kind: 'nested', transforms };
  const publisher = publishingStack(stack);
  if (publisher) {
    return {
      region: literalRegion(stack),
      kind: 'product',
      publisherRegion: literalRegion(publisher),
      publisherPath: publisher.node.path,
      transforms,
    };
  }
  return { region: literalRegion(stack), kind: 'stack', transforms };
}

function literalRegion(stack: Stack): string | undefined {
  return Token.isUnresolved(stack.region) ? undefined : stack.region;
}

/** A Service Catalog ProductStack keeps the stack that publishes its template as an asset. */
function publishingStack(stack: Stack): Stack | undefined {
  const parent = (stack as unknown as { _parentStack?: unknown })._parentStack;
  return Stack.isStack(parent) ? parent : undefined;
}
