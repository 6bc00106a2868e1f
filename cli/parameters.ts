/**
 * `--parameters file.json` in the CloudFormation CLI's format:
 *
 *   [{ "ParameterKey": "Env", "ParameterValue": "prod" }, { "ParameterKey": "Old", "UsePreviousValue": true }]
 *
 * A value given is checked against the parameter's constraints (CloudFormation rejects the stack
 * otherwise) and then becomes the parameter's only allowed value, so the rules reason about it
 * exactly as about a literal. Everything else stays as the gate sees it: a parameter without a
 * value here (a Default, a previous value, a list or an SSM parameter name) is only what its
 * AllowedValues prove.
 */
import { isPlainObject } from '../rules/core/intrinsics';
import { UnusableInput, readText } from './load-template';

/** Parameter values by key; `undefined` for UsePreviousValue (decided by the deployed stack, not known here). */
export type ParameterValues = ReadonlyMap<string, string | undefined>;

export function loadParameters(file: string): ParameterValues {
  let entries: unknown;
  try {
    entries = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof UnusableInput) throw error;
    throw new UnusableInput(file, `not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(entries))
    throw new UnusableInput(file, 'not a parameters file: expected a JSON list of { "ParameterKey": …, "ParameterValue": … }');
  const values = new Map<string, string | undefined>();
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    if (!isPlainObject(entry) || typeof entry.ParameterKey !== 'string' || entry.ParameterKey === '')
      throw new UnusableInput(file, `${where} has no ParameterKey`);
    const key = entry.ParameterKey;
    if (values.has(key)) throw new UnusableInput(file, `${where}: parameter ${key} is given twice`);
    const value = entry.ParameterValue;
    if (entry.UsePreviousValue === true) {
      if (value !== undefined) throw new UnusableInput(file, `${where}: parameter ${key} has both a ParameterValue and UsePreviousValue`);
      values.set(key, undefined);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values.set(key, String(value));
    } else {
      throw new UnusableInput(file, `${where}: parameter ${key} has no ParameterValue (a string)`);
    }
  });
  return values;
}

/** Types whose Ref is the value itself (not a list, not a name to look up in Parameter Store). */
function isSingleValue(type: unknown): boolean {
  return typeof type === 'string' && !type.startsWith('List<') && type !== 'CommaDelimitedList' && !type.startsWith('AWS::SSM::Parameter::');
}

/**
 * `template` with each parameter it declares that `values` gives a value pinned to that value.
 * Throws when CloudFormation would reject a value. Returns the keys the template declares.
 */
export function applyParameters(
  template: Record<string, unknown>,
  values: ParameterValues,
  file: string,
): { template: Record<string, unknown>; used: Set<string> } {
  const declared = isPlainObject(template.Parameters) ? template.Parameters : {};
  const used = new Set<string>();
  const parameters: Record<string, unknown> = { ...declared };
  for (const [key, value] of values) {
    const parameter = declared[key];
    if (!isPlainObject(parameter)) continue;
    used.add(key);
    if (value === undefined) continue;
    const problem = constraintViolation(parameter, value);
    if (problem) throw new UnusableInput(file, `parameter ${key} = ${JSON.stringify(value)} ${problem}, so CloudFormation would reject it`);
    if (isSingleValue(parameter.Type)) parameters[key] = { ...parameter, AllowedValues: [value] };
  }
  return { template: used.size > 0 ? { ...template, Parameters: parameters } : template, used };
}

/** Why CloudFormation would refuse `value` for `parameter`, or `undefined`. */
function constraintViolation(parameter: Record<string, unknown>, value: string): string | undefined {
  const list =
    parameter.Type === 'CommaDelimitedList' ||
    parameter.Type === 'List<Number>' ||
    (typeof parameter.Type === 'string' && parameter.Type.startsWith('List<'));
  const items = list ? value.split(',').map((item) => item.trim()) : [value];
  for (const item of items) {
    if (Array.isArray(parameter.AllowedValues) && !parameter.AllowedValues.map(String).includes(item)) {
      return `is not one of its AllowedValues (${parameter.AllowedValues.map(String).join(', ')})`;
    }
    if (parameter.Type === 'Number' || parameter.Type === 'List<Number>') {
      const n = Number(item);
      if (item === '' || Number.isNaN(n)) return 'is not a number';
      if (parameter.MinValue !== undefined && n < Number(parameter.MinValue)) return `is below its MinValue ${String(parameter.MinValue)}`;
      if (parameter.MaxValue !== undefined && n > Number(parameter.MaxValue)) return `is above its MaxValue ${String(parameter.MaxValue)}`;
    }
  }
  if (parameter.Type === 'String') {
    if (parameter.MinLength !== undefined && value.length < Number(parameter.MinLength))
      return `is shorter than its MinLength ${String(parameter.MinLength)}`;
    if (parameter.MaxLength !== undefined && value.length > Number(parameter.MaxLength))
      return `is longer than its MaxLength ${String(parameter.MaxLength)}`;
    if (typeof parameter.AllowedPattern === 'string' && !wholeMatch(parameter.AllowedPattern, value))
      return `does not match its AllowedPattern ${parameter.AllowedPattern}`;
  }
  return undefined;
}

/**
 * CloudFormation matches AllowedPattern against the whole value (Java regular expressions; the
 * common subset is JavaScript's). A pattern JavaScript cannot read is left to CloudFormation: the
 * deployment either has this value or fails.
 */
function wholeMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 's').test(value);
  } catch {
    return true;
  }
}
