import { ChildProcess, spawn } from 'child_process';
import { TestCertificates } from './certs';
import { freePort } from './ports';

/**
 * redis-server (the machine's package, built with TLS) on a free loopback port: TLS only (the plain port
 * is off), a password, no persistence. kill() and start() simulate an outage; DEBUG SLEEP a slow server.
 */
export class TestRedis {
  private process: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly certs: TestCertificates,
    readonly password: string,
  ) {}

  static async create(certs: TestCertificates, password: string): Promise<TestRedis> {
    const server = new TestRedis(await freePort(), certs, password);
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const args = [
      '--port',
      '0',
      '--tls-port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--tls-cert-file',
      this.certs.certFile,
      '--tls-key-file',
      this.certs.keyFile,
      '--tls-ca-cert-file',
      this.certs.caFile,
      '--tls-auth-clients',
      'no',
      '--requirepass',
      this.password,
      '--save',
      '',
      '--appendonly',
      'no',
      '--enable-debug-command',
      'local',
      '--maxmemory-policy',
      'volatile-lru',
    ];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', (error) => reject(new Error(`redis-server could not start (is the redis-server package installed?): ${error.message}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('Ready to accept connections')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`redis-server exited (${code}) during start-up:\n${log}`)));
    });
    child.stdout!.removeAllListeners('data');
    child.stdout!.resume();
  }

  /** SIGKILL: an outage with no goodbye. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    this.process = undefined;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
