import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Pool } from 'pg';

/** Advisory lock key shared by every task: only one applies migrations, the others wait and then find nothing to do. */
const MIGRATION_LOCK_KEY = 0x5f1c_0de;
export const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');

export interface MigrationResult {
  readonly applied: string[];
  readonly alreadyApplied: string[];
}

/**
 * Applies the forward-only SQL migrations in name order, each in its own transaction, under a session
 * advisory lock. An applied migration whose file changed or disappeared stops the start-up: migrations are
 * never edited, only added.
 */
export async function migrate(pool: Pool, directory = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = fs
    .readdirSync(directory)
    .filter((f) => /^\d+_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const rows = (await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).rows;
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    for (const name of done.keys()) {
      if (!files.includes(name)) throw new Error(`migration ${name} was applied but its file is gone: migrations are forward-only`);
    }
    const applied: string[] = [];
    const alreadyApplied: string[] = [];
    for (const file of files) {
      const sql = fs.readFileSync(path.join(directory, file), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(file);
      if (previous !== undefined) {
        if (previous !== checksum) throw new Error(`migration ${file} changed after it was applied: add a new migration instead`);
        alreadyApplied.push(file);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file, checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(file);
    }
    return { applied, alreadyApplied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
