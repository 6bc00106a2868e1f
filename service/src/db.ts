import * as fs from 'fs';
import { Pool, PoolClient, QueryResultRow } from 'pg';
import { DB_SECRET_KEYS, MAX_REQUEST_MS } from './contract';
import { CachedSecret } from './secrets';

/** PostgreSQL's "invalid_password" SQLSTATE: the password was rotated under us. */
const INVALID_PASSWORD = '28P01';

export interface DatabaseOptions {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly caFile: string;
  readonly credentials: CachedSecret;
  /** @default 20 */
  readonly maxConnections?: number;
  /** @default 1000 */
  readonly connectTimeoutMs?: number;
  /** Connections are replaced after this long, so DNS changes (failover) and rotated passwords are picked up. @default 300 */
  readonly maxLifetimeSeconds?: number;
  /** @default MAX_REQUEST_MS - 500 */
  readonly statementTimeoutMs?: number;
}

/** Thrown when PostgreSQL cannot be reached or does not answer in time: the API maps it to 503. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`database unavailable: ${(cause as Error)?.message ?? cause}`, { cause });
  }
}

/**
 * The catalogue's connection pool: TLS with the certificate verified against the shipped CA bundle, the
 * password read from Secrets Manager for every new connection (cached), and one transparent retry with a
 * fresh password when PostgreSQL rejects it (a rotation happened since the secret was cached).
 */
export class Database {
  readonly pool: Pool;
  private readonly credentials: CachedSecret;
  /** The password the pool last opened a connection with: the one to report when PostgreSQL refuses it. */
  private readonly used: { password?: string };

  private constructor(pool: Pool, credentials: CachedSecret, used: { password?: string }) {
    this.pool = pool;
    this.credentials = credentials;
    this.used = used;
    // An idle client whose server went away (restart, failover) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  static async connect(options: DatabaseOptions): Promise<Database> {
    const first = await options.credentials.read();
    const statementTimeout = options.statementTimeoutMs ?? MAX_REQUEST_MS - 500;
    const used: { password?: string } = {};
    const pool = new Pool({
      host: options.host,
      port: options.port,
      database: options.database,
      user: first[DB_SECRET_KEYS.username],
      password: async () => {
        const secret = await options.credentials.read();
        used.password = secret[DB_SECRET_KEYS.password];
        return used.password;
      },
      ssl: { ca: fs.readFileSync(options.caFile, 'utf8'), rejectUnauthorized: true, servername: options.host },
      max: options.maxConnections ?? 20,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 1000,
      idleTimeoutMillis: 30_000,
      maxLifetimeSeconds: options.maxLifetimeSeconds ?? 300,
      options: '-c TimeZone=UTC',
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + 250,
      keepAlive: true,
      application_name: 'streamflix-content-api',
    });
    return new Database(pool, options.credentials, used);
  }

  async query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    return this.withRetry(async () => (await this.pool.query<R>(text, values)).rows);
  }

  /** Runs fn in a transaction (retried as a whole only when the connection could not authenticate). */
  async transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.withRetry(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (isAuthFailure(error) && attempt < 4) {
          if (this.used.password !== undefined) this.credentials.rejected(this.used.password);
          await sleep(50 * (attempt + 1)); // the rotation may be between its setSecret and finishSecret steps
          continue;
        }
        if (isUnavailable(error)) throw new DatabaseUnavailableError(error);
        throw error;
      }
    }
  }
}

function isAuthFailure(error: unknown): boolean {
  return (error as { code?: string })?.code === INVALID_PASSWORD;
}

/** Errors that mean "the database is not there right now" rather than "this statement is wrong". */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'].includes(code)) return true;
  // 57P01-03: admin shutdown, crash shutdown, cannot connect now; 08xxx: connection exceptions; 57014: statement timeout.
  if (/^(08|57P0)/.test(code) || code === '57014' || code === '53300' || code === INVALID_PASSWORD) return true;
  const message = (error as Error)?.message ?? '';
  return /timeout|Connection terminated|connect|not queryable|Client has encountered a connection error/i.test(message);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
