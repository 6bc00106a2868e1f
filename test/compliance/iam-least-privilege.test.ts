import { CfnParameter, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as include from 'aws-cdk-lib/cloudformation-include';
import * as path from 'path';
import { euStack, expectNoViolations, expectViolation, rawResource, synthGate } from './helpers';

const ID = 'SFX-IAM-LEAST-PRIVILEGE';
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

describe('SFX-IAM-LEAST-PRIVILEGE', () => {
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
      expectViolation(err, ID, 'S/Policy', message);
    });

    test.each(['*', 's3:*', 'S3:*', 's3:Put*'])('action %s through an L2 role addToPolicy', (action) => {
      const err = roleWith({ actions: ['s3:GetObject', action], resources: [BUCKET_OBJECTS] });
      expectViolation(err, ID, DEFAULT_POLICY, `"${action}"`);
    });

    test('action as a single string (not a list) in an L1 CfnPolicy', () => {
      const err = cfnPolicyWith([{ Effect: 'Allow', Action: 's3:*', Resource: BUCKET_OBJECTS }]);
      expectViolation(err, ID, 'S/Policy', 's3:*');
    });

    test('a Statement given as a single object, not a list', () => {
      const err = cfnPolicyWith({ Effect: 'Allow', Action: ['dynamodb:*'], Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/t' });
      expectViolation(err, ID, 'S/Policy', 'dynamodb:*');
    });
  });

  describe('Resource "*"', () => {
    test('s3:GetObject on "*" fails', () => {
      const err = roleWith({ actions: ['s3:GetObject'], resources: ['*'] });
      expectViolation(err, ID, DEFAULT_POLICY, 'allows "s3:GetObject" on "*"');
    });

    test('"*" hidden in a list of specific resources fails', () => {
      const err = cfnPolicyWith([{ Effect: 'Allow', Action: 's3:GetObject', Resource: [BUCKET_OBJECTS, '*'] }]);
      expectViolation(err, ID, 'S/Policy', 'on "*"');
    });

    test('an ARN with a wildcard service (arn:aws:*:*:*:*) counts as "*"', () => {
      const err = cfnPolicyWith([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:*:*:*:*' }]);
      expectViolation(err, ID, 'S/Policy', 'arn:aws:*:*:*:*');
    });

    test('a missing Resource counts as every resource', () => {
      const err = cfnPolicyWith([{ Effect: 'Allow', Action: 's3:GetObject' }]);
      expectViolation(err, ID, 'S/Policy', 'Resource is absent');
    });

    test('iam:PassRole on "*" fails, whatever the case', () => {
      const err = roleWith({ actions: ['iam:PassRole'], resources: ['*'] });
      expectViolation(err, ID, DEFAULT_POLICY, PASS_ROLE_ON_ANY);
      expectViolation(cfnPolicyWith([{ Effect: 'Allow', Action: 'IAM:passrole', Resource: '*' }]), ID, 'S/Policy', /IAM:passrole"? on "\*"/);
    });

    test('a mix of an allowlisted and a scoped action on "*" fails for the scoped one only', () => {
      const err = roleWith({ actions: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'], resources: ['*'] });
      const lines = expectViolation(err, ID, DEFAULT_POLICY, '"ecr:BatchGetImage"');
      expect(lines.some((l) => l.includes('"ecr:GetAuthorizationToken" on'))).toBe(false);
    });
  });

  describe('NotAction / NotResource', () => {
    test('Allow with NotAction fails', () => {
      const err = roleWith({ notActions: ['iam:*'], resources: [BUCKET_OBJECTS] });
      expectViolation(err, ID, DEFAULT_POLICY, 'NotAction');
    });

    test('Allow with NotResource fails', () => {
      const err = roleWith({ actions: ['s3:GetObject'], notResources: [BUCKET_OBJECTS] });
      expectViolation(err, ID, DEFAULT_POLICY, 'NotResource');
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
      expectViolation(err, ID, 'S/Policy', '"*"');
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
      expectViolation(err, ID, 'S/Role/Resource', 'Policies[0] (admin)');
    });

    test('AWS::IAM::ManagedPolicy (L2 ManagedPolicy and L1 CfnManagedPolicy)', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        new iam.ManagedPolicy(stack, 'L2', { statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })] });
        new iam.CfnManagedPolicy(stack, 'L1', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] } });
      });
      expectViolation(err, ID, 'S/L2/Resource', 's3:*');
      expectViolation(err, ID, 'S/L1', 'ec2:*');
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
      expectViolation(err, ID, 'S/User', 'cloudformation:*');
      expectViolation(err, ID, 'S/Group', 'AdministratorAccess');
      expectViolation(err, ID, 'S/L2User/DefaultPolicy/Resource', 'sqs:*');
      expectViolation(err, ID, 'S/L2Group/Resource', 'PowerUserAccess');
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
      expectViolation(err, ID, 'S/Inline', '"*"');
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
        expectViolation(err, ID, 'S/Role/Resource', `attaches the AWS managed policy ${name.split('/').pop()}`);
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
      expectViolation(err, ID, 'S/Role/Resource', 'must be a literal');
    });

    test('a managed policy ARN imported from another stack fails closed', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        role(stack).addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(stack, 'Imported', Fn.importValue('SharedPolicyArn')));
      });
      expectViolation(err, ID, 'S/Role/Resource', 'must be a literal');
    });
  });

  describe('values that cannot be proven fail closed', () => {
    test('an Action from a parameter', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const action = new CfnParameter(stack, 'Action', { type: 'String' });
        role(stack).addToPolicy(new iam.PolicyStatement({ actions: [action.valueAsString], resources: [BUCKET_OBJECTS] }));
      });
      expectViolation(err, ID, DEFAULT_POLICY, 'Action is not a literal');
    });

    test('a Resource from a parameter', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const resource = new CfnParameter(stack, 'Resource', { type: 'String' });
        role(stack).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [resource.valueAsString] }));
      });
      expectViolation(err, ID, DEFAULT_POLICY, 'Resource is not a literal');
    });

    test('a Resource parameter whose AllowedValues include "*"', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const resource = new CfnParameter(stack, 'Resource', { type: 'String', allowedValues: [BUCKET_OBJECTS, '*'] });
        role(stack).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [resource.valueAsString] }));
      });
      expectViolation(err, ID, DEFAULT_POLICY, 'on "*"');
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
      expectViolation(err, ID, DEFAULT_POLICY, 'Statement[0] Action is not a literal (it is a dynamic reference');
      expectViolation(err, ID, DEFAULT_POLICY, 'Statement[1] Resource is not a literal');
      expectViolation(err, ID, 'S/Role/Resource', 'ManagedPolicyArns[0] is not a literal');
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
      expectViolation(err, ID, DEFAULT_POLICY, 'Statement[0] Resource is not a literal');
      expectViolation(err, ID, DEFAULT_POLICY, 'Statement[1] Resource is not a literal');
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
      expectViolation(err, ID, 'S/Policy', 'Statement[0] Resource is not a literal');
      expectViolation(err, ID, 'S/Policy', 'Statement[1] Resource is not a literal');
    });

    test('iam:PassRole on every role, with a wildcard region field (arn:aws:iam:*:<account>:role/*)', () => {
      const err = roleWith({ actions: ['iam:PassRole'], resources: ['arn:aws:iam:*:123456789012:role/*'] });
      expectViolation(err, ID, DEFAULT_POLICY, 'which is every role of the account');
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
      expectViolation(err, ID, 'S/Policy', 'on "*"');
    });

    test('an override attaching AdministratorAccess to an L2 role fails', () => {
      const err = synthGate((app) => {
        (role(euStack(app, 'S')).node.defaultChild as iam.CfnRole).addPropertyOverride('ManagedPolicyArns', [
          'arn:aws:iam::aws:policy/AdministratorAccess',
        ]);
      });
      expectViolation(err, ID, 'S/Role/Resource', 'AdministratorAccess');
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
        new include.CfnInclude(stack, 'Include', { templateFile: path.join(__dirname, 'fixtures', 'legacy-iam.json') });
      });
      expectViolation(err, ID, 'S/Nested/Role/DefaultPolicy/Resource');
      expectViolation(err, ID, 'Prod/Api/Role/Resource', 'AdministratorAccess');
      expectViolation(err, ID, 'S/Include/LegacyDeployRole', 'NotAction');
      expectViolation(err, ID, 'S/Include/LegacyPolicy', PASS_ROLE_ON_ANY);
    });
  });
});
