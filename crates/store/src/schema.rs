//! Versioned schema: `PRAGMA user_version` is the number of migrations applied. Migrations are
//! only ever appended; each runs in its own transaction.

/// Migration `i` brings the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the initial schema.
    r#"
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    seq          INTEGER NOT NULL,           -- ingest order
    date         TEXT,                       -- publication date, YYYY-MM-DD
    source       TEXT,
    url          TEXT,
    title        TEXT,
    text         TEXT NOT NULL,
    text_hash    TEXT NOT NULL,              -- 128-bit hash of the text
    content_hash TEXT NOT NULL,              -- hash of the text and the metadata
    duplicate_of TEXT,                       -- the earlier document this one is a copy of
    similarity   REAL,                       -- shingle containment with that document
    layers       TEXT NOT NULL,              -- compact JSON: sentences, actors, times, places
    num_mentions INTEGER NOT NULL DEFAULT 0,
    ingested_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX documents_seq ON documents(seq);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_text_hash ON documents(text_hash);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

CREATE TABLE doc_bands (                     -- MinHash LSH bands of the documents
    key    INTEGER NOT NULL,
    seq    INTEGER NOT NULL,                 -- documents.seq
    PRIMARY KEY (key, seq)
) WITHOUT ROWID;

CREATE TABLE events (
    id                INTEGER PRIMARY KEY,
    size              INTEGER NOT NULL DEFAULT 0,  -- mention rows
    symmetric         INTEGER NOT NULL,
    actor_keys        TEXT NOT NULL,               -- country-level keys joined by '+'
    recipient_keys    TEXT NOT NULL,
    cameo             TEXT NOT NULL,
    cameo_root        TEXT NOT NULL,
    plover            TEXT,
    quad_class        INTEGER NOT NULL,
    goldstein         REAL NOT NULL,
    status            TEXT NOT NULL,
    date              TEXT,                        -- the event's day
    date_lo           TEXT,                        -- window: intersection of the mentions'
    date_hi           TEXT,
    actor_code        TEXT,
    actor_name        TEXT,
    actor_country     TEXT,
    recipient_code    TEXT,
    recipient_name    TEXT,
    recipient_country TEXT,
    place_name        TEXT,
    place_country     TEXT,
    place_resolution  TEXT,
    lat               REAL,
    lon               REAL,
    num_mentions      INTEGER NOT NULL DEFAULT 0,
    num_sources       INTEGER NOT NULL DEFAULT 0,
    num_articles      INTEGER NOT NULL DEFAULT 0,
    num_documents     INTEGER NOT NULL DEFAULT 0,
    first_seen        TEXT,
    last_seen         TEXT,
    attributions      TEXT NOT NULL DEFAULT '[]',  -- JSON array
    sources           TEXT NOT NULL DEFAULT '[]',  -- JSON array
    rep_mention       INTEGER
);
-- Candidate search of the merge rule: one row per (side and country, type) of an event with a
-- window of a month at most, e.g. `a:USA|r19`, `a:USA|pASSAULT`, `s:JPN|r04`, `n:|r14` (no actor).
-- A compatible mention shares at least one key and its window starts at most 31 days earlier.
CREATE TABLE event_keys (
    key      TEXT NOT NULL,
    lo       INTEGER NOT NULL,                -- window, days from the Common Era
    hi       INTEGER NOT NULL,
    event_id INTEGER NOT NULL
);
CREATE INDEX event_keys_key ON event_keys(key, lo);
CREATE INDEX event_keys_event ON event_keys(event_id);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_cameo ON events(cameo);

CREATE TABLE mentions (
    seq               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL,               -- the record id
    doc_id            TEXT NOT NULL,
    event_id          INTEGER NOT NULL,
    sentence          INTEGER NOT NULL,
    trigger_start     INTEGER NOT NULL,
    trigger_end       INTEGER NOT NULL,
    cameo             TEXT NOT NULL,
    cameo_root        TEXT NOT NULL,
    plover            TEXT,
    quad_class        INTEGER NOT NULL,
    goldstein         REAL NOT NULL,
    status            TEXT NOT NULL,
    date              TEXT,                        -- the record's date value
    granularity       TEXT NOT NULL,
    day               TEXT,                        -- the day on the timeline
    date_lo           TEXT,
    date_hi           TEXT,
    symmetric         INTEGER NOT NULL,
    actor_keys        TEXT NOT NULL,
    recipient_keys    TEXT NOT NULL,
    actor_code        TEXT,
    actor_name        TEXT,
    actor_country     TEXT,
    recipient_code    TEXT,
    recipient_name    TEXT,
    recipient_country TEXT,
    place_name        TEXT,
    place_country     TEXT,
    place_resolution  TEXT,
    lat               REAL,
    lon               REAL,
    attributions      TEXT NOT NULL,               -- JSON array of sources
    source            TEXT,                        -- the document's source
    record            TEXT NOT NULL,               -- the full event record (JSON)
    UNIQUE (doc_id, id)
);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_day ON mentions(day);
CREATE INDEX mentions_cameo ON mentions(cameo);

CREATE TABLE mention_actors (
    mention INTEGER NOT NULL,
    role    TEXT NOT NULL,                        -- 'actor' or 'recipient'
    code    TEXT NOT NULL,
    country TEXT
);
CREATE INDEX mention_actors_mention ON mention_actors(mention);
CREATE INDEX mention_actors_code ON mention_actors(code);
CREATE INDEX mention_actors_country ON mention_actors(country);

CREATE TABLE actors (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    country      TEXT,
    sector       TEXT,
    num_mentions INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE places (
    key          TEXT PRIMARY KEY,                -- geonameid, or name|country
    geonameid    INTEGER,
    name         TEXT NOT NULL,
    country      TEXT,
    lat          REAL,
    lon          REAL,
    feature      TEXT,
    resolution   TEXT,
    num_mentions INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE ingest_errors (
    id     INTEGER PRIMARY KEY,
    input  TEXT NOT NULL,
    line   INTEGER,
    doc_id TEXT,
    error  TEXT NOT NULL,
    at     TEXT NOT NULL
);
"#,
];

/// The schema version this program writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}
