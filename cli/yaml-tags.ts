/**
 * CloudFormation's short-form intrinsic tags for the `yaml` parser: `!Ref X` is `{ Ref: X }`,
 * `!GetAtt A.B` is `{ 'Fn::GetAtt': ['A', 'B'] }`, `!Sub …` is `{ 'Fn::Sub': … }`, and so on,
 * whether the tag marks a scalar, a sequence or a mapping.
 */
import type { Tags } from 'yaml';

/** Functions written `Fn::<name>` in long form (template functions, rule functions, language extensions). */
const FN_NAMES = [
  'And',
  'Base64',
  'Cidr',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'Equals',
  'FindInMap',
  'GetAZs',
  'GetAtt',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'RefAll',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
  'ValueOf',
  'ValueOfAll',
] as const;

/** The key each short form stands for. */
const LONG_FORMS: ReadonlyMap<string, string> = new Map<string, string>([
  ...FN_NAMES.map((name) => [name, `Fn::${name}`] as [string, string]),
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
]);

/** Short forms whose argument is always one name, never a list or mapping. */
const SCALAR_ONLY = new Set(['Ref', 'Condition']);

/** `!GetAtt Resource.Attribute` names the resource before the first dot; the attribute may hold more (`Outputs.X`). */
function getAttScalar(text: string): unknown {
  const dot = text.indexOf('.');
  return dot < 0 ? text : [text.slice(0, dot), text.slice(dot + 1)];
}

/** Tag definitions for every short form, in its scalar, sequence and mapping shapes. */
export function cloudFormationTags(): Tags {
  const tags: Tags = [];
  for (const [short, long] of LONG_FORMS) {
    const tag = `!${short}`;
    tags.push({
      tag,
      resolve: (text: string) => ({ [long]: short === 'GetAtt' ? getAttScalar(text) : text }),
    });
    for (const collection of ['seq', 'map'] as const) {
      tags.push({
        tag,
        collection,
        resolve: (node, onError) => {
          if (SCALAR_ONLY.has(short)) onError(`${tag} takes a name, not a ${collection === 'seq' ? 'list' : 'mapping'}`);
          return { [long]: node.toJSON() };
        },
      });
    }
  }
  return tags;
}
