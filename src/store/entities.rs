//! Every kind of record the write path knows, declared once: its change-log name, table, the
//! label a user calls one record by, the columns a change may set, and its flags. The write
//! path, the change-log checks, sync's field classes and the import staging all read this list;
//! the record modules (`store::records`) only use it. A new record kind is added here first.
//!
//! Sync's field class of each column (LWW / REVIEW / COUNTY_ONLY) is keyed by `Entity::name`
//! and `column` in `assets/sync/field_classes.json`, checked against this list when loaded.

/// A table that goes through the write path, with the columns a change may set.
pub struct Entity {
    pub name: &'static str,
    pub table: &'static str,
    /// What a user calls one record, for messages: 村, 农户, 带贫协议 …
    pub label: &'static str,
    pub columns: &'static [&'static str],
    /// Ledger entries are never edited; a correction is a reversing entry.
    pub append_only: bool,
}

const fn entity(
    name: &'static str,
    label: &'static str,
    columns: &'static [&'static str],
) -> Entity {
    Entity {
        name,
        table: name,
        label,
        columns,
        append_only: false,
    }
}

pub const COUNTY: Entity = entity(
    "county",
    "县",
    &[
        "code",
        "name",
        "notice_ids",
        "status",
        "fund_ban_years",
        "fund_overcommit",
        "idle_lock_minutes",
        "check_thresholds",
        "product_seasons",
    ],
);
pub const TOWNSHIP: Entity = entity(
    "township",
    "乡镇",
    &["county_id", "code", "name", "status", "retired"],
);
pub const VILLAGE: Entity = entity(
    "village",
    "村",
    &["township_id", "code", "name", "poor", "status", "retired"],
);
pub const HOUSEHOLD: Entity = entity(
    "household",
    "农户",
    &[
        "head_name",
        "id_number",
        "id_number_rev",
        "size",
        "village_id",
        "village_group",
        "category",
        "year_lifted",
        "phone",
        "notes",
        "status",
        "void_reason",
    ],
);
pub const OPERATOR: Entity = entity(
    "operator",
    "实施主体",
    &[
        "kind",
        "name",
        "credit_code",
        "person_in_charge",
        "phone",
        "village_id",
        "platform",
        "shop_url",
        "status",
        "void_reason",
    ],
);
pub const AGREEMENT: Entity = entity(
    "agreement",
    "带贫协议",
    &[
        "number",
        "year",
        "programme",
        "operator_id",
        "witness_village_id",
        "modes",
        "price_rule",
        "price_value",
        "min_quantity",
        "pay_within_days",
        "target_households",
        "target_income",
        "term_start",
        "term_end",
        "scan_sha256",
        "status",
        "void_reason",
        "programme_id",
    ],
);
pub const ROSTER: Entity = entity(
    "roster",
    "花名册",
    &["agreement_id", "household_id", "mode", "content", "status"],
);
pub const LEDGER: Entity = Entity {
    append_only: true,
    ..entity(
        "ledger_entry",
        "台账",
        &[
            "agreement_id",
            "household_id",
            "entry_date",
            "product",
            "quantity",
            "unit",
            "unit_price",
            "market_price",
            "amount",
            "payment_method",
            "voucher_no",
            "reverses_id",
            "delivered_date",
            "status",
        ],
    )
};
pub const PROGRAMME: Entity = entity(
    "programme",
    "项目",
    &["preset_code", "name", "year", "kind", "settings", "status"],
);
pub const INSPECTION: Entity = entity(
    "inspection",
    "核验",
    &[
        "operator_id",
        "programme_id",
        "stage",
        "inspection_date",
        "inspectors",
        "observations",
        "problems",
        "rectification",
        "conclusion",
        "investment",
        "status",
        "recheck_sample_id",
    ],
);
pub const INSPECTION_PHOTO: Entity = entity(
    "inspection_photo",
    "核验照片",
    &["inspection_id", "sha256", "caption", "status"],
);
pub const RECHECK_SAMPLE: Entity = entity(
    "recheck_sample",
    "复核抽样",
    &["programme_id", "seed", "share", "drawn", "status"],
);
pub const HOUSEHOLD_CATEGORY: Entity = entity(
    "household_category",
    "农户类别",
    &["code", "label", "sort", "status"],
);
pub const TRAINING_SESSION: Entity = entity(
    "training_session",
    "培训",
    &[
        "programme_id",
        "kind",
        "title",
        "organiser",
        "provider",
        "venue",
        "township_id",
        "start_date",
        "end_date",
        "slots",
        "trainers",
        "outline",
        "planned_headcount",
        "sheet_photos",
        "status",
        "void_reason",
        "audience",
    ],
);

pub const ATTENDANCE: Entity = entity(
    "attendance",
    "培训签到",
    &[
        "session_id",
        "slot",
        "name",
        "sex",
        "id_number",
        "phone",
        "township_id",
        "village_id",
        "household_id",
        "poor",
        "signed",
        "sheet_page",
        "status",
        "audience",
        "name_confirmed",
    ],
);

pub const NOTICE: Entity = entity(
    "notice",
    "公示",
    &[
        "title",
        "subject",
        "programme_id",
        "issuer",
        "places",
        "start_date",
        "end_date",
        "phone_local",
        "phone_national",
        "body",
        "entries",
        "privacy",
        "photo_sha256",
        "status",
        "void_reason",
    ],
);

pub const NOTICE_OBJECTION: Entity = entity(
    "notice_objection",
    "公示异议",
    &[
        "notice_id",
        "received_date",
        "objector",
        "content",
        "handling",
        "handled_date",
        "status",
    ],
);

/// The county's lists of programme kinds and operator kinds (0018): codes the records keep,
/// labels the county chooses, retired options kept for the records that name them.
pub const KIND_OPTION: Entity = entity(
    "kind_option",
    "类型选项",
    &[
        "list",
        "code",
        "label",
        "sort",
        "subject",
        "requires_online_shop",
        "retired",
        "status",
    ],
);

/// A service station's month of service (霍邱's five functions), one per station and month.
pub const STATION_MONTH: Entity = entity(
    "station_month",
    "站点月度服务",
    &[
        "operator_id",
        "month",
        "service_value",
        "purchases",
        "sales",
        "parcels",
        "bills_paid",
        "publicity",
        "reports",
        "notes",
        "status",
        "void_reason",
    ],
);

/// A member of a registered household (家庭成员); the head is the household itself.
pub const HOUSEHOLD_MEMBER: Entity = entity(
    "household_member",
    "家庭成员",
    &[
        "household_id",
        "name",
        "id_number",
        "relation",
        "sex",
        "birth_date",
        "status",
        "void_reason",
    ],
);

/// 申报: an operator's application to a programme in one class, and the county's decision.
pub const FUND_APPLICATION: Entity = entity(
    "fund_application",
    "资金申报",
    &[
        "programme_id",
        "operator_id",
        "class_key",
        "applied_date",
        "documents",
        "investment",
        "decision",
        "decision_reason",
        "decided_by",
        "decided_date",
        "notes",
        "status",
        "void_reason",
    ],
);

/// One review step of an application (village, township, county assessment).
pub const FUND_REVIEW: Entity = Entity {
    append_only: true,
    ..entity(
        "fund_review",
        "申报审核",
        &[
            "application_id",
            "step",
            "reviewer",
            "review_date",
            "opinion",
            "comment",
            "score",
            "status",
        ],
    )
};

/// An award and its contract: operator × programme × class, amount, targets.
pub const FUND_AWARD: Entity = entity(
    "fund_award",
    "扶持资金",
    &[
        "programme_id",
        "operator_id",
        "application_id",
        "class_key",
        "amount",
        "investment",
        "decided_date",
        "decided_by",
        "targets",
        "deadline",
        "contract_no",
        "contract_date",
        "contract_sha256",
        "notes",
        "status",
        "void_reason",
    ],
);

/// The county's override of the payment gate for one tranche.
pub const FUND_OVERRIDE: Entity = Entity {
    append_only: true,
    ..entity(
        "fund_override",
        "拨付特批",
        &[
            "award_id",
            "tranche",
            "reason",
            "officer",
            "override_date",
            "waived",
            "status",
        ],
    )
};

/// A payment of one tranche; append-only, a correction is a reversing row.
pub const FUND_DISBURSEMENT: Entity = Entity {
    append_only: true,
    ..entity(
        "fund_disbursement",
        "资金拨付",
        &[
            "award_id",
            "tranche",
            "amount",
            "paid_date",
            "voucher_no",
            "payer",
            "reverses_id",
            "override_id",
            "notes",
            "status",
        ],
    )
};

/// An order to recover what was paid (追回).
pub const FUND_RECOVERY: Entity = entity(
    "fund_recovery",
    "资金追回",
    &[
        "award_id",
        "grounds",
        "reason",
        "amount",
        "decided_date",
        "due_date",
        "officer",
        "status",
    ],
);

/// Money received back against a recovery order; append-only.
pub const FUND_RECOVERED: Entity = Entity {
    append_only: true,
    ..entity(
        "fund_recovered",
        "追回到账",
        &[
            "recovery_id",
            "amount",
            "received_date",
            "voucher_no",
            "reverses_id",
            "notes",
            "status",
        ],
    )
};

/// An operator barred from the county's funds for a period.
pub const FUND_BAN: Entity = entity(
    "fund_ban",
    "禁止申报",
    &[
        "operator_id",
        "recovery_id",
        "reason",
        "start_date",
        "end_date",
        "officer",
        "lifted_date",
        "lifted_reason",
        "status",
    ],
);

/// What an integrity check found (核查, `src/checks`), its evidence and the county's review.
/// The hub's own: never in a package, never stored on a laptop.
pub const FINDING: Entity = entity(
    "finding",
    "核查发现",
    &[
        "key",
        "check_code",
        "severity",
        "township_id",
        "townships",
        "records",
        "compared",
        "threshold",
        "summary",
        "review_status",
        "note",
        "attachment_sha256",
        "decided_by",
        "decided_at",
        "first_seen",
        "last_seen",
        "closed_by",
        "recovery_id",
    ],
);
pub const CALLBACK_SAMPLE: Entity = entity(
    "callback_sample",
    "回访抽样",
    &[
        "township_id",
        "seed",
        "share",
        "population",
        "drawn_date",
        "drawn_by",
        "status",
    ],
);
pub const CALLBACK_CALL: Entity = entity(
    "callback_call",
    "回访记录",
    &[
        "sample_id",
        "household_id",
        "position",
        "outcome",
        "note",
        "officer",
        "call_date",
        "status",
    ],
);

/// Every record kind, in the order a batch applies them (parents before children).
pub const ENTITIES: &[&Entity] = &[
    &COUNTY,
    &TOWNSHIP,
    &VILLAGE,
    &HOUSEHOLD,
    &OPERATOR,
    &AGREEMENT,
    &ROSTER,
    &LEDGER,
    &PROGRAMME,
    &INSPECTION,
    &INSPECTION_PHOTO,
    &RECHECK_SAMPLE,
    &HOUSEHOLD_CATEGORY,
    &TRAINING_SESSION,
    &ATTENDANCE,
    &NOTICE,
    &NOTICE_OBJECTION,
    &KIND_OPTION,
    &HOUSEHOLD_MEMBER,
    &STATION_MONTH,
    &FUND_APPLICATION,
    &FUND_REVIEW,
    &FUND_AWARD,
    &FUND_OVERRIDE,
    &FUND_DISBURSEMENT,
    &FUND_RECOVERY,
    &FUND_RECOVERED,
    &FUND_BAN,
    &FINDING,
    &CALLBACK_SAMPLE,
    &CALLBACK_CALL,
];
