/** SFX-SECRETS-MANAGER at the pure level: credential properties, environment variables, ECS secrets, secrets. */
import { SecretsManager } from '../../rules/secrets-manager';
import { findings, template, violationsOf } from './support/template-builder';

const RESOLVED = '{{resolve:secretsmanager:db-secret:SecretString:password}}';
const db = (password: unknown, stack = template()) =>
  stack.resource('Db', 'AWS::RDS::DBInstance', { Engine: 'postgres', MasterUserPassword: password });

describe('SFX-SECRETS-MANAGER', () => {
  test('a Secrets Manager dynamic reference or an absent password passes', () => {
    expect(findings(SecretsManager, db(RESOLVED))).toEqual([]);
    expect(
      findings(SecretsManager, db({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, ':SecretString:password::}}']] })),
    ).toEqual([]);
    expect(findings(SecretsManager, template().resource('Db', 'AWS::RDS::DBInstance', { Engine: 'postgres' }))).toEqual([]);
  });

  test('a literal, a parameter, an SSM SecureString or anything else fails, with the rule id and path', () => {
    expect(violationsOf(SecretsManager, db('hunter2'))).toEqual([
      expect.objectContaining({
        ruleId: 'SFX-SECRETS-MANAGER',
        path: 'Stack/Db',
        message: 'MasterUserPassword is a literal credential in the template',
      }),
    ]);
    expect(findings(SecretsManager, db({ Ref: 'Password' }, template().parameter('Password', { Type: 'String', NoEcho: true })))).toEqual([
      'Stack/Db: MasterUserPassword comes from a CloudFormation parameter, which stores it outside Secrets Manager',
    ]);
    expect(findings(SecretsManager, db('{{resolve:ssm-secure:pw:1}}'))).toEqual([
      'Stack/Db: MasterUserPassword is an SSM SecureString reference; the control requires Secrets Manager',
    ]);
    expect(findings(SecretsManager, db({ 'Fn::GetAtt': ['Custom', 'Password'] }))).toEqual([
      'Stack/Db: MasterUserPassword is built at deploy time from something other than a Secrets Manager dynamic reference',
    ]);
    expect(findings(SecretsManager, db({ 'Fn::If': ['C', 'a', 'b'] }))).toEqual([
      'Stack/Db: MasterUserPassword is built at deploy time from something other than a Secrets Manager dynamic reference',
    ]);
    expect(findings(SecretsManager, db(`${RESOLVED}x`))).toEqual([expect.stringContaining('Stack/Db: MasterUserPassword is')]);
  });

  test('list-valued and nested credential properties are each judged', () => {
    const user = template().resource('User', 'AWS::ElastiCache::User', { Passwords: [RESOLVED, 'plain'], AuthenticationMode: { Passwords: ['x'] } });
    expect(findings(SecretsManager, user)).toEqual([
      'Stack/User: Passwords[1] is a literal credential in the template',
      'Stack/User: AuthenticationMode.Passwords[0] is a literal credential in the template',
    ]);
    expect(findings(SecretsManager, template().resource('Cache', 'AWS::ElastiCache::ReplicationGroup', { AuthToken: 'token' }))).toEqual([
      'Stack/Cache: AuthToken is a literal credential in the template',
    ]);
  });

  test.each([
    ['AWS::RDS::DBInstance', 'TdeCredentialPassword'],
    ['AWS::RDS::DBCluster', 'MasterUserPassword'],
    ['AWS::DocDB::DBCluster', 'MasterUserPassword'],
    ['AWS::Neptune::DBCluster', 'MasterUserPassword'],
    ['AWS::Redshift::Cluster', 'MasterUserPassword'],
    ['AWS::DMS::Endpoint', 'Password'],
    ['AWS::OpenSearchService::Domain', 'AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword'],
  ])('%s: a literal %s fails', (type, property) => {
    const properties = property.split('.').reduceRight<unknown>((value, key) => ({ [key]: value }), 'hunter2') as Record<string, unknown>;
    expect(findings(SecretsManager, template().resource('R', type, properties))).toEqual([
      `Stack/R: ${property} is a literal credential in the template`,
    ]);
  });

  test('a credential that is not a string, or built from a parameter among other parts, or with a policy variable, says why', () => {
    expect(findings(SecretsManager, db({ Pass: 'word' }))).toEqual(['Stack/Db: MasterUserPassword is not a string the gate can read']);
    expect(findings(SecretsManager, db({ 'Fn::Join': ['', [{ Ref: 'P' }, 'x']] }, template().parameter('P')))).toEqual([
      'Stack/Db: MasterUserPassword comes from a CloudFormation parameter, which stores it outside Secrets Manager',
    ]);
    expect(findings(SecretsManager, db({ 'Fn::Join': ['', ['abc', { Ref: 'AWS::AccountId' }, '${aws:username}']] }))).toEqual([
      'Stack/Db: MasterUserPassword is built at deploy time from something other than a Secrets Manager dynamic reference',
    ]);
  });

  describe('environment variables', () => {
    const lambda = (Variables: Record<string, unknown>) => template().resource('Fn', 'AWS::Lambda::Function', { Environment: { Variables } });

    test('a literal secret-looking value fails; metadata names, flags and references pass', () => {
      expect(violationsOf(SecretsManager, lambda({ DB_PASSWORD: 'hunter2' }))).toEqual([
        expect.objectContaining({
          message: 'Environment.Variables DB_PASSWORD holds a literal value that looks like a credential',
          fix: 'store it in Secrets Manager and pass it as a secret, not an environment variable',
        }),
      ]);
      expect(findings(SecretsManager, lambda({ API_KEY: 'abc', DB_PASS: 'x', REDIS_PWD: 'y' }))).toEqual(
        ['API_KEY', 'DB_PASS', 'REDIS_PWD'].map(
          (name) => `Stack/Fn: Environment.Variables ${name} holds a literal value that looks like a credential`,
        ),
      );
      expect(
        findings(
          SecretsManager,
          lambda({
            SECRET_NAME: 'db',
            TOKEN_TTL_SECONDS: '60',
            PASSENGER_COUNT: '3',
            USE_TOKEN: 'yes',
            TOKEN: 'true',
            SECRET_ARN: 'arn:x',
            EMPTY_TOKEN: '',
          }),
        ),
      ).toEqual([]);
      expect(findings(SecretsManager, lambda({ AUTH_TOKEN: { Ref: 'Secret' } }).resource('Secret', 'AWS::SecretsManager::Secret', {}))).toEqual([]);
    });

    test('a function without Environment, or with Variables that are not an object, has nothing to judge', () => {
      expect(findings(SecretsManager, template().resource('Fn', 'AWS::Lambda::Function', {}))).toEqual([]);
      expect(findings(SecretsManager, template().resource('Fn', 'AWS::Lambda::Function', { Environment: {} }))).toEqual([]);
      expect(findings(SecretsManager, template().resource('Fn', 'AWS::Lambda::Function', { Environment: { Variables: 'x' } }))).toEqual([]);
    });

    test('a value that is not a string is skipped; an ARN, a policy variable or text that only ends in "arn:" is judged as such', () => {
      expect(findings(SecretsManager, lambda({ API_KEY: { a: 1 }, DB_PASSWORD: 'arn:aws:secretsmanager:eu-west-1:1:secret:x' }))).toEqual([]);
      expect(findings(SecretsManager, lambda({ API_KEY: 'abcarn:' }))).toEqual([
        'Stack/Fn: Environment.Variables API_KEY holds a literal value that looks like a credential',
      ]);
      expect(findings(SecretsManager, lambda({ API_KEY: { 'Fn::Join': ['', ['abc', { Ref: 'AWS::AccountId' }, '${aws:username}']] } }))).toEqual([]);
    });

    test('a resolved dynamic reference in any variable fails', () => {
      expect(violationsOf(SecretsManager, lambda({ ANYTHING: RESOLVED }))).toEqual([
        expect.objectContaining({
          message: 'Environment.Variables ANYTHING resolves a secret into a plain-text environment variable, stored readable in the definition',
          fix: 'pass it as a secret (ecs.Secret.fromSecretsManager / the Lambda reads it from Secrets Manager at run time)',
        }),
      ]);
      expect(findings(SecretsManager, lambda({ X: '{{resolve:ssm-secure:p}}' }))).toEqual([
        'Stack/Fn: Environment.Variables X resolves a secret into a plain-text environment variable, stored readable in the definition',
      ]);
    });

    test('CodeBuild PLAINTEXT variables (the default when Type is absent) are judged; SECRETS_MANAGER ones are references', () => {
      const project = (variables: unknown[]) =>
        template().resource('Build', 'AWS::CodeBuild::Project', { Environment: { Type: 'LINUX_CONTAINER', EnvironmentVariables: variables } });
      const literal = 'Stack/Build: Environment.EnvironmentVariables DB_PASSWORD holds a literal value that looks like a credential';
      expect(findings(SecretsManager, project([{ Name: 'DB_PASSWORD', Value: 'hunter2' }]))).toEqual([literal]);
      expect(findings(SecretsManager, project([{ Name: 'DB_PASSWORD', Value: 'hunter2', Type: 'PLAINTEXT' }]))).toEqual([literal]);
      expect(findings(SecretsManager, project([{ Name: 'DB_PASSWORD', Value: 'db-secret:password', Type: 'SECRETS_MANAGER' }]))).toEqual([]);
      expect(findings(SecretsManager, project([{ Name: 'DB_PASSWORD', Value: '/db/password', Type: 'PARAMETER_STORE' }]))).toEqual([]);
    });

    test('ECS container Environment and Secrets are judged', () => {
      const task = (container: Record<string, unknown>) =>
        template()
          .resource('Secret', 'AWS::SecretsManager::Secret', {})
          .resource('Task', 'AWS::ECS::TaskDefinition', { ContainerDefinitions: [{ Name: 'app', ...container }] });
      expect(findings(SecretsManager, task({ Environment: [{ Name: 'DB_PASSWORD', Value: 'x' }] }))).toEqual([
        'Stack/Task: ContainerDefinitions[0].Environment DB_PASSWORD holds a literal value that looks like a credential',
      ]);
      expect(findings(SecretsManager, task({ Secrets: [{ Name: 'DB', ValueFrom: { Ref: 'Secret' } }] }))).toEqual([]);
      expect(findings(SecretsManager, task({ Secrets: [{ Name: 'DB', ValueFrom: 'arn:aws:secretsmanager:eu-west-1:1:secret:x' }] }))).toEqual([]);
      expect(violationsOf(SecretsManager, task({ Secrets: [{ Name: 'DB', ValueFrom: 'arn:aws:ssm:eu-west-1:1:parameter/x' }] }))).toEqual([
        expect.objectContaining({
          message: 'ContainerDefinitions[0].Secrets[0] (DB) is read from an SSM parameter or an unprovable source, not Secrets Manager',
          fix: 'store the value in Secrets Manager and use ecs.Secret.fromSecretsManager',
        }),
      ]);
      expect(
        findings(
          SecretsManager,
          task({ Environment: ['x', { Name: 'DB_PASSWORD', Value: 'x' }], Secrets: ['x', { ValueFrom: 'db-password' }, { Name: 'N' }] }),
        ),
      ).toEqual([
        'Stack/Task: ContainerDefinitions[0].Environment DB_PASSWORD holds a literal value that looks like a credential',
        'Stack/Task: ContainerDefinitions[0].Secrets[1] (?) is read from an SSM parameter or an unprovable source, not Secrets Manager',
        'Stack/Task: ContainerDefinitions[0].Secrets[2] (N) is read from an SSM parameter or an unprovable source, not Secrets Manager',
      ]);
      expect(
        findings(
          SecretsManager,
          template().resource('Task', 'AWS::ECS::TaskDefinition', {
            ContainerDefinitions: ['x', { Environment: [{ Name: 'API_KEY', Value: 'k' }] }],
          }),
        ),
      ).toEqual(['Stack/Task: ContainerDefinitions[1].Environment API_KEY holds a literal value that looks like a credential']);
      expect(findings(SecretsManager, task({ Environment: [null, { Value: RESOLVED }] }))).toEqual([
        'Stack/Task: ContainerDefinitions[0].Environment  resolves a secret into a plain-text environment variable, stored readable in the definition',
      ]);
      expect(findings(SecretsManager, task({ Secrets: [{ Name: 'DB', ValueFrom: 'arn:aws:s3:::bucket/x' }] }))).toEqual([
        'Stack/Task: ContainerDefinitions[0].Secrets[0] (DB) is read from arn:aws:s3:::bucket/x, not Secrets Manager',
      ]);
    });
  });

  test('a secret with a literal SecretString fails; generated or built from references passes', () => {
    const secret = (properties: Record<string, unknown>) => template().resource('Secret', 'AWS::SecretsManager::Secret', properties);
    expect(violationsOf(SecretsManager, secret({ SecretString: '{"password":"x"}' }))).toEqual([
      expect.objectContaining({
        message: 'SecretString is a literal: the secret value is written into the template',
        fix: 'use GenerateSecretString (secretsmanager.Secret generateSecretString) or set the value outside CloudFormation',
      }),
    ]);
    expect(findings(SecretsManager, secret({ SecretString: { password: 'x' } }))).toEqual([
      'Stack/Secret: SecretString is a literal: the secret value is written into the template',
    ]);
    expect(
      findings(SecretsManager, secret({ SecretString: { 'Fn::Join': ['', ['{"user":"', { Ref: 'AWS::AccountId' }, '${aws:username}"}']] } })),
    ).toEqual([]);
    expect(findings(SecretsManager, secret({ GenerateSecretString: {} }))).toEqual([]);
    expect(findings(SecretsManager, secret({ SecretString: '' }))).toEqual([]);
    expect(
      findings(
        SecretsManager,
        secret({ SecretString: { 'Fn::Sub': '{"host":"${Db.Endpoint.Address}"}' } }).resource('Db', 'AWS::RDS::DBInstance', {}),
      ),
    ).toEqual([]);
  });
});
