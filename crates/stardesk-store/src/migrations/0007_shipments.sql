-- v7: sample logistics. `shipments` is every parcel StarDesk tracks: the brand's shipment
-- of an application (from the application feed) or one the creator added by hand,
-- including the return leg of a sample with its own due date (R-REVIEW-13).
-- `shipment_events` keeps each carrier event once (a re-query adds nothing), in Beijing
-- time. `shipment_alerts` remembers which alerts were already raised, so each new alert
-- is notified once. The receiver's phone digits are personal data: only in this encrypted
-- file.

CREATE TABLE shipments (
    id                 INTEGER PRIMARY KEY,
    -- The application it belongs to, when there is one.
    application_id     TEXT,
    leg                TEXT NOT NULL CHECK (leg IN ('outbound', 'return')),
    origin             TEXT NOT NULL CHECK (origin IN ('feed', 'manual')),
    -- A kuaidi100 carrier code (`com`).
    carrier            TEXT NOT NULL,
    -- The creator chose the carrier; the feed does not change it back.
    carrier_overridden INTEGER NOT NULL DEFAULT 0 CHECK (carrier_overridden IN (0, 1)),
    tracking_no        TEXT NOT NULL UNIQUE,
    -- The last 4 digits of the receiver's phone, when given by hand (顺丰, 中通).
    phone_last4        TEXT,
    shipped_on         TEXT,
    -- A return leg's due date (R-REVIEW-13).
    return_due         TEXT,
    -- StarDesk's state name, and kuaidi100's state code, as last queried.
    state              TEXT,
    state_code         TEXT,
    signed             INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1)),
    -- The creator confirmed the parcel arrived (shipments without an application; an
    -- application's receipt is on the application).
    received_at        TEXT,
    last_queried_at    TEXT,
    -- Not queried before this (the 30-minute rule, backoff after errors).
    next_query_at      TEXT,
    failures           INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    last_error_code    TEXT,
    last_error_message TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE INDEX shipments_by_application ON shipments (application_id);

CREATE TABLE shipment_events (
    shipment_id INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    -- Beijing time, `YYYY-MM-DD HH:MM:SS`.
    at          TEXT NOT NULL,
    text        TEXT NOT NULL,
    area        TEXT,
    state       TEXT,
    status_code TEXT,
    PRIMARY KEY (shipment_id, at, text)
) STRICT, WITHOUT ROWID;

CREATE TABLE shipment_alerts (
    -- `shipment:<id>` or `application:<id>` (an application not shipped yet).
    subject     TEXT NOT NULL,
    code        TEXT NOT NULL,
    notified_at TEXT NOT NULL,
    PRIMARY KEY (subject, code)
) STRICT, WITHOUT ROWID;
