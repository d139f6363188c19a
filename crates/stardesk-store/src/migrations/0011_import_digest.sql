-- v11: each imported file's lines digest (SHA-256 of every stored field of every line, in
-- order; settlements/digest.rs). When the last file of a kind stored had exactly the
-- lines of the file being imported, storing them again changes nothing (a statement
-- line's upsert sets what that file set; the other kinds only ever add), so the import
-- records the file with nothing added and skips the per-line pass. Rows from before have
-- none, and never match.
ALTER TABLE import_files ADD COLUMN lines_digest BLOB;
