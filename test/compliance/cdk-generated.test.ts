/**
 * Grants CDK itself generates (logRetention's LogRetention function, AsgCapacityProvider, ECS Exec,
 * CDK Pipelines' self-mutation): the violation names the CDK API and the CDK-level alternative;
 * the same app written that way passes (issue 11, point 6).
 */
import { App, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { applyCompliance } from '../../aspects';
import { expectViolation, newApp, synthApp, violationLines } from './helpers';
import { IamLeastPrivilege } from '../../rules';

const ENV = { region: 'eu-west-1', account: '123456789012' };

function build(fixed: boolean): App {
  const app = newApp();
  const stack = new Stack(app, 'S', { env: ENV });
  new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {}'),
    ...(fixed
      ? { logGroup: new logs.LogGroup(stack, 'FnLogs', { retention: logs.RetentionDays.ONE_WEEK }) }
      : { logRetention: logs.RetentionDays.ONE_WEEK }),
  });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const execLogs = new logs.LogGroup(stack, 'ExecLogs');
  const cluster = new ecs.Cluster(stack, 'Cluster', {
    vpc,
    ...(fixed
      ? { executeCommandConfiguration: { logging: ecs.ExecuteCommandLogging.OVERRIDE, logConfiguration: { cloudWatchLogGroup: execLogs } } }
      : {}),
  });
  if (!fixed) {
    const asg = new autoscaling.AutoScalingGroup(stack, 'Asg', {
      vpc,
      instanceType: new ec2.InstanceType('t3.micro'),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2(),
      minCapacity: 2,
    });
    cluster.addAsgCapacityProvider(new ecs.AsgCapacityProvider(stack, 'Capacity', { autoScalingGroup: asg }));
  } else {
    cluster.enableFargateCapacityProviders();
  }
  const task = new ecs.FargateTaskDefinition(stack, 'Task');
  task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') });
  new ecs.FargateService(stack, 'Service', { cluster, taskDefinition: task, enableExecuteCommand: true, desiredCount: 2 });
  const delivery = new Stack(app, 'Delivery', { env: ENV });
  new pipelines.CodePipeline(delivery, 'Pipeline', {
    selfMutation: !fixed,
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.connection('team/app', 'main', {
        connectionArn: 'arn:aws:codeconnections:eu-west-1:123456789012:connection/abc',
      }),
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });
  applyCompliance(app);
  return app;
}

describe('generated grants that fail', () => {
  const err = synthApp(build(false));

  test('logRetention: names the API and the explicit log group alternative', () => {
    const [line] = expectViolation(
      err,
      IamLeastPrivilege.id,
      'S/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole/DefaultPolicy/Resource',
      "lambda.Function's logRetention",
    );
    expect(line).toContain('Fix: give the function an explicit log group instead of logRetention: logGroup: new logs.LogGroup(');
  });

  test('AsgCapacityProvider: names the API and the alternative', () => {
    const [line] = expectViolation(err, IamLeastPrivilege.id, 'S/Asg/InstanceRole/DefaultPolicy/Resource', 'AsgCapacityProvider');
    expect(line).toContain('Fix: run the service on Fargate capacity');
  });

  test('ECS Exec: names the API and the cluster logging alternative', () => {
    const [line] = expectViolation(err, IamLeastPrivilege.id, 'S/Task/TaskRole/DefaultPolicy/Resource', 'ECS Exec (enableExecuteCommand');
    expect(line).toContain('executeCommandConfiguration');
  });

  test('CDK Pipelines self-mutation: names the API and selfMutation: false', () => {
    const [line] = expectViolation(
      err,
      IamLeastPrivilege.id,
      'Delivery/Pipeline/UpdatePipeline/SelfMutation/Role/DefaultPolicy/Resource',
      "CDK Pipelines' self-mutation",
    );
    expect(line).toContain('selfMutation: false');
  });

  test('no message sends the user to rules/iam-allowlist.ts', () => {
    expect(violationLines(err).filter((line) => line.includes('iam-allowlist'))).toEqual([]);
  });
});

describe('the same app with the CDK-level alternatives', () => {
  test('passes SFX-IAM-LEAST-PRIVILEGE', () => {
    const err = synthApp(build(true));
    expect(violationLines(err).filter((line) => line.startsWith(`[${IamLeastPrivilege.id}]`))).toEqual([]);
  });
});
