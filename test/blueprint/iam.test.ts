import { Match } from 'aws-cdk-lib/assertions';
import { getAtt, ref, synthesizeBlueprint } from './blueprint';

const { stack, template, logicalId } = synthesizeBlueprint();
const { compute, data, network } = stack.contentApi;
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;

interface Statement { Effect: string; Action: string | string[]; Resource?: unknown; NotAction?: unknown; NotResource?: unknown }

/** Every statement of every identity policy: AWS::IAM::Policy documents and roles' inline policies. */
function identityStatements(): { owner: string; statement: Statement }[] {
  const found: { owner: string; statement: Statement }[] = [];
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') {
      for (const s of (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement) found.push({ owner: id, statement: s });
    }
    if (r.Type === 'AWS::IAM::Role') {
      for (const p of (r.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]) {
        for (const s of p.PolicyDocument.Statement) found.push({ owner: id, statement: s });
      }
    }
  }
  return found;
}
const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

describe('IAM least privilege', () => {
  test('the task role has no permissions at all and trusts ecs-tasks only for this account', () => {
    const taskRoleId = logicalId(compute.taskRole);
    expect(identityStatements().filter((s) => s.owner === taskRoleId)).toEqual([]);
    expect(Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy'
      && JSON.stringify(r.Properties.Roles).includes(taskRoleId))).toEqual([]);
    expect(resources[taskRoleId].Properties.ManagedPolicyArns).toBeUndefined();
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } }),
        })],
      },
      Description: Match.stringLikeRegexp('StreamFlix API task:'),
    });
  });

  test('the execution role may pull private ECR images of this account and region, write its own log group and read exactly the two injected secrets', () => {
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::IAM::Policy'
      && JSON.stringify(r.Properties.Roles) === JSON.stringify([ref(logicalId(compute.executionRole))]));
    expect(policy?.Properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PullPrivateEcrImages',
          Effect: 'Allow',
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          Resource: { 'Fn::Join': ['', ['arn:aws:ecr:eu-west-1:', { Ref: 'AWS::AccountId' }, ':repository/*']] },
        },
        { Sid: 'EcrRegistryLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt(logicalId(compute.logGroup), 'Arn') },
        {
          Effect: 'Allow',
          Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
          Resource: [
            getAtt(logicalId(data.database.instance), 'MasterUserSecret.SecretArn'),
            ref(logicalId(data.cache.authSecret)),
          ],
        },
      ],
    });
    expect(resources[logicalId(compute.executionRole)].Properties.ManagedPolicyArns).toBeUndefined();
  });

  test.each([
    ['database', () => data.database.encryptionKey],
    ['cache', () => data.cache.encryptionKey],
  ])('the execution role may decrypt with the %s CMK only through Secrets Manager', (_name, key) => {
    const statements = (resources[logicalId(key())].Properties.KeyPolicy as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Principal: { AWS: getAtt(logicalId(compute.executionRole), 'Arn') },
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
    });
  });

  test('the flow-log role may write only to the flow log group', () => {
    const statements = identityStatements().filter((s) => JSON.stringify(s.statement.Resource) === JSON.stringify(getAtt(logicalId(network.flowLogGroup), 'Arn')));
    expect(statements.map((s) => s.statement.Action)).toEqual([['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents']]);
  });

  test('no identity policy allows Resource "*" (but ecr:GetAuthorizationToken, which has no resource type), NotAction/NotResource, or wildcard actions', () => {
    const statements = identityStatements();
    expect(statements.length).toBeGreaterThan(0);
    const offenders = statements.filter(({ statement }) => (asList(statement.Resource).includes('*') && statement.Action !== 'ecr:GetAuthorizationToken')
      || statement.NotAction !== undefined
      || statement.NotResource !== undefined
      || asList(statement.Action).some((action) => action.includes('*')));
    expect(offenders).toEqual([]);
  });

  test('no AWS managed full-access or administrator policy is attached', () => {
    const attached = Object.values(resources).flatMap((r) => (r.Properties?.ManagedPolicyArns ?? []) as unknown[]);
    expect(JSON.stringify(attached)).not.toMatch(/AdministratorAccess|PowerUserAccess|FullAccess/);
  });
});
