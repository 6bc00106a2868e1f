import { Aws, CfnRule, Fn, Stack } from 'aws-cdk-lib';
import { MANDATED_REGION } from '../shared/region';

/** Construct id of the rule; also its name in the template's `Rules` section. */
export const REGION_GUARD_ID = 'RegionIsEuWest1';

/**
 * Adds a CloudFormation `Rules` assertion that `AWS::Region` is eu-west-1 to `stack`.
 *
 * CloudFormation evaluates rules before it creates or changes anything, so a copy of the template
 * deployed (or provisioned through Service Catalog) in another region fails at once, with nothing
 * created. This complements SFX-REGION, which can only judge what is known at synth time: a product
 * template is an S3 object that anyone with access could launch anywhere.
 *
 * Idempotent: calling it twice on the same stack returns the existing rule.
 */
export function addRegionGuard(stack: Stack): CfnRule {
  const existing = stack.node.tryFindChild(REGION_GUARD_ID);
  if (existing instanceof CfnRule) return existing;
  return new CfnRule(stack, REGION_GUARD_ID, {
    assertions: [
      {
        assert: Fn.conditionEquals(Aws.REGION, MANDATED_REGION),
        assertDescription: `StreamFlix deploys only to ${MANDATED_REGION} (data residency, SFX-REGION); switch to ${MANDATED_REGION} and try again.`,
      },
    ],
  });
}
