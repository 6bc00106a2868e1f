-- The content catalogue: titles (movies and series) with genres, people and credits, availability
-- windows, seasons and episodes. Every row a client writes carries a version for optimistic concurrency.

CREATE TABLE genres (
  slug text COLLATE "C" PRIMARY KEY CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$'),
  name text NOT NULL
);

CREATE TABLE titles (
  id text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
  type text NOT NULL CHECK (type IN ('movie', 'series')),
  name text NOT NULL,
  synopsis text NOT NULL DEFAULT '',
  release_year integer CHECK (release_year BETWEEN 1870 AND 2200),
  runtime_minutes integer CHECK (runtime_minutes > 0),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- 'simple': titles are multilingual and names must match as written, without English stemming.
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', name), 'A') || setweight(to_tsvector('simple', synopsis), 'B')
  ) STORED
);
-- Keyset pagination walks titles by id within each filter.
CREATE INDEX titles_type_id ON titles (type, id);
CREATE INDEX titles_year_id ON titles (release_year, id);
CREATE INDEX titles_search ON titles USING gin (search);

CREATE TABLE title_genres (
  title_id text COLLATE "C" NOT NULL REFERENCES titles (id) ON DELETE CASCADE,
  genre text COLLATE "C" NOT NULL REFERENCES genres (slug),
  PRIMARY KEY (title_id, genre)
);
CREATE INDEX title_genres_genre_title ON title_genres (genre, title_id);

CREATE TABLE people (
  id text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
  name text NOT NULL
);

CREATE TABLE credits (
  title_id text COLLATE "C" NOT NULL REFERENCES titles (id) ON DELETE CASCADE,
  position integer NOT NULL,
  person_id text COLLATE "C" NOT NULL REFERENCES people (id),
  -- The name as credited on this title: a title's document depends only on its own rows, so a write
  -- invalidates exactly the entries it changes.
  credited_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('actor', 'director', 'writer', 'producer', 'creator')),
  character text,
  PRIMARY KEY (title_id, position)
);
CREATE INDEX credits_person ON credits (person_id);

CREATE TABLE availability (
  title_id text COLLATE "C" NOT NULL REFERENCES titles (id) ON DELETE CASCADE,
  region text NOT NULL CHECK (region ~ '^[A-Z]{2}$'),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  PRIMARY KEY (title_id, region, starts_at),
  CHECK (ends_at IS NULL OR ends_at > starts_at)
);

CREATE TABLE seasons (
  title_id text COLLATE "C" NOT NULL REFERENCES titles (id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 0),
  name text NOT NULL,
  overview text NOT NULL DEFAULT '',
  release_year integer CHECK (release_year BETWEEN 1870 AND 2200),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (title_id, number)
);

CREATE TABLE episodes (
  title_id text COLLATE "C" NOT NULL,
  season_number integer NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  name text NOT NULL,
  overview text NOT NULL DEFAULT '',
  runtime_minutes integer CHECK (runtime_minutes > 0),
  air_date date,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (title_id, season_number, number),
  FOREIGN KEY (title_id, season_number) REFERENCES seasons (title_id, number) ON DELETE CASCADE
);
