/** JSON schemas of the API: request validation and response serialization share these definitions. */

const slug = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } as const;
const year = { type: 'integer', minimum: 1870, maximum: 2200 } as const;
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] });

export const titleIdParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: slug },
} as const;

export const seasonParams = {
  type: 'object',
  required: ['id', 'season'],
  additionalProperties: false,
  properties: { id: slug, season: { type: 'integer', minimum: 0, maximum: 1000 } },
} as const;

export const episodeParams = {
  type: 'object',
  required: ['id', 'season', 'episode'],
  additionalProperties: false,
  properties: { id: slug, season: { type: 'integer', minimum: 0, maximum: 1000 }, episode: { type: 'integer', minimum: 1, maximum: 10000 } },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['movie', 'series'] },
    genre: slug,
    year,
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$' },
  },
} as const;

export const searchQuery = {
  type: 'object',
  required: ['q'],
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
    limit: { type: 'integer', minimum: 1, maximum: 50, default: 20 },
  },
} as const;

const credit = {
  type: 'object',
  required: ['personId', 'name', 'role'],
  additionalProperties: false,
  properties: {
    personId: slug,
    name: text(200),
    role: { type: 'string', enum: ['actor', 'director', 'writer', 'producer', 'creator'] },
    character: nullable(text(200)),
  },
} as const;

const availabilityWindow = {
  type: 'object',
  required: ['region', 'startsAt'],
  additionalProperties: false,
  properties: {
    region: { type: 'string', pattern: '^[A-Z]{2}$' },
    startsAt: { type: 'string', format: 'date-time' },
    endsAt: nullable({ type: 'string', format: 'date-time' }),
  },
} as const;

/** Optimistic concurrency: the version the client last read (alternative to If-Match). */
const versionField = { type: 'integer', minimum: 1 } as const;

export const titleBody = {
  type: 'object',
  required: ['type', 'name'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['movie', 'series'] },
    name: text(300),
    synopsis: { type: 'string', maxLength: 5000 },
    releaseYear: nullable(year),
    runtimeMinutes: nullable({ type: 'integer', minimum: 1, maximum: 10000 }),
    genres: { type: 'array', maxItems: 20, uniqueItems: true, items: slug },
    credits: { type: 'array', maxItems: 500, items: credit },
    availability: { type: 'array', maxItems: 500, items: availabilityWindow },
    version: versionField,
  },
} as const;

export const seasonBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: text(300), overview: { type: 'string', maxLength: 5000 }, releaseYear: nullable(year), version: versionField },
} as const;

export const episodeBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: text(300),
    overview: { type: 'string', maxLength: 5000 },
    runtimeMinutes: nullable({ type: 'integer', minimum: 1, maximum: 10000 }),
    airDate: nullable({ type: 'string', format: 'date' }),
    version: versionField,
  },
} as const;

// Responses. Nullable fields use type arrays: fast-json-stringify serializes them directly.
const nStr = { type: ['string', 'null'] } as const;
const nInt = { type: ['integer', 'null'] } as const;

export const titleDocument = {
  type: 'object',
  required: ['id', 'type', 'name', 'synopsis', 'releaseYear', 'runtimeMinutes', 'genres', 'credits', 'availability', 'version', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string' },
    name: { type: 'string' },
    synopsis: { type: 'string' },
    releaseYear: nInt,
    runtimeMinutes: nInt,
    genres: { type: 'array', items: { type: 'string' } },
    credits: {
      type: 'array',
      items: { type: 'object', properties: { personId: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, character: nStr } },
    },
    availability: {
      type: 'array',
      items: { type: 'object', properties: { region: { type: 'string' }, startsAt: { type: 'string' }, endsAt: nStr } },
    },
    version: { type: 'integer' },
    updatedAt: { type: 'string' },
  },
} as const;

const titleSummary = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    type: { type: 'string' },
    name: { type: 'string' },
    releaseYear: nInt,
    genres: { type: 'array', items: { type: 'string' } },
    version: { type: 'integer' },
  },
} as const;

export const titlePage = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: titleSummary }, nextCursor: nStr },
} as const;

export const searchResults = {
  type: 'object',
  required: ['query', 'items'],
  properties: { query: { type: 'string' }, items: { type: 'array', items: titleSummary } },
} as const;

export const season = {
  type: 'object',
  properties: {
    number: { type: 'integer' },
    name: { type: 'string' },
    overview: { type: 'string' },
    releaseYear: nInt,
    episodeCount: { type: 'integer' },
    version: { type: 'integer' },
    updatedAt: { type: 'string' },
  },
} as const;

export const seasonList = {
  type: 'object',
  required: ['titleId', 'seasons'],
  properties: { titleId: { type: 'string' }, seasons: { type: 'array', items: season } },
} as const;

export const episode = {
  type: 'object',
  properties: {
    number: { type: 'integer' },
    name: { type: 'string' },
    overview: { type: 'string' },
    runtimeMinutes: nInt,
    airDate: nStr,
    version: { type: 'integer' },
    updatedAt: { type: 'string' },
  },
} as const;

export const episodeList = {
  type: 'object',
  required: ['titleId', 'seasonNumber', 'episodes'],
  properties: { titleId: { type: 'string' }, seasonNumber: { type: 'integer' }, episodes: { type: 'array', items: episode } },
} as const;

export const problem = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
} as const;

export const health = {
  type: 'object',
  properties: { status: { type: 'string' }, checks: { type: 'object', additionalProperties: { type: 'string' } } },
} as const;
