//! Random edits, through the same core functions the CLI and the app call: households,
//! operators, agreements, rosters, ledger entries, training sessions and attendance,
//! inspections — created, edited, voided, reversed, submitted. Values come from small sets, so
//! two stores often set the same value and often different ones (LWW and REVIEW conflicts).

use fieldbook::domain::agreements::PriceRule;
use fieldbook::domain::agreements::{AgreementInput, LedgerInput, LinkageMode, RosterInput};
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::inspections::{InspectionInput, Inspector, Stage};
use fieldbook::domain::lifecycle::RecordKind;
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::domain::programmes::{Observation, ObservedValue};
use fieldbook::domain::training::{AttendanceInput, HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::{Result, Store};
use rusqlite::Connection;

use crate::rng::Rng;
use crate::world::{id_number, ids, villages_of, Node, SHOP_PROGRAMME};

/// How many records of a kind are "hot": picked half of the time, so the stores keep editing
/// the same few.
const HOT: usize = 4;

/// An edit that was tried: its name and what the core answered (`None`: nothing to edit yet).
pub type Tried = (&'static str, Option<Result<()>>);

/// What a laptop does (weights out of their sum).
const LAPTOP_EDITS: &[(&str, u32)] = &[
    ("household.create", 8),
    ("household.edit", 20),
    ("household.void", 2),
    ("operator.create", 3),
    ("operator.edit", 6),
    ("agreement.create", 2),
    ("agreement.edit", 4),
    ("roster.add", 4),
    ("ledger.add", 5),
    ("ledger.reverse", 1),
    ("training.create", 1),
    ("attendance.add", 4),
    ("inspection.create", 2),
    ("inspection.edit", 3),
    ("inspection.submit", 1),
    ("record.submit", 2),
];

/// What the county hub does to the townships' records.
const COUNTY_EDITS: &[(&str, u32)] = &[
    ("household.edit", 8),
    ("household.void", 1),
    ("operator.edit", 2),
    ("agreement.edit", 2),
    ("record.lock", 3),
    ("inspection.lock", 2),
];

/// The kinds a township submits and the county locks, with their tables.
const LIFECYCLE: &[(RecordKind, &str)] = &[
    (RecordKind::Household, "household"),
    (RecordKind::Operator, "operator"),
    (RecordKind::Agreement, "agreement"),
];

/// One random edit on `store` (the database of `node`).
pub fn one(store: &mut Store, node: &Node, rng: &mut Rng, next_id: &mut u32) -> Tried {
    let table = if node.township.is_some() {
        LAPTOP_EDITS
    } else {
        COUNTY_EDITS
    };
    let weights: Vec<u32> = table.iter().map(|(_, w)| *w).collect();
    let what = table[rng.weighted(&weights)].0;
    let conn = node.conn();
    let live = |table: &str| {
        ids(
            &conn,
            &format!("SELECT id FROM {table} WHERE deleted_hlc IS NULL ORDER BY id"),
            &[],
        )
    };
    let villages = match &node.township {
        Some(code) => villages_of(&conn, code),
        None => Vec::new(),
    };
    let result = match what {
        "household.create" => {
            *next_id += 1;
            let village = rng.pick(&villages).unwrap().clone();
            Some(
                store
                    .add_household(&HouseholdInput {
                        head_name: format!("新户{next_id}"),
                        id_number: id_number(*next_id),
                        size: 1 + rng.below(6) as u32,
                        village_id: village,
                        village_group: "一组".into(),
                        category: "general".into(),
                        year_lifted: None,
                        phone: String::new(),
                        notes: String::new(),
                    })
                    .map(drop),
            )
        }
        "household.edit" => rng
            .pick_hot(&live("household"), HOT)
            .cloned()
            .map(|id| edit_household(store, &conn, &id, rng)),
        "household.void" => rng.pick(&live("household")).map(|id| {
            store
                .void_record(RecordKind::Household, id, "重复登记")
                .map(drop)
        }),
        "operator.create" => {
            *next_id += 1;
            let village = rng.pick(&villages).unwrap().clone();
            Some(
                store
                    .add_operator(&OperatorInput {
                        kind: OperatorKind::DemoShop,
                        name: format!("托里县电商服务店{next_id}"),
                        credit_code: String::new(),
                        person_in_charge: "努尔兰".into(),
                        phone: "13909901234".into(),
                        village_id: Some(village),
                        platform: "拼多多".into(),
                        shop_url: String::new(),
                    })
                    .map(drop),
            )
        }
        "operator.edit" => rng
            .pick_hot(&live("operator"), HOT)
            .cloned()
            .map(|id| edit_operator(store, &id, rng)),
        "agreement.create" => rng.pick(&live("operator")).cloned().map(|operator| {
            *next_id += 1;
            let programme = ids(
                &conn,
                "SELECT id FROM programme WHERE name = ?1",
                &[&SHOP_PROGRAMME],
            );
            store
                .add_agreement(&AgreementInput {
                    number: format!("TL2019-{next_id}"),
                    year: 2019,
                    programme: String::new(),
                    programme_id: programme.first().cloned(),
                    operator_id: operator,
                    witness_village_id: None,
                    modes: vec![LinkageMode::ProtectivePurchase],
                    price_rule: PriceRule::MarketPlus,
                    price_value: "10".into(),
                    min_quantity: "500斤".into(),
                    pay_within_days: Some(7),
                    target_households: 10,
                    target_income: "1000".into(),
                    term_start: "2019-03-01".into(),
                    term_end: "2019-12-31".into(),
                })
                .map(drop)
        }),
        "agreement.edit" => rng
            .pick_hot(&live("agreement"), HOT)
            .cloned()
            .map(|id| edit_agreement(store, &id, rng)),
        "roster.add" => {
            let agreements = live("agreement");
            let households = live("household");
            match (
                rng.pick(&agreements).cloned(),
                rng.pick(&households).cloned(),
            ) {
                (Some(agreement_id), Some(household_id)) => Some(
                    store
                        .add_to_roster(&RosterInput {
                            agreement_id,
                            household_id,
                            mode: LinkageMode::ProtectivePurchase,
                            content: "收购土豆".into(),
                        })
                        .map(drop),
                ),
                _ => None,
            }
        }
        "ledger.add" => {
            let on_roster = ids(
                &conn,
                "SELECT agreement_id || ' ' || household_id FROM roster
                 WHERE deleted_hlc IS NULL ORDER BY id",
                &[],
            );
            rng.pick(&on_roster).cloned().map(|pair| {
                let (agreement_id, household_id) = pair.split_once(' ').unwrap();
                store
                    .add_ledger_entry(&LedgerInput {
                        agreement_id: agreement_id.into(),
                        household_id: household_id.into(),
                        date: format!("2019-10-{:02}", 1 + rng.below(28)),
                        product: "土豆".into(),
                        quantity: format!("{}.5", 10 + rng.below(90)),
                        unit: "斤".into(),
                        unit_price: "1.20".into(),
                        market_price: "1.00".into(),
                        payment_method: String::new(),
                        voucher_no: String::new(),
                        delivered_date: String::new(),
                    })
                    .map(drop)
            })
        }
        "ledger.reverse" => {
            let open = ids(
                &conn,
                "SELECT id FROM ledger_entry WHERE reverses_id IS NULL AND id NOT IN
                     (SELECT reverses_id FROM ledger_entry WHERE reverses_id IS NOT NULL)
                 ORDER BY id",
                &[],
            );
            rng.pick(&open)
                .map(|id| store.reverse_ledger_entry(id, "录入错误").map(drop))
        }
        "training.create" => {
            let township = node.township.as_deref().unwrap();
            let township_id = ids(
                &conn,
                "SELECT id FROM township WHERE code = ?1",
                &[&township],
            );
            let programme = ids(
                &conn,
                "SELECT id FROM programme WHERE kind = 'training' ORDER BY id",
                &[],
            );
            Some(
                store
                    .add_training_session(&TrainingSessionInput {
                        programme_id: programme[0].clone(),
                        kind: TrainingKind::TownshipOnsite,
                        title: format!("电商培训第{}期", rng.below(9) + 1),
                        organiser: "托里县商务局".into(),
                        provider: "托里县电商服务中心".into(),
                        venue: "乡镇政府会议室".into(),
                        township_id: township_id.first().cloned(),
                        start_date: "2019-06-03".into(),
                        end_date: "2019-06-04".into(),
                        half_days: HalfDays::Both,
                        slots: None,
                        trainers: vec!["王老师".into()],
                        outline: "网店开设与运营".into(),
                        planned_headcount: 50,
                        audience: None,
                    })
                    .map(drop),
            )
        }
        "attendance.add" => rng.pick(&live("training_session")).cloned().map(|session| {
            // Half the time a household head from the register, else someone new.
            let heads = ids(
                &conn,
                "SELECT head_name || ' ' || id_number FROM household
                 WHERE deleted_hlc IS NULL ORDER BY id",
                &[],
            );
            let (name, id) = match rng.pick(&heads) {
                Some(head) if rng.chance(0.5) => {
                    let (name, id) = head.split_once(' ').unwrap();
                    (name.to_string(), id.to_string())
                }
                _ => {
                    *next_id += 1;
                    (format!("学员{next_id}"), id_number(*next_id))
                }
            };
            let slot = ["2019-06-03 am", "2019-06-03 pm", "2019-06-04 am"][rng.below(3)];
            store
                .add_attendance(&AttendanceInput {
                    session_id: session,
                    slot: slot.into(),
                    name,
                    id_number: id,
                    phone: String::new(),
                    township_id: None,
                    village_id: None,
                    signed: true,
                    sheet_page: format!("第{}页", rng.below(3) + 1),
                    audience: None,
                })
                .map(drop)
        }),
        "inspection.create" => rng.pick(&live("operator")).cloned().map(|operator| {
            let programme = ids(
                &conn,
                "SELECT id FROM programme WHERE name = ?1",
                &[&SHOP_PROGRAMME],
            );
            store
                .add_inspection(&InspectionInput {
                    operator_id: operator,
                    programme_id: programme[0].clone(),
                    stage: Stage::Preliminary,
                    date: "2019-11-20".into(),
                    inspectors: ["王芳", "李明"]
                        .iter()
                        .map(|n| Inspector {
                            name: n.to_string(),
                            unit: "乡镇政府".into(),
                        })
                        .collect(),
                    observations: vec![Observation::new("office", ObservedValue::Bool(true))],
                    problems: String::new(),
                    rectification: vec![],
                    investment: String::new(),
                    recheck_sample_id: None,
                })
                .map(drop)
        }),
        "inspection.edit" => {
            let drafts = ids(
                &conn,
                "SELECT id FROM inspection WHERE deleted_hlc IS NULL AND status = 'draft'
                 ORDER BY id",
                &[],
            );
            rng.pick_hot(&drafts, HOT)
                .cloned()
                .map(|id| edit_inspection(store, &id, rng))
        }
        "inspection.submit" => {
            let drafts = ids(
                &conn,
                "SELECT id FROM inspection WHERE deleted_hlc IS NULL AND status = 'draft'
                 ORDER BY id",
                &[],
            );
            rng.pick(&drafts)
                .map(|id| store.submit_inspection(id).map(drop))
        }
        "record.submit" | "record.lock" => {
            let (kind, table) = LIFECYCLE[rng.below(LIFECYCLE.len())];
            let from = if what == "record.submit" {
                "draft"
            } else {
                "submitted"
            };
            let found = ids(
                &conn,
                &format!(
                    "SELECT id FROM {table} WHERE deleted_hlc IS NULL AND status = ?1 ORDER BY id"
                ),
                &[&from],
            );
            rng.pick(&found).map(|id| {
                if what == "record.submit" {
                    store.submit_record(kind, id).map(drop)
                } else {
                    store.lock_record(kind, id).map(drop)
                }
            })
        }
        "inspection.lock" => {
            let submitted = ids(
                &conn,
                "SELECT id FROM inspection WHERE deleted_hlc IS NULL AND status = 'submitted'
                 ORDER BY id",
                &[],
            );
            rng.pick(&submitted)
                .map(|id| store.lock_inspection(id).map(drop))
        }
        other => unreachable!("no edit {other}"),
    };
    (what, result)
}

fn edit_household(store: &mut Store, conn: &Connection, id: &str, rng: &mut Rng) -> Result<()> {
    let h = store.household(id)?;
    let mut input = HouseholdInput {
        head_name: h.head_name,
        id_number: h.id_number,
        size: h.size,
        village_id: h.village_id,
        village_group: h.village_group,
        category: h.category,
        year_lifted: h.year_lifted,
        phone: h.phone,
        notes: h.notes,
    };
    match rng.below(7) {
        0 => input.head_name = format!("户主{}", rng.below(4)),
        1 => input.phone = format!("1390990{:04}", rng.below(3)),
        2 => input.notes = format!("备注{}", rng.below(4)),
        3 => input.size = 1 + rng.below(6) as u32,
        4 => input.category = ["general", "dibao", "tekun"][rng.below(3)].into(),
        5 => input.village_group = ["一组", "二组", "三组"][rng.below(3)].into(),
        _ => {
            // A move within the household's own township.
            let siblings = ids(
                conn,
                "SELECT id FROM village WHERE township_id =
                     (SELECT township_id FROM village WHERE id = ?1) ORDER BY code",
                &[&input.village_id],
            );
            input.village_id = rng.pick(&siblings).unwrap().clone();
        }
    }
    store.update_household(id, &input).map(drop)
}

fn edit_operator(store: &mut Store, id: &str, rng: &mut Rng) -> Result<()> {
    let o = store.operator(id)?;
    let mut input = OperatorInput {
        kind: o.kind,
        name: o.name,
        credit_code: o.credit_code,
        person_in_charge: o.person_in_charge,
        phone: o.phone,
        village_id: o.village_id,
        platform: o.platform,
        shop_url: o.shop_url,
    };
    match rng.below(3) {
        0 => input.person_in_charge = ["努尔兰", "阿依古丽", "马强"][rng.below(3)].into(),
        1 => input.phone = format!("1390990{:04}", rng.below(3)),
        _ => input.platform = ["拼多多", "淘宝", "抖音"][rng.below(3)].into(),
    }
    store.update_operator(id, &input).map(drop)
}

fn edit_agreement(store: &mut Store, id: &str, rng: &mut Rng) -> Result<()> {
    let a = store.agreement(id)?;
    let mut input = AgreementInput {
        number: a.number,
        year: a.year,
        programme: a.programme,
        programme_id: a.programme_id,
        operator_id: a.operator_id,
        witness_village_id: a.witness_village_id,
        modes: a.modes,
        price_rule: a.price_rule,
        price_value: a.price_value,
        min_quantity: a.min_quantity,
        pay_within_days: a.pay_within_days,
        target_households: a.target_households,
        target_income: a.target_income,
        term_start: a.term_start,
        term_end: a.term_end,
    };
    match rng.below(3) {
        0 => input.target_households = 8 + rng.below(6) as u32,
        1 => input.min_quantity = format!("{}斤", 100 * (1 + rng.below(5))),
        _ => input.target_income = format!("{}", 500 * (1 + rng.below(3))),
    }
    store.update_agreement(id, &input).map(drop)
}

fn edit_inspection(store: &mut Store, id: &str, rng: &mut Rng) -> Result<()> {
    let i = store.inspection(id)?;
    let mut input = InspectionInput {
        operator_id: i.operator_id,
        programme_id: i.programme_id,
        stage: i.stage,
        date: i.date,
        inspectors: i.inspectors,
        observations: i.observations,
        problems: i.problems,
        rectification: i.rectification,
        investment: i.investment.unwrap_or_default(),
        recheck_sample_id: i.recheck_sample_id,
    };
    match rng.below(2) {
        0 => input.problems = ["", "台账不全", "牌匾未挂"][rng.below(3)].into(),
        _ => input.date = format!("2019-11-{:02}", 20 + rng.below(5)),
    }
    store.update_inspection(id, &input).map(drop)
}
