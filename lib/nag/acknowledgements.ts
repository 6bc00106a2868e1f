/**
 * How the blueprint acknowledges cdk-nag findings: each acknowledgement names the narrowest
 * construct, the narrowest finding and its reason, and is attached with
 * `Validations.of(construct).acknowledge`. The lists themselves live with what they acknowledge:
 * `lib/content-api/nag-acknowledgements.ts` and `lib/catalog/nag-acknowledgements.ts`.
 */
import { CfnResource, Validations } from 'aws-cdk-lib';
import { rules } from 'cdk-nag';
import { IConstruct } from 'constructs';

/** One acknowledged design choice, found in a built owner of type `T`. */
export interface NagAcknowledgement<T> {
  /** Which construct, as a path below the owner (for the docs). */
  readonly construct: string;
  /** The rule ids acknowledged there (all packs reporting the same design choice). */
  readonly ids: readonly string[];
  /**
   * Also acknowledge each granular AwsSolutions-IAM5 finding of the policy found (one per wildcard
   * resource pattern or approved action pattern), as the rule itself reports them.
   */
  readonly wildcardFindings?: boolean;
  readonly reason: string;
  /** Finds the construct(s) in a built owner. */
  readonly find: (owner: T) => IConstruct[];
}

/** The ids under which the compliance packs (all three, or those named) report `rule`. */
export const packs = (rule: string, only: string[] = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) => only.map((pack) => `${pack}-${rule}`);

export function applyAcknowledgements<T>(entries: readonly NagAcknowledgement<T>[], owner: T): void {
  for (const entry of entries) {
    for (const construct of entry.find(owner)) {
      const ids = [...entry.ids, ...(entry.wildcardFindings ? wildcardFindingIds(construct) : [])];
      Validations.of(construct).acknowledge(...ids.map((id) => ({ id, reason: entry.reason })));
    }
  }
}

/** The AwsSolutions-IAM5 finding ids cdk-nag reports for a policy, computed by the rule itself. */
export function wildcardFindingIds(construct: IConstruct): string[] {
  const policy = construct.node.defaultChild ?? construct;
  if (!CfnResource.isCfnResource(policy)) return [];
  const findings = rules.iam.IAMNoWildcardPermissions(policy);
  return Array.isArray(findings) ? findings.map((finding) => `AwsSolutions-IAM5[${finding}]`) : [];
}
