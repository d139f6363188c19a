-- v2: imported settlement files, their lines, the user's reconciliation decisions, saved
-- column-mapping profiles and the contract's receiving account.
--
-- A line's identity is its LineKey: the content fingerprint (a u64 stored as INTEGER by a
-- lossless two's-complement cast to i64) and its occurrence among identical lines of one
-- file. Re-importing a file or an overlapping period inserts nothing new (INSERT OR IGNORE
-- on the key); two identical lines in one file have occurrences 0 and 1 and are both kept.
-- Money is integer fen. Bank lines (counterparty names, memos) and the contract account
-- are personal data: they live only here, in the encrypted file, and
-- Store::delete_settlement_data removes them.

CREATE TABLE import_files (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('statement', 'bank', 'expected', 'invoices')),
    file_name   TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    line_count  INTEGER NOT NULL CHECK (line_count >= 0),
    added_count INTEGER NOT NULL CHECK (added_count >= 0),
    encoding    TEXT NOT NULL
) STRICT;

CREATE TABLE statement_lines (
    fingerprint  INTEGER NOT NULL,
    occurrence   INTEGER NOT NULL CHECK (occurrence >= 0),
    file_id      INTEGER NOT NULL REFERENCES import_files (id),
    statement_id TEXT NOT NULL,
    task_id      TEXT NOT NULL,
    amount_fen   INTEGER NOT NULL,
    date         TEXT NOT NULL,
    -- settled | withdrawing | withdrawn | failed | other (then status_text is the text).
    status       TEXT NOT NULL
        CHECK (status IN ('settled', 'withdrawing', 'withdrawn', 'failed', 'other')),
    status_text  TEXT,
    gross_fen    INTEGER,
    fee_fen      INTEGER,
    tax_fen      INTEGER,
    PRIMARY KEY (fingerprint, occurrence)
) STRICT;

CREATE TABLE bank_lines (
    fingerprint  INTEGER NOT NULL,
    occurrence   INTEGER NOT NULL CHECK (occurrence >= 0),
    file_id      INTEGER NOT NULL REFERENCES import_files (id),
    txn_id       TEXT NOT NULL,
    date         TEXT NOT NULL,
    amount_fen   INTEGER NOT NULL,
    counterparty TEXT NOT NULL,
    memo         TEXT NOT NULL,
    PRIMARY KEY (fingerprint, occurrence)
) STRICT;

CREATE TABLE expected_lines (
    fingerprint INTEGER NOT NULL,
    occurrence  INTEGER NOT NULL CHECK (occurrence >= 0),
    file_id     INTEGER NOT NULL REFERENCES import_files (id),
    task_id     TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL,
    due_date    TEXT,
    gross_fen   INTEGER,
    fee_fen     INTEGER,
    tax_fen     INTEGER,
    PRIMARY KEY (fingerprint, occurrence)
) STRICT;

CREATE TABLE invoice_lines (
    fingerprint  INTEGER NOT NULL,
    occurrence   INTEGER NOT NULL CHECK (occurrence >= 0),
    file_id      INTEGER NOT NULL REFERENCES import_files (id),
    statement_id TEXT NOT NULL,
    sent_date    TEXT NOT NULL,
    tracking_no  TEXT NOT NULL,
    PRIMARY KEY (fingerprint, occurrence)
) STRICT;

-- A decision is JSON (stardesk_store::settlements' serde mirror of the domain's Decision,
-- keys as "fingerprint:occurrence"), replayed in id order on every reconciliation.
CREATE TABLE recon_decisions (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    decision   TEXT NOT NULL
) STRICT;

-- The JSON shape of a mapping belongs to stardesk-core (its IPC mirror of
-- stardesk_import::ColumnMapping); the store keeps it verbatim.
CREATE TABLE mapping_profiles (
    name    TEXT PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('statement', 'bank', 'expected', 'invoices')),
    mapping TEXT NOT NULL
) STRICT;

-- The receiving account of the creator's contract (R-SETTLE-2): one row at most.
CREATE TABLE contract_account (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    company_name TEXT NOT NULL,
    card_number  TEXT NOT NULL,
    bank_branch  TEXT NOT NULL
) STRICT;
