/** What an IAM action (or action pattern) grants, judged against AWS's action data and the reviewed decisions. */
import { expandAction, resourceTypesOf, supportsNoResourceLevelPermissions } from './aws-actions';
import { ACTIONS_ALLOWED_ON_ANY_RESOURCE, APPROVED_ACTION_PATTERNS } from './iam-allowlist';
import { iamPatternMatches } from './iam-documents';
import { Violation, fail } from './rule';

export function wildcardProblem(action: string): string | undefined {
  if (!/[*?]/.test(action)) return undefined;
  // Without a colon the wildcard is in the service part, so `name` is only read when the action has one.
  const [service, name] = action.split(':');
  if (/[*?]/.test(service) || /^\*+$/.test(name)) {
    return `grants every action${action === '*' ? '' : ` of a service`} ("${action}")`;
  }
  const approved = APPROVED_ACTION_PATTERNS.some((entry) => entry.action.toLowerCase() === action.toLowerCase());
  if (approved) return undefined;
  const granted = expandAction(action);
  return granted.length === 0
    ? `uses the wildcard action "${action}", which matches no action AWS defines`
    : `uses the wildcard action "${action}", which grants ${granted.length} action(s) (${granted
        .slice(0, 4)
        .map((a) => a.name)
        .join(', ')}${granted.length > 4 ? ', …' : ''}), not a reviewed pattern`;
}

/** Cheap pre-check (policies hold hundreds of actions): only iam actions or wildcard services can match. */
export function mayBePassRole(action: string): boolean {
  return /^(iam:|[^:]*[*?])/i.test(action);
}

export function actionsOnAnyResource(where: string, actions: string[], shown: string): Violation[] {
  return actions.flatMap((action) => {
    if (mayBePassRole(action) && iamPatternMatches(action, 'iam:PassRole')) {
      const granted = action.toLowerCase() === 'iam:passrole' ? action : `"${action}", which includes iam:PassRole,`;
      return [
        fail(
          `${where} allows ${granted} on ${shown}: any role, including administrator roles, can be passed to a service`,
          'restrict iam:PassRole to the ARNs of the roles the service needs',
        ),
      ];
    }
    if (allowedOnAnyResource(action)) return [];
    const types = resourceTypesOf(action);
    if (expandAction(action).length === 0) {
      return [
        fail(
          `${where} allows "${action}" on ${shown}, and AWS's Service Authorization Reference defines no such action`,
          `correct the action name, then scope it to the ARNs it needs`,
        ),
      ];
    }
    return [
      fail(
        `${where} allows "${action}" on ${shown}, although it can be scoped to ` +
          `${types.slice(0, 4).join(', ')}${types.length > 4 ? ', …' : ''} resources (AWS Service ` +
          `Authorization Reference)`,
        `scope "${action}" to the ARNs of the ${types[0]} it needs (a CDK grant* method does this)`,
      ),
    ];
  });
}

/**
 * "*" is the only resource AWS offers for the action (every action a pattern grants), or the
 * reviewed allowlist accepts it on "*" as a decision.
 */
export function allowedOnAnyResource(action: string): boolean {
  return supportsNoResourceLevelPermissions(action) || ACTIONS_ALLOWED_ON_ANY_RESOURCE.some((entry) => iamPatternMatches(entry.action, action));
}
