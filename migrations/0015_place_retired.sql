-- A retired township or village (merged, renamed away, abolished) stays for the records that
-- name it and still prints its name, but is not offered for new records. A flag, not a
-- tombstone: retiring is an ordinary change that travels through the change log and syncs.
ALTER TABLE township ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
ALTER TABLE village ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
