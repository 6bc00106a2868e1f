/**
 * The launch-role proof: every call of every handler of the product template, evaluated against the
 * launch role's policies, with denials either judged unused (reviewed data) or reported.
 */
import { actionFacts, arnFormats } from './action-data';
import { judgementFor, UnusedCallJudgement } from './data/unused-calls';
import { OPERATIONS, handlerPermissions } from './handler-data';
import { ProofCall, launchRoleCalls } from './launch-calls';
import { NamedPolicy, PolicyDocument, PolicySimulator, Verdict, describeDenial } from './simulate';
import { CfnTemplate, ProvisioningScenario, TemplateModel } from './template-model';

export interface LaunchProofInput {
  readonly productTemplate: CfnTemplate;
  readonly policies: readonly NamedPolicy[];
  readonly provision: ProvisioningScenario;
  /** The same provisioned product after an update that changes EnvironmentName and a TagOption. */
  readonly update: ProvisioningScenario;
}

export interface JudgedCall {
  readonly call: ProofCall;
  readonly verdict: Verdict;
  readonly judgement?: UnusedCallJudgement;
}

export interface LaunchProofResult {
  readonly calls: readonly ProofCall[];
  readonly resources: number;
  readonly evaluations: number;
  readonly denied: readonly JudgedCall[];
  /** Denials no judgement covers: each one is a provisioning failure. */
  readonly failures: readonly string[];
  readonly simulator: PolicySimulator;
}

export async function buildLaunchModels(
  input: Pick<LaunchProofInput, 'productTemplate' | 'provision' | 'update'>,
): Promise<[TemplateModel, TemplateModel]> {
  const services = [
    'ec2',
    'ecs',
    'elasticache',
    'elasticloadbalancing',
    'iam',
    'kms',
    'lambda',
    'logs',
    'rds',
    'secretsmanager',
    'backup',
    'wafv2',
    'apigateway',
    'application-autoscaling',
    'cloudformation',
    's3',
    'cloudwatch',
    'route53',
    'ecr',
    'servicecatalog',
  ];
  for (const resource of Object.values(input.productTemplate.Resources)) {
    for (const op of OPERATIONS) for (const action of handlerPermissions(resource.Type).handlers[op] ?? []) services.push(action.split(':')[0]);
  }
  const formats = await arnFormats(services);
  return [new TemplateModel(input.productTemplate, input.provision, formats), new TemplateModel(input.productTemplate, input.update, formats)];
}

export async function proveLaunchRole(input: LaunchProofInput): Promise<LaunchProofResult> {
  const [model, updated] = await buildLaunchModels(input);
  const calls = await launchRoleCalls(model, updated);
  const simulator = new PolicySimulator(input.policies, input.provision.account);
  // KMS authorizes only what the key policy allows (here: the account, delegating to IAM); the key being created gets its template policy.
  const keyPolicies = new Map<string, PolicyDocument>();
  for (const [id, r] of model.resources)
    if (r.Type === 'AWS::KMS::Key') keyPolicies.set(model.arn(id)!, model.resolve(r.Properties?.KeyPolicy) as PolicyDocument);
  const denied: JudgedCall[] = [];
  const failures: string[] = [];
  for (const call of calls) {
    const known = (await actionFacts(call.action)).known;
    const keyPolicy = call.action.startsWith('kms:')
      ? (keyPolicies.get(call.resource) ?? (call.type === 'AWS::KMS::Key' ? keyPolicies.get(model.arn(call.logicalId)!) : undefined))
      : undefined;
    const verdict = known
      ? await simulator.evaluate(keyPolicy ? { ...call, resourcePolicy: keyPolicy } : call)
      : {
          allowed: false,
          allowedBy: [],
          nearMisses: [`${call.action} is not an action of the Service Authorization Reference (iam-data): IAM cannot authorize it`],
        };
    if (verdict.allowed) continue;
    const judgement = judgementFor(call);
    denied.push({ call, verdict, judgement });
    if (!judgement) failures.push(describeDenial(`${call.logicalId} (${call.type}) ${call.operation}`, call, verdict));
  }
  return { calls, resources: model.resources.length, evaluations: simulator.evaluations, denied, failures, simulator };
}

export { OPERATIONS };
