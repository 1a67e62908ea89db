//! The home dashboard (`Store::dashboard`) on a county-sized database (a file database in WAL
//! mode, as the desktop app uses): 100,000 registered households, 50,000 attendance rows,
//! 10,000 ledger entries, 124 operators with agreements, rosters, inspections and twelve
//! station months each, under three programmes of 2019 (the fixture of `benches/progress.rs`).
//! The whole county, one township, one programme. Goal: under 200 ms (median). Figures are
//! printed, never asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::demo::load_demo_places;
use fieldbook::domain::dashboard::DashboardFilter;
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::programmes::presets;
use fieldbook::domain::resident_id::check_char;
use fieldbook::domain::training::{AttendanceInput, HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::store::entities::{AGREEMENT, INSPECTION, LEDGER, OPERATOR, ROSTER, STATION_MONTH};
use fieldbook::store::new_id;
use fieldbook::store::write::{self, Op};
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;

const HOUSEHOLDS: usize = 100_000;
const BATCH: usize = 10_000;
/// 50 sessions × 5 days × 2 half-days × 100 trainees = 50,000 attendance rows.
const SESSIONS: usize = 50;
const CLASS: usize = 100;
const LEDGER_ENTRIES: usize = 10_000;
/// Households on each operator's roster.
const ROSTER_SIZE: usize = 40;

fn person_id(region: &str, n: usize) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    let birth = epoch + chrono::Days::new((n / 499) as u64);
    let first17 = format!("{region}{}{:03}", birth.format("%Y%m%d"), 2 * (n % 499) + 1);
    format!("{first17}{}", check_char(&first17))
}

fn text(s: impl Into<String>) -> SqlValue {
    SqlValue::Text(s.into())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn dashboard(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("dashboard.db")).unwrap();
    load_demo_places(&mut store).unwrap();
    let villages: Vec<String> = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .map(|v| v.id)
        .collect();
    let townships: Vec<String> = store
        .list_townships()
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();

    let started = Instant::now();
    let mut households = Vec::with_capacity(HOUSEHOLDS);
    for batch in 0..HOUSEHOLDS / BATCH {
        let inputs: Vec<HouseholdInput> = (batch * BATCH..(batch + 1) * BATCH)
            .map(|n| HouseholdInput {
                head_name: "户主".into(),
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
        households.extend(
            store
                .add_households(&inputs)
                .unwrap()
                .into_iter()
                .map(|h| h.record.id),
        );
    }
    eprintln!(
        "setup: {HOUSEHOLDS} households in {:.1?}",
        started.elapsed()
    );

    // A county programme of its own (JSON), the 霍邱 stations and the 成县 training.
    let mut own = presets()
        .unwrap()
        .into_iter()
        .find(|p| p.code == "chengxian-2019-demo-shop")
        .unwrap();
    own.code = "county-2019-linkage".into();
    own.name = "成县2019年电商带贫综合项目".into();
    own.targets = serde_json::from_value(serde_json::json!([
        {"key": "accepted", "label": "验收合格", "metric": "operators_accepted", "quantity": 124, "unit": "个"},
        {"key": "coverage", "label": "行政村覆盖率", "metric": "village_coverage", "quantity": 60, "unit": "%"},
        {"key": "households", "label": "带动贫困户", "metric": "households_linked", "quantity": 1240, "unit": "户"},
        {"key": "sales", "label": "帮扶台账收购额", "metric": "ledger_sales", "quantity": 1_000_000, "unit": "元"}
    ]))
    .unwrap();
    let linkage = store.add_programme(&own).unwrap();
    let stations = store
        .add_programme_from_preset("huoqiu-2019-service-station", None)
        .unwrap();
    let training = store
        .add_programme_from_preset("chengxian-2019-training", None)
        .unwrap();

    // One operator per village: a station inspected under the stations programme and accepted
    // under the county programme, with an agreement, a roster of 40 and twelve months.
    let started = Instant::now();
    store
        .write(|tx, w| {
            let mut ledger = 0;
            for (i, village) in villages.iter().enumerate() {
                let operator = new_id();
                write::record(
                    tx,
                    w,
                    &OPERATOR,
                    &operator,
                    Op::Create,
                    &[
                        ("kind", text("service_station")),
                        ("name", text(format!("服务站{i}"))),
                        ("village_id", text(village.clone())),
                    ],
                )?;
                for (programme, stage) in
                    [(&linkage.id, "acceptance"), (&stations.id, "preliminary")]
                {
                    write::record(
                        tx,
                        w,
                        &INSPECTION,
                        &new_id(),
                        Op::Create,
                        &[
                            ("operator_id", text(operator.clone())),
                            ("programme_id", text(programme.clone())),
                            ("stage", text(stage)),
                            ("inspection_date", text("2019-11-20")),
                            ("conclusion", text(if i % 5 == 0 { "fail" } else { "pass" })),
                        ],
                    )?;
                }
                let agreement = new_id();
                write::record(
                    tx,
                    w,
                    &AGREEMENT,
                    &agreement,
                    Op::Create,
                    &[
                        ("number", text(format!("BENCH-{i}"))),
                        ("year", SqlValue::Integer(2019)),
                        ("programme", text(linkage.name.clone())),
                        ("programme_id", text(linkage.id.clone())),
                        ("operator_id", text(operator.clone())),
                        ("term_start", text("2019-01-01")),
                        ("term_end", text("2019-12-31")),
                    ],
                )?;
                let roster: Vec<&String> = (0..ROSTER_SIZE)
                    .map(|k| &households[(i * ROSTER_SIZE + k) % HOUSEHOLDS])
                    .collect();
                for household in &roster {
                    write::record(
                        tx,
                        w,
                        &ROSTER,
                        &new_id(),
                        Op::Create,
                        &[
                            ("agreement_id", text(agreement.clone())),
                            ("household_id", text((*household).clone())),
                            ("mode", text("protective_purchase")),
                        ],
                    )?;
                }
                let share = LEDGER_ENTRIES / villages.len()
                    + usize::from(i < LEDGER_ENTRIES % villages.len());
                for k in 0..share {
                    ledger += 1;
                    write::record(
                        tx,
                        w,
                        &LEDGER,
                        &new_id(),
                        Op::Create,
                        &[
                            ("agreement_id", text(agreement.clone())),
                            ("household_id", text(roster[k % ROSTER_SIZE].clone())),
                            ("entry_date", text("2019-09-01")),
                            ("product", text("核桃")),
                            ("quantity", text("10")),
                            ("unit", text("斤")),
                            ("unit_price", text("12.50")),
                            ("amount", text("125.00")),
                        ],
                    )?;
                }
                for m in 1..=12 {
                    write::record(
                        tx,
                        w,
                        &STATION_MONTH,
                        &new_id(),
                        Op::Create,
                        &[
                            ("operator_id", text(operator.clone())),
                            ("month", text(format!("2019-{m:02}"))),
                            (
                                "service_value",
                                text(format!("{}.00", 1500 + 100 * (i % 10))),
                            ),
                        ],
                    )?;
                }
            }
            assert_eq!(ledger, LEDGER_ENTRIES);
            Ok(())
        })
        .unwrap();
    eprintln!(
        "setup: {} operators, agreements, rosters of {ROSTER_SIZE}, {LEDGER_ENTRIES} ledger entries and 12 months each (one transaction) in {:.1?}",
        villages.len(),
        started.elapsed()
    );

    let started = Instant::now();
    let first_day = chrono::NaiveDate::from_ymd_opt(2019, 3, 4).unwrap();
    let mut rows = 0;
    for i in 0..SESSIONS {
        let kind = match i {
            0..45 => TrainingKind::TownshipOnsite,
            45..48 => TrainingKind::County,
            _ => TrainingKind::FieldTrip,
        };
        let start = first_day + chrono::Days::new(7 * i as u64);
        let end = start + chrono::Days::new(4);
        let session = store
            .add_training_session(&TrainingSessionInput {
                programme_id: training.id.clone(),
                kind,
                title: format!("第{}期电商培训", i + 1),
                organiser: "成县商务局".into(),
                provider: "成县电子商务公共服务中心".into(),
                venue: "会议室".into(),
                township_id: (kind == TrainingKind::TownshipOnsite)
                    .then(|| townships[i % townships.len()].clone()),
                start_date: start.to_string(),
                end_date: end.to_string(),
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
            .flat_map(|d| ["am", "pm"].map(|h| format!("{} {h}", start + chrono::Days::new(d))))
            .flat_map(|slot| {
                let session = session.clone();
                (0..CLASS).map(move |j| {
                    let p = i * CLASS + j;
                    AttendanceInput {
                        session_id: session.clone(),
                        slot: slot.clone(),
                        name: "学员".into(),
                        id_number: if j % 2 == 0 {
                            person_id("621221", p)
                        } else {
                            person_id("621202", p)
                        },
                        phone: String::new(),
                        township_id: None,
                        village_id: None,
                        signed: true,
                        sheet_page: String::new(),
                        audience: None,
                    }
                })
            })
            .collect();
        rows += store.add_attendances(&sheet).unwrap().len();
    }
    eprintln!(
        "setup: {rows} attendance rows in {SESSIONS} sessions in {:.1?}",
        started.elapsed()
    );

    let filters = [
        ("the whole county", DashboardFilter::default()),
        (
            "one township",
            DashboardFilter {
                township_id: Some(townships[0].clone()),
                ..DashboardFilter::default()
            },
        ),
        (
            "the training programme",
            DashboardFilter {
                programme_id: Some(training.id.clone()),
                ..DashboardFilter::default()
            },
        ),
    ];
    for (what, filter) in &filters {
        let d = store.dashboard(filter).unwrap();
        let samples: Vec<Duration> = (0..20)
            .map(|_| {
                let t = Instant::now();
                black_box(store.dashboard(filter).unwrap());
                t.elapsed()
            })
            .collect();
        eprintln!(
            "dashboard, {what}: median {:.1?} (goal < 200 ms) — {} programmes, {} inspections ({} passed), {} person-times, {} townships",
            median(samples),
            d.programmes.len(),
            d.inspections.done.count,
            d.inspections.passed.count,
            d.training.person_times.count,
            d.townships.len()
        );
    }

    let mut group = c.benchmark_group("dashboard");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    for (name, filter) in &filters {
        group.bench_function(*name, |b| {
            b.iter(|| black_box(store.dashboard(filter).unwrap()))
        });
    }
    group.finish();
}

criterion_group!(benches, dashboard);
criterion_main!(benches);
