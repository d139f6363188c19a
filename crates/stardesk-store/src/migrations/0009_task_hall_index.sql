-- v9: the task hall's own indexes, so that every query reads narrow structures and only
-- the rows of the page it returns from the wide `tasks` table (see docs/ARCHITECTURE.md,
-- "Search").

-- `task_hall`: one row per task (task_rowid = tasks.rowid) with the columns the hall
-- filters and sorts on, and `eligible`: the "only tasks I am eligible for" filter
-- precomputed for the creator and day in `task_hall_basis`. The store writes a page's
-- rows in one statement (tasks/write.rs) and the flags in another (tasks/eligible.rs);
-- a deleted task's row goes with it (trigger).
CREATE TABLE task_hall (
    task_rowid      INTEGER PRIMARY KEY,
    id              TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    upload_deadline TEXT NOT NULL,
    reward_max_fen  INTEGER,
    category        TEXT NOT NULL,
    industry        TEXT NOT NULL,
    content_form    TEXT NOT NULL,
    settlement_mode TEXT,
    apply_start     TEXT NOT NULL,
    apply_end       TEXT NOT NULL,
    slots_taken     INTEGER NOT NULL,
    slots_wanted    INTEGER NOT NULL,
    min_followers   INTEGER NOT NULL,
    max_followers   INTEGER,
    eligible        INTEGER NOT NULL DEFAULT 0 CHECK (eligible IN (0, 1))
) STRICT;

-- What `task_hall.eligible` was computed for: one row, or none (then no flag is trusted).
CREATE TABLE task_hall_basis (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    today      TEXT NOT NULL,
    followers  INTEGER NOT NULL,
    review_ok  INTEGER NOT NULL CHECK (review_ok IN (0, 1)),
    account_ok INTEGER NOT NULL CHECK (account_ok IN (0, 1))
) STRICT;

INSERT INTO task_hall (task_rowid, id, updated_at, upload_deadline, reward_max_fen, category,
    industry, content_form, settlement_mode, apply_start, apply_end, slots_taken,
    slots_wanted, min_followers, max_followers)
SELECT rowid, id, updated_at, upload_deadline, reward_max_fen, category, industry,
    content_form, settlement_mode, apply_start, apply_end, slots_taken, slots_wanted,
    min_followers, max_followers
FROM tasks;

CREATE TRIGGER task_hall_delete AFTER DELETE ON tasks BEGIN
    DELETE FROM task_hall WHERE task_rowid = old.rowid;
END;

-- One index per sort order, each holding every filter column, so that a page is read in
-- order from the index alone and a count over a range of deadlines or rewards reads only
-- that range; and the eligible tasks on their own (a partial index, with the same
-- columns), so that "eligible only" counts and filters without a scan. The short-term
-- index below answers category, industry and content form. NULL rewards sort last in
-- DESC order, as the hall wants.
CREATE INDEX task_hall_newest ON task_hall (updated_at DESC, id, upload_deadline,
    reward_max_fen, category, industry, content_form, eligible);
CREATE INDEX task_hall_deadline ON task_hall (upload_deadline, id, reward_max_fen,
    category, industry, content_form, eligible);
CREATE INDEX task_hall_reward ON task_hall (reward_max_fen DESC, id, upload_deadline,
    category, industry, content_form, eligible);
CREATE INDEX task_hall_eligible ON task_hall (upload_deadline, reward_max_fen, updated_at,
    id, category, industry, content_form) WHERE eligible = 1;

-- The hall reads `task_hall` now; the wide table keeps only its primary key.
DROP INDEX tasks_by_updated;
DROP INDEX tasks_by_deadline;
DROP INDEX tasks_by_reward;
DROP INDEX tasks_by_industry;

-- Terms of one and two characters: every character and every pair of adjacent characters
-- of a task's search text (none with whitespace), each written as one token of lowercase
-- hex code points ("9762" + "971c" → "00976200971c"); the task's category, industry and
-- content form as tokens too ("cat" + the value's bytes in hex, "ind…", "form…"), so
-- that FTS5 intersects a search with those filters; and the token "x" in every document,
-- so that "every task without X" is the query `x NOT X`. The documents are written by the
-- store in Rust (tasks/grams.rs), which is why this table has no insert trigger; a deleted
-- task's document goes with it. Contentless, without positions: a few bytes per task and
-- term. `tasks_grams_vocab` counts the tasks of each token, for the query's plan.
CREATE VIRTUAL TABLE tasks_grams USING fts5 (
    grams,
    tokenize = 'ascii',
    detail = 'none',
    content = '',
    contentless_delete = 1
);
CREATE VIRTUAL TABLE tasks_grams_vocab USING fts5vocab (tasks_grams, 'row');
CREATE TRIGGER tasks_grams_delete AFTER DELETE ON tasks BEGIN
    DELETE FROM tasks_grams WHERE rowid = old.rowid;
END;

-- The trigram index is rewritten only when the text changed, not on every upsert.
DROP TRIGGER tasks_fts_update;
CREATE TRIGGER tasks_fts_update AFTER UPDATE OF search_text ON tasks
WHEN old.search_text IS NOT new.search_text BEGIN
    DELETE FROM tasks_fts WHERE rowid = old.rowid;
    INSERT INTO tasks_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
