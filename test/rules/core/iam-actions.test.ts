/** rules/core/iam-actions.ts: which actions are accepted on "*" (data, then the reviewed decisions). */
import { actionsOnAnyResource, allowedOnAnyResource, mayBePassRole, wildcardProblem } from '../../../rules/core/iam-actions';

test.each([
  'ecr:GetAuthorizationToken',
  'xray:PutTraceSegments',
  'logs:CreateLogDelivery',
  'sts:GetCallerIdentity',
  'ssmmessages:OpenDataChannel',
  'elasticloadbalancing:Describe*',
  'cloudwatch:PutMetricData',
  'CloudWatch:putmetricdata',
  'ec2:DescribeInstances',
])('%s is accepted on "*": AWS documents no resource-level permission, or it is a reviewed decision', (action) => {
  expect(allowedOnAnyResource(action)).toBe(true);
});

test.each([
  's3:GetObject',
  'kms:Decrypt',
  'kms:GenerateDataKey*',
  'logs:PutLogEvents',
  'no-such-service:Do',
  'ecr:GetAuthorisationToken',
  'iam:PassRole',
])('%s is not: it can be scoped, or AWS does not define it', (action) => {
  expect(allowedOnAnyResource(action)).toBe(false);
});

describe('wildcardProblem: what a wildcard action grants', () => {
  test('every action, every action of a service, or the actions a partial pattern grants (the first four named)', () => {
    expect(wildcardProblem('*')).toBe('grants every action ("*")');
    expect(wildcardProblem('s3*')).toBe('grants every action of a service ("s3*")');
    expect(wildcardProblem('s3:**')).toBe('grants every action of a service ("s3:**")');
    expect(wildcardProblem('dynamodb:PartiQL*')).toBe(
      'uses the wildcard action "dynamodb:PartiQL*", which grants 4 action(s) ' +
        '(dynamodb:PartiQLDelete, dynamodb:PartiQLInsert, dynamodb:PartiQLSelect, dynamodb:PartiQLUpdate), not a reviewed pattern',
    );
    expect(wildcardProblem('s3:GetObject')).toBeUndefined();
  });
});

describe('mayBePassRole: only iam actions, or patterns with a wildcard in the service part, can grant iam:PassRole', () => {
  test.each(['iam:PassRole', 'IAM:pass*', '*', '*:PassRole', 'i*:PassRole', 'ia?:PassRole', 'i*Role'])('%s may', (action) => {
    expect(mayBePassRole(action)).toBe(true);
  });
  test.each(['s3:GetObject', 's3:Get*', 'kms:*', 'sts:AssumeRole'])('%s cannot', (action) => {
    expect(mayBePassRole(action)).toBe(false);
  });
});

describe('actionsOnAnyResource: the message for each action allowed on "*"', () => {
  const on = (action: string) => actionsOnAnyResource('Statement[0]', [action], '"*"').map((v) => v.message);
  const passRole = (granted: string) => `Statement[0] allows ${granted} on "*": any role, including administrator roles, can be passed to a service`;

  test('a pattern that includes iam:PassRole, whatever its service part, is a PassRole on every role', () => {
    expect(on('*')).toEqual([passRole('"*", which includes iam:PassRole,')]);
    expect(on('i*:PassRole')).toEqual([passRole('"i*:PassRole", which includes iam:PassRole,')]);
  });

  test('an action that can be scoped names its resource types (the first four), and the fix the first', () => {
    const [violation] = actionsOnAnyResource('Statement[0]', ['iam:GenerateServiceLastAccessedDetails'], '"*"');
    expect(violation.message).toBe(
      'Statement[0] allows "iam:GenerateServiceLastAccessedDetails" on "*", although it can be scoped to group, policy, role, user resources ' +
        '(AWS Service Authorization Reference)',
    );
    expect(violation.fix).toBe('scope "iam:GenerateServiceLastAccessedDetails" to the ARNs of the group it needs (a CDK grant* method does this)');
  });

  test('an action AWS does not define, also one without a service part, says so', () => {
    const undefinedAction = (action: string) =>
      `Statement[0] allows "${action}" on "*", and AWS's Service Authorization Reference defines no such action`;
    expect(on('s3:GetObjekt')).toEqual([undefinedAction('s3:GetObjekt')]);
    expect(on('GetObject')).toEqual([undefinedAction('GetObject')]);
  });
});
