// The launch role: explicit actions per service, eu-west-1 and account-scoped resources, region condition.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { APPROVED_ACTION_PATTERNS } from '../../rules/core/iam-allowlist';
import { allowedOnAnyResource } from '../../rules/iam-least-privilege';
import { ATTACHABLE_MANAGED_POLICIES, PASSED_TO_SERVICES, RESOURCE_NAMESPACE_SERVICES, StreamFlixCatalogStack } from '../../lib/catalog';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdkJson = require(path.join(__dirname, '..', '..', 'cdk.json')) as { context: Record<string, unknown> };

interface Statement {
  Sid: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const app = new App({ context: cdkJson.context });
const stack = new StreamFlixCatalogStack(app, 'StreamFlixCatalog', {
  env: { region: 'eu-west-1' },
  snapshotDirectory: fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-launch-role-')),
  assetBucketName: 'streamflix-catalog-assets-test',
});
const assembly = app.synth();
const template = Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template as Record<string, unknown>);
const productTemplate = JSON.parse(fs.readFileSync(path.join(assembly.directory, stack.productStack.templateFile), 'utf8')) as {
  Resources: Record<string, { Type: string }>;
  Mappings: Record<string, Record<string, Record<string, string>>>;
};

const ACCOUNT = '123456789012';
/** Resolves the account pseudo-parameter so ARNs can be compared as strings. */
function render(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/\{"Ref":"AWS::AccountId"\}/g, `"${ACCOUNT}"`)
      .replace(/\{"Fn::Join":\["",\[((?:"[^"]*",?)+)\]\]\}/g, (_m, parts: string) => JSON.stringify((JSON.parse(`[${parts}]`) as string[]).join(''))),
  );
}

const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).map(
  (r) => render((r as { Properties: { PolicyDocument: unknown } }).Properties.PolicyDocument) as { Statement: Statement[] },
);
const statements = policies.flatMap((p) => p.Statement);
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]) as string[];
const allActions = statements.flatMap(actionsOf);
const bySid = (sid: string) => {
  const found = statements.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
};
/** Statements of global services (IAM, Route 53): their calls land in us-east-1, so no region condition. */
const GLOBAL_SIDS = ['ProductRoles', 'ProductRolesLambdaExecutionPolicies', 'PassProductRoles', 'ServiceLinkedRoles', 'InterfaceEndpointPrivateDns'];

describe('launch role', () => {
  test('is attached to the role the launch constraint names', () => {
    const launchRoleId = stack.getLogicalId(stack.launchRole.role.node.defaultChild as never);
    for (const policy of Object.values(template.findResources('AWS::IAM::ManagedPolicy'))) {
      expect((policy as { Properties: { Roles: unknown } }).Properties.Roles).toEqual([{ Ref: launchRoleId }]);
    }
    template.hasResourceProperties('AWS::ServiceCatalog::LaunchRoleConstraint', { RoleArn: { 'Fn::GetAtt': [launchRoleId, 'Arn'] } });
  });

  test('only Allow statements with explicit actions: no "*", no "service:*", no unreviewed wildcard', () => {
    expect(statements.length).toBeGreaterThan(10);
    const approved = APPROVED_ACTION_PATTERNS.map((p) => p.action.toLowerCase());
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      expect(statement).not.toHaveProperty('NotAction');
      expect(statement).not.toHaveProperty('NotResource');
    }
    for (const action of allActions) {
      expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9*]+$/);
      expect(action).not.toBe('*');
      expect(action.split(':')[1]).not.toBe('*');
      if (action.includes('*')) expect(approved).toContain(action.toLowerCase());
    }
  });

  test('covers the services of every resource type in the product template', () => {
    const services = new Set(allActions.map((a) => a.split(':')[0]));
    const types = [...new Set(Object.values(productTemplate.Resources).map((r) => r.Type))];
    for (const type of types) {
      const namespace = type.startsWith('Custom::') ? 'Custom' : type.split('::').slice(0, 2).join('::');
      const service = RESOURCE_NAMESPACE_SERVICES[namespace];
      expect({ type, service }).toEqual({ type, service: expect.any(String) });
      expect({ type, covered: services.has(service) }).toEqual({ type, covered: true });
    }
    expect(services).toEqual(
      new Set([
        'apigateway',
        'application-autoscaling',
        'backup',
        'backup-storage',
        'cloudformation',
        'cloudwatch',
        'ec2',
        'ecs',
        'elasticache',
        'elasticloadbalancing',
        'iam',
        'kms',
        'lambda',
        'logs',
        'rds',
        'route53',
        's3',
        'secretsmanager',
        'wafv2',
      ]),
    );
  });

  test('names the actions CloudFormation needs for the product', () => {
    expect(allActions).toEqual(
      expect.arrayContaining([
        'cloudformation:CreateStack',
        'ec2:CreateVpc',
        'ec2:CreateNatGateway',
        'ec2:CreateVpcEndpoint',
        'ec2:CreateFlowLogs',
        'elasticloadbalancing:CreateLoadBalancer',
        'ecs:CreateService',
        'ecs:RegisterTaskDefinition',
        'rds:CreateDBInstance',
        'elasticache:CreateReplicationGroup',
        'secretsmanager:CreateSecret',
        'kms:CreateKey',
        'logs:CreateLogGroup',
        'iam:CreateRole',
        'iam:PassRole',
        'apigateway:POST',
        'application-autoscaling:RegisterScalableTarget',
        'lambda:CreateFunction',
        'rds:DescribeEngineDefaultParameters',
        'wafv2:CreateWebACL',
        'backup:CreateBackupPlan',
      ]),
    );
  });

  test('every statement of a regional service requires aws:RequestedRegion = eu-west-1', () => {
    for (const statement of statements.filter((s) => !GLOBAL_SIDS.includes(s.Sid))) {
      expect({ sid: statement.Sid, region: statement.Condition?.StringEquals?.['aws:RequestedRegion'] }).toEqual({
        sid: statement.Sid,
        region: 'eu-west-1',
      });
    }
    for (const sid of GLOBAL_SIDS) {
      for (const action of actionsOf(bySid(sid))) expect(action).toMatch(/^(iam|route53):/);
    }
  });

  test('regional resources are eu-west-1 ARNs of this account, or "*" only for allowlisted actions', () => {
    for (const statement of statements) {
      for (const resource of resourcesOf(statement)) {
        expect(typeof resource).toBe('string');
        if (resource === '*') {
          for (const action of actionsOf(statement)) {
            // By AWS's Service Authorization Reference, or a reviewed decision.
            const allowed = allowedOnAnyResource(action);
            expect({ action, allowed }).toEqual({ action, allowed: true });
          }
          continue;
        }
        const [, partition, service, region, account] = resource.split(':');
        expect(partition).toBe('aws');
        expect(service).toMatch(/^[a-z0-9-]+$/);
        if (['iam', 'route53', 's3'].includes(service)) continue; // global ARNs: no region field
        if (service === 'serverlessrepo') continue; // the public AWS application, checked below
        expect({ resource, region }).toEqual({ resource, region: 'eu-west-1' });
        if (service === 'apigateway') continue; // API Gateway ARNs carry no account
        expect({ resource, account: ['aws', ''].includes(account) ? ACCOUNT : account }).toEqual({ resource, account: ACCOUNT });
      }
    }
  });

  test("IAM: create and pass only the product's own roles, to the services that use them", () => {
    const productRoles = `arn:aws:iam::${ACCOUNT}:role/SC-${ACCOUNT}-pp-*`;
    expect(resourcesOf(bySid('ProductRoles'))).toEqual([productRoles]);
    const pass = bySid('PassProductRoles');
    expect(actionsOf(pass)).toEqual(['iam:PassRole']);
    expect(resourcesOf(pass)).toEqual([productRoles]);
    expect(pass.Condition).toEqual({ StringEquals: { 'iam:PassedToService': PASSED_TO_SERVICES } });
    expect(statements.filter((s) => actionsOf(s).includes('iam:PassRole'))).toHaveLength(1);
    const attach = bySid('ProductRolesLambdaExecutionPolicies');
    expect(attach.Condition).toEqual({ ArnEquals: { 'iam:PolicyARN': ATTACHABLE_MANAGED_POLICIES } });
    for (const arn of ATTACHABLE_MANAGED_POLICIES) expect(arn).not.toMatch(/FullAccess|Administrator|PowerUser/);
    for (const arn of resourcesOf(bySid('ServiceLinkedRoles'))) {
      expect(arn).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/aws-service-role/[a-z.-]+\\.amazonaws\\.com/AWSServiceRoleFor\\w+$`));
    }
  });

  test("keys and secrets: only those tagged as the blueprint's", () => {
    const tag = { 'aws:ResourceTag/Application': 'streamflix-content-api' };
    expect(bySid('ProductKeys').Condition?.StringEquals).toMatchObject(tag);
    expect(bySid('ProductSecrets').Condition?.StringEquals).toMatchObject(tag);
    expect(actionsOf(bySid('ProductSecrets'))).toContain('secretsmanager:GetSecretValue');
    expect(bySid('CreateProductKeys').Condition?.StringEquals).toMatchObject({ 'aws:RequestTag/Application': 'streamflix-content-api' });
    expect(statements.filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'))).toHaveLength(1);
  });

  test('no SAM transform and no Serverless Application Repository: Service Catalog does not acknowledge CAPABILITY_AUTO_EXPAND', () => {
    expect(productTemplate).not.toHaveProperty('Transform');
    expect(Object.values(productTemplate.Resources).map((r) => r.Type)).not.toContain('AWS::Serverless::Application');
    expect(allActions.filter((a) => a.startsWith('serverlessrepo:'))).toEqual([]);
  });

  test('Lambda: only functions of the provisioned stack', () => {
    expect(resourcesOf(bySid('ProductFunctions'))).toEqual([`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:SC-${ACCOUNT}-pp-*`]);
  });

  test('each policy stays within the 6,144-character managed policy quota', () => {
    for (const policy of policies) {
      expect(JSON.stringify(policy).replace(/\s/g, '').length).toBeLessThan(6144);
    }
    expect(policies.length).toBeLessThanOrEqual(10); // managed policies per role
  });

  test('the launch role and the product asset bucket are the only things Service Catalog can reach', () => {
    expect(resourcesOf(bySid('ProductAssets'))).toEqual(['arn:aws:s3:::streamflix-catalog-assets-test/*']);
    expect(bySid('ServiceCatalogProductTemplates').Condition).toMatchObject({
      StringEqualsIgnoreCase: { 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' },
    });
  });
});
