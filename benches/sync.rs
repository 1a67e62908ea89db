//! Sync figures: the county importing a 100,000-change batch through the full merge path
//! (changes/s), plain SQLite upsert of the same rows on the same machine and the ratio,
//! re-import of the applied batch, and the device's export of 100,000 changes.
//! Printed, never asserted.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::demo::{demo_id, load_demo_places};
use fieldbook::store::entities::HOUSEHOLD;
use fieldbook::store::write::{self, Op};
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;

const CHANGES: usize = 100_000;
const T1: &str = "621221101";

struct World {
    _dir: tempfile::TempDir,
    /// The same 100,000 households written by the bare write path on the laptop.
    write_path: Duration,
    pristine: std::path::PathBuf,
    work: std::path::PathBuf,
    device: Store,
    batch: Vec<u8>,
}

/// CPU time of this thread (Linux `schedstat`): the machine may be shared, so the bench prints
/// both wall-clock and on-CPU rates.
fn cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

fn copy(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    rusqlite::Connection::open(from)
        .unwrap()
        .execute("VACUUM INTO ?1", [to.to_str().unwrap()])
        .unwrap();
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut county = Store::open(&d.join("county.db")).unwrap();
    load_demo_places(&mut county).unwrap();
    county.county_init().unwrap();
    let mut device = Store::open(&d.join("laptop.db")).unwrap();
    device.set_officer("王芳");
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
    assert_eq!(
        villages[0],
        demo_id("village", &county.list_villages(Some(T1)).unwrap()[0].code)
    );
    let started = Instant::now();
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
    let write_path = started.elapsed();
    println!(
        "device write path, {CHANGES} creates in one transaction: {:.2} s = {:.0} changes/s",
        write_path.as_secs_f64(),
        CHANGES as f64 / write_path.as_secs_f64()
    );
    drop(county);
    let (batch, _) = device.export_batch().unwrap();
    let pristine = d.join("pristine.db");
    copy(&d.join("county.db"), &pristine);
    World {
        write_path,
        work: d.join("work.db"),
        _dir: dir,
        pristine,
        device,
        batch,
    }
}

/// The same rows, upserted into a plain table with a version check: the ceiling.
fn plain_upsert(dir: &Path, rows: &[Vec<SqlValue>]) -> Duration {
    let path = dir.join("plain.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.execute_batch(
        "CREATE TABLE household (id TEXT PRIMARY KEY, head_name TEXT, id_number TEXT,
            id_number_rev TEXT, size INTEGER, village_id TEXT, village_group TEXT, category TEXT,
            year_lifted INTEGER, phone TEXT, notes TEXT, status TEXT, updated_hlc INTEGER,
            version INTEGER) STRICT",
    )
    .unwrap();
    let started = Instant::now();
    let tx = conn.transaction().unwrap();
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO household VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'draft', ?12, 1)
                 ON CONFLICT (id) DO UPDATE SET head_name = excluded.head_name, phone = excluded.phone,
                     version = version + 1 WHERE excluded.updated_hlc > updated_hlc",
            )
            .unwrap();
        for row in rows {
            stmt.execute(rusqlite::params_from_iter(row)).unwrap();
        }
    }
    tx.commit().unwrap();
    started.elapsed()
}

fn bench(c: &mut Criterion) {
    let mut w = world();
    println!(
        "sync bench: batch of {CHANGES} new households, {} bytes encrypted",
        w.batch.len()
    );

    // Export of 100,000 changes (the device's whole pending log).
    let mut group = c.benchmark_group("sync");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    let mut export_times = Vec::new();
    group.bench_function("export_100k", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                let (bytes, _) = w.device.export_batch().unwrap();
                total += started.elapsed();
                std::hint::black_box(bytes);
            }
            export_times.push(total / iters.max(1) as u32);
            total
        })
    });

    let mut import_times = Vec::new();
    let mut import_cpu = Vec::new();
    let mut checkpoint_times = Vec::new();
    group.bench_function("import_100k_full_merge", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                copy(&w.pristine, &w.work);
                let mut county = Store::open(&w.work).unwrap();
                let (started, cpu) = (Instant::now(), cpu_time());
                let result = county.import_batch(&w.batch, false).unwrap();
                total += started.elapsed();
                import_cpu.push(cpu_time() - cpu);
                assert_eq!(result.report.entities["household"].new as usize, CHANGES);
                // The WAL's copy into the file runs after the answer; closing waits for it.
                let closing = Instant::now();
                drop(county);
                checkpoint_times.push(closing.elapsed());
            }
            import_times.push(total / iters.max(1) as u32);
            total
        })
    });

    // Re-import of the applied batch (the last import's database).
    let mut county = Store::open(&w.work).unwrap();
    let mut reimport_times = Vec::new();
    group.bench_function("reimport_100k", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                let result = county.import_batch(&w.batch, false).unwrap();
                total += started.elapsed();
                assert_eq!(result.report.outcome, "duplicate");
            }
            reimport_times.push(total / iters.max(1) as u32);
            total
        })
    });

    // The same rows, plain upsert.
    let rows: Vec<Vec<SqlValue>> = (0..CHANGES)
        .map(|i| {
            let id_number = format!("6212211990{i:08}");
            vec![
                SqlValue::Text(uuid::Uuid::now_v7().to_string()),
                SqlValue::Text(format!("户主{i}")),
                SqlValue::Text(id_number.clone()),
                SqlValue::Text(id_number.chars().rev().collect()),
                SqlValue::Integer((i % 6 + 1) as i64),
                SqlValue::Text(format!("village-{}", i % 27)),
                SqlValue::Text("一组".into()),
                SqlValue::Text("general".into()),
                SqlValue::Null,
                SqlValue::Text(format!("138{i:08}")),
                SqlValue::Text(String::new()),
                SqlValue::Integer(i as i64),
            ]
        })
        .collect();
    let plain_dir = w.pristine.parent().unwrap().to_path_buf();
    let mut plain_times = Vec::new();
    let mut plain_cpu = Vec::new();
    group.bench_function("plain_upsert_100k", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let cpu = cpu_time();
                total += plain_upsert(&plain_dir, &rows);
                plain_cpu.push(cpu_time() - cpu);
            }
            plain_times.push(total / iters.max(1) as u32);
            total
        })
    });
    group.finish();

    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v.get(v.len() / 2).copied().unwrap_or_default()
    };
    let (export, import, reimport, plain) = (
        median(&mut export_times),
        median(&mut import_times),
        median(&mut reimport_times),
        median(&mut plain_times),
    );
    let rate = |d: Duration| CHANGES as f64 / d.as_secs_f64();
    println!("== sync figures ({CHANGES} changes) ==");
    println!(
        "county import, full merge path: {:.2} s = {:.0} changes/s",
        import.as_secs_f64(),
        rate(import)
    );
    println!(
        "plain SQLite upsert, same rows: {:.2} s = {:.0} rows/s",
        plain.as_secs_f64(),
        rate(plain)
    );
    println!("ratio merge / plain: {:.2}", rate(import) / rate(plain));
    println!(
        "then, after the answer, the WAL copied into the database file (closing waits for it): {:.2} s",
        median(&mut checkpoint_times).as_secs_f64()
    );
    let (import_cpu, plain_cpu) = (median(&mut import_cpu), median(&mut plain_cpu));
    println!(
        "on-CPU (the machine is shared): import {:.0} changes per CPU-second, plain upsert {:.0} rows per CPU-second, ratio {:.2}",
        rate(import_cpu),
        rate(plain_cpu),
        rate(import_cpu) / rate(plain_cpu)
    );
    println!(
        "the bare write path on the laptop, same rows: {:.0} changes/s; import / write path: {:.2}",
        rate(w.write_path),
        rate(import) / rate(w.write_path)
    );
    println!(
        "re-import of the applied batch: {:.3} s",
        reimport.as_secs_f64()
    );
    println!("export of {CHANGES} changes: {:.2} s", export.as_secs_f64());
    w.batch.clear();
}

criterion_group!(benches, bench);
criterion_main!(benches);
