-- v3: background jobs. One row per kind of job: when it is due next, whether a run was
-- under way (a run that never finished is run again at the next start), and how the
-- last run ended.
CREATE TABLE jobs (
    kind               TEXT PRIMARY KEY,
    due_at             TEXT,
    running_since      TEXT,
    attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_finished_at   TEXT,
    last_error_code    TEXT,
    last_error_message TEXT
) STRICT;
