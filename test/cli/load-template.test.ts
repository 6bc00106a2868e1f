/** Reading templates as CloudFormation does: short-form intrinsics, YAML 1.1 scalars, JSON. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadTemplate, scanJsonKeys } from '../../cli/load-template';
import { regionOfRules } from '../../cli/template-region';

function load(text: string, name = 't.yaml'): Record<string, unknown> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-load-')), name);
  fs.writeFileSync(file, text);
  return loadTemplate(file).template;
}

describe('YAML short-form intrinsics become their long form', () => {
  const value = (yaml: string) =>
    (load(`Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      V: ${yaml}\n`).Resources as { R: { Properties: { V: unknown } } }).R
      .Properties.V;
  test.each([
    ['!Ref Param', { Ref: 'Param' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Db, Arn]', { 'Fn::GetAtt': ['Db', 'Arn'] }],
    ["!Sub 'arn:${AWS::Partition}:s3:::b'", { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' }],
    ["!Sub ['${X}', { X: !Ref P }]", { 'Fn::Sub': ['${X}', { X: { Ref: 'P' } }] }],
    ['!If [C, !Ref A, !Ref AWS::NoValue]', { 'Fn::If': ['C', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] }],
    ["!Select [0, !GetAZs '']", { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ["!Split [',', !ImportValue ids]", { 'Fn::Split': [',', { 'Fn::ImportValue': 'ids' }] }],
    ["!Join ['', [a, !Ref B]]", { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
    ['!FindInMap [M, !Ref AWS::Region, K]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'K'] }],
    ['!Base64 text', { 'Fn::Base64': 'text' }],
    ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    [
      '!And [!Equals [a, b], !Or [!Not [!Condition C], !Condition D]]',
      { 'Fn::And': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Or': [{ 'Fn::Not': [{ Condition: 'C' }] }, { Condition: 'D' }] }] },
    ],
    [
      '!Transform { Name: AWS::Include, Parameters: { Location: s3://b/k } }',
      { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
    ],
  ])('%s', (yaml, expected) => {
    expect(value(yaml)).toEqual(expected);
  });

  test('YAML 1.1 booleans as CloudFormation reads them; an unquoted date stays a string', () => {
    const template = load(
      'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: yes\n      B: off\n      C: "yes"\n',
    );
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect((template.Resources as { R: { Properties: unknown } }).R.Properties).toEqual({ A: true, B: false, C: 'yes' });
  });

  test('a lone y or n is a name, not a boolean', () => {
    expect(Object.keys(load('Resources:\n  N:\n    Type: AWS::SQS::Queue\n  Y:\n    Type: AWS::SQS::Queue\n').Resources as object)).toEqual([
      'N',
      'Y',
    ]);
  });

  test('!Ref of a list is refused', () => {
    expect(() => load('Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      V: !Ref [A]\n')).toThrow(/!Ref takes a name, not a list/);
  });

  test('a YAML flow mapping that is not JSON is read as YAML', () => {
    expect(load('{Resources: {Q: {Type: AWS::SQS::Queue}}}', 't.json')).toEqual({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
  });

  test('resource lines, YAML and JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-lines-'));
    fs.writeFileSync(path.join(dir, 't.yaml'), 'Description: x\nResources:\n  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::SQS::Queue\n');
    expect([...loadTemplate(path.join(dir, 't.yaml')).resourceLines]).toEqual([
      ['A', 3],
      ['B', 5],
    ]);
    expect([...scanJsonKeys('{\n "Outputs": {"A": {}},\n "Resources": {\n  "A": {"Type": "x"},\n  "B\\"q": {}\n }\n}').resourceLines]).toEqual([
      ['A', 4],
      ['B"q', 5],
    ]);
  });
});

describe('a region the template names', () => {
  test('an unconditional Rules assertion pins AWS::Region', () => {
    expect(regionOfRules({ R: { Assertions: [{ Assert: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } }] } })).toBe('eu-west-1');
    expect(regionOfRules({ R: { Assertions: [{ Assert: { 'Fn::Contains': [['eu-west-1'], { Ref: 'AWS::Region' }] } }] } })).toBe('eu-west-1');
  });

  test('a conditional rule, or one allowing several regions, pins nothing', () => {
    expect(
      regionOfRules({
        R: {
          RuleCondition: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
          Assertions: [{ Assert: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } }],
        },
      }),
    ).toBeUndefined();
    expect(
      regionOfRules({ R: { Assertions: [{ Assert: { 'Fn::Contains': [['eu-west-1', 'us-east-1'], { Ref: 'AWS::Region' }] } }] } }),
    ).toBeUndefined();
  });
});
