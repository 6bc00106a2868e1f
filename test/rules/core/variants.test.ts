/** rules/core/variants: one rendering per combination of the parts whose values are known. */
import { TemplateView } from '../../../rules/core/template';
import { hasKnownParts, variants } from '../../../rules/core/variants';
import { openAll, template } from '../support/template-builder';

const many = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const view: TemplateView = openAll([
  template()
    .parameter('Region', { Type: 'String', AllowedValues: ['eu-west-1', 'us-east-1'] })
    .parameter('Count', { Type: 'Number', AllowedValues: [1, 2] })
    .parameter('Free')
    .parameter('Wide', { Type: 'String', AllowedValues: many(70, 'w') })
    .parameter('Ten', { Type: 'String', AllowedValues: many(10, 'a') })
    .parameter('Tens', { Type: 'String', AllowedValues: many(10, 'b') })
    .mapping('Zones', { eu: { a: 'eu-west-1a' }, us: { a: 'us-east-1a' } })
    .resource('Bucket', 'AWS::S3::Bucket'),
])[0].view;

describe('variants', () => {
  test('a literal is its only variant', () => {
    expect(variants('eu-west-1', view)).toEqual(['eu-west-1']);
    expect(variants(undefined, view)).toEqual([undefined]);
    expect(variants({ Name: 'x' }, view)).toEqual([{ Name: 'x' }]);
    // Beside another key Fn::Select is no function: the object is a literal.
    expect(variants({ 'Fn::Select': [0, ['a', 'b']], Other: 'x' }, view)).toEqual([{ 'Fn::Select': [0, ['a', 'b']], Other: 'x' }]);
  });

  test('a parameter with string AllowedValues, a mapping lookup, a Fn::If: each of their values', () => {
    expect(variants({ Ref: 'Region' }, view)).toEqual(['eu-west-1', 'us-east-1']);
    expect(variants({ 'Fn::FindInMap': ['Zones', 'eu', 'a'] }, view)).toEqual(['eu-west-1a']);
    expect(variants({ 'Fn::FindInMap': ['Zones', { Ref: 'Free' }, 'a'] }, view)).toEqual(['eu-west-1a', 'us-east-1a']);
    expect(variants({ 'Fn::If': ['C', 'eu-west-1', { Ref: 'Region' }] }, view)).toEqual(['eu-west-1', 'eu-west-1', 'us-east-1']);
  });

  test('an import of an export of the app: the values of the export', () => {
    const producer = template('Producer').exportValue('region', 'eu-west-2');
    const consumer = openAll([template(), producer])[0].view;
    expect(variants({ 'Fn::ImportValue': 'region' }, consumer)).toEqual(['eu-west-2']);
  });

  test('values that are not all strings, or not known, leave the expression as it is', () => {
    for (const value of [{ Ref: 'Count' }, { Ref: 'Free' }, { Ref: 'Bucket' }, { 'Fn::If': ['C', 'a', 1] }, { 'Fn::ImportValue': 'nobody' }])
      expect(variants(value, view)).toEqual([value]);
  });

  test('a Fn::Select of a literal list is the selected item (and its variants); out of range it stays a Select', () => {
    expect(variants({ 'Fn::Select': [1, ['a', { Ref: 'Region' }]] }, view)).toEqual(['eu-west-1', 'us-east-1']);
    expect(variants({ 'Fn::Select': ['0', ['a', 'b']] }, view)).toEqual(['a']);
    const outOfRange = { 'Fn::Select': [2, ['a', 'b']] };
    expect(variants(outOfRange, view)).toEqual([outOfRange]);
    const ofParameter = { 'Fn::Select': [0, { Ref: 'Free' }] };
    expect(variants(ofParameter, view)).toEqual([ofParameter]);
  });

  test('lists and other functions: one variant per combination of their parts, in order', () => {
    expect(variants(['x', { Ref: 'Region' }], view)).toEqual([
      ['x', 'eu-west-1'],
      ['x', 'us-east-1'],
    ]);
    expect(variants({ 'Fn::Join': [':', ['arn', { Ref: 'Region' }, { Ref: 'Region' }]] }, view)).toEqual(
      [
        ['eu-west-1', 'eu-west-1'],
        ['eu-west-1', 'us-east-1'],
        ['us-east-1', 'eu-west-1'],
        ['us-east-1', 'us-east-1'],
      ].map(([a, b]) => ({ 'Fn::Join': [':', ['arn', a, b]] })),
    );
    expect(variants({ Region: { Ref: 'Region' }, Name: 'n' }, view)).toEqual([
      { Region: 'eu-west-1', Name: 'n' },
      { Region: 'us-east-1', Name: 'n' },
    ]);
  });

  test('at most 64 variants: of one value, of a list, of an object', () => {
    expect(variants({ Ref: 'Wide' }, view)).toEqual(many(64, 'w'));
    const pairs = variants([{ Ref: 'Ten' }, { Ref: 'Tens' }], view);
    expect(pairs).toHaveLength(64);
    expect(pairs[63]).toEqual(['a6', 'b3']);
    const triples = variants([{ Ref: 'Ten' }, { Ref: 'Tens' }, { Ref: 'Region' }], view);
    expect(triples).toHaveLength(64);
    expect(triples[1]).toEqual(['a0', 'b0', 'us-east-1']);
    const objects = variants({ A: { Ref: 'Ten' }, B: { Ref: 'Tens' } }, view);
    expect(objects).toHaveLength(64);
    expect(objects[63]).toEqual({ A: 'a6', B: 'b3' });
    expect(variants([[{ Ref: 'Ten' }, { Ref: 'Tens' }]], view)).toHaveLength(64);
  });
});

describe('hasKnownParts', () => {
  test('a parameter, a Select of a literal list, a mapping lookup, a Fn::If or an import, anywhere in the value', () => {
    expect(hasKnownParts({ Ref: 'Free' }, view)).toBe(true);
    expect(hasKnownParts({ 'Fn::Select': [0, ['a']] }, view)).toBe(true);
    expect(hasKnownParts({ 'Fn::FindInMap': ['Zones', 'eu', 'a'] }, view)).toBe(true);
    expect(hasKnownParts({ 'Fn::If': ['C', 'a', 'b'] }, view)).toBe(true);
    expect(hasKnownParts({ 'Fn::ImportValue': 'x' }, view)).toBe(true);
    expect(hasKnownParts(['a', { Ref: 'Free' }], view)).toBe(true);
    expect(hasKnownParts({ 'Fn::Join': ['', ['a', { Ref: 'Free' }]] }, view)).toBe(true);
    expect(hasKnownParts({ Deep: { List: [{ Ref: 'Region' }] } }, view)).toBe(true);
    expect(hasKnownParts({ Name: 'x', Region: { Ref: 'Region' } }, view)).toBe(true);
  });

  test('not literals, references to resources or pseudo parameters, or a Select of something else', () => {
    expect(hasKnownParts('a', view)).toBe(false);
    expect(hasKnownParts(['a', 'b'], view)).toBe(false);
    expect(hasKnownParts({ Ref: 'Bucket' }, view)).toBe(false);
    expect(hasKnownParts({ Ref: 'AWS::Region' }, view)).toBe(false);
    expect(hasKnownParts({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, view)).toBe(false);
    expect(hasKnownParts({ 'Fn::Select': 'x' }, view)).toBe(false);
    expect(hasKnownParts({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, view)).toBe(false);
    expect(hasKnownParts({ Name: 'x' }, view)).toBe(false);
  });
});
