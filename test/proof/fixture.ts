/** Synthesizes the app once (without the gate and cdk-nag, which add no resources) and renders what the proofs need. */
import * as fs from 'fs';
import * as path from 'path';
import { StreamFlixCatalogStack } from '../../lib/catalog';
import { buildStreamFlixApp } from '../../lib/app';
import { NamedPolicy } from '../../lib/proof/simulate';
import { CfnTemplate, TemplateModel } from '../../lib/proof/template-model';
import { PROOF_ACCOUNT } from '../../lib/proof/scenario';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdkJson = require(path.join(__dirname, '..', '..', 'cdk.json')) as { context: Record<string, unknown> };

export function synthesizeForProof() {
  const app = buildStreamFlixApp({ compliance: false, nag: false, context: cdkJson.context });
  const assembly = app.synth();
  const catalog = app.node.findChild('StreamFlixCatalog') as StreamFlixCatalogStack;
  const catalogTemplate = assembly.getStackByName('StreamFlixCatalog').template as CfnTemplate;
  const directTemplate = assembly.getStackByName('StreamFlix').template as CfnTemplate;
  const productTemplate = JSON.parse(fs.readFileSync(path.join(assembly.directory, catalog.productStack.templateFile), 'utf8')) as CfnTemplate;
  return { app, catalog, catalogTemplate, directTemplate, productTemplate };
}

/** The launch role's managed policies as IAM will hold them (account resolved). */
export function launchRolePolicies(catalogTemplate: CfnTemplate): NamedPolicy[] {
  const model = new TemplateModel(
    catalogTemplate,
    { account: PROOF_ACCOUNT, region: 'eu-west-1', stackName: 'StreamFlixCatalog', parameters: {}, stackTags: {} },
    {},
  );
  return Object.entries(catalogTemplate.Resources)
    .filter(([, r]) => r.Type === 'AWS::IAM::ManagedPolicy')
    .map(([id, r]) => ({ name: id, document: model.resolve(r.Properties!.PolicyDocument) as NamedPolicy['document'] }));
}

/** TagOptions of the portfolio: the first allowed value of each key. */
export function firstTagOptions(catalogTemplate: CfnTemplate): Record<string, string> {
  const options: Record<string, string> = {};
  for (const r of Object.values(catalogTemplate.Resources).filter((x) => x.Type === 'AWS::ServiceCatalog::TagOption')) {
    const { Key, Value } = r.Properties as { Key: string; Value: string };
    options[Key] ??= Value;
  }
  return options;
}

export function allTagOptionKeys(catalogTemplate: CfnTemplate): string[] {
  return [
    ...new Set(
      Object.values(catalogTemplate.Resources)
        .filter((x) => x.Type === 'AWS::ServiceCatalog::TagOption')
        .map((r) => (r.Properties as { Key: string }).Key),
    ),
  ];
}
