-- v4: decisions and mapping profiles in the store's own columns instead of JSON whose
-- shape other crates owned (the decision's serde mirror, core's IPC mapping view). The
-- rows of v2-v3 are carried over; a row that cannot be read fails the migration, which
-- then changes nothing.

-- A decision: one action on one pair of sides; its lines are in
-- settlement_decision_lines, each by its LineKey's text ("fingerprint:occurrence").
CREATE TABLE settlement_decisions (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'manual_match')),
    kind       TEXT NOT NULL CHECK (kind IN ('task', 'payout'))
) STRICT;

CREATE TABLE settlement_decision_lines (
    decision_id INTEGER NOT NULL REFERENCES settlement_decisions (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('expected', 'statement', 'bank')),
    position    INTEGER NOT NULL CHECK (position >= 0),
    line_key    TEXT NOT NULL,
    PRIMARY KEY (decision_id, role, position)
) STRICT;

INSERT INTO settlement_decisions (id, created_at, action, kind)
SELECT id, created_at,
    CASE json_extract(decision, '$.type')
        WHEN 'accept_task' THEN 'accept'
        WHEN 'accept_payout' THEN 'accept'
        WHEN 'reject_task' THEN 'reject'
        WHEN 'reject_payout' THEN 'reject'
        WHEN 'manual_match_task' THEN 'manual_match'
        WHEN 'manual_match' THEN 'manual_match'
    END,
    CASE json_extract(decision, '$.type')
        WHEN 'accept_task' THEN 'task'
        WHEN 'reject_task' THEN 'task'
        WHEN 'manual_match_task' THEN 'task'
        WHEN 'accept_payout' THEN 'payout'
        WHEN 'reject_payout' THEN 'payout'
        WHEN 'manual_match' THEN 'payout'
    END
FROM recon_decisions;

INSERT INTO settlement_decision_lines (decision_id, role, position, line_key)
SELECT id, 'expected', 0, json_extract(decision, '$.expected')
FROM recon_decisions WHERE json_type(decision, '$.expected') = 'text';

INSERT INTO settlement_decision_lines (decision_id, role, position, line_key)
SELECT id, 'statement', 0, json_extract(decision, '$.statement')
FROM recon_decisions WHERE json_type(decision, '$.statement') = 'text';

INSERT INTO settlement_decision_lines (decision_id, role, position, line_key)
SELECT d.id, 'statement', s.key, s.value
FROM recon_decisions d, json_each(d.decision, '$.statement') s
WHERE json_type(d.decision, '$.statement') = 'array';

INSERT INTO settlement_decision_lines (decision_id, role, position, line_key)
SELECT d.id, 'bank', b.key, b.value
FROM recon_decisions d, json_each(d.decision, '$.bank') b
WHERE json_type(d.decision, '$.bank') = 'array';

DROP TABLE recon_decisions;

-- A mapping profile: how to read one layout of file; its columns, in order, in
-- settlement_mapping_columns (each by header text or by 0-based position).
CREATE TABLE settlement_mapping_profiles (
    name               TEXT PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('statement', 'bank', 'expected', 'invoices')),
    header_row         TEXT NOT NULL CHECK (header_row IN ('auto', 'row', 'absent')),
    header_row_number  INTEGER CHECK (header_row_number >= 1),
    skip_trailing_rows INTEGER NOT NULL CHECK (skip_trailing_rows >= 0),
    delimiter          TEXT CHECK (length(delimiter) = 1),
    encoding           TEXT CHECK (encoding IN ('utf8', 'utf8_bom', 'gb18030', 'utf16_le', 'utf16_be')),
    sheet              TEXT,
    CHECK ((header_row = 'row') = (header_row_number IS NOT NULL))
) STRICT;

CREATE TABLE settlement_mapping_columns (
    profile      TEXT NOT NULL REFERENCES settlement_mapping_profiles (name) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    field        TEXT NOT NULL,
    header       TEXT,
    column_index INTEGER CHECK (column_index >= 0),
    CHECK ((header IS NULL) != (column_index IS NULL)),
    PRIMARY KEY (profile, position)
) STRICT;

INSERT INTO settlement_mapping_profiles
SELECT name, kind,
    json_extract(mapping, '$.header_row.kind'),
    json_extract(mapping, '$.header_row.row'),
    json_extract(mapping, '$.skip_trailing_rows'),
    NULLIF(json_extract(mapping, '$.delimiter'), ''),
    json_extract(mapping, '$.encoding'),
    json_extract(mapping, '$.sheet')
FROM mapping_profiles;

INSERT INTO settlement_mapping_columns (profile, position, field, header, column_index)
SELECT p.name, c.key,
    json_extract(c.value, '$.field'),
    json_extract(c.value, '$.column.header'),
    json_extract(c.value, '$.column.index')
FROM mapping_profiles p, json_each(p.mapping, '$.columns') c;

DROP TABLE mapping_profiles;
