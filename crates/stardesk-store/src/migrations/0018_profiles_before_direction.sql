-- v18: the bank mapping profiles saved before StarDesk read a bank's direction column
-- (借贷标志) are marked: they name their columns without it, and reading an unsigned file
-- through one would take every debit for a credit, so the store asks the importer to find
-- that column by its header for them (`mapping_profiles.rs`). A profile saved again in
-- the window (where the direction is shown) is no longer marked: what it leaves out, its
-- user chose to.
ALTER TABLE settlement_mapping_profiles
    ADD COLUMN saved_before_direction INTEGER NOT NULL DEFAULT 0
        CHECK (saved_before_direction IN (0, 1));
UPDATE settlement_mapping_profiles SET saved_before_direction = 1 WHERE kind = 'bank';
