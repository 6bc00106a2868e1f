import { DEFAULT_SHUTDOWN_DRAIN_MS, ENV, REQUIRED_ENV, RDS_CA_BUNDLE_PATH } from './contract';

/** Everything the service needs to start, read from the environment the blueprint sets (see contract.ts). */
export interface ServiceConfig {
  readonly port: number;
  readonly logLevel: string;
  readonly region: string | undefined;
  readonly db: { readonly host: string; readonly port: number; readonly database: string; readonly secretArn: string; readonly caFile: string };
  readonly redis: { readonly host: string; readonly port: number; readonly secretArn: string; readonly caFile: string | undefined };
  readonly shutdownDrainMs: number;
}

/** Reads and checks the configuration; a missing or malformed variable stops the start-up with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const missing = REQUIRED_ENV.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`missing environment variables: ${missing.join(', ')}`);
  const get = (name: string): string => env[name] as string;
  return {
    port: integer(env, ENV.port, 8080),
    logLevel: env[ENV.logLevel] || 'info',
    region: env[ENV.awsRegion] || undefined,
    db: {
      host: get(ENV.dbHost),
      port: integer(env, ENV.dbPort, 5432),
      database: get(ENV.dbName),
      secretArn: get(ENV.dbSecretArn),
      caFile: env[ENV.dbCaFile] || RDS_CA_BUNDLE_PATH,
    },
    redis: {
      host: get(ENV.redisHost),
      port: integer(env, ENV.redisPort, 6379),
      secretArn: get(ENV.redisSecretArn),
      caFile: env[ENV.redisCaFile] || undefined,
    },
    shutdownDrainMs: integer(env, ENV.shutdownDrainMs, DEFAULT_SHUTDOWN_DRAIN_MS),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}
