import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AddressInfo } from 'net';
import { loadConfig, ServiceConfig } from '../../../service/src/config';
import { ENV } from '../../../service/src/contract';
import { secretsManagerSource } from '../../../service/src/secrets';
import { createService, Service, ServiceOptions } from '../../../service/src/service';
import { createCertificates, TestCertificates } from './certs';
import { FakeSecretsManager } from './fake-secrets-manager';
import { TestPostgres } from './postgres';
import { TestRedis } from './redis';

export const DB_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:streamflix-db-AbCdEf';
export const REDIS_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:streamflix-redis-AbCdEf';
export const APP_USER = 'streamflix_app';
export const DATABASE = 'content';

/** Everything the service tests share: one PostgreSQL, one Redis and one fake Secrets Manager per run. */
export interface TestEnvironment {
  readonly directory: string;
  readonly certs: TestCertificates;
  readonly postgres: TestPostgres;
  readonly redis: TestRedis;
  readonly secrets: FakeSecretsManager;
  /** The environment the blueprint would give the container, pointing at the test servers. */
  readonly env: Record<string, string>;
  config(): ServiceConfig;
  /** A service instance listening on a free loopback port. */
  startInstance(options?: ServiceOptions): Promise<Instance>;
  dbPassword: string;
  close(): Promise<void>;
}

export interface Instance {
  readonly service: Service;
  readonly url: string;
  close(): Promise<void>;
}

export async function createTestEnvironment(): Promise<TestEnvironment> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-service-test-'));
  fs.chmodSync(directory, 0o755);
  const certs = createCertificates(directory);
  const redisPassword = 'redis-test-auth-token-0123456789';
  const dbPassword = 'app-password-1';
  const [postgres, redis, secrets] = await Promise.all([
    TestPostgres.create(directory, certs),
    TestRedis.create(certs, redisPassword),
    FakeSecretsManager.start(),
  ]);
  await postgres.admin(async (client) => {
    await client.query(`CREATE ROLE ${APP_USER} LOGIN PASSWORD '${dbPassword}'`);
    await client.query(`CREATE DATABASE ${DATABASE} OWNER ${APP_USER}`);
  });
  secrets.put(DB_SECRET_ARN, {
    username: APP_USER,
    password: dbPassword,
    engine: 'postgres',
    host: '127.0.0.1',
    port: String(postgres.port),
    dbname: DATABASE,
  });
  secrets.put(REDIS_SECRET_ARN, { authToken: redisPassword });

  // The SDK reads its endpoint and (fake) credentials from the environment, as a task reads its role's.
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secrets.endpoint;
  process.env.AWS_ACCESS_KEY_ID = 'AKIATESTTESTTESTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-key';
  process.env.AWS_REGION = 'eu-west-1';
  // The image runs node 22; the SDK's notice about node 20 (the test machine's) is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  const env: Record<string, string> = {
    [ENV.dbHost]: 'localhost',
    [ENV.dbPort]: String(postgres.port),
    [ENV.dbName]: DATABASE,
    [ENV.dbSecretArn]: DB_SECRET_ARN,
    [ENV.dbCaFile]: certs.caFile,
    [ENV.redisHost]: 'localhost',
    [ENV.redisPort]: String(redis.port),
    [ENV.redisSecretArn]: REDIS_SECRET_ARN,
    [ENV.redisCaFile]: certs.caFile,
    [ENV.logLevel]: 'silent',
    [ENV.awsRegion]: 'eu-west-1',
  };
  const instances = new Set<Instance>();
  const environment: TestEnvironment = {
    directory,
    certs,
    postgres,
    redis,
    secrets,
    env,
    dbPassword,
    config: () => loadConfig(env),
    async startInstance(options) {
      const service = await createService(loadConfig(env), secretsManagerSource('eu-west-1'), options);
      await service.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = service.app.server.address() as AddressInfo;
      const instance: Instance = {
        service,
        url: `http://127.0.0.1:${port}`,
        async close() {
          instances.delete(instance);
          await service.close();
        },
      };
      instances.add(instance);
      return instance;
    },
    async close() {
      for (const instance of [...instances]) await instance.close().catch(() => undefined);
      await Promise.all([postgres.stop(), redis.kill(), secrets.close()]);
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
  return environment;
}
