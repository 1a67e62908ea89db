//! Derived income of one agreement with 50 households on its roster and 10,000 ledger entries:
//! `store.agreement(id)` (totals, per-household average, the ≥ 10 households rule) and
//! `store.roster(id)` (each household's income and premium). Both re-derive from the ledger.
//! Then the shop's inspection: its checklist evaluated with sales and linked households
//! measured from the same ledger and roster.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::demo::load_demo_places;
use fieldbook::demo::records::Synthetic;
use fieldbook::domain::agreements::{
    AgreementInput, LedgerInput, LinkageMode, PriceRule, RosterInput,
};
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::inspections::{InspectionInput, Inspector, Stage};
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::domain::programmes::{Observation, ObservedValue};
use fieldbook::Store;

const HOUSEHOLDS: usize = 50;
const ENTRIES: usize = 10_000;

fn income(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("income.db")).unwrap();
    load_demo_places(&mut store).unwrap();
    let village = store.list_villages(None).unwrap().remove(0).id;
    let mut rng = Synthetic::new(0x1c0e);
    let inputs: Vec<HouseholdInput> = (0..HOUSEHOLDS)
        .map(|i| HouseholdInput {
            head_name: rng.person_name(true),
            id_number: rng.resident_id("621221", 1950 + i as i32, 1950 + i as i32, true),
            size: 4,
            village_id: village.clone(),
            village_group: "一组".into(),
            category: "general".into(),
            year_lifted: None,
            phone: String::new(),
            notes: String::new(),
        })
        .collect();
    let households: Vec<String> = store
        .add_households(&inputs)
        .unwrap()
        .into_iter()
        .map(|s| s.record.id)
        .collect();
    let operator = store
        .add_operator(&OperatorInput {
            kind: OperatorKind::DemoShop,
            name: "成县鸡峰镇长沟村电商扶贫示范店".into(),
            credit_code: String::new(),
            person_in_charge: "李明".into(),
            phone: "13809391234".into(),
            village_id: Some(village.clone()),
            platform: "拼多多".into(),
            shop_url: "https://shop.example.cn/bench".into(),
        })
        .unwrap()
        .record
        .id;
    let shop = operator.clone();
    let agreement = store
        .add_agreement(&AgreementInput {
            number: "CX2019-BENCH".into(),
            year: 2019,
            programme: "成县2019年电商扶贫示范店".into(),
            programme_id: None,
            operator_id: operator,
            witness_village_id: Some(village),
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
        .unwrap()
        .record
        .id;
    for household in &households {
        store
            .add_to_roster(&RosterInput {
                agreement_id: agreement.clone(),
                household_id: household.clone(),
                mode: LinkageMode::ProtectivePurchase,
                content: "收购核桃".into(),
            })
            .unwrap();
    }
    let start = NaiveDate::from_ymd_opt(2019, 3, 1).unwrap();
    let started = Instant::now();
    for n in 0..ENTRIES {
        let market = rng.between(1100, 1500);
        let price = (market * rng.between(110, 115) + 50) / 100;
        store
            .add_ledger_entry(&LedgerInput {
                agreement_id: agreement.clone(),
                household_id: households[n % HOUSEHOLDS].clone(),
                date: (start + Days::new(rng.between(0, 305) as u64)).to_string(),
                product: "核桃".into(),
                quantity: rng.between(20, 400).to_string(),
                unit: "斤".into(),
                unit_price: format!("{}.{:02}", price / 100, price % 100),
                market_price: format!("{}.{:02}", market / 100, market % 100),
                payment_method: "微信".into(),
                voucher_no: format!("PZ-{n:05}"),
                delivered_date: String::new(),
            })
            .unwrap();
    }
    eprintln!(
        "setup: {ENTRIES} ledger entries through add_ledger_entry in {:.1?}",
        started.elapsed()
    );
    let summary = store.agreement(&agreement).unwrap();
    eprintln!(
        "agreement: {} households, total income {} 元, {} 元 per household",
        summary.roster_count, summary.total_income, summary.income_per_household
    );

    let mut group = c.benchmark_group("derived income, 50 households, 10k ledger entries");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("store.agreement(id)", |b| {
        b.iter(|| black_box(store.agreement(black_box(&agreement)).unwrap()))
    });
    group.bench_function("store.roster(id)", |b| {
        b.iter(|| black_box(store.roster(black_box(&agreement)).unwrap()))
    });
    group.finish();

    // The inspection of the same shop: the checklist evaluated against the demonstration-shop
    // template, with sales (10k ledger entries) and linked households (50) measured first.
    let programme = store
        .add_programme_from_preset("chengxian-2019-demo-shop", None)
        .unwrap()
        .id;
    let seen = |key: &str| Observation::new(key, ObservedValue::Bool(true));
    let inspection = store
        .add_inspection(&InspectionInput {
            operator_id: shop,
            programme_id: programme,
            stage: Stage::Acceptance,
            date: "2019-12-02".into(),
            inspectors: ["王芳", "李明", "赵刚"]
                .iter()
                .map(|n| Inspector {
                    name: n.to_string(),
                    unit: "县商务局".into(),
                })
                .collect(),
            observations: ["office", "plaque", "operator_shop", "records", "services"]
                .into_iter()
                .map(seen)
                .collect(),
            problems: String::new(),
            rectification: vec![],
            investment: "12345".into(),
            recheck_sample_id: None,
        })
        .unwrap()
        .record;
    eprintln!("inspection: {}", inspection.evaluation.conclusion.label());
    let mut group = c.benchmark_group("inspection checklist, 50 households, 10k ledger entries");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("store.inspection(id) (measure + evaluate)", |b| {
        b.iter(|| black_box(store.inspection(black_box(&inspection.id)).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, income);
criterion_main!(benches);
