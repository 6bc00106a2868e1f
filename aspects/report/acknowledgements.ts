/** Acknowledged validation findings (cdk-nag and others), read from the construct tree. */
import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

export interface Acknowledgement {
  /** Construct the acknowledgement is attached to (it covers that construct and its children). */
  readonly path: string;
  /** Qualified rule id, e.g. `AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]`. */
  readonly id: string;
  readonly reason: string;
}

export function acknowledgementsUnder(root: IConstruct): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, id, reason: String(reason) });
      }
    }
  }
  return found;
}
