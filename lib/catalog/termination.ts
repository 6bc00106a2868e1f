import { CfnCondition, CfnParameter, Fn, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Logical id of the parameter that lifts deletion protection before a `prod` product is terminated. */
export const ALLOW_TERMINATION_PARAMETER = 'AllowTermination';
/** The environment whose database and load balancer are deletion-protected unless termination is allowed. */
export const PROTECTED_ENVIRONMENT = 'prod';

/**
 * Termination of a provisioned product completes and loses no data: the database leaves a final snapshot
 * (DeletionPolicy Snapshot), its key, the backup vault and its key are retained. Deletion protection (RDS and
 * ALB) would make the stack end in DELETE_FAILED with NAT gateways and the rest still billing, so it is on only
 * for `prod`, where terminating takes one deliberate extra step: update the provisioned product with
 * `AllowTermination=yes` (CloudFormation lifts both protections), then terminate it.
 *
 * Returns the deletion-protection value for {@link ContentApiProps.deletionProtection} (a token).
 */
export function addTerminationGuard(scope: Construct, environmentName: CfnParameter): boolean {
  const allowTermination = new CfnParameter(scope, ALLOW_TERMINATION_PARAMETER, {
    type: 'String',
    description:
      'Set to "yes" (update the provisioned product) before terminating a prod environment: it lifts the ' +
      'deletion protection of the database and load balancer. Data is kept either way (final snapshot, retained keys and backups).',
    allowedValues: ['no', 'yes'],
    default: 'no',
  });
  const isProtected = new CfnCondition(scope, 'DeletionProtected', {
    expression: Fn.conditionAnd(
      Fn.conditionEquals(environmentName.valueAsString, PROTECTED_ENVIRONMENT),
      Fn.conditionEquals(allowTermination.valueAsString, 'no'),
    ),
  });
  // 'true'/'false' strings: valid for RDS's boolean DeletionProtection and for the ALB's string attribute alike.
  return Token.asAny(Fn.conditionIf(isProtected.logicalId, 'true', 'false')) as unknown as boolean;
}
