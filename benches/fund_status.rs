//! `fund_status` and `fund_overview` on a programme with 1,000 awards, 3,000 disbursements
//! (a first tranche paid, reversed and paid again on every award), 100 recovery orders
//! and their amounts recovered, in a file database in WAL mode as the desktop app uses. Goal
//! (issue 14): under 100 ms (median). Figures are printed, never asserted. The fixture is
//! written in one transaction through the one write path (`Store::write` + `write::record`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::demo::load_demo_places;
use fieldbook::store::entities::{
    FUND_AWARD, FUND_DISBURSEMENT, FUND_RECOVERED, FUND_RECOVERY, OPERATOR,
};
use fieldbook::store::new_id;
use fieldbook::store::write::{self, Op};
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;

const AWARDS: usize = 1_000;
/// Every tenth award is ordered to pay back its first tranche.
const RECOVERY_EVERY: usize = 10;

fn text(s: impl Into<String>) -> SqlValue {
    SqlValue::Text(s.into())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn fund_status(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("funds.db")).unwrap();
    load_demo_places(&mut store).unwrap();
    let villages: Vec<String> = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .map(|v| v.id)
        .collect();
    let programme = store
        .add_programme_from_preset("chengxian-2019-demo-shop", None)
        .unwrap()
        .id;

    let started = Instant::now();
    let mut disbursements = 0;
    store
        .write(|tx, w| {
            for i in 0..AWARDS {
                let operator = new_id();
                write::record(
                    tx,
                    w,
                    &OPERATOR,
                    &operator,
                    Op::Create,
                    &[
                        ("kind", text("demo_shop")),
                        ("name", text(format!("示范店{i}"))),
                        ("village_id", text(villages[i % villages.len()].clone())),
                    ],
                )?;
                let award = new_id();
                write::record(
                    tx,
                    w,
                    &FUND_AWARD,
                    &award,
                    Op::Create,
                    &[
                        ("programme_id", text(programme.clone())),
                        ("operator_id", text(operator)),
                        ("class_key", text("poor")),
                        ("amount", text("5400.00")),
                        ("decided_date", text("2019-09-01")),
                    ],
                )?;
                let mut pay = |amount: &str, tranche: i64, reverses: Option<&str>| {
                    let id = new_id();
                    let mut values = vec![
                        ("award_id", text(award.clone())),
                        ("tranche", SqlValue::Integer(tranche)),
                        ("amount", text(amount)),
                        ("paid_date", text("2019-10-01")),
                    ];
                    if let Some(reversed) = reverses {
                        values.push(("reverses_id", text(reversed)));
                    }
                    disbursements += 1;
                    write::record(tx, w, &FUND_DISBURSEMENT, &id, Op::Create, &values).map(|_| id)
                };
                let wrong = pay("4320.00", 1, None)?;
                pay("-4320.00", 1, Some(&wrong))?;
                pay("4320.00", 1, None)?;
                if i % RECOVERY_EVERY == 0 {
                    let order = new_id();
                    write::record(
                        tx,
                        w,
                        &FUND_RECOVERY,
                        &order,
                        Op::Create,
                        &[
                            ("award_id", text(award.clone())),
                            ("grounds", text("failed_acceptance")),
                            ("reason", text("验收不合格")),
                            ("amount", text("4320.00")),
                            ("decided_date", text("2019-12-20")),
                            ("due_date", text("2020-01-20")),
                        ],
                    )?;
                    write::record(
                        tx,
                        w,
                        &FUND_RECOVERED,
                        &new_id(),
                        Op::Create,
                        &[
                            ("recovery_id", text(order)),
                            ("amount", text("1000.00")),
                            ("received_date", text("2020-01-05")),
                        ],
                    )?;
                }
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "setup: {AWARDS} awards, {disbursements} disbursements, {} recovery orders in {:.1?}",
        AWARDS / RECOVERY_EVERY,
        started.elapsed()
    );

    let samples: Vec<Duration> = (0..15)
        .map(|_| {
            let started = Instant::now();
            black_box(store.fund_status(&programme).unwrap());
            started.elapsed()
        })
        .collect();
    let status = store.fund_status(&programme).unwrap();
    eprintln!(
        "fund_status, {} awards: median {:.1?} (goal < 100 ms) — awarded {}, paid {}, to recover {}",
        status.total.awards,
        median(samples),
        status.total.awarded,
        status.total.paid,
        status.total.to_recover
    );

    let mut group = c.benchmark_group("funds");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("fund_status 1,000 awards", |b| {
        b.iter(|| black_box(store.fund_status(&programme).unwrap()))
    });
    group.bench_function("fund_overview 2019", |b| {
        b.iter(|| black_box(store.fund_overview(Some(2019)).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, fund_status);
criterion_main!(benches);
