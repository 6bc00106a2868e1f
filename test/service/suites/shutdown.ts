import { spawn } from 'child_process';
import * as path from 'path';
import type { TestEnvironment } from '../harness/environment';
import { freePort, waitForPort } from '../harness/ports';
import { createTitle } from '../harness/fixtures';

const ROOT = path.join(__dirname, '..', '..', '..');

/** SIGTERM under load: the process drains, answers everything it accepted, closes its pools and exits 0. */
export function shutdownSuite(env: () => TestEnvironment): void {
  describe('graceful shutdown', () => {
    it('SIGTERM under load fails no request', async () => {
      const port = await freePort();
      const child = spawn(process.execPath, ['-r', './scripts/transpile-only.js', 'service/src/server.ts'], {
        cwd: ROOT,
        env: { ...process.env, ...env().env, PORT: String(port), SHUTDOWN_DRAIN_MS: '1000', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const url = `http://127.0.0.1:${port}`;
      await Promise.race([
        waitForPort(port, 45_000),
        exited.then((code) => {
          throw new Error(`the service exited (${code}) before listening:\n${output}`);
        }),
      ]).catch((error) => {
        child.kill('SIGKILL');
        throw new Error(`${(error as Error).message}\n${output}`);
      });
      await createTitle(url, 'shutdown-title').catch(() => undefined); // exists already on a re-run

      const outcomes = { ok: 0, afterSignal: 0, failed: [] as string[] };
      let signalled = false;
      // Each client behaves like the ALB with a draining target: it stops using the task once told to close.
      const client = async () => {
        for (;;) {
          try {
            const response = await fetch(`${url}/v1/titles/shutdown-title`);
            await response.text();
            if (response.status === 200) {
              outcomes.ok++;
              if (signalled) outcomes.afterSignal++;
            } else {
              outcomes.failed.push(String(response.status));
            }
            if (response.headers.get('connection') === 'close') return;
          } catch (error) {
            outcomes.failed.push((error as Error).message);
            return;
          }
        }
      };
      const clients = Array.from({ length: 16 }, client);
      await new Promise((r) => setTimeout(r, 500));
      child.kill('SIGTERM');
      signalled = true;
      await new Promise((r) => setTimeout(r, 200));
      const readiness = await fetch(`${url}/readyz`);
      expect(readiness.status).toBe(503);
      await Promise.all(clients);
      const code = await exited;

      expect({ failed: outcomes.failed, code }).toEqual({ failed: [], code: 0 });
      expect(outcomes.ok).toBeGreaterThanOrEqual(16); // every client got answers; how many depends on the machine's load
      expect(outcomes.afterSignal).toBeGreaterThan(0);
      expect(output).toMatch(/"msg":"shutting down"/);
      expect(output).toMatch(/"msg":"stopped"/);
      expect(output).toMatch(/"reqId":/);
    });
  });
}
