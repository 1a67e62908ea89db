//! The write path in bulk: `Store::add_households` validates a batch and writes it in ONE
//! transaction, each household through `write::record` with its chained change-log entry.
//! For contrast, `add_household` commits one transaction per household.
//! Figures are changes (= households = log entries) per second.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};
use fieldbook::demo::load_demo_places;
use fieldbook::demo::records::Synthetic;
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::resident_id::check_char;
use fieldbook::store::write;
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;

const BATCH: usize = 5_000;
const RAW_BATCH: usize = 10_000;

/// Households with unique IDs by construction: the n-th one is born on day n / 499 after
/// 1940-01-01 with sequence 2 · (n mod 499) + 1.
struct Households {
    next: usize,
    villages: Vec<String>,
    rng: Synthetic,
}

impl Households {
    fn take(&mut self, count: usize) -> Vec<HouseholdInput> {
        let epoch = chrono::NaiveDate::from_ymd_opt(1940, 1, 1).unwrap();
        (0..count)
            .map(|_| {
                let n = self.next;
                self.next += 1;
                let birth = epoch + chrono::Days::new((n / 499) as u64);
                let first17 = format!("621221{}{:03}", birth.format("%Y%m%d"), 2 * (n % 499) + 1);
                HouseholdInput {
                    head_name: self.rng.person_name(true),
                    id_number: format!("{first17}{}", check_char(&first17)),
                    size: self.rng.between(1, 7) as u32,
                    village_id: self.villages[n % self.villages.len()].clone(),
                    village_group: "一组".into(),
                    category: "general".into(),
                    year_lifted: Some(2019),
                    phone: String::new(),
                    notes: String::new(),
                }
            })
            .collect()
    }
}

fn write_path(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("write.db")).unwrap();
    load_demo_places(&mut store).unwrap();
    let mut households = Households {
        next: 0,
        villages: store
            .list_villages(None)
            .unwrap()
            .into_iter()
            .map(|v| v.id)
            .collect(),
        rng: Synthetic::new(0xba7c4),
    };

    // For reference: the first batch, into an empty register.
    let first = households.take(BATCH);
    let started = std::time::Instant::now();
    store.add_households(&first).unwrap();
    let took = started.elapsed();
    eprintln!(
        "first batch of {BATCH} into an empty register: {took:.0?} = {:.0} changes/s",
        BATCH as f64 / took.as_secs_f64()
    );

    let mut group = c.benchmark_group("write path");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function(format!("add_households, {BATCH} in one transaction"), |b| {
        b.iter_batched(
            || households.take(BATCH),
            |batch| black_box(store.add_households(&batch).unwrap()),
            BatchSize::PerIteration,
        )
    });
    // The write path proper: `write::record` for 10,000 new rows in one transaction (row write,
    // HLC, `{field: [old, new]}`, SHA-256 chain, log insert), without the register's checks.
    group.throughput(Throughput::Elements(RAW_BATCH as u64));
    let village = households.villages[0].clone();
    let mut serial = 0usize;
    group.bench_function(
        format!("write::record, {RAW_BATCH} in one transaction"),
        |b| {
            b.iter_batched(
                || {
                    serial += RAW_BATCH;
                    (serial..serial + RAW_BATCH)
                        .map(|n| {
                            // Unique placeholder IDs: the write path stores what it is given.
                            let id = format!("9{n:017}");
                            [
                                ("head_name", SqlValue::Text(format!("户主{n}"))),
                                ("id_number_rev", SqlValue::Text(id.chars().rev().collect())),
                                ("id_number", SqlValue::Text(id)),
                                ("size", SqlValue::Integer(3)),
                                ("village_id", SqlValue::Text(village.clone())),
                                ("village_group", SqlValue::Text("一组".into())),
                                ("category", SqlValue::Text("general".into())),
                            ]
                        })
                        .collect::<Vec<_>>()
                },
                |rows| {
                    store
                        .write(|tx, writer| {
                            for values in &rows {
                                let id = uuid::Uuid::now_v7().to_string();
                                write::record(
                                    tx,
                                    writer,
                                    &fieldbook::store::entities::HOUSEHOLD,
                                    &id,
                                    write::Op::Create,
                                    values,
                                )?;
                            }
                            Ok(())
                        })
                        .unwrap()
                },
                BatchSize::PerIteration,
            )
        },
    );
    group.throughput(Throughput::Elements(1));
    group.bench_function("add_household, one transaction each", |b| {
        b.iter_batched(
            || households.take(1),
            |one| black_box(store.add_household(&one[0]).unwrap()),
            BatchSize::SmallInput,
        )
    });
    group.finish();
    let check = store.verify_log().unwrap();
    eprintln!(
        "after the bench: {} log entries, chain intact: {}",
        check.entries,
        check.first_broken.is_none()
    );
}

criterion_group!(benches, write_path);
criterion_main!(benches);
