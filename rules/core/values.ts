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
import { ExportedValue, TemplateView } from './template';
import { intrinsicName, isPlainObject } from './intrinsics';

export type Possible =
  | { readonly kind: 'known'; readonly values: readonly unknown[]; readonly via?: string }
  | { readonly kind: 'range'; readonly min?: number; readonly max?: number; readonly via: string }
  | { readonly kind: 'unknown'; readonly reason: string };

const NO_VALUE = 'AWS::NoValue';

export function possibleValues(expr: unknown, template: TemplateView): Possible {
  const fn = intrinsicName(expr);
  if (fn === undefined) {
    if (containsIntrinsic(expr)) return { kind: 'unknown', reason: 'a structure built from intrinsic functions' };
    if (containsDynamicReference(expr)) return { kind: 'unknown', reason: DYNAMIC_REFERENCE };
    return { kind: 'known', values: [expr] };
  }
  const arg = (expr as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Ref':
      return possibleRef(String(arg), template);
    case 'Fn::If':
      return possibleIf(arg, template);
    case 'Fn::FindInMap':
      return possibleFindInMap(arg, template);
    case 'Fn::ImportValue': {
      // An export of another stack of this app is as provable as the value its template gives it.
      const followed = followImport(expr, template, (imported) => possibleValues(imported.value, imported.view));
      return followed ?? { kind: 'unknown', reason: 'an imported value (Fn::ImportValue)' };
    }
    case 'Fn::GetAtt':
      return { kind: 'unknown', reason: 'an attribute of another resource (Fn::GetAtt)' };
    default: {
      const text = literalString(expr, template);
      return text === undefined ? { kind: 'unknown', reason: `the intrinsic function ${fn}` } : { kind: 'known', values: [text] };
    }
  }
}

function possibleRef(name: string, template: TemplateView): Possible {
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
  if (passed) return possibleValues(passed.value, passed.view);
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

function possibleIf(arg: unknown, template: TemplateView): Possible {
  if (!Array.isArray(arg) || arg.length !== 3) return { kind: 'unknown', reason: 'a malformed Fn::If' };
  return union(possibleValues(arg[1], template), possibleValues(arg[2], template), `Fn::If on ${String(arg[0])}`);
}

function possibleFindInMap(arg: unknown, template: TemplateView): Possible {
  if (!Array.isArray(arg) || arg.length < 3 || typeof arg[0] !== 'string') {
    return { kind: 'unknown', reason: 'a Fn::FindInMap whose map is not a literal' };
  }
  const mapping = template.mapping(arg[0]);
  if (!mapping) return { kind: 'unknown', reason: `the missing mapping ${arg[0]}` };
  const topKeys = keysMatching(Object.keys(mapping), possibleValues(arg[1], template));
  const values: unknown[] = [];
  let complete = true; // every possible key pair exists in the mapping
  for (const top of topKeys) {
    const second = mapping[top] ?? {};
    const keys = keysMatching(Object.keys(second), possibleValues(arg[2], template));
    if (keys.length === 0) complete = false;
    for (const key of keys) values.push(second[key]);
  }
  if (topKeys.length === 0) complete = false;
  // AWS::LanguageExtensions: a fourth argument { DefaultValue } is used when a key is missing.
  const fallback = isPlainObject(arg[3]) && 'DefaultValue' in arg[3] ? possibleValues(arg[3].DefaultValue, template) : undefined;
  if (fallback) return union({ kind: 'known', values, via: `mapping ${arg[0]}` }, fallback, `mapping ${arg[0]} with its DefaultValue`);
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

/**
 * A string built only from literals (`Fn::Join`, `Fn::Sub` without variables, pseudo
 * parameters whose value is known), or `undefined` when any part is decided at deploy time.
 */
export function literalString(expr: unknown, template: TemplateView): string | undefined {
  const text = renderString(expr, template);
  return text !== undefined && !text.includes('${') && !text.includes('{{resolve:') ? text : undefined;
}

const DYNAMIC_REFERENCE = 'a dynamic reference ({{resolve:…}}) that CloudFormation replaces at deploy time';

/** `{{resolve:ssm:…}}` and its kind look like literals but are values read at deploy time. */
function containsDynamicReference(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{resolve:');
  if (Array.isArray(value)) return value.some(containsDynamicReference);
  return isPlainObject(value) && Object.values(value).some(containsDynamicReference);
}

/**
 * Renders a string-valued expression with `${…}` placeholders for deploy-time parts, so
 * rules can reason about its literal shape (an ARN prefix, a dynamic reference).
 * Returns `undefined` for values that are not strings at all.
 */
export function renderString(expr: unknown, template: TemplateView): string | undefined {
  if (typeof expr === 'string') return expr;
  if (typeof expr === 'number' || typeof expr === 'boolean') return String(expr);
  const fn = intrinsicName(expr);
  if (fn === undefined) return undefined;
  const arg = (expr as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Ref': {
      const name = String(arg);
      if (name === 'AWS::Region' && template.region) return template.region;
      // A nested stack's parameter whose value is literal but for pseudo parameters reads as that value.
      const passed = template.nestedParameter(name);
      const text = passed ? renderString(passed.value, passed.view) : undefined;
      return text !== undefined && onlyPseudoParameters(text) ? text : placeholder(name, template);
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return UNKNOWN_PART;
      return arg[1].map((part) => renderString(part, template) ?? UNKNOWN_PART).join(arg[0]);
    }
    case 'Fn::Sub': {
      // Fn::Sub [body, { Var: value }]: a variable of the map means its value, not a resource of that name.
      const [body, variables] = Array.isArray(arg) ? [arg[0], isPlainObject(arg[1]) ? arg[1] : {}] : [arg, {}];
      if (typeof body !== 'string') return UNKNOWN_PART;
      return body.replace(/\$\{([^}!]*)\}/g, (_, name: string) =>
        name in variables ? (renderString(variables[name], template) ?? UNKNOWN_PART) : placeholder(name, template),
      );
    }
    case 'Fn::GetAtt':
      return placeholder(Array.isArray(arg) ? arg.join('.') : String(arg), template);
    case 'Fn::Select': {
      // A segment of one referenced value keeps its delimiter and index: `Select(6, Split(':', Ref Machine))`
      // renders `${Machine.SplitColon6}`, so rules can tell the name in an ARN from its region or an empty field.
      const [index, list] = Array.isArray(arg) ? arg : [];
      const split = isPlainObject(list) && Array.isArray(list['Fn::Split']) ? list['Fn::Split'] : undefined;
      const position = toNumber(index);
      const delimiter = split ? SPLIT_DELIMITERS[String(split[0])] : undefined;
      const whole = delimiter !== undefined && position !== undefined ? renderString(split![1], template) : undefined;
      const single = whole === undefined ? null : /^\$\{([^}]+)\}$/.exec(whole);
      return single ? `\${${single[1]}.Split${delimiter}${position}}` : UNKNOWN_PART;
    }
    case 'Fn::ImportValue': {
      // A literal export renders as its text; a reference keeps a placeholder naming the export.
      const text = followImport(expr, template, (imported) => renderString(imported.value, imported.view));
      if (text === undefined) return UNKNOWN_PART;
      return onlyPseudoParameters(text) ? text : (template.importPlaceholder(expr) ?? UNKNOWN_PART);
    }
    default:
      return UNKNOWN_PART;
  }
}

/** Delimiters of `Fn::Split` whose segments rules reason about (ARN fields, resource paths). */
const SPLIT_DELIMITERS: Record<string, string> = { ':': 'Colon', '/': 'Slash' };

/** Exports being followed right now: a crafted export that imports itself must not recurse forever. */
const following = new Set<string>();

/** Applies `use` to the export `expr` imports, if it is one of the app's and not already being followed. */
function followImport<T>(expr: unknown, template: TemplateView, use: (imported: ExportedValue) => T): T | undefined {
  const imported = template.importedValue(expr);
  const name = String((expr as Record<string, unknown>)['Fn::ImportValue']);
  if (!imported || following.has(name)) return undefined;
  following.add(name);
  try {
    return use(imported);
  } finally {
    following.delete(name);
  }
}

/** How `renderString` writes the pseudo parameters that are the same in every stack of one account and region (and the stack's name). */
export const PSEUDO_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'AWS.AccountId',
  'AWS.Partition',
  'AWS.Region',
  'AWS.URLSuffix',
  'AWS.StackName',
  'AWS.StackId',
]);

/** Text whose only deploy-time parts are pseudo parameters. */
function onlyPseudoParameters(text: string): boolean {
  return [...text.matchAll(/\$\{([^}]*)\}/g)].every(([, inner]) => PSEUDO_PLACEHOLDERS.has(inner));
}

/** What renderString puts for a part decided by an intrinsic it cannot follow. */
export const UNKNOWN_PART = '${intrinsic}';

/**
 * `${param.Name}` for a template parameter, `${Name}` for a resource or pseudo parameter.
 * Placeholders carry no `:` so that ARN segments can still be split on it.
 */
function placeholder(name: string, template: TemplateView): string {
  if (template.parameter(name)) return `\${param.${name}}`;
  return `\${${name.replace(/:+/g, '.')}}`;
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
