-- v12: statement_lines' status check without an IN list. SQLite checks `x IN (a, b, c, …)`
-- of three or more values through a temporary table it builds on every statement run:
-- on every inserted line, a fifth of a million-line import's time. The same five values,
-- as comparisons; the table is rebuilt (a check cannot be altered), its lines kept.
CREATE TABLE statement_lines_v12 (
    fingerprint  INTEGER NOT NULL,
    occurrence   INTEGER NOT NULL CHECK (occurrence >= 0),
    file_id      INTEGER NOT NULL REFERENCES import_files (id),
    statement_id TEXT NOT NULL,
    task_id      TEXT NOT NULL,
    amount_fen   INTEGER NOT NULL,
    date         TEXT NOT NULL,
    -- settled | withdrawing | withdrawn | failed | other (then status_text is the text).
    status       TEXT NOT NULL
        CHECK (status = 'settled' OR status = 'withdrawing' OR status = 'withdrawn'
               OR status = 'failed' OR status = 'other'),
    status_text  TEXT,
    gross_fen    INTEGER,
    fee_fen      INTEGER,
    tax_fen      INTEGER,
    PRIMARY KEY (fingerprint, occurrence)
) STRICT;

INSERT INTO statement_lines_v12 SELECT fingerprint, occurrence, file_id, statement_id,
    task_id, amount_fen, date, status, status_text, gross_fen, fee_fen, tax_fen
    FROM statement_lines ORDER BY rowid;

DROP TABLE statement_lines;

ALTER TABLE statement_lines_v12 RENAME TO statement_lines;
