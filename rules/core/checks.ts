/**
 * Reusable judgements over a property's possible values. Each returns a violation with
 * a precise reason (absent and defaulted, false, from a parameter, not a literal) or
 * `undefined` when every possible value complies.
 */
import { Violation, fail } from './rule';
import { TemplateView } from './template';
import { Possible, possibleValues, toNumber } from './values';

/** CloudFormation accepts booleans as `true` or the string `"true"`. */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

export function isFalse(value: unknown): boolean {
  return value === false || (typeof value === 'string' && value.toLowerCase() === 'false');
}

/** Message fragment for a value that cannot be proven at synth time. */
export function notLiteral(property: string, reason: string): string {
  return `${property} is not a literal (it is ${reason}); the value must be a literal so the gate can prove it at synth time`;
}

/**
 * Requires every possible value of `properties[name]` to satisfy `ok`.
 * `absentMeans` describes CloudFormation's default when the property is missing.
 */
export function requireValue(
  properties: Readonly<Record<string, unknown>>,
  name: string,
  template: TemplateView,
  ok: (value: unknown) => boolean,
  expectation: string,
  absentMeans: string,
): Violation | undefined {
  const possible = possibleValues(properties[name], template);
  return judge(possible, name, ok, expectation, absentMeans);
}

/**
 * `name` must satisfy `ok` when set; absent (also through AWS::NoValue) passes, because CloudFormation's
 * default is compliant. No "absent means" text: it could never be shown.
 */
export function requireValueIfSet(
  properties: Readonly<Record<string, unknown>>,
  name: string,
  template: TemplateView,
  ok: (value: unknown) => boolean,
  expectation: string,
): Violation | undefined {
  // Stryker disable next-line StringLiteral: never shown: the test given to judge accepts an absent value
  return requireValue(properties, name, template, (value) => value === undefined || ok(value), expectation, 'absent passes');
}

export function judge(
  possible: Possible,
  name: string,
  ok: (value: unknown) => boolean,
  expectation: string,
  absentMeans: string,
): Violation | undefined {
  if (possible.kind === 'unknown') return fail(notLiteral(name, possible.reason), `set ${name} to ${expectation} as a literal`);
  if (possible.kind === 'range') {
    if (possible.min !== undefined && possible.max !== undefined && ok(possible.min) && ok(possible.max)) return undefined;
    return fail(
      `${name} comes from ${possible.via}, whose range allows values that are not ${expectation}`,
      `set ${name} to ${expectation}, or constrain ${possible.via}`,
    );
  }
  const bad = possible.values.filter((value) => !ok(value));
  if (bad.length === 0) return undefined;
  if (possible.via !== undefined) {
    return fail(
      `${name} comes from ${possible.via}, which allows ${bad.map(show).join(', ')}`,
      `make every allowed value of ${possible.via} ${expectation}, or set ${name} to a literal`,
    );
  }
  if (bad[0] === undefined) return fail(`${name} is absent (${absentMeans})`, `set ${name} to ${expectation}`);
  return fail(`${name} is ${show(bad[0])}`, `set ${name} to ${expectation}`);
}

/** `name` must be literally true (absent means CloudFormation's default, false). */
export function requireTrue(
  properties: Readonly<Record<string, unknown>>,
  name: string,
  template: TemplateView,
  absentMeans = 'CloudFormation default: false',
): Violation | undefined {
  return requireValue(properties, name, template, isTrue, 'true', absentMeans);
}

/** `name` must be literally false; an absent value is judged by `absentMeans`. */
export function requireFalse(
  properties: Readonly<Record<string, unknown>>,
  name: string,
  template: TemplateView,
  absentMeans: string,
): Violation | undefined {
  return requireValue(properties, name, template, isFalse, 'false', absentMeans);
}

/**
 * `name` must be a number of at least `minimum`; `defaultValue` is CloudFormation's
 * default when absent (or `undefined` when absent cannot be proven to comply).
 */
export function requireAtLeast(
  properties: Readonly<Record<string, unknown>>,
  name: string,
  minimum: number,
  template: TemplateView,
  defaultValue: number | undefined,
): Violation | undefined {
  const ok = (value: unknown) => {
    const n = value === undefined ? defaultValue : toNumber(value);
    // Without the undefined test it does not compile (TS18048), and at run time undefined >= minimum is false too.
    // Stryker disable next-line ConditionalExpression: does not compile without the undefined test; equivalent at run time
    return n !== undefined && n >= minimum;
  };
  const absentMeans = defaultValue === undefined ? 'no default that can be proven' : `CloudFormation default: ${defaultValue}`;
  const possible = possibleValues(properties[name], template);
  // A numeric parameter whose MinValue reaches the minimum complies whatever its MaxValue.
  // Without the kind or the undefined test it does not compile (TS2339, TS18048: only a range has a min, maybe undefined);
  // at run time undefined >= minimum is false too.
  // Stryker disable next-line ConditionalExpression,LogicalOperator: does not compile without either test; equivalent at run time
  if (possible.kind === 'range' && possible.min !== undefined && possible.min >= minimum) return undefined;
  return judge(possible, name, ok, `at least ${minimum}`, absentMeans);
}

export function show(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}
