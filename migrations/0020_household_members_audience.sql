-- Household members (家庭成员) on the register, and the training audience (培训对象).
--
-- A member belongs to a registered household (county-owned like the household, sent to the
-- township's laptops in the reference package). Sex and birth date are derived from the ID
-- number when the row is written. The relation and audience codes are validated by the core (no
-- CHECK), so the lists can grow without a table rebuild.
CREATE TABLE household_member (
    id            TEXT PRIMARY KEY,
    household_id  TEXT NOT NULL REFERENCES household(id),
    name          TEXT NOT NULL CHECK (name <> ''),
    id_number     TEXT NOT NULL CHECK (length(id_number) = 18),
    -- spouse | child | parent | grandchild | sibling | other (the head is the household itself)
    relation      TEXT NOT NULL,
    sex           TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    -- YYYY-MM-DD, from the ID number
    birth_date    TEXT NOT NULL,
    void_reason   TEXT,
    origin_device TEXT,
    created_hlc   INTEGER,
    updated_hlc   INTEGER,
    base_version  INTEGER,
    deleted_hlc   INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE UNIQUE INDEX household_member_by_id_number ON household_member(id_number)
    WHERE deleted_hlc IS NULL;
CREATE INDEX household_member_by_household ON household_member(household_id);

-- A session's audience is the default the sign-in form offers; each attendance row keeps the
-- audience of the person signed in, so a programme's person-times split by audience.
ALTER TABLE training_session ADD COLUMN audience TEXT NOT NULL DEFAULT 'other';
ALTER TABLE attendance ADD COLUMN audience TEXT NOT NULL DEFAULT 'other';
-- A registered ID signed in under another name counts as poor only once a person confirms it.
ALTER TABLE attendance ADD COLUMN name_confirmed INTEGER NOT NULL DEFAULT 0
    CHECK (name_confirmed IN (0, 1));
-- Totals count persons and days per session: one pass over this covering index.
CREATE INDEX attendance_by_session_person
    ON attendance(session_id, id_number, slot, poor, audience, deleted_hlc);
