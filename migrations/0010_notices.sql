-- Public notices (公示): what is posted, where, for how long (at least 10 days), the complaint
-- phones, the printed list, the photo of the posted notice, and the objections received with
-- how each was handled. Plus the local print log that `print verify` reads.
CREATE TABLE notice (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    -- shop_list | acceptance_result | trainee_roster | fund_allocation
    subject         TEXT NOT NULL,
    programme_id    TEXT REFERENCES programme(id),
    township_id     TEXT REFERENCES township(id),
    issuer          TEXT NOT NULL,
    -- JSON: ["长沟村村委会公示栏", "鸡峰镇政府公示栏", "成县人民政府网站"]
    places          TEXT NOT NULL DEFAULT '[]',
    start_date      TEXT NOT NULL,
    end_date        TEXT NOT NULL,
    phone_local     TEXT NOT NULL,
    phone_national  TEXT NOT NULL DEFAULT '12317',
    body            TEXT NOT NULL DEFAULT '',
    -- JSON: [{name, place, benefit, idNumber?, phone?}] as printed
    entries         TEXT NOT NULL DEFAULT '[]',
    -- none | masked: whether the printed list shows masked ID and phone numbers
    privacy         TEXT NOT NULL DEFAULT 'none' CHECK (privacy IN ('none', 'masked')),
    photo_sha256    TEXT REFERENCES attachment(sha256),
    origin_device   TEXT,
    created_hlc     INTEGER,
    updated_hlc     INTEGER,
    base_version    INTEGER,
    deleted_hlc     INTEGER,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX notice_by_programme ON notice(programme_id);

-- One row per objection received; `handling` stays empty while it is open.
CREATE TABLE notice_objection (
    id              TEXT PRIMARY KEY,
    notice_id       TEXT NOT NULL REFERENCES notice(id),
    received_date   TEXT NOT NULL,
    objector        TEXT NOT NULL DEFAULT '',
    content         TEXT NOT NULL,
    handling        TEXT NOT NULL DEFAULT '',
    handled_date    TEXT,
    origin_device   TEXT,
    created_hlc     INTEGER,
    updated_hlc     INTEGER,
    base_version    INTEGER,
    deleted_hlc     INTEGER,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX notice_objection_by_notice ON notice_objection(notice_id);

-- Every form printed on this device: the short hash on the paper, the record, its version and
-- the SHA-256 of the printed content. Local, like attachments: not a record, not in the log.
CREATE TABLE print_log (
    hash            TEXT PRIMARY KEY,
    form            TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    version         INTEGER NOT NULL,
    content_hash    TEXT NOT NULL,
    pages           INTEGER NOT NULL,
    printed_at      TEXT NOT NULL,
    officer         TEXT NOT NULL
) STRICT;
CREATE INDEX print_log_by_record ON print_log(record_id);
