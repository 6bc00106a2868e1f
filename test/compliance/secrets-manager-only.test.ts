import { CfnParameter, SecretValue, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as include from 'aws-cdk-lib/cloudformation-include';
import * as path from 'path';
import {
  LITERAL_PASSWORD,
  compliantCfnDb,
  compliantDatabase,
  compliantReplicationGroup,
  euStack,
  expectNoViolations,
  expectViolation,
  rawResource,
  synthGate,
} from './helpers';

const ID = 'SFX-SECRETS-MANAGER';
const SM_REF = '{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:sfx-db-AbCdEf:SecretString:password::}}';

function taskWith(stack: Stack, options: Partial<ecs.ContainerDefinitionOptions>): ecs.FargateTaskDefinition {
  const task = new ecs.FargateTaskDefinition(stack, 'Task');
  task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), ...options });
  return task;
}

describe('SFX-SECRETS-MANAGER', () => {
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
      expectViolation(err, ID, 'S/Db/Resource', 'MasterUserPassword is a literal credential');
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
      expectViolation(err, ID, 'S/Db', 'literal credential');
      expectViolation(err, ID, 'S/Cluster', 'literal credential');
    });

    test('a NoEcho CfnParameter password fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const password = new CfnParameter(stack, 'DbPassword', { type: 'String', noEcho: true, minLength: 16 });
        compliantCfnDb(stack, 'Db', { manageMasterUserPassword: undefined, masterUserPassword: password.valueAsString });
      });
      expectViolation(err, ID, 'S/Db', 'comes from a CloudFormation parameter');
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
      expectViolation(err, ID, 'S/Ssm', 'SSM SecureString');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/Ssm']);
    });

    test('an override putting a literal password on a compliant L2 fails; removing it again passes', () => {
      const err = synthGate((app) => {
        (compliantDatabase(euStack(app, 'S')).node.defaultChild as rds.CfnDBInstance).addPropertyOverride('MasterUserPassword', 'hunter2');
      });
      expectViolation(err, ID, 'S/Db/Resource', 'literal');
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
        new include.CfnInclude(euStack(app, 'S'), 'Include', { templateFile: path.join(__dirname, 'fixtures', 'legacy-secrets.json') });
      });
      expectViolation(err, ID, 'S/Include/LegacyCluster', 'MasterUserPassword is a literal');
      expectViolation(err, ID, 'S/Include/LegacySecret', 'SecretString is a literal');
    });
  });

  describe('cache AUTH tokens and users', () => {
    test('a literal AuthToken (SecretValue.unsafePlainText) fails', () => {
      const err = synthGate((app) => {
        compliantReplicationGroup(euStack(app, 'S'), 'Cache', {
          authToken: SecretValue.unsafePlainText('a-very-long-auth-token-123').unsafeUnwrap(),
        });
      });
      expectViolation(err, ID, 'S/Cache', 'AuthToken is a literal credential');
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
      expectViolation(err, ID, 'S/User', 'Passwords[0] is a literal credential');
    });
  });

  describe('containers and functions', () => {
    test("ECS container environment { DB_PASSWORD: 'x' } fails", () => {
      const err = synthGate((app) => {
        taskWith(euStack(app, 'S'), { environment: { DB_PASSWORD: 'x', LOG_LEVEL: 'info' } });
      });
      const lines = expectViolation(err, ID, 'S/Task/Resource', 'DB_PASSWORD holds a literal value');
      expect(lines.some((l) => l.includes('LOG_LEVEL'))).toBe(false);
    });

    test('abbreviated names (DB_PASS, REDIS_PWD) fail; PASSENGER_LIMIT does not', () => {
      const err = synthGate((app) => {
        taskWith(euStack(app, 'S'), { environment: { DB_PASS: 'hunter2', REDIS_PWD: 'hunter2', PASSENGER_LIMIT: '4' } });
      });
      expectViolation(err, ID, 'S/Task/Resource', 'DB_PASS holds a literal value');
      expectViolation(err, ID, 'S/Task/Resource', 'REDIS_PWD holds a literal value');
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
      expectViolation(err, ID, 'S/Task/Resource', 'CONNECTION resolves a secret into a plain-text environment variable');
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
      expectViolation(err, ID, 'S/Fn/Resource', 'API_KEY');
    });
  });

  describe('Secrets Manager secrets', () => {
    test('a secret with a literal SecretString (SecretValue.unsafePlainText) fails', () => {
      const err = synthGate((app) => {
        new secretsmanager.Secret(euStack(app, 'S'), 'Secret', { secretStringValue: SecretValue.unsafePlainText('{"password":"hunter2"}') });
      });
      expectViolation(err, ID, 'S/Secret/Resource', 'SecretString is a literal');
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
