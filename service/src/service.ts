import type Redis from 'ioredis';
import type { FastifyInstance } from 'fastify';
import { buildApp, AppState } from './app';
import { CacheTtls, MetadataCache } from './cache';
import { Catalogue } from './catalogue';
import { ServiceConfig } from './config';
import { DB_SECRET_KEYS, REDIS_SECRET_KEYS } from './contract';
import { Database } from './db';
import { migrate } from './migrate';
import { connectRedis } from './redis';
import { CachedSecret, SecretSource } from './secrets';

export interface ServiceOptions {
  /** @default true: false serves every read from PostgreSQL (the benchmark's baseline) */
  readonly cacheEnabled?: boolean;
  readonly ttls?: CacheTtls;
  readonly redisCommandTimeoutMs?: number;
  /** @default 300 */
  readonly dbMaxLifetimeSeconds?: number;
  /** How long a fetched secret is trusted before it is read again. @default 15 minutes */
  readonly secretMaxAgeMs?: number;
}

export interface Service {
  readonly app: FastifyInstance;
  readonly state: AppState;
  readonly cache: MetadataCache;
  readonly db: Database;
  readonly redis: Redis | undefined;
  close(): Promise<void>;
}

/** Wires the service: secrets, PostgreSQL (migrated), Redis, cache and the HTTP app. */
export async function createService(config: ServiceConfig, secrets: SecretSource, options: ServiceOptions = {}): Promise<Service> {
  const dbCredentials = new CachedSecret(secrets, config.db.secretArn, DB_SECRET_KEYS.password, options.secretMaxAgeMs);
  const redisToken = new CachedSecret(secrets, config.redis.secretArn, REDIS_SECRET_KEYS.authToken, options.secretMaxAgeMs);
  const db = await Database.connect({ ...config.db, credentials: dbCredentials, maxLifetimeSeconds: options.dbMaxLifetimeSeconds });
  await migrate(db.pool);
  const redis =
    options.cacheEnabled === false
      ? undefined
      : await connectRedis({ ...config.redis, authToken: redisToken, commandTimeoutMs: options.redisCommandTimeoutMs });
  const cache = new MetadataCache(redis, options.ttls);
  const { app, state } = buildApp({
    catalogue: new Catalogue(db),
    cache,
    logLevel: config.logLevel,
    checks: {
      database: () => db.ping(),
      cache: async () => {
        if (redis) await redis.ping();
      },
    },
  });
  await app.ready();
  return {
    app,
    state,
    cache,
    db,
    redis,
    async close() {
      await app.close();
      cache.close();
      await db.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
