//! The demo county's money (`src/demo/funds.rs`): every screen of the money loop has content,
//! and every balance the demo paid went through the gate the way a user's would.

use fieldbook::demo::funds::{
    ACCEPTED_SHOPS, ACCEPTED_TOWNSHIP, FAILED_SHOP, OVERRIDDEN_SHOP, OVERRIDE_REASON,
};
use fieldbook::demo::load_demo;
use fieldbook::demo::records::DEMO_PROGRAMME;
use fieldbook::domain::funds::{Award, RecoveryGrounds};
use fieldbook::domain::inspections::Stage;
use fieldbook::domain::operators::Operator;
use fieldbook::{Code, Store};

fn demo() -> (Store, String) {
    let mut store = Store::open_in_memory().unwrap();
    load_demo(&mut store).unwrap();
    let programme = store
        .list_programmes()
        .unwrap()
        .into_iter()
        .find(|p| p.name == DEMO_PROGRAMME)
        .unwrap();
    (store, programme.id)
}

/// 鸡峰镇's shops in the order the demo treats them.
fn accepted_township(store: &Store) -> Vec<Operator> {
    let township = store.find_township(ACCEPTED_TOWNSHIP).unwrap();
    store.list_operators(Some(&township.code), None).unwrap()
}

fn award(store: &Store, programme: &str, shop: &Operator) -> Award {
    let id = store.award_of(&shop.id, programme).unwrap();
    store.fund_award(&id).unwrap()
}

fn codes(unmet: &[fieldbook::domain::funds::GateProblem]) -> Vec<Code> {
    unmet.iter().map(|p| p.code).collect()
}

#[test]
fn the_demo_awards_650_thousand_pays_every_first_tranche_and_the_accepted_balances() {
    let (store, programme) = demo();
    let status = store.fund_status(&programme).unwrap();
    assert_eq!(status.total.budget.as_deref(), Some("650000.00"));
    assert_eq!(status.total.awards, 124);
    assert_eq!(status.total.awarded, "650000.00");
    assert_eq!(status.total.remaining.as_deref(), Some("0.00"));
    let classes: Vec<(&str, u32, &str)> = status
        .by_class
        .iter()
        .map(|c| (c.key.as_str(), c.awards, c.awarded.as_str()))
        .collect();
    assert_eq!(
        classes,
        [("poor", 104, "561600.00"), ("non_poor", 20, "88400.00")]
    );

    let awards = store.fund_awards(&programme).unwrap();
    assert_eq!(awards.len(), 124);
    for award in &awards {
        assert!(award.contract_no.starts_with("成商合〔2019〕"), "{award:?}");
        assert_eq!(award.contract_date.as_deref(), Some("2019-09-10"));
        assert_eq!(award.targets.len(), 2);
        let first = &award.tranches[0];
        assert_eq!(first.paid, first.amount, "{}", award.operator_name);
        assert_eq!(first.paid_date.as_deref(), Some("2019-09-20"));
        assert!(first.voucher_no.starts_with("成财拨〔2019〕"));
    }
    let contracts: std::collections::HashSet<&str> =
        awards.iter().map(|a| a.contract_no.as_str()).collect();
    assert_eq!(contracts.len(), 124, "every contract its own number");
    let application = store
        .fund_application(awards[0].application_id.as_deref().unwrap())
        .unwrap();
    assert_eq!(application.reviews.len(), 3);
    assert!(application.reviews[2].score.is_some());

    let shops = accepted_township(&store);
    // The ten the county accepted: locked, their balance paid on 2019-12-28 with no override.
    for shop in &shops[..ACCEPTED_SHOPS] {
        let award = award(&store, &programme, shop);
        let balance = &award.tranches[1];
        assert_eq!(balance.paid, balance.amount, "{}", shop.name);
        assert_eq!(balance.paid_date.as_deref(), Some("2019-12-28"));
        assert_eq!(balance.override_note, None);
        assert!(award.disbursements.iter().all(|d| d.override_id.is_none()));
        assert_eq!(award.paid, award.amount);
        let acceptance = store
            .list_inspections(Some(&programme))
            .unwrap()
            .into_iter()
            .filter(|i| i.stage == Stage::Acceptance)
            .map(|i| store.inspection(&i.id).unwrap())
            .find(|i| i.operator_id == shop.id)
            .unwrap();
        assert_eq!(acceptance.status.as_str(), "locked");
    }
    // The one whose balance the county let through: the override shows on its tranche.
    let overridden = award(&store, &programme, &shops[OVERRIDDEN_SHOP]);
    let balance = &overridden.tranches[1];
    assert_eq!(balance.paid, balance.amount);
    assert!(
        balance
            .override_note
            .as_deref()
            .is_some_and(|note| note.contains(OVERRIDE_REASON)),
        "{balance:?}"
    );
    assert!(overridden
        .disbursements
        .iter()
        .any(|d| d.override_id.is_some()));

    // The one that failed: 4,320.00 ordered back, 2,000.00 received, banned three years.
    let failed = award(&store, &programme, &shops[FAILED_SHOP]);
    assert_eq!(failed.paid, "4320.00");
    let [recovery] = &failed.recoveries[..] else {
        panic!("{:?}", failed.recoveries)
    };
    assert_eq!(recovery.grounds, RecoveryGrounds::FailedAcceptance);
    assert_eq!(
        (
            recovery.amount.as_str(),
            recovery.recovered.as_str(),
            recovery.outstanding.as_str()
        ),
        ("4320.00", "2000.00", "2320.00")
    );
    assert_eq!(recovery.due_date, "2020-01-31");
    let bans = store.fund_bans(Some(&shops[FAILED_SHOP].id)).unwrap();
    let [ban] = &bans[..] else { panic!("{bans:?}") };
    assert_eq!(recovery.ban_id.as_ref(), Some(&ban.id));
    assert_eq!(
        (ban.start_date.as_str(), ban.end_date.as_str()),
        ("2019-12-20", "2022-12-20")
    );
    assert_eq!(store.fund_recoveries(Some(&programme)).unwrap().len(), 1);

    // The totals: 80 % of 65万, the ten balances and the overridden one; 2,000 back.
    let balances: rust_decimal::Decimal = shops[..ACCEPTED_SHOPS]
        .iter()
        .chain([&shops[OVERRIDDEN_SHOP]])
        .map(|shop| {
            award(&store, &programme, shop).tranches[1]
                .paid
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    let paid: rust_decimal::Decimal = status.total.paid.parse().unwrap();
    assert_eq!(paid, rust_decimal::Decimal::from(520_000) + balances);
    assert_eq!(status.total.recovered, "2000.00");
    assert_eq!(status.total.to_recover, "2320.00");
    let jifeng = status
        .by_township
        .iter()
        .find(|t| t.label == ACCEPTED_TOWNSHIP)
        .unwrap();
    assert_eq!(jifeng.awards as usize, shops.len());
}

/// A 鸡峰镇 shop the county has not accepted: its township's preliminary check passed but is
/// not locked, and no results notice names it, so the gate refuses its balance; the county
/// locking the check (only on the hub, only once submitted) leaves the notice missing.
#[test]
fn the_gate_refuses_the_balance_of_a_shop_not_accepted_and_reads_the_lock() {
    let (mut store, programme) = demo();
    let shop = accepted_township(&store)[OVERRIDDEN_SHOP + 1].clone();
    let award_id = store.award_of(&shop.id, &programme).unwrap();
    let verdict = store.fund_gate(&award_id).unwrap();
    assert_eq!(verdict.tranche, Some(2));
    assert!(!verdict.may_pay);
    assert_eq!(
        codes(&verdict.unmet),
        [Code::FUND_GATE_NO_NOTICE, Code::FUND_GATE_NOT_LOCKED]
    );
    let payment = fieldbook::domain::funds::PaymentInput {
        award_id: award_id.clone(),
        tranche: 2,
        amount: None,
        paid_date: "2019-12-28".into(),
        voucher_no: String::new(),
        payer: String::new(),
        override_id: None,
        notes: String::new(),
    };
    let refused = store.pay_tranche(&payment).unwrap_err();
    assert!(
        refused.code().as_str().starts_with("FUND_GATE"),
        "{refused:?}"
    );
    assert_eq!(
        store.fund_award(&award_id).unwrap().tranches[1].paid,
        "0.00"
    );

    let preliminary = store
        .list_inspections(Some(&programme))
        .unwrap()
        .into_iter()
        .find(|i| {
            i.stage == Stage::Preliminary && store.inspection(&i.id).unwrap().operator_id == shop.id
        })
        .unwrap()
        .id;
    let off_hub = store.lock_inspection(&preliminary).unwrap_err();
    assert_eq!(off_hub.code(), "SYNC_NOT_COUNTY");
    store.county_init().unwrap();
    let draft = store.lock_inspection(&preliminary).unwrap_err();
    assert_eq!(draft.code(), "RECORD_STATUS");
    store.submit_inspection(&preliminary).unwrap();
    let locked = store.lock_inspection(&preliminary).unwrap();
    assert_eq!(locked.status.as_str(), "locked");
    let verdict = store.fund_gate(&award_id).unwrap();
    assert_eq!(codes(&verdict.unmet), [Code::FUND_GATE_NO_NOTICE]);
}
