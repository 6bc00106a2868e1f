import type { TestEnvironment, Instance } from '../harness/environment';
import { call, put } from '../harness/http';
import { createTitle, inBatches, titleBody } from '../harness/fixtures';
import { ALB_IDLE_TIMEOUT_SECONDS, KEEP_ALIVE_TIMEOUT_MS } from '../../../service/src/contract';

/** Every route: shapes, headers, pagination edges, validation errors, 404, ETag/304 and write preconditions. */
export function routesSuite(env: () => TestEnvironment): void {
  describe('routes', () => {
    let api: Instance;
    const ids = Array.from({ length: 7 }, (_, i) => `routes-${String(i).padStart(2, '0')}`);

    beforeAll(async () => {
      api = await env().startInstance();
      await inBatches(ids, 4, (id) =>
        createTitle(api.url, id, {
          genres: ['routes-genre', Number(id.slice(-2)) % 2 ? 'odd' : 'even'],
          type: id.endsWith('6') ? 'series' : 'movie',
          releaseYear: Number(id.slice(-2)) < 3 ? 1999 : 2005,
        }),
      );
    });
    afterAll(() => api.close());

    describe('GET /v1/titles/{id}', () => {
      it('returns the title document with its genres, credits and availability', async () => {
        const reply = await call(`${api.url}/v1/titles/routes-01`);
        expect(reply.status).toBe(200);
        expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
        expect(reply.body).toMatchObject({
          id: 'routes-01',
          type: 'movie',
          name: 'routes-01',
          releaseYear: 1999,
          runtimeMinutes: 120,
          version: 1,
          genres: ['odd', 'routes-genre'],
          credits: [{ personId: 'ada-lovelace', name: 'Ada Lovelace', role: 'director', character: null }],
          availability: [{ region: 'GB', endsAt: null }],
        });
        expect(Date.parse(reply.body.availability[0].startsAt)).toBe(Date.parse('2024-01-01T00:00:00Z'));
        expect(reply.headers.get('etag')).toBe('"v1"');
        expect(reply.headers.get('cache-control')).toBe('public, no-cache');
      });

      it('answers If-None-Match with 304 (also for weak and listed tags) and a changed tag with 200', async () => {
        for (const tag of ['"v1"', 'W/"v1"', '"x", "v1"', '*']) {
          const reply = await call(`${api.url}/v1/titles/routes-01`, { headers: { 'if-none-match': tag } });
          expect(reply.status).toBe(304);
          expect(reply.text).toBe('');
          expect(reply.headers.get('etag')).toBe('"v1"');
        }
        expect((await call(`${api.url}/v1/titles/routes-01`, { headers: { 'if-none-match': '"v0"' } })).status).toBe(200);
      });

      it('returns 404 as problem+json for an unknown title', async () => {
        const reply = await call(`${api.url}/v1/titles/no-such-title`);
        expect(reply.status).toBe(404);
        expect(reply.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
        expect(reply.body).toEqual({
          type: 'urn:streamflix:problem:not-found',
          title: 'Not found',
          status: 404,
          detail: 'title no-such-title does not exist',
        });
      });

      it('rejects a malformed id with 400 naming the parameter', async () => {
        const reply = await call(`${api.url}/v1/titles/Not_Valid`);
        expect(reply.status).toBe(400);
        expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'params.id' })]);
      });

      it('echoes a valid X-Request-Id and generates one otherwise', async () => {
        expect((await call(`${api.url}/v1/titles/routes-01`, { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id')).toBe(
          'abc-123',
        );
        expect((await call(`${api.url}/v1/titles/routes-01`, { headers: { 'x-request-id': 'bad id!' } })).headers.get('x-request-id')).toMatch(
          /^[0-9a-f-]{36}$/,
        );
      });
    });

    describe('GET /v1/titles (keyset pagination)', () => {
      it('walks every page in a stable order with no gaps or repeats, ending with a null cursor', async () => {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const query: string = `genre=routes-genre&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
          const reply = await call(`${api.url}/v1/titles?${query}`);
          expect(reply.status).toBe(200);
          expect(reply.body.items.length).toBeLessThanOrEqual(3);
          seen.push(...reply.body.items.map((t: { id: string }) => t.id));
          cursor = reply.body.nextCursor;
          pages++;
        } while (cursor);
        expect(seen).toEqual(ids);
        expect(pages).toBe(3);
      });

      it('returns no next cursor when the last page is exactly full', async () => {
        const first = await call(`${api.url}/v1/titles?genre=routes-genre&limit=${ids.length}`);
        expect(first.body.items).toHaveLength(ids.length);
        expect(first.body.nextCursor).toBeNull();
      });

      it('filters by type, genre and year together', async () => {
        const reply = await call(`${api.url}/v1/titles?genre=odd&year=2005&type=movie`);
        expect(reply.body.items.map((t: { id: string }) => t.id)).toEqual(['routes-03', 'routes-05']);
        const series = await call(`${api.url}/v1/titles?type=series&genre=routes-genre`);
        expect(series.body.items.map((t: { id: string }) => t.id)).toEqual(['routes-06']);
        expect((await call(`${api.url}/v1/titles?genre=no-such-genre`)).body).toEqual({ items: [], nextCursor: null });
      });

      it('rejects bad limits, cursors and unknown parameters with 400 naming the field', async () => {
        for (const [query, field] of [
          ['limit=0', 'querystring.limit'],
          ['limit=101', 'querystring.limit'],
          ['limit=two', 'querystring.limit'],
          ['type=film', 'querystring.type'],
          ['year=1700', 'querystring.year'],
          ['cursor=%21%21', 'querystring.cursor'],
          ['cursor=Zm9v_', 'querystring.cursor'],
          ['sort=name', 'querystring.sort'],
        ]) {
          const reply = await call(`${api.url}/v1/titles?${query}`);
          expect({ query, status: reply.status, type: reply.headers.get('content-type') }).toEqual({
            query,
            status: 400,
            type: 'application/problem+json; charset=utf-8',
          });
          expect(reply.body.errors[0].field).toBe(field);
        }
      });

      it('gives a list page an ETag and answers it with 304', async () => {
        const first = await call(`${api.url}/v1/titles?genre=routes-genre&limit=2`);
        const again = await call(`${api.url}/v1/titles?genre=routes-genre&limit=2`, { headers: { 'if-none-match': first.headers.get('etag')! } });
        expect(again.status).toBe(304);
      });
    });

    describe('GET /v1/search', () => {
      it('finds titles by words of the name or synopsis, best match first', async () => {
        await createTitle(api.url, 'search-target', { name: 'Quantum Lighthouse', synopsis: 'a keeper of light' });
        await createTitle(api.url, 'search-other', { name: 'Ordinary Harbour', synopsis: 'quantum physics at sea' });
        const reply = await call(`${api.url}/v1/search?q=quantum`);
        expect(reply.status).toBe(200);
        expect(reply.body.query).toBe('quantum');
        expect(reply.body.items.map((t: { id: string }) => t.id)).toEqual(['search-target', 'search-other']);
        expect(
          (await call(`${api.url}/v1/search?q=${encodeURIComponent('quantum lighthouse')}`)).body.items.map((t: { id: string }) => t.id),
        ).toEqual(['search-target']);
        expect((await call(`${api.url}/v1/search?q=zzzzunmatched`)).body.items).toEqual([]);
      });

      it('requires q', async () => {
        for (const query of ['', 'q=', 'q=%20%20', 'q=a&limit=51']) {
          const reply = await call(`${api.url}/v1/search?${query}`);
          expect(reply.status).toBe(400);
          expect(reply.body.errors[0].field).toMatch(/^querystring\.(q|limit)$/);
        }
      });
    });

    describe('seasons and episodes', () => {
      it('creates seasons and episodes of a series and lists them with episode counts', async () => {
        expect((await put(`${api.url}/v1/titles/routes-06/seasons/1`, { name: 'Season 1', overview: 'first' })).status).toBe(201);
        expect((await put(`${api.url}/v1/titles/routes-06/seasons/2`, { name: 'Season 2' })).status).toBe(201);
        const created = await put(`${api.url}/v1/titles/routes-06/seasons/1/episodes/1`, {
          name: 'Pilot',
          runtimeMinutes: 50,
          airDate: '2005-03-01',
        });
        expect(created.status).toBe(201);
        expect(created.headers.get('location')).toBe('/v1/titles/routes-06/seasons/1/episodes/1');
        expect(created.body).toMatchObject({ number: 1, name: 'Pilot', airDate: '2005-03-01', version: 1 });
        await put(`${api.url}/v1/titles/routes-06/seasons/1/episodes/2`, { name: 'Second' });

        const seasons = await call(`${api.url}/v1/titles/routes-06/seasons`);
        expect(seasons.status).toBe(200);
        expect(seasons.body.titleId).toBe('routes-06');
        expect(seasons.body.seasons.map((s: { number: number; episodeCount: number }) => [s.number, s.episodeCount])).toEqual([
          [1, 2],
          [2, 0],
        ]);
        const episodes = await call(`${api.url}/v1/titles/routes-06/seasons/1/episodes`);
        expect(episodes.body).toMatchObject({ titleId: 'routes-06', seasonNumber: 1 });
        expect(episodes.body.episodes.map((e: { name: string }) => e.name)).toEqual(['Pilot', 'Second']);
        expect((await call(`${api.url}/v1/titles/routes-06/seasons/2/episodes`)).body.episodes).toEqual([]);
        const tag = episodes.headers.get('etag')!;
        expect((await call(`${api.url}/v1/titles/routes-06/seasons/1/episodes`, { headers: { 'if-none-match': tag } })).status).toBe(304);
      });

      it('returns 404 for the seasons of an unknown title and the episodes of an unknown season', async () => {
        expect((await call(`${api.url}/v1/titles/nobody/seasons`)).status).toBe(404);
        expect((await call(`${api.url}/v1/titles/routes-06/seasons/9/episodes`)).status).toBe(404);
        expect((await call(`${api.url}/v1/titles/routes-01/seasons`)).body).toEqual({ titleId: 'routes-01', seasons: [] });
        expect((await call(`${api.url}/v1/titles/routes-06/seasons/x/episodes`)).body.errors[0].field).toBe('params.season');
      });

      it('refuses seasons for movies, unknown titles and episodes of unknown seasons', async () => {
        expect((await put(`${api.url}/v1/titles/routes-01/seasons/1`, { name: 'S1' })).status).toBe(409);
        expect((await put(`${api.url}/v1/titles/nobody/seasons/1`, { name: 'S1' })).status).toBe(404);
        expect((await put(`${api.url}/v1/titles/routes-06/seasons/7/episodes/1`, { name: 'E1' })).status).toBe(404);
      });

      it('updates a season and an episode only with a matching version', async () => {
        expect((await put(`${api.url}/v1/titles/routes-06/seasons/2`, { name: 'S2 again' })).status).toBe(428);
        expect((await put(`${api.url}/v1/titles/routes-06/seasons/2`, { name: 'S2 again', version: 3 })).status).toBe(409);
        const updated = await put(`${api.url}/v1/titles/routes-06/seasons/2`, { name: 'S2 again' }, { 'if-match': '"v1"' });
        expect(updated.status).toBe(200);
        expect(updated.body).toMatchObject({ name: 'S2 again', version: 2 });
        const episode = await put(`${api.url}/v1/titles/routes-06/seasons/1/episodes/2`, { name: 'Second, renamed', version: 1 });
        expect(episode.status).toBe(200);
        expect(episode.headers.get('etag')).toBe('"v2"');
        expect((await put(`${api.url}/v1/titles/routes-06/seasons/1/episodes/2`, { name: 'x' }, { 'if-match': '"v1"' })).status).toBe(412);
      });
    });

    describe('PUT /v1/titles/{id}', () => {
      it('creates with 201 and Location, then updates only with If-Match or version (optimistic concurrency)', async () => {
        const created = await put(`${api.url}/v1/titles/routes-put`, titleBody('First name'), { 'if-none-match': '*' });
        expect(created.status).toBe(201);
        expect(created.headers.get('location')).toBe('/v1/titles/routes-put');
        expect(created.headers.get('etag')).toBe('"v1"');

        const again = await put(`${api.url}/v1/titles/routes-put`, titleBody('Again'), { 'if-none-match': '*' });
        expect(again.status).toBe(412);
        const blind = await put(`${api.url}/v1/titles/routes-put`, titleBody('Blind'));
        expect(blind.status).toBe(428);
        expect(blind.body.type).toBe('urn:streamflix:problem:precondition-required');

        const updated = await put(`${api.url}/v1/titles/routes-put`, titleBody('Second name', { genres: ['comedy'] }), { 'if-match': '"v1"' });
        expect(updated.status).toBe(200);
        expect(updated.body).toMatchObject({ name: 'Second name', version: 2, genres: ['comedy'] });

        const stale = await put(`${api.url}/v1/titles/routes-put`, titleBody('Lost update'), { 'if-match': '"v1"' });
        expect(stale.status).toBe(412);
        const staleBody = await put(`${api.url}/v1/titles/routes-put`, titleBody('Lost update', { version: 1 }));
        expect(staleBody.status).toBe(409);
        expect(staleBody.body).toMatchObject({ type: 'urn:streamflix:problem:version-conflict', status: 409 });
        expect(staleBody.body.detail).toMatch(/version 1 given, but the title is at version 2/);
        expect((await put(`${api.url}/v1/titles/routes-put`, titleBody('Third', { version: 2 }))).body.version).toBe(3);
        expect((await put(`${api.url}/v1/titles/routes-missing`, titleBody('x'), { 'if-match': '"v1"' })).status).toBe(412);
        expect((await call(`${api.url}/v1/titles/routes-put`)).body.name).toBe('Third');
      });

      it('rejects invalid bodies with 400 naming the field, and never shows internals', async () => {
        const cases: [Record<string, unknown>, string][] = [
          [{ type: 'movie' }, 'body.name'],
          [titleBody('x', { type: 'short' }), 'body.type'],
          [titleBody('x', { releaseYear: 1200 }), 'body.releaseYear'],
          [titleBody('x', { colour: 'red' }), 'body.colour'],
          [titleBody('x', { genres: ['Drama!'] }), 'body.genres.0'],
          [titleBody('x', { credits: [{ personId: 'p', name: 'P', role: 'stunt' }] }), 'body.credits.0.role'],
          [titleBody('x', { availability: [{ region: 'GB', startsAt: 'yesterday' }] }), 'body.availability.0.startsAt'],
          [
            titleBody('x', { availability: [{ region: 'GB', startsAt: '2024-02-01T00:00:00Z', endsAt: '2024-01-01T00:00:00Z' }] }),
            'body.availability.0.endsAt',
          ],
        ];
        for (const [body, field] of cases) {
          const reply = await put(`${api.url}/v1/titles/routes-invalid`, body);
          expect({ field, status: reply.status }).toEqual({ field, status: 400 });
          expect(reply.body.errors[0].field).toBe(field);
          expect(reply.text).not.toMatch(/at .*\.(ts|js):\d+/);
        }
        const notJson = await fetch(`${api.url}/v1/titles/routes-invalid`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: '{"name":',
        });
        expect(notJson.status).toBe(400);
        expect(notJson.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
        const wrongType = await fetch(`${api.url}/v1/titles/routes-invalid`, {
          method: 'PUT',
          headers: { 'content-type': 'text/plain' },
          body: 'hello',
        });
        expect(wrongType.status).toBe(415);
        expect((await call(`${api.url}/v1/titles/routes-invalid`)).status).toBe(404);
      });
    });

    it('answers unknown routes and methods with problem+json 404', async () => {
      const reply = await call(`${api.url}/v2/nothing`);
      expect(reply.status).toBe(404);
      expect(reply.body.type).toBe('urn:streamflix:problem:not-found');
      expect((await call(`${api.url}/v1/titles/routes-01`, { method: 'DELETE' })).status).toBe(404);
    });

    it('keeps idle connections open longer than the ALB (idle timeout 60 s), so the ALB never reuses a closed one', () => {
      expect(api.service.app.server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
      expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(ALB_IDLE_TIMEOUT_SECONDS * 1000);
      expect(api.service.app.server.headersTimeout).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
    });

    it('reports liveness and readiness', async () => {
      expect(await call(`${api.url}/healthz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect(await call(`${api.url}/readyz`)).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'ok', cache: 'ok' } } });
    });
  });
}
