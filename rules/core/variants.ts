/** The values a string-built expression may take, one rendering per combination of the parts whose values are known. */
import { TemplateView } from './template';
import { intrinsicName, isPlainObject } from './intrinsics';
import { possibleValues } from './values';

/** At most this many renderings of one string are tried (each part with known values multiplies them). */
const MAX_VARIANTS = 64;

/**
 * The expression with every part whose values are known replaced by each of them: a `Fn::Select`
 * of a literal list, a parameter's AllowedValues, a mapping's entries, the branches of a `Fn::If`.
 */
export function variants(value: unknown, template: TemplateView): unknown[] {
  if (Array.isArray(value)) return combine(value.map((item) => variants(item, template)));
  if (!isPlainObject(value)) return [value];
  const fn = intrinsicName(value);
  const select = value['Fn::Select'];
  if (fn === 'Fn::Select' && Array.isArray(select) && Array.isArray(select[1]) && select[1][Number(select[0])] !== undefined) {
    return variants(select[1][Number(select[0])], template);
  }
  if (fn === 'Ref' || fn === 'Fn::FindInMap' || fn === 'Fn::If' || fn === 'Fn::ImportValue') {
    const possible = possibleValues(value, template);
    if (possible.kind === 'known' && possible.values.every((v) => typeof v === 'string')) return possible.values.slice(0, MAX_VARIANTS);
    return [value];
  }
  const entries = Object.entries(value);
  return combine(entries.map(([, item]) => variants(item, template))).map((items) =>
    Object.fromEntries(entries.map(([key], index) => [key, (items as unknown[])[index]])),
  );
}

/** Cheap pre-check for `variants`: whether any part may have known values other than its rendering. */
export function hasKnownParts(value: unknown, template: TemplateView): boolean {
  if (Array.isArray(value)) return value.some((item) => hasKnownParts(item, template));
  if (!isPlainObject(value)) return false;
  const fn = intrinsicName(value);
  if (fn === 'Ref') return template.parameter(String(value.Ref)) !== undefined;
  if (fn === 'Fn::Select') return Array.isArray(value[fn]) && Array.isArray((value[fn] as unknown[])[1]);
  if (fn === 'Fn::FindInMap' || fn === 'Fn::If' || fn === 'Fn::ImportValue') return true;
  return Object.values(value).some((item) => hasKnownParts(item, template));
}

/** Every combination of one choice per position, the first MAX_VARIANTS of them. */
function combine(choices: unknown[][]): unknown[][] {
  return choices.reduce<unknown[][]>(
    (acc, options) => acc.flatMap((prefix) => options.map((option) => [...prefix, option])).slice(0, MAX_VARIANTS),
    [[]],
  );
}

/** Region-named properties whose value cannot be proven (a parameter without AllowedValues, an SSM reference, an import). */
