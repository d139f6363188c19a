-- v19: what an import changed in a statement line stored before it (a newer export's payout
-- status, a fee or tax it gives; settlements/statements.rs), so that taking that file back
-- (Store::delete_import_file) puts back what the line said before. A row per file and line
-- it changed, holding the line's values before the change; `seq` orders one line's
-- changes. A line is where it is stored: its block (statement_blocks.id, kept by every
-- rewrite) and its index in the block. `status_code` is the block codec's code
-- (settlements/blocks.rs), `status_text` the text of an "other" status.
-- Lines changed before this version have no row: taking back such a file leaves them as
-- they are, as before.
CREATE TABLE statement_line_changes (
    seq         INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL,
    block_id    INTEGER NOT NULL,
    line_index  INTEGER NOT NULL CHECK (line_index >= 0),
    status_code INTEGER NOT NULL CHECK (status_code BETWEEN 0 AND 4),
    status_text TEXT CHECK ((status_code = 4) = (status_text IS NOT NULL)),
    gross_fen   INTEGER,
    fee_fen     INTEGER,
    tax_fen     INTEGER
) STRICT;

CREATE INDEX statement_line_changes_by_file ON statement_line_changes (file_id);
CREATE INDEX statement_line_changes_by_line ON statement_line_changes (block_id, line_index, seq);
