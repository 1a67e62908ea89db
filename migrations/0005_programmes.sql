-- Programmes a county runs in a year, set up from the presets in assets/programmes/ and then
-- adjustable: subsidy, tranches, targets, criteria template and rates live in `settings`, the
-- validated preset as JSON (decimals as strings).
CREATE TABLE programme (
    id            TEXT PRIMARY KEY,
    preset_code   TEXT NOT NULL,
    name          TEXT NOT NULL CHECK (name <> ''),
    year          INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    settings      TEXT NOT NULL,
    origin_device TEXT,
    created_hlc   INTEGER,
    updated_hlc   INTEGER,
    base_version  INTEGER,
    deleted_hlc   INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE UNIQUE INDEX programme_by_name_year ON programme(name, year) WHERE deleted_hlc IS NULL;
