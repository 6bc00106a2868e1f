import { performance } from 'perf_hooks';
import type { TestEnvironment, Instance } from '../harness/environment';
import { call, put } from '../harness/http';
import { createTitle, titleBody } from '../harness/fixtures';

/**
 * The consistency promise with two tasks sharing one Redis and one database: once a write has been
 * acknowledged, no read through either task returns an older version, while reads race the writes.
 */
export function consistencySuite(env: () => TestEnvironment): void {
  describe('two instances', () => {
    let a: Instance;
    let b: Instance;

    beforeAll(async () => {
      [a, b] = await Promise.all([env().startInstance(), env().startInstance()]);
    });
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    it('a write through one task is read through the other at once, for documents and lists', async () => {
      await createTitle(a.url, 'two-simple', { genres: ['two-simple-genre'] });
      expect((await call(`${b.url}/v1/titles/two-simple`)).body.version).toBe(1);
      expect((await call(`${b.url}/v1/titles?genre=two-simple-genre`)).body.items[0].version).toBe(1);
      await put(`${a.url}/v1/titles/two-simple`, titleBody('renamed', { genres: ['two-simple-genre'] }), { 'if-match': '"v1"' });
      expect((await call(`${b.url}/v1/titles/two-simple`)).body).toMatchObject({ version: 2, name: 'renamed' });
      expect((await call(`${b.url}/v1/titles?genre=two-simple-genre`)).body.items[0]).toMatchObject({ version: 2, name: 'renamed' });
    });

    it('no read that starts after a write is acknowledged returns an older version, while reads race 25 writes', async () => {
      const id = 'two-race';
      await createTitle(a.url, id, { genres: ['two-race-genre'] });
      const acked: { version: number; at: number }[] = [{ version: 1, at: performance.now() }];
      const reads: { started: number; version: number; status: number }[] = [];
      let writing = true;

      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const reader = async (url: string, path: string, version: (body: any) => number) => {
        while (writing) {
          const started = performance.now();
          const reply = await call(`${url}${path}`);
          reads.push({ started, status: reply.status, version: reply.status === 200 ? version(reply.body) : -1 });
        }
      };
      const readers = [a, b, b, a].flatMap((instance) => [
        reader(instance.url, `/v1/titles/${id}`, (body) => body.version),
        reader(instance.url, '/v1/titles?genre=two-race-genre', (body) => body.items[0].version),
      ]);

      const writeStatuses: number[] = [];
      try {
        for (let version = 1; version <= 25; version++) {
          const writer = version % 2 ? b : a;
          const reply = await put(`${writer.url}/v1/titles/${id}`, titleBody(`race ${version}`, { genres: ['two-race-genre'] }), {
            'if-match': `"v${version}"`,
          });
          writeStatuses.push(reply.status);
          if (reply.status !== 200) break;
          acked.push({ version: version + 1, at: performance.now() });
          await new Promise((r) => setTimeout(r, 5 + (version % 3) * 5));
        }
      } finally {
        writing = false;
        await Promise.all(readers);
      }
      expect(writeStatuses).toEqual(Array(25).fill(200));

      expect(reads.length).toBeGreaterThan(100);
      // A read may fail fast with 503 on an overloaded machine (its connect timeout), but none may be stale.
      const answered = reads.filter((read) => read.status === 200);
      expect(answered.length).toBeGreaterThan(reads.length * 0.95);
      expect(reads.filter((read) => read.status !== 200 && read.status !== 503)).toEqual([]);
      const stale = answered.filter((read) => read.version < acked.filter((w) => w.at <= read.started).pop()!.version);
      expect(stale).toEqual([]);
    });
  });
}
