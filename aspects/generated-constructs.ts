/**
 * Grants that CDK itself generates, recognised by construct path and type, so that an
 * SFX-IAM-LEAST-PRIVILEGE violation names the CDK API that produced it and the CDK-level
 * alternative that passes, instead of asking the user to edit a policy they never wrote.
 */
import { IConstruct } from 'constructs';
import { GateViolation } from './violation-error';

interface GeneratedGrant {
  /** The CDK API that produced the grant. */
  readonly api: string;
  /** What to write instead, in CDK terms, so that the grant is not generated (or is scoped). */
  readonly alternative: string;
  /** `fqns`: the jsii type names of the construct's scopes, from the root down to the construct itself. */
  readonly matches: (path: string, fqns: ReadonlySet<string | undefined>, message: string) => boolean;
}

const IAM = 'SFX-IAM-LEAST-PRIVILEGE';

export const GENERATED_GRANTS: readonly GeneratedGrant[] = [
  {
    api:
      "lambda.Function's logRetention (CDK's LogRetention custom resource, aws-cdk-lib.aws_logs.LogRetention, whose singleton function sets " +
      'retention on any log group)',
    alternative:
      "give the function an explicit log group instead of logRetention: logGroup: new logs.LogGroup(this, 'FnLogs', { retention: " +
      'logs.RetentionDays.ONE_MONTH }); no custom resource, no logs:*RetentionPolicy on "*"',
    // CDK's fixed id for the LogRetention provider: LogRetention + uuid aae0aa3c-5b4d-4f87-b02d-85b201efdd8a.
    matches: (path) => /(^|\/)LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a\//.test(path),
  },
  {
    api: "ecs.Cluster.addAsgCapacityProvider / AsgCapacityProvider (the ECS agent policy CDK adds to the Auto Scaling group's instance role)",
    alternative:
      'run the service on Fargate capacity (ecs.FargateService; cluster.enableFargateCapacityProviders()); tasks log through their ' +
      "execution role, so for EC2 capacity remove logs:CreateLogStream and logs:PutLogEvents from the instance role's DefaultPolicy with an " +
      'escape hatch after adding the capacity provider',
    matches: (path, fqns, message) =>
      fqns.has('aws-cdk-lib.aws_autoscaling.AutoScalingGroup') &&
      /\/(InstanceRole|DrainECSHook)\//.test(path) &&
      /"(logs|ecs|ec2|autoscaling):/.test(message),
  },
  {
    api: "ECS Exec (enableExecuteCommand: true on the service, with the cluster's default execute-command logging)",
    alternative:
      'configure where ECS Exec logs on the cluster: executeCommandConfiguration: { logging: ecs.ExecuteCommandLogging.OVERRIDE, ' +
      'logConfiguration: { cloudWatchLogGroup: execLogs } } (CDK then scopes the grants to that log group), or ExecuteCommandLogging.NONE',
    matches: (path, fqns, message) =>
      ['TaskDefinition', 'FargateTaskDefinition', 'Ec2TaskDefinition', 'ExternalTaskDefinition'].some((kind) =>
        fqns.has(`aws-cdk-lib.aws_ecs.${kind}`),
      ) &&
      /\/TaskRole\/DefaultPolicy\//.test(path) &&
      /"logs:/.test(message),
  },
  {
    api: "CDK Pipelines' self-mutation (pipelines.CodePipeline, UpdatePipeline/SelfMutation CodeBuild project)",
    alternative: 'set selfMutation: false on pipelines.CodePipeline and deploy changes to the pipeline itself with cdk deploy of its stack',
    matches: (path, fqns) => fqns.has('aws-cdk-lib.pipelines.CodePipeline') && /\/UpdatePipeline\/SelfMutation\//.test(path),
  },
  {
    api: 'CDK Pipelines (pipelines.CodePipeline: the roles of its CodeBuild steps and asset publishing)',
    alternative:
      "narrow the generated roles through the pipeline's own options (codeBuildDefaults.rolePolicy, assetPublishingCodeBuildDefaults, a " +
      'role of your own for a CodeBuildStep via role), or build the pipeline with codepipeline.Pipeline and explicit roles',
    matches: (path, fqns) => fqns.has('aws-cdk-lib.pipelines.CodePipeline') && !/\/UpdatePipeline\/SelfMutation\//.test(path),
  },
];

/** The violation with the CDK API that generated the grant and the CDK-level alternative, when CDK generated it. */
export function explainGeneratedGrant(violation: GateViolation, byPath: ReadonlyMap<string, IConstruct>): GateViolation {
  if (violation.ruleId !== IAM) return violation;
  const construct = byPath.get(violation.path);
  // Without a construct of its own (a resource a custom element renders) only the path can tell.
  const fqns = new Set(construct?.node.scopes.map(fqnOf));
  const grant = GENERATED_GRANTS.find((g) => g.matches(violation.path, fqns, violation.message));
  if (!grant) return violation;
  return {
    ...violation,
    message: `${violation.message.replace(/[.!?]$/, '')}; CDK generated this grant: ${grant.api}`,
    fix: grant.alternative,
  };
}

/** The jsii type name CDK records on its construct classes, e.g. `aws-cdk-lib.aws_ecs.FargateTaskDefinition`. */
function fqnOf(construct: IConstruct): string | undefined {
  const info = (construct.constructor as unknown as Record<symbol, { fqn?: string } | undefined>)[Symbol.for('jsii.rtti')];
  // Every construct class inherits constructs.Construct's jsii type info, so no construct in a tree lacks it; `?.` keeps one that did
  // as the user's own rather than failing the gate.
  // Stryker disable next-line OptionalChaining: unreachable, see above
  return info?.fqn;
}
