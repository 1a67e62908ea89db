-- Training sessions (培训) and their attendance (签到): one row per person per half-day slot.
-- The poor flag is derived from the household register when the row is written (the matched
-- household is kept); sign-in sheet photos are content-addressed in `attachment`.
CREATE TABLE training_session (
    id                TEXT PRIMARY KEY,
    programme_id      TEXT NOT NULL REFERENCES programme(id),
    kind              TEXT NOT NULL CHECK (kind IN ('township_onsite', 'county', 'field_trip')),
    title             TEXT NOT NULL CHECK (title <> ''),
    organiser         TEXT NOT NULL DEFAULT '',
    provider          TEXT NOT NULL DEFAULT '',
    venue             TEXT NOT NULL DEFAULT '',
    -- Required for township on-site sessions (checked in the core); may be empty otherwise.
    township_id       TEXT REFERENCES township(id),
    start_date        TEXT NOT NULL,
    end_date          TEXT NOT NULL CHECK (end_date >= start_date),
    -- JSON: ["2019-06-03 am", "2019-06-03 pm", …], in time order
    slots             TEXT NOT NULL DEFAULT '[]',
    -- JSON: [name]
    trainers          TEXT NOT NULL DEFAULT '[]',
    outline           TEXT NOT NULL DEFAULT '',
    planned_headcount INTEGER NOT NULL CHECK (planned_headcount > 0),
    -- JSON: [sha256 of attachment]
    sheet_photos      TEXT NOT NULL DEFAULT '[]',
    origin_device     TEXT,
    created_hlc       INTEGER,
    updated_hlc       INTEGER,
    base_version      INTEGER,
    deleted_hlc       INTEGER,
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX training_session_by_programme ON training_session(programme_id);

-- The id is UUIDv5(session, slot, ID number), so two officers recording the same person in the
-- same slot converge on one row.
CREATE TABLE attendance (
    id            TEXT PRIMARY KEY,
    session_id    TEXT NOT NULL REFERENCES training_session(id),
    slot          TEXT NOT NULL,
    name          TEXT NOT NULL CHECK (name <> ''),
    sex           TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    id_number     TEXT NOT NULL CHECK (length(id_number) = 18),
    phone         TEXT NOT NULL DEFAULT '',
    township_id   TEXT REFERENCES township(id),
    village_id    TEXT REFERENCES village(id),
    -- The matched registered household; NULL = not in the register (不在登记册).
    household_id  TEXT REFERENCES household(id),
    poor          INTEGER NOT NULL CHECK (poor IN (0, 1)),
    signed        INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1)),
    sheet_page    TEXT NOT NULL DEFAULT '',
    origin_device TEXT,
    created_hlc   INTEGER,
    updated_hlc   INTEGER,
    base_version  INTEGER,
    deleted_hlc   INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
-- Overlap check: the same person in the same slot of another session.
CREATE INDEX attendance_by_person_slot ON attendance(id_number, slot);
-- A session's attendance per slot; covering, so counts and totals never read the table.
CREATE INDEX attendance_by_session ON attendance(session_id, slot, id_number, poor, deleted_hlc);
