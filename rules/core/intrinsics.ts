/** Reading CloudFormation intrinsic functions and reference shapes, without any template at hand. */

/** `{Fn::GetAtt: [Stack, 'Outputs.X']}` → X. */
export function nestedOutputName(expr: unknown): string | undefined {
  const attribute = referencedAttribute(expr);
  return attribute?.startsWith('Outputs.') ? attribute.slice('Outputs.'.length) : undefined;
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
  // Stryker disable next-line ConditionalExpression: the string test replaced by true does not compile (TS2345: exec takes a string)
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
  // Stryker disable next-line ConditionalExpression: the string test replaced by true does not compile (TS2345: exec takes a string)
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

/** A plain object that is not an intrinsic function (whose shape is decided at deploy time). */
export function isLiteralObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && intrinsicName(value) === undefined;
}
