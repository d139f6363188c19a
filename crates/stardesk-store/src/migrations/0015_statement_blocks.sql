-- v15: statement lines in blocks of a few thousand (settlements/blocks.rs), a row each
-- block instead of a row each line: a million-line statement is ~120 rows to write, not a
-- million rows and their key index. A block holds the lines of one file, in import order;
-- `lines` counts them. The rows of `statement_lines` are moved into blocks, in their order,
-- and the table dropped, by the Rust step after this script (statements.rs).
CREATE TABLE statement_blocks (
    id      INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES import_files (id),
    lines   INTEGER NOT NULL CHECK (lines > 0),
    data    BLOB NOT NULL
) STRICT;
