/** rules/core/iam-actions.ts: which actions are accepted on "*" (data, then the reviewed decisions). */
import { allowedOnAnyResource } from '../../../rules/core/iam-actions';

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
