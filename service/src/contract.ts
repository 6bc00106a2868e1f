/**
 * The configuration contract between the blueprint (CDK, `lib/`) and the service: the environment
 * variables the container gets, the JSON keys of the secrets it reads, and the timings both sides must
 * agree on. `lib/content-api/api-container.ts` builds the task definition from it and `config.ts` reads the
 * environment with it, so the two cannot drift. It has no imports: the CDK app and the image share it as is.
 */

/** Plain (non-secret) environment variables the service reads. Every value is safe to show in a task definition. */
export const ENV = {
  port: 'PORT',
  logLevel: 'LOG_LEVEL',
  awsRegion: 'AWS_REGION',
  dbHost: 'DB_HOST',
  dbPort: 'DB_PORT',
  dbName: 'DB_NAME',
  /** ARN of the Secrets Manager secret holding the PostgreSQL credentials (see DB_SECRET_KEYS). */
  dbSecretArn: 'DB_SECRET_ARN',
  /** PEM file of the CA bundle PostgreSQL's certificate is verified against. */
  dbCaFile: 'DB_CA_FILE',
  redisHost: 'REDIS_HOST',
  redisPort: 'REDIS_PORT',
  /** ARN of the Secrets Manager secret holding the Redis AUTH token (see REDIS_SECRET_KEYS). */
  redisSecretArn: 'REDIS_SECRET_ARN',
  /** PEM file of the CA that signs the Redis certificate; unset: the system (public) CAs, as ElastiCache uses. */
  redisCaFile: 'REDIS_CA_FILE',
  /** 'false' turns the Redis cache off (every read goes to PostgreSQL): the benchmark's baseline, or an emergency switch. */
  cacheEnabled: 'CACHE_ENABLED',
  /** How long SIGTERM keeps serving (with `Connection: close`) before the listener closes, milliseconds. */
  shutdownDrainMs: 'SHUTDOWN_DRAIN_MS',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** Variables the blueprint must set on the container (the others have defaults, or ECS sets them, like AWS_REGION). */
export const REQUIRED_ENV: readonly EnvName[] = [
  ENV.dbHost,
  ENV.dbPort,
  ENV.dbName,
  ENV.dbSecretArn,
  ENV.redisHost,
  ENV.redisPort,
  ENV.redisSecretArn,
];

/** JSON keys of the PostgreSQL secret (the RDS-generated secret's shape). */
export const DB_SECRET_KEYS = { username: 'username', password: 'password' } as const;
/** JSON key of the Redis AUTH token secret. */
export const REDIS_SECRET_KEYS = { authToken: 'authToken' } as const;

/** Names that must never be plain environment variables: credentials are read from Secrets Manager at run time. */
export const FORBIDDEN_PLAIN_ENV_PATTERN = /PASSWORD|SECRET(?!_ARN$)|TOKEN|CREDENTIAL|PRIVATE_KEY/i;

/** Where the image keeps the RDS CA bundle (see service/Dockerfile). */
export const RDS_CA_BUNDLE_PATH = '/app/certs/rds-ca-bundle.pem';

export const CONTAINER_PORT = 8080;
/** The non-root user of the image (distroless `nonroot`). */
export const CONTAINER_USER = '65532:65532';
export const LIVENESS_PATH = '/healthz';
export const READINESS_PATH = '/readyz';

/** The ALB's idle timeout, seconds. The service's keep-alive must outlast it or the ALB gets 502s on reused connections. */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;
/** Node's HTTP keep-alive timeout, milliseconds: above the ALB idle timeout. */
export const KEEP_ALIVE_TIMEOUT_MS = (ALB_IDLE_TIMEOUT_SECONDS + 15) * 1000;
/** ALB deregistration delay, seconds: ECS waits this long for connections to drain before it sends SIGTERM. */
export const DEREGISTRATION_DELAY_SECONDS = 30;
/** Default of SHUTDOWN_DRAIN_MS. */
export const DEFAULT_SHUTDOWN_DRAIN_MS = 5000;
/** Longest a request may take (PostgreSQL statement timeout plus margin), milliseconds. */
export const MAX_REQUEST_MS = 5000;
/** ECS stop timeout, seconds: SIGTERM drain plus the longest request plus closing pools, with margin, before SIGKILL. */
export const STOP_TIMEOUT_SECONDS = Math.ceil((DEFAULT_SHUTDOWN_DRAIN_MS + MAX_REQUEST_MS) / 1000) + 10;
