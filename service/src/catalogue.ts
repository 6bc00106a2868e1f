import type { PoolClient } from 'pg';
import type { Database } from './db';

export type TitleType = 'movie' | 'series';

export interface TitleInput {
  type: TitleType;
  name: string;
  synopsis?: string;
  releaseYear?: number | null;
  runtimeMinutes?: number | null;
  genres?: string[];
  credits?: { personId: string; name: string; role: string; character?: string | null }[];
  availability?: { region: string; startsAt: string; endsAt?: string | null }[];
  version?: number;
}
export interface SeasonInput {
  name: string;
  overview?: string;
  releaseYear?: number | null;
  version?: number;
}
export interface EpisodeInput {
  name: string;
  overview?: string;
  runtimeMinutes?: number | null;
  airDate?: string | null;
  version?: number;
}

export interface ListFilter {
  type?: TitleType;
  genre?: string;
  year?: number;
  limit: number;
  after?: string;
}

/** What the client asserted about the current version (If-Match, If-None-Match: * or a version in the body). */
export interface Precondition {
  readonly ifMatch?: number | '*';
  readonly ifNoneMatchAny?: boolean;
  readonly bodyVersion?: number;
}

/** A write refused for its preconditions: mapped to 404, 409, 412 or 428 by the API. */
export class WriteConflict extends Error {
  constructor(
    readonly status: 404 | 409 | 412 | 428,
    message: string,
  ) {
    super(message);
  }
}

const TITLE_DOCUMENT = `json_build_object(
  'id', t.id, 'type', t.type, 'name', t.name, 'synopsis', t.synopsis,
  'releaseYear', t.release_year, 'runtimeMinutes', t.runtime_minutes,
  'genres', COALESCE((SELECT json_agg(g.genre ORDER BY g.genre) FROM title_genres g WHERE g.title_id = t.id), '[]'),
  'credits', COALESCE((SELECT json_agg(json_build_object('personId', c.person_id, 'name', c.credited_name,
                                                          'role', c.role, 'character', c.character) ORDER BY c.position)
                       FROM credits c WHERE c.title_id = t.id), '[]'),
  'availability', COALESCE((SELECT json_agg(json_build_object('region', a.region, 'startsAt', a.starts_at, 'endsAt', a.ends_at)
                                            ORDER BY a.region, a.starts_at)
                            FROM availability a WHERE a.title_id = t.id), '[]'),
  'version', t.version, 'updatedAt', t.updated_at)`;

const TITLE_SUMMARY = `json_build_object('id', t.id, 'type', t.type, 'name', t.name, 'releaseYear', t.release_year, 'version', t.version,
  'genres', COALESCE((SELECT json_agg(g.genre ORDER BY g.genre) FROM title_genres g WHERE g.title_id = t.id), '[]'))`;

const SEASON = `json_build_object('number', s.number, 'name', s.name, 'overview', s.overview, 'releaseYear', s.release_year,
  'version', s.version, 'updatedAt', s.updated_at,
  'episodeCount', (SELECT count(*) FROM episodes e WHERE e.title_id = s.title_id AND e.season_number = s.number))`;

const EPISODE = `json_build_object('number', e.number, 'name', e.name, 'overview', e.overview, 'runtimeMinutes', e.runtime_minutes,
  'airDate', to_char(e.air_date, 'YYYY-MM-DD'), 'version', e.version, 'updatedAt', e.updated_at)`;

/** The catalogue's SQL: every read is one round trip that returns the API's JSON shape. */
export class Catalogue {
  constructor(private readonly db: Database) {}

  async title(id: string): Promise<TitleDocument | null> {
    const rows = await this.db.query<{ doc: TitleDocument }>(`SELECT ${TITLE_DOCUMENT} AS doc FROM titles t WHERE t.id = $1`, [id]);
    return rows[0]?.doc ?? null;
  }

  async titles(filter: ListFilter): Promise<{ items: TitleSummary[]; nextCursor: string | null }> {
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    if (filter.type) where.push(`t.type = ${param(filter.type)}`);
    if (filter.year !== undefined) where.push(`t.release_year = ${param(filter.year)}`);
    if (filter.genre) where.push(`EXISTS (SELECT 1 FROM title_genres g WHERE g.title_id = t.id AND g.genre = ${param(filter.genre)})`);
    if (filter.after !== undefined) where.push(`t.id > ${param(filter.after)}`);
    const sql = `SELECT ${TITLE_SUMMARY} AS item FROM titles t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY t.id LIMIT ${param(filter.limit + 1)}`;
    const rows = await this.db.query<{ item: TitleSummary }>(sql, values);
    const items = rows.slice(0, filter.limit).map((r) => r.item);
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1].id : null };
  }

  async search(q: string, limit: number): Promise<TitleSummary[]> {
    const rows = await this.db.query<{ item: TitleSummary }>(
      `SELECT ${TITLE_SUMMARY} AS item FROM titles t, websearch_to_tsquery('simple', $1) query
       WHERE t.search @@ query ORDER BY ts_rank(t.search, query) DESC, t.id LIMIT $2`,
      [q, limit],
    );
    return rows.map((r) => r.item);
  }

  /** null: no such title. */
  async seasons(titleId: string): Promise<unknown[] | null> {
    const rows = await this.db.query<{ seasons: unknown[] | null }>(
      `SELECT (SELECT json_agg(${SEASON} ORDER BY s.number) FROM seasons s WHERE s.title_id = t.id) AS seasons FROM titles t WHERE t.id = $1`,
      [titleId],
    );
    return rows.length ? (rows[0].seasons ?? []) : null;
  }

  /** null: no such season. */
  async episodes(titleId: string, seasonNumber: number): Promise<unknown[] | null> {
    const rows = await this.db.query<{ episodes: unknown[] | null }>(
      `SELECT (SELECT json_agg(${EPISODE} ORDER BY e.number) FROM episodes e WHERE e.title_id = s.title_id AND e.season_number = s.number) AS episodes
       FROM seasons s WHERE s.title_id = $1 AND s.number = $2`,
      [titleId, seasonNumber],
    );
    return rows.length ? (rows[0].episodes ?? []) : null;
  }

  /** Creates or replaces a title with its genres, credits and availability. */
  async putTitle(id: string, input: TitleInput, pre: Precondition): Promise<{ created: boolean; doc: TitleDocument }> {
    return this.db.transaction(async (client) => {
      const current = await client.query<{ version: number }>('SELECT version FROM titles WHERE id = $1 FOR UPDATE', [id]);
      const created = check(current.rows[0]?.version, pre, 'title');
      const values = [id, input.type, input.name, input.synopsis ?? '', input.releaseYear ?? null, input.runtimeMinutes ?? null];
      if (created) {
        await client.query(`INSERT INTO titles (id, type, name, synopsis, release_year, runtime_minutes) VALUES ($1, $2, $3, $4, $5, $6)`, values);
      } else {
        await client.query(
          `UPDATE titles SET type = $2, name = $3, synopsis = $4, release_year = $5, runtime_minutes = $6,
          version = version + 1, updated_at = now() WHERE id = $1`,
          values,
        );
      }
      await replaceChildren(client, id, input);
      const doc = (await client.query<{ doc: TitleDocument }>(`SELECT ${TITLE_DOCUMENT} AS doc FROM titles t WHERE t.id = $1`, [id])).rows[0].doc;
      return { created, doc };
    });
  }

  async putSeason(titleId: string, number: number, input: SeasonInput, pre: Precondition): Promise<{ created: boolean; season: unknown }> {
    return this.db.transaction(async (client) => {
      const title = await client.query<{ type: string }>('SELECT type FROM titles WHERE id = $1 FOR SHARE', [titleId]);
      if (!title.rows.length) throw new WriteConflict(404, `title ${titleId} does not exist`);
      if (title.rows[0].type !== 'series') throw new WriteConflict(409, `title ${titleId} is a movie: only series have seasons`);
      const current = await client.query<{ version: number }>('SELECT version FROM seasons WHERE title_id = $1 AND number = $2 FOR UPDATE', [
        titleId,
        number,
      ]);
      const created = check(current.rows[0]?.version, pre, 'season');
      const values = [titleId, number, input.name, input.overview ?? '', input.releaseYear ?? null];
      await client.query(
        created
          ? 'INSERT INTO seasons (title_id, number, name, overview, release_year) VALUES ($1, $2, $3, $4, $5)'
          : `UPDATE seasons SET name = $3, overview = $4, release_year = $5, version = version + 1, updated_at = now()
           WHERE title_id = $1 AND number = $2`,
        values,
      );
      const season = (await client.query(`SELECT ${SEASON} AS season FROM seasons s WHERE s.title_id = $1 AND s.number = $2`, [titleId, number]))
        .rows[0].season;
      return { created, season };
    });
  }

  async putEpisode(
    titleId: string,
    seasonNumber: number,
    number: number,
    input: EpisodeInput,
    pre: Precondition,
  ): Promise<{ created: boolean; episode: unknown }> {
    return this.db.transaction(async (client) => {
      const season = await client.query('SELECT 1 FROM seasons WHERE title_id = $1 AND number = $2 FOR SHARE', [titleId, seasonNumber]);
      if (!season.rows.length) throw new WriteConflict(404, `season ${seasonNumber} of title ${titleId} does not exist`);
      const current = await client.query<{ version: number }>(
        'SELECT version FROM episodes WHERE title_id = $1 AND season_number = $2 AND number = $3 FOR UPDATE',
        [titleId, seasonNumber, number],
      );
      const created = check(current.rows[0]?.version, pre, 'episode');
      const values = [titleId, seasonNumber, number, input.name, input.overview ?? '', input.runtimeMinutes ?? null, input.airDate ?? null];
      await client.query(
        created
          ? `INSERT INTO episodes (title_id, season_number, number, name, overview, runtime_minutes, air_date) VALUES ($1, $2, $3, $4, $5, $6, $7)`
          : `UPDATE episodes SET name = $4, overview = $5, runtime_minutes = $6, air_date = $7, version = version + 1, updated_at = now()
           WHERE title_id = $1 AND season_number = $2 AND number = $3`,
        values,
      );
      const episode = (
        await client.query(`SELECT ${EPISODE} AS episode FROM episodes e WHERE e.title_id = $1 AND e.season_number = $2 AND e.number = $3`, [
          titleId,
          seasonNumber,
          number,
        ])
      ).rows[0].episode;
      return { created, episode };
    });
  }
}

export interface TitleSummary {
  id: string;
  type: TitleType;
  name: string;
  releaseYear: number | null;
  genres: string[];
  version: number;
}
export interface TitleDocument extends TitleSummary {
  version: number;
  [field: string]: unknown;
}

/**
 * Checks the client's precondition against the current version (undefined: the row does not exist).
 * Returns true when the write creates the row.
 */
function check(current: number | undefined, pre: Precondition, what: string): boolean {
  if (current === undefined) {
    if (pre.ifMatch !== undefined) throw new WriteConflict(412, `If-Match: the ${what} does not exist`);
    if (pre.bodyVersion !== undefined)
      throw new WriteConflict(409, `version ${pre.bodyVersion} given, but the ${what} does not exist yet: omit version to create it`);
    return true;
  }
  if (pre.ifNoneMatchAny) throw new WriteConflict(412, `If-None-Match: * but the ${what} exists (version ${current})`);
  if (pre.ifMatch !== undefined && pre.ifMatch !== '*' && pre.ifMatch !== current) {
    throw new WriteConflict(412, `If-Match names version ${pre.ifMatch}, but the ${what} is at version ${current}`);
  }
  if (pre.bodyVersion !== undefined && pre.bodyVersion !== current) {
    throw new WriteConflict(409, `version ${pre.bodyVersion} given, but the ${what} is at version ${current}: read it again and reapply the change`);
  }
  if (pre.ifMatch === undefined && pre.bodyVersion === undefined) {
    throw new WriteConflict(428, `the ${what} exists (version ${current}): send If-Match or a version to update it`);
  }
  return false;
}

async function replaceChildren(client: PoolClient, id: string, input: TitleInput): Promise<void> {
  const genres = input.genres ?? [];
  const credits = input.credits ?? [];
  const availability = input.availability ?? [];
  await client.query('DELETE FROM title_genres WHERE title_id = $1', [id]);
  await client.query('DELETE FROM credits WHERE title_id = $1', [id]);
  await client.query('DELETE FROM availability WHERE title_id = $1', [id]);
  if (genres.length) {
    await client.query(`INSERT INTO genres (slug, name) SELECT g, initcap(replace(g, '-', ' ')) FROM unnest($1::text[]) g ON CONFLICT DO NOTHING`, [
      genres,
    ]);
    await client.query('INSERT INTO title_genres (title_id, genre) SELECT $1, unnest($2::text[])', [id, genres]);
  }
  if (credits.length) {
    await client.query(`INSERT INTO people (id, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (id) DO NOTHING`, [
      credits.map((c) => c.personId),
      credits.map((c) => c.name),
    ]);
    await client.query(
      `INSERT INTO credits (title_id, position, person_id, credited_name, role, character)
      SELECT $1, p, person, name, role, chr FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(p, person, name, role, chr)`,
      [
        id,
        credits.map((_, i) => i),
        credits.map((c) => c.personId),
        credits.map((c) => c.name),
        credits.map((c) => c.role),
        credits.map((c) => c.character ?? null),
      ],
    );
  }
  if (availability.length) {
    await client.query(
      `INSERT INTO availability (title_id, region, starts_at, ends_at)
      SELECT $1, r, s, e FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS u(r, s, e)`,
      [id, availability.map((a) => a.region), availability.map((a) => a.startsAt), availability.map((a) => a.endsAt ?? null)],
    );
  }
}
