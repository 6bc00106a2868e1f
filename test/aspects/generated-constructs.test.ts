/**
 * aspects/generated-constructs.ts: an SFX-IAM-LEAST-PRIVILEGE violation on a grant CDK generated
 * names the CDK API and the CDK-level alternative. The constructs are bare ones carrying the jsii
 * type name CDK records on its classes (what the gate reads), so no CDK app is built.
 */
import { Construct, IConstruct } from 'constructs';
import { explainGeneratedGrant } from '../../aspects/generated-constructs';
import type { GateViolation } from '../../aspects/violation-error';

const RTTI = Symbol.for('jsii.rtti');

/** A construct class that says it is the CDK class `fqn`. */
function cdkClass(fqn: string): typeof Construct {
  return class extends Construct {
    static readonly [RTTI] = { fqn };
  };
}

class Root extends Construct {
  constructor() {
    super(undefined as unknown as Construct, '');
  }
}

/** Builds `path` under a fresh root; `types` gives the CDK class of some segments (by their path). */
function tree(paths: readonly string[], types: Record<string, string> = {}): Map<string, IConstruct> {
  const root = new Root();
  const byPath = new Map<string, IConstruct>([['', root]]);
  for (const full of paths) {
    let scope: IConstruct = root;
    let current = '';
    for (const id of full.split('/')) {
      current = current ? `${current}/${id}` : id;
      let construct = byPath.get(current);
      if (!construct) {
        const type = types[current];
        construct = new (type ? cdkClass(type) : Construct)(scope as Construct, id);
        byPath.set(current, construct);
      }
      scope = construct;
    }
  }
  return byPath;
}

const iam = (path: string, message = 'the policy allows "logs:PutRetentionPolicy" on "*".'): GateViolation => ({
  ruleId: 'SFX-IAM-LEAST-PRIVILEGE',
  path,
  stackPath: path.split('/')[0],
  resourceType: 'AWS::IAM::Policy',
  message,
  fix: 'scope the statement',
});

const LOG_RETENTION = 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a';
const ASG = 'aws-cdk-lib.aws_autoscaling.AutoScalingGroup';
const PIPELINE = 'aws-cdk-lib.pipelines.CodePipeline';

/** The message and fix the violation ends up with. */
function explained(violation: GateViolation, byPath: ReadonlyMap<string, IConstruct> = new Map()): [string, string] {
  const { message, fix } = explainGeneratedGrant(violation, byPath);
  return [message, fix];
}

describe('explainGeneratedGrant', () => {
  test("lambda logRetention's provider (matched by CDK's fixed id, at the root or in a stack): the API and the explicit log group", () => {
    const expected: [string, string] = [
      'the policy allows "logs:PutRetentionPolicy" on "*"; CDK generated this grant: lambda.Function\'s logRetention (CDK\'s LogRetention ' +
        'custom resource, aws-cdk-lib.aws_logs.LogRetention, whose singleton function sets retention on any log group)',
      "give the function an explicit log group instead of logRetention: logGroup: new logs.LogGroup(this, 'FnLogs', { retention: " +
        'logs.RetentionDays.ONE_MONTH }); no custom resource, no logs:*RetentionPolicy on "*"',
    ];
    expect(explained(iam(`Api/${LOG_RETENTION}/ServiceRole/DefaultPolicy/Resource`))).toEqual(expected);
    expect(explained(iam(`${LOG_RETENTION}/ServiceRole/DefaultPolicy/Resource`))).toEqual(expected);
  });

  test('a construct merely named like the provider, or the provider id as the last segment, is not it', () => {
    for (const path of [`Api/My${LOG_RETENTION}/Policy`, `Api/${LOG_RETENTION}`]) {
      const violation = iam(path);
      expect(explainGeneratedGrant(violation, new Map())).toBe(violation);
    }
  });

  test("the ECS agent policy on an Auto Scaling group's instance role or drain hook, for logs/ecs/ec2/autoscaling actions", () => {
    const byPath = tree(['Api/Asg/InstanceRole/DefaultPolicy/Resource', 'Api/Asg/DrainECSHook/Function/ServiceRole/DefaultPolicy/Resource'], {
      'Api/Asg': ASG,
    });
    const api =
      "; CDK generated this grant: ecs.Cluster.addAsgCapacityProvider / AsgCapacityProvider (the ECS agent policy CDK adds to the Auto Scaling group's instance role)";
    const fix =
      'run the service on Fargate capacity (ecs.FargateService; cluster.enableFargateCapacityProviders()); tasks log through their ' +
      "execution role, so for EC2 capacity remove logs:CreateLogStream and logs:PutLogEvents from the instance role's DefaultPolicy with an " +
      'escape hatch after adding the capacity provider';
    const role = 'Api/Asg/InstanceRole/DefaultPolicy/Resource';
    expect(explained(iam(role, 'allows "logs:CreateLogStream" on "*"'), byPath)).toEqual([`allows "logs:CreateLogStream" on "*"${api}`, fix]);
    for (const action of ['ecs:Poll', 'ec2:DescribeTags', 'autoscaling:CompleteLifecycleAction']) {
      expect(explained(iam(role, `allows "${action}" on "*"`), byPath)[0]).toBe(`allows "${action}" on "*"${api}`);
    }
    const hook = 'Api/Asg/DrainECSHook/Function/ServiceRole/DefaultPolicy/Resource';
    expect(explained(iam(hook, 'allows "ec2:DescribeInstances" on "*"'), byPath)[0]).toBe(`allows "ec2:DescribeInstances" on "*"${api}`);
  });

  test('not the ECS agent policy: another action, another role of the group, or a role not under an Auto Scaling group', () => {
    const byPath = tree(
      ['Api/Asg/InstanceRole/DefaultPolicy/Resource', 'Api/Asg/OtherRole/DefaultPolicy/Resource', 'Api/Plain/InstanceRole/Policy'],
      {
        'Api/Asg': ASG,
      },
    );
    for (const violation of [
      iam('Api/Asg/InstanceRole/DefaultPolicy/Resource', 'allows "s3:GetObject" on "*"'),
      iam('Api/Asg/InstanceRole/DefaultPolicy/Resource', 'allows logs:CreateLogStream on "*"'),
      iam('Api/Asg/OtherRole/DefaultPolicy/Resource', 'allows "logs:CreateLogStream" on "*"'),
      iam('Api/Plain/InstanceRole/Policy', 'allows "logs:CreateLogStream" on "*"'),
    ]) {
      expect(explainGeneratedGrant(violation, byPath)).toBe(violation);
    }
  });

  test("ECS Exec's logging grants on the task role of any kind of task definition", () => {
    const kinds = ['TaskDefinition', 'FargateTaskDefinition', 'Ec2TaskDefinition', 'ExternalTaskDefinition'];
    const byPath = tree(
      kinds.map((kind) => `Api/${kind}/TaskRole/DefaultPolicy/Resource`),
      Object.fromEntries(kinds.map((kind) => [`Api/${kind}`, `aws-cdk-lib.aws_ecs.${kind}`])),
    );
    for (const kind of kinds) {
      expect(explained(iam(`Api/${kind}/TaskRole/DefaultPolicy/Resource`, 'allows "logs:DescribeLogGroups" on "*"'), byPath)).toEqual([
        'allows "logs:DescribeLogGroups" on "*"; CDK generated this grant: ECS Exec (enableExecuteCommand: true on the service, with the ' +
          "cluster's default execute-command logging)",
        'configure where ECS Exec logs on the cluster: executeCommandConfiguration: { logging: ecs.ExecuteCommandLogging.OVERRIDE, ' +
          'logConfiguration: { cloudWatchLogGroup: execLogs } } (CDK then scopes the grants to that log group), or ExecuteCommandLogging.NONE',
      ]);
    }
  });

  test('not ECS Exec: a non-logs action, another policy of the task role, or a class that only starts like a task definition', () => {
    const byPath = tree(['Api/Td/TaskRole/DefaultPolicy/Resource', 'Api/Td/TaskRole/Extra/Resource', 'Api/Like/TaskRole/DefaultPolicy/Resource'], {
      'Api/Td': 'aws-cdk-lib.aws_ecs.FargateTaskDefinition',
      'Api/Like': 'aws-cdk-lib.aws_ecs.FargateTaskDefinitionV2',
    });
    for (const violation of [
      iam('Api/Td/TaskRole/DefaultPolicy/Resource', 'allows "ssmmessages:OpenDataChannel" on "*"'),
      iam('Api/Td/TaskRole/Extra/Resource', 'allows "logs:PutLogEvents" on "*"'),
      iam('Api/Like/TaskRole/DefaultPolicy/Resource', 'allows "logs:PutLogEvents" on "*"'),
    ]) {
      expect(explainGeneratedGrant(violation, byPath)).toBe(violation);
    }
  });

  test("CDK Pipelines: self-mutation's project gets selfMutation: false, every other pipeline role the pipeline's own options", () => {
    const self = 'Ops/Pipeline/UpdatePipeline/SelfMutation/Role/DefaultPolicy/Resource';
    const step = 'Ops/Pipeline/Build/Synth/CdkBuildProject/Role/DefaultPolicy/Resource';
    const byPath = tree([self, step], { 'Ops/Pipeline': PIPELINE });
    expect(explained(iam(self), byPath)).toEqual([
      'the policy allows "logs:PutRetentionPolicy" on "*"; CDK generated this grant: CDK Pipelines\' self-mutation (pipelines.CodePipeline, ' +
        'UpdatePipeline/SelfMutation CodeBuild project)',
      'set selfMutation: false on pipelines.CodePipeline and deploy changes to the pipeline itself with cdk deploy of its stack',
    ]);
    expect(explained(iam(step), byPath)).toEqual([
      'the policy allows "logs:PutRetentionPolicy" on "*"; CDK generated this grant: CDK Pipelines (pipelines.CodePipeline: the roles of ' +
        'its CodeBuild steps and asset publishing)',
      "narrow the generated roles through the pipeline's own options (codeBuildDefaults.rolePolicy, assetPublishingCodeBuildDefaults, a " +
        'role of your own for a CodeBuildStep via role), or build the pipeline with codepipeline.Pipeline and explicit roles',
    ]);
  });

  test('the same paths without the CDK class behind them, or without a construct at all, are the user’s own grants', () => {
    const self = 'Ops/Pipeline/UpdatePipeline/SelfMutation/Role/DefaultPolicy/Resource';
    const byPath = tree([self]);
    for (const violation of [iam(self), iam('Ops/Elsewhere/Role/Policy')]) {
      expect(explainGeneratedGrant(violation, byPath)).toBe(violation);
    }
    expect(explainGeneratedGrant(iam(self), new Map())).toEqual(iam(self));
  });

  test('other rules are left alone, even on a generated construct', () => {
    const violation = { ...iam(`Api/${LOG_RETENTION}/ServiceRole/DefaultPolicy/Resource`), ruleId: 'SFX-REGION' };
    expect(explainGeneratedGrant(violation, new Map())).toBe(violation);
  });

  test('a message without a closing period is extended as it is', () => {
    expect(explained(iam(`Api/${LOG_RETENTION}/Fn`, 'allows "logs:*" on "*"!'))[0]).toMatch(
      /^allows "logs:\*" on "\*"; CDK generated this grant: lambda/,
    );
    expect(explained(iam(`Api/${LOG_RETENTION}/Fn`, 'allows "logs:*" on "*"'))[0]).toMatch(
      /^allows "logs:\*" on "\*"; CDK generated this grant: lambda/,
    );
  });

  test("only the message's closing period goes: the rule's statement location keeps its dots", () => {
    const message = 'PolicyDocument.Statement[0] allows "logs:PutRetentionPolicy" on "*".';
    expect(explained(iam(`Api/${LOG_RETENTION}/Fn`, message))[0]).toMatch(
      /^PolicyDocument\.Statement\[0\] allows "logs:PutRetentionPolicy" on "\*"; CDK generated this grant: lambda/,
    );
  });
});
