//! F8's season and late-payment checks at a hub of 托里县 (654224), not the demo county: the
//! county sets its product seasons, ledger entries record a delivery date, and a run of the
//! checks stores the findings with their evidence (product, date, season, days, threshold).

use fieldbook::checks::{
    CheckCode, FindingFilter, FindingView, ProductSeason, ProductSeasons, Scope,
};
use fieldbook::domain::agreements::LedgerInput;
use fieldbook::domain::operators::OperatorKind;
use fieldbook::Code;

use crate::targets::{county, County};

fn season(product: &str, from: &str, to: &str) -> ProductSeason {
    ProductSeason {
        product: product.into(),
        from: from.into(),
        to: to.into(),
    }
}

fn pay(
    c: &mut County,
    agreement: &str,
    household: &str,
    product: &str,
    paid: &str,
    delivered: &str,
) -> String {
    c.store
        .add_ledger_entry(&LedgerInput {
            agreement_id: agreement.into(),
            household_id: household.into(),
            date: paid.into(),
            product: product.into(),
            quantity: "10".into(),
            unit: "斤".into(),
            unit_price: "12.34".into(),
            market_price: String::new(),
            payment_method: String::new(),
            voucher_no: String::new(),
            delivered_date: delivered.into(),
        })
        .unwrap()
        .record
        .id
}

fn of(findings: &[FindingView], check: CheckCode) -> Vec<&FindingView> {
    findings.iter().filter(|f| f.check == check).collect()
}

fn compared<'a>(f: &'a FindingView, label: &str) -> &'a str {
    &f.compared
        .iter()
        .find(|c| c.label == label)
        .unwrap_or_else(|| panic!("{label} in {:?}", f.compared))
        .value
}

#[test]
fn the_hub_finds_entries_out_of_season_and_paid_late_with_their_evidence() {
    let mut c = county("654224", "托里县", &[&[true]]);
    c.store.set_officer("县办马丽");
    // Every problem of a list at once, nothing stored.
    let refused = c
        .store
        .set_product_seasons(&ProductSeasons(vec![
            season("", "09-01", "10-31"),
            season("牛肉", "13-01", "02-30"),
        ]))
        .unwrap_err();
    let codes: Vec<Code> = refused.problems().iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        [Code::SEASON_PRODUCT, Code::SEASON_DATE, Code::SEASON_DATE]
    );
    assert_eq!(
        ProductSeasons::read(&c.store).unwrap(),
        ProductSeasons::default()
    );

    let stored = c
        .store
        .set_product_seasons(&ProductSeasons(vec![
            season(" 羊毛 ", "5-1", "6-30"),
            season("冬储白菜", "11-15", "02-28"),
        ]))
        .unwrap();
    assert_eq!(stored.0[0], season("羊毛", "05-01", "06-30"));
    assert_eq!(ProductSeasons::read(&c.store).unwrap(), stored);

    let operator = c.operator(OperatorKind::Cooperative, 0, "托里县牧民合作社");
    let households: Vec<String> = (0..6).map(|n| c.household(0, 300 + n)).collect();
    // pay_within_days is 7 (targets::County::agreement), the term the whole of 2019.
    let agreement = c.agreement(&operator, "TL2019-1", "", 2019, &households);
    let h = |i: usize| households[i].clone();
    let out_of_season = pay(&mut c, &agreement, &h(0), "羊毛", "2019-07-01", "");
    let _last_day = pay(&mut c, &agreement, &h(1), "羊毛", "2019-06-30", "");
    let _new_years_eve = pay(&mut c, &agreement, &h(2), "冬储白菜", "2019-12-31", "");
    let _no_season = pay(&mut c, &agreement, &h(3), "酥油", "2019-08-01", "");
    let late = pay(
        &mut c,
        &agreement,
        &h(4),
        "酥油",
        "2019-08-10",
        "2019-08-02",
    );
    let _on_time = pay(
        &mut c,
        &agreement,
        &h(5),
        "酥油",
        "2019-08-10",
        "2019-08-03",
    );
    assert_eq!(
        c.store.ledger_entry(&late).unwrap().delivered_date,
        "2019-08-02"
    );

    let run = c.store.run_checks(&Scope::All).unwrap();
    assert!(run.stored);
    let findings = c.store.findings(&FindingFilter::default()).unwrap();

    let season_findings = of(&findings, CheckCode::F8_OUT_OF_SEASON);
    assert_eq!(season_findings.len(), 1, "{season_findings:#?}");
    let f = season_findings[0];
    assert_eq!(f.records[0].id, out_of_season);
    assert_eq!(f.records[1].id, agreement);
    assert_eq!(compared(f, "产品"), "羊毛");
    assert_eq!(compared(f, "台账日期"), "2019年7月1日");
    assert_eq!(compared(f, "产品季节"), "5月1日至6月30日");
    assert!(f.threshold.as_deref().unwrap().contains("羊毛"), "{f:?}");

    let late_findings = of(&findings, CheckCode::F8_LATE_PAYMENT);
    assert_eq!(late_findings.len(), 1, "{late_findings:#?}");
    let f = late_findings[0];
    assert_eq!(f.records[0].id, late);
    assert_eq!(compared(f, "交货日期"), "2019年8月2日");
    assert_eq!(compared(f, "付款日期"), "2019年8月10日");
    assert_eq!(compared(f, "相隔天数"), "8");
    assert_eq!(f.threshold.as_deref(), Some("协议约定交货后 7 天内付款"));

    // A reversed entry is not judged: reversing the late one closes its finding.
    c.store.reverse_ledger_entry(&late, "交货日期记错").unwrap();
    c.store.run_checks(&Scope::All).unwrap();
    let open = c
        .store
        .findings(&FindingFilter {
            check: Some(CheckCode::F8_LATE_PAYMENT),
            status: Some(fieldbook::checks::FindingStatus::Open),
            ..FindingFilter::default()
        })
        .unwrap();
    assert!(open.is_empty(), "{open:#?}");
}
