-- v21: each imported file's lines digest as it was read (v11's `lines_digest`), kept for
-- good: `lines_digest` is cleared when a file of the kind is taken back (its lines may
-- then be missing), `said_digest` never is. Taking a file back whose lines a later file
-- of its kind said exactly (the same `said_digest`) hands its lines to that file instead
-- of deleting them (settlements/files.rs): importing the same export twice and deleting
-- the first import loses nothing. Rows from before take the lines digest they still have.
ALTER TABLE import_files ADD COLUMN said_digest BLOB;
UPDATE import_files SET said_digest = lines_digest;
