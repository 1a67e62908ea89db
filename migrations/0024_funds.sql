-- The money loop (资金): application → decision → award and contract → tranches paid through
-- the gate → recovery and bans. Every table is the county's (COUNTY_ONLY): the county hub writes
-- them, laptops receive their township's rows in the reference package and show them read-only.
--
-- A voided application or award is a tombstone with its reason (`void_reason`), as in 0016.
-- Money is TEXT with two decimals (yuan to the fen), like the ledger. Disbursements and amounts
-- recovered are append-only: a correction is a reversing row (`reverses_id`, negative amount).
-- Dates are YYYY-MM-DD. JSON columns are arrays as described beside them.
--
-- Never edit this file once it has landed: fix forward with a new migration.

-- 申报: an operator applies to a programme, in one of the classes of its subsidy rule.
CREATE TABLE fund_application (
    id              TEXT PRIMARY KEY,
    programme_id    TEXT NOT NULL REFERENCES programme(id),
    operator_id     TEXT NOT NULL REFERENCES operator(id),
    -- a class key of the programme's subsidy rule (poor, non_poor, I, II, III, station …)
    class_key       TEXT NOT NULL,
    applied_date    TEXT NOT NULL,
    -- JSON [{kind: licence|id_copy|form|photo|other, sha256, name}]; files are attachments
    documents       TEXT NOT NULL DEFAULT '[]',
    -- the investment the operator declares, for a share-of-investment rule (yuan, 2 decimals)
    investment      TEXT,
    -- '' while undecided; approved | rejected
    decision        TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'approved', 'rejected')),
    decision_reason TEXT NOT NULL DEFAULT '',
    decided_by      TEXT NOT NULL DEFAULT '',
    decided_date    TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    origin_device   TEXT,
    created_hlc     INTEGER,
    updated_hlc     INTEGER,
    base_version    INTEGER,
    deleted_hlc     INTEGER,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked')),
    void_reason     TEXT
) STRICT;
CREATE INDEX fund_application_by_programme ON fund_application(programme_id);
CREATE INDEX fund_application_by_operator ON fund_application(operator_id);

-- One step of the review of an application, in order: the village recommends (village), the
-- township reviews (township), the county assessment group scores (county). Append-only.
CREATE TABLE fund_review (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES fund_application(id),
    step            TEXT NOT NULL CHECK (step IN ('village', 'township', 'county')),
    reviewer        TEXT NOT NULL,
    review_date     TEXT NOT NULL,
    -- agree | disagree
    opinion         TEXT NOT NULL CHECK (opinion IN ('agree', 'disagree')),
    -- the reviewer's words; a county assessment may carry its score in them
    comment         TEXT NOT NULL DEFAULT '',
    score           TEXT,
    origin_device   TEXT,
    created_hlc     INTEGER,
    updated_hlc     INTEGER,
    base_version    INTEGER,
    deleted_hlc     INTEGER,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX fund_review_by_application ON fund_review(application_id);

-- 确定扶持对象、签订合同: operator × programme × class, the amount the rule allows, the
-- contracted targets and the signed contract. One live award per operator and programme.
CREATE TABLE fund_award (
    id              TEXT PRIMARY KEY,
    programme_id    TEXT NOT NULL REFERENCES programme(id),
    operator_id     TEXT NOT NULL REFERENCES operator(id),
    application_id  TEXT REFERENCES fund_application(id),
    class_key       TEXT NOT NULL,
    -- yuan, 2 decimals; never above what the programme's rule allows for the class
    amount          TEXT NOT NULL,
    -- the investment a share rule was applied to
    investment      TEXT,
    decided_date    TEXT NOT NULL,
    decided_by      TEXT NOT NULL DEFAULT '',
    -- JSON [{key, label, quantity, unit}]: sales, households, employees, turnover …
    targets         TEXT NOT NULL DEFAULT '[]',
    deadline        TEXT,
    contract_no     TEXT NOT NULL DEFAULT '',
    -- the day the contract was signed; NULL until it is
    contract_date   TEXT,
    contract_sha256 TEXT REFERENCES attachment(sha256),
    notes           TEXT NOT NULL DEFAULT '',
    origin_device   TEXT,
    created_hlc     INTEGER,
    updated_hlc     INTEGER,
    base_version    INTEGER,
    deleted_hlc     INTEGER,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked')),
    void_reason     TEXT
) STRICT;
CREATE UNIQUE INDEX fund_award_one_per_operator ON fund_award(programme_id, operator_id)
    WHERE deleted_hlc IS NULL;
CREATE INDEX fund_award_by_operator ON fund_award(operator_id);

-- A county override of the gate for one tranche of one award: the conditions it waived, why,
-- and the officer. Printed on the disbursement list beside the payment it allowed.
CREATE TABLE fund_override (
    id              TEXT PRIMARY KEY,
    award_id        TEXT NOT NULL REFERENCES fund_award(id),
    -- 1-based index into the programme's tranches
    tranche         INTEGER NOT NULL CHECK (tranche >= 1),
    reason          TEXT NOT NULL,
    officer         TEXT NOT NULL,
    override_date   TEXT NOT NULL,
    -- JSON [code]: the FUND_GATE_* codes unmet when it was granted
    waived          TEXT NOT NULL DEFAULT '[]',
    origin_device   TEXT,
    created_hlc     INTEGER,
    updated_hlc     INTEGER,
    base_version    INTEGER,
    deleted_hlc     INTEGER,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX fund_override_by_award ON fund_override(award_id);

-- 资金拨付: one payment of one tranche of an award. Append-only; a correction reverses it.
CREATE TABLE fund_disbursement (
    id              TEXT PRIMARY KEY,
    award_id        TEXT NOT NULL REFERENCES fund_award(id),
    tranche         INTEGER NOT NULL CHECK (tranche >= 1),
    -- yuan, 2 decimals; negative on a reversing row
    amount          TEXT NOT NULL,
    paid_date       TEXT NOT NULL,
    voucher_no      TEXT NOT NULL DEFAULT '',
    payer           TEXT NOT NULL DEFAULT '',
    -- the payment this row reverses (a correction), NULL for a payment
    reverses_id     TEXT REFERENCES fund_disbursement(id),
    -- the override that let it through the gate, if one did
    override_id     TEXT REFERENCES fund_override(id),
    notes           TEXT NOT NULL DEFAULT '',
    origin_device   TEXT,
    created_hlc     INTEGER,
    updated_hlc     INTEGER,
    base_version    INTEGER,
    deleted_hlc     INTEGER,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX fund_disbursement_by_award ON fund_disbursement(award_id);

-- 追回: an order to recover what was paid on an award, after failed acceptance or falsified
-- materials. The amount never exceeds what was paid.
CREATE TABLE fund_recovery (
    id              TEXT PRIMARY KEY,
    award_id        TEXT NOT NULL REFERENCES fund_award(id),
    -- failed_acceptance | falsified | other
    grounds         TEXT NOT NULL CHECK (grounds IN ('failed_acceptance', 'falsified', 'other')),
    reason          TEXT NOT NULL,
    amount          TEXT NOT NULL,
    decided_date    TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    officer         TEXT NOT NULL DEFAULT '',
    origin_device   TEXT,
    created_hlc     INTEGER,
    updated_hlc     INTEGER,
    base_version    INTEGER,
    deleted_hlc     INTEGER,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX fund_recovery_by_award ON fund_recovery(award_id);

-- Money received back against a recovery order. Append-only, like disbursements.
CREATE TABLE fund_recovered (
    id              TEXT PRIMARY KEY,
    recovery_id     TEXT NOT NULL REFERENCES fund_recovery(id),
    amount          TEXT NOT NULL,
    received_date   TEXT NOT NULL,
    voucher_no      TEXT NOT NULL DEFAULT '',
    reverses_id     TEXT REFERENCES fund_recovered(id),
    notes           TEXT NOT NULL DEFAULT '',
    origin_device   TEXT,
    created_hlc     INTEGER,
    updated_hlc     INTEGER,
    base_version    INTEGER,
    deleted_hlc     INTEGER,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX fund_recovered_by_recovery ON fund_recovered(recovery_id);

-- 取消资格、禁止申报: an operator barred from the county's funds from start_date to end_date
-- (exclusive: it may apply again on end_date). Lifting it early is an edit with a reason.
CREATE TABLE fund_ban (
    id              TEXT PRIMARY KEY,
    operator_id     TEXT NOT NULL REFERENCES operator(id),
    recovery_id     TEXT REFERENCES fund_recovery(id),
    reason          TEXT NOT NULL,
    start_date      TEXT NOT NULL,
    end_date        TEXT NOT NULL,
    officer         TEXT NOT NULL DEFAULT '',
    lifted_date     TEXT,
    lifted_reason   TEXT NOT NULL DEFAULT '',
    origin_device   TEXT,
    created_hlc     INTEGER,
    updated_hlc     INTEGER,
    base_version    INTEGER,
    deleted_hlc     INTEGER,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE INDEX fund_ban_by_operator ON fund_ban(operator_id);

-- The county's fund settings: how many years a ban lasts (成县, 霍邱: three), and whether an
-- award beyond the programme's budget is refused or only warned.
ALTER TABLE county ADD COLUMN fund_ban_years INTEGER NOT NULL DEFAULT 3
    CHECK (fund_ban_years BETWEEN 1 AND 10);
ALTER TABLE county ADD COLUMN fund_overcommit TEXT NOT NULL DEFAULT 'refuse'
    CHECK (fund_overcommit IN ('refuse', 'warn'));
