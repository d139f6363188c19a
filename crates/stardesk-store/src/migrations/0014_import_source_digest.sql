-- v14: each imported file's source digest (stardesk_import::source_digest: SHA-256 of its
-- bytes, kind, column mapping and the reader's build). When the file imported last of
-- a kind has the digest of the file being imported, the new file reads as the very same
-- lines, so its lines digest (v11) matches too: the import records the file with
-- nothing added without reading its lines at all (settlements/files.rs). Rows from
-- before have none, and never match.
ALTER TABLE import_files ADD COLUMN source_digest BLOB;
