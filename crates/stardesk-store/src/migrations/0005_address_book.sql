-- v5: the creator's address book and saved application snippets. Addresses and phones are
-- personal data: they live only here, in the encrypted file, shown masked in lists, and
-- deletable one by one or all at once.

CREATE TABLE addresses (
    id           INTEGER PRIMARY KEY,
    label        TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    phone        TEXT NOT NULL,
    -- A county-level GB/T 2260 code; the names are looked up, not stored.
    region_code  TEXT NOT NULL CHECK (length(region_code) = 6),
    detail       TEXT NOT NULL,
    is_default   INTEGER NOT NULL CHECK (is_default IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- At most one default address.
CREATE UNIQUE INDEX addresses_one_default ON addresses (is_default) WHERE is_default = 1;

-- Saved texts for the application's 合作优势 (strengths) and 创作思路 (idea).
CREATE TABLE snippets (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('strengths', 'idea')),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
) STRICT;
