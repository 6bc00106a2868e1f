import { DefaultStackSynthesizer } from 'aws-cdk-lib';
// The permission proof: every handler call of the product, against the launch role, with iam-simulate;
// the running roles against their expectations; tag hygiene. Built once for the whole file.
import { handlerPermissions } from '../../lib/proof/handler-data';
import { UNUSED_CALL_JUDGEMENTS } from '../../lib/proof/data/unused-calls';
import { LaunchProofResult, buildLaunchModels, proveLaunchRole } from '../../lib/proof/launch-proof';
import { RUNNING_ROLE_EXPECTATIONS } from '../../lib/proof/running-role-expectations';
import { PROOF_ACCOUNT, provisioningScenario } from '../../lib/proof/scenario';
import { NamedPolicy, PolicySimulator, describeDenial } from '../../lib/proof/simulate';
import { allTagOptionKeys, firstTagOptions, launchRolePolicies, synthesizeForProof } from './fixture';

const { catalogTemplate, productTemplate, directTemplate } = synthesizeForProof();
/** The bootstrap repository the direct-deploy stack's Docker image asset is published to. */
const ASSET_REPOSITORY = DefaultStackSynthesizer.DEFAULT_IMAGE_ASSETS_REPOSITORY_NAME.replace(
  '${Qualifier}',
  DefaultStackSynthesizer.DEFAULT_QUALIFIER,
)
  .replace('${AWS::AccountId}', PROOF_ACCOUNT)
  .replace('${AWS::Region}', 'eu-west-1');
const tagOptions = firstTagOptions(catalogTemplate);
const policies = launchRolePolicies(catalogTemplate);
const provision = provisioningScenario(tagOptions);
const update = provisioningScenario({ ...tagOptions, owner: 'content-team' }, { EnvironmentName: 'staging' });
let proof: LaunchProofResult;

beforeAll(async () => {
  proof = await proveLaunchRole({ productTemplate, policies, provision, update });
  const ops = new Set(proof.calls.map((c) => `${c.logicalId}/${c.operation}`)).size;
  console.log(
    `permission proof: ${proof.calls.length} calls (${proof.evaluations} distinct simulations) over ${proof.resources} resources and ${ops} resource operations; ` +
      `${proof.denied.length} denied calls judged unused by ${UNUSED_CALL_JUDGEMENTS.length} reviewed entries`,
  );
});

describe('launch role: every call CloudFormation makes for the product is allowed', () => {
  test('no denial outside the reviewed judgements (each denial names resource, handler, action, ARN, context, statement)', () => {
    expect(proof.failures).toEqual([]);
    expect(proof.resources).toBe(Object.keys(productTemplate.Resources).length);
    expect(new Set(proof.calls.map((c) => c.operation))).toEqual(new Set(['create', 'update', 'delete']));
  });

  test('every judgement matches a denied call (no stale entry) and gives a reason', () => {
    const denied = new Set(proof.denied.map((d) => `${d.call.type} ${d.call.action.toLowerCase()} ${d.call.operation}`));
    const stale = UNUSED_CALL_JUDGEMENTS.filter((j) => !denied.has(`${j.type} ${j.action.toLowerCase()} ${j.operation}`));
    expect(stale).toEqual([]);
    for (const j of UNUSED_CALL_JUDGEMENTS) expect(j.reason.length).toBeGreaterThan(30);
  });

  test('the calls no schema lists are part of the proof: stack operations, the product template, Lambda code, iam:PassRole of each role', () => {
    const actions = new Set(proof.calls.map((c) => c.action));
    for (const a of ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 's3:GetObject', 'iam:PassRole'])
      expect(actions).toContain(a);
    const passed = proof.calls
      .filter((c) => c.action === 'iam:PassRole' && c.context['iam:PassedToService'])
      .map((c) => c.context['iam:PassedToService']);
    expect(new Set(passed)).toEqual(
      new Set([
        'lambda.amazonaws.com',
        'ecs-tasks.amazonaws.com',
        'vpc-flow-logs.amazonaws.com',
        'monitoring.rds.amazonaws.com',
        'backup.amazonaws.com',
      ]),
    );
  });

  test('the defects of issue 9 are among the proven calls', () => {
    const allowed = (type: string, action: string, op: string) =>
      proof.calls.some((c) => c.type === type && c.action === action && c.operation === op) &&
      !proof.denied.some((d) => d.call.type === type && d.call.action === action && d.call.operation === op);
    expect(allowed('AWS::KMS::Key', 'kms:CreateKey', 'create')).toBe(true);
    expect(allowed('AWS::KMS::Key', 'kms:TagResource', 'create')).toBe(true);
    expect(allowed('AWS::RDS::DBParameterGroup', 'rds:DescribeEngineDefaultParameters', 'create')).toBe(true);
    expect(allowed('AWS::SecretsManager::Secret', 'secretsmanager:TagResource', 'update')).toBe(true);
    expect(allowed('AWS::RDS::DBInstance', 'secretsmanager:CreateSecret', 'create')).toBe(true);
    expect(productTemplate).not.toHaveProperty('Transform');
  });

  test('a resource type without handler data fails', () => {
    expect(() => handlerPermissions('AWS::Example::Unknown')).toThrow(/No handler permissions for AWS::Example::Unknown/);
  });
});

describe('removing any launch-role action a handler needs makes the proof fail, naming it', () => {
  test('each action in turn', async () => {
    const allowedCalls = proof.calls.filter((c) => !proof.denied.some((d) => d.call === c));
    const actions = [...new Set(policies.flatMap((p) => p.document.Statement.flatMap((s) => [s.Action].flat() as string[])))];
    const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
    let exercised = 0;
    for (const action of actions) {
      const needing = allowedCalls.filter((c) => glob(action).test(c.action));
      if (needing.length === 0) continue;
      exercised += 1;
      const without: NamedPolicy[] = policies.map((p) => ({
        name: p.name,
        document: {
          Statement: p.document.Statement.map((s) => ({ ...s, Action: ([s.Action].flat() as string[]).filter((a) => a !== action) })).filter(
            (s) => (s.Action as string[]).length > 0,
          ),
        },
      }));
      const simulator = new PolicySimulator(without, PROOF_ACCOUNT);
      const messages: string[] = [];
      for (const call of needing) {
        const verdict = await simulator.evaluate(call);
        if (!verdict.allowed) messages.push(describeDenial(call.logicalId, call, verdict));
      }
      expect({ action, reported: messages.some((m) => m.includes(`DENIED ${needing[0].action}`) || glob(action).test(m.split(' ')[1])) }).toEqual({
        action,
        reported: true,
      });
    }
    expect(exercised).toBeGreaterThan(100);
  });
});

describe('tag hygiene: no resource receives two tag keys that differ only in case', () => {
  test('template tags, CDK Tags, every TagOption key and the Service Catalog tags', async () => {
    const [model] = await buildLaunchModels({ productTemplate, provision, update });
    const optionKeys = allTagOptionKeys(catalogTemplate);
    for (const [logicalId] of model.resources) {
      const keys = [...Object.keys(model.tags(logicalId, true)), ...optionKeys];
      const lower = keys.map((k) => k.toLowerCase());
      const duplicates = [...new Set(keys.filter((k, i) => lower.indexOf(k.toLowerCase()) !== i && !keys.slice(0, i).includes(k)))];
      expect({ logicalId, duplicates }).toEqual({ logicalId, duplicates: [] });
    }
  });
});

describe('running roles: each can do its job and nothing more', () => {
  for (const [name, template] of [
    ['product', productTemplate],
    ['direct-deploy stack', directTemplate],
  ] as const) {
    test.each(RUNNING_ROLE_EXPECTATIONS.map((e) => [e.role, e]))(`${name}: %s`, async (_role, expectation) => {
      const [model] = await buildLaunchModels({ productTemplate: template, provision, update });
      const roleId = Object.keys(template.Resources).find((id) => template.Resources[id].Type === 'AWS::IAM::Role' && id.includes(expectation.role))!;
      expect(roleId).toBeDefined();
      const rolePolicies: NamedPolicy[] = Object.entries(template.Resources)
        .filter(([, r]) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties?.Roles).includes(`"${roleId}"`))
        .map(([id, r]) => ({ name: id, document: model.resolve(r.Properties!.PolicyDocument) as NamedPolicy['document'] }));
      const inline = ((template.Resources[roleId].Properties?.Policies ?? []) as { PolicyName: string; PolicyDocument: unknown }[]).map((p) => ({
        name: p.PolicyName,
        document: model.resolve(p.PolicyDocument) as NamedPolicy['document'],
      }));
      const all = [...rolePolicies, ...inline];
      const byType = (type: string, fragment = '') =>
        Object.keys(template.Resources).find((id) => template.Resources[id].Type === type && id.includes(fragment))!;
      const fill = (resource: string) =>
        resource
          .replace('{ecr-repository}', `arn:aws:ecr:eu-west-1:${PROOF_ACCOUNT}:repository/${name === 'product' ? 'content-api' : ASSET_REPOSITORY}`)
          .replace('{other-account-ecr-repository}', 'arn:aws:ecr:eu-west-1:999999999999:repository/content-api')
          .replace('{log-group}', model.arn(byType('AWS::Logs::LogGroup', 'ComputeLogGroup'))!)
          .replace('{flow-log-group}', model.arn(byType('AWS::Logs::LogGroup', 'FlowLogGroup'))!)
          .replace('{db-secret}', model.attribute(byType('AWS::RDS::DBInstance'), 'MasterUserSecret.SecretArn'))
          .replace('{cache-secret}', model.arn(byType('AWS::SecretsManager::Secret', 'CacheAuthToken'))!)
          .replace('{db-key}', model.arn(byType('AWS::KMS::Key', 'DatabaseKey'))!)
          .replace('{cache-key}', model.arn(byType('AWS::KMS::Key', 'CacheKey'))!)
          .replace('{logs-key}', model.arn(byType('AWS::KMS::Key', 'LogsKey'))!)
          .replace('{other-secret}', `arn:aws:secretsmanager:eu-west-1:${PROOF_ACCOUNT}:secret:someone-else-AbCdEf`)
          .replace(
            '{default-security-group}',
            `arn:aws:ec2:eu-west-1:${PROOF_ACCOUNT}:security-group/${model.attribute(byType('AWS::EC2::VPC'), 'DefaultSecurityGroup')}`,
          )
          .replace('{other-security-group}', `arn:aws:ec2:eu-west-1:${PROOF_ACCOUNT}:security-group/sg-0123456789abcdef0`);
      const simulator = new PolicySimulator(all, PROOF_ACCOUNT);
      // KMS also requires the key's own policy to allow (or delegate to IAM): give it, as in the launch proof.
      const keyPolicies = new Map(
        Object.keys(template.Resources)
          .filter((id) => template.Resources[id].Type === 'AWS::KMS::Key')
          .map((id) => [model.arn(id)!, model.resolve(template.Resources[id].Properties!.KeyPolicy) as NamedPolicy['document']]),
      );
      for (const expected of expectation.mustAllow) {
        const call = {
          action: expected.action,
          resource: fill(expected.resource),
          context: { 'aws:RequestedRegion': 'eu-west-1', ...expected.context },
          resourcePolicy: keyPolicies.get(fill(expected.resource)),
        };
        const verdict = await simulator.evaluate(call);
        expect({ call: call.action, resource: call.resource, allowed: verdict.allowed, why: verdict.nearMisses }).toEqual({
          call: call.action,
          resource: call.resource,
          allowed: true,
          why: [],
        });
      }
      for (const expected of expectation.mustDeny) {
        const call = {
          action: expected.action,
          resource: fill(expected.resource),
          context: { 'aws:RequestedRegion': 'eu-west-1', ...expected.context },
          resourcePolicy: keyPolicies.get(fill(expected.resource)),
        };
        expect({ call: call.action, resource: call.resource, allowed: (await simulator.evaluate(call)).allowed }).toEqual({
          call: call.action,
          resource: call.resource,
          allowed: false,
        });
      }
      const granted = all.flatMap((p) => p.document.Statement.flatMap((s) => [s.Action].flat() as string[]));
      expect(granted.filter((a) => !expectation.grantedActionsWithin.includes(a))).toEqual([]);
    });
  }
});
