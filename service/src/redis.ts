import * as fs from 'fs';
import Redis from 'ioredis';
import { REDIS_SECRET_KEYS } from './contract';
import { CachedSecret } from './secrets';

export interface RedisOptions {
  readonly host: string;
  readonly port: number;
  /** CA of the server certificate; unset: Node's public CAs (ElastiCache's certificates chain to Amazon's public roots). */
  readonly caFile?: string;
  readonly authToken: CachedSecret;
  /** Bound on every command: a slow Redis costs a request at most this much before it goes to PostgreSQL. @default 100 */
  readonly commandTimeoutMs?: number;
}

/**
 * A TLS + AUTH Redis client that fails fast instead of queueing while disconnected (the cache is optional:
 * a read that cannot reach it goes to PostgreSQL), reconnects on its own, and re-reads the AUTH token from
 * Secrets Manager when the server refuses it.
 */
export async function connectRedis(options: RedisOptions): Promise<Redis> {
  const token = (await options.authToken.read())[REDIS_SECRET_KEYS.authToken];
  const client = new Redis({
    host: options.host,
    port: options.port,
    password: token,
    tls: { ca: options.caFile ? fs.readFileSync(options.caFile, 'utf8') : undefined, servername: options.host, rejectUnauthorized: true },
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 100,
    connectTimeout: 1000,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(100 * times, 1000),
    reconnectOnError: () => false,
  });
  client.on('error', (error: Error) => {
    if (/WRONGPASS|NOAUTH|invalid password/i.test(error.message)) {
      options.authToken.rejected(client.options.password ?? '');
      options.authToken
        .read()
        .then((secret) => {
          client.options.password = secret[REDIS_SECRET_KEYS.authToken];
        })
        .catch(() => undefined);
    }
  });
  // A first connection failure is not fatal: the service starts degraded and the client keeps retrying.
  await client.connect().catch(() => undefined);
  return client;
}
