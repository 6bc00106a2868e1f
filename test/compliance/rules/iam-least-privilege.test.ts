/**
 * SFX-IAM-LEAST-PRIVILEGE through CDK: that what L2 and L1 constructs, escape hatches, nested stacks, stages and
 * CfnInclude render reaches the rule, and that ordinary CDK grants pass. The behavioural matrix (actions, resources,
 * PassRole, conditions, trust, managed policies, values decided at deploy time) is in test/rules/iam-least-privilege.test.ts.
 */
import { NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as include from 'aws-cdk-lib/cloudformation-include';
import * as path from 'path';
import { IamLeastPrivilege } from '../../../rules/iam-least-privilege';
import { euStack, expectNoViolations, expectViolation, inlineFunction, synthGate, violationLines } from '../helpers';

const BUCKET_OBJECTS = 'arn:aws:s3:::sfx-catalog/*';

function role(scope: import('constructs').Construct, id = 'Role'): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
}

/** `path: message` of every violation of this rule. */
function iamFindings(err: ReturnType<typeof synthGate>): string[] {
  return (err?.violations ?? []).filter((v) => v.ruleId === IamLeastPrivilege.id).map((v) => `${v.path}: ${v.message}`);
}

const EVERY_ACTION = 'grants every action ("*")';

describe(IamLeastPrivilege.id, () => {
  test('ordinary CDK grants pass: grant* methods, Step Functions tasks, nested-stack resources, managed and organization principals', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const r = role(stack);
        r.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 'kms:GenerateDataKey*'], resources: [BUCKET_OBJECTS] }));
        r.addToPolicy(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
        new iam.Role(stack, 'Target', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }).grantPassRole(r);
        new s3.Bucket(stack, 'Bucket').grantReadWrite(r);
        new s3.Bucket(new NestedStack(stack, 'Storage'), 'Bucket').grantRead(r);
        r.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(stack, 'Customer', 'arn:aws:iam::123456789012:policy/sfx-read-catalog'));
        r.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonECSTaskExecutionRolePolicy'));
        r.addManagedPolicy(
          new iam.ManagedPolicy(stack, 'Own', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [BUCKET_OBJECTS] })] }),
        );
        new iam.Role(stack, 'Org', { assumedBy: new iam.OrganizationPrincipal('o-abc123def4') });
        // Executions and task definitions named by parts of the state machine's own ARN (Fn::Select of Fn::Split).
        const child = new sfn.StateMachine(stack, 'Child', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Noop')) });
        new sfn.StateMachine(stack, 'Parent', {
          definitionBody: sfn.DefinitionBody.fromChainable(
            new tasks.StepFunctionsStartExecution(stack, 'Start', { stateMachine: child, integrationPattern: sfn.IntegrationPattern.RUN_JOB }),
          ),
        });
      }),
    );
  });

  test('L2 constructs deliver their documents, attachments and trust to the rule', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      role(stack).addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: [BUCKET_OBJECTS] }));
      new iam.Role(stack, 'Inline', {
        assumedBy: new iam.AnyPrincipal(),
        inlinePolicies: {
          admin: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ notActions: ['iam:*'], resources: [BUCKET_OBJECTS] })] }),
        },
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
      });
      new iam.ManagedPolicy(stack, 'Managed', { statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: [BUCKET_OBJECTS] })] });
      new iam.User(stack, 'User').addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], notResources: [BUCKET_OBJECTS] }));
      new iam.Group(stack, 'Group').addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/SystemAdministrator'));
    });
    expect(iamFindings(err)).toEqual([
      `S/Role/DefaultPolicy/Resource: PolicyDocument.Statement[0] ${EVERY_ACTION}`,
      'S/Inline/Resource: AssumeRolePolicyDocument.Statement[0] lets any AWS principal ("*") assume the role, with no condition',
      'S/Inline/Resource: Policies[0] (admin).PolicyDocument.Statement[0] allows NotAction, which grants every action except those listed',
      "S/Inline/Resource: ManagedPolicyArns[0] attaches the AWS managed policy AdministratorAccess: Administrator access: AdministratorAccess (and its -Amplify, -AWSElasticBeanstalk variants) or a service's *AdminAccess.",
      'S/Managed/Resource: PolicyDocument.Statement[0] grants every action of a service ("s3:*")',
      'S/User/DefaultPolicy/Resource: PolicyDocument.Statement[0] allows NotResource, which grants every resource except those listed',
      'S/Group/Resource: ManagedPolicyArns[0] attaches the AWS managed policy SystemAdministrator: Job-function administrator policies.',
    ]);
  });

  test('L1 constructs deliver their documents and attachments to the rule', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new iam.CfnPolicy(stack, 'Policy', {
        policyName: 'p',
        roles: [role(stack).roleName],
        policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
      });
      new iam.CfnManagedPolicy(stack, 'Managed', { policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: BUCKET_OBJECTS }] } });
      new iam.CfnUser(stack, 'User', {
        policies: [{ policyName: 'deploy', policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: BUCKET_OBJECTS }] } }],
      });
      new iam.CfnGroup(stack, 'Group', { managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] });
    });
    expect(iamFindings(err)).toEqual([
      'S/Policy: PolicyDocument.Statement[0] allows iam:PassRole on "*": any role, including administrator roles, can be passed to a service',
      `S/Managed: PolicyDocument.Statement[0] ${EVERY_ACTION}`,
      `S/User: Policies[0] (deploy).PolicyDocument.Statement[0] ${EVERY_ACTION}`,
      "S/Group: ManagedPolicyArns[0] attaches the AWS managed policy PowerUserAccess: Power-user access: PowerUserAccess (every action but IAM and Organizations) or a service's *PowerUser.",
    ]);
  });

  test('CDK\'s logRetention function grants logs:PutRetentionPolicy on "*" and is reported (the action is scopable)', () => {
    const err = synthGate((app) => {
      inlineFunction(euStack(app, 'S'), 'Fn', { logRetention: logs.RetentionDays.ONE_MONTH });
    });
    const lines = violationLines(err);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.startsWith(`[${IamLeastPrivilege.id}] S/LogRetention`) && line.includes('RetentionPolicy'))).toBe(true);
  });

  describe('escape hatches', () => {
    test('an override widening a compliant policy statement fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const policy = new iam.CfnPolicy(stack, 'Policy', {
          policyName: 'p',
          roles: [role(stack).roleName],
          policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET_OBJECTS }] },
        });
        policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', '*');
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'allows "s3:GetObject" on "*"');
    });

    test('an override attaching AdministratorAccess to an L2 role fails', () => {
      const err = synthGate((app) => {
        (role(euStack(app, 'S')).node.defaultChild as iam.CfnRole).addPropertyOverride('ManagedPolicyArns', [
          'arn:aws:iam::aws:policy/AdministratorAccess',
        ]);
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', 'attaches the AWS managed policy AdministratorAccess');
    });

    test('an override that FIXES a wildcard statement passes', () => {
      expectNoViolations(
        synthGate((app) => {
          const stack = euStack(app, 'S');
          new iam.CfnPolicy(stack, 'Policy', {
            policyName: 'p',
            roles: [role(stack).roleName],
            policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
          }).addPropertyOverride('PolicyDocument.Statement', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET_OBJECTS }]);
        }),
      );
    });
  });

  test('wherever the policy is defined: nested stack, Stage and CfnInclude', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      role(new NestedStack(stack, 'Nested') as unknown as Stack).addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
      const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
      role(new Stack(stage, 'Api')).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
      new include.CfnInclude(stack, 'Include', { templateFile: path.join(__dirname, '..', 'fixtures', 'legacy-iam.json') });
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Nested/Role/DefaultPolicy/Resource', EVERY_ACTION);
    expectViolation(err, IamLeastPrivilege.id, 'Prod/Api/Role/Resource', 'AdministratorAccess');
    expectViolation(err, IamLeastPrivilege.id, 'S/Include/LegacyDeployRole', 'NotAction');
    expectViolation(err, IamLeastPrivilege.id, 'S/Include/LegacyPolicy', 'allows iam:PassRole on "*"');
  });
});
