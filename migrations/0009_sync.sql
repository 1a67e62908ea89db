-- Sync with the county (hub and spoke). Everything here is device or county bookkeeping and lives
-- outside the change log: keys never leave the database, and none of these rows is exported.

-- This database's own keys: Ed25519 signing key and age (X25519) identity. Never exported.
CREATE TABLE sync_key (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    signing_secret TEXT NOT NULL,
    age_identity   TEXT NOT NULL,
    created_at     TEXT NOT NULL
) STRICT;

-- Settings: mode ('county' | 'device'), county_self, the pinned county keys and township on a
-- device, acked_seq, package_version, last export / receipt.
CREATE TABLE sync_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- County side: enrolled devices, each bound to one township; revocation keeps the row.
CREATE TABLE sync_device (
    device_id     TEXT PRIMARY KEY,
    township_id   TEXT NOT NULL REFERENCES township(id),
    officer       TEXT NOT NULL,
    signing_key   TEXT NOT NULL,
    age_recipient TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    enrolled_at   TEXT NOT NULL,
    revoked_at    TEXT,
    last_seq      INTEGER NOT NULL DEFAULT 0,
    last_hash     TEXT NOT NULL
) STRICT;

-- Each device change applied at most once; county_seq is the county's own log entry for it.
CREATE TABLE sync_applied (
    device_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    hash       TEXT NOT NULL,
    county_seq INTEGER,
    outcome    TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
) STRICT, WITHOUT ROWID;

-- Batches seen: a second import of the same batch answers the stored report and receipt.
CREATE TABLE sync_batch (
    batch_id    TEXT PRIMARY KEY,
    device_id   TEXT NOT NULL,
    seq_from    INTEGER NOT NULL,
    seq_to      INTEGER NOT NULL,
    outcome     TEXT NOT NULL,
    received_at TEXT NOT NULL,
    report      TEXT NOT NULL,
    receipt     TEXT
) STRICT;

-- A batch that arrived after a gap waits here (its verified container) until the gap fills.
CREATE TABLE sync_staged (
    batch_id  TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    seq_from  INTEGER NOT NULL,
    seq_to    INTEGER NOT NULL,
    container BLOB NOT NULL
) STRICT;

-- Per-field last-writer clocks on the county: (origin HLC, origin device) of the value the
-- county holds. field '*' is the record's creation (all fields).
CREATE TABLE sync_field_clock (
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       INTEGER NOT NULL,
    device    TEXT NOT NULL,
    PRIMARY KEY (entity, record_id, field)
) STRICT, WITHOUT ROWID;

-- The county's own edits stamp the clock of each field they change (county mode only).
CREATE TRIGGER sync_county_edit_clock AFTER INSERT ON change_log
WHEN NEW.device_id = (SELECT value FROM sync_meta WHERE key = 'county_self')
BEGIN
    INSERT INTO sync_field_clock (entity, record_id, field, hlc, device)
    SELECT NEW.entity, NEW.record_id, key, NEW.hlc, NEW.device_id FROM json_each(NEW.fields)
    WHERE key <> 'deleted'
    ON CONFLICT (entity, record_id, field) DO UPDATE SET hlc = excluded.hlc, device = excluded.device;
END;

-- Devices' edits of REVIEW fields, kept so that whether two laptops' edits were concurrent
-- (neither saw the other's value) does not depend on which batch arrived first.
CREATE TABLE sync_review_edit (
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    old       TEXT NOT NULL,
    new       TEXT NOT NULL,
    PRIMARY KEY (entity, record_id, field, device_id, seq)
) STRICT, WITHOUT ROWID;

-- Conflicts on REVIEW fields: the county kept its value; base / county / incoming side by side.
-- On a device, resolutions received in a reference package are kept here too.
CREATE TABLE sync_conflict (
    id          TEXT PRIMARY KEY,
    entity      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    base        TEXT NOT NULL,
    county      TEXT NOT NULL,
    incoming    TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    officer     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    resolution  TEXT,
    note        TEXT,
    resolved_by TEXT,
    resolved_at TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX sync_conflict_open ON sync_conflict(status, entity, record_id);
