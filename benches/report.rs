//! A yearly statistics report (`Store::stats_report`, 2019 compared with 2018) over a
//! county-sized database: 100,000 registered households, 50,000 attendance rows in 50 sessions,
//! 10,000 ledger entries over 100 agreements whose rosters name 5,000 households. Built through
//! the public API (households and attendance in batches). Goal: under 1 s (issue 16). Figures
//! are printed, never asserted.

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
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::domain::period::Period;
use fieldbook::domain::resident_id::check_char;
use fieldbook::domain::stats::{StatsFigure, StatsQuery};
use fieldbook::domain::training::{AttendanceInput, HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::Store;

const HOUSEHOLDS: usize = 100_000;
const BATCH: usize = 10_000;
/// 50 sessions × 5 days × 2 half-days × 100 trainees = 50,000 attendance rows.
const SESSIONS: usize = 50;
const CLASS: usize = 100;
const AGREEMENTS: usize = 100;
const ROSTER: usize = 50;
const ENTRIES: usize = 10_000;

/// Unique by construction (as in `benches/training.rs`).
fn person_id(region: &str, n: usize) -> String {
    let epoch = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    let birth = epoch + Days::new((n / 499) as u64);
    let first17 = format!("{region}{}{:03}", birth.format("%Y%m%d"), 2 * (n % 499) + 1);
    format!("{first17}{}", check_char(&first17))
}

fn report(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("report.db")).unwrap();
    load_demo_places(&mut store).unwrap();
    let villages: Vec<String> = (store.list_villages(None).unwrap().into_iter())
        .map(|v| v.id)
        .collect();
    let townships: Vec<String> = (store.list_townships().unwrap().into_iter())
        .map(|t| t.id)
        .collect();
    let mut rng = Synthetic::new(0x5eed);
    let started = Instant::now();
    let mut households = Vec::with_capacity(HOUSEHOLDS);
    for batch in 0..HOUSEHOLDS / BATCH {
        let inputs: Vec<HouseholdInput> = (batch * BATCH..(batch + 1) * BATCH)
            .map(|n| HouseholdInput {
                head_name: rng.person_name(true),
                id_number: person_id("621221", n),
                size: 4,
                village_id: villages[n % villages.len()].clone(),
                village_group: "一组".into(),
                category: "general".into(),
                year_lifted: Some(2019),
                phone: String::new(),
                notes: String::new(),
            })
            .collect();
        households
            .extend((store.add_households(&inputs).unwrap().into_iter()).map(|s| s.record.id));
    }
    eprintln!(
        "setup: {HOUSEHOLDS} households in {:.1?}",
        started.elapsed()
    );

    let programme = store
        .add_programme_from_preset("chengxian-2019-training", None)
        .unwrap()
        .id;
    let first_day = NaiveDate::from_ymd_opt(2019, 1, 7).unwrap();
    let started = Instant::now();
    for i in 0..SESSIONS {
        let start = first_day + Days::new(7 * i as u64);
        let session = store
            .add_training_session(&TrainingSessionInput {
                programme_id: programme.clone(),
                kind: TrainingKind::TownshipOnsite,
                title: format!("第{}期电商培训", i + 1),
                organiser: "成县商务局".into(),
                provider: "成县电子商务公共服务中心".into(),
                venue: "会议室".into(),
                township_id: Some(townships[i % townships.len()].clone()),
                start_date: start.to_string(),
                end_date: (start + Days::new(4)).to_string(),
                half_days: HalfDays::Both,
                slots: None,
                trainers: vec!["王老师".into()],
                outline: String::new(),
                planned_headcount: CLASS as u32,
                audience: None,
            })
            .unwrap()
            .record
            .id;
        let sheet: Vec<AttendanceInput> = (0..5u64)
            .flat_map(|d| ["am", "pm"].map(|h| format!("{} {h}", start + Days::new(d))))
            .flat_map(|slot| {
                let session = session.clone();
                (0..CLASS).map(move |j| AttendanceInput {
                    session_id: session.clone(),
                    slot: slot.clone(),
                    name: "学员".into(),
                    id_number: person_id(
                        if j % 2 == 0 { "621221" } else { "621202" },
                        i * CLASS + j,
                    ),
                    phone: String::new(),
                    township_id: None,
                    village_id: None,
                    signed: true,
                    sheet_page: String::new(),
                    audience: None,
                })
            })
            .collect();
        store.add_attendances(&sheet).unwrap();
    }
    eprintln!("setup: 50,000 attendance rows in {:.1?}", started.elapsed());

    let started = Instant::now();
    let mut agreements = Vec::new();
    for a in 0..AGREEMENTS {
        let operator = store
            .add_operator(&OperatorInput {
                kind: OperatorKind::DemoShop,
                name: format!("示范店{a}"),
                credit_code: String::new(),
                person_in_charge: "李明".into(),
                phone: "13809391234".into(),
                village_id: Some(villages[a % villages.len()].clone()),
                platform: "拼多多".into(),
                shop_url: String::new(),
            })
            .unwrap()
            .record
            .id;
        let agreement = store
            .add_agreement(&AgreementInput {
                number: format!("CX2019-{a:03}"),
                year: 2019,
                programme: String::new(),
                programme_id: None,
                operator_id: operator,
                witness_village_id: None,
                modes: vec![LinkageMode::ProtectivePurchase],
                price_rule: PriceRule::MarketPlus,
                price_value: "10".into(),
                min_quantity: String::new(),
                pay_within_days: Some(7),
                target_households: ROSTER as u32,
                target_income: "1000".into(),
                term_start: "2019-01-01".into(),
                term_end: "2019-12-31".into(),
            })
            .unwrap()
            .record
            .id;
        for h in 0..ROSTER {
            store
                .add_to_roster(&RosterInput {
                    agreement_id: agreement.clone(),
                    household_id: households[a * ROSTER + h].clone(),
                    mode: LinkageMode::ProtectivePurchase,
                    content: String::new(),
                })
                .unwrap();
        }
        agreements.push(agreement);
    }
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    for n in 0..ENTRIES {
        let a = n % AGREEMENTS;
        store
            .add_ledger_entry(&LedgerInput {
                agreement_id: agreements[a].clone(),
                household_id: households[a * ROSTER + n % ROSTER].clone(),
                date: (start + Days::new(rng.between(0, 364) as u64)).to_string(),
                product: "核桃".into(),
                quantity: rng.between(20, 400).to_string(),
                unit: "斤".into(),
                unit_price: "12.50".into(),
                market_price: String::new(),
                payment_method: "微信".into(),
                voucher_no: format!("PZ-{n:05}"),
                delivered_date: String::new(),
            })
            .unwrap();
    }
    eprintln!(
        "setup: {AGREEMENTS} agreements, {} roster rows, {ENTRIES} ledger entries in {:.1?}",
        AGREEMENTS * ROSTER,
        started.elapsed()
    );

    let query = StatsQuery {
        period: Period::year(2019).unwrap(),
        programme_id: None,
        township: None,
    };
    let report = store.stats_report(&query).unwrap();
    let total = |f: StatsFigure| report.total.cell(f).current.clone();
    eprintln!(
        "2019: {} rows; households linked {}, ledger {} 元, person-times {} (poor {})",
        report.rows.len(),
        total(StatsFigure::HouseholdsLinked),
        total(StatsFigure::LedgerIncome),
        total(StatsFigure::PersonTimes),
        total(StatsFigure::PoorPersonTimes),
    );
    let mut group =
        c.benchmark_group("statistics report, 100k households, 50k attendance, 10k ledger");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("stats_report(2019 vs 2018)", |b| {
        b.iter(|| black_box(store.stats_report(black_box(&query)).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
