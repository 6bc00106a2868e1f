/** Test support: a custom element that renders Resources of its own, with no CfnResource construct behind them. */
import { CfnElement } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class RawResources extends CfnElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly resources: Record<string, unknown>,
  ) {
    super(scope, id);
  }
  _toCloudFormation(): object {
    return { Resources: this.resources };
  }
}
