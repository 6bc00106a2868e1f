import { Match } from 'aws-cdk-lib/assertions';
import { getAtt, ref, synthesizeBlueprint } from './blueprint';

const { stack, template, logicalId } = synthesizeBlueprint();
const { compute, data, network } = stack.contentApi;
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  NotAction?: unknown;
  NotResource?: unknown;
}

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
  test('the task role may only read the two credentials secrets and trusts ecs-tasks only for this account', () => {
    const taskRoleId = logicalId(compute.taskRole);
    const statements = identityStatements().filter((s) => JSON.stringify(resources[s.owner].Properties.Roles ?? []).includes(taskRoleId));
    expect(statements.map((s) => s.statement.Action)).toEqual(['secretsmanager:GetSecretValue', 'kms:Decrypt']);
    expect(statements[0].statement.Resource).toEqual([
      getAtt(logicalId(data.database.instance), 'MasterUserSecret.SecretArn'),
      ref(logicalId(data.cache.authSecret)),
    ]);
    expect(resources[taskRoleId].Properties.ManagedPolicyArns).toBeUndefined();
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'ecs-tasks.amazonaws.com' },
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } }),
          }),
        ],
      },
      Description: Match.stringLikeRegexp('StreamFlix API task:'),
    });
  });

  test('the execution role may write its own log group and pull the image asset, and reads no secret', () => {
    const policy = Object.values(resources).find(
      (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([ref(logicalId(compute.executionRole))]),
    );
    const statements = (policy?.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements.map((s) => s.Action)).toEqual([
      ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      'ecr:GetAuthorizationToken',
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
    ]);
    expect(statements[2].Resource).toEqual(getAtt(logicalId(compute.logGroup), 'Arn'));
    expect(JSON.stringify(statements)).not.toMatch(/secretsmanager|kms/);
    expect(resources[logicalId(compute.executionRole)].Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('the flow-log role may write only to the flow log group', () => {
    const statements = identityStatements().filter(
      (s) => JSON.stringify(s.statement.Resource) === JSON.stringify(getAtt(logicalId(network.flowLogGroup), 'Arn')),
    );
    expect(statements.map((s) => s.statement.Action)).toEqual([['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents']]);
  });

  test('no identity policy allows Resource "*" (but ecr:GetAuthorizationToken, which has no resource type), NotAction/NotResource, or wildcard actions', () => {
    const statements = identityStatements();
    expect(statements.length).toBeGreaterThan(0);
    // ecr:GetAuthorizationToken (pulling the image asset) exists only on Resource "*".
    const offenders = statements.filter(
      ({ statement }) =>
        (asList(statement.Resource).includes('*') && statement.Action !== 'ecr:GetAuthorizationToken') ||
        statement.NotAction !== undefined ||
        statement.NotResource !== undefined ||
        asList(statement.Action).some((action) => action.includes('*')),
    );
    expect(offenders).toEqual([]);
  });

  test('no AWS managed full-access or administrator policy is attached', () => {
    const attached = Object.values(resources).flatMap((r) => (r.Properties?.ManagedPolicyArns ?? []) as unknown[]);
    expect(JSON.stringify(attached)).not.toMatch(/AdministratorAccess|PowerUserAccess|FullAccess/);
  });
});
