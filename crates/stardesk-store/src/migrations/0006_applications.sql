-- v6: product-review applications. `applications` is the platform's view of the
-- creator's applications as last synced (like the task cache, filed per source and
-- forgotten with it); `campaign_tasks` keeps the terms of every task applied to, which
-- the timeline needs long after the task left the hall; `application_outbox` holds what
-- the creator applied for and the platform has not confirmed yet, with the idempotency key
-- that makes sending it exactly once; `reminders` is the schedule derived from the
-- timelines. Shipping details are personal data: only in this encrypted file.

CREATE TABLE applications (
    id                   TEXT PRIMARY KEY,
    task_id              TEXT NOT NULL,
    status               TEXT NOT NULL,
    applied_at           TEXT NOT NULL,
    contact_name         TEXT NOT NULL,
    phone                TEXT NOT NULL,
    region_code          TEXT NOT NULL,
    province             TEXT NOT NULL,
    city                 TEXT NOT NULL,
    district             TEXT NOT NULL,
    detail               TEXT NOT NULL,
    strengths            TEXT NOT NULL,
    idea                 TEXT NOT NULL,
    withdrawn_at         TEXT,
    selection_outcome    TEXT CHECK (selection_outcome IN ('selected', 'passed', 'expired')),
    selection_decided_at TEXT,
    carrier              TEXT,
    tracking_no          TEXT,
    shipped_on           TEXT,
    delivered_at         TEXT,
    receipt_received     INTEGER CHECK (receipt_received IN (0, 1)),
    receipt_note         TEXT,
    receipt_reported_at  TEXT,
    content_url          TEXT,
    content_submitted_at TEXT,
    review_outcome       TEXT CHECK (review_outcome IN ('approved', 'rejected')),
    review_reason        TEXT,
    reviewed_at          TEXT,
    published_on         TEXT,
    reward_fen           INTEGER,
    reward_listed_on     TEXT,
    reward_paid_on       TEXT,
    updated_at           TEXT NOT NULL
) STRICT;

CREATE INDEX applications_by_task ON applications (task_id);

CREATE TABLE campaign_tasks (
    task_id         TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    brand           TEXT NOT NULL,
    apply_start     TEXT NOT NULL,
    apply_end       TEXT NOT NULL,
    ship_by         TEXT,
    upload_deadline TEXT NOT NULL,
    retention_days  INTEGER NOT NULL CHECK (retention_days >= 0),
    -- The store's own reward format (as tasks.reward_json).
    reward_json     TEXT NOT NULL,
    fetched_at      TEXT NOT NULL
) STRICT;

CREATE TABLE application_outbox (
    id                 INTEGER PRIMARY KEY,
    -- The source it was made for (the embedded sandbox, or platform:<url>).
    source             TEXT NOT NULL,
    idempotency_key    TEXT NOT NULL UNIQUE,
    task_id            TEXT NOT NULL,
    contact_name       TEXT NOT NULL,
    phone              TEXT NOT NULL,
    region_code        TEXT NOT NULL,
    province           TEXT NOT NULL,
    city               TEXT NOT NULL,
    district           TEXT NOT NULL,
    detail             TEXT NOT NULL,
    strengths          TEXT NOT NULL,
    idea               TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'refused')),
    attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at    TEXT,
    last_error_code    TEXT,
    last_error_message TEXT,
    -- The platform's refusal: a 409's code, or 'invalid' for a 422.
    refusal_code       TEXT,
    application_id     TEXT,
    sent_at            TEXT
) STRICT;

-- A 422's field problems, as the platform listed them.
CREATE TABLE application_outbox_problems (
    outbox_id INTEGER NOT NULL REFERENCES application_outbox (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    field     TEXT NOT NULL,
    code      TEXT NOT NULL,
    message   TEXT NOT NULL,
    PRIMARY KEY (outbox_id, position)
) STRICT;

CREATE TABLE reminders (
    -- "<application id>:<timeline key>:<lead days>"
    key            TEXT PRIMARY KEY,
    application_id TEXT NOT NULL,
    timeline_key   TEXT NOT NULL,
    due_on         TEXT NOT NULL,
    lead_days      INTEGER NOT NULL CHECK (lead_days >= 0),
    remind_on      TEXT NOT NULL,
    fired_at       TEXT
) STRICT;

CREATE INDEX reminders_due ON reminders (remind_on) WHERE fired_at IS NULL;
