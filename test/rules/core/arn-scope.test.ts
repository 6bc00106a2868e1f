/** rules/core/arn-scope: how far an IAM Resource reaches, proven from the template. */
import { awsManagedPolicyName, hasLiteralShape, matchesEveryRole, resourceScope } from '../../../rules/core/arn-scope';
import { RenderedPart } from '../../../rules/core/rendered';
import { TemplateView } from '../../../rules/core/template';
import { render } from '../../../rules/core/values';
import { openAll, template, TemplateBuilder } from '../support/template-builder';

const text = (t: string): RenderedPart => ({ kind: 'literal', text: t });
/** The view of the last stack given, opened with the others as one synthesis. */
const viewOf = (...stacks: TemplateBuilder[]): TemplateView => openAll(stacks).find((t) => t.stackPath === stacks[stacks.length - 1].stackPath)!.view;
const withBucket = () => template().resource('Bucket', 'AWS::S3::Bucket');
const sub = (body: string) => ({ 'Fn::Sub': body });
const SPECIFIC = { kind: 'specific' };

describe('resourceScope of literal ARNs', () => {
  const view = viewOf(withBucket());
  test('an empty literal is not an ARN', () => {
    expect(resourceScope('', view, false)).toEqual({ kind: 'not-arn', text: '' });
  });

  test('an account-less ARN is "*" only when its resource part is only wildcards, or every object', () => {
    expect(resourceScope('arn:aws:s3:::*', view, false)).toEqual({ kind: 'any', shown: '"arn:aws:s3:::*"' });
    expect(resourceScope('arn:aws:s3:::**/*', view, false)).toEqual({ kind: 'any', shown: '"arn:aws:s3:::**/*"' });
    expect(resourceScope('arn:aws:s3:::**/*', view, true)).toEqual(SPECIFIC);
    expect(resourceScope('arn:aws:s3:::bucket', view, false)).toEqual(SPECIFIC);
    expect(resourceScope('arn:aws:s3:::a*/*', view, false)).toEqual(SPECIFIC);
    // The resource part keeps its ':' (it is not "**").
    expect(resourceScope('arn:aws:s3:::*:*', view, false)).toEqual(SPECIFIC);
  });
});

describe('resourceScope of lists chosen by conditions and mappings', () => {
  const view = viewOf(
    withBucket()
      .condition('C', { 'Fn::Equals': ['a', 'b'] })
      .mapping('Buckets', { dev: { arns: ['arn:aws:s3:::b1', 'arn:aws:s3:::b2'], wide: ['arn:aws:s3:::b1', 'arn:aws:s3:::*'] } }),
  );
  const ifNoValue = (arn: unknown) => ({ 'Fn::If': ['C', arn, { Ref: 'AWS::NoValue' }] });
  const inMap = (key: string) => ({ 'Fn::FindInMap': ['Buckets', 'dev', key] });

  test('a list entry that AWS::NoValue may remove names nothing; its other branch is judged', () => {
    expect(resourceScope([ifNoValue('arn:aws:s3:::b1'), 'arn:aws:s3:::b2'], view, false)).toEqual(SPECIFIC);
    expect(resourceScope([ifNoValue('arn:aws:s3:::*')], view, false)).toEqual({ kind: 'any', shown: '"arn:aws:s3:::*"' });
  });

  test('a Resource that is AWS::NoValue as a whole leaves a statement without resources: unprovable', () => {
    expect(resourceScope(ifNoValue('arn:aws:s3:::b1'), view, false)).toMatchObject({ kind: 'unknown' });
  });

  test('a whole Resource from a mapping list, or a Fn::If between lists, is judged item by item', () => {
    expect(resourceScope(inMap('arns'), view, false)).toEqual(SPECIFIC);
    expect(resourceScope(inMap('wide'), view, false)).toEqual({ kind: 'any', shown: '"arn:aws:s3:::*"' });
    expect(resourceScope({ 'Fn::If': ['C', ['arn:aws:s3:::b1'], ['arn:aws:s3:::*']] }, view, false)).toEqual({
      kind: 'any',
      shown: '"arn:aws:s3:::*"',
    });
  });

  test('a list inside the list is no valid policy: unprovable', () => {
    expect(resourceScope([inMap('arns')], view, false)).toMatchObject({ kind: 'unknown' });
  });
});

describe('resourceScope of ARNs for any account', () => {
  const exporter = template('Exporter')
    .resource('Cluster', 'AWS::ECS::Cluster')
    .parameter('Free')
    .exportValue('ClusterName', { Ref: 'Cluster' })
    .exportValue('FreeValue', { Ref: 'Free' });
  const importer = template('Importer');
  const view = viewOf(exporter, importer);
  const anyAccount = (tail: unknown) => ({ 'Fn::Join': ['', ['arn:aws:ecs:*:*:task/', tail, '/*']] });

  test('an import of an export naming a resource bounds it', () => {
    expect(resourceScope(anyAccount({ 'Fn::ImportValue': 'ClusterName' }), view, false)).toEqual(SPECIFIC);
  });

  test('an import of an export naming no resource, or a pseudo parameter, does not', () => {
    expect(resourceScope(anyAccount({ 'Fn::ImportValue': 'FreeValue' }), view, false).kind).toBe('any');
    expect(resourceScope(anyAccount({ Ref: 'AWS::StackName' }), view, false)).toEqual({
      kind: 'any',
      shown: '"arn:aws:ecs:*:*:task/${AWS.StackName}/*"',
    });
  });
});

describe('hasLiteralShape', () => {
  const view = viewOf(withBucket().parameter('P'));
  const shape = (expr: unknown) => hasLiteralShape(render(expr, view)!, view);

  test('nothing, plain text, or text that is not an ARN has no literal shape', () => {
    expect(hasLiteralShape([], view)).toBe(false);
    expect(hasLiteralShape([text('foo')], view)).toBe(false);
    expect(hasLiteralShape([text('foo:aws:s3:::bucket')], view)).toBe(false);
  });

  test('an ARN needs a literal, non-empty service', () => {
    expect(hasLiteralShape([text('arn:aws')], view)).toBe(false);
    expect(shape(sub('arn:aws:${P}:eu-west-1:123456789012:x'))).toBe(false);
    expect(hasLiteralShape([text('arn:aws::eu-west-1:123456789012:x')], view)).toBe(false);
    expect(hasLiteralShape([text('arn:aws:s3:::bucket')], view)).toBe(true);
  });

  test('an import of an export the template cannot see is not bounded', () => {
    expect(hasLiteralShape([{ kind: 'import', exportName: 'Nowhere' }], view)).toBe(false);
  });

  test('a segment bounds only when cut from the resource part of a ":" split', () => {
    const select = (index: number, delimiter: string) => ({
      'Fn::Select': [index, { 'Fn::Split': [delimiter, { 'Fn::GetAtt': ['Bucket', 'Arn'] }] }],
    });
    const arn = (part: unknown) => ({ 'Fn::Join': ['', ['arn:aws:s3:::', part, '/*']] });
    expect(shape(arn(select(5, ':')))).toBe(true);
    expect(shape(arn(select(5, '/')))).toBe(false);
    expect(shape(arn(select(4, ':')))).toBe(false);
  });

  test('an identifying attribute ends in Arn, Name or Id, or is a VPC default SG or ACL', () => {
    const v = viewOf(template().resource('Zone', 'AWS::Route53::HostedZone'));
    const attr = (attribute: string) => hasLiteralShape(render(sub(`arn:aws:s3:::\${Zone.${attribute}}`), v)!, v);
    expect(attr('Id')).toBe(true);
    expect(attr('DefaultNetworkAcl')).toBe(true);
    expect(attr('NameServers')).toBe(false);
    expect(attr('MyDefaultNetworkAcl')).toBe(false);
  });
});

describe('nested stack outputs and parameters', () => {
  test("a nested stack's output naming a resource there identifies it; a missing output or an unjudged stack does not", () => {
    const child = template('Child')
      .resource('Bucket', 'AWS::S3::Bucket')
      .output('BucketArn', { 'Fn::GetAtt': ['Bucket', 'Arn'] });
    const parent = template()
      .nestedStack('Child', child)
      .resource('Raw', 'AWS::CloudFormation::Stack', { TemplateURL: 'https://example.com/raw.json' });
    const view = viewOf(parent);
    const arn = (stack: string, output: string) => resourceScope(sub(`\${${stack}.Outputs.${output}}/*`), view, false).kind;
    expect(arn('Child', 'BucketArn')).toBe('specific');
    expect(arn('Child', 'Missing')).toBe('unknown');
    expect(arn('Raw', 'BucketArn')).toBe('unknown');
    const bare = template().nestedStack('Child', template('Child').resource('Bucket', 'AWS::S3::Bucket'));
    expect(resourceScope(sub('${Child.Outputs.BucketArn}/*'), viewOf(bare), false).kind).toBe('unknown');
  });

  /** A bucket in the top stack, its name passed down `levels` nested stacks as parameter P; the innermost view. */
  function chain(levels: number, top: unknown = { Ref: 'Bucket' }): TemplateView {
    const stacks = [withBucket()];
    for (let i = 1; i <= levels; i++) stacks.push(template(`Level${i}`).parameter('P'));
    for (let i = 0; i < levels; i++)
      stacks[i].nestedStack('Child', stacks[i + 1], { TemplateURL: 'u', Parameters: { P: i === 0 ? top : { Ref: 'P' } } });
    return openAll([stacks[0]]).find((t) => t.stackPath.split('/').length === levels + 1)!.view;
  }

  test('a parameter passed down nine nested stacks is followed to the resource; ten are too many', () => {
    const scope = (levels: number) => resourceScope(sub('arn:aws:s3:::${P}/*'), chain(levels), false).kind;
    expect(scope(1)).toBe('specific');
    expect(scope(9)).toBe('specific');
    expect(scope(10)).toBe('unknown');
  });

  test('a parameter passed a GetAtt of a parameter, or nothing usable, identifies nothing', () => {
    const scope = (top: unknown) => resourceScope(sub('arn:aws:s3:::${P}/*'), chain(2, top), false).kind;
    expect(scope({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('specific');
    expect(scope(null)).toBe('unknown');
  });

  test('exports that import each other are followed a bounded number of times', () => {
    const ring = (name: string, other: string) =>
      template(`Ring${name}`).exportValue(name, { 'Fn::Join': ['', ['arn:aws:s3:::', { 'Fn::ImportValue': other }]] });
    const importer = template('Importer');
    const view = viewOf(ring('A', 'B'), ring('B', 'A'), importer);
    expect(resourceScope({ 'Fn::ImportValue': 'A' }, view, false).kind).toBe('unknown');
  });
});

describe('matchesEveryRole', () => {
  const roles = (arn: string) => matchesEveryRole([text(arn)]);
  test('an IAM ARN with a wildcard before any role name', () => {
    expect(roles('arn:aws:iam::123456789012:*')).toBe(true);
    expect(roles('arn:aws:iam::123456789012:role/*')).toBe(true);
    expect(roles('arn:aws:iam::123456789012:ro*')).toBe(true);
  });
  test('not without a wildcard, after a name, in another service or outside an ARN', () => {
    expect(roles('arn:aws:iam::123456789012:role/')).toBe(false);
    expect(roles('arn:aws:iam::123456789012:role/app*')).toBe(false);
    expect(roles('arn:aws:iam::123456789012:ro:le/*')).toBe(false);
    expect(roles('arn:aws:s3:::*')).toBe(false);
    expect(roles('foo:aws:iam::123456789012:*')).toBe(false);
    expect(roles('arn:aws:iam::123456789012')).toBe(false);
  });
});

describe('awsManagedPolicyName', () => {
  const name = (arn: string) => awsManagedPolicyName([text(arn)]);
  test('the last path element of an AWS managed policy ARN', () => {
    expect(name('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')).toBe('ViewOnlyAccess');
    expect(name('arn:aws:iam::aws:policy/a:b')).toBe('a:b');
  });
  test('undefined for customer policies, other services, non-ARNs and an empty name', () => {
    expect(name('arn:aws:iam::123456789012:policy/Mine')).toBeUndefined();
    expect(name('arn:aws:s3:::aws:policy/X')).toBeUndefined();
    expect(name('foo:aws:iam::aws:policy/X')).toBeUndefined();
    expect(name('arn:aws:iam::aws:policy/')).toBeUndefined();
    expect(name('arn:aws:iam::aws:role/X')).toBeUndefined();
    expect(name('arn:aws:iam::aws')).toBeUndefined();
  });
});
