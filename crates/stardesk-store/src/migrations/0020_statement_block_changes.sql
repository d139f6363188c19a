-- v20: what an import changed in the statement lines stored before it, a row per file and
-- block instead of v19's row per line (settlements/changes.rs). A newer export that
-- changed every line of a million wrote a million rows and two index entries each (~1 s
-- more than the import itself, `make bench`), and taking it back read them one by one.
-- `data` holds each line the file changed in that block, as it was before the change, in
-- order of its index (settlements/blocks.rs, `write_changes`). `seq` orders the files'
-- changes to one block. The migration's step moves v19's rows here, then that table goes.
CREATE TABLE statement_block_changes (
    seq      INTEGER PRIMARY KEY,
    file_id  INTEGER NOT NULL,
    block_id INTEGER NOT NULL,
    data     BLOB NOT NULL
) STRICT;

CREATE INDEX statement_block_changes_by_file ON statement_block_changes (file_id);
CREATE INDEX statement_block_changes_by_block ON statement_block_changes (block_id, seq);
