//! What encryption at rest costs: the same work on a plain and on an encrypted (SQLCipher)
//! database, and the ratio. Printed, never asserted.
//!
//! - `open`: opening an existing database (the encrypted one derives its key: PBKDF2).
//! - `search`: household search on 100,000 households (name prefix, ID suffix), 50 a page.
//! - `import`: the county importing a batch of 100,000 changes through the full merge path.
//!
//! Filter with `cargo bench --bench encryption -- search` (or `open`, `import`).

use std::collections::HashSet;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::demo::load_demo_places;
use fieldbook::demo::records::Synthetic;
use fieldbook::domain::households::{HouseholdInput, HouseholdQuery};
use fieldbook::store::entities::HOUSEHOLD;
use fieldbook::store::write::{self, Op};
use fieldbook::store::Passphrase;
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;

const HOUSEHOLDS: usize = 100_000;
const CHANGES: usize = 100_000;
const T1: &str = "621221101";

const PASSPHRASE: &str = "bench 台账 passphrase";

fn passphrase() -> Passphrase {
    Passphrase::choose(PASSPHRASE).unwrap()
}

/// `plain` exported into a new encrypted file (as `Store::encrypt_file` does; the demo places
/// mark these databases as demo, which conversion refuses), so both hold the same data.
fn encrypted_copy(plain: &Path, encrypted: &Path) {
    let conn = rusqlite::Connection::open(plain).unwrap();
    conn.execute(
        "ATTACH DATABASE ?1 AS encrypted KEY ?2",
        [encrypted.to_str().unwrap(), PASSPHRASE],
    )
    .unwrap();
    conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
        .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    conn.execute_batch(&format!(
        "PRAGMA encrypted.user_version = {version}; DETACH DATABASE encrypted;"
    ))
    .unwrap();
    // Opened once as the app does (WAL on), so every run starts from the same state.
    drop(open(encrypted, true));
}

fn open(path: &Path, encrypted: bool) -> Store {
    let key = encrypted.then(passphrase);
    Store::open_with(path, key.as_ref()).unwrap()
}

fn query(text: &str) -> HouseholdQuery {
    HouseholdQuery {
        text: text.into(),
        township_code: None,
        village_id: None,
        offset: 0,
        limit: 50,
        status: None,
    }
}

/// `n` synthetic households over the given villages, unique ID numbers (as `benches/search.rs`).
fn households(village_ids: &[String], n: usize) -> Vec<HouseholdInput> {
    let mut rng = Synthetic::new(0x5eed);
    let mut ids = HashSet::with_capacity(n);
    (0..n)
        .map(|i| {
            let male = rng.chance(82);
            let id_number = loop {
                let id = rng.resident_id("621221", 1940, 2005, male);
                if ids.insert(id.clone()) {
                    break id;
                }
            };
            HouseholdInput {
                head_name: rng.person_name(male),
                id_number,
                size: rng.between(1, 7) as u32,
                village_id: village_ids[i % village_ids.len()].clone(),
                village_group: "一组".into(),
                category: ["general", "dibao", "tekun"][rng.weighted(&[75, 17, 8])].into(),
                year_lifted: None,
                phone: String::new(),
                notes: String::new(),
            }
        })
        .collect()
}

struct Figures(Vec<(String, Duration, Duration)>);

impl Figures {
    fn print(&self, title: &str) {
        println!("== encryption cost: {title} (median plain, median encrypted, ratio) ==");
        for (name, plain, encrypted) in &self.0 {
            println!(
                "{name}: {:.3} ms plain, {:.3} ms encrypted, ratio {:.2}",
                plain.as_secs_f64() * 1e3,
                encrypted.as_secs_f64() * 1e3,
                encrypted.as_secs_f64() / plain.as_secs_f64()
            );
        }
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// Times `f` per iteration into `into` (medians are printed with the ratio at the end).
fn timed<'a, F: FnMut() + 'a>(
    into: &'a mut Vec<Duration>,
    mut f: F,
) -> impl FnMut(u64) -> Duration + 'a {
    move |iters| {
        let started = Instant::now();
        for _ in 0..iters {
            f();
        }
        let took = started.elapsed();
        into.push(took / iters.max(1) as u32);
        took
    }
}

fn open_cost(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.db");
    load_demo_places(&mut Store::open(&plain).unwrap()).unwrap();
    let encrypted = dir.path().join("encrypted.db");
    encrypted_copy(&plain, &encrypted);
    let mut group = c.benchmark_group("encryption open");
    group.sample_size(20);
    let (mut p, mut e) = (Vec::new(), Vec::new());
    group.bench_function("plain", |b| {
        b.iter_custom(timed(&mut p, || drop(black_box(open(&plain, false)))))
    });
    group.bench_function("encrypted", |b| {
        b.iter_custom(timed(&mut e, || drop(black_box(open(&encrypted, true)))))
    });
    group.finish();
    Figures(vec![(
        "open an existing database".into(),
        median(p),
        median(e),
    )])
    .print("open");
}

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.db");
    let inputs = {
        let mut store = Store::open(&plain).unwrap();
        load_demo_places(&mut store).unwrap();
        let villages: Vec<String> = store
            .list_villages(None)
            .unwrap()
            .into_iter()
            .map(|v| v.id)
            .collect();
        let inputs = households(&villages, HOUSEHOLDS);
        for chunk in inputs.chunks(10_000) {
            store.add_households(chunk).unwrap();
        }
        inputs
    };
    let encrypted = dir.path().join("encrypted.db");
    encrypted_copy(&plain, &encrypted);
    let id = &inputs[HOUSEHOLDS / 2].id_number;
    let two_chars: String = inputs[HOUSEHOLDS / 3].head_name.chars().take(2).collect();
    let cases = [
        ("name prefix 1 char", "王".to_string()),
        ("name prefix 2 chars", two_chars),
        ("id last 4 digits", id[14..].to_string()),
        ("id last 6 digits", id[12..].to_string()),
    ];
    let stores = [open(&plain, false), open(&encrypted, true)];
    let mut group = c.benchmark_group("encryption search_households 100k");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let mut figures = Figures(Vec::new());
    for (name, text) in &cases {
        let q = query(text);
        let mut times = [Vec::new(), Vec::new()];
        for ((store, label), into) in stores.iter().zip(["plain", "encrypted"]).zip(&mut times) {
            group.bench_function(format!("{name} {label}"), |b| {
                b.iter_custom(timed(into, || {
                    black_box(store.search_households(black_box(&q)).unwrap());
                }))
            });
        }
        let [p, e] = times;
        figures
            .0
            .push((format!("{name} “{text}”"), median(p), median(e)));
    }
    group.finish();
    figures.print("household search on 100,000");
}

/// A county hub with the demo places and an enrolled laptop of T1 that created `CHANGES`
/// households: the county's file before the import, and the laptop's batch.
fn county_and_batch(dir: &Path) -> (PathBuf, Vec<u8>) {
    let county_path = dir.join("county.db");
    let mut county = Store::open(&county_path).unwrap();
    load_demo_places(&mut county).unwrap();
    county.county_init().unwrap();
    let mut device = Store::open(&dir.join("laptop.db")).unwrap();
    let (request, _) = device.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, T1).unwrap();
    device.device_enroll(&answer).unwrap();
    let (package, _) = county.sync_package(device.device_id()).unwrap();
    device.sync_apply(&package).unwrap();
    let villages: Vec<String> = county
        .list_villages(Some(T1))
        .unwrap()
        .into_iter()
        .map(|v| v.id)
        .collect();
    drop(county);
    device
        .write(|tx, w| {
            for i in 0..CHANGES {
                let id_number = format!("6212211990{i:08}");
                let rev: String = id_number.chars().rev().collect();
                write::record(
                    tx,
                    w,
                    &HOUSEHOLD,
                    &uuid::Uuid::now_v7().to_string(),
                    Op::Create,
                    &[
                        ("head_name", SqlValue::Text(format!("户主{i}"))),
                        ("id_number", SqlValue::Text(id_number)),
                        ("id_number_rev", SqlValue::Text(rev)),
                        ("size", SqlValue::Integer((i % 6 + 1) as i64)),
                        (
                            "village_id",
                            SqlValue::Text(villages[i % villages.len()].clone()),
                        ),
                        ("village_group", SqlValue::Text("一组".into())),
                        ("category", SqlValue::Text("general".into())),
                        ("phone", SqlValue::Text(format!("138{i:08}"))),
                        ("notes", SqlValue::Text(String::new())),
                    ],
                )?;
            }
            Ok(())
        })
        .unwrap();
    let (batch, _) = device.export_batch().unwrap();
    (county_path, batch)
}

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (plain, batch) = county_and_batch(dir.path());
    let encrypted = dir.path().join("county-encrypted.db");
    encrypted_copy(&plain, &encrypted);
    let work = dir.path().join("work.db");
    let mut group = c.benchmark_group("encryption sync import 100k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    let mut times = [Vec::new(), Vec::new()];
    for ((pristine, is_encrypted), into) in [(&plain, false), (&encrypted, true)]
        .into_iter()
        .zip(&mut times)
    {
        let label = if is_encrypted { "encrypted" } else { "plain" };
        group.bench_function(label, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    for suffix in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(format!("{}{suffix}", work.display()));
                    }
                    std::fs::copy(pristine, &work).unwrap();
                    let mut county = open(&work, is_encrypted);
                    let started = Instant::now();
                    let result = county.import_batch(&batch, false).unwrap();
                    let took = started.elapsed();
                    assert_eq!(result.report.entities["household"].new as usize, CHANGES);
                    into.push(took);
                    total += took;
                }
                total
            })
        });
    }
    group.finish();
    let [p, e] = times;
    Figures(vec![(
        format!("import of {CHANGES} changes, full merge"),
        median(p),
        median(e),
    )])
    .print("sync import");
}

criterion_group!(benches, open_cost, search, import);
criterion_main!(benches);
