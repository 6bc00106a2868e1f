// The catalog stack: portfolio, product and its version history, TagOptions, launch constraint and access.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  CURRENT_VERSION,
  DEFAULT_PRINCIPAL_ROLE_NAME,
  PRINCIPAL_CONTEXT_KEY,
  SNAPSHOT_DIRECTORY,
  StreamFlixCatalogStack,
  StreamFlixCatalogStackProps,
} from '../../lib/catalog';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdkJson = require(path.join(__dirname, '..', '..', 'cdk.json')) as { context: Record<string, unknown> };

interface Synthesized {
  readonly stack: StreamFlixCatalogStack;
  readonly template: Template;
  readonly productTemplate: Record<string, unknown>;
  readonly snapshotDirectory: string;
}

/** Synthesizes a catalog stack; snapshots go to a fresh temporary directory, never into the repository. */
function synthesizeCatalog(
  props: StreamFlixCatalogStackProps = {},
  context: Record<string, unknown> = {},
  snapshotDirectory = tempDir(),
): Synthesized {
  const app = new App({ context: { ...cdkJson.context, ...context } });
  const stack = new StreamFlixCatalogStack(app, 'StreamFlixCatalog', { env: { region: 'eu-west-1' }, snapshotDirectory, ...props });
  const assembly = app.synth();
  const template = Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template as Record<string, unknown>);
  const productTemplate = JSON.parse(fs.readFileSync(path.join(assembly.directory, stack.productStack.templateFile), 'utf8')) as Record<
    string,
    unknown
  >;
  return { stack, template, productTemplate, snapshotDirectory };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-catalog-'));
}

function onlyResource(template: Template, type: string): { Properties: Record<string, unknown> } & Record<string, unknown> {
  const found = Object.values(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0] as { Properties: Record<string, unknown> } & Record<string, unknown>;
}

const catalog = synthesizeCatalog();
const { template } = catalog;

describe('portfolio and product', () => {
  test('one portfolio, provided by the platform team', () => {
    template.resourceCountIs('AWS::ServiceCatalog::Portfolio', 1);
    template.hasResourceProperties('AWS::ServiceCatalog::Portfolio', {
      DisplayName: 'StreamFlix Blueprints',
      ProviderName: 'StreamFlix Platform Team',
    });
  });

  test('one CloudFormation product, associated with the portfolio', () => {
    template.resourceCountIs('AWS::ServiceCatalog::CloudFormationProduct', 1);
    template.hasResourceProperties('AWS::ServiceCatalog::CloudFormationProduct', {
      Name: 'StreamFlix Content API',
      Owner: 'StreamFlix Platform Team',
    });
    template.hasResourceProperties('AWS::ServiceCatalog::PortfolioProductAssociation', {
      PortfolioId: { Ref: catalog.stack.getLogicalId(catalog.stack.portfolio.node.defaultChild as CfnElement) },
      ProductId: { Ref: catalog.stack.getLogicalId(catalog.stack.product.node.defaultChild as CfnElement) },
    });
  });

  test('the current version is the product stack template, published as an asset of the catalog stack', () => {
    const product = onlyResource(template, 'AWS::ServiceCatalog::CloudFormationProduct');
    const artifacts = product.Properties.ProvisioningArtifactParameters as Record<string, unknown>[];
    expect(artifacts).toHaveLength(1);
    expect(artifacts[0]).toMatchObject({ Name: CURRENT_VERSION, DisableTemplateValidation: false });
    const url = JSON.stringify((artifacts[0].Info as Record<string, unknown>).LoadTemplateFromURL);
    expect(url).toContain('cdk-hnb659fds-assets-');
    // The asset behind that URL is the product stack's template file.
    const assembly = (catalog.stack.node.root as App).synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'StreamFlixCatalog.assets.json'), 'utf8')) as {
      files: Record<string, { source: { path: string } }>;
    };
    const templateAsset = Object.entries(manifest.files).find(([, f]) => f.source.path === catalog.stack.productStack.templateFile);
    expect(templateAsset).toBeDefined();
    expect(url).toContain(`${templateAsset![0]}.json`);
  });

  test('the product stack is not a deployable stack of its own', () => {
    const app = catalog.stack.node.root as App;
    const artifacts = app.synth().stacks.map((s) => s.stackName);
    expect(artifacts).toEqual(['StreamFlixCatalog']);
  });
});

describe('version history', () => {
  test('synthesis writes the current version to the snapshot directory', () => {
    const files = fs.readdirSync(catalog.snapshotDirectory);
    expect(files).toEqual([expect.stringMatching(new RegExp(`\\.${CURRENT_VERSION}\\.product\\.template\\.json$`))]);
    const snapshot = JSON.parse(fs.readFileSync(path.join(catalog.snapshotDirectory, files[0]), 'utf8')) as unknown;
    expect(snapshot).toEqual(catalog.productTemplate);
  });

  test('snapshots live in product-stack-snapshots/ at the repository root by default', () => {
    expect(SNAPSHOT_DIRECTORY).toBe(path.resolve(__dirname, '..', '..', 'product-stack-snapshots'));
  });

  test('a previous version stays provisionable from its snapshot, next to the current one', () => {
    const directory = tempDir();
    const [v1File] = fs.readdirSync(catalog.snapshotDirectory);
    fs.copyFileSync(path.join(catalog.snapshotDirectory, v1File), path.join(directory, v1File));
    const next = synthesizeCatalog({ currentVersionName: 'v2', previousVersions: ['v1'] }, {}, directory);
    const product = onlyResource(next.template, 'AWS::ServiceCatalog::CloudFormationProduct');
    const artifacts = product.Properties.ProvisioningArtifactParameters as Record<string, unknown>[];
    expect(artifacts.map((a) => a.Name)).toEqual(['v1', 'v2']);
    expect(fs.readdirSync(directory).sort()).toEqual([v1File, v1File.replace('.v1.', '.v2.')].sort());
  });

  test('a previous version without a snapshot is refused', () => {
    expect(() => synthesizeCatalog({ currentVersionName: 'v2', previousVersions: ['v1'] })).toThrow(/cannot be found/);
  });

  test('a locked version refuses a changed template', () => {
    const directory = tempDir();
    const [v1File] = fs.readdirSync(catalog.snapshotDirectory);
    fs.writeFileSync(path.join(directory, v1File), JSON.stringify({ Resources: { Old: { Type: 'AWS::SNS::Topic' } } }));
    expect(() => synthesizeCatalog({ currentVersionLocked: true }, {}, directory)).toThrow(/Template has changed for ProductStack Version v1/);
  });

  test('a locked version with an unchanged template synthesizes', () => {
    const directory = tempDir();
    const [v1File] = fs.readdirSync(catalog.snapshotDirectory);
    fs.copyFileSync(path.join(catalog.snapshotDirectory, v1File), path.join(directory, v1File));
    expect(() => synthesizeCatalog({ currentVersionLocked: true }, {}, directory)).not.toThrow();
  });
});

describe('TagOptions', () => {
  const tagOptions = () =>
    Object.values(template.findResources('AWS::ServiceCatalog::TagOption')).map(
      (r) => (r as { Properties: { Key: string; Value: string } }).Properties,
    );

  test('cost-center and owner, each with its allowed values (no `environment`: the product tags Environment itself)', () => {
    const byKey: Record<string, string[]> = {};
    for (const { Key, Value } of tagOptions()) (byKey[Key] ??= []).push(Value);
    expect(Object.keys(byKey).sort()).toEqual(['cost-center', 'owner']);
    expect(byKey['cost-center'].length).toBeGreaterThan(0);
    expect(byKey.owner.length).toBeGreaterThan(0);
  });

  test('every TagOption is associated with the portfolio', () => {
    const portfolioId = Object.keys(template.findResources('AWS::ServiceCatalog::Portfolio'))[0];
    const associations = Object.values(template.findResources('AWS::ServiceCatalog::TagOptionAssociation')).map(
      (r) => (r as { Properties: Record<string, unknown> }).Properties,
    );
    expect(associations).toHaveLength(tagOptions().length);
    for (const association of associations) expect(association.ResourceId).toEqual({ Ref: portfolioId });
  });

  test('allowed values come from the props', () => {
    const custom = synthesizeCatalog({ costCenters: ['cc-42'], owners: ['team-x'] });
    const values = Object.values(custom.template.findResources('AWS::ServiceCatalog::TagOption')).map(
      (r) => (r as { Properties: { Key: string; Value: string } }).Properties,
    );
    expect(values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Key: 'cost-center', Value: 'cc-42' }),
        expect.objectContaining({ Key: 'owner', Value: 'team-x' }),
      ]),
    );
    expect(values).toHaveLength(2);
  });
});

describe('launch constraint', () => {
  test('the product launches with the launch role of this stack', () => {
    const roleId = Object.keys(
      template.findResources('AWS::IAM::Role', {
        Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'servicecatalog.amazonaws.com' } })] } },
      }),
    );
    expect(roleId).toHaveLength(1);
    template.hasResourceProperties('AWS::ServiceCatalog::LaunchRoleConstraint', {
      RoleArn: { 'Fn::GetAtt': [roleId[0], 'Arn'] },
    });
  });

  test('the launch role is assumable by Service Catalog only', () => {
    const [role] = Object.values(
      template.findResources('AWS::IAM::Role', {
        Properties: { Description: Match.stringLikeRegexp('launch role') },
      }),
    ) as { Properties: { AssumeRolePolicyDocument: { Statement: unknown[] } } }[];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'servicecatalog.amazonaws.com' } },
    ]);
  });

  test('the constraint is created after the role has its policies', () => {
    const [constraint] = Object.values(template.findResources('AWS::ServiceCatalog::LaunchRoleConstraint')) as { DependsOn?: string[] }[];
    const policies = Object.keys(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(policies.length).toBeGreaterThan(0);
    expect(constraint.DependsOn).toEqual(expect.arrayContaining(policies));
  });
});

describe('principal association', () => {
  const principalArns = (t: Template) =>
    Object.values(t.findResources('AWS::ServiceCatalog::PortfolioPrincipalAssociation')).map(
      (r) => (r as { Properties: Record<string, unknown> }).Properties,
    );

  test('by default, only the application-team role of the publishing account', () => {
    const associations = principalArns(template);
    expect(associations).toHaveLength(1);
    expect(associations[0].PrincipalType).toBe('IAM');
    expect(JSON.stringify(associations[0].PrincipalARN)).toContain(`:role/${DEFAULT_PRINCIPAL_ROLE_NAME}`);
    expect(JSON.stringify(associations[0].PrincipalARN)).toContain('AWS::AccountId');
  });

  test(`the principal comes from the context key ${PRINCIPAL_CONTEXT_KEY}`, () => {
    const arn = 'arn:aws:iam::111122223333:role/content-team/ContentDevelopers';
    const associations = principalArns(synthesizeCatalog({}, { [PRINCIPAL_CONTEXT_KEY]: arn }).template);
    expect(associations).toEqual([expect.objectContaining({ PrincipalARN: arn, PrincipalType: 'IAM' })]);
  });

  test.each([
    ['*'],
    ['arn:aws:iam::111122223333:root'],
    ['arn:aws:iam::111122223333:role/*'],
    ['arn:aws:iam::111122223333:user/alice'],
    ['arn:aws:iam::*:role/Admin'],
  ])('refuses %s: access is for one role, never everyone', (arn) => {
    expect(() => synthesizeCatalog({}, { [PRINCIPAL_CONTEXT_KEY]: arn })).toThrow(/not the ARN of one IAM role/);
  });
});
