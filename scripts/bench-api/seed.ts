import type { Client } from 'pg';

/** Words the seeded names and synopses are made of, so search has something to find. */
export const WORDS = [
  'aurora',
  'harbour',
  'lantern',
  'meridian',
  'quartz',
  'saffron',
  'tundra',
  'velvet',
  'willow',
  'zephyr',
  'cobalt',
  'ember',
  'falcon',
  'glacier',
  'horizon',
  'ivory',
  'juniper',
  'kestrel',
  'lagoon',
  'monsoon',
];
export const GENRES = ['drama', 'comedy', 'thriller', 'sci-fi', 'documentary', 'animation', 'horror', 'romance', 'crime', 'family'];

/**
 * Seeds the catalogue in a few set-based statements: `titles` titles (half of them series), each with two
 * genres, five credits and two availability windows; every series has 2 seasons of `episodesPerSeason`
 * episodes (100k titles, 10 per season: 1M episodes).
 */
export async function seedCatalogue(client: Client, titles: number, episodesPerSeason: number): Promise<void> {
  const words = `ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}]`;
  const genres = `ARRAY[${GENRES.map((g) => `'${g}'`).join(',')}]`;
  await client.query('SET synchronous_commit = off');
  await client.query(`INSERT INTO genres (slug, name) SELECT g, initcap(g) FROM unnest(${genres}) g ON CONFLICT DO NOTHING`);
  await client.query(`INSERT INTO people (id, name) SELECT 'p' || i, 'Person ' || i FROM generate_series(1, 10000) i ON CONFLICT DO NOTHING`);
  await client.query(
    `INSERT INTO titles (id, type, name, synopsis, release_year, runtime_minutes)
    SELECT 't' || lpad(i::text, 6, '0'), CASE WHEN i % 2 = 0 THEN 'series' ELSE 'movie' END,
           'Title ' || i || ' ' || (${words})[1 + i % 20],
           'A story of ' || (${words})[1 + (i / 20) % 20] || ' and ' || (${words})[1 + (i / 400) % 20] || ', told twice.',
           1950 + i % 75, 80 + i % 60
    FROM generate_series(1, $1) i`,
    [titles],
  );
  await client.query(
    `INSERT INTO title_genres (title_id, genre)
    SELECT 't' || lpad(i::text, 6, '0'), g FROM generate_series(1, $1) i,
      LATERAL (VALUES ((${genres})[1 + i % 10]), ((${genres})[1 + (i / 10 + 1) % 10])) v(g) ON CONFLICT DO NOTHING`,
    [titles],
  );
  await client.query(
    `INSERT INTO credits (title_id, position, person_id, credited_name, role, character)
    SELECT 't' || lpad(i::text, 6, '0'), k, 'p' || (1 + (i * 7 + k) % 10000), 'Person ' || (1 + (i * 7 + k) % 10000),
           CASE WHEN k = 0 THEN 'director' ELSE 'actor' END, CASE WHEN k = 0 THEN NULL ELSE 'Role ' || k END
    FROM generate_series(1, $1) i, generate_series(0, 4) k`,
    [titles],
  );
  await client.query(
    `INSERT INTO availability (title_id, region, starts_at)
    SELECT 't' || lpad(i::text, 6, '0'), r, timestamptz '2024-01-01' FROM generate_series(1, $1) i, unnest(ARRAY['GB', 'US']) r`,
    [titles],
  );
  await client.query(
    `INSERT INTO seasons (title_id, number, name)
    SELECT 't' || lpad(i::text, 6, '0'), s, 'Season ' || s FROM generate_series(2, $1, 2) i, generate_series(1, 2) s`,
    [titles],
  );
  await client.query(
    `INSERT INTO episodes (title_id, season_number, number, name, runtime_minutes, air_date)
    SELECT 't' || lpad(i::text, 6, '0'), s, e, 'Episode ' || e, 45, date '2020-01-01' + e
    FROM generate_series(2, $1, 2) i, generate_series(1, 2) s, generate_series(1, $2) e`,
    [titles, episodesPerSeason],
  );
  await client.query('ANALYZE');
}
