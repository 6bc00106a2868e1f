/**
 * SFX-IAM-LEAST-PRIVILEGE at the pure level: the behavioural matrix (where documents are read, Effect, actions,
 * resources, PassRole, conditions, trust, managed policies, SAM). Delivery through CDK (L2 constructs, overrides,
 * nested stacks, Stage, CfnInclude) is in test/compliance/rules/iam-least-privilege.test.ts.
 */
import { IamLeastPrivilege } from '../../rules/iam-least-privilege';
import { TemplateBuilder, findings, template, violationsOf } from './support/template-builder';
// Stryker (findRelatedTests) adds only the mutated file's folder to jest's roots, so a mutant in rules/core/ is tested
// only by test files that import its module directly: these imports make this file one of them.
import '../../rules/core/arn-scope';
import '../../rules/core/aws-actions';
import '../../rules/core/iam-actions';
import '../../rules/core/iam-allowlist';
import '../../rules/core/iam-conditions';
import '../../rules/core/iam-documents';

const document = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const policy = (statement: unknown, stack = template()) =>
  stack.resource('Policy', 'AWS::IAM::Policy', { PolicyName: 'p', PolicyDocument: document(statement), Roles: ['r'] });
/** The findings of one Allow statement in an AWS::IAM::Policy of `stack`. */
const judged = (statement: Record<string, unknown>, stack?: TemplateBuilder) =>
  findings(IamLeastPrivilege, policy({ Effect: 'Allow', ...statement }, stack));
const AT = 'Stack/Policy: PolicyDocument.Statement[0]';
const MUST_BE_LITERAL = 'the value must be a literal so the gate can prove it at synth time';
const S3_ANY = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const S3_SCOPABLE = 'although it can be scoped to accesspointobject, object resources (AWS Service Authorization Reference)';
const onAny = `${AT} allows "s3:GetObject" on "*", ${S3_SCOPABLE}`;
const OBJECT = 'arn:aws:s3:::bucket/key';

describe('SFX-IAM-LEAST-PRIVILEGE', () => {
  describe('where policy documents are read', () => {
    test.each(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy'])(
      'reads the PolicyDocument of %s',
      (type) => {
        const stack = template().resource('Policy', type, { PolicyName: 'p', PolicyDocument: document(S3_ANY) });
        expect(violationsOf(IamLeastPrivilege, stack)).toEqual([
          {
            ruleId: 'SFX-IAM-LEAST-PRIVILEGE',
            path: 'Stack/Policy',
            stackPath: 'Stack',
            resourceType: type,
            logicalId: 'Policy',
            message: `PolicyDocument.Statement[0] allows "s3:GetObject" on "*", ${S3_SCOPABLE}`,
            fix: 'scope "s3:GetObject" to the ARNs of the accesspointobject it needs (a CDK grant* method does this)',
          },
        ]);
      },
    );

    test.each(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'])('reads the inline Policies of %s, naming the policy', (type) => {
      const stack = template().resource('Holder', type, {
        Policies: [{ PolicyName: 'inline', PolicyDocument: document(S3_ANY) }, { PolicyDocument: document(S3_ANY) }],
      });
      expect(findings(IamLeastPrivilege, stack)).toEqual([
        `Stack/Holder: Policies[0] (inline).PolicyDocument.Statement[0] allows "s3:GetObject" on "*", ${S3_SCOPABLE}`,
        `Stack/Holder: Policies[1].PolicyDocument.Statement[0] allows "s3:GetObject" on "*", ${S3_SCOPABLE}`,
      ]);
    });

    test('a PolicyDocument given as a JSON string is parsed; one that is not JSON is not a literal document', () => {
      const stack = template()
        .resource('Json', 'AWS::IAM::RolePolicy', { PolicyName: 'p', PolicyDocument: JSON.stringify(document(S3_ANY)) })
        .resource('Broken', 'AWS::IAM::RolePolicy', { PolicyName: 'p', PolicyDocument: '{ not json' });
      expect(findings(IamLeastPrivilege, stack)).toEqual([
        `Stack/Json: PolicyDocument.Statement[0] allows "s3:GetObject" on "*", ${S3_SCOPABLE}`,
        `Stack/Broken: PolicyDocument is not a literal (it is not a literal policy document); ${MUST_BE_LITERAL}`,
      ]);
    });

    test('a document from a parameter, a Statement that is not a list and a statement that is not an object fail closed', () => {
      const stack = template()
        .parameter('Doc')
        .resource('FromParameter', 'AWS::IAM::Policy', { PolicyName: 'p', PolicyDocument: { Ref: 'Doc' } })
        .resource('NoList', 'AWS::IAM::Policy', { PolicyName: 'p', PolicyDocument: { Statement: 'Allow everything' } })
        .resource('NoStatement', 'AWS::IAM::Policy', { PolicyName: 'p', PolicyDocument: { Version: '2012-10-17' } })
        .resource('StringStatement', 'AWS::IAM::Policy', { PolicyName: 'p', PolicyDocument: document('Allow *') })
        .resource('IfStatement', 'AWS::IAM::Policy', {
          PolicyName: 'p',
          PolicyDocument: document({ 'Fn::If': ['C', { Effect: 'Allow', Action: '*', Resource: '*' }, { Ref: 'AWS::NoValue' }] }),
        });
      const statement = 'not a literal statement (an intrinsic function decides it at deploy time)';
      expect(findings(IamLeastPrivilege, stack)).toEqual([
        `Stack/FromParameter: PolicyDocument is not a literal (it is not a literal policy document); ${MUST_BE_LITERAL}`,
        `Stack/NoList: PolicyDocument.Statement is not a literal (it is not a literal list of statements); ${MUST_BE_LITERAL}`,
        `Stack/NoStatement: PolicyDocument.Statement is not a literal (it is not a literal list of statements); ${MUST_BE_LITERAL}`,
        `Stack/StringStatement: PolicyDocument.Statement[0] is not a literal (it is ${statement}); ${MUST_BE_LITERAL}`,
        `Stack/IfStatement: PolicyDocument.Statement[0] is not a literal (it is ${statement}); ${MUST_BE_LITERAL}`,
      ]);
    });

    test('a Statement given as a single object is judged like a list of one', () => {
      const stack = template().resource('Policy', 'AWS::IAM::Policy', { PolicyName: 'p', PolicyDocument: { Statement: S3_ANY } });
      expect(findings(IamLeastPrivilege, stack)).toEqual([onAny]);
    });

    test('a permission set: InlinePolicy (also as JSON) and ManagedPolicies; one without InlinePolicy has nothing to judge', () => {
      const stack = template()
        .resource('Set', 'AWS::SSO::PermissionSet', {
          InlinePolicy: JSON.stringify(document(S3_ANY)),
          ManagedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/PowerUserAccess'],
        })
        .resource('Empty', 'AWS::SSO::PermissionSet', { Name: 'empty' });
      expect(findings(IamLeastPrivilege, stack)).toEqual([
        `Stack/Set: InlinePolicy.Statement[0] allows "s3:GetObject" on "*", ${S3_SCOPABLE}`,
        'Stack/Set: ManagedPolicies[0] attaches the AWS managed policy ReadOnlyAccess: Read access to every resource of a service (or of the account): Get*/List* on "*" exposes all its data.',
        "Stack/Set: ManagedPolicies[1] attaches the AWS managed policy PowerUserAccess: Power-user access: PowerUserAccess (every action but IAM and Organizations) or a service's *PowerUser.",
      ]);
    });

    test('a PolicyDocument property wins over Policies (a policy resource has no Policies)', () => {
      const stack = template().resource('Policy', 'AWS::IAM::Policy', {
        PolicyName: 'p',
        PolicyDocument: document({ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT }),
        Policies: [{ PolicyName: 'ignored', PolicyDocument: document(S3_ANY) }],
      });
      expect(findings(IamLeastPrivilege, stack)).toEqual([]);
    });

    test('resources that hold no identity policy are not judged', () => {
      const stack = template().resource('Topic', 'AWS::SNS::TopicPolicy', { PolicyDocument: document(S3_ANY), Topics: ['t'] });
      expect(findings(IamLeastPrivilege, stack)).toEqual([]);
    });
  });

  describe('SAM functions and state machines', () => {
    test.each(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine'])(
      '%s: statements, AWS managed policies by name or ARN, intrinsics and policy templates',
      (type) => {
        const stack = template()
          .parameter('PolicyArn')
          .resource('Fn', type, {
            Policies: [
              'AdministratorAccess',
              'arn:aws:iam::aws:policy/IAMFullAccess',
              'AWSLambdaBasicExecutionRole',
              { S3CrudPolicy: { BucketName: '*' } },
              document(S3_ANY),
              { Ref: 'PolicyArn' },
              { 'Fn::If': ['C', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole'] },
            ],
          });
        expect(findings(IamLeastPrivilege, stack)).toEqual([
          `Stack/Fn: Policies[4].Statement[0] allows "s3:GetObject" on "*", ${S3_SCOPABLE}`,
          'Stack/Fn: Policies[0] attaches the AWS managed policy AdministratorAccess: ' +
            "Administrator access: AdministratorAccess (and its -Amplify, -AWSElasticBeanstalk variants) or a service's *AdminAccess.",
          'Stack/Fn: Policies[1] attaches the AWS managed policy IAMFullAccess: Full access to a service (IAMFullAccess, *FullAccess, *_FullAccess, *FullAccessV2, …).',
          'Stack/Fn: Policies[5] is not a literal (it is CloudFormation parameter PolicyArn without AllowedValues, chosen at deploy time, ' +
            `so it cannot be shown not to grant administrator access); ${MUST_BE_LITERAL}`,
          'Stack/Fn: Policies[6] attaches the AWS managed policy ReadOnlyAccess: ' +
            'Read access to every resource of a service (or of the account): Get*/List* on "*" exposes all its data.',
          'Stack/Fn: Policies[3] uses the SAM policy template S3CrudPolicy, which expands at deploy time into statements the gate cannot judge (some grant "*")',
        ]);
      },
    );

    test('the fix for a SAM policy template is to write the statements out', () => {
      const stack = template().resource('Fn', 'AWS::Serverless::Function', { Policies: { SQSPollerPolicy: { QueueName: 'q' } } });
      expect(violationsOf(IamLeastPrivilege, stack).map((v) => [v.message, v.fix])).toEqual([
        [
          'Policies[0] uses the SAM policy template SQSPollerPolicy, which expands at deploy time into statements the gate cannot judge (some grant "*")',
          'write the statements out ({ Statement: [...] }) so they can be reviewed',
        ],
      ]);
    });

    test('an empty object is neither a policy template nor a document; a role is not read the SAM way', () => {
      expect(findings(IamLeastPrivilege, template().resource('Fn', 'AWS::Serverless::Function', { Policies: [{}] }))).toEqual([]);
      expect(
        findings(IamLeastPrivilege, template().resource('Role', 'AWS::IAM::Role', { Policies: ['AdministratorAccess', { S3CrudPolicy: {} }] })),
      ).toEqual([
        `Stack/Role: Policies[0].PolicyDocument is not a literal (it is not a literal policy document); ${MUST_BE_LITERAL}`,
        `Stack/Role: Policies[1].PolicyDocument is not a literal (it is not a literal policy document); ${MUST_BE_LITERAL}`,
      ]);
    });
  });

  describe('Effect', () => {
    test('a Deny is never a problem: "*", NotAction, NotResource', () => {
      const stack = template().resource('Policy', 'AWS::IAM::Policy', {
        PolicyName: 'p',
        PolicyDocument: document(
          { Effect: 'Deny', Action: '*', Resource: '*' },
          { Effect: 'Deny', NotAction: 's3:GetObject', Resource: OBJECT },
          { Effect: 'Deny', Action: 's3:*', NotResource: OBJECT },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT },
        ),
      });
      expect(findings(IamLeastPrivilege, stack)).toEqual([]);
    });

    test('Fn::If between Allow and Deny is judged as Allow', () => {
      const stack = template().condition('C', { 'Fn::Equals': ['a', 'b'] });
      expect(findings(IamLeastPrivilege, policy({ ...S3_ANY, Effect: { 'Fn::If': ['C', 'Allow', 'Deny'] } }, stack))).toEqual([onAny]);
      expect(findings(IamLeastPrivilege, policy({ ...S3_ANY, Effect: { 'Fn::If': ['C', 'Deny', 'Allow'] } }, stack))).toEqual([onAny]);
      expect(findings(IamLeastPrivilege, policy({ ...S3_ANY, Effect: { 'Fn::If': ['C', 'Deny', 'Deny'] } }, stack))).toEqual([]);
    });

    test('a parameter is Deny-only only when every allowed value is Deny', () => {
      expect(findings(IamLeastPrivilege, policy({ ...S3_ANY, Effect: { Ref: 'E' } }, template().parameter('E')))).toEqual([onAny]);
      const allowed = (values: string[]) => template().parameter('E', { Type: 'String', AllowedValues: values });
      expect(findings(IamLeastPrivilege, policy({ ...S3_ANY, Effect: { Ref: 'E' } }, allowed(['Deny'])))).toEqual([]);
      expect(findings(IamLeastPrivilege, policy({ ...S3_ANY, Effect: { Ref: 'E' } }, allowed(['Deny', 'Allow'])))).toEqual([onAny]);
    });
  });

  describe('actions', () => {
    test('NotAction and NotResource fail, with their fixes', () => {
      const stack = policy({ Effect: 'Allow', NotAction: 's3:GetObject', NotResource: OBJECT, Sid: 'X' });
      expect(violationsOf(IamLeastPrivilege, stack).map((v) => [v.message, v.fix])).toEqual([
        [
          'PolicyDocument.Statement[0] (Sid X) allows NotAction, which grants every action except those listed',
          'list the allowed actions in Action instead',
        ],
        [
          'PolicyDocument.Statement[0] (Sid X) allows NotResource, which grants every resource except those listed',
          'list the resources in Resource instead',
        ],
      ]);
    });

    test('NotResource without Resource is not also judged as "every resource"', () => {
      expect(judged({ Action: 's3:GetObject', NotResource: OBJECT })).toEqual([
        `${AT} allows NotResource, which grants every resource except those listed`,
      ]);
    });

    test('a Sid that is not a string is not shown', () => {
      expect(judged({ Sid: 7, NotAction: 's3:GetObject', Resource: OBJECT })).toEqual([
        `${AT} allows NotAction, which grants every action except those listed`,
      ]);
    });

    test.each([
      ['*', 'grants every action ("*")'],
      ['s3:*', 'grants every action of a service ("s3:*")'],
      ['S3:*', 'grants every action of a service ("S3:*")'],
      ['s3:**', 'grants every action of a service ("s3:**")'],
      ['*:*', 'grants every action of a service ("*:*")'],
      ['*:GetObject', 'grants every action of a service ("*:GetObject")'],
      ['s?:GetObject', 'grants every action of a service ("s?:GetObject")'],
      ['s3*', 'grants every action of a service ("s3*")'],
      ['s3:Zzz*', 'uses the wildcard action "s3:Zzz*", which matches no action AWS defines'],
      ['s3:*Zzz', 'uses the wildcard action "s3:*Zzz", which matches no action AWS defines'],
    ])('the action %s fails on a specific resource', (action, problem) => {
      const stack = policy({ Effect: 'Allow', Action: [action], Resource: OBJECT });
      expect(violationsOf(IamLeastPrivilege, stack).map((v) => [v.message, v.fix])).toEqual([
        [`PolicyDocument.Statement[0] ${problem}`, 'list the exact actions the workload calls'],
      ]);
    });

    test('an unreviewed partial wildcard names what it grants: the first four and an ellipsis beyond', () => {
      expect(judged({ Action: 's3:Put*', Resource: OBJECT })).toEqual([
        `${AT} uses the wildcard action "s3:Put*", which grants 40 action(s) (s3:PutAccelerateConfiguration, ` +
          's3:PutAccessGrantsInstanceResourcePolicy, s3:PutAccessPointConfigurationForObjectLambda, s3:PutAccessPointPolicy, …), not a reviewed pattern',
      ]);
      expect(judged({ Action: 'sqs:*Message', Resource: 'arn:aws:sqs:eu-west-1:123456789012:q' })).toEqual([
        `${AT} uses the wildcard action "sqs:*Message", which grants 3 action(s) (sqs:DeleteMessage, sqs:ReceiveMessage, sqs:SendMessage), not a reviewed pattern`,
      ]);
      expect(judged({ Action: 's3:GetObjec?', Resource: OBJECT })).toEqual([
        `${AT} uses the wildcard action "s3:GetObjec?", which grants 1 action(s) (s3:GetObject), not a reviewed pattern`,
      ]);
    });

    test('approved patterns pass on a specific resource, whatever their case', () => {
      expect(
        judged({ Action: ['kms:GenerateDataKey*', 'KMS:reencrypt*', 'kms:Decrypt'], Resource: 'arn:aws:kms:eu-west-1:123456789012:key/k' }),
      ).toEqual([]);
    });

    test('an action from a free parameter or a dynamic reference is not provable; one from a list of allowed values is judged', () => {
      const stack = template()
        .parameter('A')
        .parameter('Listed', { Type: 'String', AllowedValues: ['s3:GetObject'] });
      expect(judged({ Action: [{ Ref: 'A' }, '{{resolve:ssm:/sfx/action:1}}', { Ref: 'Listed' }], Resource: OBJECT }, stack)).toEqual([
        `${AT} Action is not a literal (it is CloudFormation parameter A without AllowedValues, chosen at deploy time); ${MUST_BE_LITERAL}`,
        `${AT} Action is not a literal (it is a dynamic reference ({{resolve:…}}) that CloudFormation replaces at deploy time); ${MUST_BE_LITERAL}`,
        `${AT} Action is not a literal (it is built at deploy time ({"Ref":"Listed"})); ${MUST_BE_LITERAL}`,
      ]);
    });
  });

  describe('actions on "*"', () => {
    test('an action AWS defines no resource for passes, as does a reviewed decision (any case)', () => {
      const actions = ['ecr:GetAuthorizationToken', 'dynamodb:ListStreams', 'xray:PutTraceSegments', 'elasticloadbalancing:Describe*'];
      expect(
        judged({ Action: [...actions, 'cloudwatch:PutMetricData', 'CLOUDWATCH:getmetricdata', 'ec2:DescribeInstances'], Resource: '*' }),
      ).toEqual([]);
    });

    test('a mix of an action without resource-level permissions and a scoped one fails for the scoped one only', () => {
      expect(judged({ Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'], Resource: '*' })).toEqual([
        `${AT} allows "ecr:BatchGetImage" on "*", although it can be scoped to repository resources (AWS Service Authorization Reference)`,
      ]);
    });

    test('a pattern passes only when every action it grants needs "*"', () => {
      expect(judged({ Action: 's3:List*', Resource: '*' })).toEqual([
        `${AT} allows "s3:List*" on "*", although it can be scoped to accessgrantsinstance, accesspoint, bucket, accesspointobject, … resources (AWS Service Authorization Reference)`,
      ]);
    });

    test('the message names the first four resource types and the fix the first one', () => {
      const stack = policy({ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' });
      expect(violationsOf(IamLeastPrivilege, stack).map((v) => [v.message, v.fix])).toEqual([
        [
          'PolicyDocument.Statement[0] allows "ec2:RunInstances" on "*", although it can be scoped to capacity-reservation, elastic-gpu, elastic-inference, group, … resources (AWS Service Authorization Reference)',
          'scope "ec2:RunInstances" to the ARNs of the capacity-reservation it needs (a CDK grant* method does this)',
        ],
      ]);
    });

    test('an action AWS does not define fails on "*", with a fix to correct its name', () => {
      const stack = policy({ Effect: 'Allow', Action: ['ecr:GetAuthorisationToken', 'no-such-service:Do'], Resource: '*' });
      expect(violationsOf(IamLeastPrivilege, stack).map((v) => [v.message, v.fix])).toEqual([
        [
          'PolicyDocument.Statement[0] allows "ecr:GetAuthorisationToken" on "*", and AWS\'s Service Authorization Reference defines no such action',
          'correct the action name, then scope it to the ARNs it needs',
        ],
        [
          'PolicyDocument.Statement[0] allows "no-such-service:Do" on "*", and AWS\'s Service Authorization Reference defines no such action',
          'correct the action name, then scope it to the ARNs it needs',
        ],
      ]);
    });
  });

  describe('resources', () => {
    test.each([
      ['"*" hidden in a list of specific resources', [OBJECT, '*'], '"*"'],
      ['an ARN with a wildcard service', 'arn:aws:*:*:*:*', '"arn:aws:*:*:*:*"'],
      ['an ARN with a ? service', 'arn:aws:s?:::b', '"arn:aws:s?:::b"'],
      ['an ARN with an empty service', 'arn:aws::::b', '"arn:aws::::b"'],
      ['an ARN with no service at all', 'arn:aws', '"arn:aws"'],
      ['any account and region', 'arn:aws:s3:*:*:b/*', '"arn:aws:s3:*:*:b/*"'],
      ['an account of wildcards', 'arn:aws:s3:eu-west-1:??????????*:b', '"arn:aws:s3:eu-west-1:??????????*:b"'],
      ['every bucket', 'arn:aws:s3:::*', '"arn:aws:s3:::*"'],
      ['every bucket, with ?', 'arn:aws:s3:::?*', '"arn:aws:s3:::?*"'],
      ['every object of every bucket', 'arn:aws:s3:::*/*', '"arn:aws:s3:::*/*"'],
      ['every bucket, with a trailing slash', 'arn:aws:s3:::*/', '"arn:aws:s3:::*/"'],
      ['"*" built with Fn::Join', { 'Fn::Join': ['', ['*']] }, '"*"'],
      ['an absent Resource', undefined, 'every resource (Resource is absent)'],
    ])('%s is "*"', (_, resource, shown) => {
      expect(judged({ Action: 's3:GetObject', Resource: resource })).toEqual([`${AT} allows "s3:GetObject" on ${shown}, ${S3_SCOPABLE}`]);
    });

    test.each([
      ['an object of one bucket', OBJECT],
      ['a name prefix of buckets', 'arn:aws:s3:::catalogue-*'],
      ['one object name in every bucket', 'arn:aws:s3:::*/index.html'],
      ['an account- and region-scoped pattern', 'arn:aws:s3:eu-west-1:123456789012:*'],
      ['an account written as a pseudo parameter', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:${AWS::Region}:${AWS::AccountId}:*' }],
    ])('%s is specific', (_, resource) => {
      expect(judged({ Action: 's3:GetObject', Resource: resource })).toEqual([]);
    });

    test('a literal that is not an ARN names nothing IAM matches', () => {
      const stack = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['my-bucket', 42] });
      expect(violationsOf(IamLeastPrivilege, stack).map((v) => [v.message, v.fix])).toEqual([
        [
          'PolicyDocument.Statement[0] Resource "my-bucket" is not an ARN: IAM names resources by ARN (or "*"), so what the statement grants is not what it says',
          'name each resource by its ARN (bucket.bucketArn, table.tableArn, or arn:aws:<service>:<region>:<account>:<resource>)',
        ],
      ]);
    });

    test('a number, not a string, fails closed', () => {
      expect(judged({ Action: 's3:GetObject', Resource: 42 })).toEqual([
        `${AT} Resource is not a literal (it is built at deploy time (42)); ${MUST_BE_LITERAL}`,
      ]);
    });

    test('policy variables, dynamic references and escaped variables are decided per request or at deploy time', () => {
      const notLiteral = (reason: string) => `${AT} Resource is not a literal (it is ${reason}); ${MUST_BE_LITERAL}`;
      const cases: [unknown, string][] = [
        ['home/${aws:username}', 'built at deploy time ("home/${aws:username}")'],
        ['arn:aws:s3:::${aws:username}/*', 'built at deploy time ("arn:aws:s3:::${aws:username}/*")'],
        ['{{resolve:ssm:/sfx/bucket}}', 'a dynamic reference ({{resolve:…}}) that CloudFormation replaces at deploy time'],
        ['arn:aws:s3:::{{resolve:ssm:/sfx/bucket}}/*', 'a dynamic reference ({{resolve:…}}) that CloudFormation replaces at deploy time'],
        ['arn:aws:${s3}:::b', 'built at deploy time ("arn:aws:${s3}:::b")'],
      ];
      for (const [resource, reason] of cases) expect(judged({ Action: 's3:GetObject', Resource: resource })).toEqual([notLiteral(reason)]);
    });

    test('a resource that is an object, not a string, fails closed (its text cut at 80 characters)', () => {
      const resource = { Bucket: 'a-bucket-with-a-very-long-name-that-goes-on-and-on', Key: 'and-a-long-key-too' };
      expect(judged({ Action: 's3:GetObject', Resource: resource })).toEqual([
        `${AT} Resource is not a literal (it is built at deploy time (${JSON.stringify(resource).slice(0, 80)})); ${MUST_BE_LITERAL}`,
      ]);
    });

    test('a parameter: free fails closed; its allowed values are each judged', () => {
      const stack = template()
        .parameter('Free')
        .parameter('WithStar', { Type: 'String', AllowedValues: [OBJECT, '*'] })
        .parameter('Objects', { Type: 'String', AllowedValues: [OBJECT, 'arn:aws:s3:::other/*'] });
      expect(judged({ Action: 's3:GetObject', Resource: { Ref: 'Free' } }, stack)).toEqual([
        `${AT} Resource is not a literal (it is CloudFormation parameter Free without AllowedValues, chosen at deploy time); ${MUST_BE_LITERAL}`,
      ]);
      expect(judged({ Action: 's3:GetObject', Resource: { Ref: 'WithStar' } }, stack)).toEqual([
        `${AT} allows "s3:GetObject" on "*", ${S3_SCOPABLE}`,
      ]);
      expect(judged({ Action: 's3:GetObject', Resource: { Ref: 'Objects' } }, stack)).toEqual([]);
    });

    test('a parameter whose allowed values are not strings fails closed', () => {
      const stack = template().parameter('Number', { Type: 'Number', AllowedValues: [1, 2] });
      expect(judged({ Action: 's3:GetObject', Resource: { Ref: 'Number' } }, stack)).toEqual([
        `${AT} Resource is not a literal (it is built at deploy time ({"Ref":"Number"})); ${MUST_BE_LITERAL}`,
      ]);
    });

    test('Fn::If: every branch is judged', () => {
      const stack = template().condition('C', { 'Fn::Equals': ['a', 'b'] });
      expect(judged({ Action: 's3:GetObject', Resource: { 'Fn::If': ['C', OBJECT, 'arn:aws:s3:::other/*'] } }, stack)).toEqual([]);
      expect(judged({ Action: 's3:GetObject', Resource: { 'Fn::If': ['C', OBJECT, '*'] } }, stack)).toEqual([
        `${AT} allows "s3:GetObject" on "*", ${S3_SCOPABLE}`,
      ]);
    });

    test('an ARN whose resource part comes from a parameter or an unknown import could be "*"', () => {
      const stack = template().parameter('Bucket');
      expect(judged({ Action: 's3:GetObject', Resource: { 'Fn::Sub': 'arn:aws:s3:::${Bucket}/*' } }, stack)).toEqual([
        `${AT} Resource is not a literal (it is the intrinsic function Fn::Sub); ${MUST_BE_LITERAL}`,
      ]);
      expect(judged({ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['arn:aws:s3:::', { 'Fn::ImportValue': 'Elsewhere' }, '/*']] } })).toEqual(
        [`${AT} Resource is not a literal (it is the intrinsic function Fn::Join); ${MUST_BE_LITERAL}`],
      );
    });

    test('raw Fn::Join parts that are "*" at deploy time (Fn::Select of a literal list, Fn::If) fail closed', () => {
      const stack = template().condition('Always', { 'Fn::Equals': ['a', 'a'] });
      const select = { 'Fn::Join': ['', ['arn:aws:s3:::', { 'Fn::Select': [0, ['*']] }]] };
      const ifPart = { 'Fn::Join': ['', ['arn:aws:s3:::', { 'Fn::If': ['Always', '*', 'b'] }, '/*']] };
      expect(judged({ Action: 's3:GetObject', Resource: [select, ifPart] }, stack)).toEqual([
        `${AT} Resource is not a literal (it is the intrinsic function Fn::Join); ${MUST_BE_LITERAL}`,
      ]);
      expect(judged({ Action: 's3:GetObject', Resource: ifPart }, stack)).toEqual([
        `${AT} Resource is not a literal (it is the intrinsic function Fn::Join); ${MUST_BE_LITERAL}`,
      ]);
    });

    test('Fn::Sub with a variable map is read through the map', () => {
      const stack = template().resource('Thing', 'AWS::SQS::Queue', {});
      expect(judged({ Action: 's3:GetObject', Resource: { 'Fn::Sub': ['${Thing}', { Thing: '*' }] } }, stack)).toEqual([
        `${AT} allows "s3:GetObject" on "*", ${S3_SCOPABLE}`,
      ]);
    });
  });

  describe('what identifies a resource of the template', () => {
    const withResources = () =>
      template()
        .resource('Bucket', 'AWS::S3::Bucket', {})
        .resource('Stream', 'AWS::Kinesis::StreamConsumer', {})
        .resource('Vpc', 'AWS::EC2::VPC', {})
        .resource('Param', 'AWS::SSM::Parameter', { Type: 'String', Value: '*' })
        .resource('AWS', 'AWS::SSM::Parameter', { Type: 'String', Value: '*' })
        .resource('Custom', 'AWS::CloudFormation::CustomResource', { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:f' })
        .resource('Lookup', 'Custom::Lookup', { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:f' })
        .resource('Third', 'Acme::Storage::Bucket', {})
        .resource('Raw', 'AWS::CloudFormation::Stack', { TemplateURL: 'https://example.com/t.json' });
    const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });
    const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
    const unprovable = (resource: unknown) => {
      const [fn] = Object.keys(resource as object);
      const reason = fn === 'Fn::GetAtt' ? 'an attribute of another resource (Fn::GetAtt)' : `the intrinsic function ${fn}`;
      return `${AT} Resource is not a literal (it is ${reason}); ${MUST_BE_LITERAL}`;
    };

    test.each([
      ['a Ref', { Ref: 'Bucket' }],
      ['an Arn', getAtt('Bucket', 'Arn')],
      ['objects of an owned bucket', join(getAtt('Bucket', 'Arn'), '/*')],
      ['an upper-case ARN attribute', getAtt('Stream', 'ConsumerARN')],
      ['a name', join('arn:aws:s3:::', getAtt('Bucket', 'BucketName'), '/*')],
      ['an id', join('arn:aws:ec2:eu-west-1:123456789012:vpc/', getAtt('Vpc', 'VpcId'))],
      ["a VPC's default security group", join('arn:aws:ec2:eu-west-1:123456789012:security-group/', getAtt('Vpc', 'DefaultSecurityGroup'))],
      ["a VPC's default network ACL", join('arn:aws:ec2:eu-west-1:123456789012:network-acl/', getAtt('Vpc', 'DefaultNetworkAcl'))],
      ['a resource part bounding any account', { 'Fn::Sub': 'arn:aws:s3:*:*:${Bucket}/*' }],
      ['the resource field cut from an ARN', join('arn:aws:s3:::', { 'Fn::Select': [5, { 'Fn::Split': [':', getAtt('Bucket', 'Arn')] }] }, '/*')],
      [
        'a piece of the resource field',
        join('arn:aws:s3:::', { 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [6, { 'Fn::Split': [':', getAtt('Bucket', 'Arn')] }] }] }] }),
      ],
      ['a pseudo parameter', { 'Fn::Sub': 'arn:aws:s3:::${AWS::StackName}-*' }],
    ])('%s is specific', (_, resource) => {
      expect(judged({ Action: 's3:GetObject', Resource: resource }, withResources())).toEqual([]);
    });

    test.each([
      ["an SSM parameter's Value", getAtt('Param', 'Value')],
      ["an SSM parameter's Value in an ARN", join('arn:aws:s3:::', getAtt('Param', 'Value'), '/*')],
      ['an attribute of a resource named AWS (no pseudo parameter)', join('arn:aws:s3:::', getAtt('AWS', 'Value'), '/*')],
      ['a custom resource', getAtt('Custom', 'Arn')],
      ['a Custom:: type', getAtt('Lookup', 'Arn')],
      ['a third-party type', join('arn:aws:s3:::', getAtt('Third', 'Name'), '/*')],
      ['a raw nested stack', join('arn:aws:s3:::', { Ref: 'Raw' }, '/*')],
      ['an attribute merely ending like the default security group', join('arn:aws:s3:::', getAtt('Vpc', 'XDefaultSecurityGroup'))],
      ['a missing resource', join('arn:aws:s3:::', { Ref: 'Missing' })],
      ['a value starting with a pseudo parameter', { 'Fn::Sub': '${AWS::AccountId}:*' }],
      ['a pseudo parameter that differs per stack', { 'Fn::Sub': 'arn:aws:s3:::${AWS::NotificationARNs}' }],
      ['the account field cut from an ARN', join('arn:aws:s3:::', { 'Fn::Select': [4, { 'Fn::Split': [':', getAtt('Bucket', 'Arn')] }] }, '*')],
      ['a field cut at /', join('arn:aws:s3:::', { 'Fn::Select': [0, { 'Fn::Split': ['/', getAtt('Bucket', 'Arn')] }] }, '*')],
      ['an intrinsic the gate does not follow', join('arn:aws:s3:::', { 'Fn::Base64': 'x' })],
    ])('%s fails closed', (_, resource) => {
      expect(judged({ Action: 's3:GetObject', Resource: resource }, withResources())).toEqual([unprovable(resource)]);
    });

    test('an intrinsic first part that is none of these fails closed', () => {
      const resource = join({ 'Fn::Base64': 'x' }, '/*');
      expect(judged({ Action: 's3:GetObject', Resource: resource }, withResources())).toEqual([unprovable(resource)]);
    });
  });

  describe('across stacks and nested stacks', () => {
    const owner = () => template('Owner').resource('Bucket', 'AWS::S3::Bucket', {});
    const importing = (exportName: string) =>
      policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [{ 'Fn::ImportValue': exportName }, '/*']] } });

    test('an import of the ARN (or an ARN built from it) of a resource of another stack is specific', () => {
      const exporter = owner()
        .exportValue('BucketArn', { 'Fn::GetAtt': ['Bucket', 'Arn'] })
        .exportValue('BucketObjects', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] })
        .exportValue('Literal', 'arn:aws:s3:::literal');
      for (const name of ['BucketArn', 'BucketObjects', 'Literal']) expect(findings(IamLeastPrivilege, importing(name), exporter)).toEqual([]);
    });

    test("an export of another stack that is not a resource's identity fails closed", () => {
      const exporter = owner()
        .parameter('Name')
        .resource('Param', 'AWS::SSM::Parameter', { Type: 'String', Value: '*' })
        .exportValue('FromParameter', { 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'Name' }]] })
        .exportValue('ParamValue', { 'Fn::GetAtt': ['Param', 'Value'] });
      for (const name of ['FromParameter', 'ParamValue']) {
        expect(findings(IamLeastPrivilege, importing(name), exporter)).toEqual([
          `${AT} Resource is not a literal (it is the intrinsic function Fn::Join); ${MUST_BE_LITERAL}`,
        ]);
      }
    });

    test("a nested stack's parameter passed a resource of its parent is specific; a middle stack passing its own parameter is followed", () => {
      const leaf = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': '${BucketArn}/*' } }, template().parameter('BucketArn'));
      const middle = template()
        .parameter('BucketArn')
        .nestedStack('Leaf', leaf, { Parameters: { BucketArn: { Ref: 'BucketArn' } } });
      const parent = owner().nestedStack('Middle', middle, { Parameters: { BucketArn: { 'Fn::GetAtt': ['Bucket', 'Arn'] } } });
      expect(findings(IamLeastPrivilege, parent)).toEqual([]);
    });

    test("a nested stack's parameter passed a parameter of its parent fails closed", () => {
      const leaf = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': '${BucketArn}/*' } }, template().parameter('BucketArn'));
      const parent = template('Owner')
        .parameter('Arn')
        .nestedStack('Leaf', leaf, { Parameters: { BucketArn: { Ref: 'Arn' } } });
      expect(findings(IamLeastPrivilege, parent)).toEqual([
        `Owner/Leaf/Policy: PolicyDocument.Statement[0] Resource is not a literal (it is the intrinsic function Fn::Sub); ${MUST_BE_LITERAL}`,
      ]);
    });

    test("a bucket of a nested stack (its Outputs) is specific; a custom resource's attribute passed out of one is not", () => {
      const child = template()
        .resource('Bucket', 'AWS::S3::Bucket', {})
        .resource('Lookup', 'AWS::CloudFormation::CustomResource', { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:f' })
        .output('BucketArn', { 'Fn::GetAtt': ['Bucket', 'Arn'] })
        .output('LookupArn', { 'Fn::GetAtt': ['Lookup', 'TargetArn'] })
        .output('Literal', 'arn:aws:s3:::b');
      const grant = (output: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Storage', `Outputs.${output}`] }, '/*']] });
      const parent = (output: string) =>
        policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: grant(output) }, template().nestedStack('Storage', child));
      expect(findings(IamLeastPrivilege, parent('BucketArn'))).toEqual([]);
      for (const output of ['LookupArn', 'Literal', 'Missing']) {
        expect(findings(IamLeastPrivilege, parent(output))).toEqual([
          `${AT} Resource is not a literal (it is the intrinsic function Fn::Join); ${MUST_BE_LITERAL}`,
        ]);
      }
    });

    test("a nested stack's outputs are followed through up to five nested levels", () => {
      const chain = (levels: number): TemplateBuilder => {
        if (levels === 0)
          return template()
            .resource('Bucket', 'AWS::S3::Bucket', {})
            .output('Arn', { 'Fn::GetAtt': ['Bucket', 'Arn'] });
        return template()
          .nestedStack('Inner', chain(levels - 1))
          .output('Arn', { 'Fn::GetAtt': ['Inner', 'Outputs.Arn'] });
      };
      const grant = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Outer', 'Outputs.Arn'] }, '/*']] };
      const parent = (levels: number) =>
        policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: grant }, template().nestedStack('Outer', chain(levels)));
      expect(findings(IamLeastPrivilege, parent(4))).toEqual([]);
      expect(findings(IamLeastPrivilege, parent(5))).toEqual([
        `${AT} Resource is not a literal (it is the intrinsic function Fn::Join); ${MUST_BE_LITERAL}`,
      ]);
    });
  });

  describe('iam:PassRole', () => {
    const passRoleOnAny = (granted: string, shown = '"*"') =>
      `${AT} allows ${granted} on ${shown}: any role, including administrator roles, can be passed to a service`;

    test('on "*", whatever the case, with its fix', () => {
      const stack = policy({ Effect: 'Allow', Action: 'IAM:passrole', Resource: '*' });
      expect(violationsOf(IamLeastPrivilege, stack).map((v) => [v.message, v.fix])).toEqual([
        [
          'PolicyDocument.Statement[0] allows IAM:passrole on "*": any role, including administrator roles, can be passed to a service',
          'restrict iam:PassRole to the ARNs of the roles the service needs',
        ],
      ]);
    });

    test('a pattern that includes iam:PassRole on "*" says so', () => {
      expect(judged({ Action: ['iam:Pass*', '*:PassRole'], Resource: '*' })).toEqual([
        `${AT} uses the wildcard action "iam:Pass*", which grants 1 action(s) (iam:PassRole), not a reviewed pattern`,
        `${AT} grants every action of a service ("*:PassRole")`,
        passRoleOnAny('"iam:Pass*", which includes iam:PassRole,'),
        passRoleOnAny('"*:PassRole", which includes iam:PassRole,'),
      ]);
    });

    test('a name that is not a pattern matches only itself (a dot is no wildcard)', () => {
      expect(judged({ Action: 'iam:Pass.ole', Resource: '*' })).toEqual([
        `${AT} allows "iam:Pass.ole" on "*", and AWS's Service Authorization Reference defines no such action`,
      ]);
    });

    test.each([
      'arn:aws:iam::123456789012:role/*',
      'arn:aws:iam::123456789012:role/?*',
      'arn:aws:iam::123456789012:role*',
      'arn:aws:iam::123456789012:r*',
      'arn:aws:iam::123456789012:*',
      'arn:aws:iam:*:123456789012:role/*',
    ])('on %s, every role of the account, fails', (resource) => {
      const stack = policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ['arn:aws:iam::123456789012:role/app', resource] });
      expect(violationsOf(IamLeastPrivilege, stack).map((v) => [v.message, v.fix])).toEqual([
        [
          `PolicyDocument.Statement[0] allows iam:PassRole on "${resource}", which is every role of the account`,
          'restrict iam:PassRole to the ARNs (or a name prefix) of the roles the service needs',
        ],
      ]);
    });

    test('every role written with Fn::Sub and pseudo parameters, or in one branch of a Fn::If, fails', () => {
      const stack = template().condition('C', { 'Fn::Equals': ['a', 'b'] });
      expect(judged({ Action: 'iam:PassRole', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*' } })).toEqual([
        `${AT} allows iam:PassRole on "arn:\${AWS.Partition}:iam::\${AWS.AccountId}:role/*", which is every role of the account`,
      ]);
      const branches = { 'Fn::If': ['C', 'arn:aws:iam::123456789012:role/x', 'arn:aws:iam::123456789012:role/*'] };
      expect(judged({ Action: 'iam:PassRole', Resource: branches }, stack)).toEqual([
        `${AT} allows iam:PassRole on "arn:aws:iam::123456789012:role/*", which is every role of the account`,
      ]);
    });

    test('a Resource list whose entries a condition may remove, or a mapping list of roles, is judged entry by entry', () => {
      const stack = template()
        .condition('C', { 'Fn::Equals': ['a', 'b'] })
        .mapping('Roles', { dev: { app: ['arn:aws:iam::123456789012:role/app'], all: ['arn:aws:iam::123456789012:role/*'] } });
      const optional = (arn: string) => ({ 'Fn::If': ['C', arn, { Ref: 'AWS::NoValue' }] });
      const ROLE = 'arn:aws:iam::123456789012:role/app';
      expect(judged({ Action: 'iam:PassRole', Resource: [optional(ROLE), ROLE] }, stack)).toEqual([]);
      expect(judged({ Action: 'iam:PassRole', Resource: { 'Fn::FindInMap': ['Roles', 'dev', 'app'] } }, stack)).toEqual([]);
      expect(judged({ Action: 'iam:PassRole', Resource: [optional('arn:aws:iam::123456789012:role/*')] }, stack)).toEqual([
        `${AT} allows iam:PassRole on "arn:aws:iam::123456789012:role/*", which is every role of the account`,
      ]);
      expect(judged({ Action: 'iam:PassRole', Resource: { 'Fn::FindInMap': ['Roles', 'dev', 'all'] } }, stack)).toEqual([
        `${AT} allows iam:PassRole on "arn:aws:iam::123456789012:role/*", which is every role of the account`,
      ]);
    });

    test('an action pattern that grants PassRole on every role is named as written', () => {
      expect(judged({ Action: ['s3:GetObject', 'iam:Pass*'], Resource: 'arn:aws:iam::123456789012:role/*' })).toEqual([
        `${AT} uses the wildcard action "iam:Pass*", which grants 1 action(s) (iam:PassRole), not a reviewed pattern`,
        `${AT} allows iam:Pass* on "arn:aws:iam::123456789012:role/*", which is every role of the account`,
      ]);
    });

    test.each([
      'arn:aws:iam::123456789012:role/sfx-task',
      'arn:aws:iam::123456789012:role/app-*',
      'arn:aws:iam::123456789012:user/*',
      'arn:aws:iam::123456789012:role/path/*',
      'arn:aws:iam::123456789012',
      'arn:aws:sts::123456789012:role/*',
    ])('on %s passes', (resource) => {
      expect(judged({ Action: 'iam:PassRole', Resource: resource })).toEqual([]);
    });

    test('PassRole on "*" among the allowed values is reported once, as "*", not again as every role', () => {
      const stack = template().parameter('R', { Type: 'String', AllowedValues: ['*', 'arn:aws:iam::123456789012:role/*'] });
      expect(judged({ Action: 'iam:PassRole', Resource: { Ref: 'R' } }, stack)).toEqual([
        `${AT} allows iam:PassRole on "*": any role, including administrator roles, can be passed to a service`,
      ]);
    });

    test('every role is no concern for actions other than PassRole', () => {
      expect(judged({ Action: ['iam:GetRole', 'iam:Get*'], Resource: 'arn:aws:iam::123456789012:role/*' })).toEqual([
        `${AT} uses the wildcard action "iam:Get*", which grants 34 action(s) (iam:GetAccessKeyLastUsed, iam:GetAccountAuthorizationDetails, iam:GetAccountEmailAddress, iam:GetAccountName, …), not a reviewed pattern`,
      ]);
    });

    test('on the ARN of a role of the template passes', () => {
      const stack = template().resource('Target', 'AWS::IAM::Role', {});
      expect(judged({ Action: 'iam:PassRole', Resource: { 'Fn::GetAtt': ['Target', 'Arn'] } }, stack)).toEqual([]);
    });

    test('a segment of a role ARN other than its resource part, followed by "*", fails closed', () => {
      const stack = template().resource('Target', 'AWS::IAM::Role', {});
      const resource = {
        'Fn::Join': [
          '',
          ['arn:aws:iam::123456789012:role/', { 'Fn::Select': [3, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Target', 'Arn'] }] }] }, '*'],
        ],
      };
      expect(judged({ Action: 'iam:PassRole', Resource: resource }, stack)).toEqual([
        `${AT} Resource is not a literal (it is the intrinsic function Fn::Join); ${MUST_BE_LITERAL}`,
      ]);
    });
  });

  describe('conditions', () => {
    const objects = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' };
    const everyObject = `${AT} allows "s3:GetObject" on "arn:aws:s3:::*/*", ${S3_SCOPABLE}`;

    test.each([
      ['StringEquals', 's3:ExistingObjectTag/app'],
      ['StringEquals', 'aws:ResourceTag/app'],
      ['StringEquals', 'aws:ResourceAccount'],
      ['StringEquals', 's3:ResourceAccount'],
      ['StringEquals', 'AWS:resourceorgid'],
      ['ForAnyValue:StringLike', 'aws:ResourceOrgPaths'],
    ])('%s on %s narrows "every object"', (operator, key) => {
      expect(findings(IamLeastPrivilege, policy({ ...objects, Condition: { [operator]: { [key]: 'x' } } }))).toEqual([]);
    });

    test.each([
      ['StringEqualsIfExists', 's3:ExistingObjectTag/app'],
      ['Bool', 'aws:SecureTransport'],
      ['StringEquals', 'aws:ResourceAccountX'],
      ['StringEquals', 'aws:ResourceOrgIDs'],
      ['StringEquals', 'xaws:ResourceTag/app'],
    ])('%s on %s does not narrow', (operator, key) => {
      expect(findings(IamLeastPrivilege, policy({ ...objects, Condition: { [operator]: { [key]: 'x' } } }))).toEqual([everyObject]);
    });

    test('a condition that is not a literal object does not narrow', () => {
      expect(findings(IamLeastPrivilege, policy({ ...objects, Condition: { StringEquals: 'x' } }))).toEqual([everyObject]);
      expect(findings(IamLeastPrivilege, policy({ ...objects, Condition: 'x' }))).toEqual([everyObject]);
    });

    test('a narrowing condition does not narrow every bucket or "*"', () => {
      const Condition = { StringEquals: { 'aws:ResourceAccount': '123456789012' } };
      expect(findings(IamLeastPrivilege, policy({ ...objects, Resource: 'arn:aws:s3:::*', Condition }))).toEqual([
        `${AT} allows "s3:GetObject" on "arn:aws:s3:::*", ${S3_SCOPABLE}`,
      ]);
    });
  });

  describe('conditions that pin an action to one resource', () => {
    const withCluster = () => template().resource('Cluster', 'AWS::ECS::Cluster', {}).resource('AccessPoint', 'AWS::EFS::AccessPoint', {});
    const clusterArn = { 'Fn::GetAtt': ['Cluster', 'Arn'] };
    const runTaskOnAny = `${AT} allows "ecs:RunTask" on "*", although it can be scoped to task-definition resources (AWS Service Authorization Reference)`;
    const pollOnAny = `${AT} allows "ecs:Poll" on "*", although it can be scoped to container-instance resources (AWS Service Authorization Reference)`;

    test.each(['ArnEquals', 'ArnLike', 'StringEquals', 'arnequals'])(
      '%s ecs:cluster on the cluster of the template pins only the reviewed actions',
      (operator) => {
        const Condition = { [operator]: { 'ecs:cluster': clusterArn } };
        expect(judged({ Action: ['ecs:Poll', 'ecs:RunTask', 'iam:PassRole'], Resource: '*', Condition }, withCluster())).toEqual([
          runTaskOnAny,
          `${AT} allows iam:PassRole on "*": any role, including administrator roles, can be passed to a service`,
        ]);
      },
    );

    test('the EFS access point pins the client actions; several values must all name resources of the template', () => {
      const accessPoint = { 'Fn::GetAtt': ['AccessPoint', 'Arn'] };
      const Action = ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'];
      expect(
        judged(
          { Action, Resource: '*', Condition: { StringEquals: { 'elasticfilesystem:AccessPointArn': [accessPoint, accessPoint] } } },
          withCluster(),
        ),
      ).toEqual([]);
    });

    test.each([
      ['an IfExists operator', { ArnEqualsIfExists: { 'ecs:cluster': clusterArn } }],
      ['a StringLike operator', { StringLike: { 'ecs:cluster': clusterArn } }],
      ['a literal cluster ARN', { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/x' } }],
      ['a wildcard', { ArnLike: { 'ecs:cluster': { 'Fn::Join': ['', [clusterArn, '*']] } } }],
      ['no value', { ArnEquals: { 'ecs:cluster': [] } }],
      ['one value that is not a resource', { ArnEquals: { 'ecs:cluster': [clusterArn, { Ref: 'Missing' }] } }],
      ['a value that is not a string', { ArnEquals: { 'ecs:cluster': [{ a: 1 }] } }],
      ['a value that starts with a pseudo parameter', { ArnEquals: { 'ecs:cluster': { 'Fn::Sub': '${AWS::AccountId}' } } }],
      ['another key', { ArnEquals: { 'ecs:service': clusterArn } }],
      ['entries that are not an object', { ArnEquals: 'x' }],
      ['a Condition that is not an object', 'x'],
    ])('%s does not pin', (_, Condition) => {
      expect(judged({ Action: 'ecs:Poll', Resource: '*', Condition }, withCluster())).toEqual([pollOnAny]);
    });

    test('the pinned actions must be written out: a pattern is judged on "*"', () => {
      const Condition = { ArnEquals: { 'ecs:cluster': clusterArn } };
      expect(judged({ Action: ['ecs:Poll', 'ecs:Submit*'], Resource: '*', Condition }, withCluster())).toEqual([
        `${AT} allows "ecs:Submit*" on "*", although it can be scoped to cluster resources (AWS Service Authorization Reference)`,
      ]);
    });
  });

  describe('trust policies', () => {
    const role = (statement: unknown, type = 'AWS::IAM::Role') =>
      template().resource('Role', type, { AssumeRolePolicyDocument: typeof statement === 'string' ? statement : document(statement) });
    const trust = (statement: Record<string, unknown>) => role({ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement });
    const anyone = 'Stack/Role: AssumeRolePolicyDocument.Statement[0] lets any AWS principal ("*") assume the role, with no condition';

    test.each([
      ['Principal "*"', { Principal: '*' }],
      ['AWS "*"', { Principal: { AWS: '*' } }],
      ['"*" among AWS principals', { Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'] } }],
      ['an empty Condition', { Principal: { AWS: '*' }, Condition: {} }],
      ['an Effect that may be Allow', { Principal: '*', Effect: { Ref: 'E' } }],
    ])('%s fails, with its fix', (_, statement) => {
      expect(violationsOf(IamLeastPrivilege, trust(statement)).map((v) => [v.message, v.fix])).toEqual([
        [
          'AssumeRolePolicyDocument.Statement[0] lets any AWS principal ("*") assume the role, with no condition',
          'trust only the service or account principals that need the role (or add a condition such as aws:PrincipalOrgID)',
        ],
      ]);
    });

    test.each([
      ['a condition', { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }],
      ['a service principal', { Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
      ['an account', { Principal: { AWS: 'arn:aws:iam::123456789012:root' } }],
      ['a Deny', { Principal: '*', Effect: 'Deny' }],
    ])('%s passes', (_, statement) => {
      expect(findings(IamLeastPrivilege, trust(statement))).toEqual([]);
    });

    test('a trust policy given as a JSON string is parsed; a statement that is not an object and a document from a parameter are skipped', () => {
      expect(findings(IamLeastPrivilege, role(JSON.stringify(document({ Effect: 'Allow', Principal: '*' }))))).toEqual([anyone]);
      expect(findings(IamLeastPrivilege, role('not json'))).toEqual([]);
      expect(
        findings(
          IamLeastPrivilege,
          template().resource('Role', 'AWS::IAM::Role', { AssumeRolePolicyDocument: document('x', { Effect: 'Allow', Principal: '*' }) }),
        ),
      ).toEqual([anyone.replace('Statement[0]', 'Statement[1]')]);
    });

    test('only roles have trust policies', () => {
      expect(findings(IamLeastPrivilege, role({ Effect: 'Allow', Principal: '*' }, 'AWS::IAM::User'))).toEqual([]);
    });
  });

  describe('managed policies', () => {
    const attached = (arn: unknown, stack = template()) => stack.resource('Role', 'AWS::IAM::Role', { ManagedPolicyArns: [arn] });
    const attaches = (name: string, reason: string) => `Stack/Role: ManagedPolicyArns[0] attaches the AWS managed policy ${name}: ${reason}`;
    const ADMIN = "Administrator access: AdministratorAccess (and its -Amplify, -AWSElasticBeanstalk variants) or a service's *AdminAccess.";
    const NO_SUFFIX =
      "A service's administrator policy named without a suffix (AWSAppSyncAdministrator, AWSCloud9Administrator, AmazonWorkSpacesAdmin).";
    const IN_ALL_BUT_NAME = 'Full access in all but name: every Secrets Manager action on every secret; SSM and S3 on "*" for instances.';
    const JOB_FUNCTION = 'Job-function administrator policies.';
    const POWER_USER = "Power-user access: PowerUserAccess (every action but IAM and Organizations) or a service's *PowerUser.";
    const FULL = 'Full access to a service (IAMFullAccess, *FullAccess, *_FullAccess, *FullAccessV2, …).';
    const READ_ONLY = 'Read access to every resource of a service (or of the account): Get*/List* on "*" exposes all its data.';

    test.each([
      ['AdministratorAccess', ADMIN],
      ['administratoraccess', ADMIN],
      ['AdministratorAccess-Amplify', ADMIN],
      ['AWSCodeBuildAdminAccess', ADMIN],
      ['AWSElasticBeanstalkAdminPolicy', ADMIN],
      ['AWSAppSyncAdministrator', NO_SUFFIX],
      ['AmazonWorkSpacesAdmin', NO_SUFFIX],
      ['SecretsManagerReadWrite', IN_ALL_BUT_NAME],
      ['AmazonEC2RoleforSSM', IN_ALL_BUT_NAME],
      ['service-role/AmazonSSMAutomationRole', IN_ALL_BUT_NAME],
      ['job-function/SystemAdministrator', JOB_FUNCTION],
      ['job-function/NetworkAdministrator', JOB_FUNCTION],
      ['job-function/DatabaseAdministrator', JOB_FUNCTION],
      ['PowerUserAccess', POWER_USER],
      ['AmazonEC2ContainerRegistryPowerUser', POWER_USER],
      ['IAMFullAccess', FULL],
      ['AmazonS3FullAccess', FULL],
      ['ReadOnlyAccess', READ_ONLY],
      ['AmazonS3ReadOnlyAccess', READ_ONLY],
    ])('the AWS managed policy %s fails', (name, reason) => {
      const stack = attached(`arn:aws:iam::aws:policy/${name}`);
      expect(violationsOf(IamLeastPrivilege, stack).map((v) => [`${v.path}: ${v.message}`, v.fix])).toEqual([
        [attaches(name.split('/').pop()!, reason), 'replace it with a policy that lists only the actions and resources needed'],
      ]);
    });

    test.each([
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      'arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/SecretsManagerReadWriteHelper',
      'arn:aws:iam::aws:policy/AmazonSSMAutomationRoleX',
      'arn:aws:iam::aws:policy/job-function/SystemAdministratorView',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccessView',
      'arn:aws:iam::123456789012:policy/AdministratorAccess',
      'arn:aws:iam:eu-west-1:aws:policy/AdministratorAccess',
      'arn:aws:s3::aws:policy/AdministratorAccess',
      'arn:aws:iam::aws:role/AdministratorAccess',
      'arn:aws:iam::aws:policy/',
      'arn:aws:iam::aws',
    ])('%s passes (harmless, customer managed or no AWS managed policy)', (arn) => {
      expect(findings(IamLeastPrivilege, attached(arn))).toEqual([]);
    });

    test('an AWS managed policy written with Fn::Sub and the partition, or in another partition, is still recognised', () => {
      expect(findings(IamLeastPrivilege, attached({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' }))).toEqual([
        attaches('AdministratorAccess', ADMIN),
      ]);
      expect(findings(IamLeastPrivilege, attached('arn:aws-cn:iam::aws:policy/IAMFullAccess'))).toEqual([attaches('IAMFullAccess', FULL)]);
    });

    test('every allowed value of a parameter is judged', () => {
      const stack = template().parameter('P', {
        Type: 'String',
        AllowedValues: ['arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole', 'arn:aws:iam::aws:policy/PowerUserAccess'],
      });
      expect(findings(IamLeastPrivilege, attached({ Ref: 'P' }, stack))).toEqual([attaches('PowerUserAccess', POWER_USER)]);
    });

    test('a managed policy of the template, or one another stack exports, passes', () => {
      const own = template().resource('Own', 'AWS::IAM::ManagedPolicy', {
        PolicyDocument: document({ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT }),
      });
      expect(findings(IamLeastPrivilege, attached({ Ref: 'Own' }, own))).toEqual([]);
      const exporter = template('Shared').resource('Shared', 'AWS::IAM::ManagedPolicy', {
        PolicyDocument: document({ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT }),
      });
      exporter.exportValue('SharedPolicyArn', { Ref: 'Shared' });
      expect(findings(IamLeastPrivilege, attached({ 'Fn::ImportValue': 'SharedPolicyArn' }), exporter)).toEqual([]);
    });

    test('what cannot be shown not to grant administrator access fails closed', () => {
      const cannot = (reason: string, at = 'ManagedPolicyArns[0]') =>
        `Stack/Role: ${at} is not a literal (it is ${reason}, so it cannot be shown not to grant administrator access); ${MUST_BE_LITERAL}`;
      const stack = template()
        .parameter('Free')
        .parameter('Numbers', { Type: 'String', AllowedValues: [1] })
        .resource('Other', 'AWS::IAM::Role', {});
      const cases: [unknown, string][] = [
        [{ Ref: 'Free' }, 'CloudFormation parameter Free without AllowedValues, chosen at deploy time'],
        [{ Ref: 'Numbers' }, 'built at deploy time ({"Ref":"Numbers"})'],
        [{ 'Fn::ImportValue': 'Unknown' }, 'an imported value (Fn::ImportValue)'],
        [{ Ref: 'Other' }, 'a reference to resource Other'],
        [{ 'Fn::Sub': 'arn:aws:iam::aws:policy/${Free}' }, 'the intrinsic function Fn::Sub'],
        [{ 'Fn::Join': ['', ['arn:aws:iam::aws:policy/', { 'Fn::Base64': 'x' }]] }, 'the intrinsic function Fn::Join'],
        ['AdministratorAccess', 'built at deploy time ("AdministratorAccess")'],
        ['{{resolve:ssm:/sfx/policy-arn}}', 'a dynamic reference ({{resolve:…}}) that CloudFormation replaces at deploy time'],
        [{ 'Fn::Join': ['', ['arn:aws:iam::aws:policy/', '{{resolve:ssm:/p}}']] }, 'the intrinsic function Fn::Join'],
      ];
      for (const [arn, reason] of cases) expect(findings(IamLeastPrivilege, attached(arn, stack))).toEqual([cannot(reason)]);
    });

    test('a managed policy that names itself among its attachments is not its own proof', () => {
      const stack = template().resource('Self', 'AWS::IAM::ManagedPolicy', { ManagedPolicyArns: [{ Ref: 'Self' }] });
      expect(findings(IamLeastPrivilege, stack)).toEqual([
        `Stack/Self: ManagedPolicyArns[0] is not a literal (it is a reference to resource Self, so it cannot be shown not to grant administrator access); ${MUST_BE_LITERAL}`,
      ]);
    });
  });
});
