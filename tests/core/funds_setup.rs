//! The money loop's set-ups for the fund tests: a second county (霍邱县 341522, 托里县 654224)
//! with a clock fixed on 2019-12-20, approved applications, awards, signed contracts, and the
//! records the gate reads (acceptance, re-check, results notice, locks).

use std::sync::Arc;

use fieldbook::domain::funds::{AwardInput, ContractInput, ContractTarget, PaymentInput};
use fieldbook::domain::inspections::Stage;
use fieldbook::domain::notices::{NoticeEntry, NoticeInput, NoticeSubject};
use fieldbook::domain::operators::OperatorKind;
use fieldbook::store::entities::{FUND_APPLICATION, FUND_BAN, INSPECTION};
use fieldbook::store::hlc::ManualClock;
use fieldbook::store::write::{self, Op, Status};
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;

use crate::targets::{county, County};

/// 2019-12-20 12:00 UTC.
pub const TODAY_MS: u64 = 1_576_843_200_000;

/// 霍邱县 with two townships, the clock on 2019-12-20.
pub fn huoqiu() -> County {
    let mut c = county("341522", "霍邱县", &[&[true, false], &[true]]);
    c.store.set_clock(Arc::new(ManualClock::at(TODAY_MS)));
    c
}

/// 托里县 with one township, the clock on 2019-12-20.
pub fn tuoli() -> County {
    let mut c = county("654224", "托里县", &[&[true, false, true]]);
    c.store.set_clock(Arc::new(ManualClock::at(TODAY_MS)));
    c
}

/// An application approved by the county, written as engineer A's `funds decide` leaves it.
pub fn approved(store: &mut Store, programme: &str, operator: &str, class: &str) -> String {
    let id = fieldbook::store::new_id();
    let text = |s: &str| SqlValue::Text(s.to_string());
    let values = [
        ("programme_id", text(programme)),
        ("operator_id", text(operator)),
        ("class_key", text(class)),
        ("applied_date", text("2019-04-01")),
        ("decision", text("approved")),
        ("decided_by", text("县电商领导小组")),
        ("decided_date", text("2019-04-20")),
    ];
    store
        .write(|tx, w| write::record(tx, w, &FUND_APPLICATION, &id, Op::Create, &values))
        .unwrap();
    id
}

/// The county changes its decision on an application to rejected.
pub fn reject(store: &mut Store, application: &str) {
    let values = [
        ("decision", SqlValue::Text("rejected".into())),
        ("decision_reason", SqlValue::Text("材料不实".into())),
    ];
    store
        .write(|tx, w| write::record(tx, w, &FUND_APPLICATION, application, Op::Update, &values))
        .unwrap();
}

/// A ban of the operator from `start` to `end`, with no recovery order.
pub fn ban(store: &mut Store, operator: &str, start: &str, end: &str) {
    let id = fieldbook::store::new_id();
    let text = |s: &str| SqlValue::Text(s.to_string());
    let values = [
        ("operator_id", text(operator)),
        ("reason", text("提供虚假材料")),
        ("start_date", text(start)),
        ("end_date", text(end)),
    ];
    store
        .write(|tx, w| write::record(tx, w, &FUND_BAN, &id, Op::Create, &values))
        .unwrap();
}

pub fn award_input(application: &str, amount: &str) -> AwardInput {
    AwardInput {
        application_id: application.into(),
        amount: amount.into(),
        investment: None,
        decided_date: "2019-04-25".into(),
        decided_by: "县电商领导小组".into(),
        targets: vec![],
        deadline: Some("2019-11-30".into()),
        notes: String::new(),
    }
}

pub fn sign(store: &mut Store, award: &str) {
    store
        .sign_fund_contract(&ContractInput {
            award_id: award.into(),
            contract_no: "HT-2019-001".into(),
            contract_date: "2019-05-01".into(),
            scan_sha256: None,
        })
        .unwrap();
}

pub fn payment(award: &str, tranche: u32) -> PaymentInput {
    PaymentInput {
        award_id: award.into(),
        tranche,
        amount: None,
        paid_date: "2019-12-20".into(),
        voucher_no: format!("记-{tranche}"),
        payer: "县财政局".into(),
        override_id: None,
        notes: String::new(),
    }
}

pub fn turnover(quantity: &str) -> ContractTarget {
    ContractTarget {
        key: "turnover".into(),
        label: "年交易额".into(),
        quantity: quantity.into(),
        unit: "元".into(),
    }
}

/// Locks every live inspection of the operator, as the county does after acceptance.
pub fn lock_inspections(store: &mut Store, operator: &str, stage: Stage) {
    let ids: Vec<String> = store
        .list_inspections(None)
        .unwrap()
        .into_iter()
        .filter(|i| i.stage == stage)
        .map(|i| i.id)
        .collect();
    for id in ids {
        let inspection = store.inspection(&id).unwrap();
        if inspection.operator_id == operator {
            store.submit_inspection(&id).unwrap();
            store
                .write(|tx, w| write::set_status(tx, w, &INSPECTION, &id, Status::Locked))
                .unwrap();
        }
    }
}

/// The acceptance results notice of a programme naming `names`, from `start` to `end`.
pub fn results_notice(
    store: &mut Store,
    programme: &str,
    names: &[&str],
    start: &str,
    end: &str,
) -> String {
    let input = NoticeInput {
        title: "关于2019年电商项目验收结果的公示".into(),
        subject: NoticeSubject::AcceptanceResult,
        programme_id: Some(programme.into()),
        issuer: "县商务局".into(),
        places: vec!["县人民政府网站".into()],
        start_date: start.into(),
        end_date: end.into(),
        phone_local: "0564-6012345".into(),
        body: String::new(),
        entries: names
            .iter()
            .map(|n| NoticeEntry {
                name: n.to_string(),
                place: "一村".into(),
                benefit: "验收合格".into(),
                id_number: String::new(),
                phone: String::new(),
            })
            .collect(),
        has_list: true,
    };
    store.add_notice(&input).unwrap().record.id
}

/// A county with one operator awarded in 成县's 个体网商 programme (80/20, targets at least
/// 80 % of the contract), the contract signed and the first tranche paid.
pub struct Loop {
    pub c: County,
    pub programme: String,
    pub operator: String,
    pub application: String,
    pub award: String,
}

pub const SHOP: &str = "霍邱县城关镇好物网店";

pub fn online_shop(c: County, contracted_turnover: &str) -> Loop {
    let mut c = c;
    let programme = c.programme("chengxian-2019-online-shop", None);
    let operator = c.operator(OperatorKind::OnlineShop, 0, SHOP);
    let application = approved(&mut c.store, &programme, &operator, "online_shop");
    let mut input = award_input(&application, "20000");
    input.targets = vec![turnover(contracted_turnover)];
    let award = c.store.award_funds(&input).unwrap().record.id;
    Loop {
        c,
        programme,
        operator,
        application,
        award,
    }
}
