/** rules/core/secrets: which environment variables look like credentials, and which references name a secret. */
import { Rendered, RenderedPart } from '../../../rules/core/rendered';
import { isSecretReference, looksLikeCredential } from '../../../rules/core/secrets';
import { TemplateView } from '../../../rules/core/template';
import { openAll, template, TemplateBuilder } from '../support/template-builder';

const viewOf = (stack: TemplateBuilder, ...others: TemplateBuilder[]): TemplateView => openAll([stack, ...others])[0].view;
const ref = (logicalId: string, attribute?: string): RenderedPart => ({ kind: 'reference', logicalId, ...(attribute ? { attribute } : {}) });
const withSecret = () =>
  template()
    .resource('Secret', 'AWS::SecretsManager::Secret', {})
    .resource('Attachment', 'AWS::SecretsManager::SecretTargetAttachment', {})
    .resource('Db', 'AWS::RDS::DBInstance', {})
    .resource('Cluster', 'AWS::RDS::DBCluster', {})
    .resource('Bucket', 'AWS::S3::Bucket', {});

describe('looksLikeCredential', () => {
  test('secret-looking names, with or without the underscore in API_KEY and PRIVATE_KEY, in any case', () => {
    for (const name of ['APIKEY', 'API_KEY', 'PRIVATEKEY', 'PRIVATE_KEY', 'PASS', 'PWD', 'DB_PASS', 'PASS_HASH', 'db_password']) {
      expect([name, looksLikeCredential(name, 'abc')]).toEqual([name, true]);
    }
    for (const name of ['PASSENGER_COUNT', 'COMPASS', 'PWDX', 'USER']) expect([name, looksLikeCredential(name, 'abc')]).toEqual([name, false]);
  });

  test('metadata about a secret is not one, whatever the case of the suffix', () => {
    for (const name of [
      'TOKEN_ENDPOINT',
      'TOKEN_EXPIRATION',
      'SECRET_VERSION',
      'API_KEY_HEADER',
      'db_secret_arn',
      'Token_Lifetime',
      'KEY_METHOD_TOKEN_PATH',
    ]) {
      expect([name, looksLikeCredential(name, 'abc')]).toEqual([name, false]);
    }
    expect(looksLikeCredential('TOKEN_ENDPOINT_X', 'abc')).toBe(true);
  });

  test('a switch about credentials holding a flag is not one; any other value, or a switch word inside the name, still is', () => {
    for (const [name, text] of [
      ['USE_TOKEN', 'yes'],
      ['ENABLE_API_KEY', '1'],
      ['disable_password', 'OFF'],
      ['API_KEY_REQUIRED', 'no'],
      ['TOKEN', 'true'],
      ['PASSWORD', 'False'],
    ]) {
      expect([name, text, looksLikeCredential(name, text)]).toEqual([name, text, false]);
    }
    for (const [name, text] of [
      ['USE_TOKEN', 'abc'],
      ['USE_TOKEN', 'abcyes'],
      ['USE_TOKEN', 'yesabc'],
      ['TOKEN', 'yes'],
      ['TOKEN', '1'],
      ['TOKEN', 'xtrue'],
      ['TOKEN', 'truex'],
      ['MY_USE_TOKEN', 'yes'],
      ['TOKEN_REQUIRED_X', 'yes'],
    ]) {
      expect([name, text, looksLikeCredential(name, text)]).toEqual([name, text, true]);
    }
  });
});

describe('isSecretReference', () => {
  const view = viewOf(withSecret());

  test('a Ref or attribute of a secret or a secret attachment, or a segment of one, is a secret reference', () => {
    expect(isSecretReference([ref('Secret')], view, 0)).toBe(true);
    expect(isSecretReference([ref('Attachment'), { kind: 'literal', text: ':x' }], view, 0)).toBe(true);
    expect(isSecretReference([{ kind: 'segment', of: ref('Secret'), delimiter: ':', index: 6 }], view, 0)).toBe(true);
  });

  test('anything else is not: no parts, another resource, a missing one, a parameter, a literal', () => {
    expect(isSecretReference([], view, 0)).toBe(false);
    expect(isSecretReference([ref('Bucket')], view, 0)).toBe(false);
    expect(isSecretReference([ref('Missing')], view, 0)).toBe(false);
    expect(isSecretReference([{ kind: 'parameter', name: 'P' }], viewOf(withSecret().parameter('P')), 0)).toBe(false);
    expect(isSecretReference([{ kind: 'literal', text: 'Secret' }, ref('Secret')], view, 0)).toBe(false);
    expect(isSecretReference([{ kind: 'import', exportName: 'nothing' }], view, 0)).toBe(false);
  });

  test('the secret RDS manages for a DB instance or cluster of the template (MasterUserSecret.SecretArn)', () => {
    expect(isSecretReference([ref('Db', 'MasterUserSecret.SecretArn')], view, 0)).toBe(true);
    expect(isSecretReference([ref('Cluster', 'MasterUserSecret.SecretArn')], view, 0)).toBe(true);
    expect(isSecretReference([ref('Bucket', 'MasterUserSecret.SecretArn')], view, 0)).toBe(false);
    expect(isSecretReference([ref('Missing', 'MasterUserSecret.SecretArn')], view, 0)).toBe(false);
    expect(isSecretReference([ref('Secret', 'MasterUserSecret.SecretArn')], view, 0)).toBe(false);
    expect(isSecretReference([ref('Db', 'Endpoint.Address')], view, 0)).toBe(false);
  });

  test('depth beyond 8 stops: crafted chains end there', () => {
    expect(isSecretReference([ref('Secret')], view, 8)).toBe(true);
    expect(isSecretReference([ref('Secret')], view, 9)).toBe(false);
  });

  test('an import of an export of a secret is judged in the exporting stack', () => {
    const producer = withSecret().exportValue('secret', { Ref: 'Secret' }).exportValue('bucket', { Ref: 'Bucket' }).exportValue('object', { a: 1 });
    const consumer = viewOf(template('Consumer'), producer);
    expect(isSecretReference([{ kind: 'import', exportName: 'secret' }], consumer, 0)).toBe(true);
    expect(isSecretReference([{ kind: 'import', exportName: 'bucket' }], consumer, 0)).toBe(false);
    expect(isSecretReference([{ kind: 'import', exportName: 'object' }], consumer, 0)).toBe(false);
    // The export itself counts as one step of the depth bound.
    expect(isSecretReference([{ kind: 'import', exportName: 'secret' }], consumer, 8)).toBe(false);
  });

  test('exports that import each other end at the depth bound', () => {
    const loop = template('Producer').exportValue('a', { 'Fn::ImportValue': 'b' }).exportValue('b', { 'Fn::ImportValue': 'a' });
    expect(isSecretReference([{ kind: 'import', exportName: 'a' }], viewOf(template('Consumer'), loop), 0)).toBe(false);
  });

  test("a nested stack's parameter is judged by what its parent passes", () => {
    const child = template('Stack/Child').parameter('P');
    const parent = withSecret().nestedStack('Child', child, { TemplateURL: 'https://example.com/n.json', Parameters: { P: { Ref: 'Secret' } } });
    const opened = openAll([parent]).find((t) => t.stackPath === 'Stack/Child')!.view;
    const parts: Rendered = [{ kind: 'parameter', name: 'P' }];
    expect(isSecretReference(parts, opened, 0)).toBe(true);
  });
});
