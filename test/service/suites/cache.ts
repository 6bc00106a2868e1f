import type { TestEnvironment, Instance } from '../harness/environment';
import { call, put } from '../harness/http';
import { createTitle, titleBody, untilFilled } from '../harness/fixtures';

/** Cache-aside: hit, miss, coalescing, negative caching, TTL jitter, and invalidation after every kind of write. */
export function cacheSuite(env: () => TestEnvironment): void {
  describe('cache-aside over Redis', () => {
    let api: Instance;
    let queries: jest.SpyInstance;

    beforeAll(async () => {
      api = await env().startInstance();
      queries = jest.spyOn(api.service.db, 'query'); // counts the SQL the reads send; calls through
    });
    afterAll(async () => {
      queries.mockRestore();
      await api.close();
    });
    beforeEach(() => queries.mockClear());

    it('serves a miss from PostgreSQL once, then hits Redis without touching PostgreSQL', async () => {
      await createTitle(api.url, 'cache-hit');
      queries.mockClear();
      const miss = await call(`${api.url}/v1/titles/cache-hit`);
      expect(queries).toHaveBeenCalledTimes(1);
      const hit = await call(`${api.url}/v1/titles/cache-hit`);
      expect(queries).toHaveBeenCalledTimes(1);
      expect(hit.text).toBe(miss.text);
      expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
      await untilFilled(api.service.redis!, 'title:cache-hit');
      expect(await api.service.redis!.get('sfx:v1:title:cache-hit')).toBe(`"v1"\n${miss.text}`);
    });

    it('coalesces 100 concurrent misses of one key into one query', async () => {
      await createTitle(api.url, 'cache-coalesce');
      queries.mockClear();
      const replies = await Promise.all(Array.from({ length: 100 }, () => call(`${api.url}/v1/titles/cache-coalesce`)));
      expect(replies.every((r) => r.status === 200 && r.body.id === 'cache-coalesce')).toBe(true);
      expect(queries).toHaveBeenCalledTimes(1);
    });

    it('caches a 404 briefly, and a create replaces it at once', async () => {
      expect((await call(`${api.url}/v1/titles/cache-later`)).status).toBe(404);
      expect((await call(`${api.url}/v1/titles/cache-later`)).status).toBe(404);
      expect(queries).toHaveBeenCalledTimes(1);
      const ttl = await api.service.redis!.ttl('sfx:v1:title:cache-later');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(5);
      await createTitle(api.url, 'cache-later');
      expect((await call(`${api.url}/v1/titles/cache-later`)).status).toBe(200);
    });

    it('sets document TTLs with jitter (300 s + up to 20%)', async () => {
      const ids = Array.from({ length: 12 }, (_, i) => `cache-ttl-${i}`);
      for (const id of ids) await createTitle(api.url, id);
      for (const id of ids) await call(`${api.url}/v1/titles/${id}`);
      for (const id of ids) await untilFilled(api.service.redis!, `title:${id}`); // fills are not awaited by the response
      const ttls = await Promise.all(ids.map((id) => api.service.redis!.ttl(`sfx:v1:title:${id}`)));
      for (const ttl of ttls) {
        expect(ttl).toBeGreaterThanOrEqual(299);
        expect(ttl).toBeLessThanOrEqual(360);
      }
      expect(new Set(ttls).size).toBeGreaterThan(1);
    });

    it('a title write invalidates its document, the list pages and the search results it appears in', async () => {
      await createTitle(api.url, 'cache-inval', { name: 'Marmalade Express', genres: ['cache-inval-genre'] });
      const read = async () =>
        Promise.all([
          call(`${api.url}/v1/titles/cache-inval`),
          call(`${api.url}/v1/titles?genre=cache-inval-genre`),
          call(`${api.url}/v1/search?q=marmalade`),
          call(`${api.url}/v1/search?q=porridge`),
        ]);
      await read();
      queries.mockClear();
      const [doc, list, search, other] = await read(); // all four cached now
      expect(queries).not.toHaveBeenCalled();
      expect([doc.body.name, list.body.items[0].name, search.body.items.length, other.body.items.length]).toEqual([
        'Marmalade Express',
        'Marmalade Express',
        1,
        0,
      ]);

      const updated = await put(`${api.url}/v1/titles/cache-inval`, titleBody('Porridge Express', { genres: ['cache-inval-genre'] }), {
        'if-match': '"v1"',
      });
      expect(updated.status).toBe(200);
      const [doc2, list2, search2, other2] = await read();
      expect([
        doc2.body.name,
        doc2.body.version,
        list2.body.items[0].name,
        search2.body.items.length,
        other2.body.items.map((t: { id: string }) => t.id),
      ]).toEqual(['Porridge Express', 2, 'Porridge Express', 0, ['cache-inval']]);
    });

    it('a season write invalidates the season list; an episode write the episode list and the season counts', async () => {
      await createTitle(api.url, 'cache-series', { type: 'series' });
      await put(`${api.url}/v1/titles/cache-series/seasons/1`, { name: 'One' });
      const seasons = () => call(`${api.url}/v1/titles/cache-series/seasons`);
      const episodes = () => call(`${api.url}/v1/titles/cache-series/seasons/1/episodes`);
      await seasons();
      await episodes();
      queries.mockClear();
      await seasons();
      await episodes();
      expect(queries).not.toHaveBeenCalled();

      await put(`${api.url}/v1/titles/cache-series/seasons/1`, { name: 'One, renamed' }, { 'if-match': '"v1"' });
      expect((await seasons()).body.seasons[0]).toMatchObject({ name: 'One, renamed', version: 2, episodeCount: 0 });

      await put(`${api.url}/v1/titles/cache-series/seasons/1/episodes/1`, { name: 'Pilot' });
      expect((await episodes()).body.episodes.map((e: { name: string }) => e.name)).toEqual(['Pilot']);
      expect((await seasons()).body.seasons[0].episodeCount).toBe(1);
      await put(`${api.url}/v1/titles/cache-series/seasons/1/episodes/1`, { name: 'Pilot (recut)' }, { 'if-match': '"v1"' });
      expect((await episodes()).body.episodes[0]).toMatchObject({ name: 'Pilot (recut)', version: 2 });
    });
  });
}
