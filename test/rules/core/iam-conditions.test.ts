/** rules/core/iam-conditions: what the conditions of an IAM statement say about the resources it reaches. */
import { hasCondition, narrowsResources, pinnedActions } from '../../../rules/core/iam-conditions';
import { openAll, template } from '../support/template-builder';

describe('narrowsResources', () => {
  const narrows = (Condition: unknown) => narrowsResources({ Condition });
  test('any non-IfExists operator with any resource-narrowing key', () => {
    expect(narrows({ Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:ResourceTag/team': 'a' } })).toBe(true);
    expect(narrows({ StringEquals: { 'aws:SecureTransport': 'true', 's3:ExistingObjectTag/x': 'a' } })).toBe(true);
    // Only a trailing IfExists makes the key optional.
    expect(narrows({ 'IfExists:StringEquals': { 'aws:ResourceAccount': 'a' } })).toBe(true);
    for (const key of ['aws:ResourceAccount', 's3:ResourceAccount', 'aws:ResourceOrgID', 'aws:ResourceOrgPaths'])
      expect(narrows({ StringEquals: { [key]: 'a' } })).toBe(true);
  });
  test('not a longer key, an IfExists operator, entries that are no object, or no condition', () => {
    for (const key of ['aws:ResourceAccountX', 's3:ResourceAccountX', 'aws:ResourceOrgIDs', 'aws:ResourceOrgPathsX'])
      expect(narrows({ StringEquals: { [key]: 'a' } })).toBe(false);
    expect(narrows({ StringEqualsIfExists: { 'aws:ResourceAccount': 'a' } })).toBe(false);
    expect(narrows({ StringEquals: 'aws:ResourceAccount' })).toBe(false);
    expect(narrows('x')).toBe(false);
  });
});

describe('pinnedActions', () => {
  const view = openAll([template().resource('Cluster', 'AWS::ECS::Cluster').resource('Ap', 'AWS::EFS::AccessPoint')])[0].view;
  const pinned = (Condition: unknown) => pinnedActions({ Condition }, view);
  const cluster = { 'Fn::GetAtt': ['Cluster', 'Arn'] };
  test('the reviewed actions of a pinning key naming a resource of the template', () => {
    expect(pinned({ ArnEquals: { 'ecs:cluster': cluster } })).toEqual([
      'ecs:Poll',
      'ecs:StartTelemetrySession',
      'ecs:DescribeContainerInstances',
      'ecs:DescribeTasks',
      'ecs:ListTasks',
      'ecs:UpdateContainerInstancesState',
    ]);
    expect(pinned({ StringEquals: { 'elasticfilesystem:AccessPointArn': { 'Fn::GetAtt': ['Ap', 'Arn'] } } })).toEqual([
      'elasticfilesystem:ClientMount',
      'elasticfilesystem:ClientWrite',
      'elasticfilesystem:ClientRootAccess',
    ]);
  });
  test('nothing for another operator, another key, entries or a condition that are no object', () => {
    expect(pinned({ 'ForAnyValue:StringEquals': { 'ecs:cluster': cluster } })).toEqual([]);
    expect(pinned({ ArnEquals: { 'ecs:other': cluster } })).toEqual([]);
    expect(pinned({ ArnEquals: 'ecs:cluster' })).toEqual([]);
    expect(pinned('x')).toEqual([]);
    expect(pinned({ ArnEquals: { 'ecs:cluster': [] } })).toEqual([]);
    expect(pinned({ ArnLike: { 'ecs:cluster': { 'Fn::Sub': '${Cluster.Arn}*' } } })).toEqual([]);
  });
});

describe('hasCondition', () => {
  test('a non-empty condition object', () => {
    expect(hasCondition({ Condition: { Bool: {} } })).toBe(true);
    expect(hasCondition({ Condition: {} })).toBe(false);
    expect(hasCondition({})).toBe(false);
  });
});
