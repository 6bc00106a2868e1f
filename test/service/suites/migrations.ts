import * as fs from 'fs';
import * as path from 'path';
import { Pool } from 'pg';
import { migrate, MIGRATIONS_DIR } from '../../../service/src/migrate';
import type { TestEnvironment } from '../harness/environment';
import { APP_USER } from '../harness/environment';

/** Forward-only migrations: from an empty database, re-run, several tasks at once, edited or missing files refused. */
export function migrationsSuite(env: () => TestEnvironment): void {
  describe('migrations', () => {
    const pools: Pool[] = [];
    const poolFor = async (database: string) => {
      const e = env();
      await e.postgres.admin((client) => client.query(`CREATE DATABASE ${database} OWNER ${APP_USER}`));
      const make = () => {
        const pool = new Pool({
          host: 'localhost',
          port: e.postgres.port,
          database,
          user: APP_USER,
          password: e.dbPassword,
          ssl: { ca: fs.readFileSync(e.certs.caFile, 'utf8') },
        });
        pools.push(pool);
        return pool;
      };
      return make;
    };
    afterAll(async () => {
      await Promise.all(pools.map((p) => p.end()));
    });

    it('applies every migration to an empty database, and nothing on a re-run', async () => {
      const pool = (await poolFor('migrations_empty'))();
      const first = await migrate(pool);
      expect(first.applied).toEqual(
        fs
          .readdirSync(MIGRATIONS_DIR)
          .filter((f) => f.endsWith('.sql'))
          .sort(),
      );
      const tables = (await pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.tablename);
      expect(tables).toEqual(['availability', 'credits', 'episodes', 'genres', 'people', 'schema_migrations', 'seasons', 'title_genres', 'titles']);
      const second = await migrate(pool);
      expect(second).toEqual({ applied: [], alreadyApplied: first.applied });
    });

    it('applies each migration once when several tasks start at once (advisory lock)', async () => {
      const make = await poolFor('migrations_race');
      const results = await Promise.all([make(), make(), make()].map((pool) => migrate(pool)));
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, results.flatMap((r) => r.applied).length]);
      expect(results.flatMap((r) => r.applied)).toHaveLength(fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length);
    });

    it('refuses an applied migration that was edited or deleted', async () => {
      const pool = (await poolFor('migrations_edited'))();
      const dir = fs.mkdtempSync(path.join(env().directory, 'migrations-'));
      for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
      await migrate(pool, dir);
      fs.appendFileSync(path.join(dir, '001_catalogue.sql'), '\n-- an edit\n');
      await expect(migrate(pool, dir)).rejects.toThrow('migration 001_catalogue.sql changed after it was applied: add a new migration instead');
      fs.rmSync(path.join(dir, '001_catalogue.sql'));
      await expect(migrate(pool, dir)).rejects.toThrow('migration 001_catalogue.sql was applied but its file is gone');
    });

    it('rolls back a failing migration and applies nothing of it', async () => {
      const pool = (await poolFor('migrations_failing'))();
      const dir = fs.mkdtempSync(path.join(env().directory, 'migrations-'));
      for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
      fs.writeFileSync(path.join(dir, '999_broken.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n');
      await expect(migrate(pool, dir)).rejects.toThrow(/migration 999_broken.sql failed/);
      expect((await pool.query(`SELECT to_regclass('half_done') AS t`)).rows[0].t).toBeNull();
      expect((await pool.query(`SELECT count(*)::int AS n FROM schema_migrations`)).rows[0].n).toBe(1);
    });
  });
}
