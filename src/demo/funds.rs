//! The demo county's money (2019 demonstration shops), written through the same fund API the
//! screens use, so every record passes the rules a user's input passes: each of the 124 shops
//! applies, is recommended by its village, checked by its township, scored by the county's panel
//! and approved; is awarded its class's standard (104 × 5,400 + 20 × 4,420 = 65.000万) and signs
//! its contract; the first tranche (80 %) is paid to all. In 鸡峰镇 the ten shops the county
//! accepted have their acceptance locked and their balance (20 %) paid through the gate; one more
//! shop fails its acceptance, is ordered to return what it was paid (part comes back) and is
//! banned; one shop's balance goes through a county override. Skipped when the programme already
//! has awards, and on an enrolled laptop (it receives the county's fund records in the package).

use crate::demo::programme_named;
use crate::demo::records::DEMO_PROGRAMME;
use crate::domain::funds::{
    ApplicationInput, AwardInput, ContractInput, ContractTarget, Decision, DecisionInput, Opinion,
    OverrideInput, PaymentInput, RecoveredInput, RecoveryGrounds, RecoveryInput, ReviewInput,
    ReviewStep,
};
use crate::domain::inspections::{InspectionInput, Inspector, Stage};
use crate::domain::operators::Operator;
use crate::domain::places::Village;
use crate::domain::programmes::{Observation, ObservedValue};
use crate::error::Result;
use crate::Store;

/// The township whose shops the county accepted in the demo (see `add_inspections`).
pub const ACCEPTED_TOWNSHIP: &str = "鸡峰镇";
/// In `ACCEPTED_TOWNSHIP`'s list of shops: the first ten were accepted; the next fails its
/// acceptance; the one after it is paid its balance on the county's override.
pub const ACCEPTED_SHOPS: usize = 10;
pub const FAILED_SHOP: usize = 10;
pub const OVERRIDDEN_SHOP: usize = 11;

pub const OVERRIDE_REASON: &str =
    "县级验收因疫情推迟，经县电商工作领导小组研究同意先行拨付尾款，验收后补办手续";

/// What the demo's money added (zero on a second load).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FundsAdded {
    pub applications: usize,
    pub awards: usize,
    pub payments: usize,
    pub recoveries: usize,
}

pub fn add_demo_funds(store: &mut Store) -> Result<FundsAdded> {
    let Some(programme) = programme_named(store, DEMO_PROGRAMME)? else {
        return Ok(FundsAdded::default());
    };
    if !store.county_reference_can_change()? || !store.fund_awards(&programme.id)?.is_empty() {
        return Ok(FundsAdded::default());
    }
    let mut added = FundsAdded::default();
    let operators = store.list_operators(None, None)?;
    // A shop per village; contract numbers in township and village order, as the county
    // numbered them.
    let villages = store.list_villages(None)?;
    let shops = villages.iter().filter_map(|v| {
        let shop = operators
            .iter()
            .find(|o| o.village_id.as_ref() == Some(&v.id))?;
        Some((v, shop))
    });
    for (n, (village, shop)) in shops.enumerate() {
        award_first_tranche(store, &programme.id, village, shop, n + 1)?;
        added.applications += 1;
        added.awards += 1;
        added.payments += 1;
    }
    let township = store.find_township(ACCEPTED_TOWNSHIP)?;
    let accepted_township = store.list_operators(Some(&township.code), None)?;
    for (n, shop) in accepted_township.iter().take(ACCEPTED_SHOPS).enumerate() {
        lock_acceptance(store, &programme.id, &shop.id)?;
        let award_id = store.award_of(&shop.id, &programme.id)?;
        let voucher = format!("成财拨〔2019〕{}号", 201 + n);
        store.pay_tranche(&balance(&award_id, "2019-12-28", voucher))?;
        added.payments += 1;
    }
    if let Some(shop) = accepted_township.get(FAILED_SHOP) {
        fail_and_recover(store, &programme.id, shop)?;
        added.recoveries += 1;
    }
    if let Some(shop) = accepted_township.get(OVERRIDDEN_SHOP) {
        let award_id = store.award_of(&shop.id, &programme.id)?;
        let granted = store.override_gate(&OverrideInput {
            award_id: award_id.clone(),
            tranche: 2,
            reason: OVERRIDE_REASON.into(),
            officer: "陈志强".into(),
            date: "2020-03-10".into(),
        })?;
        let mut payment = balance(&award_id, "2020-03-12", "成财拨〔2020〕015号".into());
        payment.override_id = Some(granted.id);
        store.pay_tranche(&payment)?;
        added.payments += 1;
    }
    Ok(added)
}

fn balance(award_id: &str, date: &str, voucher_no: String) -> PaymentInput {
    PaymentInput {
        award_id: award_id.to_string(),
        tranche: 2,
        amount: None,
        paid_date: date.into(),
        voucher_no,
        payer: "成县财政局".into(),
        override_id: None,
        notes: String::new(),
    }
}

/// One shop from application to the first tranche; `n` is its contract number.
fn award_first_tranche(
    store: &mut Store,
    programme_id: &str,
    village: &Village,
    shop: &Operator,
    n: usize,
) -> Result<()> {
    let township = &village.township_name;
    let class_key = if village.poor { "poor" } else { "non_poor" };
    let application = store
        .apply_for_funds(&ApplicationInput {
            programme_id: programme_id.to_string(),
            operator_id: shop.id.clone(),
            class_key: class_key.into(),
            applied_date: "2019-08-20".into(),
            documents: vec![],
            investment: None,
            notes: String::new(),
        })?
        .record;
    let steps = [
        (
            ReviewStep::Village,
            format!("{}村民委员会", village.name),
            "2019-08-23",
            None,
        ),
        (
            ReviewStep::Township,
            format!("{township}人民政府"),
            "2019-08-27",
            None,
        ),
        (
            ReviewStep::County,
            "成县电商扶贫示范店评审组".to_string(),
            "2019-09-02",
            // 80 to 94 points, from the shop's place in the list.
            Some(format!("{}", 80 + (n * 7) % 15)),
        ),
    ];
    for (step, reviewer, date, score) in steps {
        store.review_fund_application(&ReviewInput {
            application_id: application.id.clone(),
            step,
            reviewer,
            review_date: date.into(),
            opinion: Opinion::Agree,
            comment: "同意".into(),
            score,
        })?;
    }
    store.decide_fund_application(&DecisionInput {
        application_id: application.id.clone(),
        decision: Decision::Approved,
        reason: String::new(),
        decided_by: "成县电子商务工作领导小组".into(),
        decided_date: "2019-09-05".into(),
    })?;
    let target = |key: &str, label: &str, quantity: &str, unit: &str| ContractTarget {
        key: key.into(),
        label: label.into(),
        quantity: quantity.into(),
        unit: unit.into(),
    };
    let award = store
        .award_funds(&AwardInput {
            application_id: application.id.clone(),
            amount: String::new(),
            investment: None,
            decided_date: "2019-09-05".into(),
            decided_by: "成县商务局".into(),
            targets: vec![
                target("annual_sales", "年销售额", "10000", "元"),
                target("linked_households", "带动建档立卡贫困户", "10", "户"),
            ],
            deadline: Some("2019-12-31".into()),
            notes: String::new(),
        })?
        .record;
    store.sign_fund_contract(&ContractInput {
        award_id: award.id.clone(),
        contract_no: format!("成商合〔2019〕{n:03}号"),
        contract_date: "2019-09-10".into(),
        scan_sha256: None,
    })?;
    store.pay_tranche(&PaymentInput {
        award_id: award.id,
        tranche: 1,
        amount: None,
        paid_date: "2019-09-20".into(),
        voucher_no: format!("成财拨〔2019〕{n:03}号"),
        payer: "成县财政局".into(),
        override_id: None,
        notes: String::new(),
    })?;
    Ok(())
}

/// The county locks the shop's accepted acceptance (so it cannot change once the balance is paid).
fn lock_acceptance(store: &mut Store, programme_id: &str, operator_id: &str) -> Result<()> {
    for summary in store.list_inspections(Some(programme_id))? {
        if summary.stage == Stage::Acceptance {
            let inspection = store.inspection(&summary.id)?;
            if inspection.operator_id == operator_id {
                store.submit_inspection(&summary.id)?;
                store.lock_inspection_as_county(&summary.id)?;
            }
        }
    }
    Ok(())
}

/// The county's acceptance finds no plaque, no services and no records: 不合格. The county
/// orders back the 80 % paid and bans the shop; it returns part of it by the middle of January.
fn fail_and_recover(store: &mut Store, programme_id: &str, shop: &Operator) -> Result<()> {
    let observed = |key: &str, seen: bool| Observation::new(key, ObservedValue::Bool(seen));
    let who = |unit: &str, name: &str| Inspector {
        name: name.into(),
        unit: unit.into(),
    };
    store.add_inspection(&InspectionInput {
        operator_id: shop.id.clone(),
        programme_id: programme_id.to_string(),
        stage: Stage::Acceptance,
        date: "2019-12-09".into(),
        inspectors: vec![
            who("县商务局", "陈志强"),
            who("县电商中心", "马丽"),
            who("县财政局", "高峰"),
        ],
        observations: vec![
            observed("office", true),
            observed("plaque", false),
            observed("operator_shop", true),
            observed("records", false),
            observed("services", false),
        ],
        problems: "未悬挂统一门牌；无带贫协议和帮扶台账；未开展便民服务".into(),
        rectification: vec![],
        investment: "3000.00".into(),
        recheck_sample_id: None,
    })?;
    let award_id = store.award_of(&shop.id, programme_id)?;
    let recovery = store.order_recovery(&RecoveryInput {
        award_id,
        grounds: RecoveryGrounds::FailedAcceptance,
        reason: "县级验收不合格：未悬挂统一门牌，无带贫协议和帮扶台账，未开展便民服务".into(),
        amount: String::new(),
        decided_date: "2019-12-20".into(),
        due_date: "2020-01-31".into(),
        officer: "陈志强".into(),
    })?;
    store.record_recovered(&RecoveredInput {
        recovery_id: recovery.id,
        amount: "2000.00".into(),
        received_date: "2020-01-15".into(),
        voucher_no: "成财缴〔2020〕003号".into(),
        notes: String::new(),
    })?;
    Ok(())
}
