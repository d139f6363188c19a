-- v1: settings, sync state, the creator profile and the task cache with its search index.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE sync_state (
    source             TEXT PRIMARY KEY,
    cursor             TEXT,
    last_synced_at     TEXT,
    last_error_code    TEXT,
    last_error_message TEXT
) STRICT;

CREATE TABLE creator (
    source                  TEXT PRIMARY KEY,
    creator_id              TEXT NOT NULL,
    nickname                TEXT NOT NULL,
    followers               INTEGER NOT NULL CHECK (followers >= 0),
    agency_id               TEXT,
    agency_name             TEXT,
    agency_deposit_deducted INTEGER CHECK (agency_deposit_deducted IN (0, 1)),
    level                   INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    fetched_at              TEXT NOT NULL
) STRICT;

CREATE TABLE tasks (
    id               TEXT PRIMARY KEY,
    title            TEXT NOT NULL,
    brand            TEXT NOT NULL,
    category         TEXT NOT NULL,
    settlement_mode  TEXT,
    industry         TEXT NOT NULL,
    content_form     TEXT NOT NULL,
    reward_kind      TEXT NOT NULL,
    reward_json      TEXT NOT NULL,
    reward_min_fen   INTEGER,
    reward_max_fen   INTEGER,
    sample_value_fen INTEGER,
    apply_start      TEXT NOT NULL,
    apply_end        TEXT NOT NULL,
    ship_by          TEXT,
    upload_deadline  TEXT NOT NULL,
    retention_days   INTEGER NOT NULL,
    min_followers    INTEGER NOT NULL,
    max_followers    INTEGER,
    slots_wanted     INTEGER NOT NULL,
    slots_taken      INTEGER NOT NULL,
    requirements     TEXT NOT NULL,
    description      TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    search_text      TEXT NOT NULL
) STRICT;

CREATE INDEX tasks_by_updated ON tasks (updated_at DESC, id);
CREATE INDEX tasks_by_deadline ON tasks (upload_deadline, id);
CREATE INDEX tasks_by_reward ON tasks (reward_max_fen DESC, id);
CREATE INDEX tasks_by_industry ON tasks (industry);

-- Trigram search finds Chinese substrings of three characters or more; shorter queries
-- fall back to instr() over the index's own copy of the text (see TaskFilter::where_sql).
-- The index keeps its own (narrow) copy rather than pointing at `tasks`, so that
-- fallback scans a few megabytes instead of decrypting every page of the wide task table.
CREATE VIRTUAL TABLE tasks_fts USING fts5 (
    search_text,
    tokenize = 'trigram'
);

CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO tasks_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
    DELETE FROM tasks_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER tasks_fts_update AFTER UPDATE OF search_text ON tasks BEGIN
    DELETE FROM tasks_fts WHERE rowid = old.rowid;
    INSERT INTO tasks_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
