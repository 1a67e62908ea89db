-- The one write path: every create, update and delete of a record appends one entry here, in the
-- same transaction as the row itself. `seq` is gapless; `hash` chains each entry to the one
-- before, so an edited, deleted or reordered entry is detectable (`fieldbook verify-log`).
CREATE TABLE change_log (
    seq          INTEGER PRIMARY KEY,
    change_id    TEXT NOT NULL UNIQUE,
    entity       TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    op           TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    base_version INTEGER,
    hlc          INTEGER NOT NULL,
    device_id    TEXT NOT NULL,
    officer      TEXT NOT NULL,
    fields       TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
) STRICT;

CREATE INDEX change_log_by_record ON change_log(entity, record_id, seq);

-- The hybrid logical clock's last value (48-bit ms << 16 | 16-bit counter); never goes back.
CREATE TABLE hlc_state (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    last INTEGER NOT NULL
) STRICT;
INSERT INTO hlc_state (id, last) VALUES (1, 0);

-- Sync and audit columns on every record table. Rows that predate this migration get their
-- 'create' entry when the store first opens (store::write::log_unlogged_rows).
ALTER TABLE county ADD COLUMN origin_device TEXT;
ALTER TABLE county ADD COLUMN created_hlc INTEGER;
ALTER TABLE county ADD COLUMN updated_hlc INTEGER;
ALTER TABLE county ADD COLUMN base_version INTEGER;
ALTER TABLE county ADD COLUMN deleted_hlc INTEGER;
ALTER TABLE county ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'locked'));

ALTER TABLE township ADD COLUMN origin_device TEXT;
ALTER TABLE township ADD COLUMN created_hlc INTEGER;
ALTER TABLE township ADD COLUMN updated_hlc INTEGER;
ALTER TABLE township ADD COLUMN base_version INTEGER;
ALTER TABLE township ADD COLUMN deleted_hlc INTEGER;
ALTER TABLE township ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'locked'));

ALTER TABLE village ADD COLUMN origin_device TEXT;
ALTER TABLE village ADD COLUMN created_hlc INTEGER;
ALTER TABLE village ADD COLUMN updated_hlc INTEGER;
ALTER TABLE village ADD COLUMN base_version INTEGER;
ALTER TABLE village ADD COLUMN deleted_hlc INTEGER;
ALTER TABLE village ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'locked'));
