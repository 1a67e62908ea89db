-- Household call-backs (回访, issue 15, DOMAIN.md "Fabrication checks" 11): the county draws a
-- share of a township's households (default 10 %, `county.check_thresholds.callbackShare`),
-- reproducibly from a seed like the re-check (0006 recheck_sample), keeps the draw, and records
-- the outcome of each call. A denial opens the finding F11_CALLBACK_DENIED. Both tables are the
-- county's (COUNTY_ONLY): the county draws and calls; laptops never write them.
--
-- Never edit this file once it has landed: fix forward with a new migration.

CREATE TABLE callback_sample (
    id            TEXT PRIMARY KEY,
    township_id   TEXT NOT NULL REFERENCES township(id),
    -- a u64, as text
    seed          TEXT NOT NULL,
    -- the share drawn, 0–1 as text ("0.1")
    share         TEXT NOT NULL,
    -- how many live households the township had when drawn
    population    INTEGER NOT NULL CHECK (population >= 0),
    drawn_date    TEXT NOT NULL,
    drawn_by      TEXT NOT NULL DEFAULT '',
    origin_device TEXT,
    created_hlc   INTEGER,
    updated_hlc   INTEGER,
    base_version  INTEGER,
    deleted_hlc   INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX callback_sample_by_township ON callback_sample(township_id);

-- One drawn household of a sample (`position` is its place in the draw, from 1) and the
-- outcome of calling it: '' while not called yet; reached (answered, not asked yet or no
-- answer given), confirms, denies, unreachable.
CREATE TABLE callback_call (
    id            TEXT PRIMARY KEY,
    sample_id     TEXT NOT NULL REFERENCES callback_sample(id),
    household_id  TEXT NOT NULL REFERENCES household(id),
    position      INTEGER NOT NULL CHECK (position >= 1),
    outcome       TEXT NOT NULL DEFAULT ''
        CHECK (outcome IN ('', 'reached', 'confirms', 'denies', 'unreachable')),
    note          TEXT NOT NULL DEFAULT '',
    officer       TEXT NOT NULL DEFAULT '',
    call_date     TEXT,
    origin_device TEXT,
    created_hlc   INTEGER,
    updated_hlc   INTEGER,
    base_version  INTEGER,
    deleted_hlc   INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
-- A draw names each household once (domain::inspections::draw draws distinct ids).
CREATE INDEX callback_call_by_sample ON callback_call(sample_id, position);
CREATE INDEX callback_call_by_household ON callback_call(household_id);
