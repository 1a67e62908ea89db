//! Operators, agreements, rosters and ledgers: the officer's path through a demonstration shop.

use fieldbook::domain::agreements::{LedgerInput, LinkageMode, RosterInput};
use fieldbook::store::roster_id;
use fieldbook::Store;
use rust_decimal::Decimal;
use std::str::FromStr;

use crate::records::{agreement, household, places_only, shop as shop_input};

struct Shop {
    store: Store,
    agreement_id: String,
    households: Vec<String>,
}

/// A shop with an agreement of 成县's demonstration-shop programme (at least ten households)
/// and `n` households on its roster.
fn shop_with_roster(n: u32) -> Shop {
    let mut store = places_only();
    store
        .add_programme_from_preset("chengxian-2019-demo-shop", None)
        .unwrap();
    let operator = store.add_operator(&shop_input(&store)).unwrap().record;
    let agreement_id = store
        .add_agreement(&agreement(&operator.id, "CX2019-T1"))
        .unwrap()
        .record
        .id;
    let mut households = Vec::new();
    for i in 0..n {
        let id = store
            .add_household(&household(&store, 100 + i, &format!("户主{i}")))
            .unwrap()
            .record
            .id;
        store
            .add_to_roster(&RosterInput {
                agreement_id: agreement_id.clone(),
                household_id: id.clone(),
                mode: LinkageMode::ProtectivePurchase,
                content: "收购土豆".into(),
            })
            .unwrap();
        households.push(id);
    }
    Shop {
        store,
        agreement_id,
        households,
    }
}

fn entry(shop: &Shop, household: usize, date: &str, qty: &str, price: &str) -> LedgerInput {
    LedgerInput {
        agreement_id: shop.agreement_id.clone(),
        household_id: shop.households[household].clone(),
        date: date.into(),
        product: "土豆".into(),
        quantity: qty.into(),
        unit: "斤".into(),
        unit_price: price.into(),
        market_price: "1.20".into(),
        payment_method: "微信".into(),
        voucher_no: "P-1".into(),
        delivered_date: String::new(),
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn income_is_derived_from_the_ledger_per_household_and_per_agreement() {
    let mut shop = shop_with_roster(10);
    let agreement = shop.store.agreement(&shop.agreement_id).unwrap();
    assert!(agreement.meets_demo_shop_rule);
    assert_eq!(agreement.total_income, "0.00");
    for (h, qty, price) in [(0, "333.5", "1.35"), (0, "100", "1.40"), (1, "50", "1.32")] {
        let e = entry(&shop, h, "2019-08-12", qty, price);
        let saved = shop.store.add_ledger_entry(&e).unwrap();
        assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
    }
    let roster = shop.store.roster(&shop.agreement_id).unwrap();
    let first = roster
        .iter()
        .find(|r| r.household_id == shop.households[0])
        .unwrap();
    assert_eq!(
        (first.income.as_str(), first.entries),
        ("590.23", 2),
        "450.225 → 450.23, + 140.00"
    );
    let agreement = shop.store.agreement(&shop.agreement_id).unwrap();
    assert_eq!(agreement.total_income, "656.23");
    assert_eq!(agreement.income_per_household, "65.62");
    assert_eq!(
        d(&agreement.total_premium),
        d("50.03") + d("20.00") + d("6.00"),
        "(1.35 − 1.20) × 333.5 = 50.025 → 50.03"
    );
    let links = shop.store.household_links(&shop.households[0]).unwrap();
    assert_eq!(
        (links.links.len(), links.links[0].income.as_str()),
        (1, "590.23")
    );
    assert_eq!(
        links.income_total, "590.23",
        "summed by the core, to the fen"
    );
}

#[test]
fn fewer_than_ten_households_does_not_meet_the_demo_shop_rule() {
    let shop = shop_with_roster(9);
    let agreement = shop.store.agreement(&shop.agreement_id).unwrap();
    assert_eq!(
        (agreement.roster_count, agreement.meets_demo_shop_rule),
        (9, false)
    );
}

#[test]
fn a_ledger_date_outside_the_term_is_refused_and_below_market_is_a_warning() {
    let mut shop = shop_with_roster(2);
    let e = entry(&shop, 0, "2020-01-05", "10", "1.50");
    let error = shop.store.add_ledger_entry(&e).unwrap_err();
    assert_eq!(
        (error.code().as_str(), error.field()),
        ("LEDGER_OUTSIDE_TERM", Some("date"))
    );
    let e = entry(&shop, 0, "2019-05-05", "10", "1.10");
    let saved = shop.store.add_ledger_entry(&e).unwrap();
    assert_eq!(saved.warnings[0].code, "LEDGER_BELOW_MARKET");
    assert_eq!(saved.record.amount, "11.00");
}

#[test]
fn a_household_not_on_the_roster_cannot_get_ledger_entries() {
    let mut shop = shop_with_roster(1);
    let outsider = shop
        .store
        .add_household(&household(&shop.store, 999, "外人"))
        .unwrap()
        .record
        .id;
    let mut e = entry(&shop, 0, "2019-05-05", "10", "1.50");
    e.household_id = outsider;
    let error = shop.store.add_ledger_entry(&e).unwrap_err();
    assert_eq!(error.code(), "LEDGER_NOT_IN_ROSTER");
}

#[test]
fn ledger_entries_are_append_only_and_corrected_by_reversal() {
    let mut shop = shop_with_roster(1);
    let original = shop
        .store
        .add_ledger_entry(&entry(&shop, 0, "2019-05-05", "100", "1.50"))
        .unwrap()
        .record;
    let reversal = shop
        .store
        .reverse_ledger_entry(&original.id, "数量录错")
        .unwrap();
    assert_eq!(
        (reversal.quantity.as_str(), reversal.amount.as_str()),
        ("-100", "-150.00")
    );
    assert_eq!(reversal.reverses_id.as_deref(), Some(original.id.as_str()));
    assert_eq!(
        shop.store.ledger_entry(&original.id).unwrap().reversed_by,
        Some(reversal.id.clone())
    );
    assert_eq!(
        shop.store
            .agreement(&shop.agreement_id)
            .unwrap()
            .total_income,
        "0.00"
    );
    let again = shop
        .store
        .reverse_ledger_entry(&original.id, "再冲")
        .unwrap_err();
    assert_eq!(again.code(), "LEDGER_ALREADY_REVERSED");
    let twice = shop
        .store
        .reverse_ledger_entry(&reversal.id, "冲冲销")
        .unwrap_err();
    assert_eq!(twice.code(), "LEDGER_REVERSE_REVERSAL");
    assert_eq!(
        shop.store.ledger(&shop.agreement_id).unwrap().len(),
        2,
        "nothing deleted"
    );
}

#[test]
fn roster_rows_converge_on_a_uuid_v5_and_refuse_duplicates() {
    let mut shop = shop_with_roster(1);
    let id = roster_id(&shop.agreement_id, &shop.households[0]);
    let roster = shop.store.roster(&shop.agreement_id).unwrap();
    assert_eq!(roster[0].id, id);
    assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 5);
    let again = RosterInput {
        agreement_id: shop.agreement_id.clone(),
        household_id: shop.households[0].clone(),
        mode: LinkageMode::SaleOnBehalf,
        content: String::new(),
    };
    assert_eq!(
        shop.store.add_to_roster(&again).unwrap_err().code(),
        "ROSTER_DUPLICATE"
    );
}

#[test]
fn a_household_on_two_operators_rosters_in_one_year_is_a_warning() {
    let mut shop = shop_with_roster(1);
    let mut other = shop_input(&shop.store);
    other.name = "成县鸡峰镇草滩村电商扶贫示范店".into();
    let other_id = shop.store.add_operator(&other).unwrap().record.id;
    let second = shop
        .store
        .add_agreement(&agreement(&other_id, "CX2019-T2"))
        .unwrap()
        .record
        .id;
    let saved = shop
        .store
        .add_to_roster(&RosterInput {
            agreement_id: second,
            household_id: shop.households[0].clone(),
            mode: LinkageMode::ProtectivePurchase,
            content: String::new(),
        })
        .unwrap();
    assert_eq!(saved.warnings[0].code, "ROSTER_OTHER_OPERATOR");
    assert!(
        saved.warnings[0].message.contains("长沟村"),
        "{}",
        saved.warnings[0].message
    );
}

#[test]
fn a_locked_agreement_refuses_roster_and_ledger_changes() {
    let mut shop = shop_with_roster(1);
    rusqlite_lock(&mut shop);
    let error = shop
        .store
        .add_ledger_entry(&entry(&shop, 0, "2019-05-05", "1", "1.50"))
        .unwrap_err();
    assert_eq!(error.code(), "RECORD_LOCKED");
}

fn rusqlite_lock(shop: &mut Shop) {
    use fieldbook::store::write::Status;
    shop.store
        .set_agreement_status(&shop.agreement_id, Status::Submitted)
        .unwrap();
    shop.store
        .set_agreement_status(&shop.agreement_id, Status::Locked)
        .unwrap();
}

#[test]
fn the_scanned_agreement_is_stored_once_by_content() {
    let mut shop = shop_with_roster(1);
    let pdf = b"%PDF-1.4 signed agreement".to_vec();
    let agreement = shop
        .store
        .attach_scan(&shop.agreement_id, "协议.pdf", &pdf)
        .unwrap();
    let sha = agreement.scan_sha256.clone().unwrap();
    assert_eq!(sha.len(), 64);
    shop.store
        .attach_scan(&shop.agreement_id, "副本.pdf", &pdf)
        .unwrap();
    let (media_type, name, bytes) = shop.store.attachment(&sha).unwrap();
    assert_eq!(
        (media_type.as_str(), name.as_str(), bytes),
        ("application/pdf", "协议.pdf", pdf)
    );
    let refused = shop
        .store
        .attach_scan(&shop.agreement_id, "a.txt", b"hello")
        .unwrap_err();
    assert_eq!(refused.code(), "ATTACHMENT_TYPE");
}

#[test]
fn agreement_numbers_are_unique_and_terms_checked() {
    let mut shop = shop_with_roster(0);
    let operator_id = shop
        .store
        .agreement(&shop.agreement_id)
        .unwrap()
        .operator_id;
    let error = shop
        .store
        .add_agreement(&agreement(&operator_id, "CX2019-T1"))
        .unwrap_err();
    assert_eq!(
        (error.code().as_str(), error.field()),
        ("AGREEMENT_NUMBER_DUPLICATE", Some("number"))
    );
    let mut backwards = agreement(&operator_id, "CX2019-T3");
    backwards.term_end = "2019-01-01".into();
    assert_eq!(
        shop.store.add_agreement(&backwards).unwrap_err().code(),
        "AGREEMENT_TERM"
    );
}
