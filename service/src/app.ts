import { createHash, randomUUID } from 'crypto';
import fastify, { FastifyInstance, FastifyReply, FastifyRequest, LogController } from 'fastify';
import fastJson from 'fast-json-stringify';
import { Catalogue, Precondition, TitleInput, SeasonInput, EpisodeInput, TitleType } from './catalogue';
import { Entry, MetadataCache } from './cache';
import { KEEP_ALIVE_TIMEOUT_MS, LIVENESS_PATH, READINESS_PATH } from './contract';
import { errorHandler, problem, sendProblem } from './problem';
import * as S from './schemas';

export interface AppDependencies {
  readonly catalogue: Catalogue;
  readonly cache: MetadataCache;
  /** Readiness probes of the two dependencies; each rejects when its server is unreachable. */
  readonly checks: { readonly database: () => Promise<void>; readonly cache: () => Promise<void> };
  readonly logLevel?: string;
}

/** Shared with the shutdown sequence: while draining, /readyz fails and every response closes its connection. */
export interface AppState {
  draining: boolean;
}

/** Reads may be stored, but every use revalidates (ETag): no client or proxy serves an older version than the API. */
const READ_CACHE_CONTROL = 'public, no-cache';

/** Serializers compiled once from the response schemas (the cache stores their output). */
const compile = (schema: object): ((doc: unknown) => string) => fastJson(schema as Parameters<typeof fastJson>[0]) as (doc: unknown) => string;
const serialize = {
  title: compile(S.titleDocument),
  titlePage: compile(S.titlePage),
  search: compile(S.searchResults),
  seasons: compile(S.seasonList),
  episodes: compile(S.episodeList),
  season: compile(S.season),
  episode: compile(S.episode),
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** One access line per request (with its request id) instead of Fastify's two: half the logging cost on the hot path. */
class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

export function buildApp(deps: AppDependencies): { app: FastifyInstance; state: AppState } {
  const state: AppState = { draining: false };
  const app = fastify({
    logger: { level: deps.logLevel ?? 'info' },
    logController: new AccessLog(),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    return503OnClosing: false, // shutdown drains first; requests still in flight are answered normally
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  });
  app.server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000; // must outlast keep-alive, or idle sockets die early
  const { catalogue, cache } = deps;

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    if (state.draining) reply.header('connection', 'close');
    done();
  });
  app.removeContentTypeParser('text/plain'); // bodies are JSON only: anything else is 415
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'not-found', `no route for ${request.method} ${request.url.split('?')[0]}`)),
  );

  const response200 = (schema: object) => ({ 200: schema, '4xx': S.problem, '5xx': S.problem });

  app.get(LIVENESS_PATH, { schema: { response: { 200: S.health } } }, async () => ({ status: 'ok' }));
  app.get(READINESS_PATH, { schema: { response: { 200: S.health, 503: S.health } } }, async (_request, reply) => {
    if (state.draining) return reply.code(503).send({ status: 'draining', checks: {} });
    const [database, redis] = await Promise.all([probe(deps.checks.database), probe(deps.checks.cache)]);
    // Without Redis the API still serves (from PostgreSQL): only the database decides readiness.
    const ready = database === 'ok';
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? (redis === 'ok' ? 'ready' : 'degraded') : 'unavailable', checks: { database, cache: redis } });
  });

  app.get<{ Params: { id: string } }>(
    '/v1/titles/:id',
    { schema: { params: S.titleIdParams, response: response200(S.titleDocument) } },
    async (request, reply) => {
      const { id } = request.params;
      const entry = await cache.document(`title:${id}`, async () => {
        const doc = await catalogue.title(id);
        return doc && { etag: versionTag(doc.version), body: serialize.title(doc) };
      });
      return sendRead(request, reply, entry, `title ${id} does not exist`);
    },
  );

  app.get<{ Querystring: { type?: TitleType; genre?: string; year?: number; limit: number; cursor?: string } }>(
    '/v1/titles',
    { schema: { querystring: S.listQuery, response: response200(S.titlePage) } },
    async (request, reply) => {
      const { type, genre, year, limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (after === null)
        return sendProblem(
          reply,
          problem(400, 'invalid-request', 'querystring.cursor is not a cursor this API returned', [
            { field: 'querystring.cursor', message: 'is not a cursor this API returned' },
          ]),
        );
      const key = `titles?type=${type ?? ''}&genre=${genre ?? ''}&year=${year ?? ''}&limit=${limit}&after=${after ?? ''}`;
      const entry = await cache.list(key, async () => {
        const page = await catalogue.titles({ type, genre, year, limit, after });
        return hashed(serialize.titlePage({ items: page.items, nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) }));
      });
      return sendRead(request, reply, entry, '');
    },
  );

  app.get<{ Querystring: { q: string; limit: number } }>(
    '/v1/search',
    { schema: { querystring: S.searchQuery, response: response200(S.searchResults) } },
    async (request, reply) => {
      const q = request.query.q.trim().replace(/\s+/g, ' ');
      const { limit } = request.query;
      const entry = await cache.list(`search?q=${encodeURIComponent(q)}&limit=${limit}`, async () =>
        hashed(serialize.search({ query: q, items: await catalogue.search(q, limit) })),
      );
      return sendRead(request, reply, entry, '');
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/titles/:id/seasons',
    { schema: { params: S.titleIdParams, response: response200(S.seasonList) } },
    async (request, reply) => {
      const { id } = request.params;
      const entry = await cache.document(`seasons:${id}`, async () => {
        const seasons = await catalogue.seasons(id);
        return seasons && hashed(serialize.seasons({ titleId: id, seasons }));
      });
      return sendRead(request, reply, entry, `title ${id} does not exist`);
    },
  );

  app.get<{ Params: { id: string; season: number } }>(
    '/v1/titles/:id/seasons/:season/episodes',
    { schema: { params: S.seasonParams, response: response200(S.episodeList) } },
    async (request, reply) => {
      const { id, season } = request.params;
      const entry = await cache.document(`episodes:${id}:${season}`, async () => {
        const episodes = await catalogue.episodes(id, season);
        return episodes && hashed(serialize.episodes({ titleId: id, seasonNumber: season, episodes }));
      });
      return sendRead(request, reply, entry, `season ${season} of title ${id} does not exist`);
    },
  );

  // Writes. In the blueprint, API Gateway lets only IAM-signed requests reach these routes.
  app.put<{ Params: { id: string }; Body: TitleInput }>(
    '/v1/titles/:id',
    {
      schema: {
        params: S.titleIdParams,
        body: S.titleBody,
        response: { 200: S.titleDocument, 201: S.titleDocument, '4xx': S.problem, '5xx': S.problem },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const invalid = checkAvailability(request.body);
      if (invalid) return sendProblem(reply, problem(400, 'invalid-request', `${invalid.field} ${invalid.message}`, [invalid]));
      refuseWithoutCache(cache);
      const { created, doc } = await catalogue.putTitle(id, request.body, precondition(request, request.body.version));
      await invalidate(cache, [`title:${id}`], true, doc.version);
      return sendWrite(reply, created, doc.version, serialize.title(doc), `/v1/titles/${id}`);
    },
  );

  app.put<{ Params: { id: string; season: number }; Body: SeasonInput }>(
    '/v1/titles/:id/seasons/:season',
    { schema: { params: S.seasonParams, body: S.seasonBody, response: { 200: S.season, 201: S.season, '4xx': S.problem, '5xx': S.problem } } },
    async (request, reply) => {
      const { id, season } = request.params;
      refuseWithoutCache(cache);
      const result = await catalogue.putSeason(id, season, request.body, precondition(request, request.body.version));
      const version = (result.season as { version: number }).version;
      await invalidate(cache, [`seasons:${id}`, `episodes:${id}:${season}`], false, version);
      return sendWrite(reply, result.created, version, serialize.season(result.season), `/v1/titles/${id}/seasons/${season}`);
    },
  );

  app.put<{ Params: { id: string; season: number; episode: number }; Body: EpisodeInput }>(
    '/v1/titles/:id/seasons/:season/episodes/:episode',
    { schema: { params: S.episodeParams, body: S.episodeBody, response: { 200: S.episode, 201: S.episode, '4xx': S.problem, '5xx': S.problem } } },
    async (request, reply) => {
      const { id, season, episode } = request.params;
      refuseWithoutCache(cache);
      const result = await catalogue.putEpisode(id, season, episode, request.body, precondition(request, request.body.version));
      const version = (result.episode as { version: number }).version;
      // The season list carries episode counts, so an episode write changes it too.
      await invalidate(cache, [`episodes:${id}:${season}`, `seasons:${id}`], false, version);
      return sendWrite(reply, result.created, version, serialize.episode(result.episode), `/v1/titles/${id}/seasons/${season}/episodes/${episode}`);
    },
  );

  return { app, state };
}

function sendRead(request: FastifyRequest, reply: FastifyReply, entry: Entry | null, notFound: string): FastifyReply {
  if (!entry) return sendProblem(reply, problem(404, 'not-found', notFound));
  reply.header('etag', entry.etag).header('cache-control', READ_CACHE_CONTROL);
  if (etagMatches(request.headers['if-none-match'], entry.etag)) return reply.code(304).send();
  return reply.header('content-type', 'application/json; charset=utf-8').send(entry.body);
}

function sendWrite(reply: FastifyReply, created: boolean, version: number, body: string, location: string): FastifyReply {
  if (created) reply.header('location', location);
  return reply
    .code(created ? 201 : 200)
    .header('etag', versionTag(version))
    .header('cache-control', 'no-store')
    .header('content-type', 'application/json; charset=utf-8')
    .send(body);
}

function refuseWithoutCache(cache: MetadataCache): void {
  // A write whose invalidation cannot reach Redis could leave an older version cached for other tasks.
  if (!cache.writable) throw Object.assign(new Error('cache unreachable'), { unavailable: 'cache' });
}

async function invalidate(cache: MetadataCache, keys: string[], lists: boolean, version: number): Promise<void> {
  try {
    await cache.invalidate(keys, lists);
  } catch {
    throw Object.assign(new Error('invalidation pending'), { unavailable: 'invalidation', version });
  }
}

function precondition(request: FastifyRequest, bodyVersion: number | undefined): Precondition {
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  return {
    ifMatch: ifMatch === undefined ? undefined : ifMatch.trim() === '*' ? '*' : parseVersionTag(ifMatch),
    ifNoneMatchAny: ifNoneMatch?.trim() === '*',
    bodyVersion,
  };
}

function versionTag(version: number): string {
  return `"v${version}"`;
}

/** A strong `"vN"` tag; anything else (weak tags, lists of other tags) matches no version. */
function parseVersionTag(header: string): number {
  const match = /^\s*"v(\d{1,9})"\s*$/.exec(header);
  return match ? Number(match[1]) : -1;
}

function hashed(body: string): Entry {
  return { etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`, body };
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

/** The id after which the next page starts; null when the cursor is not one this API issued. */
function decodeCursor(cursor: string): string | null {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[a-z0-9][a-z0-9-]{0,63}$/.test(id) && encodeCursor(id) === cursor ? id : null;
}

function checkAvailability(body: TitleInput): { field: string; message: string } | undefined {
  const seen = new Set<string>();
  for (const [i, window] of (body.availability ?? []).entries()) {
    const starts = Date.parse(window.startsAt);
    if (window.endsAt != null && Date.parse(window.endsAt) <= starts)
      return { field: `body.availability.${i}.endsAt`, message: 'must be after startsAt' };
    const key = `${window.region}|${starts}`;
    if (seen.has(key)) return { field: `body.availability.${i}`, message: 'repeats a region and start of an earlier window' };
    seen.add(key);
  }
  const people = new Set<string>();
  for (const [i, credit] of (body.credits ?? []).entries()) {
    const key = `${credit.personId}|${credit.role}|${credit.character ?? ''}`;
    if (people.has(key)) return { field: `body.credits.${i}`, message: 'repeats an earlier credit' };
    people.add(key);
  }
  return undefined;
}

async function probe(check: () => Promise<void>): Promise<string> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref())]);
    return 'ok';
  } catch {
    return 'unavailable';
  }
}
