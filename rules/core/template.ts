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
  readonly Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown } }>;
}

/** What the gate knows about a template beyond its text. */
export interface TemplateFacts {
  /** Region of the stack when literal; lets `Fn::GetAZs ''` and `AWS::Region` be reasoned about. */
  readonly region?: string;
  /** Logical ids of the AWS::CloudFormation::Stack resources whose templates the gate also judges (CDK nested stacks). */
  readonly judgedNestedStacks?: ReadonlySet<string>;
  /**
   * The exports of every stack the gate renders in this synthesis (shared by all their views):
   * `Fn::ImportValue` of one of them is as provable as the value the exporting template gives it,
   * which is how CDK passes references between stacks of one app. Anything else imported stays unknown.
   */
  readonly exports?: ReadonlyMap<string, ExportedValue>;
}

export class TemplateView {
  public readonly region: string | undefined;
  public readonly judgedNestedStacks: ReadonlySet<string>;
  private readonly resources = new Map<string, TemplateResource>();
  private readonly exports: ReadonlyMap<string, ExportedValue>;

  constructor(public readonly template: RenderedTemplate, facts: TemplateFacts = {}) {
    this.region = facts.region;
    this.judgedNestedStacks = facts.judgedNestedStacks ?? new Set();
    this.exports = facts.exports ?? new Map();
    for (const [logicalId, body] of Object.entries(template.Resources ?? {})) {
      const properties = isPlainObject(body?.Properties) ? body.Properties : {};
      const raw = isPlainObject(body) ? body : {};
      this.resources.set(logicalId, { logicalId, type: String(body?.Type ?? ''), properties, condition: body?.Condition, raw, home: this });
    }
  }

  /** The literal export names this template defines, with their values. */
  exportedValues(): [string, ExportedValue][] {
    return Object.values(this.template.Outputs ?? {}).flatMap((output) => {
      const name = isPlainObject(output) && isPlainObject(output.Export) ? output.Export.Name : undefined;
      return typeof name === 'string' ? [[name, { value: output.Value, view: this }] as [string, ExportedValue]] : [];
    });
  }

  /**
   * For `{ "Fn::ImportValue": "<name>" }` where `<name>` is a literal export of a stack the gate
   * rendered: the exported value and its template; otherwise `undefined` (an unknown import).
   */
  importedValue(expr: unknown): ExportedValue | undefined {
    if (!isPlainObject(expr) || intrinsicName(expr) !== 'Fn::ImportValue') return undefined;
    const name = expr['Fn::ImportValue'];
    return typeof name === 'string' ? this.exports.get(name) : undefined;
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

  /** What `renderString` writes for an import of an export of the app: `${import.<name, sanitized>}`. */
  importPlaceholder(expr: unknown): string | undefined {
    if (!this.importedValue(expr)) return undefined;
    return `\${import.${sanitizeExportName(String((expr as Record<string, unknown>)['Fn::ImportValue']))}}`;
  }

  /** The export behind an `importPlaceholder` key. */
  exportOfPlaceholder(key: string): ExportedValue | undefined {
    for (const [name, exported] of this.exports) if (sanitizeExportName(name) === key) return exported;
    return undefined;
  }

  /**
   * The resource that `expr` points at through `Ref` or `Fn::GetAtt` in this template, or
   * through `Fn::ImportValue` of an export whose value does so in another (its `home` says which);
   * `undefined` for anything else.
   */
  referencedResource(expr: unknown, hops = 0): TemplateResource | undefined {
    const imported = this.importedValue(expr);
    if (imported) return hops < 5 ? imported.view.referencedResource(imported.value, hops + 1) : undefined;
    const id = referencedLogicalId(expr);
    return id === undefined ? undefined : this.resource(id);
  }
}

function sanitizeExportName(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '_');
}

/** `{Ref: X}` → X, `{Fn::GetAtt: [X, attr]}` or `{Fn::GetAtt: 'X.attr'}` → X. */
export function referencedLogicalId(expr: unknown): string | undefined {
  if (!isPlainObject(expr)) return undefined;
  const keys = Object.keys(expr);
  if (keys.length !== 1) return undefined;
  if (typeof expr.Ref === 'string') return expr.Ref;
  const getAtt = expr['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
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
