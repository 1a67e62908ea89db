-- The county's idle lock: after this many minutes without keyboard, mouse or touch input the
-- desktop app closes an encrypted database and asks for its passphrase again (0 = never). The
-- county sets it for every laptop; it travels in the reference package with the county record.
ALTER TABLE county ADD COLUMN idle_lock_minutes INTEGER NOT NULL DEFAULT 15
    CHECK (idle_lock_minutes BETWEEN 0 AND 480);
