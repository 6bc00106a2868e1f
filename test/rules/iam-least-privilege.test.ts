/** SFX-IAM-LEAST-PRIVILEGE at the pure level: where documents are read, Effect, conditions, resources. */
import { IamLeastPrivilege } from '../../rules/iam-least-privilege';
import { findings, template, violationsOf } from './support/template-builder';

const document = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const policy = (statement: Record<string, unknown>, stack = template()) =>
  stack.resource('Policy', 'AWS::IAM::Policy', { PolicyName: 'p', PolicyDocument: document(statement), Roles: ['r'] });
const S3_ANY = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const onAny = 'Stack/Policy: PolicyDocument.Statement[0] allows "s3:GetObject" on "*", although it can be scoped to';

describe('SFX-IAM-LEAST-PRIVILEGE', () => {
  test.each(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy'])(
    'reads the PolicyDocument of %s',
    (type) => {
      const stack = template().resource('Policy', type, { PolicyName: 'p', PolicyDocument: document(S3_ANY) });
      expect(violationsOf(IamLeastPrivilege, stack)).toEqual([
        expect.objectContaining({
          ruleId: 'SFX-IAM-LEAST-PRIVILEGE',
          path: 'Stack/Policy',
          message: expect.stringContaining('PolicyDocument.Statement[0] allows "s3:GetObject" on "*"'),
        }),
      ]);
    },
  );

  test.each(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'])('reads the inline Policies of %s, naming the policy', (type) => {
    const stack = template().resource('Holder', type, { Policies: [{ PolicyName: 'inline', PolicyDocument: document(S3_ANY) }] });
    expect(findings(IamLeastPrivilege, stack)).toEqual([
      expect.stringContaining('Stack/Holder: Policies[0] (inline).PolicyDocument.Statement[0] allows "s3:GetObject" on "*"'),
    ]);
  });

  test('reads a permission set InlinePolicy and SAM Policies statements', () => {
    expect(findings(IamLeastPrivilege, template().resource('Set', 'AWS::SSO::PermissionSet', { InlinePolicy: document(S3_ANY) }))).toEqual([
      expect.stringContaining('Stack/Set: InlinePolicy.Statement[0] allows "s3:GetObject" on "*"'),
    ]);
    expect(findings(IamLeastPrivilege, template().resource('Fn', 'AWS::Serverless::Function', { Policies: [document(S3_ANY)] }))).toEqual([
      expect.stringContaining('Stack/Fn: Policies[0].Statement[0] allows "s3:GetObject" on "*"'),
    ]);
  });

  test('a specific resource passes; a Deny is never a problem', () => {
    expect(findings(IamLeastPrivilege, policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/key' }))).toEqual([]);
    expect(findings(IamLeastPrivilege, policy({ Effect: 'Deny', Action: '*', Resource: '*' }))).toEqual([]);
  });

  describe('an Effect that is not a literal', () => {
    test('Fn::If between Allow and Deny is judged as Allow', () => {
      const stack = template().condition('C', { 'Fn::Equals': ['a', 'b'] });
      expect(findings(IamLeastPrivilege, policy({ ...S3_ANY, Effect: { 'Fn::If': ['C', 'Allow', 'Deny'] } }, stack))).toEqual([
        expect.stringContaining(onAny),
      ]);
      expect(findings(IamLeastPrivilege, policy({ ...S3_ANY, Effect: { 'Fn::If': ['C', 'Deny', 'Allow'] } }, stack))).toEqual([
        expect.stringContaining(onAny),
      ]);
      expect(findings(IamLeastPrivilege, policy({ ...S3_ANY, Effect: { 'Fn::If': ['C', 'Deny', 'Deny'] } }, stack))).toEqual([]);
    });

    test('a parameter is Deny-only only when every allowed value is Deny', () => {
      expect(findings(IamLeastPrivilege, policy({ ...S3_ANY, Effect: { Ref: 'E' } }, template().parameter('E')))).toEqual([
        expect.stringContaining(onAny),
      ]);
      expect(
        findings(
          IamLeastPrivilege,
          policy({ ...S3_ANY, Effect: { Ref: 'E' } }, template().parameter('E', { Type: 'String', AllowedValues: ['Deny'] })),
        ),
      ).toEqual([]);
    });
  });

  describe('conditions', () => {
    const objects = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' };
    test('a resource-narrowing condition (object tag) bounds "every object"; without it, it is "*" in all but name', () => {
      expect(findings(IamLeastPrivilege, policy({ ...objects, Condition: { StringEquals: { 's3:ExistingObjectTag/app': 'x' } } }))).toEqual([]);
      expect(findings(IamLeastPrivilege, policy({ ...objects, Condition: { StringEquals: { 'aws:ResourceAccount': '123456789012' } } }))).toEqual([]);
      expect(findings(IamLeastPrivilege, policy(objects))).toEqual([expect.stringContaining('allows "s3:GetObject" on "arn:aws:s3:::*/*"')]);
    });

    test('…IfExists operators do not narrow (absent keys match), nor do keys that say how a request comes', () => {
      expect(findings(IamLeastPrivilege, policy({ ...objects, Condition: { StringEqualsIfExists: { 's3:ExistingObjectTag/app': 'x' } } }))).toEqual([
        expect.stringContaining('on "arn:aws:s3:::*/*"'),
      ]);
      expect(findings(IamLeastPrivilege, policy({ ...objects, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))).toEqual([
        expect.stringContaining('on "arn:aws:s3:::*/*"'),
      ]);
    });
  });

  describe('actions', () => {
    test('NotAction and NotResource fail', () => {
      expect(findings(IamLeastPrivilege, policy({ Effect: 'Allow', NotAction: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' }))).toEqual([
        'Stack/Policy: PolicyDocument.Statement[0] allows NotAction, which grants every action except those listed',
      ]);
      expect(findings(IamLeastPrivilege, policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b/k', Sid: 'X' }))).toEqual([
        'Stack/Policy: PolicyDocument.Statement[0] (Sid X) allows NotResource, which grants every resource except those listed',
      ]);
    });

    test('"*" and service:* grant every action', () => {
      expect(findings(IamLeastPrivilege, policy({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/k' }))).toEqual([
        'Stack/Policy: PolicyDocument.Statement[0] grants every action ("*")',
      ]);
      expect(findings(IamLeastPrivilege, policy({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/k' }))).toEqual([
        'Stack/Policy: PolicyDocument.Statement[0] grants every action of a service ("s3:*")',
      ]);
    });

    test('iam:PassRole on "*" or every role fails', () => {
      expect(findings(IamLeastPrivilege, policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }))).toEqual([
        'Stack/Policy: PolicyDocument.Statement[0] allows iam:PassRole on "*": any role, including administrator roles, can be passed to a service',
      ]);
      expect(findings(IamLeastPrivilege, policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/*' }))).toEqual([
        'Stack/Policy: PolicyDocument.Statement[0] allows iam:PassRole on "arn:aws:iam::123456789012:role/*", which is every role of the account',
      ]);
      expect(
        findings(IamLeastPrivilege, policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/app-*' })),
      ).toEqual([]);
    });

    test('an action from a free parameter is not provable', () => {
      expect(
        findings(IamLeastPrivilege, policy({ Effect: 'Allow', Action: { Ref: 'A' }, Resource: 'arn:aws:s3:::b/k' }, template().parameter('A'))),
      ).toEqual([expect.stringContaining('PolicyDocument.Statement[0] Action is not a literal')]);
    });
  });

  test('a role anyone may assume without a condition fails; with a condition it passes', () => {
    const role = (statement: Record<string, unknown>) =>
      template().resource('Role', 'AWS::IAM::Role', {
        AssumeRolePolicyDocument: document({ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }),
      });
    expect(findings(IamLeastPrivilege, role({ Principal: { AWS: '*' } }))).toEqual([
      'Stack/Role: AssumeRolePolicyDocument.Statement[0] lets any AWS principal ("*") assume the role, with no condition',
    ]);
    expect(findings(IamLeastPrivilege, role({ Principal: '*' }))).toHaveLength(1);
    expect(findings(IamLeastPrivilege, role({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }))).toEqual([]);
    expect(findings(IamLeastPrivilege, role({ Principal: { Service: 'ecs-tasks.amazonaws.com' } }))).toEqual([]);
  });

  test('an AWS managed administrator policy fails; a customer managed one passes', () => {
    const attached = (arn: unknown) => template().resource('Role', 'AWS::IAM::Role', { ManagedPolicyArns: [arn] });
    expect(findings(IamLeastPrivilege, attached('arn:aws:iam::aws:policy/AdministratorAccess'))).toEqual([
      expect.stringContaining('Stack/Role: ManagedPolicyArns[0] attaches the AWS managed policy AdministratorAccess'),
    ]);
    expect(findings(IamLeastPrivilege, attached('arn:aws:iam::123456789012:policy/mine'))).toEqual([]);
  });
});
