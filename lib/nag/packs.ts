/**
 * The four cdk-nag packs the blueprint must pass, registered as CDK validation plugins
 * (cdk-nag 3): any unacknowledged finding fails `cdk synth`. Each pack also leaves its own
 * report in the cloud assembly (`cdk-nag-<pack>.json`): CDK's validation-report.json lists
 * only failing plugins, and an auditor wants to see that every pack ran and what it accepted.
 */
import * as fs from 'fs';
import * as path from 'path';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { acknowledgementsUnder } from '../../aspects';

export function nagPacks(app: IConstruct): NagPack[] {
  return [new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new HIPAASecurityChecks(app), new PCIDSS321Checks(app)];
}

export function addNagPacks(app: IConstruct): void {
  Validations.of(app).addPlugins(...nagPacks(app).map((pack) => new ReportingNagPack(pack, app)));
}

/** Runs a pack unchanged and writes what it found and what was acknowledged for it. */
class ReportingNagPack implements IPolicyValidationPlugin {
  public readonly name: string;
  public readonly version?: string;

  constructor(
    private readonly pack: NagPack,
    private readonly app: IConstruct,
  ) {
    this.name = pack.name;
    this.version = pack.version;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = this.pack.validate(context);
    const [template] = context.templatePaths;
    if (template !== undefined) {
      const prefix = `${this.pack.readPackName}-`;
      const acknowledged = acknowledgementsUnder(this.app).filter((a) => a.id.replace(/^[^:]*::/, '').startsWith(prefix));
      const content = { pack: this.pack.readPackName, success: report.success, violations: report.violations, acknowledged };
      fs.writeFileSync(path.join(path.dirname(template), `cdk-nag-${this.pack.readPackName}.json`), `${JSON.stringify(content, undefined, 2)}\n`);
    }
    return report;
  }
}
