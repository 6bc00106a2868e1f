/** The provisioning the proof assumes: one product, provisioned by an application team, then updated. */
import { ProvisioningScenario } from './template-model';

export const PROOF_ACCOUNT = '123456789012';
const stackName = `SC-${PROOF_ACCOUNT}-pp-abcdefghijklm`;
const serviceCatalogTags = {
  'aws:servicecatalog:portfolioArn': `arn:aws:catalog:eu-west-1:${PROOF_ACCOUNT}:portfolio/port-abcdefghijklm`,
  'aws:servicecatalog:productArn': `arn:aws:catalog:eu-west-1:${PROOF_ACCOUNT}:product/prod-abcdefghijklm`,
  'aws:servicecatalog:provisioningPrincipalArn': `arn:aws:sts::${PROOF_ACCOUNT}:assumed-role/streamflix-application-team/someone`,
  'aws:servicecatalog:provisionedProductArn': `arn:aws:servicecatalog:eu-west-1:${PROOF_ACCOUNT}:stack/content-api/pp-abcdefghijklm`,
  'aws:servicecatalog:provisioningArtifactIdentifier': 'pa-abcdefghijklm',
};

/** Provisioned as the README shows: a private ECR image, dev, the TagOptions chosen. */
export function provisioningScenario(tagOptions: Record<string, string>, parameters: Record<string, string> = {}): ProvisioningScenario {
  return {
    account: PROOF_ACCOUNT,
    region: 'eu-west-1',
    stackName,
    parameters: { EnvironmentName: 'dev', ContainerImage: `${PROOF_ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/content-api:1.0.0`, ...parameters },
    stackTags: { ...tagOptions, ...serviceCatalogTags },
  };
}
