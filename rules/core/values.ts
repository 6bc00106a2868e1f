/**
 * What values a property can take at deploy time, proven from the template alone.
 *
 * A literal has one value. A parameter with `AllowedValues`, a `Fn::FindInMap` or a
 * `Fn::If` has a finite set of values, every one of which must comply. A numeric
 * parameter with `MinValue`/`MaxValue` has a range. `Fn::ImportValue` of an export of another
 * stack of the app has the values the exporting template gives it. Anything else (a parameter
 * without constraints, any other import, an attribute of another resource) is `unknown`, and
 * rules fail closed on it.
 */
import { Rendered, RenderedPart, knownText, normalize, onlySameEverywhere } from './rendered';
import { ExportedValue, TemplateView } from './template';
import { intrinsicName, isPlainObject } from './intrinsics';

export type Possible =
  | { readonly kind: 'known'; readonly values: readonly unknown[]; readonly via?: string }
  | { readonly kind: 'range'; readonly min?: number; readonly max?: number; readonly via: string }
  | { readonly kind: 'unknown'; readonly reason: string };

const NO_VALUE = 'AWS::NoValue';

export function possibleValues(expr: unknown, template: TemplateView, following: Following = new Set()): Possible {
  const fn = intrinsicName(expr);
  if (fn === undefined) {
    if (containsIntrinsic(expr)) return { kind: 'unknown', reason: 'a structure built from intrinsic functions' };
    if (containsDynamicReference(expr)) return { kind: 'unknown', reason: DYNAMIC_REFERENCE };
    return { kind: 'known', values: [expr] };
  }
  const arg = (expr as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Ref':
      return possibleRef(String(arg), template, following);
    case 'Fn::If':
      return possibleIf(arg, template, following);
    case 'Fn::FindInMap':
      return possibleFindInMap(arg, template, following);
    case 'Fn::ImportValue': {
      // An export of another stack of this app is as provable as the value its template gives it.
      const followed = followImport(expr, template, following, (imported, deeper) => possibleValues(imported.value, imported.view, deeper));
      return followed ?? { kind: 'unknown', reason: 'an imported value (Fn::ImportValue)' };
    }
    case 'Fn::GetAtt':
      return { kind: 'unknown', reason: 'an attribute of another resource (Fn::GetAtt)' };
    default: {
      const text = literalString(expr, template, following);
      return text === undefined ? { kind: 'unknown', reason: `the intrinsic function ${fn}` } : { kind: 'known', values: [text] };
    }
  }
}

function possibleRef(name: string, template: TemplateView, following: Following): Possible {
  if (name === NO_VALUE) return { kind: 'known', values: [undefined] };
  if (name === 'AWS::Region' && template.region) return { kind: 'known', values: [template.region] };
  const parameter = template.parameter(name);
  if (parameter === undefined) {
    return template.resource(name)
      ? { kind: 'unknown', reason: `a reference to resource ${name}` }
      : { kind: 'unknown', reason: `the deploy-time value ${name}` };
  }
  // A CDK nested stack's parameter is whatever its parent passes.
  const passed = template.nestedParameter(name);
  if (passed) return possibleValues(passed.value, passed.view, following);
  const via = `parameter ${name}`;
  // For SSM-backed parameters AllowedValues constrain the parameter's name, not the value stored under it.
  if (typeof parameter.Type === 'string' && parameter.Type.startsWith('AWS::SSM::Parameter::Value')) {
    return { kind: 'unknown', reason: `CloudFormation ${via}, whose value is read from SSM Parameter Store at deploy time` };
  }
  if (Array.isArray(parameter.AllowedValues) && parameter.AllowedValues.every(isPrimitive)) {
    return { kind: 'known', values: parameter.AllowedValues, via };
  }
  const min = toNumber(parameter.MinValue);
  const max = toNumber(parameter.MaxValue);
  if (parameter.Type === 'Number' && (min !== undefined || max !== undefined)) {
    return { kind: 'range', min, max, via };
  }
  return { kind: 'unknown', reason: `CloudFormation ${via} without AllowedValues, chosen at deploy time` };
}

function possibleIf(arg: unknown, template: TemplateView, following: Following): Possible {
  if (!Array.isArray(arg) || arg.length !== 3) return { kind: 'unknown', reason: 'a malformed Fn::If' };
  return union(possibleValues(arg[1], template, following), possibleValues(arg[2], template, following), `Fn::If on ${String(arg[0])}`);
}

function possibleFindInMap(arg: unknown, template: TemplateView, following: Following): Possible {
  if (!Array.isArray(arg) || arg.length < 3 || typeof arg[0] !== 'string') {
    return { kind: 'unknown', reason: 'a Fn::FindInMap whose map is not a literal' };
  }
  const mapping = template.mapping(arg[0]);
  if (!mapping) return { kind: 'unknown', reason: `the missing mapping ${arg[0]}` };
  const topKeys = keysMatching(Object.keys(mapping), possibleValues(arg[1], template, following));
  const values: unknown[] = [];
  let complete = true; // every possible key pair exists in the mapping (no top key at all: no values, checked below)
  for (const top of topKeys) {
    const second = mapping[top] ?? {};
    const keys = keysMatching(Object.keys(second), possibleValues(arg[2], template, following));
    if (keys.length === 0) complete = false;
    for (const key of keys) values.push(second[key]);
  }
  // AWS::LanguageExtensions: a fourth argument { DefaultValue } is used when a key is missing.
  const fallback = isPlainObject(arg[3]) && 'DefaultValue' in arg[3] ? possibleValues(arg[3].DefaultValue, template, following) : undefined;
  if (fallback) return union({ kind: 'known', values }, fallback, `mapping ${arg[0]} with its DefaultValue`);
  if (!complete || values.length === 0) return { kind: 'unknown', reason: `a Fn::FindInMap lookup of mapping ${arg[0]} that can miss` };
  return { kind: 'known', values, via: `mapping ${arg[0]}` };
}

/** The keys a lookup can hit: the known ones, or every key when the key is not known. */
function keysMatching(keys: string[], key: Possible): string[] {
  if (key.kind !== 'known') return keys;
  const wanted = new Set(key.values.map(String));
  return keys.filter((k) => wanted.has(k));
}

function union(a: Possible, b: Possible, via: string): Possible {
  if (a.kind === 'unknown') return a;
  if (b.kind === 'unknown') return b;
  if (a.kind === 'known' && b.kind === 'known') return { kind: 'known', values: [...a.values, ...b.values], via };
  return { kind: 'unknown', reason: `${via} mixing a numeric range with other values` };
}

/** Exports being followed on the way to this value: a crafted export that imports itself must not recurse forever. */
type Following = ReadonlySet<string>;

/**
 * A string built only from literals (`Fn::Join`, `Fn::Sub` without variables, pseudo
 * parameters whose value is known), or `undefined` when any part is decided at deploy time.
 */
export function literalString(expr: unknown, template: TemplateView, following: Following = new Set()): string | undefined {
  const parts = render(expr, template, following);
  return parts === undefined ? undefined : knownText(parts);
}

const DYNAMIC_REFERENCE = 'a dynamic reference ({{resolve:…}}) that CloudFormation replaces at deploy time';

/** `{{resolve:ssm:…}}` and its kind look like literals but are values read at deploy time. */
function containsDynamicReference(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{resolve:');
  if (Array.isArray(value)) return value.some(containsDynamicReference);
  return isPlainObject(value) && Object.values(value).some(containsDynamicReference);
}

const UNKNOWN: Rendered = [{ kind: 'unknown' }];

/**
 * Renders a string-valued expression as typed parts (literal text and the parts decided at
 * deploy time), so rules can reason about its literal shape (an ARN prefix, a dynamic reference).
 * Returns `undefined` for values that are not strings at all.
 */
export function render(expr: unknown, template: TemplateView, following: Following = new Set()): Rendered | undefined {
  if (typeof expr === 'string' || typeof expr === 'number' || typeof expr === 'boolean') return normalize([{ kind: 'literal', text: String(expr) }]);
  const fn = intrinsicName(expr);
  if (fn === undefined) return undefined;
  const arg = (expr as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Ref': {
      const name = String(arg);
      // A nested stack's parameter whose value is literal but for pseudo parameters reads as that value.
      const passed = template.nestedParameter(name);
      const parts = passed ? render(passed.value, passed.view, following) : undefined;
      return parts !== undefined && onlySameEverywhere(parts) ? parts : [namedPart(name, template)];
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return UNKNOWN;
      const delimiter: RenderedPart = { kind: 'literal', text: arg[0] };
      return normalize(arg[1].flatMap((part, index) => [...(index > 0 ? [delimiter] : []), ...(render(part, template, following) ?? UNKNOWN)]));
    }
    case 'Fn::Sub':
      return renderSub(arg, template, following);
    case 'Fn::GetAtt':
      return [namedPart(Array.isArray(arg) ? arg.join('.') : String(arg), template)];
    case 'Fn::Select': {
      // A segment of one referenced value keeps its delimiter and index: `Select(6, Split(':', Ref Machine))`
      // is segment 6 of Machine, so rules can tell the name in an ARN from its region or an empty field.
      // Stryker disable next-line ArrayDeclaration: any other stand-in leaves `list` undefined, not a Fn::Split, so the result is UNKNOWN either way
      const [index, list] = Array.isArray(arg) ? arg : [];
      const split = isPlainObject(list) && Array.isArray(list['Fn::Split']) ? list['Fn::Split'] : undefined;
      const position = toNumber(index);
      const delimiter = split && (split[0] === ':' || split[0] === '/') ? split[0] : undefined;
      const whole = delimiter !== undefined && position !== undefined ? render(split![1], template, following) : undefined;
      const single = whole?.length === 1 && whole[0].kind !== 'literal' ? whole[0] : undefined;
      return single && delimiter ? [{ kind: 'segment', of: single, delimiter, index: position! }] : UNKNOWN;
    }
    case 'Fn::ImportValue': {
      // A literal export renders as its text; a reference keeps a part naming the export.
      const parts = followImport(expr, template, following, (imported, deeper) => render(imported.value, imported.view, deeper));
      if (parts === undefined) return UNKNOWN;
      return onlySameEverywhere(parts) ? parts : [{ kind: 'import', exportName: String((expr as Record<string, unknown>)[fn]) }];
    }
    default:
      return UNKNOWN;
  }
}

/** `Fn::Sub [body, { Var: value }]`: a variable of the map means its value, not a resource of that name. */
function renderSub(arg: unknown, template: TemplateView, following: Following): Rendered {
  const [body, variables] = Array.isArray(arg) ? [arg[0], isPlainObject(arg[1]) ? arg[1] : {}] : [arg, {}];
  if (typeof body !== 'string') return UNKNOWN;
  const parts: RenderedPart[] = [];
  let last = 0;
  // `${!Literal}` is an escape, not a variable: it stays in the literal text.
  for (const match of body.matchAll(/\$\{([^}!]*)\}/g)) {
    parts.push({ kind: 'literal', text: body.slice(last, match.index) });
    const name = match[1];
    parts.push(...(name in variables ? (render(variables[name], template, following) ?? UNKNOWN) : [namedPart(name, template)]));
    last = match.index! + match[0].length;
  }
  parts.push({ kind: 'literal', text: body.slice(last) });
  return normalize(parts);
}

/**
 * A name a `Ref`, `Fn::GetAtt` or `Fn::Sub` variable refers to: a parameter, a pseudo parameter (the stack's
 * region as its text when literal), or a logical id (with an attribute).
 */
function namedPart(name: string, template: TemplateView): RenderedPart {
  if (name === 'AWS::Region' && template.region) return { kind: 'literal', text: template.region };
  if (template.parameter(name)) return { kind: 'parameter', name };
  if (name.startsWith('AWS::')) return { kind: 'pseudo', name };
  const dot = name.indexOf('.');
  return dot === -1 ? { kind: 'reference', logicalId: name } : { kind: 'reference', logicalId: name.slice(0, dot), attribute: name.slice(dot + 1) };
}

/** Applies `use` to the export `expr` imports, if it is one of the app's and not already being followed. */
function followImport<T>(
  expr: unknown,
  template: TemplateView,
  following: Following,
  use: (imported: ExportedValue, following: Following) => T,
): T | undefined {
  const imported = template.importedValue(expr);
  const name = String((expr as Record<string, unknown>)['Fn::ImportValue']);
  if (!imported || following.has(name)) return undefined;
  return use(imported, new Set([...following, name]));
}

function containsIntrinsic(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsIntrinsic);
  if (!isPlainObject(value)) return false;
  if (intrinsicName(value) !== undefined) return true;
  return Object.values(value).some(containsIntrinsic);
}

function isPrimitive(value: unknown): boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}
