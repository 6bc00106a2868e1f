/** rules/core/intrinsics: reading intrinsic functions and reference shapes without a template. */
import {
  asList,
  intrinsicName,
  isLiteralObject,
  isPlainObject,
  nestedOutputName,
  referencedAttribute,
  referencedLogicalId,
} from '../../../rules/core/intrinsics';

describe('intrinsicName', () => {
  test('names Ref, Condition and every Fn:: function of a single-key object', () => {
    expect(intrinsicName({ Ref: 'X' })).toBe('Ref');
    expect(intrinsicName({ Condition: 'IsProd' })).toBe('Condition');
    expect(intrinsicName({ 'Fn::If': ['C', 1, 2] })).toBe('Fn::If');
    expect(intrinsicName({ 'Fn::AnyFutureFunction': [] })).toBe('Fn::AnyFutureFunction');
  });

  test('is undefined for plain keys, several keys, no keys, lists and scalars', () => {
    expect(intrinsicName({ Name: 'x' })).toBeUndefined();
    expect(intrinsicName({ 'XFn::If': 1 })).toBeUndefined();
    expect(intrinsicName({ Ref: 'X', Other: 1 })).toBeUndefined();
    expect(intrinsicName({})).toBeUndefined();
    expect(intrinsicName([{ Ref: 'X' }])).toBeUndefined();
    expect(intrinsicName('Ref')).toBeUndefined();
    expect(intrinsicName(null)).toBeUndefined();
  });
});

describe('referencedLogicalId', () => {
  test('reads Ref, Fn::GetAtt (list or dotted string) and a Fn::Sub of one variable', () => {
    expect(referencedLogicalId({ Ref: 'Bucket' })).toBe('Bucket');
    expect(referencedLogicalId({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('Bucket');
    expect(referencedLogicalId({ 'Fn::GetAtt': 'Bucket.Arn' })).toBe('Bucket');
    expect(referencedLogicalId({ 'Fn::GetAtt': 'Bucket' })).toBe('Bucket');
    expect(referencedLogicalId({ 'Fn::Sub': '${Bucket}' })).toBe('Bucket');
    expect(referencedLogicalId({ 'Fn::Sub': '${Bucket.Arn}' })).toBe('Bucket');
    expect(referencedLogicalId({ 'Fn::Sub': '${Nested.Outputs.Id}' })).toBe('Nested');
  });

  test('is undefined for anything that is not exactly one reference', () => {
    expect(referencedLogicalId('Bucket')).toBeUndefined();
    expect(referencedLogicalId({ Ref: 'Bucket', Other: 1 })).toBeUndefined();
    expect(referencedLogicalId({ Ref: { Ref: 'Bucket' } })).toBeUndefined();
    expect(referencedLogicalId({ 'Fn::GetAtt': [{ Ref: 'X' }, 'Arn'] })).toBeUndefined();
    expect(referencedLogicalId({ 'Fn::Sub': 'arn:${Bucket}' })).toBeUndefined();
    expect(referencedLogicalId({ 'Fn::Sub': '${Bucket}-suffix' })).toBeUndefined();
    expect(referencedLogicalId({ 'Fn::Sub': '${Bucket}\n' })).toBeUndefined();
    expect(referencedLogicalId({ 'Fn::Sub': '${AWS::Region}' })).toBeUndefined();
    expect(referencedLogicalId({ 'Fn::Sub': '${Bucket.}' })).toBeUndefined();
    expect(referencedLogicalId({ 'Fn::Sub': ['${Bucket}', {}] })).toBeUndefined();
    expect(referencedLogicalId({ 'Fn::Join': ['', [{ Ref: 'Bucket' }]] })).toBeUndefined();
  });
});

describe('referencedAttribute', () => {
  test('reads the attribute of Fn::GetAtt (list or dotted string) and of a Fn::Sub of one variable', () => {
    expect(referencedAttribute({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('Arn');
    expect(referencedAttribute({ 'Fn::GetAtt': ['Nested', 'Outputs.Id'] })).toBe('Outputs.Id');
    expect(referencedAttribute({ 'Fn::GetAtt': 'Nested.Outputs.Id' })).toBe('Outputs.Id');
    expect(referencedAttribute({ 'Fn::Sub': '${Bucket.Arn}' })).toBe('Arn');
    expect(referencedAttribute({ 'Fn::Sub': '${Nested.Outputs.Id}' })).toBe('Outputs.Id');
  });

  test('is undefined for a Ref, a GetAtt without an attribute, a Sub of more than one variable, and non-objects', () => {
    expect(referencedAttribute({ Ref: 'Bucket' })).toBeUndefined();
    expect(referencedAttribute({ 'Fn::GetAtt': 'Bucket' })).toBeUndefined();
    expect(referencedAttribute({ 'Fn::Sub': '${Bucket}' })).toBeUndefined();
    expect(referencedAttribute({ 'Fn::Sub': 'x${Bucket.Arn}' })).toBeUndefined();
    expect(referencedAttribute({ 'Fn::Sub': '${Bucket.Arn}x' })).toBeUndefined();
    expect(referencedAttribute({ 'Fn::Sub': ['${Bucket.Arn}', {}] })).toBeUndefined();
    expect(referencedAttribute('Bucket.Arn')).toBeUndefined();
  });
});

describe('nestedOutputName', () => {
  test('is the output a Fn::GetAtt of a nested stack reads', () => {
    expect(nestedOutputName({ 'Fn::GetAtt': ['Nested', 'Outputs.BucketArn'] })).toBe('BucketArn');
    expect(nestedOutputName({ 'Fn::GetAtt': 'Nested.Outputs.BucketArn' })).toBe('BucketArn');
  });

  test('is undefined for other attributes and for references without one', () => {
    expect(nestedOutputName({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBeUndefined();
    expect(nestedOutputName({ 'Fn::GetAtt': ['Bucket', 'MyOutputs.X'] })).toBeUndefined();
    expect(nestedOutputName({ Ref: 'Nested' })).toBeUndefined();
  });
});

describe('isPlainObject and isLiteralObject', () => {
  test('a plain object is neither null nor a list', () => {
    expect([{}, { a: 1 }, { Ref: 'X' }].map(isPlainObject)).toEqual([true, true, true]);
    expect([null, [], 'x', 1, undefined].map(isPlainObject)).toEqual([false, false, false, false, false]);
  });

  test('a literal object is a plain object that is no intrinsic function', () => {
    expect([{}, { a: 1 }, { Ref: 'X', Other: 1 }].map(isLiteralObject)).toEqual([true, true, true]);
    expect([{ Ref: 'X' }, { 'Fn::If': [] }, [], null].map(isLiteralObject)).toEqual([false, false, false, false]);
  });
});

describe('asList', () => {
  test('a single value is a list of one, absent is empty, a list stays itself', () => {
    const list = [1, 2];
    expect(asList(undefined)).toEqual([]);
    expect(asList(list)).toBe(list);
    expect(asList('x')).toEqual(['x']);
    expect(asList(null)).toEqual([null]);
  });
});
