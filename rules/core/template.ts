/**
 * A read-only view of one rendered CloudFormation template (after escape-hatch overrides
 * and token resolution), with the few lookups rules need to follow references.
 */

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

/**
 * What the templates of one synthesis know about each other, filled in as the gate renders them.
 * Exports: `Fn::ImportValue` of an export of another stack of the app is as provable as the value
 * its template gives it (that is how CDK passes references between stacks), when both stacks are
 * in the same literal account (or both unset) and region, the output has no condition, and no
 * other template exports the same name. Nested templates: `Fn::GetAtt [Nested, Outputs.X]` of a
 * CDK nested stack is the output's value in the nested template. Anything else stays unknown.
 */
export class SharedTemplates {
  private readonly exports = new Map<string, ExportedValue | 'ambiguous'>();
  private readonly nested = new Map<TemplateView, Map<string, TemplateView>>();
  private readonly parents = new Map<TemplateView, { parent: TemplateView; logicalId: string }>();
  private readonly views = new Set<TemplateView>();

  /** Records a template judged in this synthesis (and its exports). */
  addTemplate(view: TemplateView): void {
    this.views.add(view);
    this.addExports(view);
  }

  /** Every template recorded with addTemplate: what another template's resources may be changed by (an ingress rule on an imported group). */
  templates(): readonly TemplateView[] {
    return [...this.views];
  }

  addExports(view: TemplateView): void {
    for (const [name, exported] of view.exportedValues()) {
      const key = SharedTemplates.exportKey(view, name);
      this.exports.set(key, this.exports.has(key) ? 'ambiguous' : exported);
    }
  }

  exportSeenBy(importer: TemplateView, name: string): ExportedValue | undefined {
    const found = this.exports.get(SharedTemplates.exportKey(importer, name));
    return found === 'ambiguous' ? undefined : found;
  }

  addNested(parent: TemplateView, logicalId: string, child: TemplateView): void {
    if (!this.nested.has(parent)) this.nested.set(parent, new Map());
    this.nested.get(parent)!.set(logicalId, child);
    this.parents.set(child, { parent, logicalId });
  }

  /** For a CDK nested stack's template: its parent's template and the logical id of the stack resource there. */
  parentOf(child: TemplateView): { parent: TemplateView; logicalId: string } | undefined {
    return this.parents.get(child);
  }

  nestedTemplate(parent: TemplateView, logicalId: string): TemplateView | undefined {
    return this.nested.get(parent)?.get(logicalId);
  }

  private static exportKey(view: TemplateView, name: string): string {
    return JSON.stringify([view.account ?? null, view.region ?? null, name]);
  }
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
    return typeof name === 'string' ? this.shared.exportSeenBy(this, name) : undefined;
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

  /** What `renderString` writes for an import of an export of the app: `${import.<name, hex-encoded>}`. */
  importPlaceholder(expr: unknown): string | undefined {
    if (!this.importedValue(expr)) return undefined;
    return `\${import.${Buffer.from(String((expr as Record<string, unknown>)['Fn::ImportValue'])).toString('hex')}}`;
  }

  /** The export behind an `importPlaceholder` key. */
  exportOfPlaceholder(key: string): ExportedValue | undefined {
    return /^[0-9a-f]+$/.test(key) ? this.shared.exportSeenBy(this, Buffer.from(key, 'hex').toString()) : undefined;
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
    if (id === undefined) return undefined;
    // Into the parent through a nested stack's parameter, into a nested stack through its output.
    const passed = isPlainObject(expr) && typeof expr.Ref === 'string' ? this.nestedParameter(id) : undefined;
    if (passed) return passed.view.referencedResource(passed.value, hops + 1);
    const output = nestedOutputName(expr);
    const nested = output === undefined ? undefined : this.nestedTemplate(id);
    if (nested && output !== undefined) return nested.referencedResource(nested.template.Outputs?.[output]?.Value, hops + 1);
    return this.resource(id);
  }
}

/** `{Fn::GetAtt: [Stack, 'Outputs.X']}` → X. */
function nestedOutputName(expr: unknown): string | undefined {
  const attribute = referencedAttribute(expr) ?? '';
  return attribute.startsWith('Outputs.') ? attribute.slice('Outputs.'.length) : undefined;
}

/** `{Ref: X}` → X, `{Fn::GetAtt: [X, attr]}` or `{Fn::GetAtt: 'X.attr'}` → X, `{Fn::Sub: '${X}'}` → X. */
export function referencedLogicalId(expr: unknown): string | undefined {
  if (!isPlainObject(expr)) return undefined;
  const keys = Object.keys(expr);
  if (keys.length !== 1) return undefined;
  if (typeof expr.Ref === 'string') return expr.Ref;
  const getAtt = expr['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  // `Fn::Sub: '${X}'` is `Ref: X`, and `'${X.Attr}'` is `Fn::GetAtt: [X, Attr]`.
  const sub = typeof expr['Fn::Sub'] === 'string' ? /^\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}$/.exec(expr['Fn::Sub']) : null;
  return sub ? sub[1] : undefined;
}

/**
 * The attribute `expr` reads of the resource `referencedLogicalId` names: `{Fn::GetAtt: [X, 'Arn']}`,
 * `'X.Arn'` or `{Fn::Sub: '${X.Arn}'}` → `Arn`; `undefined` for a Ref (and anything else).
 */
export function referencedAttribute(expr: unknown): string | undefined {
  if (!isPlainObject(expr)) return undefined;
  const getAtt = expr['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return String(getAtt[1]);
  if (typeof getAtt === 'string') return getAtt.split('.').slice(1).join('.') || undefined;
  const sub = typeof expr['Fn::Sub'] === 'string' ? /^\$\{[A-Za-z0-9]+\.([A-Za-z0-9.]+)\}$/.exec(expr['Fn::Sub']) : null;
  return sub ? sub[1] : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The name of the intrinsic function when `expr` is `{ "Fn::X": … }` or `{ Ref: … }`. */
export function intrinsicName(expr: unknown): string | undefined {
  if (!isPlainObject(expr)) return undefined;
  const keys = Object.keys(expr);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/** A property value as a list: CloudFormation accepts a single value where a list is allowed. */
export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
