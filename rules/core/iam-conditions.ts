/** What the conditions of an IAM statement say about the resources it reaches. */
import { TemplateView } from './template';
import { asList, isPlainObject } from './intrinsics';
import { hasLiteralShape } from './arn-scope';
import { isFullyLiteral, partsToDisplay } from './rendered';
import { render } from './values';

/**
 * Condition keys that pick out which resources a statement reaches (object tags, resource tags,
 * the owning account or organization); others (aws:SecureTransport, aws:RequestedRegion) say how
 * or from where a request comes, not which resources it may touch.
 */
const RESOURCE_NARROWING_KEY =
  /^(s3:ExistingObjectTag\/|aws:ResourceTag\/|aws:ResourceAccount$|s3:ResourceAccount$|aws:ResourceOrgID$|aws:ResourceOrgPaths$)/i;

export function narrowsResources(statement: Record<string, unknown>): boolean {
  const condition = statement.Condition;
  if (!isPlainObject(condition)) return false;
  return Object.entries(condition).some(
    ([operator, entries]) =>
      !/IfExists$/i.test(operator) && isPlainObject(entries) && Object.keys(entries).some((key) => RESOURCE_NARROWING_KEY.test(key)),
  );
}

/**
 * Reviewed: condition keys that name the one resource a statement on `Resource: "*"` may reach, and
 * the only actions they pin (CDK's ECS agent and drain hook to their cluster, Lambda's EFS mount to
 * its access point). Every other action of such a statement is judged on "*" as usual.
 */
const RESOURCE_PINNING: Readonly<Record<string, readonly string[]>> = {
  'ecs:cluster': [
    'ecs:Poll',
    'ecs:StartTelemetrySession',
    'ecs:DescribeContainerInstances',
    'ecs:DescribeTasks',
    'ecs:ListTasks',
    'ecs:UpdateContainerInstancesState',
  ],
  'elasticfilesystem:accesspointarn': ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'],
};

/**
 * The actions a non-IfExists condition pins to a resource of the template: the reviewed actions of
 * each pinning key whose every value is an identifying reference of a resource (no wildcard).
 */
export function pinnedActions(statement: Record<string, unknown>, template: TemplateView): readonly string[] {
  const condition = statement.Condition;
  if (!isPlainObject(condition)) return [];
  return Object.entries(condition).flatMap(([operator, entries]) => {
    if (!/^(ArnEquals|ArnLike|StringEquals)$/i.test(operator) || !isPlainObject(entries)) return [];
    return Object.entries(entries).flatMap(([key, values]) => {
      const actions = RESOURCE_PINNING[key.toLowerCase()];
      const pinsTemplateResource =
        asList(values).length > 0 &&
        asList(values).every((value) => {
          const parts = render(value, template);
          return parts !== undefined && !/[*?]/.test(partsToDisplay(parts)) && !isFullyLiteral(parts) && hasLiteralShape(parts, template);
        });
      return actions && pinsTemplateResource ? actions : [];
    });
  });
}

export function hasCondition(statement: Record<string, unknown>): boolean {
  return isPlainObject(statement.Condition) && Object.keys(statement.Condition).length > 0;
}
