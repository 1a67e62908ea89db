-- Integrity checks (核查, issue 15): what the checks of DOMAIN.md "Fabrication checks" found,
-- with its evidence, and the county's review of it. Findings are the county's (COUNTY_ONLY):
-- the hub stores them after every import and on demand; a township laptop computes its own
-- township's findings to show them but never stores or sends them (docs/checks.md).
--
-- `key` is stable (check + the records involved, or the rule's anchor), so re-running the
-- checks finds the same row. `review_status` is the review (the standard `status` column keeps
-- its meaning of every record: draft | submitted | locked). JSON columns are described beside
-- them. Times are RFC 3339 (UTC).
--
-- Never edit this file once it has landed: fix forward with a new migration.

CREATE TABLE finding (
    id                TEXT PRIMARY KEY,
    key               TEXT NOT NULL UNIQUE,
    -- a CheckCode as on the wire: F3_TWO_TOWNSHIPS_ONE_DAY …
    check_code        TEXT NOT NULL,
    -- high | medium | low
    severity          TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
    -- the first township involved, for filtering (NULL: none, e.g. county reference data)
    township_id       TEXT REFERENCES township(id),
    -- JSON [township id]: every township involved
    townships         TEXT NOT NULL DEFAULT '[]',
    -- JSON [{kind, id, label, townshipId}]: the records involved
    records           TEXT NOT NULL DEFAULT '[]',
    -- JSON [{label, value}]: the values compared
    compared          TEXT NOT NULL DEFAULT '[]',
    threshold         TEXT,
    summary           TEXT NOT NULL DEFAULT '',
    review_status     TEXT NOT NULL DEFAULT 'open'
        CHECK (review_status IN ('open', 'explained', 'confirmed', 'dismissed', 'closed')),
    note              TEXT NOT NULL DEFAULT '',
    attachment_sha256 TEXT REFERENCES attachment(sha256),
    decided_by        TEXT NOT NULL DEFAULT '',
    decided_at        TEXT,
    first_seen        TEXT NOT NULL,
    last_seen         TEXT NOT NULL,
    -- the change-log entry (change_id) that removed the cause, when closed automatically
    closed_by         TEXT,
    -- the recovery (追回) the county ordered on a confirmed finding
    recovery_id       TEXT REFERENCES fund_recovery(id),
    origin_device     TEXT,
    created_hlc       INTEGER,
    updated_hlc       INTEGER,
    base_version      INTEGER,
    deleted_hlc       INTEGER,
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX finding_by_township ON finding(township_id, check_code, review_status);
CREATE INDEX finding_by_status ON finding(review_status);

-- The county's thresholds for the checks (JSON object, Thresholds in src/checks; missing keys
-- take their defaults). NULL: every default.
ALTER TABLE county ADD COLUMN check_thresholds TEXT;
