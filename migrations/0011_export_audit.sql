-- Every spreadsheet export, with whether it carried unmasked ID numbers (DOMAIN.md, Privacy:
-- "every export of unmasked IDs is recorded in the audit log"). Local to this database, like
-- the print log: an export is not a change to a record, so it is not in the change log.
CREATE TABLE export_audit (
    id           INTEGER PRIMARY KEY,
    exported_at  TEXT NOT NULL,
    officer      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    scope        TEXT NOT NULL,
    rows         INTEGER NOT NULL,
    full_ids     INTEGER NOT NULL CHECK (full_ids IN (0, 1)),
    checksum     TEXT NOT NULL,
    destination  TEXT NOT NULL
) STRICT;
