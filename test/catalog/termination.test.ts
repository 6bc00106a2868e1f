// Termination completes and keeps the data; deletion protection only for prod, lifted by AllowTermination=yes.
import { ALLOW_TERMINATION_PARAMETER } from '../../lib/catalog';
import { CfnTemplate, TemplateModel } from '../../lib/proof/template-model';
import { provisioningScenario } from '../../lib/proof/scenario';
import { synthesizeForProof } from '../proof/fixture';

const { productTemplate } = synthesizeForProof();
const resources = Object.entries(productTemplate.Resources);
const idOf = (type: string) => resources.find(([, r]) => r.Type === type)![0];
const database = idOf('AWS::RDS::DBInstance');
const loadBalancer = idOf('AWS::ElasticLoadBalancingV2::LoadBalancer');

/** Deletion protection of the database and the ALB as CloudFormation resolves them for the given parameters. */
function protection(parameters: Record<string, string>) {
  const model = new TemplateModel(productTemplate as CfnTemplate, provisioningScenario({}, parameters), {});
  const db = model.resolve(productTemplate.Resources[database].Properties!.DeletionProtection);
  const attributes = model.resolve(productTemplate.Resources[loadBalancer].Properties!.LoadBalancerAttributes) as { Key: string; Value: string }[];
  return { database: String(db), loadBalancer: attributes.find((a) => a.Key === 'deletion_protection.enabled')?.Value };
}

describe('termination', () => {
  test.each([
    [{ EnvironmentName: 'dev' }, 'false'],
    [{ EnvironmentName: 'staging' }, 'false'],
    [{ EnvironmentName: 'prod' }, 'true'],
    [{ EnvironmentName: 'prod', [ALLOW_TERMINATION_PARAMETER]: 'yes' }, 'false'],
    [{ EnvironmentName: 'dev', [ALLOW_TERMINATION_PARAMETER]: 'yes' }, 'false'],
  ])('%j: database and ALB deletion protection %s', (parameters, expected) => {
    expect(protection(parameters)).toEqual({ database: expected, loadBalancer: expected });
  });

  test('the extra step for prod is a parameter update, documented in the template', () => {
    expect(productTemplate.Parameters?.[ALLOW_TERMINATION_PARAMETER]).toMatchObject({ AllowedValues: ['no', 'yes'], Default: 'no' });
  });

  test('no data is lost: final snapshot of the database, keys, backup vault and log groups retained', () => {
    const policies = Object.fromEntries(resources.map(([id, r]) => [id, (r as { DeletionPolicy?: string }).DeletionPolicy]));
    expect(policies[database]).toBe('Snapshot');
    for (const [id, r] of resources) {
      if (['AWS::KMS::Key', 'AWS::Backup::BackupVault', 'AWS::Logs::LogGroup'].includes(r.Type))
        expect({ id, policy: policies[id] }).toEqual({ id, policy: 'Retain' });
    }
    expect(productTemplate.Resources[database].Properties).toMatchObject({ DeleteAutomatedBackups: false, CopyTagsToSnapshot: true });
  });

  test('nothing else in the product is deletion-protected (termination cannot end in DELETE_FAILED on a protection flag)', () => {
    const protectedElsewhere = resources.filter(
      ([id, r]) =>
        id !== database &&
        id !== loadBalancer &&
        /DeletionProtection|deletion_protection|TerminationProtection/.test(JSON.stringify(r.Properties ?? {})),
    );
    expect(protectedElsewhere.map(([id]) => id)).toEqual([]);
  });
});
