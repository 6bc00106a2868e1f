/**
 * A read-only view of one rendered CloudFormation template (after escape-hatch overrides
 * and token resolution), with the few lookups rules need to follow references.
 */
import { asList, intrinsicName, isPlainObject, nestedOutputName, referencedLogicalId } from './intrinsics';
import { SharedTemplates } from './shared-templates';

/** One resource exactly as CloudFormation will receive it. */
export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  /** `{}` when the template has no `Properties` for the resource. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The template condition that decides whether the resource exists at all, if any. */
  readonly condition?: unknown;
  /** The whole resource entry (Type, Properties, Condition, Metadata, …) as rendered. */
  readonly raw: Readonly<Record<string, unknown>>;
  /**
   * The template that holds the resource: the one being judged, or, for a resource reached
   * through `Fn::ImportValue` of another stack's export, that stack's template.
   */
  readonly home: TemplateView;
}

/** A stack export (`Outputs.X.Export.Name`) of the app, and the template that defines its value. */
export interface ExportedValue {
  readonly value: unknown;
  readonly view: TemplateView;
}

/** A CloudFormation template as rendered by CDK (the `_toCloudFormation()` output). */
export interface RenderedTemplate {
  readonly Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown>; Condition?: unknown }>;
  readonly Transform?: unknown;
  readonly Parameters?: Record<string, Record<string, unknown>>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Conditions?: Record<string, unknown>;
  readonly Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown }; Condition?: unknown }>;
}

/** What the gate knows about a template beyond its text. */
export interface TemplateFacts {
  /** Region of the stack when literal; lets `Fn::GetAZs ''` and `AWS::Region` be reasoned about. */
  readonly region?: string;
  /** Account of the stack when literal: exports are only seen by imports of the same account and region. */
  readonly account?: string;
  /** Logical ids of the AWS::CloudFormation::Stack resources whose templates the gate also judges (CDK nested stacks). */
  readonly judgedNestedStacks?: ReadonlySet<string>;
  /** What the gate learns from every template it renders in this synthesis (exports, nested templates). */
  readonly shared?: SharedTemplates;
}

export class TemplateView {
  public readonly region: string | undefined;
  public readonly account: string | undefined;
  public readonly judgedNestedStacks: ReadonlySet<string>;
  private readonly resources = new Map<string, TemplateResource>();
  private readonly shared: SharedTemplates;

  constructor(
    public readonly template: RenderedTemplate,
    facts: TemplateFacts = {},
  ) {
    this.region = facts.region;
    this.account = facts.account;
    this.judgedNestedStacks = facts.judgedNestedStacks ?? new Set();
    this.shared = facts.shared ?? new SharedTemplates();
    for (const [logicalId, body] of Object.entries(template.Resources ?? {})) {
      const properties = isPlainObject(body?.Properties) ? body.Properties : {};
      const raw = isPlainObject(body) ? body : {};
      this.resources.set(logicalId, { logicalId, type: String(body?.Type ?? ''), properties, condition: body?.Condition, raw, home: this });
    }
  }

  /** The literal export names this template always defines (outputs without a Condition), with their values. */
  exportedValues(): [string, ExportedValue][] {
    return Object.values(this.template.Outputs ?? {}).flatMap((output) => {
      const name = isPlainObject(output) && isPlainObject(output.Export) && output.Condition === undefined ? output.Export.Name : undefined;
      return typeof name === 'string' ? [[name, { value: output.Value, view: this }] as [string, ExportedValue]] : [];
    });
  }

  /** Every template judged with this one (itself included, also when it was made alone). */
  judgedTemplates(): readonly TemplateView[] {
    const all = this.shared.templates();
    return all.includes(this) ? all : [this, ...all];
  }

  /** The template of the CDK nested stack that resource `logicalId` of this template deploys, if the gate rendered it. */
  nestedTemplate(logicalId: string): TemplateView | undefined {
    return this.shared.nestedTemplate(this, logicalId);
  }

  /**
   * For a parameter of a CDK nested stack's template: the value its parent passes (only the parent's
   * stack resource can set it, which is how CDK hands references into nested stacks), in the parent's template.
   */
  nestedParameter(name: string): ExportedValue | undefined {
    // Only plain values: an SSM-typed parameter reads the store under the name passed, a list splits it.
    const type = this.parameter(name)?.Type;
    if (type !== 'String' && type !== 'Number') return undefined;
    const link = this.shared.parentOf(this);
    const parameters = link?.parent.resource(link.logicalId)?.properties.Parameters;
    return link && isPlainObject(parameters) && parameters[name] !== undefined ? { value: parameters[name], view: link.parent } : undefined;
  }

  /**
   * For `{ "Fn::ImportValue": "<name>" }` where `<name>` is a literal export of a stack the gate
   * rendered: the exported value and its template; otherwise `undefined` (an unknown import).
   */
  importedValue(expr: unknown): ExportedValue | undefined {
    if (!isPlainObject(expr) || intrinsicName(expr) !== 'Fn::ImportValue') return undefined;
    const name = expr['Fn::ImportValue'];
    // A name that is not a string matches no export (SharedTemplates keys them by their JSON-quoted string names).
    // Stryker disable next-line ConditionalExpression: equivalent, exportNamed of a non-string finds nothing either
    return typeof name === 'string' ? this.exportNamed(name) : undefined;
  }

  resource(logicalId: string): TemplateResource | undefined {
    return this.resources.get(logicalId);
  }

  allResources(): TemplateResource[] {
    return [...this.resources.values()];
  }

  resourcesOfType(type: string): TemplateResource[] {
    return this.allResources().filter((r) => r.type === type);
  }

  /**
   * Resources of the type that exist whatever the template's conditions: only these can prove a
   * property of the deployment (a second AZ, a replica), since a conditional one may never be created.
   */
  unconditionalResourcesOfType(type: string): TemplateResource[] {
    return this.resourcesOfType(type).filter((r) => r.condition === undefined);
  }

  /** The template's `Transform` entries (names), as rendered. */
  transforms(): string[] {
    return asList(this.template.Transform).map((t) => (isPlainObject(t) ? String(t.Name ?? '') : String(t)));
  }

  parameter(name: string): Record<string, unknown> | undefined {
    return this.template.Parameters?.[name];
  }

  mapping(name: string): Record<string, Record<string, unknown>> | undefined {
    return this.template.Mappings?.[name];
  }

  /** The export `name` of a stack of the app that an import in this template sees, if there is exactly one. */
  exportNamed(name: string): ExportedValue | undefined {
    return this.shared.exportSeenBy(this, name);
  }

  /**
   * The resource that `expr` points at through `Ref` or `Fn::GetAtt` in this template, or
   * through `Fn::ImportValue` of an export whose value does so in another (its `home` says which);
   * `undefined` for anything else.
   */
  referencedResource(expr: unknown, hops = 0): TemplateResource | undefined {
    if (hops > 5) return undefined;
    const imported = this.importedValue(expr);
    if (imported) return imported.view.referencedResource(imported.value, hops + 1);
    const id = referencedLogicalId(expr);
    // Without an id no lookup below finds anything (no resource or nested template has the id undefined; only a
    // parameter named "undefined" could be read): the test narrows the type.
    // Stryker disable next-line ConditionalExpression: equivalent but for a parameter named "undefined"
    if (id === undefined) return undefined;
    // Into the parent through a nested stack's parameter, into a nested stack through its output.
    const passed = isPlainObject(expr) && typeof expr.Ref === 'string' ? this.nestedParameter(id) : undefined;
    if (passed) return passed.view.referencedResource(passed.value, hops + 1);
    const output = nestedOutputName(expr);
    const nested = output === undefined ? undefined : this.nestedTemplate(id);
    // `nested` is only looked up for an output, so `output` is defined here.
    if (nested) return nested.referencedResource(nested.template.Outputs?.[output!]?.Value, hops + 1);
    return this.resource(id);
  }
}
