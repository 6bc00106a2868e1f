/**
 * The four cdk-nag packs the blueprint must pass, registered as CDK validation plugins
 * (cdk-nag 3): any unacknowledged finding fails `cdk synth`, and the report lands in
 * cdk.out/validation-report.json.
 */
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';

export function addNagPacks(app: IConstruct): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new HIPAASecurityChecks(app),
    new PCIDSS321Checks(app),
  );
}
