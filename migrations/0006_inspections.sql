-- Site inspections (实地核验 / 验收 / 复核) against a programme's criteria template, their
-- photos (content-addressed in `attachment`), and the county's re-check samples.
CREATE TABLE inspection (
    id              TEXT PRIMARY KEY,
    operator_id     TEXT NOT NULL REFERENCES operator(id),
    programme_id    TEXT NOT NULL REFERENCES programme(id),
    stage           TEXT NOT NULL CHECK (stage IN ('preliminary', 'acceptance', 'recheck')),
    inspection_date TEXT NOT NULL,
    -- JSON: [{name, unit}]
    inspectors      TEXT NOT NULL DEFAULT '[]',
    -- JSON: [{key, value, note}] as observed or computed from the records
    observations    TEXT NOT NULL DEFAULT '[]',
    problems        TEXT NOT NULL DEFAULT '',
    -- JSON: [{item, deadline}]
    rectification   TEXT NOT NULL DEFAULT '[]',
    -- pass | fail | rectify, evaluated from the template when saved
    conclusion      TEXT NOT NULL DEFAULT '',
    origin_device   TEXT,
    created_hlc     INTEGER,
    updated_hlc     INTEGER,
    base_version    INTEGER,
    deleted_hlc     INTEGER,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX inspection_by_operator ON inspection(operator_id, programme_id);

-- One row per photo per inspection; the id is UUIDv5(inspection, sha256).
CREATE TABLE inspection_photo (
    id            TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspection(id),
    sha256        TEXT NOT NULL REFERENCES attachment(sha256),
    caption       TEXT NOT NULL DEFAULT '',
    origin_device TEXT,
    created_hlc   INTEGER,
    updated_hlc   INTEGER,
    base_version  INTEGER,
    deleted_hlc   INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX inspection_photo_by_sha ON inspection_photo(sha256);

-- A county re-check (复核) sample: the seed and the drawn operators are kept, so the same
-- sample can be shown to an auditor later.
CREATE TABLE recheck_sample (
    id            TEXT PRIMARY KEY,
    programme_id  TEXT NOT NULL REFERENCES programme(id),
    -- a u64, as text
    seed          TEXT NOT NULL,
    share         TEXT NOT NULL,
    -- JSON: [{township, accepted, drawn: [{id, name, place}]}], as drawn
    drawn         TEXT NOT NULL,
    origin_device TEXT,
    created_hlc   INTEGER,
    updated_hlc   INTEGER,
    base_version  INTEGER,
    deleted_hlc   INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
