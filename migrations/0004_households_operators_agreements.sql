-- Registered households, operators, linkage agreements with their rosters and ledgers, and
-- content-addressed attachments. Money and quantities are decimal TEXT (exact, never REAL).
-- Every record table carries the sync and audit columns of 0003.

CREATE TABLE household_category (
    code  TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    sort  INTEGER NOT NULL
) STRICT;
-- Counties rename these (from 2021: 脱贫户 / 监测户); codes stay stable.
INSERT INTO household_category (code, label, sort) VALUES
    ('general', '一般贫困户', 1),
    ('dibao', '低保贫困户', 2),
    ('tekun', '特困供养贫困户', 3),
    ('lifted', '脱贫户', 4),
    ('monitored', '监测户', 5);

CREATE TABLE household (
    id            TEXT PRIMARY KEY,
    head_name     TEXT NOT NULL CHECK (head_name <> ''),
    id_number     TEXT NOT NULL CHECK (length(id_number) = 18),
    -- The ID reversed, so "last digits" searches use an index (a LIKE 'x%' prefix range).
    id_number_rev TEXT NOT NULL,
    size          INTEGER NOT NULL CHECK (size BETWEEN 1 AND 30),
    village_id    TEXT NOT NULL REFERENCES village(id),
    village_group TEXT NOT NULL DEFAULT '',
    category      TEXT NOT NULL REFERENCES household_category(code),
    year_lifted   INTEGER,
    phone         TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    origin_device TEXT,
    created_hlc   INTEGER,
    updated_hlc   INTEGER,
    base_version  INTEGER,
    deleted_hlc   INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE UNIQUE INDEX household_by_id_number ON household(id_number) WHERE deleted_hlc IS NULL;
CREATE INDEX household_by_id_rev ON household(id_number_rev);
CREATE INDEX household_by_name ON household(head_name);
CREATE INDEX household_by_village ON household(village_id, village_group);

CREATE TABLE operator (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('demo_shop', 'enterprise', 'cooperative',
                         'supply_centre', 'service_station', 'training_provider')),
    name             TEXT NOT NULL CHECK (name <> ''),
    credit_code      TEXT NOT NULL DEFAULT '',
    person_in_charge TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    village_id       TEXT REFERENCES village(id),
    platform         TEXT NOT NULL DEFAULT '',
    shop_url         TEXT NOT NULL DEFAULT '',
    origin_device    TEXT,
    created_hlc      INTEGER,
    updated_hlc      INTEGER,
    base_version     INTEGER,
    deleted_hlc      INTEGER,
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX operator_by_village ON operator(village_id);

CREATE TABLE attachment (
    sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    media_type TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    size       INTEGER NOT NULL,
    content    BLOB NOT NULL
) STRICT;

CREATE TABLE agreement (
    id                 TEXT PRIMARY KEY,
    number             TEXT NOT NULL CHECK (number <> ''),
    year               INTEGER NOT NULL,
    programme          TEXT NOT NULL DEFAULT '',
    operator_id        TEXT NOT NULL REFERENCES operator(id),
    witness_village_id TEXT REFERENCES village(id),
    modes              TEXT NOT NULL DEFAULT '[]',
    price_rule         TEXT NOT NULL DEFAULT 'none' CHECK (price_rule IN ('none', 'fixed', 'market_plus')),
    price_value        TEXT NOT NULL DEFAULT '',
    min_quantity       TEXT NOT NULL DEFAULT '',
    pay_within_days    INTEGER,
    target_households  INTEGER NOT NULL DEFAULT 0,
    target_income      TEXT NOT NULL DEFAULT '0.00',
    term_start         TEXT NOT NULL,
    term_end           TEXT NOT NULL CHECK (term_end >= term_start),
    scan_sha256        TEXT REFERENCES attachment(sha256),
    origin_device      TEXT,
    created_hlc        INTEGER,
    updated_hlc        INTEGER,
    base_version       INTEGER,
    deleted_hlc        INTEGER,
    status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE UNIQUE INDEX agreement_by_number ON agreement(number) WHERE deleted_hlc IS NULL;
CREATE INDEX agreement_by_operator ON agreement(operator_id);

-- One row per household in an agreement; the id is UUIDv5(agreement, household), so two
-- officers adding the same household converge on one row.
CREATE TABLE roster (
    id            TEXT PRIMARY KEY,
    agreement_id  TEXT NOT NULL REFERENCES agreement(id),
    household_id  TEXT NOT NULL REFERENCES household(id),
    mode          TEXT NOT NULL,
    content       TEXT NOT NULL DEFAULT '',
    origin_device TEXT,
    created_hlc   INTEGER,
    updated_hlc   INTEGER,
    base_version  INTEGER,
    deleted_hlc   INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX roster_by_agreement ON roster(agreement_id);
CREATE INDEX roster_by_household ON roster(household_id);

-- Append-only: a correction is a new entry with `reverses_id` set and the opposite amount.
CREATE TABLE ledger_entry (
    id             TEXT PRIMARY KEY,
    agreement_id   TEXT NOT NULL REFERENCES agreement(id),
    household_id   TEXT NOT NULL REFERENCES household(id),
    entry_date     TEXT NOT NULL,
    product        TEXT NOT NULL,
    quantity       TEXT NOT NULL,
    unit           TEXT NOT NULL,
    unit_price     TEXT NOT NULL,
    market_price   TEXT NOT NULL DEFAULT '',
    amount         TEXT NOT NULL,
    payment_method TEXT NOT NULL DEFAULT '',
    voucher_no     TEXT NOT NULL DEFAULT '',
    reverses_id    TEXT REFERENCES ledger_entry(id),
    origin_device  TEXT,
    created_hlc    INTEGER,
    updated_hlc    INTEGER,
    base_version   INTEGER,
    deleted_hlc    INTEGER,
    status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX ledger_by_agreement ON ledger_entry(agreement_id, household_id);
CREATE UNIQUE INDEX ledger_reversed_once ON ledger_entry(reverses_id) WHERE reverses_id IS NOT NULL;
