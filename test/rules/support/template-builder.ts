/**
 * Template fragments for pure rule tests: build a rendered CloudFormation template in a few calls
 * and judge it through the public entry the gate and sfx-check share (`openTemplate` +
 * `judgeTemplates`), so a rule's behavioural matrix runs in milliseconds without CDK.
 *
 *   const stack = template().resource('Cache', 'AWS::ElastiCache::ReplicationGroup', { AtRestEncryptionEnabled: true });
 *   expect(violationsOf(RedisAtRest, stack)).toEqual([]);
 *
 * Only public entries are used (rule objects, aspects/judge-templates, the template view's
 * classes), never rules/core internals, so the tests survive refactors of the core.
 */
import { judgeTemplates, openTemplate, StandaloneTemplate } from '../../../aspects/judge-templates';
import type { GateViolation } from '../../../aspects/violation-error';
import type { ComplianceRule, StackFacts, Violation } from '../../../rules/core/rule';
import { SharedTemplates } from '../../../rules/core/shared-templates';
import { RenderedTemplate, TemplateView } from '../../../rules/core/template';

type Body = Record<string, unknown>;

/** What the stack is beyond its text: its region (`undefined`: environment-agnostic), account, kind. */
export interface BuilderFacts {
  readonly region?: string;
  readonly account?: string;
  readonly kind?: StackFacts['kind'];
  readonly publisherRegion?: string;
  readonly publisherPath?: string;
}

export class TemplateBuilder {
  private readonly resources: Record<string, Body> = {};
  private readonly parameters: Record<string, Body> = {};
  private readonly conditions: Record<string, unknown> = {};
  private readonly mappings: Record<string, Record<string, Record<string, unknown>>> = {};
  private readonly outputs: Record<string, Body> = {};
  private transforms: unknown;
  /** Nested stacks judged with this one (CDK nested stacks): logical id → child template. */
  readonly nested = new Map<string, TemplateBuilder>();

  constructor(
    readonly stackPath: string,
    readonly facts: BuilderFacts,
  ) {}

  /** A resource; `extra` adds entries beside Properties (Condition, DependsOn, Metadata…). */
  resource(logicalId: string, type: string, properties?: Body, extra: Body = {}): this {
    this.resources[logicalId] = { Type: type, ...(properties === undefined ? {} : { Properties: properties }), ...extra };
    return this;
  }

  /** A resource entry exactly as given (no Type/Properties shaping): for malformed input. */
  rawResource(logicalId: string, body: unknown): this {
    this.resources[logicalId] = body as Body;
    return this;
  }

  /** A parameter: `{ Type: 'String', AllowedValues: [...] }`, `{ Type: 'Number', MinValue, MaxValue }`, `{ Type: 'List<String>' }`… */
  parameter(name: string, body: Body = { Type: 'String' }): this {
    this.parameters[name] = body;
    return this;
  }

  condition(name: string, expression: unknown): this {
    this.conditions[name] = expression;
    return this;
  }

  mapping(name: string, body: Record<string, Record<string, unknown>>): this {
    this.mappings[name] = body;
    return this;
  }

  /** An output exporting `value` under `name` (`extra` may add a Condition). */
  exportValue(name: string, value: unknown, extra: Body = {}, outputId = `Export${Object.keys(this.outputs).length}`): this {
    this.outputs[outputId] = { Value: value, Export: { Name: name }, ...extra };
    return this;
  }

  /** A plain output (a nested stack's `Outputs.X`, read by its parent through Fn::GetAtt). */
  output(outputId: string, value: unknown): this {
    this.outputs[outputId] = { Value: value };
    return this;
  }

  transform(value: unknown): this {
    this.transforms = value;
    return this;
  }

  /** A CDK nested stack: an AWS::CloudFormation::Stack resource here whose template is `child`, judged with this one. */
  nestedStack(logicalId: string, child: TemplateBuilder, properties: Body = { TemplateURL: 'https://example.com/nested.json' }): this {
    this.resource(logicalId, 'AWS::CloudFormation::Stack', properties);
    this.nested.set(logicalId, child);
    return this;
  }

  build(): RenderedTemplate {
    const sections: [string, object][] = [
      ['Parameters', this.parameters],
      ['Mappings', this.mappings],
      ['Conditions', this.conditions],
      ['Resources', this.resources],
      ['Outputs', this.outputs],
    ];
    const rendered: Body = Object.fromEntries(sections.filter(([, body]) => Object.keys(body).length > 0));
    if (this.transforms !== undefined) rendered.Transform = this.transforms;
    return rendered as RenderedTemplate;
  }
}

/** A template of a stack in eu-west-1 (the mandated region) unless `facts` say otherwise. */
export function template(stackPath = 'Stack', facts: BuilderFacts = { region: 'eu-west-1' }): TemplateBuilder {
  return new TemplateBuilder(stackPath, facts);
}

/** Opens the templates (and their nested ones) together, as one synthesis: exports and nested outputs resolve across them. */
export function openAll(stacks: readonly TemplateBuilder[]): StandaloneTemplate[] {
  const shared = new SharedTemplates();
  const opened: StandaloneTemplate[] = [];
  const open = (builder: TemplateBuilder, stackPath: string, inheritedKind?: 'nested'): TemplateView => {
    const { region, account, kind, publisherRegion, publisherPath } = builder.facts;
    const view = openTemplate(builder.build(), { region, account, judgedNestedStacks: new Set(builder.nested.keys()) }, shared);
    const facts: StackFacts = {
      region,
      kind: inheritedKind ?? kind ?? 'stack',
      transforms: view.transforms(),
      ...(publisherRegion === undefined ? {} : { publisherRegion }),
      ...(publisherPath === undefined ? {} : { publisherPath }),
    };
    opened.push({ stackPath, view, facts });
    for (const [logicalId, child] of builder.nested) shared.addNested(view, logicalId, open(child, `${stackPath}/${logicalId}`, 'nested'));
    return view;
  };
  for (const stack of stacks) open(stack, stack.stackPath);
  return opened;
}

/** Every violation the rules find in the templates, judged as the gate and sfx-check judge them. */
export function violationsOf(rules: ComplianceRule | readonly ComplianceRule[], ...stacks: TemplateBuilder[]): GateViolation[] {
  const list = Array.isArray(rules) ? rules : [rules as ComplianceRule];
  return judgeTemplates(openAll(stacks), list).flatMap((e) => e.violations);
}

/** The messages of `violationsOf`, each prefixed by its path: `Stack/Cache: AtRestEncryptionEnabled is false`. */
export function findings(rules: ComplianceRule | readonly ComplianceRule[], ...stacks: TemplateBuilder[]): string[] {
  return violationsOf(rules, ...stacks).map((v) => `${v.path}: ${v.message}`);
}

/** One resource judged alone by one rule's checkResource (in a template of its own, eu-west-1). */
export function checkOne(rule: ComplianceRule, type: string, properties?: Body, stack: TemplateBuilder = template()): Violation[] {
  stack.resource('Subject', type, properties);
  const [opened] = openAll([stack]);
  return rule.checkResource!(opened.view.resource('Subject')!, opened.view);
}
