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
}

/** A CloudFormation template as rendered by CDK (the `_toCloudFormation()` output). */
export interface RenderedTemplate {
  readonly Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown>; Condition?: unknown }>;
  readonly Transform?: unknown;
  readonly Parameters?: Record<string, Record<string, unknown>>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Conditions?: Record<string, unknown>;
}

/** What the gate knows about a template beyond its text. */
export interface TemplateFacts {
  /** Region of the stack when literal; lets `Fn::GetAZs ''` and `AWS::Region` be reasoned about. */
  readonly region?: string;
  /** Logical ids of the AWS::CloudFormation::Stack resources whose templates the gate also judges (CDK nested stacks). */
  readonly judgedNestedStacks?: ReadonlySet<string>;
}

export class TemplateView {
  public readonly region: string | undefined;
  public readonly judgedNestedStacks: ReadonlySet<string>;
  private readonly resources = new Map<string, TemplateResource>();

  constructor(public readonly template: RenderedTemplate, facts: TemplateFacts = {}) {
    this.region = facts.region;
    this.judgedNestedStacks = facts.judgedNestedStacks ?? new Set();
    for (const [logicalId, body] of Object.entries(template.Resources ?? {})) {
      const properties = isPlainObject(body?.Properties) ? body.Properties : {};
      const raw = isPlainObject(body) ? body : {};
      this.resources.set(logicalId, { logicalId, type: String(body?.Type ?? ''), properties, condition: body?.Condition, raw });
    }
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

  /**
   * The logical id of the resource in this template that `expr` points at through
   * `Ref` or `Fn::GetAtt`, or `undefined` for anything else.
   */
  referencedResource(expr: unknown): TemplateResource | undefined {
    const id = referencedLogicalId(expr);
    return id === undefined ? undefined : this.resource(id);
  }
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
