/**
 * Tests of rules/secrets-manager.ts, by behaviour (escape hatches, values decided at deploy time, inherited
 * settings, ordinary CDK that passes). Gate mechanics are in ../gate/, references between stacks
 * in ../cross-stack.test.ts.
 */
import { CfnParameter, SecretValue, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as include from 'aws-cdk-lib/cloudformation-include';
import * as path from 'path';
import { SecretsManager } from '../../../rules';
import {
  compliantCfnDb,
  compliantDatabase,
  compliantReplicationGroup,
  euStack,
  expectNoViolationOf,
  expectNoViolations,
  expectViolation,
  lambdaFunction,
  LITERAL_PASSWORD,
  rawResource,
  synthGate,
} from '../helpers';

const SM_REF = '{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:sfx-db-AbCdEf:SecretString:password::}}';

function taskWith(stack: Stack, options: Partial<ecs.ContainerDefinitionOptions>): ecs.FargateTaskDefinition {
  const task = new ecs.FargateTaskDefinition(stack, 'Task');
  task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), ...options });
  return task;
}

describe(SecretsManager.id, () => {
  describe('database master passwords', () => {
    test('a generated secret (rds.Credentials.fromGeneratedSecret) passes', () => {
      expectNoViolations(
        synthGate((app) => {
          compliantDatabase(euStack(app, 'S'));
        }),
      );
    });

    test('ManageMasterUserPassword (no password in the template) passes', () => {
      expectNoViolations(
        synthGate((app) => {
          compliantCfnDb(euStack(app, 'S'));
        }),
      );
    });

    test('Credentials.fromPassword with SecretValue.unsafePlainText fails', () => {
      const err = synthGate((app) => {
        compliantDatabase(euStack(app, 'S'), 'Db', { credentials: rds.Credentials.fromPassword('app', LITERAL_PASSWORD) });
      });
      expectViolation(err, SecretsManager.id, 'S/Db/Resource', 'MasterUserPassword is a literal credential');
    });

    test('a literal MasterUserPassword on a CfnDBInstance and on a raw DBCluster fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        compliantCfnDb(stack, 'Db', { manageMasterUserPassword: undefined, masterUserPassword: 'Sup3rSecret!' });
        rawResource(stack, 'Cluster', 'AWS::RDS::DBCluster', {
          Engine: 'aurora-mysql',
          StorageEncrypted: true,
          MasterUsername: 'app',
          MasterUserPassword: 'Sup3rSecret!',
        });
      });
      expectViolation(err, SecretsManager.id, 'S/Db', 'literal credential');
      expectViolation(err, SecretsManager.id, 'S/Cluster', 'literal credential');
    });

    test('a NoEcho CfnParameter password fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const password = new CfnParameter(stack, 'DbPassword', { type: 'String', noEcho: true, minLength: 16 });
        compliantCfnDb(stack, 'Db', { manageMasterUserPassword: undefined, masterUserPassword: password.valueAsString });
      });
      expectViolation(err, SecretsManager.id, 'S/Db', 'comes from a CloudFormation parameter');
    });

    test('an SSM SecureString dynamic reference fails; a Secrets Manager one passes', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        compliantCfnDb(stack, 'Ssm', { manageMasterUserPassword: undefined, masterUserPassword: '{{resolve:ssm-secure:/sfx/db/password:1}}' });
        compliantCfnDb(stack, 'Sm', { manageMasterUserPassword: undefined, masterUserPassword: SM_REF });
        compliantCfnDb(stack, 'SmL2', {
          manageMasterUserPassword: undefined,
          masterUserPassword: SecretValue.secretsManager('sfx-db', { jsonField: 'password' }).unsafeUnwrap(),
        });
      });
      expectViolation(err, SecretsManager.id, 'S/Ssm', 'SSM SecureString');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/Ssm']);
    });

    test('an override putting a literal password on a compliant L2 fails; removing it again passes', () => {
      const err = synthGate((app) => {
        (compliantDatabase(euStack(app, 'S')).node.defaultChild as rds.CfnDBInstance).addPropertyOverride('MasterUserPassword', 'hunter2');
      });
      expectViolation(err, SecretsManager.id, 'S/Db/Resource', 'literal');
      expectNoViolations(
        synthGate((app) => {
          const db = compliantCfnDb(euStack(app, 'S'), 'Db', { manageMasterUserPassword: undefined, masterUserPassword: 'hunter2' });
          db.addPropertyDeletionOverride('MasterUserPassword');
          db.addPropertyOverride('ManageMasterUserPassword', true);
        }),
      );
    });

    test('a literal password in a CfnInclude template: Stack/Include/<LogicalId>', () => {
      const err = synthGate((app) => {
        new include.CfnInclude(euStack(app, 'S'), 'Include', { templateFile: path.join(__dirname, '..', 'fixtures', 'legacy-secrets.json') });
      });
      expectViolation(err, SecretsManager.id, 'S/Include/LegacyCluster', 'MasterUserPassword is a literal');
      expectViolation(err, SecretsManager.id, 'S/Include/LegacySecret', 'SecretString is a literal');
    });
  });

  describe('cache AUTH tokens and users', () => {
    test('a literal AuthToken (SecretValue.unsafePlainText) fails', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S'), 'Cache', {
          authToken: SecretValue.unsafePlainText('a-very-long-auth-token-123').unsafeUnwrap(),
        });
      });
      expectViolation(err, SecretsManager.id, 'S/Cache', 'AuthToken is a literal credential');
    });

    test('an AuthToken from a generated Secrets Manager secret passes', () => {
      expectNoViolations(
        synthGate((app) => {
          const stack = euStack(app, 'S');
          const token = new secretsmanager.Secret(stack, 'Token', { generateSecretString: { excludePunctuation: true, passwordLength: 32 } });
          compliantReplicationGroup(stack, 'Cache', { authToken: token.secretValue.unsafeUnwrap() });
        }),
      );
    });

    test('an ElastiCache user with a literal password fails', () => {
      const err = synthGate((app) => {
        new elasticache.CfnUser(euStack(app, 'S'), 'User', {
          engine: 'redis',
          userId: 'app',
          userName: 'app',
          accessString: 'on ~* +@read',
          passwords: ['literal-password-1234'],
        });
      });
      expectViolation(err, SecretsManager.id, 'S/User', 'Passwords[0] is a literal credential');
    });
  });

  describe('containers and functions', () => {
    test("ECS container environment { DB_PASSWORD: 'x' } fails", () => {
      const err = synthGate((app) => {
        taskWith(euStack(app, 'S'), { environment: { DB_PASSWORD: 'x', LOG_LEVEL: 'info' } });
      });
      const lines = expectViolation(err, SecretsManager.id, 'S/Task/Resource', 'DB_PASSWORD holds a literal value');
      expect(lines.some((l) => l.includes('LOG_LEVEL'))).toBe(false);
    });

    test('abbreviated names (DB_PASS, REDIS_PWD) fail; PASSENGER_LIMIT does not', () => {
      const err = synthGate((app) => {
        taskWith(euStack(app, 'S'), { environment: { DB_PASS: 'hunter2', REDIS_PWD: 'hunter2', PASSENGER_LIMIT: '4' } });
      });
      expectViolation(err, SecretsManager.id, 'S/Task/Resource', 'DB_PASS holds a literal value');
      expectViolation(err, SecretsManager.id, 'S/Task/Resource', 'REDIS_PWD holds a literal value');
      expect(err!.violations).toHaveLength(2);
    });

    test('ECS container secrets: { DB_PASSWORD: Secret.fromSecretsManager(...) } passes', () => {
      expectNoViolations(
        synthGate((app) => {
          const stack = euStack(app, 'S');
          const secret = new secretsmanager.Secret(stack, 'DbSecret');
          taskWith(stack, { secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, 'password') }, environment: { LOG_LEVEL: 'info' } });
        }),
      );
    });

    test('a resolved secret in a plain environment variable fails, whatever its name', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const secret = new secretsmanager.Secret(stack, 'DbSecret');
        taskWith(stack, { environment: { CONNECTION: secret.secretValueFromJson('password').unsafeUnwrap() } });
      });
      expectViolation(err, SecretsManager.id, 'S/Task/Resource', 'CONNECTION resolves a secret into a plain-text environment variable');
    });

    test('a Lambda environment API_KEY literal fails', () => {
      const err = synthGate((app) => {
        new lambda.Function(euStack(app, 'S'), 'Fn', {
          runtime: lambda.Runtime.NODEJS_20_X,
          handler: 'index.handler',
          code: lambda.Code.fromInline('exports.handler = async () => {}'),
          environment: { API_KEY: 'sk_live_123456', STAGE: 'prod' },
        });
      });
      expectViolation(err, SecretsManager.id, 'S/Fn/Resource', 'API_KEY');
    });
  });

  describe('Secrets Manager secrets', () => {
    test('a secret with a literal SecretString (SecretValue.unsafePlainText) fails', () => {
      const err = synthGate((app) => {
        new secretsmanager.Secret(euStack(app, 'S'), 'Secret', { secretStringValue: SecretValue.unsafePlainText('{"password":"hunter2"}') });
      });
      expectViolation(err, SecretsManager.id, 'S/Secret/Resource', 'SecretString is a literal');
    });

    test('a generated secret passes', () => {
      expectNoViolations(
        synthGate((app) => {
          new secretsmanager.Secret(euStack(app, 'S'), 'Secret', {
            generateSecretString: { secretStringTemplate: '{"username":"app"}', generateStringKey: 'password' },
          });
        }),
      );
    });
  });
});

describe('ECS secrets come from Secrets Manager only', () => {
  const service = (fromSsm: boolean) =>
    synthGate((app) => {
      const stack = euStack(app, 'S');
      const task = new ecs.FargateTaskDefinition(stack, 'Task');
      const secret = fromSsm
        ? ecs.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Param', { parameterName: '/db/password' }))
        : ecs.Secret.fromSecretsManager(new secretsmanager.Secret(stack, 'DbSecret'), 'password');
      task.addContainer('Api', { image: ecs.ContainerImage.fromRegistry('nginx'), secrets: { DB_PASSWORD: secret } });
    });

  test('an SSM SecureString parameter fails', () => {
    expectViolation(service(true), SecretsManager.id, 'S/Task/Resource', 'DB_PASSWORD');
  });

  test('a Secrets Manager secret passes', () => {
    expectNoViolationOf(service(false), SecretsManager.id);
  });
});

describe('credentials in nested properties and build projects', () => {
  test('an ElastiCache user password under AuthenticationMode fails', () => {
    const err = synthGate((app) => {
      rawResource(euStack(app, 'S'), 'User', 'AWS::ElastiCache::User', {
        UserId: 'app',
        UserName: 'app',
        Engine: 'redis',
        AccessString: 'on ~* +@read',
        AuthenticationMode: { Type: 'password', Passwords: ['hunter2hunter2hunter2'] },
      });
    });
    expectViolation(err, SecretsManager.id, 'S/User', 'AuthenticationMode.Passwords[0] is a literal credential');
  });

  test('a PLAINTEXT CodeBuild variable DB_PASSWORD fails; a SECRETS_MANAGER one passes', () => {
    const build = (type: string, value: string) =>
      synthGate((app) => {
        rawResource(euStack(app, 'S'), 'Build', 'AWS::CodeBuild::Project', {
          Artifacts: { Type: 'NO_ARTIFACTS' },
          ServiceRole: 'arn:aws:iam::123456789012:role/build',
          Source: { Type: 'NO_SOURCE', BuildSpec: 'version: 0.2' },
          Environment: {
            Type: 'LINUX_CONTAINER',
            ComputeType: 'BUILD_GENERAL1_SMALL',
            Image: 'aws/codebuild/standard:7.0',
            EnvironmentVariables: [{ Name: 'DB_PASSWORD', Type: type, Value: value }],
          },
        });
      });
    expectViolation(build('PLAINTEXT', 'hunter2'), SecretsManager.id, 'S/Build', 'DB_PASSWORD');
    expectNoViolationOf(build('SECRETS_MANAGER', 'streamflix/db:password'), SecretsManager.id);
  });
});

describe('ordinary code the earlier rounds rejected', () => {
  test('environment variables about tokens and passwords that are not credentials', () => {
    expectNoViolations(
      synthGate((app) => {
        lambdaFunction(euStack(app, 'S'), 'Fn', {
          environment: {
            USE_SECRETS_MANAGER: 'true',
            API_KEY_REQUIRED: 'false',
            OAUTH_TOKEN_ENDPOINT: 'https://auth.example.com/oauth2/token',
            TOKEN_EXPIRATION: '3600',
            SECRET_PREFIX: 'app/prod/',
            PASSWORD_HASH_ALGORITHM: 'argon2id',
            TOKEN_SIGNING_ALG: 'RS256',
          },
        });
      }),
    );
    const err = synthGate((app) => {
      lambdaFunction(euStack(app, 'S'), 'Fn', { environment: { API_TOKEN: 'eyJhbGciOi.secret', DB_PASSWORD: 'https://user:pw@db/x' } });
    });
    expectViolation(err, SecretsManager.id, 'S/Fn/Resource', 'API_TOKEN holds a literal value');
    expectViolation(err, SecretsManager.id, 'S/Fn/Resource', 'DB_PASSWORD holds a literal value');
  });
});

describe('the new paths cannot be abused', () => {
  test('credentials behind switch-like or URL-like names are still caught', () => {
    const err = synthGate((app) => {
      lambdaFunction(euStack(app, 'S'), 'Fn', {
        environment: { USE_API_KEY: 'sk_live_abcdef', ADMIN_PASSWORD_REQUIRED: 'hunter2', DB_PASSWORD: 'http://hunter2' },
      });
    });
    for (const name of ['USE_API_KEY', 'ADMIN_PASSWORD_REQUIRED', 'DB_PASSWORD'])
      expectViolation(err, SecretsManager.id, 'S/Fn/Resource', `${name} holds a literal value`);
  });
});

describe('metadata about a secret is not a secret', () => {
  function handler(stack: Stack, id: string, environment: Record<string, string>): void {
    new lambda.Function(stack, id, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
      environment,
    });
  }

  test('SECRET_NAME, TOKEN_TTL_SECONDS, DB_SECRET_ARN, PASSWORD_MIN_LENGTH with literal values pass', () => {
    const err = synthGate((app) => {
      handler(euStack(app, 'S'), 'Fn', {
        SECRET_NAME: 'catalogue/db',
        TOKEN_TTL_SECONDS: '900',
        DB_SECRET_ARN: 'catalogue-db',
        PASSWORD_MIN_LENGTH: '16',
        API_KEY_HEADER: 'x-api-key',
        SECRET_ROTATION_ENABLED: 'true',
      });
    });
    expectNoViolationOf(err, SecretsManager.id);
  });

  test.each(['DB_PASSWORD', 'API_KEY'])('%s with a literal value still fails', (name) => {
    const err = synthGate((app) => {
      handler(euStack(app, 'S'), 'Fn', { [name]: 'x' });
    });
    expectViolation(err, SecretsManager.id, 'S/Fn/Resource', name);
  });
});
