-- v8: the rights center (权益中心). `rights_cache` keeps what the platform reported last,
-- per source and part (metrics, benefits, dispatches, invitations, agencies, the featured
-- case), in core's own JSON, replaced whole by each sync; `star_index_points` records one
-- point per day, which the platform does not keep (R-LEVEL-9); `invitations_seen` makes
-- each invitation's notification come once; `rights_outbox` holds the claims and answers
-- the creator made with the idempotency key that sends each exactly once.

CREATE TABLE rights_cache (
    source    TEXT NOT NULL,
    part      TEXT NOT NULL,
    json      TEXT NOT NULL,
    synced_at TEXT NOT NULL,
    PRIMARY KEY (source, part)
) STRICT;

CREATE TABLE star_index_points (
    source          TEXT NOT NULL,
    day             TEXT NOT NULL,
    -- Decimal text, 0–100 with up to two decimals.
    star_index      TEXT NOT NULL,
    reach           TEXT NOT NULL,
    cooperation     TEXT NOT NULL,
    growth          TEXT NOT NULL,
    value_for_money TEXT NOT NULL,
    seeding         TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (source, day)
) STRICT;

CREATE TABLE invitations_seen (
    source  TEXT NOT NULL,
    id      TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    -- When the "hour almost over" notice of a dispatch was given (R-PREF-4).
    warned_at TEXT,
    PRIMARY KEY (source, id)
) STRICT;

CREATE TABLE rights_outbox (
    id                 INTEGER PRIMARY KEY,
    source             TEXT NOT NULL,
    idempotency_key    TEXT NOT NULL UNIQUE,
    action             TEXT NOT NULL CHECK (action IN ('claim', 'accept', 'decline')),
    -- The benefit (claim) or the invitation (accept, decline).
    target_id          TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'refused')),
    attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at    TEXT,
    last_error_code    TEXT,
    last_error_message TEXT,
    refusal_message    TEXT,
    sent_at            TEXT
) STRICT;

CREATE INDEX rights_outbox_open ON rights_outbox (source, state);
