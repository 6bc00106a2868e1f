/**
 * `npm run bench:api`: throughput and latency of the content-metadata API on loopback, one service
 * process, against a seeded catalogue (100k titles, 1M episodes) in the same PostgreSQL 17 and TLS Redis
 * the tests use. Scenarios, each BENCH_DURATION seconds (default 20) at BENCH_CONNECTIONS (default 64):
 *
 *   ceiling        bare Fastify route, constant JSON body of a title document's size (this machine's ceiling)
 *   warm-cache     GET /v1/titles/{id}, 1,000 hot ids, all in Redis
 *   postgres-only  the same requests, service started with CACHE_ENABLED=false
 *   list           GET /v1/titles?genre=&limit=20 first pages (cached)
 *   search         GET /v1/search?q= (cached)
 *
 * then a soak of the warm-cache path for BENCH_SOAK seconds (default 120) sampling the service's RSS.
 * The last line prints the two ratios, e.g. `api bench: warm-cache/ceiling 0.72x, warm-cache/postgres-only 8.10x`.
 * The load generator shares the machine's cores with the service, Redis and PostgreSQL.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import autocannon from 'autocannon';
import { Client, Pool } from 'pg';
import { APP_USER, createTestEnvironment, DATABASE } from '../test/service/harness/environment';
import { freePort, waitForPort } from '../test/service/harness/ports';
import { migrate } from '../service/src/migrate';
import { GENRES, WORDS, seedCatalogue } from './bench-api/seed';

const ROOT = path.join(__dirname, '..');
const CORES = os.cpus().length;
const DURATION = positive('BENCH_DURATION', 20);
const SOAK = positive('BENCH_SOAK', 120);
const CONNECTIONS = positive('BENCH_CONNECTIONS', 64);
const TITLES = positive('BENCH_TITLES', 100_000);
const EPISODES_PER_SEASON = positive('BENCH_EPISODES_PER_SEASON', 10);

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

function startProcess(script: string, env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', './scripts/transpile-only.js', script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening`))));
  return Promise.race([waitForPort(port, 60_000).then(() => child), exited]);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function load(name: string, base: string, paths: string[], duration = DURATION): Promise<Row> {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors };
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function main(): Promise<void> {
  const started = Date.now();
  const env = await createTestEnvironment();
  try {
    // As the service's own user, who owns the schema it migrates.
    const pool = new Pool({
      host: '127.0.0.1',
      port: env.postgres.port,
      user: APP_USER,
      password: env.dbPassword,
      database: DATABASE,
      ssl: { ca: fs.readFileSync(env.certs.caFile, 'utf8') },
      max: 1,
    });
    await migrate(pool);
    const seedStart = Date.now();
    const seeder = await pool.connect();
    await seedCatalogue(seeder as unknown as Client, TITLES, EPISODES_PER_SEASON);
    const counts = (await seeder.query(`SELECT (SELECT count(*) FROM titles)::int AS titles, (SELECT count(*) FROM episodes)::int AS episodes`))
      .rows[0];
    seeder.release();
    await pool.end();
    console.log(`seeded ${counts.titles} titles and ${counts.episodes} episodes in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const serviceEnv = { ...env.env, LOG_LEVEL: 'info' };
    const ids = Array.from({ length: 1000 }, (_, i) => `/v1/titles/t${String(1 + ((i * 97) % TITLES)).padStart(6, '0')}`);
    const lists = GENRES.flatMap((g) => [`/v1/titles?genre=${g}&limit=20`, `/v1/titles?genre=${g}&type=series&limit=20`]);
    const searches = WORDS.map((w) => `/v1/search?q=${w}&limit=20`);
    const rows: Row[] = [];

    const ceilingPort = await freePort();
    const ceiling = await startProcess('scripts/bench-api/ceiling.ts', {}, ceilingPort);
    await load('warm-up', `http://127.0.0.1:${ceilingPort}`, ['/constant'], 3);
    rows.push(await load('ceiling (bare Fastify, constant body)', `http://127.0.0.1:${ceilingPort}`, ['/constant']));
    await stop(ceiling);

    const port = await freePort();
    let service = await startProcess('service/src/server.ts', serviceEnv, port);
    const base = `http://127.0.0.1:${port}`;
    await load('warm-up', base, [...ids, ...lists, ...searches], 10);
    rows.push(await load('GET /v1/titles/{id}, warm cache', base, ids));
    rows.push(await load('GET /v1/titles?genre=&limit=20, cached', base, lists));
    rows.push(await load('GET /v1/search?q=, cached', base, searches));

    const samples: number[] = [rssMiB(service.pid!)];
    const sampler = setInterval(() => samples.push(rssMiB(service.pid!)), 5000);
    const soak = await load(`soak: warm cache for ${SOAK} s`, base, ids, SOAK);
    clearInterval(sampler);
    samples.push(rssMiB(service.pid!));
    await stop(service);

    service = await startProcess('service/src/server.ts', { ...serviceEnv, CACHE_ENABLED: 'false' }, port);
    await load('warm-up', base, ids, 10);
    rows.push(await load('GET /v1/titles/{id}, postgres only (cache off)', base, ids));
    await stop(service);
    rows.push(soak);

    console.log(
      `\n${CONNECTIONS} connections, ${DURATION} s per scenario, node ${process.version}, ${CORES} cores (shared with Redis, PostgreSQL and ` +
        `the load generator)\n`,
    );
    console.log('| scenario | requests/s | p50 ms | p99 ms | errors |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
    const firstHalf = samples.slice(0, Math.ceil(samples.length / 2));
    const secondHalf = samples.slice(Math.ceil(samples.length / 2));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `\nservice RSS during the soak: start ${samples[0].toFixed(0)} MiB, first half mean ${avg(firstHalf).toFixed(0)} MiB, ` +
        `second half mean ${avg(secondHalf).toFixed(0)} MiB, max ${Math.max(...samples).toFixed(0)} MiB, end ` +
        `${samples[samples.length - 1].toFixed(0)} MiB`,
    );
    console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const [ceilingRow, warm, , , postgresOnly] = rows;
    console.log(
      `api bench: warm-cache/ceiling ${(warm.rps / ceilingRow.rps).toFixed(2)}x, warm-cache/postgres-only ` +
        `${(warm.rps / postgresOnly.rps).toFixed(2)}x`,
    );
  } finally {
    await env.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
