/** rules/core/iam-documents.ts: where IAM resources hold their documents and managed policies, and IAM's wildcard matching. */
import { iamPatternMatches, managedPolicyArns, parseDocument } from '../../../rules/core/iam-documents';
import { openAll, template } from '../support/template-builder';

const resourceOf = (type: string, properties: Record<string, unknown>) =>
  openAll([template().resource('Subject', type, properties)])[0].view.resource('Subject')!;

describe('managedPolicyArns', () => {
  test('a SAM function takes an AWS managed policy by bare name or any policy by ARN; policy templates and documents are not ARNs', () => {
    const fn = resourceOf('AWS::Serverless::Function', {
      Policies: [
        'AmazonS3ReadOnlyAccess',
        'arn:aws:iam::123456789012:policy/app',
        { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' },
        { S3ReadPolicy: { BucketName: 'b' } },
        { Statement: [] },
      ],
    });
    expect(managedPolicyArns(fn)).toEqual([
      { location: 'Policies[0]', arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' },
      { location: 'Policies[1]', arn: 'arn:aws:iam::123456789012:policy/app' },
      { location: 'Policies[2]', arn: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' } },
    ]);
  });
});

describe('parseDocument', () => {
  test('a JSON string is the document it spells; anything else, a string that is not JSON included, stays as given', () => {
    expect(parseDocument('{"Statement":[]}')).toEqual({ Statement: [] });
    expect(parseDocument('not json')).toBe('not json');
    // A list holding a JSON string is a list (not a document), however it would print.
    expect(parseDocument(['{"Statement":[]}'])).toEqual(['{"Statement":[]}']);
    expect(parseDocument({ Statement: [] })).toEqual({ Statement: [] });
  });
});

describe('iamPatternMatches', () => {
  test('* is any run of characters and ? exactly one, whatever the case', () => {
    expect(iamPatternMatches('iam:Pass*', 'IAM:passrole')).toBe(true);
    expect(iamPatternMatches('iam:PassRol?', 'iam:PassRole')).toBe(true);
    expect(iamPatternMatches('iam:PassRol?', 'iam:PassRol')).toBe(false);
    expect(iamPatternMatches('iam:Pass?', 'iam:PassRole')).toBe(false);
  });

  test('every other character is literal', () => {
    expect(iamPatternMatches('s3:Get.bject', 's3:GetObject')).toBe(false);
    expect(iamPatternMatches('s3:Get.bject', 's3:Get.bject')).toBe(true);
    expect(iamPatternMatches('s3:(Get|Put)Object', 's3:GetObject')).toBe(false);
  });
});
