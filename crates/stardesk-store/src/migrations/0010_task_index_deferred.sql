-- v10: a first sync writes its pages without the hall's indexes and builds them once at
-- its end (tasks/bulk.rs): indexed page by page, 100,000 tasks merged FTS5 segments and
-- rewrote the sort indexes' pages in each of 200 transactions. While this table has rows
-- (`search`, and each dropped index of `task_hall` with the SQL that makes it again), the
-- trigram index is not kept by the triggers and the short-term index is not written; the
-- hall's search reads the task text itself and its filters scan `task_hall`
-- (tasks/query.rs), so every answer stays exact while the indexes are missing.
CREATE TABLE task_index_deferred (
    name TEXT PRIMARY KEY,
    sql  TEXT NOT NULL
) STRICT;

DROP TRIGGER tasks_fts_insert;
CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks
WHEN NOT EXISTS (SELECT 1 FROM task_index_deferred) BEGIN
    INSERT INTO tasks_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

DROP TRIGGER tasks_fts_update;
CREATE TRIGGER tasks_fts_update AFTER UPDATE OF search_text ON tasks
WHEN old.search_text IS NOT new.search_text
    AND NOT EXISTS (SELECT 1 FROM task_index_deferred) BEGIN
    DELETE FROM tasks_fts WHERE rowid = old.rowid;
    INSERT INTO tasks_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
