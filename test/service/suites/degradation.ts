import * as fs from 'fs';
import Redis from 'ioredis';
import type { TestEnvironment, Instance } from '../harness/environment';
import { call, put } from '../harness/http';
import { createTitle, titleBody, untilFilled } from '../harness/fixtures';

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = Date.now();
  const result = await fn();
  return [result, Date.now() - start];
}

/** Redis down or slow, PostgreSQL down: the API degrades as promised and recovers without a restart. */
export function degradationSuite(env: () => TestEnvironment): void {
  describe('degradation and recovery', () => {
    let api: Instance;

    beforeAll(async () => {
      api = await env().startInstance();
      await createTitle(api.url, 'deg-cached');
      await createTitle(api.url, 'deg-uncached');
      await call(`${api.url}/v1/titles/deg-cached`);
    });
    afterAll(() => api.close());

    it('Redis killed: reads go to PostgreSQL, /readyz stays ready, writes are refused; Redis restarted: caching resumes', async () => {
      await env().redis.kill();
      await until('the client notices', async () => api.service.redis!.status !== 'ready');
      const [reply, ms] = await timed(() => call(`${api.url}/v1/titles/deg-cached`));
      expect(reply.status).toBe(200);
      expect(ms).toBeLessThan(1000);
      expect((await call(`${api.url}/v1/titles/deg-uncached`)).status).toBe(200);
      expect(await call(`${api.url}/readyz`)).toMatchObject({
        status: 200,
        body: { status: 'degraded', checks: { database: 'ok', cache: 'unavailable' } },
      });
      const write = await put(`${api.url}/v1/titles/deg-cached`, titleBody('not now'), { 'if-match': '"v1"' });
      expect(write.status).toBe(503);
      expect(write.body.detail).toMatch(/nothing was written/);
      expect(write.headers.get('retry-after')).toBe('1');

      await env().redis.start();
      await until('the client reconnects', async () => (await call(`${api.url}/readyz`)).body.status === 'ready');
      const hitsBefore = api.service.cache.stats.hits;
      await call(`${api.url}/v1/titles/deg-cached`);
      await untilFilled(api.service.redis!, 'title:deg-cached');
      await call(`${api.url}/v1/titles/deg-cached`);
      expect(api.service.cache.stats.hits).toBe(hitsBefore + 1);
      expect((await put(`${api.url}/v1/titles/deg-cached`, titleBody('now'), { 'if-match': '"v1"' })).status).toBe(200);
    });

    it('Redis slow: a read waits at most the command timeout, then PostgreSQL answers', async () => {
      const admin = new Redis({
        host: 'localhost',
        port: env().redis.port,
        password: env().redis.password,
        tls: { ca: fs.readFileSync(env().certs.caFile) },
        maxRetriesPerRequest: 0,
      });
      try {
        const sleeping = admin.call('DEBUG', 'SLEEP', '1.5');
        await new Promise((r) => setTimeout(r, 100));
        const [reply, ms] = await timed(() => call(`${api.url}/v1/titles/deg-uncached`));
        expect(reply.status).toBe(200);
        expect(ms).toBeLessThan(700);
        expect((await call(`${api.url}/readyz`)).status).toBe(200);
        await sleeping;
      } finally {
        admin.disconnect();
      }
      await until('cache back', async () => (await call(`${api.url}/readyz`)).body.status === 'ready');
    });

    it('PostgreSQL down: cached entries are served, uncached reads get 503 quickly, /readyz fails; restarted: it recovers', async () => {
      await call(`${api.url}/v1/titles/deg-cached`); // cached again after the write above
      await untilFilled(api.service.redis!, 'title:deg-cached');
      await env().postgres.stop();
      const cached = await call(`${api.url}/v1/titles/deg-cached`);
      expect(cached.status).toBe(200);
      const [uncached, ms] = await timed(() => call(`${api.url}/v1/titles/deg-never-cached`));
      expect(uncached.status).toBe(503);
      expect(uncached.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(uncached.body.type).toBe('urn:streamflix:problem:dependency-unavailable');
      expect(ms).toBeLessThan(1500);
      expect((await call(`${api.url}/readyz`)).status).toBe(503);
      expect((await call(`${api.url}/healthz`)).status).toBe(200);

      await env().postgres.start();
      await until('uncached reads work again', async () => (await call(`${api.url}/v1/titles/deg-uncached2`)).status === 404);
      expect((await call(`${api.url}/readyz`)).status).toBe(200);
      expect((await put(`${api.url}/v1/titles/deg-cached`, titleBody('after restart'), { 'if-match': '"v2"' })).status).toBe(200);
    });
  });
}
